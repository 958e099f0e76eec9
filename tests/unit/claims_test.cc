// Claims in reports ("the sixth provincial capital to fall in a week") and their verdicts against
// records built by hand. The sentences are written for this test, about several wars.
#include <gtest/gtest.h>

#include "sitrep/control.h"

namespace sitrep {
namespace {

std::vector<Claim> Claims(const std::string& date, const std::string& text) {
  Document doc;
  doc.id = "d";
  doc.date = *Date::Parse(date);
  doc.text = text;
  auto claims = FindClaims(doc);
  EXPECT_TRUE(claims.ok()) << claims.status().ToString();
  return claims.ok() ? *claims : std::vector<Claim>{};
}

struct Want {
  std::string date, text, words;
  int claimed;
  ClaimCounts counts;
  std::string since;
  double fraction = 0;
};

TEST(ClaimsTest, TheWaysReportersCount) {
  const Want cases[] = {
      {"2021-08-13",
       "Insurgents entered Qala-i-Naw on Friday, the sixth provincial capital to fall in a week.",
       "the sixth provincial capital to fall in a week", 6, ClaimCounts::kCapitals, "2021-08-06"},
      // No noun: the kind is the one named before.
      {"2024-02-20",
       "Assault units pushed into the town at dawn. It was the eighth in six days, a spokesman "
       "for the brigade said.",
       "the eighth in six days", 8, ClaimCounts::kPlaces, "2024-02-14"},
      {"2023-11-05",
       "The paramilitary said Nyala was the third city in 24 hours to come under its control.",
       "the third city in 24 hours", 3, ClaimCounts::kPlaces, "2023-11-04"},
      {"2023-11-12", "Resistance fighters overran Kunlong, the 10th district centre since Friday.",
       "the 10th district centre since Friday", 10, ClaimCounts::kDistricts, "2023-11-10"},
      {"2023-11-12",
       "Hsenwi became the fifth district capital to be seized by the alliance since Monday.",
       "the fifth district capital to be seized by the alliance since Monday", 5,
       ClaimCounts::kDistricts, "2023-11-06"},
      {"2016-10-30",
       "Government troops retook Bartella, the 21st town to be recaptured in the past month.",
       "the 21st town to be recaptured in the past month", 21, ClaimCounts::kPlaces, "2016-09-30"},
      // A few words may stand between the noun and the span.
      {"2011-08-22", "The rebels said Zawiya was the second city they had taken in a fortnight.",
       "the second city they had taken in a fortnight", 2, ClaimCounts::kPlaces, "2011-08-08"},
      {"2024-12-06",
       "Rebels entered Hama on Thursday, taking more than a quarter of the country's provincial "
       "capitals in less than a week.",
       "more than a quarter of the country's provincial capitals in less than a week", 0,
       ClaimCounts::kCapitals, "2024-11-29", 0.25},
  };
  for (const Want& w : cases) {
    auto claims = Claims(w.date, w.text);
    if (w.words.empty()) {
      EXPECT_TRUE(claims.empty()) << w.text;
      continue;
    }
    ASSERT_EQ(claims.size(), 1u) << w.text;
    const Claim& c = claims[0];
    EXPECT_EQ(c.text, w.words) << w.text;
    EXPECT_EQ(c.claimed, w.claimed) << w.text;
    EXPECT_EQ(c.counts, w.counts) << w.text;
    EXPECT_EQ(c.since.ToString(), w.since) << w.text;
    EXPECT_EQ(c.until.ToString(), w.date) << w.text;
    EXPECT_DOUBLE_EQ(c.fraction, w.fraction) << w.text;
    EXPECT_EQ(w.text.substr(c.evidence.start, c.evidence.end - c.evidence.start),
              c.evidence.sentence);
  }
}

TEST(ClaimsTest, OrdinalsThatCountSomethingElseAreNotClaims) {
  for (const char* text : {
           "It was the second time in a week that the market was shelled.",
           "The battalion marked its sixth anniversary in the city.",
           "Kherson was the sixth city the envoy visited.",  // no span
           "It was the eighth in six days.",                 // nothing says what was counted
           "Fighting entered its fourth day in the town of Bakhmut.",
       }) {
    EXPECT_TRUE(Claims("2023-05-01", text).empty()) << text;
  }
}

StoredEvent Capture(const std::string& name, const std::string& feature, const std::string& cc,
                    const std::string& date, bool historical = false) {
  StoredEvent se;
  Event& e = se.event;
  e.type = EventType::kCapture;
  e.date = e.date_end = *Date::Parse(date);
  e.historical = historical;
  e.place.emplace();
  e.place->name = name;
  e.place->feature = feature;
  e.place->country = cc;
  e.place->geonames_id = static_cast<uint32_t>(std::hash<std::string>{}(name)&0xffffff) + 1;
  Report r;
  r.doc = "r-" + name;
  r.doc_date = e.date;
  se.reports.push_back(r);
  return se;
}

Claim Judged(const std::vector<StoredEvent>& events, ClaimCounts counts, int claimed,
             const std::string& since, const std::string& until) {
  Claim c;
  c.counts = counts;
  c.claimed = claimed;
  c.country = "AF";
  c.since = *Date::Parse(since);
  c.until = *Date::Parse(until);
  JudgeClaim(events, 34, &c);
  return c;
}

TEST(ClaimsTest, OnlyTheKindOfPlaceTheClaimCountsIsCounted) {
  std::vector<StoredEvent> events = {
      Capture("Zaranj", "PPLA", "AF", "2021-08-06"),
      Capture("Sheberghan", "PPLA", "AF", "2021-08-07"),
      Capture("Kunduz", "PPLA", "AF", "2021-08-08"),
      Capture("Dand", "PPLA2", "AF", "2021-08-08"),
      Capture("Spin Boldak", "PPLA2", "AF", "2021-08-09"),
      Capture("Shindand District", "ADM2", "AF", "2021-08-10"),
      Capture("Kunduz Province", "ADM1", "AF", "2021-08-10"),  // a division is no city
      Capture("Mazar-i-Sharif", "PPLA", "AF", "1998-08-08", /*historical=*/true),
      Capture("Kherson", "PPLA", "UA", "2021-08-09"),  // another country
  };
  EXPECT_EQ(Judged(events, ClaimCounts::kCapitals, 3, "2021-08-04", "2021-08-11").coded, 3);
  EXPECT_EQ(Judged(events, ClaimCounts::kDistricts, 3, "2021-08-04", "2021-08-11").coded, 3);
  EXPECT_EQ(Judged(events, ClaimCounts::kPlaces, 5, "2021-08-04", "2021-08-11").coded, 5);
  // The span bounds it.
  EXPECT_EQ(Judged(events, ClaimCounts::kCapitals, 2, "2021-08-07", "2021-08-11").coded, 2);
}

TEST(ClaimsTest, VerdictsSayWhenTheRecordIsTooThinToJudge) {
  std::vector<StoredEvent> events;
  for (int d = 1; d <= 7; ++d) {  // a report every day of the week, four capitals captured
    std::string date = "2021-08-0" + std::to_string(d);
    events.push_back(d <= 4 ? Capture("Capital " + std::to_string(d), "PPLA", "AF", date)
                            : Capture("Village " + std::to_string(d), "PPL", "AF", date));
  }
  auto consistent = Judged(events, ClaimCounts::kCapitals, 4, "2021-08-01", "2021-08-07");
  EXPECT_EQ(consistent.verdict, "consistent") << consistent.explanation;
  EXPECT_EQ(consistent.days_reported, 7);
  EXPECT_EQ(consistent.days_in_span, 7);
  auto more = Judged(events, ClaimCounts::kCapitals, 3, "2021-08-01", "2021-08-07");
  EXPECT_EQ(more.verdict, "inconsistent") << more.explanation;
  // Fewer coded though every day has reports: the record does not bear the claim out.
  auto fewer = Judged(events, ClaimCounts::kCapitals, 6, "2021-08-01", "2021-08-07");
  EXPECT_EQ(fewer.verdict, "unconfirmed") << fewer.explanation;
  EXPECT_NE(fewer.explanation.find("4 capitals coded vs 6 claimed"), std::string::npos)
      << fewer.explanation;
  // Nothing at all coded in the span.
  auto silent = Judged(events, ClaimCounts::kCapitals, 6, "2021-08-10", "2021-08-15");
  EXPECT_EQ(silent.verdict, "not enough data");
  EXPECT_NE(silent.explanation.find("no capture of any place"), std::string::npos);
  // Reports on 2 of 10 days: fewer coded than claimed proves nothing.
  auto partial = Judged(events, ClaimCounts::kCapitals, 6, "2021-07-24", "2021-08-02");
  EXPECT_EQ(partial.days_reported, 2);
  EXPECT_EQ(partial.days_in_span, 10);
  EXPECT_EQ(partial.verdict, "not enough data") << partial.explanation;
  EXPECT_NE(partial.explanation.find("reports on 2 of 10 days"), std::string::npos)
      << partial.explanation;
  EXPECT_NE(partial.explanation.find("too partial"), std::string::npos) << partial.explanation;
}

}  // namespace
}  // namespace sitrep
