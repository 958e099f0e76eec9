// The HTTP API through real HTTP on loopback: every endpoint, bad parameters, oversized bodies,
// tokens, path traversal, and readers during an ingest.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/cli_runner.h"

extern char** environ;

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep_server_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "s.db").string();
    std::ofstream(dir_ / "token") << "s3cret-token-0123456789\n";
    auto r = testing::RunSitrep(
        {"ingest", "--db", db_, std::string(SITREP_SOURCE_DIR) + "/tests/fixtures/store_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Start the server on a free port and read the port it prints.
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = {
        SITREP_BINARY, "serve", "--db",         db_,
        "--port",      "0",     "--token-file", (dir_ / "token").string(),
        "--threads",   "4"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&pid_, SITREP_BINARY, &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    ASSERT_EQ(line.rfind("port ", 0), 0u) << line;
    port_ = std::stoi(line.substr(5));
  }
  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int st;
      waitpid(pid_, &st, 0);
    }
    fs::remove_all(dir_);
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20, 0);
    return c;
  }
  static httplib::Headers Auth() { return {{"Authorization", "Bearer s3cret-token-0123456789"}}; }
  // Polls a job until it has finished (30 s at most) and returns its last state.
  json WaitForJob(const std::string& id) {
    json j;
    for (int i = 0; i < 600; ++i) {
      j = Get("/api/jobs/" + id);
      if (j["status"] != "queued" && j["status"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return j;
  }
  json Get(const std::string& path, int expect = 200) {
    auto c = Client();
    auto res = c.Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, expect) << path << " -> " << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos)
        << path;
    return json::parse(res->body, nullptr, false);
  }
  static inline fs::path dir_;
  static inline std::string db_;
  static inline pid_t pid_ = -1;
  static inline int port_ = 0;
};

TEST_F(ServerTest, HealthAndStats) {
  EXPECT_EQ(Get("/api/health")["status"], "ok");
  json stats = Get("/api/stats");
  EXPECT_GT(stats["events"].get<int>(), 0);
  EXPECT_TRUE(stats["captures_per_day"].is_array());
  EXPECT_GT(stats["events_by_type"]["capture"].get<int>(), 0);
}

TEST_F(ServerTest, EventsWithFiltersAndPages) {
  json all = Get("/api/events?type=capture&limit=2");
  EXPECT_EQ(all["count"], 2);
  EXPECT_EQ(all["events"].size(), 2u);
  json next = Get("/api/events?type=capture&limit=2&offset=2");
  EXPECT_NE(next["events"][0]["id"], all["events"][0]["id"]);
  json kupiansk = Get("/api/events?place=Kupiansk&type=capture");
  EXPECT_EQ(kupiansk["count"], 3);
  for (const char* bad :
       {"/api/events?type=picnic", "/api/events?since=yesterday", "/api/events?limit=0",
        "/api/events?limit=abc", "/api/events?min_confidence=2"}) {
    json e = Get(bad, 400);
    EXPECT_TRUE(e["error"].is_string()) << bad;
  }
}

TEST_F(ServerTest, ControlMatchesTheCli) {
  json rows = Get("/api/control?at=2031-05-01");
  ASSERT_TRUE(rows.is_array());
  auto cli =
      testing::RunSitrep({"control", "--db", db_, "--at", "2031-05-01", "--format", "jsonl"});
  std::vector<json> lines;
  std::istringstream in(cli.out);
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  EXPECT_EQ(rows, json(lines));
  Get("/api/control", 400);
  Get("/api/control?at=2031-13-01", 400);
}

TEST_F(ServerTest, DivisionsAndAPlacesEvidence) {
  json d = Get("/api/divisions?at=2031-05-01&country=UA");
  ASSERT_TRUE(d["divisions"].is_array());
  EXPECT_GT(d["divisions"].size(), 20u);  // Ukraine's oblasts, whether or not they have reports
  json kharkiv;
  for (const json& div : d["divisions"]) {
    if (div["capital"] == "Kharkiv") kharkiv = div;
  }
  ASSERT_FALSE(kharkiv.is_null()) << d.dump();
  EXPECT_EQ(kharkiv["status"], "unknown");  // no report of Kharkiv itself
  // Kupiansk is not an oblast centre: nobody holds a capital in this record.
  EXPECT_EQ(d["summary"], json::array());
  Get("/api/divisions", 400);

  json rows = Get("/api/control?at=2031-05-01&country=UA");
  ASSERT_EQ(rows.size(), 1u);
  json ev = Get("/api/places/" + rows[0]["place_key"].get<std::string>() + "/evidence");
  ASSERT_FALSE(ev["reports"].empty());
  size_t for_ukraine = 0;
  for (const json& r : ev["reports"]) {
    EXPECT_FALSE(r["sentence"].get<std::string>().empty());
    EXPECT_LT(r["start"].get<int>(), r["end"].get<int>());
    if (r["stance"] == "for" && r["side"] == "Ukrainian government forces") ++for_ukraine;
  }
  EXPECT_EQ(for_ukraine, 2u);  // two reports of one recapture
  Get("/api/places/gn:1/evidence", 404);
}

TEST_F(ServerTest, TimelineAndDocuments) {
  json rows = Get("/api/control?at=2031-05-01&country=UA");
  ASSERT_EQ(rows.size(), 1u);
  std::string key = rows[0]["place_key"];
  json timeline = Get("/api/places/" + key + "/timeline");
  ASSERT_EQ(timeline.size(), 6u);  // held and then, a month on with no report, unknown; three times
  EXPECT_EQ(timeline[0]["status"], "held");
  EXPECT_EQ(timeline[1]["status"], "unknown");
  Get("/api/places/gn:1/timeline", 404);
  json doc = Get("/api/documents/02_recapture");
  EXPECT_EQ(doc["date"], "2031-04-12");
  ASSERT_FALSE(doc["spans"].empty());
  std::string text = doc["text"];
  size_t start = doc["spans"][0]["start"], end = doc["spans"][0]["end"];
  EXPECT_NE(text.substr(start, end - start).find("recaptured Kupiansk"), std::string::npos);
  Get("/api/documents/nope", 404);
}

TEST_F(ServerTest, WritesNeedTheTokenAndRunAsJobs) {
  std::string body =
      R"({"id":"post1","date":"2031-07-02","text":"Ukrainian troops recaptured Kupiansk on Wednesday."})";
  auto c = Client();
  auto none = c.Post("/api/documents", body, "application/x-ndjson");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  httplib::Headers wrong = {{"Authorization", "Bearer s3cret-tokeN-0123456789"}};
  auto bad = c.Post("/api/documents", wrong, body, "application/x-ndjson");
  EXPECT_EQ(bad->status, 401);
  auto ok = c.Post("/api/documents", Auth(), body + "\n[1]\n", "application/x-ndjson");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 202) << ok->body;  // queued; one line already rejected
  json queued = json::parse(ok->body);
  EXPECT_EQ(queued["documents"], 1);
  EXPECT_EQ(ok->get_header_value("Location"), "/api/jobs/" + queued["job"].get<std::string>());
  json done = WaitForJob(queued["job"]);
  EXPECT_EQ(done["status"], "done") << done;
  EXPECT_EQ(done["documents"], 1);
  EXPECT_EQ(done["rejected"].size(), 1u);
  EXPECT_EQ(done["rejected"][0].get<std::string>().rfind("request:2: ", 0), 0u) << done;
  auto again = c.Post("/api/documents", Auth(), body, "application/x-ndjson");
  EXPECT_EQ(WaitForJob(json::parse(again->body)["job"])["duplicates"], 1);
  auto garbage = c.Post("/api/documents", Auth(), "not json", "application/x-ndjson");
  EXPECT_EQ(garbage->status, 400);
  json rows = Get("/api/control?at=2031-07-05&country=UA");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["controller"], "Ukrainian government forces");
  Get("/api/jobs/0123456789abcdef0123456789abcdef", 404);
  Get("/api/jobs/..", 404);
}

TEST_F(ServerTest, OversizedBodiesAndUnknownPathsAreRefused) {
  auto c = Client();
  auto big = c.Post("/api/documents", Auth(), std::string(17u << 20, 'x'), "application/x-ndjson");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto missing = c.Get("/api/nothing");
  EXPECT_EQ(missing->status, 404);
  for (const char* path :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd"}) {
    auto r = c.Get(path);
    if (!r) continue;  // refusing the connection is refusing too
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
}

// Paths and parameters that decode to invalid UTF-8 once aborted the server from inside its error
// handler. Each gets a JSON answer, and the server still answers afterwards.
TEST_F(ServerTest, InvalidUtf8InPathsAndParametersIsAnsweredNotFatal) {
  const std::pair<const char*, int> cases[] = {{"/%FF", 404},
                                               {"/api/%C3%28", 404},
                                               {"/api/events?type=%FF", 400},
                                               {"/api/documents/%FF", 404},
                                               {"/api/places/%FF%FE/timeline", 404}};
  for (const auto& [path, status] : cases) {
    json body = Get(path, status);
    EXPECT_TRUE(body.contains("error")) << path;
  }
  EXPECT_EQ(Get("/api/health")["status"], "ok");
}

TEST_F(ServerTest, ReadersDuringAnIngest) {
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      auto c = Client();
      while (!done) {
        auto r = c.Get("/api/control?at=2031-05-01");
        if (!r || r->status != 200 || !json::parse(r->body, nullptr, false).is_array()) ++failures;
        ++reads;
      }
    });
  }
  auto c = Client();
  for (int i = 0; i < 20; ++i) {
    std::string body;
    for (int k = 0; k < 20; ++k) {
      body += json({{"id", "bulk" + std::to_string(i * 20 + k)},
                    {"date", "2031-08-01"},
                    {"text", "Shelling hit Kharkiv overnight, officials said. Report " +
                                 std::to_string(i * 20 + k) + "."}})
                  .dump() +
              "\n";
    }
    auto r = c.Post("/api/documents", Auth(), body, "application/x-ndjson");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 202) << r->body;
    EXPECT_EQ(WaitForJob(json::parse(r->body)["job"])["documents"], 20);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(reads, 0);
}

}  // namespace
}  // namespace sitrep
