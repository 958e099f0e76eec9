// A coded event: who did what to whom, where and when, and the sentence that says so. The field
// names are the output contract of DESIGN.md.
#ifndef SITREP_EVENT_H_
#define SITREP_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sitrep/date.h"

namespace sitrep {

enum class EventType : uint8_t {
  kCapture,
  kHandover,
  kRetreat,
  kClash,
  kAirstrike,
  kShelling,
  kExplosion,
  kAttackOnCivilians,
  kAbduction,
  kProtest,
  kRiot,
  kArrest,
  kBaseEstablished,
  kLooting,
  kVisit,
  kMeeting,
  kMovement,
  kStatement,
  kNegotiation,
  kAgreement,
  kAttack,  // an armed assault on a place or position by one named side
};
inline constexpr int kEventTypeCount = 21;

std::string_view EventTypeName(EventType t);  // "capture", "attack_on_civilians", ...
std::optional<EventType> EventTypeFromName(std::string_view name);
// ACLED's event_type ("Battles") and sub_event_type; empty for sitrep's political types.
// A capture's sub-type depends on who gains: `state_gains` picks "Government regains territory".
std::string_view AcledEventType(EventType t);
std::string_view AcledSubEventType(EventType t, bool state_gains);

// What an event of a type does, from the one type table (src/util/event_types.cc):
// who holds the place afterwards (actor1 for a capture, actor2 for a retreat or handover, nobody
// for the rest), and whether the event means nothing without a place (violence and territory do;
// talk does not).
enum class ControlEffect : uint8_t { kNone, kActor1Gains, kActor2Gains };
ControlEffect EventTypeControlEffect(EventType t);
bool EventTypeNeedsPlace(EventType t);

struct PlaceRef {
  std::string name;     // GeoNames' name
  std::string matched;  // the text that named it
  uint32_t geonames_id = 0;
  std::string admin1, country, feature;
  double lat = 0, lon = 0;
  // A name the gazetteer lacks: `name` is as written, the coordinates are those of `container`
  // (the division, town or country the text places it in) and `precision` says which
  // ("place", "district", "admin1", "country").
  bool resolved = true;
  std::string container, precision;
};

struct Evidence {
  std::string sentence;
  uint32_t start = 0, end = 0;  // bytes in the document text
};

struct Event {
  std::string doc;
  Date doc_date;
  std::string source;
  EventType type = EventType::kStatement;
  std::string actor1, actor2;
  bool actor1_is_state = false;  // decides a capture's ACLED sub-type
  std::optional<PlaceRef> place;
  Date date, date_end;
  DatePrecision date_precision = DatePrecision::kRange;
  bool historical = false;
  double confidence = 0;
  // The facility or part of the place the event concerns, as written ("airport", "eastern");
  // empty for the whole place.
  std::string part;
  bool claim = false;   // the report attributes it to a party's claim
  bool denied = false;  // ... and says the other side denies it
  Evidence evidence;
};

}  // namespace sitrep

#endif  // SITREP_EVENT_H_
