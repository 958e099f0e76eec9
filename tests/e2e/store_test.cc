// The store and control timeline through the CLI: ingest, merging, control, contested reports,
// history, claims, and the store's reliability under kills, concurrent readers and old schemas.
#include "sitrep/store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "tests/e2e/cli_runner.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::RunSitrep;

std::vector<json> Lines(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) v.push_back(json::parse(line));
  }
  return v;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_store_" + std::to_string(::getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  testing::CliResult Sitrep(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunSitrep(args);
  }
  std::vector<json> Query(std::vector<std::string> args) {
    args.push_back("--format");
    args.push_back("jsonl");
    auto r = Sitrep(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Lines(r.out);
  }
  // A query that may find nothing: then it says so on stderr and exits 1.
  std::vector<json> Rows(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "jsonl"});
    auto r = Sitrep(args);
    auto rows = Lines(r.out);
    EXPECT_EQ(r.exit_code, rows.empty() ? 1 : 0) << r.err;
    if (rows.empty()) {
      EXPECT_NE(r.err.find(" match"), std::string::npos) << r.err;
    }
    return rows;
  }
  fs::path dir_;
  std::string db_;
};

const std::string kCorpus = std::string(SITREP_SOURCE_DIR) + "/tests/fixtures/store_corpus";

TEST_F(StoreTest, ReferenceArticleControlAndClaims) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared is not beside the checkout";
  auto r = Sitrep({"ingest", shared + "/data/seed/000_4a79dbf7bae2aa6b.txt", "--baseline",
                   std::string(SITREP_SOURCE_DIR) + "/data/baselines/afghanistan-2021-05-01.tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> at;
  for (const json& row : Query({"control", "--at", "2021-08-11"})) at[row["place"]] = row;
  for (const char* place : {"Fayzabad", "Shibirghān", "Kunduz", "Taloqan"}) {
    EXPECT_EQ(at[place]["status"], "held") << place;
    EXPECT_EQ(at[place]["controller"], "Taliban") << place;
  }
  // No report since the baseline of May: honestly unknown, with who held it last (1998 does not
  // count).
  for (const char* place : {"Mazār-e Sharīf", "Kandahār"}) {
    EXPECT_EQ(at[place]["status"], "unknown") << place;
    EXPECT_EQ(at[place]["last_holder"], "Afghan government forces") << place;
  }
  // Within a month of the baseline, the baseline holds.
  for (const json& row : Query({"control", "--at", "2021-05-20", "--feature", "PPLA"})) {
    EXPECT_EQ(row["status"], "held") << row.dump();
    EXPECT_EQ(row["controller"], "Afghan government forces") << row.dump();
    EXPECT_TRUE(row["baseline"].get<bool>());
  }
  auto claims = Query({"claims"});
  bool ninth = false;
  for (const json& c : claims) {
    if (c["claim"] == "the ninth city to be overrun since Friday") {
      ninth = true;
      EXPECT_EQ(c["claimed"], 9);
      EXPECT_EQ(c["since"], "2021-08-06");
      EXPECT_EQ(c["verdict"], "not enough data");
      EXPECT_EQ(c["coded"], 4);
    }
  }
  EXPECT_TRUE(ninth) << r.out;
}

// Reports written for this test about 1-15 August 2021, the bundled baseline of May and an
// analyst's corrections: every provincial capital gets the status the reports imply.
TEST_F(StoreTest, EveryCapitalGetsTheStatusItsReportsImply) {
  std::string fixtures = std::string(SITREP_SOURCE_DIR) + "/tests/fixtures/";
  auto r = Sitrep({"ingest", fixtures + "afghan_august", "--baseline",
                   std::string(SITREP_SOURCE_DIR) + "/data/baselines/afghanistan-2021-05-01.tsv",
                   "--corrections", fixtures + "afghan_august_corrections.tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> at;
  for (const json& row : Query({"control", "--at", "2021-08-15", "--feature", "PPLA"}))
    at[row["place"]] = row;
  for (const json& row : Query({"control", "--at", "2021-08-15", "--feature", "PPLC"}))
    at[row["place"]] = row;
  ASSERT_EQ(at.size(), 34u);
  std::set<std::string> taliban = {"Zaranj", "Shibirghān", "Kunduz", "Herāt", "Kandahār"};
  for (const auto& [place, row] : at) {
    if (taliban.count(place)) {
      EXPECT_EQ(row["status"], "held") << place;
      EXPECT_EQ(row["controller"], "Taliban") << place;
    } else if (place == "Aībak") {
      // The analyst's correction wins over the report of its capture, and says so.
      EXPECT_EQ(row["status"], "held");
      EXPECT_EQ(row["controller"], "Afghan government forces");
      EXPECT_NE(row["correction"].get<std::string>().find("Police chief"), std::string::npos);
    } else {
      // No report since May: unknown, never the baseline's holder passed off as current.
      EXPECT_EQ(row["status"], "unknown") << place;
      EXPECT_TRUE(row["controller"].is_null()) << place;
      EXPECT_EQ(row["last_holder"], "Afghan government forces") << place;
    }
  }
  // Three outlets had Kunduz fall on the 8th; one report of a recapture on the 10th does not
  // overturn them, and is kept as evidence against.
  EXPECT_EQ(at["Kunduz"]["reports_against"], 1);
  EXPECT_EQ(at["Kunduz"]["since"], "2021-08-08");
  // A capture struck out as "not an event" moves nothing and shows its note where it appears.
  EXPECT_NE(at["Charikar"]["correction"].get<std::string>().find("not an event"),
            std::string::npos);
  auto charikar = Query({"events", "--place", "Charikar"});
  ASSERT_EQ(charikar.size(), 1u);
  EXPECT_NE(charikar[0]["correction"].get<std::string>().find("single resident"),
            std::string::npos);
  // The counter an analyst reads.
  auto divisions = Sitrep({"control", "--at", "2021-08-15", "--divisions", "--format", "csv"});
  ASSERT_EQ(divisions.exit_code, 0) << divisions.err;
  EXPECT_NE(divisions.err.find("5 of 34 provincial capitals held by Taliban"), std::string::npos)
      << divisions.err;
}

TEST_F(StoreTest, ABadCorrectionNamesItsLineAndStoresNothing) {
  fs::path file = dir_ / "fixes.tsv";
  std::ofstream(file) << "# place, date, holder, note\n"
                      << "Kunduz\t2021-08-12\tTaliban\tconfirmed by two outlets\tAF\n"
                      << "Kunduz\t2021-08-32\tTaliban\tno such day\tAF\n";
  auto r = Sitrep({"ingest", "--corrections", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file.string() + ":3: bad date '2021-08-32'"), std::string::npos) << r.err;
  std::ofstream(file) << "Qwzxplor\t2021-08-12\tTaliban\tnote\n";
  r = Sitrep({"ingest", "--corrections", file.string()});
  EXPECT_NE(r.err.find(":1: unknown place 'Qwzxplor'"), std::string::npos) << r.err;
  std::ofstream(file) << "Kunduz\t2021-08-12\tTaliban\t\tAF\n";
  r = Sitrep({"ingest", "--corrections", file.string()});
  EXPECT_NE(r.err.find(":1: a correction needs its note"), std::string::npos) << r.err;
  auto store = Store::Open(db_, true);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Corrections()->empty());
}

TEST_F(StoreTest, CapturedRecapturedAndCapturedAgain) {
  auto r = Sitrep({"ingest", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto tl = Query({"timeline", "Kupiansk"});
  // Held, then unknown a month after its last report, three times over.
  std::vector<std::pair<std::string, std::string>> seen;
  for (const json& iv : tl) seen.emplace_back(iv["status"], iv["since"]);
  std::vector<std::pair<std::string, std::string>> want = {
      {"held", "2031-03-02"},    {"unknown", "2031-04-02"}, {"held", "2031-04-12"},
      {"unknown", "2031-05-13"}, {"held", "2031-06-20"},    {"unknown", "2031-07-21"}};
  ASSERT_EQ(seen, want);
  EXPECT_EQ(tl[0]["controller"], "Russian government forces");
  EXPECT_EQ(tl[1]["last_holder"], "Russian government forces");
  EXPECT_EQ(tl[2]["controller"], "Ukrainian government forces");
  EXPECT_EQ(tl[2]["evidence_count"], 2);  // two reports of one recapture
  EXPECT_EQ(tl[4]["controller"], "Russian government forces");
  EXPECT_TRUE(tl[5]["until"].is_null());
  std::map<std::string, std::string> at;
  for (auto [date, who] : {std::pair{"2031-03-10", "Russian government forces"},
                           std::pair{"2031-05-01", "Ukrainian government forces"},
                           std::pair{"2031-07-01", "Russian government forces"}}) {
    auto rows = Query({"control", "--at", date, "--country", "UA"});
    ASSERT_EQ(rows.size(), 1u) << date;
    EXPECT_EQ(rows[0]["controller"], who) << date;
  }
  EXPECT_TRUE(Rows({"control", "--at", "2031-02-01", "--country", "UA"}).empty());
}

TEST_F(StoreTest, TwoReportsOfOneEventAreMergedWithBothEvidences) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto caps = Query({"events", "--type", "capture", "--place", "Kupiansk", "--since", "2031-04-01",
                     "--until", "2031-04-30"});
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(caps[0]["reports"], 2);
  EXPECT_EQ(caps[0]["first_reported"], "2031-04-12");
  EXPECT_EQ(caps[0]["last_reported"], "2031-04-13");
  EXPECT_EQ(caps[0]["date"], "2031-04-12");  // the precise report narrows the vaguer one
  EXPECT_EQ(caps[0]["date_precision"], "day");
}

TEST_F(StoreTest, ContradictingReportsAreKeptAndFlagged) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto rows = Query({"control", "--at", "2031-03-10", "--country", "ML"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "contested");
  EXPECT_TRUE(rows[0]["contested"].get<bool>());
  EXPECT_FALSE(rows[0]["contested_by"].is_null());
  EXPECT_NE(rows[0]["contested_by"], rows[0]["controller"]);
  EXPECT_EQ(rows[0]["reports_for"], 1);  // both readings kept, one for and one against
  EXPECT_EQ(rows[0]["reports_against"], 1);
}

TEST_F(StoreTest, HistoryMentionedInPassingNeverChangesThePresent) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto hist = Query({"events", "--place", "Gao"});
  ASSERT_EQ(hist.size(), 1u);
  EXPECT_TRUE(hist[0]["historical"].get<bool>());
  for (const char* date : {"2012-06-01", "2031-03-10"}) {
    for (const json& row : Rows({"control", "--at", date})) EXPECT_NE(row["place"], "Gao") << date;
  }
}

TEST_F(StoreTest, ReingestingAddsNothing) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto before = Query({"events"});
  auto again = Sitrep({"ingest", kCorpus});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("ingested 0 documents (6 already stored)"), std::string::npos)
      << again.err;
  EXPECT_EQ(Query({"events"}), before);
}

TEST_F(StoreTest, TwoFoldersWithTheSameFileNamesBothIngestAndReingestAddsNothing) {
  auto write = [&](const std::string& rel, const std::string& content) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << content;
  };
  write("wire_a/001.txt",
        "date 2024-03-02\nsource Wire A\nurl https://a.example/1\n\n"
        "Government troops recaptured Sirte on Saturday.\n");
  write("wire_b/001.txt", "date 2024-03-03\nRebels seized Misrata on Sunday.\n");
  write("both/x/001.txt", "date 2024-03-04\nFighting broke out in Benghazi.\n");
  write("both/y/001.txt", "date 2024-03-05\nFighting broke out in Derna.\n");
  auto count = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    std::map<std::string, std::string> ids;  // id -> source|url
    sqlite3_exec(
        db, "SELECT id, source || '|' || url FROM documents",
        [](void* out, int, char** v, char**) {
          (*static_cast<std::map<std::string, std::string>*>(out))[v[0]] = v[1] ? v[1] : "";
          return 0;
        },
        &ids, nullptr);
    sqlite3_close(db);
    return ids;
  };
  ASSERT_EQ(Sitrep({"ingest", (dir_ / "wire_a").string()}).exit_code, 0);
  auto b = Sitrep({"ingest", (dir_ / "wire_b").string()});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.err.find("ingested 1 documents (0 already stored)"), std::string::npos) << b.err;
  EXPECT_NE(b.err.find("001.txt: its id is held by another document; stored as '001~"),
            std::string::npos)
      << b.err;
  // Sub-folders give distinct ids without any tag.
  ASSERT_EQ(Sitrep({"ingest", (dir_ / "both").string()}).exit_code, 0);
  auto ids = count();
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids["001"], "Wire A|https://a.example/1");
  EXPECT_TRUE(ids.count("x/001") && ids.count("y/001"));
  // Every one of them again, in any grouping: nothing new, nothing refused.
  for (const char* folder : {"wire_b", "wire_a", "both"}) {
    auto again = Sitrep({"ingest", (dir_ / folder).string()});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("ingested 0 documents"), std::string::npos) << folder << again.err;
  }
  EXPECT_EQ(count(), ids);
  // An id given by the input (JSON Lines) is the document's identity: a clash is still refused.
  std::ofstream(dir_ / "j.jsonl") << R"({"id":"001","date":"2024-03-09","text":"Other text."})"
                                  << "\n";
  auto clash = Sitrep({"ingest", (dir_ / "j.jsonl").string()});
  EXPECT_EQ(clash.exit_code, 1);
  EXPECT_NE(clash.err.find("document id '001' is already stored with other content"),
            std::string::npos)
      << clash.err;
}

TEST_F(StoreTest, QueryFormatsAndErrors) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto csv = Sitrep({"events", "--format", "csv", "--type", "capture"});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out.rfind("id,type,date,date_end,", 0), 0u);
  auto table = Sitrep({"captures", "--since", "2031-01-01", "--format", "table"});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.err.find("2 places captured"), std::string::npos) << table.err;
  EXPECT_EQ(Sitrep({"control", "--at", "yesterday"}).exit_code, 2);
  EXPECT_EQ(Sitrep({"events", "--type", "picnic"}).exit_code, 2);
  EXPECT_EQ(RunSitrep({"events", "--db", (dir_ / "absent.db").string()}).exit_code, 2);
}

// A corpus large enough that ingest takes a while: the development sentences, many times over.
std::string WriteBigCorpus(const fs::path& dir, int copies) {
  std::ifstream in(std::string(SITREP_SOURCE_DIR) + "/tests/dev/sentences.tsv");
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cols(line);
    std::string id, date, text;
    std::getline(cols, id, '\t');
    std::getline(cols, date, '\t');
    std::getline(cols, text, '\t');
    rows.emplace_back(date, text);
  }
  std::string path = (dir / "big.jsonl").string();
  std::ofstream out(path);
  for (int c = 0; c < copies; ++c) {
    for (size_t i = 0; i < rows.size(); ++i) {
      std::ostringstream id, text;
      id << "d" << c << "_" << i;
      text << rows[i].second << " Report " << c << ".";
      out << json({{"id", id.str()}, {"date", rows[i].first}, {"text", text.str()}}).dump() << "\n";
    }
  }
  return path;
}

TEST_F(StoreTest, KilledIngestEndsWithTheDataOfOneCleanRun) {
  std::string corpus = WriteBigCorpus(dir_, 40);
  std::string clean_db = (dir_ / "clean.db").string();
  auto first = RunSitrep({"ingest", corpus, "--db", clean_db, "--batch", "7"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto clean = RunSitrep({"events", "--db", clean_db, "--format", "jsonl"});
  std::mt19937 rng(12345);
  for (int round = 0; round < 6; ++round) {
    int pid = testing::StartSitrep({"ingest", corpus, "--db", db_, "--batch", "7"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 400)(rng)));
    kill(pid, SIGKILL);
    testing::WaitSitrep(pid);
  }
  auto last = Sitrep({"ingest", corpus, "--batch", "7"});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  auto after = Sitrep({"events", "--format", "jsonl"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, clean.out);
  EXPECT_FALSE(clean.out.empty());
}

TEST_F(StoreTest, ReadersQueryWhileIngestWrites) {
  std::string corpus = WriteBigCorpus(dir_, 30);
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);  // the database exists before readers start
  int pid = testing::StartSitrep({"ingest", corpus, "--db", db_, "--batch", "5"});
  int reads = 0;
  for (auto start = std::chrono::steady_clock::now();
       std::chrono::steady_clock::now() - start < std::chrono::seconds(3) && reads < 40; ++reads) {
    auto r = Sitrep({"events", "--format", "jsonl", "--type", "capture"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const json& e : Lines(r.out)) ASSERT_EQ(e["type"], "capture");
  }
  EXPECT_EQ(testing::WaitSitrep(pid), 0);
  EXPECT_GT(reads, 0);
}

TEST_F(StoreTest, OlderSchemaIsMigratedNewerIsRefused) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    // Version 1 as an older sitrep left it (no baseline table).
    const char* v1 =
        "CREATE TABLE documents (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, date TEXT "
        "NOT NULL,"
        " origin TEXT, title TEXT, url TEXT, source TEXT, lang TEXT, text TEXT NOT NULL,"
        " ingested_at TEXT NOT NULL DEFAULT (datetime('now')));"
        "CREATE TABLE events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, actor1 TEXT, actor2 TEXT,"
        " actor1_is_state INTEGER NOT NULL DEFAULT 0, place_key TEXT, place_name TEXT, "
        "place_matched TEXT,"
        " geonames_id INTEGER, admin1 TEXT, country TEXT, feature TEXT, lat REAL, lon REAL, date "
        "TEXT NOT NULL,"
        " date_end TEXT NOT NULL, date_precision TEXT NOT NULL, historical INTEGER NOT NULL,"
        " confidence REAL NOT NULL, first_reported TEXT NOT NULL, last_reported TEXT NOT NULL);"
        "CREATE INDEX events_place ON events(place_key, type);"
        "CREATE INDEX events_date ON events(date, date_end);"
        "CREATE TABLE reports (event_id INTEGER NOT NULL REFERENCES events(id), doc_id TEXT NOT "
        "NULL"
        " REFERENCES documents(id), sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER "
        "NOT NULL,"
        " date TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL, confidence "
        "REAL NOT NULL,"
        " actor1 TEXT, actor2 TEXT);"
        "CREATE INDEX reports_event ON reports(event_id);"
        "PRAGMA user_version = 1;";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto r = Sitrep({"ingest", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = Store::Open(db_, true);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), Store::kSchemaVersion);
  EXPECT_TRUE((*store)->Baseline().ok());
  store = Status::OK();  // close before changing the file
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto newer = Sitrep({"ingest", kCorpus});
  EXPECT_EQ(newer.exit_code, 2);
  EXPECT_NE(newer.err.find("schema version 99 is newer than this sitrep"), std::string::npos)
      << newer.err;
  auto query = Sitrep({"events"});
  EXPECT_EQ(query.exit_code, 2);
}

TEST_F(StoreTest, PartsClaimsAndDenialsSurviveTheStoreAndDoNotMoveControl) {
  std::ofstream(dir_ / "a.txt")
      << "date 2024-03-06\n\nThe RSF claimed control of El Obeid on Monday. The army denied "
         "it.\n\nIslamic State fighters captured the airport in Mosul on Tuesday.\n";
  ASSERT_EQ(Sitrep({"ingest", (dir_ / "a.txt").string()}).exit_code, 0);
  bool saw_claim = false, saw_part = false;
  for (const json& e : Query({"events", "--type", "capture"})) {
    if (e["place"] == "El Obeid") {
      saw_claim = true;
      EXPECT_EQ(e["claim"], true);
      EXPECT_EQ(e["denied"], true);
    }
    if (e["place"] == "Mosul") {
      saw_part = true;
      EXPECT_EQ(e["part"], "airport");
    }
  }
  EXPECT_TRUE(saw_claim);
  EXPECT_TRUE(saw_part);
  // Neither a denied claim nor an airport gives anyone the town: El Obeid is claimed (denied) on
  // the evidence of the claim, and Mosul, with only its airport taken, has no holder.
  std::map<std::string, json> at;
  for (const json& row : Query({"control", "--at", "2024-03-07"})) at[row["place"]] = row;
  ASSERT_EQ(at.count("El Obeid"), 1u);
  EXPECT_EQ(at["El Obeid"]["status"], "claimed");
  EXPECT_TRUE(at["El Obeid"]["denied"].get<bool>());
  EXPECT_TRUE(at["El Obeid"]["controller"].is_null());
  EXPECT_EQ(at["El Obeid"]["evidence_count"], 1);
  EXPECT_EQ(at.count("Mosul"), 0u);
}

// The counts /api/stats reads are kept by triggers; they must say what a scan of the events says,
// after merges, and after a migration that had to compute them from events already stored.
StoreStats ScannedStats(const Store& store) {
  EventFilter f;
  f.include_historical = false;
  auto events = store.Events(f);
  EXPECT_TRUE(events.ok());
  StoreStats s;
  std::map<std::string, size_t> by_type;
  std::map<Date, std::set<std::string>> captures;
  for (const auto& se : *events) {
    const Event& e = se.event;
    ++s.events;
    by_type[std::string(EventTypeName(e.type))]++;
    if (e.type == EventType::kCapture && e.place) captures[e.date_end].insert(PlaceKey(*e.place));
    if (!s.first || e.date < *s.first) s.first = e.date;
    if (!s.last || e.date_end > *s.last) s.last = e.date_end;
  }
  for (const auto& [t, n] : by_type) s.events_by_type.emplace_back(t, n);
  for (const auto& [d, places] : captures) s.captures_per_day.emplace_back(d, places.size());
  return s;
}

void ExpectSameStats(const StoreStats& a, const StoreStats& b) {
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.last, b.last);
  EXPECT_EQ(a.events_by_type, b.events_by_type);
  EXPECT_EQ(a.captures_per_day, b.captures_per_day);
}

TEST_F(StoreTest, StatsFromKeptCountsMatchAScanAfterMergesAndMigration) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  ASSERT_EQ(Sitrep({"ingest", WriteBigCorpus(dir_, 30)}).exit_code, 0);
  {
    auto store = Store::Open(db_, true);
    ASSERT_TRUE(store.ok());
    auto kept = (*store)->Stats();
    ASSERT_TRUE(kept.ok()) << kept.status().ToString();
    EXPECT_GT(kept->events, 0u);
    EXPECT_FALSE(kept->captures_per_day.empty());
    ExpectSameStats(*kept, ScannedStats(**store));
  }
  // Back to version 3 (no counts), then migrated again: the counts are computed from the events.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TRIGGER events_counted_insert; DROP TRIGGER events_counted_update;"
                           "DROP TRIGGER events_counted_delete; DROP TABLE event_counts;"
                           "DROP TABLE capture_days; DROP INDEX events_current_date;"
                           "DROP INDEX events_current_end; DROP TABLE corrections;"
                           "PRAGMA user_version = 3;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto store = Store::Open(db_, true);
  ASSERT_TRUE(store.ok());
  ExpectSameStats(*(*store)->Stats(), ScannedStats(**store));
}

TEST_F(StoreTest, TwoIngestsCreatingOneNewDatabaseDoNotRace) {
  for (int round = 0; round < 6; ++round) {
    fs::remove(db_);
    fs::remove(db_ + "-wal");
    fs::remove(db_ + "-shm");
    int a = testing::StartSitrep({"ingest", kCorpus, "--db", db_});
    int b = testing::StartSitrep({"ingest", kCorpus, "--db", db_});
    EXPECT_EQ(testing::WaitSitrep(a), 0) << "round " << round;
    EXPECT_EQ(testing::WaitSitrep(b), 0) << "round " << round;
  }
  auto reference = (dir_ / "one.db").string();
  ASSERT_EQ(RunSitrep({"ingest", kCorpus, "--db", reference}).exit_code, 0);
  EXPECT_EQ(Sitrep({"events", "--format", "jsonl"}).out,
            RunSitrep({"events", "--db", reference, "--format", "jsonl"}).out);
}

// Queries on a database nobody may write (a read-only folder and file, as on read-only media):
// they open it read-only and never need to create anything beside it.
TEST_F(StoreTest, QueriesWorkOnAReadOnlyFolder) {
  ASSERT_EQ(Sitrep({"ingest", kCorpus}).exit_code, 0);
  auto expected = Sitrep({"events", "--format", "jsonl"});
  ASSERT_FALSE(expected.out.empty());
  fs::path ro = dir_ / "ro";
  fs::create_directories(ro);
  fs::copy_file(db_, ro / "t.db");
  fs::permissions(ro / "t.db",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  std::string out_file = (dir_ / "out.jsonl").string();
  fs::permissions(dir_, fs::perms::all);  // the unprivileged child writes its output here
  // Root ignores permissions: the query then runs as nobody.
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
    int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) _exit(98);
    dup2(fd, 1);
    std::string db = (ro / "t.db").string();
    execl(SITREP_BINARY, SITREP_BINARY, "events", "--db", db.c_str(), "--format", "jsonl",
          static_cast<char*>(nullptr));
    _exit(97);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  fs::permissions(ro, fs::perms::owner_all);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::ifstream in(out_file);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(out, expected.out);
  EXPECT_FALSE(fs::exists(ro / "t.db-shm"));
}

// A writer that stays open (the server's) must still fold its write-ahead log into the database:
// statements left part-way once kept it in a read transaction, and the log grew without bound.
TEST_F(StoreTest, ALongLivedWriterKeepsItsLogBounded) {
  auto store = Store::Open(db_);
  ASSERT_TRUE(store.ok());
  PlaceRef kharkiv;
  kharkiv.name = kharkiv.matched = "Kharkiv";
  kharkiv.geonames_id = 706483;
  kharkiv.country = "UA";
  for (int b = 0; b < 150; ++b) {
    std::vector<std::pair<Document, std::vector<Event>>> batch;
    for (int i = 0; i < 10; ++i) {
      Document d;
      d.id = "w" + std::to_string(b * 10 + i);
      d.date = Date{2031, 3, 1};
      d.text = std::string(3000, 'x') + d.id;
      d.origin = d.id;
      Event e;
      e.type = EventType::kShelling;
      e.place = kharkiv;  // every event merges into the first: the merge lookup stops early
      e.date = e.date_end = d.date;
      e.evidence.sentence = "Shelling hit Kharkiv.";
      batch.emplace_back(d, std::vector<Event>{e});
    }
    batch.push_back(batch.front());  // and a duplicate: the duplicate lookup stops at its row
    IngestStats stats;
    ASSERT_TRUE((*store)->IngestBatch(batch, &stats).ok());
  }
  EXPECT_LT(fs::file_size(db_ + "-wal"), 8u << 20);
  EXPECT_GT(fs::file_size(db_), 4u << 20);
}

}  // namespace
}  // namespace sitrep
