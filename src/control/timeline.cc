// Territorial control from dated transfers.
//
// For each place: start from the baseline (if any), then walk its transfers in date order. A
// capture gives the place to its actor1; a retreat or handover to actor2 (the side left holding
// it). A transfer's date is the end of its range: the latest day the report allows, so control is
// never claimed before the text supports it. A transfer to the current holder adds evidence to
// the running interval; one to another side closes it. Transfers whose date ranges overlap but
// disagree on the holder mark both intervals contested: both are kept, neither is dropped.
// Historical events never enter.
#include <algorithm>
#include <map>

#include "sitrep/control.h"

namespace sitrep {

namespace {

struct Transfer {
  const StoredEvent* event;
  std::string controller;
  Date date, date_end;
};

std::optional<Transfer> TransferOf(const StoredEvent& se) {
  const Event& e = se.event;
  // A facility or part ("the airport", "eastern Mosul") does not move the whole place, and a claim
  // the report says is denied is not enough to move it either.
  if (e.historical || !e.place || !e.part.empty() || e.denied) return std::nullopt;
  std::string controller;
  switch (EventTypeControlEffect(e.type)) {
    case ControlEffect::kActor1Gains: controller = e.actor1; break;
    case ControlEffect::kActor2Gains: controller = e.actor2; break;
    case ControlEffect::kNone: return std::nullopt;
  }
  if (controller.empty()) return std::nullopt;
  return Transfer{&se, controller, e.date, e.date_end};
}

void AddEvidence(const StoredEvent& se, ControlInterval* iv) {
  iv->events.push_back(se.id);
  for (const Report& r : se.reports) {
    iv->evidence.push_back(r.evidence);
    iv->evidence_docs.push_back(r.doc);
  }
  iv->confidence = std::max(iv->confidence, se.event.confidence);
}

}  // namespace

std::vector<ControlInterval> BuildControlTimeline(const std::vector<StoredEvent>& events,
                                                  const std::vector<BaselineEntry>& baseline) {
  std::map<std::string, std::vector<Transfer>> by_place;
  std::map<std::string, PlaceRef> places;
  for (const StoredEvent& se : events) {
    auto t = TransferOf(se);
    if (!t) continue;
    std::string key = PlaceKey(*se.event.place);
    by_place[key].push_back(*t);
    places.emplace(key, *se.event.place);
  }
  std::map<std::string, const BaselineEntry*> base;
  for (const BaselineEntry& b : baseline) {
    std::string key = PlaceKey(b.place);
    base[key] = &b;
    places.emplace(key, b.place);
  }
  std::vector<ControlInterval> out;
  for (const auto& [key, place] : places) {
    std::vector<Transfer>& ts = by_place[key];
    std::stable_sort(ts.begin(), ts.end(), [](const Transfer& a, const Transfer& b) {
      return a.date_end != b.date_end ? a.date_end < b.date_end : a.date < b.date;
    });
    std::vector<ControlInterval> intervals;
    if (auto it = base.find(key); it != base.end()) {
      ControlInterval iv;
      iv.place = place;
      iv.controller = it->second->controller;
      iv.from = it->second->as_of;
      iv.confidence = 1;
      iv.from_baseline = true;
      intervals.push_back(std::move(iv));
    }
    const Transfer* previous = nullptr;
    for (const Transfer& t : ts) {
      bool overlaps_previous =
          previous && t.date <= previous->date_end && previous->controller != t.controller;
      if (!intervals.empty() && intervals.back().controller == t.controller) {
        AddEvidence(*t.event, &intervals.back());
      } else {
        if (!intervals.empty()) intervals.back().to = t.date_end;
        ControlInterval iv;
        iv.place = place;
        iv.controller = t.controller;
        iv.from = t.date_end;
        AddEvidence(*t.event, &iv);
        intervals.push_back(std::move(iv));
      }
      if (overlaps_previous && intervals.size() >= 2) {
        ControlInterval& now = intervals.back();
        ControlInterval& before = intervals[intervals.size() - 2];
        now.contested = before.contested = true;
        now.contested_by = before.controller;
        before.contested_by = now.controller;
      }
      previous = &t;
    }
    for (auto& iv : intervals) out.push_back(std::move(iv));
  }
  return out;
}

Result<std::vector<ControlInterval>> ControlTimeline(const Store& store,
                                                     std::optional<Date> until) {
  EventFilter f;
  f.include_historical = false;
  for (int t = 0; t < kEventTypeCount; ++t) {  // only the types that move control
    if (EventTypeControlEffect(static_cast<EventType>(t)) != ControlEffect::kNone)
      f.types.push_back(static_cast<EventType>(t));
  }
  f.until = until;
  auto events = store.Events(f);
  if (!events.ok()) return events.status();
  auto baseline = store.Baseline();
  if (!baseline.ok()) return baseline.status();
  return BuildControlTimeline(*events, *baseline);
}

std::vector<ControlInterval> ControlAt(const std::vector<ControlInterval>& timeline, Date at) {
  std::vector<ControlInterval> out;
  for (const ControlInterval& iv : timeline) {
    if (iv.from <= at && (!iv.to || at < *iv.to)) out.push_back(iv);
  }
  return out;
}

}  // namespace sitrep
