// Territorial control as the weight of dated evidence.
//
// Each place's evidence becomes observations: the baseline ("held as of"), each transfer (a
// capture gives the place to actor1, a retreat or handover to actor2), claims, denied claims,
// captures of a part or facility, and the analyst's corrections. An observation's day is the end
// of its event's range: the latest day the report allows, so control is never claimed before the
// text supports it. Its weight is the sum over outlets of the best coder confidence each outlet
// gave it (one outlet repeating itself counts once), scaled by its kind, and it halves every
// `half_life_days`.
//
// The status is then replayed day by day, only on the days something can change (a report, a
// contest or claim running out, a holder going stale). A side takes the place when its confirmed
// reports since the holder took it weigh at least as much as the holder's: a later confirmed
// capture ends an earlier state, and one weak report does not overturn several strong ones.
// Lesser dissent makes the place contested (or claimed, when only claims dissent) for
// `challenge_days`. A holder with no report for `stale_after_days` becomes unknown.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sitrep/control.h"

namespace sitrep {

std::string_view ControlStatusName(ControlStatus status) {
  switch (status) {
    case ControlStatus::kHeld: return "held";
    case ControlStatus::kContested: return "contested";
    case ControlStatus::kClaimed: return "claimed";
    case ControlStatus::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

enum class Kind : uint8_t { kBaseline, kCorrection, kConfirmed, kClaim, kDenied, kPart };

struct Observation {
  Kind kind;
  std::string side;  // who it says holds (or takes, or claims) the place
  Date day;
  double weight = 0, confidence = 0;
  const StoredEvent* event = nullptr;  // none for baseline and corrections
  const Correction* correction = nullptr;
};

bool Confirms(Kind k) { return k == Kind::kConfirmed || k == Kind::kCorrection; }

// The places that can be held: populated places and facilities, not divisions or countries.
bool CanBeHeld(const PlaceRef& p) {
  const std::string& f = p.feature;
  return !(f.starts_with("ADM") || f.starts_with("PCL") || f == "TERR" || f == "RGN");
}

// Best confidence per outlet (its name, else the document), summed over outlets.
double OutletWeight(const StoredEvent& se) {
  std::map<std::string_view, double> best;
  for (const Report& r : se.reports) {
    double& b = best[r.source.empty() ? std::string_view(r.doc) : std::string_view(r.source)];
    b = std::max(b, r.confidence);
  }
  if (best.empty()) return se.event.confidence;
  double sum = 0;
  for (const auto& [outlet, w] : best) sum += w;
  return sum;
}

std::optional<Observation> ObservationOf(const StoredEvent& se, const ControlRules& rules) {
  const Event& e = se.event;
  if (e.historical || !e.place) return std::nullopt;
  std::string side;
  switch (EventTypeControlEffect(e.type)) {
    case ControlEffect::kActor1Gains: side = e.actor1; break;
    case ControlEffect::kActor2Gains: side = e.actor2; break;
    case ControlEffect::kNone: return std::nullopt;
  }
  if (side.empty()) return std::nullopt;
  Observation o{Kind::kConfirmed, side, e.date_end, OutletWeight(se), e.confidence, &se, nullptr};
  if (!e.part.empty()) {
    o.kind = Kind::kPart;
    o.weight *= rules.part_weight;
  } else if (e.denied) {
    o.kind = Kind::kDenied;
    o.weight *= rules.denied_weight;
  } else if (e.claim) {
    o.kind = Kind::kClaim;
    o.weight *= rules.claim_weight;
  }
  return o;
}

// Replays one place's observations (sorted by day) into status intervals.
class PlaceReplay {
 public:
  PlaceReplay(const PlaceRef& place, const ControlRules& rules) : place_(place), rules_(rules) {}

  std::vector<ControlInterval> Run(const std::vector<Observation>& obs) {
    std::set<Date> days;
    for (const Observation& o : obs) {
      days.insert(o.day);
      days.insert(o.day.AddDays(rules_.challenge_days));
      days.insert(o.day.AddDays(rules_.stale_after_days + 1));
    }
    // Older evidence has decayed to nothing and can no longer contest or refresh: every pass
    // below looks only this far back, so a place's cost stays linear in its observations.
    int64_t horizon = std::max<int64_t>({static_cast<int64_t>(10 * rules_.half_life_days),
                                         rules_.stale_after_days + 1, rules_.challenge_days});
    size_t next = 0;
    for (Date day : days) {
      size_t first = next;
      while (next < obs.size() && obs[next].day <= day) ++next;
      seen_ = next;
      while (window_ < seen_ && obs[window_].day.ToDays() < day.ToDays() - horizon) ++window_;
      Advance(obs, first, next, day);
    }
    return std::move(out_);
  }

 private:
  double Decayed(const Observation& o, Date day) const {
    return o.weight *
           std::exp2(-static_cast<double>(day.ToDays() - o.day.ToDays()) / rules_.half_life_days);
  }

  // Weight of `side`'s observations since the holder took the place.
  double Support(const std::vector<Observation>& obs, const std::string& side, Date day,
                 bool confirmed_only) const {
    double w = 0;
    for (size_t i = window_; i < seen_; ++i) {
      const Observation& o = obs[i];
      if (o.side != side || o.day < since_ || o.kind == Kind::kPart) continue;
      if (confirmed_only && !Confirms(o.kind) && o.kind != Kind::kBaseline) continue;
      w += Decayed(o, day);
    }
    return w;
  }

  bool Recent(const Observation& o, Date day) const {
    return o.day >= since_ && o.day > day.AddDays(-rules_.challenge_days);
  }

  void Advance(const std::vector<Observation>& obs, size_t first, size_t last, Date day) {
    // A correction fixes the holder on its day; otherwise the heaviest challenger with a
    // confirmed report today may take the place.
    const Observation* correction = nullptr;
    for (size_t i = first; i < last; ++i) {
      if (obs[i].kind == Kind::kCorrection) correction = &obs[i];
    }
    if (correction) {
      Take(correction->side, day, correction->correction->note);
    } else {
      std::string best;
      double best_w = 0;
      for (size_t i = first; i < last; ++i) {
        const Observation& o = obs[i];
        if (o.side == holder_ || (o.kind != Kind::kConfirmed && o.kind != Kind::kBaseline))
          continue;
        double w = Support(obs, o.side, day, true);
        if (w > best_w) best = o.side, best_w = w;
      }
      if (!best.empty() && (holder_.empty() || best_w >= Support(obs, holder_, day, true)))
        Take(best, day, "");
    }
    for (size_t i = first; i < last; ++i) {
      if (obs[i].side == holder_ && obs[i].kind != Kind::kDenied && obs[i].kind != Kind::kPart)
        last_support_ = std::max(last_support_, obs[i].day);
    }
    Emit(obs, first, last, day);
  }

  void Take(const std::string& side, Date day, const std::string& note) {
    holder_ = side;
    since_ = day;
    last_support_ = day;
    correction_ = note;
  }

  void Emit(const std::vector<Observation>& obs, size_t first, size_t last, Date day) {
    ControlInterval now;
    now.place = place_;
    now.controller = holder_;
    now.correction = correction_;
    double holder_w = holder_.empty() ? 0 : Support(obs, holder_, day, false);
    // The strongest dissent still in force: confirmed reports or parts contest, claims claim.
    std::map<std::string, double> contest, claim;
    std::map<std::string, bool> all_denied;
    bool part_contest = false;  // a captured part always contests
    for (size_t i = window_; i < seen_; ++i) {
      const Observation& o = obs[i];
      if (o.side == holder_ || !Recent(o, day)) continue;
      if (o.kind == Kind::kConfirmed || o.kind == Kind::kPart) {
        contest[o.side] += Decayed(o, day);
        part_contest |= o.kind == Kind::kPart;
      } else if (o.kind == Kind::kClaim || o.kind == Kind::kDenied) {
        claim[o.side] += Decayed(o, day);
        all_denied.try_emplace(o.side, true).first->second &= o.kind == Kind::kDenied;
      }
    }
    auto heaviest = [](const std::map<std::string, double>& m) {
      return std::max_element(m.begin(), m.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; });
    };
    if (!correction_.empty() && day == since_) {
      now.status = ControlStatus::kHeld;  // on its day, a correction stands alone
    } else if (auto c = heaviest(contest);
               c != contest.end() && !holder_.empty() &&
               (part_contest || c->second >= rules_.contest_ratio * holder_w)) {
      now.status = ControlStatus::kContested;
      now.challenger = c->first;
      now.weight_against = c->second;
    } else if (auto c = heaviest(claim); c != claim.end()) {
      now.status = ControlStatus::kClaimed;
      now.challenger = c->first;
      now.denied = all_denied[c->first];
      now.weight_against = c->second;
    } else if (holder_.empty()) {
      if (out_.empty()) return;
      now.status = ControlStatus::kUnknown;  // its claims have run out
    } else if (day.ToDays() - last_support_.ToDays() > rules_.stale_after_days) {
      now.status = ControlStatus::kUnknown;
      now.last_holder = holder_;
      now.controller.clear();
    } else {
      now.status = ControlStatus::kHeld;
    }
    now.weight_for = holder_w;
    now.from = day;
    bool same = !out_.empty() && SameStatus(out_.back(), now);
    if (!same) {
      if (!out_.empty()) out_.back().to = day;
      out_.push_back(std::move(now));
    }
    ControlInterval& iv = out_.back();
    for (size_t i = first; i < last; ++i) AddEvidence(obs[i], &iv);
    if (!same && first == last) {
      // A status that changes with no new report (a contest running out, a holder going stale)
      // still points to the evidence it rests on: the holder's latest reports.
      for (size_t i = window_; i < seen_; ++i) {
        if (obs[i].side == holder_ && obs[i].day == last_support_) AddEvidence(obs[i], &iv);
      }
    }
    // Unknown rests on old evidence: it has no confidence of its own to show.
    if (iv.status == ControlStatus::kUnknown) iv.confidence = 0;
  }

  static bool SameStatus(const ControlInterval& a, const ControlInterval& b) {
    return a.status == b.status && a.controller == b.controller && a.challenger == b.challenger &&
           a.denied == b.denied && a.last_holder == b.last_holder && a.correction == b.correction;
  }

  void AddEvidence(const Observation& o, ControlInterval* iv) const {
    const std::string& backed =
        iv->status == ControlStatus::kUnknown ? iv->last_holder : iv->controller;
    // A claim is the evidence behind a claimed status; otherwise claims, denials and parts only
    // ever dissent.
    bool supports =
        iv->status == ControlStatus::kClaimed
            ? o.side == iv->challenger && (o.kind == Kind::kClaim || o.kind == Kind::kDenied)
            : o.side == backed && o.kind != Kind::kDenied && o.kind != Kind::kPart;
    iv->last_report = std::max(iv->last_report, o.day);
    if (o.kind == Kind::kBaseline) {
      iv->from_baseline = true;
      iv->confidence = std::max(iv->confidence, 1.0);
      return;
    }
    if (!o.event) return;  // a correction: its note is on the interval
    if (!supports) {
      if (std::find(iv->against.begin(), iv->against.end(), o.event->id) == iv->against.end())
        iv->against.push_back(o.event->id);
      return;
    }
    if (std::find(iv->events.begin(), iv->events.end(), o.event->id) != iv->events.end()) return;
    iv->events.push_back(o.event->id);
    for (const Report& r : o.event->reports) {
      iv->evidence.push_back(r.evidence);
      iv->evidence_docs.push_back(r.doc);
    }
    iv->confidence = std::max(iv->confidence, o.confidence);
  }

  const PlaceRef& place_;
  const ControlRules& rules_;
  std::string holder_, correction_;
  Date since_, last_support_;
  size_t window_ = 0, seen_ = 0;
  std::vector<ControlInterval> out_;
};

}  // namespace

std::vector<ControlInterval> BuildControlTimeline(const std::vector<StoredEvent>& events,
                                                  const std::vector<BaselineEntry>& baseline,
                                                  const std::vector<Correction>& corrections,
                                                  const ControlRules& rules) {
  std::map<std::string, std::vector<Observation>> by_place;
  std::map<std::string, PlaceRef> places;
  auto add = [&](const PlaceRef& p, Observation o) {
    if (!CanBeHeld(p)) return;
    std::string key = PlaceKey(p);
    by_place[key].push_back(std::move(o));
    places.emplace(key, p);
  };
  std::vector<Correction> not_events;
  for (const Correction& c : corrections) {
    if (c.holder.empty()) not_events.push_back(c);
  }
  for (const StoredEvent& se : events) {
    auto o = ObservationOf(se, rules);
    if (o && CorrectionOf(se, not_events).empty()) add(*se.event.place, *o);
  }
  for (const BaselineEntry& b : baseline)
    add(b.place, {Kind::kBaseline, b.controller, b.as_of, 1.0, 1.0, nullptr, nullptr});
  for (const Correction& c : corrections) {
    if (!c.holder.empty())
      add(c.place,
          {Kind::kCorrection, c.holder, c.date, rules.correction_weight, 1.0, nullptr, &c});
  }
  std::vector<ControlInterval> out;
  for (auto& [key, obs] : by_place) {
    std::stable_sort(obs.begin(), obs.end(),
                     [](const Observation& a, const Observation& b) { return a.day < b.day; });
    for (auto& iv : PlaceReplay(places[key], rules).Run(obs)) out.push_back(std::move(iv));
  }
  // What an analyst struck out still shows where it would have counted: on the interval in force
  // that day.
  for (const Correction& c : not_events) {
    std::string key = PlaceKey(c.place);
    for (ControlInterval& iv : out) {
      if (PlaceKey(iv.place) == key && iv.from <= c.date && (!iv.to || c.date < *iv.to) &&
          iv.correction.empty())
        iv.correction = "not an event on " + c.date.ToString() + ": " + c.note;
    }
  }
  return out;
}

Result<std::vector<ControlInterval>> ControlTimeline(const Store& store, std::optional<Date> until,
                                                     const ControlRules& rules) {
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
  auto corrections = store.Corrections();
  if (!corrections.ok()) return corrections.status();
  return BuildControlTimeline(*events, *baseline, *corrections, rules);
}

std::vector<ControlInterval> ControlAt(const std::vector<ControlInterval>& timeline, Date at) {
  std::vector<ControlInterval> out;
  for (const ControlInterval& iv : timeline) {
    if (iv.from <= at && (!iv.to || at < *iv.to)) out.push_back(iv);
  }
  return out;
}

}  // namespace sitrep
