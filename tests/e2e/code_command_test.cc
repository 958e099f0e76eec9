// `sitrep code` through the real binary: formats, ordering, exit codes and bad input.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using testing::RunSitrep;

class CodeCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_e2e_" + std::to_string(::getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& rel, const std::string& content) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << content;
    return (dir_ / rel).string();
  }
  fs::path dir_;
};

TEST_F(CodeCommandTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunSitrep({}).exit_code, 2);
  EXPECT_EQ(RunSitrep({"code"}).exit_code, 2);
  EXPECT_EQ(RunSitrep({"code", "--format", "xml", "-"}).exit_code, 2);
  auto missing = RunSitrep({"code", (dir_ / "does-not-exist").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("does-not-exist: no such file"), std::string::npos) << missing.err;
}

TEST_F(CodeCommandTest, BadDocumentsAreCountedAndTheRestCoded) {
  Write("a.txt", "date 2023-01-01 Fine report.");
  Write("b.txt", "");
  Write("c.txt", "date 2023-01-01 bad \xc3\x28 utf8");
  Write("d.jsonl", "{\"id\":\"d1\",\"date\":\"2023-01-01\",\"text\":\"ok\",\"extra\":1}\n");
  Write("e.txt", std::string(3 << 20, 'x'));  // 3 MB with no newline and no date line
  auto r = RunSitrep({"code", "--max-doc-bytes", "1048576", dir_.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("b.txt:1: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c.txt:1: invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("d.jsonl:1: unknown field \"extra\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("e.txt:1: document larger than"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("4 document(s) rejected, 1 coded"), std::string::npos) << r.err;
}

TEST_F(CodeCommandTest, AHundredMegabytesWithoutANewlineIsRefusedQuickly) {
  std::string path = (dir_ / "huge.txt").string();
  {
    std::ofstream f(path, std::ios::binary);
    std::string chunk(1 << 20, 'y');
    f << "date 2023-01-01 ";
    for (int i = 0; i < 100; ++i) f << chunk;
  }
  auto r = RunSitrep({"code", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("huge.txt:1: document larger than"), std::string::npos) << r.err;
  auto j = RunSitrep({"code", "-"}, std::string(100 << 20, '{'));
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_NE(j.err.find("<stdin>:1: line longer than"), std::string::npos) << j.err;
}

TEST_F(CodeCommandTest, StdinTakesEitherFormat) {
  auto dated = RunSitrep({"code", "-"}, "date 2023-04-16 Fighting in Khartoum.");
  EXPECT_EQ(dated.exit_code, 0) << dated.err;
  auto jsonl =
      RunSitrep({"code", "-"}, "{\"id\":\"s1\",\"date\":\"2023-04-16\",\"text\":\"Fighting.\"}\n");
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
}

TEST_F(CodeCommandTest, HeaderLinesGiveTheSourceAndLeaveOffsetsInTheArticle) {
  const std::string article = "Rebel fighters captured Goma on Monday, witnesses said.\n";
  std::string path = Write("goma.txt",
                           "date 2025-01-28\nsource Example Wire\n"
                           "url https://example.org/goma\n\n" +
                               article);
  auto r = RunSitrep({"code", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto first = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  EXPECT_EQ(first["type"], "capture") << r.out;
  EXPECT_EQ(first["source"], "Example Wire");
  size_t start = first["evidence"]["start"], end = first["evidence"]["end"];
  ASSERT_LE(end, article.size());
  EXPECT_EQ(article.substr(start, end - start), first["evidence"]["sentence"]);
}

TEST_F(CodeCommandTest, GeoJsonIsAFeatureCollectionEvenWhenEmpty) {
  auto r = RunSitrep({"code", "--format", "geojson", "-"}, "date 2023-04-16 Nothing happened.");
  ASSERT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_TRUE(j["features"].is_array());
}

TEST_F(CodeCommandTest, CsvHasAcledColumnsFirst) {
  auto r = RunSitrep({"code", "--format", "csv", "-"}, "date 2023-04-16 Nothing happened.");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("event_date,event_type,sub_event_type,actor1,actor2,admin1,location,"
                        "latitude,longitude,time_precision,notes,source,doc,",
                        0),
            0u)
      << r.out;
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

// A document over its time budget is refused once it passes it; the documents around it are
// still coded.
TEST(CodeBudgetCliTest, ADocumentOverItsTimeBudgetIsRejectedNotWaitedFor) {
  fs::path dir = fs::temp_directory_path() / ("sitrep_budget_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string dense = "date 2021-08-11\n";
  while (dense.size() < (2u << 20)) dense += "Kabul Kandahar Herat ";
  std::ofstream(dir / "a_dense.txt") << dense;
  std::ofstream(dir / "b_fine.txt") << "date 2021-08-11\nThe Taliban captured Kunduz on Sunday.\n";
  auto start = std::chrono::steady_clock::now();
  // A budget far below what any window of the dense document takes: rejected whatever the
  // machine's speed.
  auto r = testing::RunSitrep({"code", "--max-doc-seconds", "0.001", dir.string()});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("a_dense.txt: coding took longer than"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("Kunduz"), std::string::npos);
  EXPECT_LT(seconds, 15);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

// Files that are not files: a FIFO with no writer once hung `code` forever; sockets and devices
// are not reports either. Each is rejected by name, the rest is coded, and the exit code says so.
TEST(SpecialFilesTest, FifosSocketsAndDevicesAreRefusedNotWaitedFor) {
  fs::path dir = fs::temp_directory_path() / ("sitrep_special_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus");
  std::ofstream(dir / "corpus" / "a.txt") << "date 2021-08-11\nThe Taliban captured Kunduz.\n";
  ASSERT_EQ(mkfifo((dir / "corpus" / "b_fifo").c_str(), 0644), 0);
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock_path = (dir / "corpus" / "c_socket").string();
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  auto start = std::chrono::steady_clock::now();
  auto r = testing::RunSitrep({"code", (dir / "corpus").string(), "/dev/null"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("Kunduz"), std::string::npos);
  EXPECT_NE(r.err.find("b_fifo: a FIFO, not a regular file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c_socket: a socket, not a regular file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/dev/null: a character device, not a regular file"), std::string::npos)
      << r.err;
  ::close(sock);
  fs::remove_all(dir);
}

// A sub-folder the user cannot read is reported and counted, not skipped in silence.
TEST(SpecialFilesTest, UnreadableFoldersAreReportedAndCounted) {
  fs::path dir = fs::temp_directory_path() / ("sitrep_unreadable_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus" / "locked");
  std::ofstream(dir / "corpus" / "a.txt") << "date 2021-08-11\nThe Taliban captured Kunduz.\n";
  std::ofstream(dir / "corpus" / "locked" / "b.txt") << "date 2021-08-11\nTroops took Herat.\n";
  fs::permissions(dir / "corpus" / "locked", fs::perms::none);
  fs::permissions(dir, fs::perms::all);
  std::string err_file = (dir / "err.txt").string();
  // Root reads everything: the run is then made as nobody.
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
    int fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int null = ::open("/dev/null", O_WRONLY);
    if (fd < 0 || null < 0) _exit(98);
    dup2(fd, 2);
    dup2(null, 1);
    std::string corpus = (dir / "corpus").string();
    execl(SITREP_BINARY, SITREP_BINARY, "code", corpus.c_str(), static_cast<char*>(nullptr));
    _exit(97);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  fs::permissions(dir / "corpus" / "locked", fs::perms::owner_all);
  std::ifstream in(err_file);
  std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  EXPECT_NE(err.find("locked: cannot read folder: Permission denied"), std::string::npos) << err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep
