// The server's life: ingest jobs on a bounded queue (202, polling, 503 when full, per-document
// budgets) and stopping on SIGTERM or SIGINT within seconds, whatever it is doing. Each test
// starts its own server on loopback.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/raw_http.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr char kToken[] = "lifecycle-token-0123456789";

class ServerLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_lifecycle_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "l.db").string();
    std::ofstream(dir_ / "token") << kToken << "\n";
  }
  void TearDown() override {
    if (server_.pid > 0) {
      kill(server_.pid, SIGKILL);
      waitpid(server_.pid, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  void Start(std::vector<std::string> extra = {}) {
    // These tests start on an empty store and POST into it.
    std::vector<std::string> args = {"--db",      db_, "--token-file", (dir_ / "token").string(),
                                     "--timeout", "2", "--create"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = testing::StartServer(args, (dir_ / "server.log").string());
    ASSERT_GT(server_.pid, 0);
  }

  // Sends `sig` and waits for the server to end: its exit code and the seconds it took.
  std::pair<int, double> StopWith(int sig) {
    auto start = Clock::now();
    // Never kill(-1, ...): a server that failed to start would take every process with it.
    if (server_.pid <= 0) return {-1, 0.0};
    kill(server_.pid, sig);
    int code = -1;
    for (int i = 0; i < 300; ++i) {  // 30 s at most
      int status;
      if (waitpid(server_.pid, &status, WNOHANG) == server_.pid) {
        code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        server_.pid = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {code, std::chrono::duration<double>(Clock::now() - start).count()};
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_.port);
    c.set_read_timeout(10, 0);
    return c;
  }

  httplib::Result Post(const std::string& body) {
    return Client().Post("/api/documents", {{"Authorization", std::string("Bearer ") + kToken}},
                         body, "application/x-ndjson");
  }

  json Job(const std::string& id) {
    auto r = Client().Get("/api/jobs/" + id);
    return r ? json::parse(r->body, nullptr, false) : json();
  }

  json WaitForJob(const std::string& id, std::initializer_list<const char*> until) {
    json j;
    for (int i = 0; i < 300; ++i) {
      j = Job(id);
      for (const char* s : until) {
        if (j["status"] == s) return j;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return j;
  }

  // One JSON line whose coding takes a long time: 2 MB where every word is a place.
  static std::string DenseDocument(const std::string& id) {
    std::string text;
    while (text.size() < (2u << 20)) text += "Kabul Kandahar Herat ";
    return json({{"id", id}, {"date", "2021-08-11"}, {"text", text}}).dump() + "\n";
  }

  fs::path dir_;
  std::string db_;
  testing::ServerProcess server_;
};

TEST_F(ServerLifecycleTest, ADocumentOverItsBudgetIsRejectedAndTheJobGoesOn) {
  // A budget far below what any window of the dense document takes: rejected whatever the
  // machine's speed.
  Start({"--max-doc-seconds", "0.001"});
  std::string body = DenseDocument("dense") +
                     R"({"id":"fine","date":"2031-07-02","text":"Troops recaptured Kupiansk."})";
  auto r = Post(body);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  json done = WaitForJob(json::parse(r->body)["job"], {"done", "failed"});
  EXPECT_EQ(done["status"], "done") << done;
  EXPECT_EQ(done["documents"], 1);
  ASSERT_EQ(done["rejected"].size(), 1u) << done;
  EXPECT_NE(done["rejected"][0].get<std::string>().find("coding took longer than"),
            std::string::npos);
}

TEST_F(ServerLifecycleTest, AFullQueueAnswers503WithRetryAfter) {
  Start({"--max-queued-jobs", "1", "--max-doc-seconds", "0"});
  auto running = Post(DenseDocument("a"));
  ASSERT_EQ(running->status, 202);
  std::string first = json::parse(running->body)["job"];
  WaitForJob(first, {"running"});
  auto queued = Post(DenseDocument("b"));
  ASSERT_EQ(queued->status, 202);
  std::string second = json::parse(queued->body)["job"];
  EXPECT_EQ(Job(second)["position"], 0);
  auto full = Post(DenseDocument("c"));
  ASSERT_TRUE(full);
  EXPECT_EQ(full->status, 503) << full->body;
  EXPECT_FALSE(full->get_header_value("Retry-After").empty());
  // Stopping cancels what is queued and what runs, and ends within seconds.
  auto [code, seconds] = StopWith(SIGTERM);
  EXPECT_EQ(code, 0);
  EXPECT_LT(seconds, 5.0);
}

TEST_F(ServerLifecycleTest, SigtermStopsWithinSecondsWhileAPostIsCoded) {
  Start({"--max-doc-seconds", "0"});
  auto r = Post(DenseDocument("long"));
  ASSERT_EQ(r->status, 202);
  EXPECT_EQ(WaitForJob(json::parse(r->body)["job"], {"running"})["status"], "running");
  std::vector<testing::RawConnection> idle;
  for (int i = 0; i < 20; ++i) idle.emplace_back(server_.port);
  auto [code, seconds] = StopWith(SIGTERM);
  EXPECT_EQ(code, 0);
  EXPECT_LT(seconds, 5.0);
  // The store was closed cleanly: it opens, and nothing of the cancelled job is in it.
  auto events = testing::RunSitrep({"events", "--db", db_, "--format", "jsonl"});
  EXPECT_EQ(events.exit_code, 1) << events.err;  // nothing matches
  EXPECT_NE(events.err.find("no events match"), std::string::npos) << events.err;
  EXPECT_EQ(events.out, "");
}

TEST_F(ServerLifecycleTest, SigintStopsWhileAClientTricklesABody) {
  Start();
  testing::RawConnection slow(server_.port);
  slow.Send(std::string("POST /api/documents HTTP/1.1\r\nContent-Length: 100000\r\n"
                        "Authorization: Bearer ") +
            kToken + "\r\n\r\n{\"id\":");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto [code, seconds] = StopWith(SIGINT);
  EXPECT_EQ(code, 0);
  EXPECT_LT(seconds, 8.0);
}

TEST_F(ServerLifecycleTest, ManyJobsAllLand) {
  Start();
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    std::string body;
    for (int k = 0; k < 10; ++k) {
      json doc = {{"date", "2031-08-01"}};
      doc["id"] = std::string("d").append(std::to_string(i * 10 + k));
      doc["text"] =
          std::string("Shelling hit Kharkiv overnight. Report ").append(std::to_string(i));
      body += doc.dump();
      body += "\n";
    }
    auto r = Post(body);
    ASSERT_TRUE(r);
    if (r->status == 503) {  // a full queue asks to come back later
      std::this_thread::sleep_for(std::chrono::seconds(1));
      r = Post(body);
    }
    ASSERT_EQ(r->status, 202) << r->body;
    ids.push_back(json::parse(r->body)["job"]);
  }
  size_t stored = 0;
  for (const auto& id : ids)
    stored += WaitForJob(id, {"done", "failed"})["documents"].get<size_t>();
  EXPECT_EQ(stored, 100u);
  auto [code, seconds] = StopWith(SIGTERM);
  EXPECT_EQ(code, 0);
}

// A damaged database file: the background check finds it, /api/health says so, and writes are
// refused; the answers name neither the file nor SQLite's words.
TEST_F(ServerLifecycleTest, ACorruptStoreIsUnhealthyAndRefusesWrites) {
  auto ingest = testing::RunSitrep(
      {"ingest", "--db", db_, std::string(SITREP_SOURCE_DIR) + "/tests/fixtures/store_corpus"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  Start({"--store-check-seconds", "1"});
  EXPECT_EQ(Client().Get("/api/health")->status, 200);
  {
    std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string junk(3 * 4096, '\xAB');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  int status = 0;
  std::string body;
  for (int i = 0; i < 60 && status != 503; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = Client().Get("/api/health");
    status = r ? r->status : 0;
    body = r ? r->body : "";
  }
  EXPECT_EQ(status, 503) << body;
  EXPECT_EQ(json::parse(body, nullptr, false)["status"], "unhealthy") << body;
  EXPECT_EQ(body.find(dir_.string()), std::string::npos) << body;
  EXPECT_EQ(body.find("malformed"), std::string::npos) << body;
  auto write = Post(R"({"id":"x","date":"2031-07-02","text":"Troops recaptured Kupiansk."})");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->status, 503) << write->body;
}

TEST_F(ServerLifecycleTest, AFileThatIsNotADatabaseIsUnhealthy) {
  Start({"--store-check-seconds", "0"});
  EXPECT_EQ(Client().Get("/api/health")->status, 200);
  {
    std::ofstream f(db_, std::ios::binary | std::ios::trunc);
    f << std::string(8192, 'z');
  }
  fs::remove(db_ + "-wal");
  fs::remove(db_ + "-shm");
  auto r = Client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503) << r->body;
  EXPECT_EQ(r->body.find(dir_.string()), std::string::npos) << r->body;
  auto events = Client().Get("/api/events");
  EXPECT_EQ(events->status, 503);
  EXPECT_EQ(events->body.find(dir_.string()), std::string::npos) << events->body;
  auto write = Post(R"({"id":"x","date":"2031-07-02","text":"Troops recaptured Kupiansk."})");
  EXPECT_EQ(write->status, 503) << write->body;
}

// A token file that is set but unusable stops the server at start, saying why (never the token).
TEST_F(ServerLifecycleTest, UnusableTokenFilesAreAStartUpError) {
  const std::pair<std::string, std::string> cases[] = {
      {"     \n\t\n", "the token file is empty"},
      {"short\n", "the token has 5 characters; at least 16 are needed"},
      {"first-line-token-long-enough\nsecond-line-also-long\n",
       "the token file must hold one line"},
      {"token with spaces in it!!\n", "the token may not contain white space"},
  };
  std::string path = (dir_ / "bad-token").string();
  for (const auto& [content, message] : cases) {
    std::ofstream(path, std::ios::trunc) << content;
    auto r = testing::RunSitrep({"serve", "--db", db_, "--port", "0", "--token-file", path});
    EXPECT_EQ(r.exit_code, 2) << content;
    EXPECT_NE(r.err.find(path + ": " + message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  auto missing = testing::RunSitrep(
      {"serve", "--db", db_, "--port", "0", "--token-file", (dir_ / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the token file"), std::string::npos) << missing.err;
  // White space around a good token is trimmed.
  std::ofstream(dir_ / "token", std::ios::trunc) << "  \t" << kToken << " \r\n\n";
  Start();
  auto r = Post(R"({"id":"t","date":"2031-07-02","text":"Troops recaptured Kupiansk."})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202) << r->body;
}

TEST_F(ServerLifecycleTest, ADatabaseThatDoesNotExistIsRefusedUnlessCreateIsGiven) {
  // A mistyped --db used to be created and served as an empty map.
  std::string typo = (dir_ / "typo.db").string();
  auto r = testing::RunSitrep({"serve", "--db", typo, "--port", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(typo + ": no such database"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--create"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(typo));
  // With --create it starts on a new, empty store.
  Start();
  EXPECT_TRUE(fs::exists(db_));
}

}  // namespace
}  // namespace sitrep
