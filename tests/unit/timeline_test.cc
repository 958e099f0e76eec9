// The control timeline on evidence built by hand: what moves control, what only contests or
// claims it, how evidence is weighed and ages, and how an analyst's correction wins.
#include <gtest/gtest.h>

#include "sitrep/control.h"

namespace sitrep {
namespace {

const std::string kRsf = "Rapid Support Forces", kArmy = "Sudanese army";

// An event at Kassala reported by `outlets` different outlets with confidence `confidence`.
StoredEvent Transfer(int64_t id, EventType type, std::string a1, std::string a2, Date d,
                     int outlets = 1, double confidence = 0.9) {
  StoredEvent se;
  se.id = id;
  Event& e = se.event;
  e.type = type;
  e.actor1 = std::move(a1);
  e.actor2 = std::move(a2);
  e.date = e.date_end = d;
  e.date_precision = DatePrecision::kDay;
  e.confidence = confidence;
  e.place.emplace();
  e.place->name = "Kassala";
  e.place->country = std::string("SD");
  e.place->feature = "PPLA";
  e.place->geonames_id = 1;
  for (int i = 0; i < outlets; ++i) {
    Report r;
    r.doc = "doc" + std::to_string(id) + "-" + std::to_string(i);
    r.source = "outlet " + std::to_string(i);
    r.confidence = confidence;
    r.evidence.sentence = "sentence of event " + std::to_string(id);
    se.reports.push_back(r);
  }
  return se;
}

StoredEvent Capture(int64_t id, const std::string& by, Date d, int outlets = 1,
                    double confidence = 0.9) {
  return Transfer(id, EventType::kCapture, by, by == kRsf ? kArmy : kRsf, d, outlets, confidence);
}

ControlInterval At(const std::vector<StoredEvent>& events, Date at,
                   const std::vector<BaselineEntry>& baseline = {},
                   const std::vector<Correction>& corrections = {}) {
  auto now = ControlAt(BuildControlTimeline(events, baseline, corrections), at);
  if (now.empty()) {
    ControlInterval none;
    none.status = ControlStatus::kUnknown;
    return none;
  }
  EXPECT_EQ(now.size(), 1u);
  return now.front();
}

std::string HolderAt(const std::vector<StoredEvent>& events, Date at) {
  return At(events, at).controller;
}

TEST(TimelineTest, CapturesAndRetreatsMoveControlToTheGainer) {
  std::vector<StoredEvent> events = {Transfer(1, EventType::kCapture, kRsf, kArmy, {2024, 3, 1}),
                                     Transfer(2, EventType::kRetreat, kRsf, kArmy, {2024, 3, 20})};
  EXPECT_EQ(HolderAt(events, {2024, 3, 10}), kRsf);
  EXPECT_EQ(HolderAt(events, {2024, 3, 25}), kArmy);  // a retreat leaves it to actor2
  EXPECT_EQ(At(events, {2024, 3, 25}).status, ControlStatus::kHeld);
}

TEST(TimelineTest, APartOfAPlaceContestsItButDoesNotMoveIt) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1})};
  StoredEvent airport = Capture(2, kArmy, {2024, 3, 5});
  airport.event.part = "airport";
  events.push_back(airport);
  ControlInterval now = At(events, {2024, 3, 6});
  EXPECT_EQ(now.status, ControlStatus::kContested);
  EXPECT_EQ(now.controller, kRsf);
  EXPECT_EQ(now.challenger, kArmy);
  EXPECT_EQ(At(events, {2024, 3, 20}).status, ControlStatus::kHeld);  // the contest ran out
  EXPECT_EQ(At(events, {2024, 3, 20}).controller, kRsf);
}

TEST(TimelineTest, AClaimAloneIsClaimedAndADeniedClaimSaysSo) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1})};
  StoredEvent claim = Capture(2, kArmy, {2024, 3, 5});
  claim.event.claim = true;
  events.push_back(claim);
  ControlInterval now = At(events, {2024, 3, 6});
  EXPECT_EQ(now.status, ControlStatus::kClaimed);
  EXPECT_EQ(now.challenger, kArmy);
  EXPECT_EQ(now.controller, kRsf);  // who holds it meanwhile
  EXPECT_FALSE(now.denied);
  events.back().event.denied = true;
  EXPECT_TRUE(At(events, {2024, 3, 6}).denied);
  // Claims never move control, however many outlets repeat them.
  events.back() = Capture(2, kArmy, {2024, 3, 5}, /*outlets=*/6);
  events.back().event.claim = true;
  EXPECT_EQ(HolderAt(events, {2024, 3, 6}), kRsf);
  events.back().event.claim = false;  // confirmed now
  EXPECT_EQ(HolderAt(events, {2024, 3, 6}), kArmy);
}

TEST(TimelineTest, AClaimOnAPlaceNobodyHoldsIsClaimedByTheClaimant) {
  StoredEvent claim = Capture(1, kRsf, {2024, 3, 5});
  claim.event.claim = true;
  ControlInterval now = At({claim}, {2024, 3, 6});
  EXPECT_EQ(now.status, ControlStatus::kClaimed);
  EXPECT_EQ(now.challenger, kRsf);
  EXPECT_EQ(now.controller, "");
  EXPECT_EQ(now.events, std::vector<int64_t>{1});
  EXPECT_EQ(At({claim}, {2024, 3, 20}).status, ControlStatus::kUnknown);  // it ran out
}

TEST(TimelineTest, OneWeakReportDoesNotOverturnSeveralConfirmedOnes) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}, /*outlets=*/4),
                                     Capture(2, kArmy, {2024, 3, 2}, 1, /*confidence=*/0.4)};
  ControlInterval now = At(events, {2024, 3, 3});
  EXPECT_EQ(now.controller, kRsf);
  EXPECT_EQ(now.status, ControlStatus::kHeld);
  EXPECT_EQ(now.against, std::vector<int64_t>{2});  // listed against, not hidden
  // The same report from three outlets does overturn it.
  events.back() = Capture(2, kArmy, {2024, 3, 2}, /*outlets=*/4);
  EXPECT_EQ(HolderAt(events, {2024, 3, 3}), kArmy);
}

TEST(TimelineTest, ALaterConfirmedCaptureEndsTheEarlierState) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}),
                                     Capture(2, kArmy, {2024, 3, 4})};
  EXPECT_EQ(HolderAt(events, {2024, 3, 5}), kArmy);
  EXPECT_EQ(At(events, {2024, 3, 5}).status, ControlStatus::kHeld);
}

TEST(TimelineTest, OneOutletRepeatingItselfCountsOnce) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}, /*outlets=*/2),
                                     Capture(2, kArmy, {2024, 3, 2}, /*outlets=*/3)};
  EXPECT_EQ(HolderAt(events, {2024, 3, 3}), kArmy);
  for (Report& r : events[1].reports) r.source = "one outlet";  // three stories, one outlet
  EXPECT_EQ(HolderAt(events, {2024, 3, 3}), kRsf);
  EXPECT_EQ(At(events, {2024, 3, 3}).status, ControlStatus::kContested);
}

TEST(TimelineTest, DissentAlmostAsHeavyAsTheHolderContestsForAWeek) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}, /*outlets=*/2),
                                     Capture(2, kArmy, {2024, 3, 2})};
  ControlInterval now = At(events, {2024, 3, 3});
  EXPECT_EQ(now.status, ControlStatus::kContested);
  EXPECT_EQ(now.controller, kRsf);
  EXPECT_EQ(now.challenger, kArmy);
  EXPECT_EQ(At(events, {2024, 3, 12}).status, ControlStatus::kHeld);
}

TEST(TimelineTest, EvidenceAgesAndTheBaselineToo) {
  std::vector<BaselineEntry> baseline = {
      {Capture(0, kArmy, {}).event.place.value(), kArmy, Date{2024, 1, 1}}};
  ControlInterval now = At({}, {2024, 1, 20}, baseline);
  EXPECT_EQ(now.status, ControlStatus::kHeld);
  EXPECT_TRUE(now.from_baseline);
  now = At({}, {2024, 2, 15}, baseline);  // 45 days on with no report
  EXPECT_EQ(now.status, ControlStatus::kUnknown);
  EXPECT_EQ(now.last_holder, kArmy);
  EXPECT_EQ(now.controller, "");
  EXPECT_EQ(now.from, (Date{2024, 2, 1}));
  EXPECT_EQ(now.confidence, 0);  // nothing current to be confident of
  EXPECT_TRUE(now.from_baseline);
  // A fresh report brings it back.
  now = At({Capture(1, kRsf, {2024, 3, 1})}, {2024, 3, 2}, baseline);
  EXPECT_EQ(now.status, ControlStatus::kHeld);
  EXPECT_EQ(now.controller, kRsf);
}

TEST(TimelineTest, ACorrectionWinsAndCarriesItsNote) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}, /*outlets=*/3)};
  PlaceRef kassala = events[0].event.place.value();
  std::vector<Correction> held = {
      {kassala, {2024, 3, 2}, kArmy, "army video from the centre", "fixes.tsv:2"}};
  ControlInterval now = At(events, {2024, 3, 3}, {}, held);
  EXPECT_EQ(now.controller, kArmy);
  EXPECT_EQ(now.status, ControlStatus::kHeld);
  EXPECT_EQ(now.correction, "army video from the centre");
  // "not an event" takes the capture out of control, and the event shows the note.
  std::vector<Correction> not_event = {{kassala, {2024, 3, 1}, "", "a rumour", "fixes.tsv:3"}};
  EXPECT_EQ(At(events, {2024, 3, 3}, {}, not_event).controller, "");
  EXPECT_EQ(CorrectionOf(events[0], not_event), "a rumour");
  EXPECT_EQ(CorrectionOf(events[0], held), "");
}

TEST(TimelineTest, DivisionsNeverEnterTheControlLayer) {
  StoredEvent province = Capture(1, kRsf, {2024, 3, 1});
  province.event.place->feature = "ADM1";
  EXPECT_TRUE(BuildControlTimeline({province}, {}).empty());
}

TEST(TimelineTest, EveryChangePointsToItsSentence) {
  std::vector<StoredEvent> events = {Capture(1, kRsf, {2024, 3, 1}),
                                     Capture(2, kArmy, {2024, 3, 4})};
  for (const ControlInterval& iv : BuildControlTimeline(events, {})) {
    ASSERT_FALSE(iv.evidence.empty()) << ControlStatusName(iv.status) << " " << iv.from.ToString();
    EXPECT_EQ(iv.evidence.size(), iv.evidence_docs.size());
  }
}

TEST(TimelineTest, HistoryNeverChangesThePresent) {
  StoredEvent old = Capture(1, kRsf, {1998, 1, 1});
  old.event.historical = true;
  EXPECT_EQ(HolderAt({old}, {2024, 5, 1}), "");
}

}  // namespace
}  // namespace sitrep
