// Territorial control: who held each place, from when to when, on what evidence.
#ifndef SITREP_CONTROL_H_
#define SITREP_CONTROL_H_

#include <optional>
#include <string>
#include <vector>

#include "sitrep/date.h"
#include "sitrep/event.h"
#include "sitrep/gazetteer.h"
#include "sitrep/store.h"

namespace sitrep {

// What the evidence says of a place on a day.
//  held:      one side holds it, on recent enough evidence;
//  contested: another side's confirmed reports (or its capture of a part of the place) are strong
//             enough to doubt the holder, but not to overturn it;
//  claimed:   a side claims it and nothing confirms the claim (or the claim is denied);
//  unknown:   no report for longer than ControlRules::stale_after_days (the baseline ages too).
enum class ControlStatus : uint8_t { kHeld, kContested, kClaimed, kUnknown };
std::string_view ControlStatusName(ControlStatus status);

// How evidence is weighed (README, "How control is decided"). A report weighs its coder confidence;
// reports of one event from one outlet count once, several outlets add up; a claim and a denied
// claim weigh less; evidence loses weight with age. A side takes a place from its holder when
// its confirmed reports weigh at least as much as the holder's since the holder took it.
struct ControlRules {
  int stale_after_days = 30;      // a holder with no report for this long becomes unknown
  int challenge_days = 7;         // a contest or claim lasts this long after its last report
  double half_life_days = 7;      // evidence loses half its weight in this many days
  double claim_weight = 0.5;      // a party's claim, against a confirmed report
  double denied_weight = 0.2;     // a claim the other side denies
  double part_weight = 0.5;       // a capture of a facility or part: contests, never transfers
  double contest_ratio = 0.5;     // dissent this heavy against the holder makes it contested
  double correction_weight = 10;  // an analyst's correction, in confirmed reports
};

struct ControlInterval {
  PlaceRef place;
  ControlStatus status = ControlStatus::kHeld;
  std::string controller;   // the holder (held, contested, claimed while someone holds it)
  std::string challenger;   // contested: the contesting side; claimed: the claimant
  bool denied = false;      // claimed: every claim in force is denied
  std::string last_holder;  // unknown: who held it last, if anyone
  Date from;
  std::optional<Date> to;                     // exclusive; none while it lasts
  Date last_report;                           // the latest evidence in force
  double confidence = 0;                      // the strongest report for the status
  double weight_for = 0, weight_against = 0;  // as weighed on the interval's first day
  bool from_baseline = false;
  std::string correction;          // the analyst's note when a correction set this interval
  std::vector<int64_t> events;     // stored events behind the status
  std::vector<int64_t> against;    // stored events that disagree with it
  std::vector<Evidence> evidence;  // the reports behind it, oldest first
  std::vector<std::string> evidence_docs;
};

// Builds each place's status intervals from the baseline, the stored transfers (captures,
// retreats, handovers), captures of parts, claims and denials, and the analyst's corrections.
// Events a correction calls "not an event" are left out. Historical events never change control.
// Only places that can be held enter (populated places and facilities; never divisions or
// countries). Sorted by place, then date.
std::vector<ControlInterval> BuildControlTimeline(const std::vector<StoredEvent>& events,
                                                  const std::vector<BaselineEntry>& baseline,
                                                  const std::vector<Correction>& corrections = {},
                                                  const ControlRules& rules = {});

// The timeline from a store: its baseline, corrections and events up to `until` (all when none).
Result<std::vector<ControlInterval>> ControlTimeline(const Store& store,
                                                     std::optional<Date> until = std::nullopt,
                                                     const ControlRules& rules = {});

// The interval in force at `at` for each place, or none.
std::vector<ControlInterval> ControlAt(const std::vector<ControlInterval>& timeline, Date at);

// A first-level division and the status of its seat of government on a day.
struct DivisionStatus {
  std::string country, admin1_code, name;
  PlaceRef capital;        // geonames_id 0 when the gazetteer names no capital
  ControlInterval status;  // the capital's interval; status kUnknown when it has none
};

// Every first-level division of `countries`, with the status of its capital (the provincial
// capital in it, or the national capital), from the intervals in force on a day.
std::vector<DivisionStatus> DivisionsAt(const Gazetteer& gazetteer,
                                        const std::vector<std::string>& countries,
                                        const std::vector<ControlInterval>& in_force);

// The kind of place a claim counts, and so which captures count for it: provincial capitals
// (PPLA, PPLC), district centres or districts (district level: PPLA2, ADM2), or cities and towns
// (any populated place, capitals included).
enum class ClaimCounts { kPlaces, kCapitals, kDistricts };
std::string_view ClaimCountsName(ClaimCounts counts);  // "places", "capitals", "districts"

// A quantitative claim in a report ("the ninth city to be overrun since Friday", "the sixth
// provincial capital to fall in a week") and what the coded record says of it.
struct Claim {
  std::string doc;
  Evidence evidence;
  std::string text;  // the claim's words
  ClaimCounts counts = ClaimCounts::kPlaces;
  double fraction = 0;    // "more than a quarter of the provincial capitals": 0.25
  int claimed = 0;        // the number claimed (a fraction becomes the least count it implies)
  int coded = 0;          // distinct places of the kind the store has captured in the span
  int days_in_span = 0;   // days from since to until, both included
  int days_reported = 0;  // days of the span with a stored report of an event in the country
  std::string country;    // whose places; empty for any
  Date since, until;
  // consistent, inconsistent, unconfirmed (fewer coded though the span is covered), or not
  // enough data (nothing coded in the span, or reports on fewer than half its days)
  std::string verdict;
  std::string explanation;
};

// Quantitative claims about captures in a report, read with the words of
// data/<lang>/claims.tsv (from `data_dir` when it has them, else the compiled-in copy). An error
// only for a damaged data file.
Result<std::vector<Claim>> FindClaims(const Document& doc, const std::string& data_dir = "");

// Compares a claim with the stored events (its kind of place, its country, its span) and sets
// coded, the coverage, the verdict and its explanation. `capitals_in_country` is how many seats of
// government the claim's country has (for fractions); 0 when unknown.
void JudgeClaim(const std::vector<StoredEvent>& events, int capitals_in_country, Claim* claim);

// "22 of 34 provincial capitals held by the Taliban": for each country and holder, the divisions
// whose capital that side holds (held or contested), of all divisions with a known capital.
struct CapitalCount {
  std::string country, holder;
  int held = 0, total = 0;
};
std::vector<CapitalCount> CountHeldCapitals(const std::vector<DivisionStatus>& divisions);

}  // namespace sitrep

#endif  // SITREP_CONTROL_H_
