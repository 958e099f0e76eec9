// Territorial control: who held each place, from when to when, on what evidence.
#ifndef SITREP_CONTROL_H_
#define SITREP_CONTROL_H_

#include <optional>
#include <string>
#include <vector>

#include "sitrep/date.h"
#include "sitrep/event.h"
#include "sitrep/store.h"

namespace sitrep {

struct ControlInterval {
  PlaceRef place;
  std::string controller;
  Date from;
  std::optional<Date> to;  // exclusive; none while it lasts
  double confidence = 0;
  bool contested = false;  // reports disagree about who holds it in this interval
  std::string contested_by;
  bool from_baseline = false;
  std::vector<int64_t> events;  // stored events behind it
  std::vector<Evidence> evidence;
  std::vector<std::string> evidence_docs;
};

// Builds each place's intervals from the baseline and the stored transfers (captures,
// retreats, handovers). Historical events never change control. Sorted by place, then date.
std::vector<ControlInterval> BuildControlTimeline(const std::vector<StoredEvent>& events,
                                                  const std::vector<BaselineEntry>& baseline);

// The timeline from a store: its baseline and its transfers up to `until` (all when none).
Result<std::vector<ControlInterval>> ControlTimeline(const Store& store,
                                                     std::optional<Date> until = std::nullopt);

// The interval in force at `at` for each place, or none.
std::vector<ControlInterval> ControlAt(const std::vector<ControlInterval>& timeline, Date at);

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

}  // namespace sitrep

#endif  // SITREP_CONTROL_H_
