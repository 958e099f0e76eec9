#include <gtest/gtest.h>

#include "sitrep/text.h"

namespace sitrep {
namespace {

std::vector<std::string> SentencesOf(std::string_view text) {
  SegmentedText seg = Segment(text);
  std::vector<std::string> out;
  for (const Sentence& s : seg.sentences) out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}

std::vector<std::string> NormsOf(std::string_view text) {
  SegmentedText seg = Segment(text);
  std::vector<std::string> out;
  for (const Token& t : seg.tokens) out.emplace_back(seg.norm(t));
  return out;
}

TEST(SegmentTest, SplitsOnFullStopsBeforeCapitals) {
  EXPECT_EQ(SentencesOf("Rebels entered Goma. The army withdrew west."),
            (std::vector<std::string>{"Rebels entered Goma.", "The army withdrew west."}));
}

TEST(SegmentTest, AbbreviationsAndInitialsDoNotEndSentences) {
  auto s = SentencesOf(
      "Gen. Mark Milley met Mr. Lloyd Austin on Aug. 14 in the U.S. capital. J. R. Smith said no.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "J. R. Smith said no.");
}

TEST(SegmentTest, NumbersKeepSeparators) {
  auto n = NormsOf("up to 2,000 civilians and 3.5 million people");
  EXPECT_EQ(n[2], "2,000");
  EXPECT_EQ(n[5], "3.5");
  EXPECT_EQ(SentencesOf("It rose 3.5 percent. Then it fell.").size(), 2u);
}

TEST(SegmentTest, QuotesStayWithTheirSentence) {
  auto s = SentencesOf(
      "\"We hold the bridge,\" said the commander. \"We will not leave.\" Shelling went on.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "\"We hold the bridge,\" said the commander.");
  EXPECT_EQ(s[1], "\"We will not leave.\"");
}

TEST(SegmentTest, DoubleDashIsADashNotABoundary) {
  auto s = SentencesOf("The loss of Aleppo -- long a stronghold -- would hurt. Talks resumed.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "The loss of Aleppo -- long a stronghold -- would hurt.");
}

TEST(SegmentTest, BlankLineEndsASentenceEvenWithoutAStop) {
  auto s = SentencesOf("Headline without a stop\n\nFirst sentence here. Second one.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Headline without a stop");
  SegmentedText seg = Segment("A b.\n\nC d.");
  EXPECT_EQ(seg.sentences[1].paragraph, 1u);
}

TEST(SegmentTest, DatelineIsItsOwnSpan) {
  std::string text =
      "KHARKIV, Sept 10 (Agency) - Ukrainian troops pushed east. Villages were retaken.";
  SegmentedText seg = Segment(text);
  EXPECT_EQ(text.substr(seg.dateline_start, seg.dateline_end - seg.dateline_start),
            "KHARKIV, Sept 10 (Agency) -");
  auto s = SentencesOf(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "Ukrainian troops pushed east.");
  EXPECT_EQ(Segment("NATO leaders met. They agreed.").dateline_end, 0u);
}

TEST(SegmentTest, TokensCarryByteOffsetsIntoTheOriginal) {
  std::string text = "Forces left Mazār-e Sharīf's outskirts.";
  SegmentedText seg = Segment(text);
  for (const Token& t : seg.tokens) {
    ASSERT_LE(t.end, text.size());
    ASSERT_LT(t.start, t.end);
  }
  EXPECT_EQ(text.substr(seg.tokens[2].start, seg.tokens[2].end - seg.tokens[2].start), "Mazār");
  EXPECT_EQ(NormsOf(text), (std::vector<std::string>{"forces", "left", "mazar", "e", "sharif", "s",
                                                     "outskirts", "."}));
  EXPECT_TRUE(seg.tokens[3].is(kJoinedLeft));
  EXPECT_TRUE(seg.tokens[5].is(kPossessive));
}

TEST(SegmentTest, ApostrophesInsideNamesAreKept) {
  auto n = NormsOf("Houthis shelled Sana'a and Ma’arrat al-Nu’man.");
  EXPECT_EQ(n[2], "sanaa");
  EXPECT_EQ(n[4], "maarrat");
}

TEST(SegmentTest, NeverFailsOnOddInput) {
  for (std::string_view text : {"", " ", "...", "\n\n\n", "-", "--", "\"", "A.", "'s", ".A"}) {
    SegmentedText seg = Segment(text);
    for (const Sentence& s : seg.sentences) EXPECT_LE(s.end, text.size());
  }
}

TEST(MatchKeyTest, FoldsSpellingsOfOnePlaceTogether) {
  EXPECT_EQ(MatchKey("Mazār-e Sharīf"), "mazar e sharif");
  EXPECT_EQ(MatchKey("Mazar-i-Sharif"), "mazar e sharif");
  EXPECT_EQ(MatchKey("Mazar-e-Sharif"), "mazar e sharif");
  EXPECT_EQ(MatchKey("MAZAR-I-SHARIF"), "mazar e sharif");
  EXPECT_EQ(MatchKey("Pul-i-Khumri"), MatchKey("Pul-e Khumri"));
  EXPECT_EQ(MatchKey("Łódź"), "lodz");
  EXPECT_EQ(MatchKey("Kramatorsk's"), "kramatorsk");
}

TEST(NormalizeTest, CaseAndDiacriticsFold) {
  EXPECT_EQ(NormalizeForMatch("ÇANAKKALE Straße"), "canakkale strasse");
  EXPECT_EQ(NormalizeForMatch("Ḩalab"), "halab");
  EXPECT_EQ(NormalizeForMatch("Kyiv"), "kyiv");
  EXPECT_EQ(NormalizeForMatch("مَزَار"), "مزار");
}

TEST(Utf8Test, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii text, long enough to use the wide path"),
            std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Mazār"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("abc\xff"), 3u);
  EXPECT_EQ(FindInvalidUtf8("ab\xc3"), 2u);        // truncated
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);      // overlong
  EXPECT_EQ(FindInvalidUtf8("\xed\xa0\x80"), 0u);  // surrogate
  EXPECT_EQ(FindInvalidUtf8("12345678\x80"), 8u);
}

TEST(SegmentTest, AHeadlineOnItsOwnLineIsASentence) {
  SegmentOptions options;
  options.headline_function_words = {"the", "of", "towards"};
  SegmentedText seg = Segment(
      "Rebels free Tessalit town from army\nRebel fighters seized Tessalit on Friday, a witness "
      "said.",
      options);
  ASSERT_EQ(seg.sentences.size(), 2u);
  EXPECT_EQ(seg.tokens[seg.sentences[1].first_token].start, 36u);
  // A line broken after a function word is prose that wraps, not a headline.
  EXPECT_EQ(
      Segment("Fighters advanced towards the\nTown hall on Friday.", options).sentences.size(), 1u);
  // Without the language's function words, only stops end sentences.
  EXPECT_EQ(
      Segment("Rebels free Tessalit town from army\nRebel fighters seized it.").sentences.size(),
      1u);
}

}  // namespace
}  // namespace sitrep
