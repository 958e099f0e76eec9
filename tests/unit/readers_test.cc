#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sitrep/document.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

TEST(DatedTextTest, ReadsTheReferenceShape) {
  auto doc = ParseDatedText(" date 2023-04-16 Fighting broke out in Khartoum.\n\nSecond paragraph.",
                            "a", "a.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->date, (Date{2023, 4, 16}));
  EXPECT_EQ(doc->text, "Fighting broke out in Khartoum.\n\nSecond paragraph.");
  EXPECT_EQ(doc->id, "a");
}

TEST(DatedTextTest, ArticleMayStartOnTheNextLine) {
  auto doc = ParseDatedText("\n\n  date 2022-02-24\nTanks crossed the border.\n", "b", "b.txt");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Tanks crossed the border.\n");
}

TEST(DatedTextTest, RejectionsNameFileAndLine) {
  struct Case {
    std::string content, expect;
  } cases[] = {
      {"", "x.txt:1: empty file"},
      {"\n\n   \n", "x.txt:1: empty file"},
      {"\n\nTanks crossed.", "x.txt:3: expected 'date YYYY-MM-DD'"},
      {"date 2021-02-30 text", "x.txt:1: malformed date"},
      {"date 21-02-03 text", "x.txt:1: malformed date"},
      {"date 2021-02-03x text", "x.txt:1: malformed date"},
      {"date 2021-02-03", "x.txt:1: no article text"},
      {std::string("date 2021-02-03 a\nb\0c", 21), "x.txt:2: binary data"},
      {"date 2021-02-03 ok\n\nbad \xff byte", "x.txt:3: invalid UTF-8"},
  };
  for (const Case& c : cases) {
    auto doc = ParseDatedText(c.content, "x", "x.txt");
    ASSERT_FALSE(doc.ok()) << c.content;
    EXPECT_EQ(doc.status().code(), Status::Code::kInvalidInput);
    EXPECT_EQ(doc.status().message().rfind(c.expect, 0), 0u)
        << "got: " << doc.status().message() << "\nwant prefix: " << c.expect;
  }
}

TEST(DatedTextTest, HeaderLinesAfterTheDateFillSourceUrlAndTitle) {
  const std::string body = "Rebels entered Goma on Sunday.\n\nThe airport was shut.\n";
  auto doc = ParseDatedText(
      "date 2025-01-27\nsource Agence Example \r\nurl https://example.org/goma?id=7\n"
      "title Goma falls\n\n" +
          body,
      "g", "g.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->source, "Agence Example");
  EXPECT_EQ(doc->url, "https://example.org/goma?id=7");
  EXPECT_EQ(doc->title, "Goma falls");
  // Offsets stay offsets into the article: the headers are not part of it.
  EXPECT_EQ(doc->text, body);
  // Any order, any subset, the article may follow without a blank line.
  auto two =
      ParseDatedText("date 2025-01-27\nurl http://x.example/a\nRebels entered Goma.", "g", "g.txt");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->url, "http://x.example/a");
  EXPECT_EQ(two->source, "");
  EXPECT_EQ(two->text, "Rebels entered Goma.");
}

TEST(DatedTextTest, HeaderWordsElsewhereAreArticleText) {
  struct Case {
    std::string content, text;
  } cases[] = {
      // Only right after a date line that holds nothing else.
      {"date 2025-01-27 source Reuters said Goma fell.", "source Reuters said Goma fell."},
      // Not after a blank line.
      {"date 2025-01-27\n\nsource Reuters said Goma fell.", "source Reuters said Goma fell."},
      // Upper case is article text.
      {"date 2025-01-27\nSource: officials said Goma fell.", "Source: officials said Goma fell."},
      // A keyword must stand alone before its value.
      {"date 2025-01-27\nsources said Goma fell.", "sources said Goma fell."},
      {"date 2025-01-27\nurlaub\nGoma fell.", "urlaub\nGoma fell."},
      // After the first line that is not a header, nothing more is a header.
      {"date 2025-01-27\nGoma fell.\nsource Reuters", "Goma fell.\nsource Reuters"},
  };
  for (const Case& c : cases) {
    auto doc = ParseDatedText(c.content, "x", "x.txt");
    ASSERT_TRUE(doc.ok()) << c.content << ": " << doc.status().ToString();
    EXPECT_EQ(doc->text, c.text) << c.content;
    EXPECT_EQ(doc->source, "") << c.content;
    EXPECT_EQ(doc->url, "") << c.content;
  }
}

TEST(DatedTextTest, BadHeaderLinesAreErrorsNamingTheirLine) {
  struct Case {
    std::string content, expect;
  } cases[] = {
      {"date 2025-01-27\nsource\nGoma fell.", "x.txt:2: header 'source' has no value"},
      {"\ndate 2025-01-27\nsource A\nsource B\nGoma fell.", "x.txt:4: second 'source' header"},
      {"date 2025-01-27\nurl example.org/goma\nGoma fell.",
       "x.txt:2: header 'url' wants an http(s) address"},
      {"date 2025-01-27\nurl https://example.org/a b\nGoma fell.",
       "x.txt:2: header 'url' wants an http(s) address"},
      {"date 2025-01-27\nsource Agence Example\n\n", "x.txt:1: no article text"},
  };
  for (const Case& c : cases) {
    auto doc = ParseDatedText(c.content, "x", "x.txt");
    ASSERT_FALSE(doc.ok()) << c.content;
    EXPECT_EQ(doc.status().message().rfind(c.expect, 0), 0u)
        << "got: " << doc.status().message() << "\nwant prefix: " << c.expect;
  }
}

TEST(JsonDocumentTest, ReadsRequiredAndOptionalFields) {
  auto doc = ParseJsonDocument(
      R"({"id":"k1","date":"2023-04-15","text":"Clashes in Omdurman.","title":"T","lang":"en","url":null})",
      "f.jsonl:3");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "k1");
  EXPECT_EQ(doc->title, "T");
  EXPECT_EQ(doc->origin, "f.jsonl:3");
  auto numeric = ParseJsonDocument(R"({"id":42,"date":"2023-04-15","text":"x"})", "f:1");
  ASSERT_TRUE(numeric.ok());
  EXPECT_EQ(numeric->id, "42");
}

TEST(JsonDocumentTest, RefusesWhatIsNotADocument) {
  struct Case {
    std::string line, expect;
  } cases[] = {
      {"[1,2]", "expected a JSON object, found array"},
      {"\"text\"", "expected a JSON object, found string"},
      {"{\"id\":\"a\",", "not valid JSON"},
      {R"({"id":"a","date":"2023-04-15"})", "missing \"text\""},
      {R"({"date":"2023-04-15","text":"x"})", "missing \"id\""},
      {R"({"id":"a","text":"x"})", "missing \"date\""},
      {R"({"id":"a","date":"15/04/2023","text":"x"})", "malformed \"date\""},
      {R"({"id":"a","date":"2023-04-15","txt":"x"})", "unknown field \"txt\""},
      {R"({"id":"a","date":"2023-04-15","text":3})", "\"text\" must be a string"},
      {R"({"id":"a","date":"2023-04-15","text":"  "})", "empty \"text\""},
      {"{\"id\":\"a\",\"date\":\"2023-04-15\",\"text\":\"\xff\"}", "invalid UTF-8"},
  };
  for (const Case& c : cases) {
    auto doc = ParseJsonDocument(c.line, "f.jsonl:7");
    ASSERT_FALSE(doc.ok()) << c.line;
    EXPECT_NE(doc.status().message().find("f.jsonl:7: " + c.expect), std::string::npos)
        << doc.status().message();
  }
}

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_inputs_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_ / "locked.txt", fs::perms::owner_all, ec);
    fs::remove_all(dir_);
  }
  void Write(const std::string& rel, const std::string& content) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << content;
  }
  std::vector<std::string> Read(const std::vector<std::string>& paths, ReaderOptions opt = {}) {
    std::vector<std::string> seen;
    Status st = ReadInputs(paths, opt, [&](Result<Document> d) {
      seen.push_back(d.ok() ? "doc " + d->id : "err " + d.status().message());
      return true;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return seen;
  }
  fs::path dir_;
};

TEST_F(InputsTest, FolderIsWalkedRecursivelyInSortedOrder) {
  Write("b.txt", "date 2023-01-02 B.");
  Write("a/z.txt", "date 2023-01-01 Z.");
  Write("a/c.jsonl",
        "{\"id\":\"j1\",\"date\":\"2023-01-01\",\"text\":\"one\"}\n\n"
        "{\"id\":\"j2\",\"date\":\"2023-01-01\",\"text\":\"two\"}\n");
  Write(".hidden/x.txt", "date 2023-01-01 hidden");
  EXPECT_EQ(Read({dir_.string()}),
            (std::vector<std::string>{"doc j1", "doc j2", "doc a/z", "doc b"}));
}

TEST_F(InputsTest, IdsAreUniqueAcrossFoldersAndStableForTheSameRoot) {
  Write("wire/north/001.txt", "date 2024-05-01 Shelling hit the port.");
  Write("wire/south/001.txt", "date 2024-05-01 Talks resumed in the capital.");
  Write("wire/002.md", "date 2024-05-02 A convoy was ambushed.");
  Write("other/001.txt", "date 2024-05-03 A bridge was blown up.");
  std::string wire = (dir_ / "wire").string();
  // Relative to the folder named; a file at its top keeps its stem; a trailing slash changes
  // nothing.
  EXPECT_EQ(Read({wire}), (std::vector<std::string>{"doc 002", "doc north/001", "doc south/001"}));
  EXPECT_EQ(Read({wire + "/"}), Read({wire}));
  // A file named on its own keeps its stem, as before.
  EXPECT_EQ(Read({(dir_ / "wire/north/001.txt").string()}), (std::vector<std::string>{"doc 001"}));
  // Two files of one run with the same id: the second takes a tag of its content, the same on
  // every run and whatever the other file holds.
  auto both = Read({(dir_ / "wire/north").string(), (dir_ / "other").string()});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0], "doc 001");
  ASSERT_EQ(both[1].rfind("doc 001~", 0), 0u) << both[1];
  EXPECT_EQ(both[1].size(), std::string("doc 001~").size() + 8);
  Write("wire/north/001.txt", "date 2024-05-01 Something else entirely.");
  EXPECT_EQ(Read({(dir_ / "wire/north").string(), (dir_ / "other").string()})[1], both[1]);
  // The tag is DisambiguatedId of the parsed document.
  Document d;
  d.id = "001";
  d.date = Date{2024, 5, 3};
  d.text = "A bridge was blown up.";
  EXPECT_EQ("doc " + DisambiguatedId(d), both[1]);
}

TEST_F(InputsTest, ABadDocumentNeverLosesItsNeighbours) {
  Write("1.txt", "date 2023-01-01 fine.");
  Write("2.txt", "no date here");
  Write("3.jsonl",
        "{\"id\":\"ok1\",\"date\":\"2023-01-01\",\"text\":\"a\"}\n[1]\n"
        "{\"id\":\"ok2\",\"date\":\"2023-01-01\",\"text\":\"b\"}\n");
  Write("4.txt", std::string("date 2023-01-01 \0 binary", 25));
  Write("5.txt", "date 2023-01-01 last.");
  auto seen = Read({dir_.string()});
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen[0], "doc 1");
  EXPECT_EQ(seen[1].rfind("err " + (dir_ / "2.txt").string() + ":1: expected", 0), 0u) << seen[1];
  EXPECT_EQ(seen[2], "doc ok1");
  EXPECT_EQ(seen[3].rfind("err " + (dir_ / "3.jsonl").string() + ":2: expected a JSON object", 0),
            0u)
      << seen[3];
  EXPECT_EQ(seen[4], "doc ok2");
  EXPECT_NE(seen[5].find("binary data"), std::string::npos);
  EXPECT_EQ(seen[6], "doc 5");
}

TEST_F(InputsTest, OversizedInputIsRefusedWithoutBuffering) {
  ReaderOptions opt;
  opt.max_document_bytes = 1000;
  Write("big.txt", "date 2023-01-01 " + std::string(5000, 'a'));
  Write("big.jsonl", "{\"id\":\"" + std::string(5000, 'x') + "\n" +
                         "{\"id\":\"small\",\"date\":\"2023-01-01\",\"text\":\"a\"}\n");
  auto seen = Read({(dir_ / "big.txt").string(), (dir_ / "big.jsonl").string()}, opt);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_NE(seen[0].find("big.txt:1: document larger than 1000 bytes"), std::string::npos);
  EXPECT_NE(seen[1].find("big.jsonl:1: line longer than 1000 bytes"), std::string::npos);
  EXPECT_EQ(seen[2], "doc small");
}

TEST_F(InputsTest, UnreadableFileIsReportedAndSkipped) {
  if (::geteuid() == 0) {
    // root reads everything; a folder entry that cannot be opened stands in (a dangling link).
    fs::create_symlink(dir_ / "nowhere", dir_ / "locked.txt");
  } else {
    Write("locked.txt", "date 2023-01-01 x");
    fs::permissions(dir_ / "locked.txt", fs::perms::none);
  }
  Write("ok.txt", "date 2023-01-01 fine.");
  auto seen = Read({dir_.string()});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[0].find("locked.txt: cannot open"), std::string::npos) << seen[0];
  EXPECT_EQ(seen[1], "doc ok");
}

TEST_F(InputsTest, MissingPathIsAUsageError) {
  Status st = ReadInputs({(dir_ / "nope").string()}, {}, [](Result<Document>) { return true; });
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace sitrep
