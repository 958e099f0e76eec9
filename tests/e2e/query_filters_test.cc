// The query commands as an analyst types them: filters in any case, places in any common spelling
// through the gazetteer, a clear word when nothing matches, lists in reading order, and tables that
// fit the terminal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/cli_runner.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::RunSitrep;

std::vector<std::string> LinesOf(const std::string& out) {
  std::vector<std::string> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) v.push_back(line);
  return v;
}

size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class QueryFiltersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep_query_filters_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "corpus");
    db_ = (dir_ / "q.db").string();
    // Written for this test; reported out of date order on purpose.
    std::ofstream(dir_ / "corpus" / "a.txt")
        << "date 2021-08-14\nTaliban fighters took Mazar-i-Sharif on Saturday after government "
           "forces fled the northern city without a fight, officials in Balkh province said.\n";
    std::ofstream(dir_ / "corpus" / "b.txt")
        << "date 2021-08-09\nThe Taliban captured Kunduz on Sunday.\n\nTaliban fighters also "
           "seized Sar-e Pul on Sunday.\n";
    std::ofstream(dir_ / "corpus" / "c.txt")
        << "date 2021-08-07\nTaliban fighters seized Sheberghan on Saturday.\n";
    auto r = RunSitrep({"ingest", "--db", db_, (dir_ / "corpus").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static testing::CliResult Sitrep(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db_});
    return RunSitrep(args);
  }
  static std::vector<json> Jsonl(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "jsonl"});
    auto r = Sitrep(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<json> rows;
    for (const auto& line : LinesOf(r.out)) rows.push_back(json::parse(line));
    return rows;
  }
  static inline fs::path dir_;
  static inline std::string db_;
};

TEST_F(QueryFiltersTest, PlacesAreFoundInAnyCaseAndCommonSpelling) {
  for (const char* name : {"kunduz", "KUNDUZ", "Kondoz", "Kunduz"}) {
    auto rows = Jsonl({"events", "--place", name});
    ASSERT_EQ(rows.size(), 1u) << name;
    EXPECT_EQ(rows[0]["place"], "Kunduz") << name;
  }
  for (const char* name : {"Mazari Sharif", "mazar-e sharif", "Mazar-i-Sharif"}) {
    auto rows = Jsonl({"events", "--place", name});
    ASSERT_EQ(rows.size(), 1u) << name;
    EXPECT_EQ(rows[0]["admin1"], "Balkh") << name;
  }
  // A spelling that is not the place's own says which place it was read as.
  auto r = Sitrep({"events", "--place", "Kondoz", "--format", "jsonl"});
  EXPECT_NE(r.err.find("'Kondoz' read as Kunduz"), std::string::npos) << r.err;
  // The timeline takes the same spellings.
  auto tl = Sitrep({"timeline", "kondoz", "--format", "jsonl"});
  EXPECT_EQ(tl.exit_code, 0) << tl.err;
  EXPECT_NE(tl.out.find("\"place\":\"Kunduz\""), std::string::npos) << tl.out;
}

TEST_F(QueryFiltersTest, OtherFiltersIgnoreCase) {
  EXPECT_EQ(Jsonl({"events", "--type", "CAPTURE", "--actor", "taliban", "--country", "af",
                   "--feature", "ppla", "--admin1", "BALKH"})
                .size(),
            1u);
  EXPECT_EQ(Jsonl({"control", "--at", "2021-08-15", "--country", "af", "--feature", "ppla"}).size(),
            4u);
}

TEST_F(QueryFiltersTest, NothingMatchingSaysSoAndExitsOne) {
  auto unknown = Sitrep({"events", "--place", "Xyzzy"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no place matches 'Xyzzy'"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.out, "");
  // A real place with no events.
  auto herat = Sitrep({"events", "--place", "Herat"});
  EXPECT_EQ(herat.exit_code, 1);
  EXPECT_NE(herat.err.find("no events match"), std::string::npos) << herat.err;
  auto none = Sitrep({"events", "--type", "airstrike"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no events match"), std::string::npos) << none.err;
  auto caps = Sitrep({"captures", "--since", "2030-01-01"});
  EXPECT_EQ(caps.exit_code, 1);
  EXPECT_NE(caps.err.find("no events match"), std::string::npos) << caps.err;
  auto control = Sitrep({"control", "--at", "2021-08-15", "--country", "UA"});
  EXPECT_EQ(control.exit_code, 1);
  EXPECT_NE(control.err.find("no places match"), std::string::npos) << control.err;
  auto tl = Sitrep({"timeline", "Xyzzy"});
  EXPECT_EQ(tl.exit_code, 1);
  EXPECT_NE(tl.err.find("no place matches 'Xyzzy'"), std::string::npos) << tl.err;
}

TEST_F(QueryFiltersTest, AWrongTypeListsTheValidOnes) {
  auto r = Sitrep({"events", "--type", "battle"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown event type 'battle'; valid types: capture, "), std::string::npos)
      << r.err;
  for (const char* t : {"airstrike", "attack_on_civilians", "negotiation"})
    EXPECT_NE(r.err.find(t), std::string::npos) << t;
}

TEST_F(QueryFiltersTest, ListsReadByDateThenPlaceName) {
  auto events = Jsonl({"events", "--type", "capture"});
  ASSERT_EQ(events.size(), 4u);
  std::vector<std::string> order;
  for (const json& e : events)
    order.push_back(e["date"].get<std::string>() + " " + e["place"].get<std::string>());
  // Sar-e Pul and Kunduz fell the same day: by name.
  EXPECT_EQ(order[0].substr(0, 10), "2021-08-07");
  EXPECT_EQ(order[1], "2021-08-08 Kunduz");
  EXPECT_EQ(order[2].rfind("2021-08-08 Sar-e P", 0), 0u) << order[2];
  EXPECT_EQ(order[3].substr(0, 10), "2021-08-14");
  auto control = Jsonl({"control", "--at", "2021-08-15", "--feature", "PPLA"});
  std::vector<std::string> places;
  for (const json& row : control) places.push_back(row["place"]);
  ASSERT_EQ(places.size(), 4u);
  EXPECT_EQ(places[0], "Kunduz");
  EXPECT_EQ(places[1].rfind("Maz", 0), 0u);
  EXPECT_EQ(places[2].rfind("Sar-e P", 0), 0u);
  EXPECT_EQ(places[3].rfind("Sh", 0), 0u);
}

TEST_F(QueryFiltersTest, ColumnsArePickedInEveryFormat) {
  auto csv =
      Sitrep({"events", "--type", "capture", "--format", "csv", "--columns", "place, date,type"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto lines = LinesOf(csv.out);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "place,date,type");
  EXPECT_EQ(lines[2], "Kunduz,2021-08-08,capture");
  auto rows = Sitrep({"control", "--at", "2021-08-15", "--feature", "PPLA", "--format", "jsonl",
                      "--columns", "place,controller"});
  ASSERT_EQ(rows.exit_code, 0) << rows.err;
  EXPECT_EQ(LinesOf(rows.out)[0], R"({"place":"Kunduz","controller":"Taliban"})");
  auto bad = Sitrep({"events", "--columns", "place,wrong"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown column 'wrong'; columns: id, type, date"), std::string::npos)
      << bad.err;
}

TEST_F(QueryFiltersTest, TablesFitTheWidthAndCutOrWrapTheEvidence) {
  // Not a terminal and no --width: nothing is cut.
  auto whole = Sitrep({"events", "--format", "table", "--place", "Mazar"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_NE(whole.out.find("officials in Balkh province said."), std::string::npos) << whole.out;
  // --width: every line fits, the evidence is cut with an ellipsis.
  auto cut = Sitrep({"events", "--format", "table", "--width", "90", "--type", "capture"});
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  for (const auto& line : LinesOf(cut.out)) EXPECT_LE(Chars(line), 90u) << line;
  EXPECT_NE(cut.out.find("…"), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find("2021-08-14"), std::string::npos) << cut.out;  // dates stay whole
  // --wrap: nothing is lost, lines still fit, the long sentence takes several lines.
  auto wrap =
      Sitrep({"events", "--format", "table", "--width", "90", "--wrap", "--place", "Mazar"});
  ASSERT_EQ(wrap.exit_code, 0) << wrap.err;
  auto lines = LinesOf(wrap.out);
  EXPECT_GT(lines.size(), 3u) << wrap.out;
  for (const auto& line : lines) EXPECT_LE(Chars(line), 90u) << line;
  EXPECT_NE(wrap.out.find("said."), std::string::npos) << wrap.out;
  EXPECT_EQ(wrap.out.find("…"), std::string::npos) << wrap.out;
}

TEST_F(QueryFiltersTest, ADefaultTableLeavesOutColumnsNoRowFills) {
  // Nothing in this record is claimed or contested: those columns would only take room.
  auto table = Sitrep({"control", "--at", "2021-08-15", "--format", "table"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::string header = LinesOf(table.out).at(0);
  EXPECT_NE(header.find("status"), std::string::npos) << header;
  EXPECT_EQ(header.find("claimed_by"), std::string::npos) << header;
  EXPECT_EQ(header.find("contested_by"), std::string::npos) << header;
  // Asked for by name, a column shows even when it is empty.
  auto asked = Sitrep(
      {"control", "--at", "2021-08-15", "--format", "table", "--columns", "place,claimed_by"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_NE(LinesOf(asked.out).at(0).find("claimed_by"), std::string::npos) << asked.out;
}

TEST_F(QueryFiltersTest, OnATerminalTheTableTakesColumnsWidth) {
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "script(1) is needed for a pty";
  // script(1) runs sitrep on a pseudo-terminal, as a person would.
  std::string cmd = std::string("COLUMNS=72 ") + SITREP_BINARY + " events --db " + db_;
  std::string out;
  FILE* p = popen(("script -qec '" + cmd + "' /dev/null").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << out;
  auto lines = LinesOf(out);
  ASSERT_GE(lines.size(), 5u) << out;
  EXPECT_EQ(lines[0].rfind("date", 0), 0u) << out;  // a table, not JSON Lines
  for (auto line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(Chars(line), 72u) << line;
  }
  EXPECT_NE(out.find("…"), std::string::npos) << out;
}

// Claims through the store: the kind of place counts, and a thin record says so.
TEST(ClaimsCliTest, CountsTheClaimedKindAndSaysWhenTheRecordIsThin) {
  fs::path dir = fs::temp_directory_path() / ("sitrep_claims_cli_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus");
  std::string db = (dir / "c.db").string();
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / "corpus" / name) << text;
  };
  // One report a day for a week; three provincial capitals and a village captured.
  write("1.txt", "date 2021-08-06\nTaliban fighters captured Zaranj on Friday.\n");
  write("2.txt", "date 2021-08-07\nTaliban fighters seized Sheberghan on Saturday.\n");
  write("3.txt", "date 2021-08-08\nThe Taliban captured Kunduz on Sunday.\n");
  write("4.txt", "date 2021-08-09\nClashes continued near Herat on Monday.\n");
  write("5.txt", "date 2021-08-10\nFighting was reported near Lashkar Gah on Tuesday.\n");
  write("6.txt", "date 2021-08-11\nAirstrikes hit Taliban positions near Kandahar on Wednesday.\n");
  write("7.txt",
        "date 2021-08-12\nTaliban fighters captured Ghazni on Thursday, the fourth provincial "
        "capital to fall in a week.\n\nThey also took Herat, the fifth city to fall in a week. "
        "Officials said Herat was the ninth district centre lost since Friday.\n");
  auto ingest = RunSitrep({"ingest", "--db", db, (dir / "corpus").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto r = RunSitrep({"claims", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> by_claim;
  for (const auto& line : LinesOf(r.out)) {
    json j = json::parse(line);
    by_claim[j["claim"]] = j;
  }
  ASSERT_EQ(by_claim.size(), 3u) << r.out;
  const json& capitals = by_claim["the fourth provincial capital to fall in a week"];
  EXPECT_EQ(capitals["counts"], "capitals");
  EXPECT_EQ(capitals["since"], "2021-08-05");
  EXPECT_EQ(capitals["coded"], 5) << capitals.dump();  // Zaranj, Sheberghan, Kunduz, Ghazni, Herat
  EXPECT_EQ(capitals["verdict"], "inconsistent") << capitals.dump();
  const json& cities = by_claim["the fifth city to fall in a week"];
  EXPECT_EQ(cities["coded"], 5) << cities.dump();
  EXPECT_EQ(cities["verdict"], "consistent") << cities.dump();
  // No district centre was coded and reports cover the span: the claim is not borne out.
  const json& districts = by_claim["the ninth district centre lost since Friday"];
  EXPECT_EQ(districts["counts"], "districts");
  EXPECT_EQ(districts["coded"], 0);
  EXPECT_EQ(districts["days_reported"], 7);
  EXPECT_EQ(districts["verdict"], "unconfirmed") << districts.dump();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep
