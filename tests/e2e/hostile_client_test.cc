// The server against clients that do not play by the rules: connections that send nothing or
// trickle, header floods, range amplification, bodies sent without a token or without end, token
// guessing, wrong methods. Loopback only; every test is bounded in time (the server runs with a
// 2-second head timeout).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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
using std::chrono::milliseconds;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;

constexpr char kToken[] = "hostile-test-token-0123456789";

class HostileClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep_hostile_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "h.db").string();
    std::ofstream(dir_ / "token") << kToken << "\n";
    auto r = testing::RunSitrep(
        {"ingest", "--db", db_, std::string(SITREP_SOURCE_DIR) + "/tests/fixtures/store_corpus"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web" / "index.html") << std::string(4096, 'a');
    server_ = testing::StartServer(
        {"--db", db_, "--token-file", (dir_ / "token").string(), "--web", (dir_ / "web").string(),
         "--timeout", "2", "--threads", "4", "--max-connections-per-client", "32"},
        (dir_ / "server.log").string());
    ASSERT_GT(server_.pid, 0);
  }
  static void TearDownTestSuite() {
    if (server_.pid > 0) {
      kill(server_.pid, SIGKILL);
      waitpid(server_.pid, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  static int port() { return server_.port; }

  // One request on a fresh connection; the whole response.
  static std::string Request(const std::string& raw, milliseconds timeout = milliseconds(5000)) {
    RawConnection c(port());
    EXPECT_TRUE(c.ok());
    c.Send(raw);
    return c.ReadResponse(timeout);
  }

  // GET /api/health on a fresh connection: how long until the answer, and its status.
  static std::pair<double, int> TimedHealth() {
    auto start = Clock::now();
    std::string r = Request("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    return {std::chrono::duration<double>(Clock::now() - start).count(), testing::StatusOf(r)};
  }

  static void ExpectJsonError(const std::string& response, int status) {
    EXPECT_EQ(testing::StatusOf(response), status) << response.substr(0, 200);
    EXPECT_NE(RawConnection::Header(response, "content-type").find("application/json"),
              std::string::npos)
        << response.substr(0, 200);
    json body = json::parse(testing::BodyOf(response), nullptr, false);
    EXPECT_TRUE(body.is_object() && body["error"].is_string()) << response.substr(0, 300);
    EXPECT_EQ(testing::BodyOf(response).find(dir_.string()), std::string::npos);
  }

  static inline fs::path dir_;
  static inline std::string db_;
  static inline testing::ServerProcess server_;
};

TEST_F(HostileClientTest, IdleConnectionsDoNotDelayTheHealthCheck) {
  std::vector<RawConnection> idle;
  for (int i = 0; i < 200; ++i) idle.emplace_back(port());
  for (int i = 0; i < 5; ++i) {
    auto [seconds, status] = TimedHealth();
    EXPECT_EQ(status, 200);
    EXPECT_LT(seconds, 1.0);
  }
}

TEST_F(HostileClientTest, TricklingHeadsDoNotBlockTheHealthCheckAndTimeOut) {
  std::vector<RawConnection> slow;
  for (int i = 0; i < 16; ++i) {
    slow.emplace_back(port());
    slow.back().Send("GET /api/events HTTP/1.1\r\n");
  }
  auto start = Clock::now();
  while (Clock::now() - start < milliseconds(1500)) {
    for (auto& c : slow) c.Send("X");
    auto [seconds, status] = TimedHealth();
    EXPECT_EQ(status, 200);
    EXPECT_LT(seconds, 1.0);
    std::this_thread::sleep_for(milliseconds(250));
  }
  // A head that has not arrived after the timeout (2 s here) is answered 408 and closed.
  std::string r = slow[0].ReadAll(milliseconds(4000));
  ExpectJsonError(r, 408);
}

TEST_F(HostileClientTest, HeadLimits) {
  std::string many = "GET /api/health HTTP/1.1\r\n";
  for (int i = 0; i < 150; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  ExpectJsonError(Request(many + "\r\n"), 431);
  ExpectJsonError(
      Request("GET /api/health HTTP/1.1\r\nX-Big: " + std::string(40000, 'b') + "\r\n\r\n"), 431);
  // A header line that never ends costs the server no more than the head limit.
  {
    RawConnection c(port());
    c.Send("GET /api/health HTTP/1.1\r\nX-Endless: ");
    bool refused = false;
    for (int i = 0; i < 64 && !refused; ++i) refused = !c.Send(std::string(4096, 'e'));
    std::string r = c.ReadAll(milliseconds(2000));
    EXPECT_TRUE(refused || testing::StatusOf(r) == 431) << r.substr(0, 100);
  }
  ExpectJsonError(Request("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n"), 414);
  ExpectJsonError(Request("GET /api/health HTTP/1.1\nHost: x\n\n"), 400);
  ExpectJsonError(Request("BREW /api/health HTTP/1.1\r\n\r\n"), 400);
  // Blank lines before a request are allowed (RFC 9112 2.2).
  EXPECT_EQ(testing::StatusOf(Request("\r\n\r\nGET /api/health HTTP/1.1\r\n\r\n")), 200);
}

TEST_F(HostileClientTest, OneRangePerRequest) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 2000; ++i) ranges += ",0-";
  for (const char* path : {"/index.html", "/api/stats", "/api/control?at=2031-05-01"}) {
    std::string r = Request(std::string("GET ") + path + " HTTP/1.1\r\nRange: " + ranges +
                            "\r\nConnection: close\r\n\r\n");
    ExpectJsonError(r, 416);
    EXPECT_LT(r.size(), 1000u);
  }
  std::string one = Request("GET /index.html HTTP/1.1\r\nRange: bytes=0-9\r\n\r\n");
  EXPECT_EQ(testing::StatusOf(one), 206);
  EXPECT_EQ(testing::BodyOf(one), std::string(10, 'a'));
}

TEST_F(HostileClientTest, TheTokenIsCheckedBeforeAnyBodyIsRead) {
  size_t before = testing::MemoryKb(server_.pid);
  // A gigabyte announced, none sent: the answer comes at once.
  for (const char* auth : {"", "Authorization: Bearer wrong-token-wrong-token\r\n"}) {
    RawConnection c(port());
    c.Send(std::string("POST /api/documents HTTP/1.1\r\nContent-Length: 1073741824\r\n") + auth +
           "\r\n");
    std::string r = c.ReadResponse(milliseconds(2000));
    ExpectJsonError(r, 401);
    EXPECT_EQ(RawConnection::Header(r, "connection"), "close");
  }
  // Chunked, without a token: the same, however much is sent.
  {
    RawConnection c(port());
    c.Send("POST /api/documents HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string chunk = "100000\r\n" + std::string(0x100000, 'x') + "\r\n";
    for (int i = 0; i < 8 && c.Send(chunk); ++i) {
    }
    ExpectJsonError(c.ReadResponse(milliseconds(3000)), 401);
  }
  // Chunked with the token: held to the same 16 MiB limit as a declared length.
  {
    RawConnection c(port());
    c.Send(std::string("POST /api/documents HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                       "Authorization: Bearer ") +
           kToken + "\r\n\r\n");
    std::string chunk = "100000\r\n" + std::string(0x100000, 'x') + "\r\n";
    for (int i = 0; i < 20 && c.Send(chunk); ++i) {
    }
    ExpectJsonError(c.ReadResponse(milliseconds(5000)), 413);
  }
  // A declared length over the limit is refused before it is sent.
  ExpectJsonError(Request(std::string("POST /api/documents HTTP/1.1\r\nContent-Length: "
                                      "17000000\r\nAuthorization: Bearer ") +
                          kToken + "\r\n\r\n"),
                  413);
  size_t after = testing::MemoryKb(server_.pid);
  EXPECT_LT(after, before + 64 * 1024) << before << " KiB -> " << after << " KiB";
}

TEST_F(HostileClientTest, ExpectContinueIsRefusedBeforeTheBody) {
  RawConnection c(port());
  c.Send("POST /api/documents HTTP/1.1\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n");
  ExpectJsonError(c.ReadResponse(milliseconds(2000)), 401);
}

TEST_F(HostileClientTest, FailedTokensAreSlowedPerClient) {
  int unauthorized = 0, throttled = 0;
  std::string retry;
  for (int i = 0; i < 40; ++i) {
    std::string r = Request(
        "POST /api/documents HTTP/1.1\r\nContent-Length: 2\r\nAuthorization: Bearer guess-" +
        std::to_string(i) + "-aaaaaaaaaaaa\r\n\r\n{}");
    int s = testing::StatusOf(r);
    if (s == 401) ++unauthorized;
    if (s == 429) {
      ++throttled;
      retry = RawConnection::Header(r, "retry-after");
      ExpectJsonError(r, 429);
    }
  }
  EXPECT_LE(unauthorized, 8);
  EXPECT_GE(throttled, 30);
  EXPECT_FALSE(retry.empty());
  // While throttled even the right token is not compared: a refusal tells a guesser nothing.
  std::string r = Request(std::string("POST /api/documents HTTP/1.1\r\nContent-Length: 2\r\n"
                                      "Authorization: Bearer ") +
                          kToken + "\r\n\r\n{}");
  EXPECT_EQ(testing::StatusOf(r), 429);
}

TEST_F(HostileClientTest, WrongMethodsAre405WithAllow) {
  std::string r = Request("DELETE /api/events HTTP/1.1\r\n\r\n");
  ExpectJsonError(r, 405);
  EXPECT_EQ(RawConnection::Header(r, "allow"), "GET, HEAD");
  r = Request("GET /api/documents HTTP/1.1\r\n\r\n");
  ExpectJsonError(r, 405);
  EXPECT_EQ(RawConnection::Header(r, "allow"), "POST");
  r = Request("PUT /api/documents/x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
  ExpectJsonError(r, 405);
  ExpectJsonError(Request("POST /index.html HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), 405);
  ExpectJsonError(Request("PATCH /api/nothing HTTP/1.1\r\n\r\n"), 404);
  {
    RawConnection c(port());
    c.Send("HEAD /api/health HTTP/1.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(testing::StatusOf(c.ReadAll(milliseconds(2000))), 200);
  }
  r = Request("OPTIONS /api/events HTTP/1.1\r\n\r\n");
  EXPECT_EQ(testing::StatusOf(r), 204);
  EXPECT_EQ(RawConnection::Header(r, "allow"), "GET, HEAD");
}

TEST_F(HostileClientTest, ABodyOnAGetDoesNotBecomeTheNextRequest) {
  RawConnection c(port());
  c.Send(
      "GET /api/health HTTP/1.1\r\nContent-Length: 40\r\n\r\n"
      "GET /api/nothing HTTP/1.1\r\nX: y\r\n\r\n");
  std::string r = c.ReadAll(milliseconds(3000));
  EXPECT_EQ(testing::StatusOf(r), 200);
  EXPECT_EQ(r.find("HTTP/1.1 404"), std::string::npos) << r;
}

TEST_F(HostileClientTest, KeepAliveAnswersWithoutNagleDelay) {
  RawConnection c(port());
  auto start = Clock::now();
  const int n = 100;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(c.Send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_EQ(testing::StatusOf(c.ReadResponse(milliseconds(2000))), 200);
  }
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count() / n;
  EXPECT_LT(ms, 10.0);  // 44 ms per request with Nagle and delayed ACKs
  // Pipelined requests are answered in order.
  RawConnection p(port());
  p.Send("GET /api/health HTTP/1.1\r\n\r\nGET /api/nothing HTTP/1.1\r\n\r\n");
  std::string both = p.ReadResponse(milliseconds(2000));
  both += p.ReadResponse(milliseconds(2000));
  EXPECT_EQ(testing::StatusOf(both), 200);
  EXPECT_NE(both.find("HTTP/1.1 404"), std::string::npos);
}

TEST_F(HostileClientTest, ConnectionsPerClientAreBoundedByClosingTheIdlest) {
  std::vector<RawConnection> mine;
  for (int i = 0; i < 40; ++i) mine.emplace_back(port());
  std::this_thread::sleep_for(milliseconds(300));
  // The server keeps at most 32 from one address: the oldest idle ones were closed.
  EXPECT_TRUE(mine[0].ClosedWithin(milliseconds(1000)));
  EXPECT_FALSE(mine[39].ClosedWithin(milliseconds(100)));
  auto [seconds, status] = TimedHealth();
  EXPECT_EQ(status, 200);
  EXPECT_LT(seconds, 1.0);
}

TEST_F(HostileClientTest, ErrorsAreJsonAndServerSurvivesGarbage) {
  for (const std::string& junk :
       {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), std::string(100, '\0'),
        std::string("GET /%FF%FE HTTP/1.1\r\n"),
        std::string("GET /api/places/") + std::string(8000, 'p') + "/timeline HTTP/1.1\r\n",
        std::string("GET /api/events?") + std::string(7000, '&') + " HTTP/1.1\r\n",
        std::string("GET /api/events?since=%00&limit=1e999&type=%FF HTTP/1.1\r\n"),
        std::string("POST /api/documents HTTP/1.1\r\nContent-Length: -1\r\n"),
        std::string("POST /api/documents HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n"),
        std::string("GET /api/health HTTP/1.1\r\nRange: bytes=99999999999999999999-\r\n")}) {
    RawConnection c(port());
    // Complete requests ask for the connection to close; the two without a line end are answered
    // 408 when the head timeout passes.
    c.Send(junk.ends_with("\r\n") ? junk + "Connection: close\r\n\r\n" : junk);
    std::string r = c.ReadAll(milliseconds(3000));
    EXPECT_FALSE(r.empty()) << junk.substr(0, 40);
    if (!r.empty()) {
      EXPECT_NE(RawConnection::Header(r, "content-type").find("application/json"),
                std::string::npos)
          << r.substr(0, 200);
      EXPECT_GE(testing::StatusOf(r), 200) << r.substr(0, 200);
    }
  }
  auto [seconds, status] = TimedHealth();
  EXPECT_EQ(status, 200);
}

// A body is read on a request thread: slow senders, even with the token, get only a few of them
// (half of the 4 here), so reads go on being answered.
TEST_F(HostileClientTest, SlowUploadsTakeOnlyTheirUploadSlots) {
  std::vector<RawConnection> slow;
  std::vector<std::string> answers;
  for (int i = 0; i < 6; ++i) {
    slow.emplace_back(port());
    slow.back().Send(std::string("POST /api/documents HTTP/1.1\r\nContent-Length: 100000\r\n"
                                 "Authorization: Bearer ") +
                     kToken + "\r\n\r\n{\"id\":");
    std::this_thread::sleep_for(milliseconds(50));
  }
  int busy = 0;
  for (auto& c : slow) {
    std::string r = c.ReadResponse(milliseconds(300));
    if (testing::StatusOf(r) == 503) {
      ++busy;
      EXPECT_FALSE(RawConnection::Header(r, "retry-after").empty());
    }
  }
  EXPECT_EQ(busy, 4);
  for (int i = 0; i < 10; ++i) {
    auto start = Clock::now();
    std::string r = Request("GET /api/events?limit=1 HTTP/1.1\r\n\r\n");
    EXPECT_EQ(testing::StatusOf(r), 200);
    EXPECT_LT(Clock::now() - start, milliseconds(1000));
  }
}

// Only a token presented and wrong counts against a client: requests without one guess nothing.
TEST_F(HostileClientTest, RequestsWithoutATokenAreNotThrottled) {
  for (int i = 0; i < 30; ++i) {
    std::string r = Request("POST /api/documents HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
    ASSERT_EQ(testing::StatusOf(r), 401) << i;
  }
}

}  // namespace
}  // namespace sitrep
