// The pattern table's trigger syntax, cue kinds, and the language word lists.
#include "src/extract/patterns.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "src/lexicon/word_lists.h"
#include "src/util/data_files.h"

namespace sitrep {
namespace {

std::vector<std::string> Expand(std::string_view cell) {
  auto r = ExpandTrigger(cell);
  EXPECT_TRUE(r.ok()) << cell << ": " << r.status().ToString();
  return r.ok() ? *r : std::vector<std::string>{};
}

TEST(PatternsTest, ChoicesExpandToEveryPhrase) {
  EXPECT_EQ(Expand("took control of"), std::vector<std::string>{"took control of"});
  EXPECT_EQ(Expand("(took|seized) control"),
            (std::vector<std::string>{"took control", "seized control"}));
  EXPECT_EQ(
      Expand("took [full|complete] control"),
      (std::vector<std::string>{"took full control", "took complete control", "took control"}));
  // "_" joins words inside a choice.
  EXPECT_EQ(Expand("(pulled_out|left) of"), (std::vector<std::string>{"pulled out of", "left of"}));
}

TEST(PatternsTest, BadCellsAreErrorsNamingTheLine) {
  EXPECT_FALSE(ExpandTrigger("(took|seized control").ok());
  EXPECT_FALSE(ExpandTrigger("took (|) control").ok());
  EXPECT_FALSE(ExpandTrigger("[only|optional]").ok());  // may expand to nothing
}

TEST(PatternsTest, TableRowsParseAndBadRowsNameTheirLine) {
  auto ok =
      PatternSet::Parse("capture\t(took|seized) [full] control of\tactive\t6\t0.9\n", "test.tsv");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto bad = PatternSet::Parse("# comment\ncapture\ttook\tnosuchframe\t6\t0.9\n", "test.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("test.tsv:2"), std::string::npos) << bad.status().message();
  auto gap = PatternSet::Parse("capture\ttook\tactive\tsix\t0.9\n", "test.tsv");
  EXPECT_FALSE(gap.ok());
}

TEST(PatternsTest, ACuePhraseMayCarrySeveralKinds) {
  auto cues = CueSet::Parse("ref_city\ttown\nplace_noun\ttown\n", "cues.tsv");
  ASSERT_TRUE(cues.ok());
  SegmentedText seg = Segment("the town");
  uint32_t len = 0;
  EXPECT_EQ(cues->At(seg, 1, 2, &len), Cue::kRefCity);  // the first kind written
  EXPECT_TRUE(cues->Is(seg, 1, 2, Cue::kPlaceNoun, &len));
  EXPECT_FALSE(cues->Is(seg, 1, 2, Cue::kFacility, &len));
}

TEST(WordListsTest, EnglishListsLoadAndAnswer) {
  auto words = WordLists::Load("en", "");
  ASSERT_TRUE(words.ok()) << words.status().ToString();
  EXPECT_TRUE(words->Has(Words::kPassiveAuxiliaries, "was"));
  EXPECT_FALSE(words->Has(Words::kPassiveAuxiliaries, "captured"));
  EXPECT_TRUE(words->Has(Words::kTitles, "colonel"));
  EXPECT_TRUE(words->HasSuffix(Words::kAdverbSuffixes, "reportedly"));
  EXPECT_FALSE(words->HasSuffix(Words::kAdverbSuffixes, "ly"));  // no stem
  EXPECT_TRUE(words->HasSuffix(Words::kCompassWords, "southeast", 0));
}

TEST(WordListsTest, AFolderReplacesTheCompiledInListsAndBadFilesNameTheirLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sitrep_words_" + std::to_string(::getpid()));
  fs::create_directories(dir / "en");
  std::ofstream(dir / "en" / "titles.txt") << "# my titles\nwarlord\n";
  auto words = WordLists::Load("en", dir.string());
  ASSERT_TRUE(words.ok()) << words.status().ToString();
  EXPECT_TRUE(words->Has(Words::kTitles, "warlord"));
  EXPECT_FALSE(words->Has(Words::kTitles, "colonel"));
  EXPECT_TRUE(words->Has(Words::kPassiveAuxiliaries, "was"));  // not in the folder: compiled-in
  std::ofstream(dir / "en" / "titles.txt") << "two\twords\n";
  auto bad = WordLists::Load("en", dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("titles.txt:1"), std::string::npos)
      << bad.status().message();
  fs::remove_all(dir);
}

TEST(DataFilesTest, MissingFilesAreNotFound) {
  EXPECT_TRUE(ReadDataFile("actors.tsv", "").ok());
  EXPECT_FALSE(ReadDataFile("no_such_file.tsv", "").ok());
}

}  // namespace
}  // namespace sitrep
