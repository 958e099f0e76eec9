// Every event `sitrep code` prints obeys the output contract of DESIGN.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/e2e/cli_runner.h"

namespace sitrep {
namespace {

using nlohmann::json;

// Returns what is wrong with one output line, or empty.
std::string ContractViolation(const json& e, const std::string& text) {
  for (const char* key : {"doc", "doc_date", "type", "date", "date_end", "date_precision"}) {
    if (!e.contains(key) || !e[key].is_string()) return std::string("missing string ") + key;
  }
  static const std::set<std::string> kTypes = {"capture",
                                               "handover",
                                               "retreat",
                                               "clash",
                                               "airstrike",
                                               "shelling",
                                               "explosion",
                                               "attack_on_civilians",
                                               "abduction",
                                               "protest",
                                               "riot",
                                               "arrest",
                                               "base_established",
                                               "looting",
                                               "visit",
                                               "meeting",
                                               "movement",
                                               "statement",
                                               "negotiation",
                                               "agreement",
                                               "attack"};
  if (!kTypes.count(e["type"])) return "unknown type";
  for (const char* key : {"acled_event_type", "acled_sub_event_type", "actor1", "actor2"}) {
    if (!e.contains(key) || !(e[key].is_string() || e[key].is_null()))
      return std::string("bad ") + key;
  }
  static const std::set<std::string> kPrecisions = {"day", "range", "month", "year"};
  if (!kPrecisions.count(e["date_precision"])) return "bad date_precision";
  if (e["date"].get<std::string>() > e["date_end"].get<std::string>()) return "date after date_end";
  if (!e["historical"].is_boolean()) return "historical not boolean";
  if (!e["confidence"].is_number() || e["confidence"] < 0 || e["confidence"] > 1)
    return "bad confidence";
  if (!e["place"].is_null()) {
    const json& p = e["place"];
    for (const char* key : {"name", "matched", "admin1", "country", "feature"}) {
      if (!p.contains(key) || !p[key].is_string()) return std::string("place.") + key;
    }
    if (!p["geonames_id"].is_number_unsigned()) return "place.geonames_id";
    if (!p["lat"].is_number() || p["lat"] < -90 || p["lat"] > 90) return "place.lat";
    if (!p["lon"].is_number() || p["lon"] < -180 || p["lon"] > 180) return "place.lon";
  }
  const json& ev = e["evidence"];
  if (!ev.is_object() || !ev["sentence"].is_string() || !ev["start"].is_number_unsigned() ||
      !ev["end"].is_number_unsigned()) {
    return "bad evidence";
  }
  size_t start = ev["start"], end = ev["end"];
  if (start >= end || end > text.size()) return "evidence offsets out of range";
  if (text.substr(start, end - start) != ev["sentence"].get<std::string>()) {
    return "evidence offsets do not point at the sentence";
  }
  return "";
}

TEST(ContractTest, ReferenceArticleOutputObeysTheContract) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared is not beside the checkout";
  std::string path = shared + "/data/seed/000_4a79dbf7bae2aa6b.txt";
  auto r = testing::RunSitrep({"code", "--format", "jsonl", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The article body as sitrep reads it: evidence offsets index into it.
  std::string raw;
  {
    FILE* f = fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) raw.append(buf, n);
    fclose(f);
  }
  size_t date_at = raw.find("date ");
  ASSERT_NE(date_at, std::string::npos);
  size_t text_at = raw.find_first_not_of(" \t\r\n", date_at + 15);
  std::string text = raw.substr(text_at);
  std::istringstream in(r.out);
  size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    json e = json::parse(line, nullptr, false);
    ASSERT_FALSE(e.is_discarded()) << "line " << n + 1 << " is not JSON: " << line;
    EXPECT_EQ(ContractViolation(e, text), "") << "line " << n + 1 << ": " << line;
    EXPECT_EQ(e["doc"], "000_4a79dbf7bae2aa6b");
    EXPECT_EQ(e["doc_date"], "2021-08-11");
  }
  RecordProperty("events", static_cast<int>(n));
}

}  // namespace
}  // namespace sitrep
