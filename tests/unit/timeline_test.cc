// The control timeline on transfers built by hand: what moves control and what does not.
#include <gtest/gtest.h>

#include "sitrep/control.h"

namespace sitrep {
namespace {

StoredEvent Transfer(int64_t id, EventType type, std::string a1, std::string a2, Date d) {
  StoredEvent se;
  se.id = id;
  Event& e = se.event;
  e.type = type;
  e.actor1 = std::move(a1);
  e.actor2 = std::move(a2);
  e.date = e.date_end = d;
  e.date_precision = DatePrecision::kDay;
  e.confidence = 0.9;
  e.place.emplace();
  e.place->name = "Kassala";
  e.place->country = std::string("SD");
  e.place->geonames_id = 1;
  return se;
}

std::string HolderAt(const std::vector<StoredEvent>& events, Date at) {
  auto now = ControlAt(BuildControlTimeline(events, {}), at);
  return now.empty() ? "" : now.front().controller;
}

TEST(TimelineTest, CapturesAndRetreatsMoveControlToTheGainer) {
  std::vector<StoredEvent> events = {
      Transfer(1, EventType::kCapture, "Rapid Support Forces", "Sudanese army", {2024, 3, 1}),
      Transfer(2, EventType::kRetreat, "Rapid Support Forces", "Sudanese army", {2024, 5, 1})};
  EXPECT_EQ(HolderAt(events, {2024, 4, 1}), "Rapid Support Forces");
  EXPECT_EQ(HolderAt(events, {2024, 6, 1}), "Sudanese army");  // a retreat leaves it to actor2
}

TEST(TimelineTest, APartOfAPlaceDoesNotMoveThePlace) {
  std::vector<StoredEvent> events = {
      Transfer(1, EventType::kCapture, "Rapid Support Forces", "Sudanese army", {2024, 3, 1})};
  StoredEvent airport =
      Transfer(2, EventType::kCapture, "Sudanese army", "Rapid Support Forces", {2024, 4, 1});
  airport.event.part = "airport";
  events.push_back(airport);
  EXPECT_EQ(HolderAt(events, {2024, 5, 1}), "Rapid Support Forces");
}

TEST(TimelineTest, ADeniedClaimDoesNotMoveControlButAConfirmedCaptureDoes) {
  std::vector<StoredEvent> events = {
      Transfer(1, EventType::kCapture, "Rapid Support Forces", "Sudanese army", {2024, 3, 1})};
  StoredEvent claim =
      Transfer(2, EventType::kCapture, "Sudanese army", "Rapid Support Forces", {2024, 4, 1});
  claim.event.claim = claim.event.denied = true;
  events.push_back(claim);
  EXPECT_EQ(HolderAt(events, {2024, 5, 1}), "Rapid Support Forces");
  events.back().event.denied = false;
  events.back().event.claim = false;
  EXPECT_EQ(HolderAt(events, {2024, 5, 1}), "Sudanese army");
}

TEST(TimelineTest, HistoryNeverChangesThePresent) {
  StoredEvent old =
      Transfer(1, EventType::kCapture, "Rapid Support Forces", "Sudanese army", {1998, 1, 1});
  old.event.historical = true;
  EXPECT_EQ(HolderAt({old}, {2024, 5, 1}), "");
}

}  // namespace
}  // namespace sitrep
