// The actor dictionary (data/actors.tsv) on sentences written for these tests: press spellings of
// the armed actors of several wars resolve to one actor with its side, and what is not an actor
// ("Is the army winning?") stays out.
#include "src/lexicon/actor_dictionary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "src/extract/coder.h"
#include "src/lexicon/tsv.h"
#include "src/util/embedded_data.h"
#include "tests/unit/test_world.h"

namespace sitrep {
namespace {

const ActorDictionary& Dictionary() {
  static const ActorDictionary d =
      std::move(ActorDictionary::Parse(EmbeddedData("actors.tsv"), "data/actors.tsv")).value();
  return d;
}

const DemonymIndex& Demonyms() {
  static const DemonymIndex d = LoadDemonyms(EmbeddedData("countries.tsv"));
  return d;
}

struct Found {
  std::string text, canonical, country, demonym_country;
  Side side = Side::kNeutral;
};

std::vector<Found> Actors(const std::string& text) {
  SegmentedText seg = Segment(text);
  std::vector<Found> out;
  for (const ActorMention& m : Dictionary().Find(seg, Demonyms())) {
    const ActorEntry& e = Dictionary().entry(m.entry);
    uint32_t start = seg.tokens[m.first_token].start;
    uint32_t end = seg.tokens[m.first_token + m.token_count - 1].end;
    out.push_back(
        {text.substr(start, end - start), e.canonical, e.country, m.demonym_country, e.side});
  }
  return out;
}

// The one actor found in `text`, whose matched words are `matched`.
Found Only(const std::string& text, const std::string& matched) {
  auto found = Actors(text);
  EXPECT_EQ(found.size(), 1u) << text;
  if (found.empty()) return {};
  EXPECT_EQ(found[0].text, matched) << text;
  return found[0];
}

TEST(ActorDictionaryTest, EveryRowNamesAKnownKindSideAndCountry) {
  std::set<std::string> countries;
  tsv::ForEachRow(EmbeddedData("countries.tsv"),
                  [&](const std::vector<std::string_view>& c, size_t) {
                    countries.emplace(c[0]);
                    return Status::OK();
                  });
  size_t rows = 0;
  Status st = tsv::ForEachRow(EmbeddedData("actors.tsv"),
                              [&](const std::vector<std::string_view>& c, size_t n) {
                                ++rows;
                                EXPECT_EQ(c.size(), 6u) << "data/actors.tsv:" << n;
                                if (c.size() > 4 && !c[4].empty()) {
                                  EXPECT_TRUE(countries.contains(std::string(c[4])))
                                      << "data/actors.tsv:" << n << ": country " << c[4];
                                }
                                return Status::OK();
                              });
  EXPECT_TRUE(st.ok());
  EXPECT_GT(rows, 900u);
}

TEST(ActorDictionaryTest, ParseErrorsNameFileAndLine) {
  auto bad = ActorDictionary::Parse(
      "# header\nWagner\tWagner Group\tgroup\tnonstate\tRU\t\n"
      "Sahel rebels\tX\tband\tnonstate\tML\t\n",
      "data/actors.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("data/actors.tsv:3:"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("'band'"), std::string::npos);
}

TEST(ActorDictionaryTest, IslamicStateUnderEveryPressName) {
  for (const char* s :
       {"Fighters of ISIL shelled the road.", "Daesh shelled the road.",
        "The Islamic State of Iraq and the Levant shelled the road.",
        "IS militants shelled the road.", "The Islamic State group shelled the road."}) {
    Found f = Actors(s).at(0);
    EXPECT_EQ(f.canonical, "Islamic State") << s;
    EXPECT_EQ(f.side, Side::kNonstate) << s;
  }
  // "IS" alone is not listed: it would read the verb at the head of a sentence as the group.
  for (const auto& f : Actors("Is the road open? It is, and the army is there.")) {
    EXPECT_NE(f.canonical, "Islamic State") << f.text;
  }
}

TEST(ActorDictionaryTest, SpellingsOfOneActorAreOneActor) {
  struct Case {
    const char* text;
    const char* matched;
    const char* canonical;
    Side side;
    const char* country;
  } cases[] = {
      {"The Huthis fired a missile.", "Huthis", "Houthis", Side::kNonstate, "YE"},
      {"Ansarullah fired a missile.", "Ansarullah", "Houthis", Side::kNonstate, "YE"},
      {"Hashed al-Shaabi units moved north.", "Hashed al-Shaabi", "Popular Mobilisation Forces",
       Side::kState, "IQ"},
      {"A column of Kurdish peshmerga forces moved north.", "Kurdish peshmerga forces",
       "Kurdish Peshmerga", Side::kState, "IQ"},
      {"The convoy met Hemeti at dawn.", "Hemeti", "Mohamed Hamdan Dagalo", Side::kNonstate, "SD"},
      {"A unit of the FARDC moved north.", "FARDC", "Congolese government forces", Side::kState,
       "CD"},
      {"An al-Shabab unit moved north.", "Shabab", "al-Shabaab", Side::kNonstate, "SO"},
      {"Units of the Rwanda Defence Force moved north.", "Rwanda Defence Force",
       "Rwandan government forces", Side::kForeign, "RW"},
      {"The Three Brotherhood Alliance moved north.", "Three Brotherhood Alliance",
       "Three Brotherhood Alliance", Side::kNonstate, "MM"},
      {"A Hayat Tahrir al-Sham column moved south.", "Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham",
       Side::kNonstate, "SY"},
      {"Khalifa Hifter flew east.", "Khalifa Hifter", "Khalifa Haftar", Side::kNonstate, "LY"},
      {"A Gadhafi loyalists unit moved west.", "Gadhafi loyalists", "Gaddafi forces", Side::kState,
       "LY"},
      {"The Tatmadaw moved north.", "Tatmadaw", "Myanmar government forces", Side::kState, "MM"},
      {"Syrskyi flew east.", "Syrskyi", "Oleksandr Syrskyi", Side::kState, "UA"},
      {"Pro-Russian rebels moved west.", "Russian rebels", "Pro-Russian separatists",
       Side::kNonstate, "UA"},
  };
  for (const Case& c : cases) {
    Found f = Only(c.text, c.matched);
    EXPECT_EQ(f.canonical, c.canonical) << c.text;
    EXPECT_EQ(f.side, c.side) << c.text;
    EXPECT_EQ(f.country, c.country) << c.text;
  }
}

TEST(ActorDictionaryTest, ANamedActorWithAForceNounIsOneMention) {
  // Without the phrase, "forces" would be read as the state forces of the report's country.
  Found f = Only("Taliban forces moved north.", "Taliban forces");
  EXPECT_EQ(f.canonical, "Taliban");
  f = Only("IDF troops moved north.", "IDF troops");
  EXPECT_EQ(f.canonical, "Israeli government forces");
  f = Only("The rebel forces moved north.", "rebel forces");
  EXPECT_EQ(f.side, Side::kNonstate);
  // A demonym before a generic force noun still names the country.
  f = Only("Eritrean troops moved north.", "troops");
  EXPECT_EQ(f.demonym_country, "ER");
}

// The coder credits captures to the actors above, on the right side.
const CoderResources& Resources() { return testing::WorldResources(); }

std::vector<Event> Captures(const std::string& text, Date date) {
  Document doc;
  doc.id = "t";
  doc.date = date;
  doc.text = text;
  std::vector<Event> out;
  for (Event& e : CodeDocument(Resources(), doc)) {
    if (e.type == EventType::kCapture) out.push_back(std::move(e));
  }
  return out;
}

TEST(ActorDictionaryTest, CapturesAreCreditedToTheNamedActor) {
  auto taliban = Captures("Taliban forces captured Kunduz on Sunday.", {2021, 8, 9});
  ASSERT_EQ(taliban.size(), 1u);
  EXPECT_EQ(taliban[0].actor1, "Taliban");
  EXPECT_FALSE(taliban[0].actor1_is_state);

  auto houthis = Captures("Houthi forces seized Hodeidah on Tuesday.", {2014, 10, 16});
  ASSERT_EQ(houthis.size(), 1u);
  EXPECT_EQ(houthis[0].actor1, "Houthis");
  EXPECT_EQ(houthis[0].actor2, "Yemeni government forces");

  auto separatists =
      Captures("Pro-Russian separatists seized Sloviansk on Saturday.", {2014, 4, 14});
  ASSERT_EQ(separatists.size(), 1u);
  EXPECT_EQ(separatists[0].actor1, "Pro-Russian separatists");
  EXPECT_EQ(separatists[0].actor2, "Ukrainian government forces");

  auto tigray = Captures("Tigrayan forces captured Dessie on Saturday.", {2021, 11, 1});
  ASSERT_EQ(tigray.size(), 1u);
  EXPECT_EQ(tigray[0].actor1, "Tigrayan forces");
  EXPECT_EQ(tigray[0].actor2, "Ethiopian government forces");

  // Russian forces in a Ukrainian town are Russia's army, not Ukraine's.
  auto russian = Captures("Russian forces captured Avdiivka on Saturday.", {2024, 2, 20});
  ASSERT_EQ(russian.size(), 1u);
  EXPECT_EQ(russian[0].actor1, "Russian government forces");
  EXPECT_EQ(russian[0].actor2, "Ukrainian government forces");
}

}  // namespace
}  // namespace sitrep
