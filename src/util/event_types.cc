// sitrep's event types and their ACLED equivalents (DESIGN.md, "Event types").
#include <array>

#include "sitrep/event.h"

namespace sitrep {

namespace {
struct TypeInfo {
  std::string_view name, acled_type, acled_sub_type;
  ControlEffect control;
  bool needs_place;
};
constexpr ControlEffect kNo = ControlEffect::kNone;
// Indexed by EventType.
constexpr std::array<TypeInfo, kEventTypeCount> kTypes = {{
    {"capture", "Battles", "Non-state actor overtakes territory", ControlEffect::kActor1Gains,
     true},
    {"handover", "Strategic developments", "Non-violent transfer of territory",
     ControlEffect::kActor2Gains, true},
    {"retreat", "Strategic developments", "Non-violent transfer of territory",
     ControlEffect::kActor2Gains, true},
    {"clash", "Battles", "Armed clash", kNo, true},
    {"airstrike", "Explosions/Remote violence", "Air/drone strike", kNo, true},
    {"shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", kNo, true},
    {"explosion", "Explosions/Remote violence", "Remote explosive/landmine/IED", kNo, true},
    {"attack_on_civilians", "Violence against civilians", "Attack", kNo, true},
    {"abduction", "Violence against civilians", "Abduction/forced disappearance", kNo, true},
    {"protest", "Protests", "Peaceful protest", kNo, true},
    {"riot", "Riots", "Violent demonstration", kNo, true},
    {"arrest", "Strategic developments", "Arrests", kNo, true},
    {"base_established", "Strategic developments", "Headquarters or base established", kNo, true},
    {"looting", "Strategic developments", "Looting/property destruction", kNo, true},
    {"visit", "", "", kNo, true},
    {"meeting", "", "", kNo, false},
    {"movement", "", "", kNo, true},
    {"statement", "", "", kNo, false},
    {"negotiation", "", "", kNo, false},
    {"agreement", "Strategic developments", "Agreement", kNo, false},
    // ACLED codes an assault by one armed side on another's town or position as a battle.
    {"attack", "Battles", "Armed clash", kNo, true},
}};
}  // namespace

std::string_view EventTypeName(EventType t) { return kTypes[static_cast<size_t>(t)].name; }

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kTypes.size(); ++i) {
    if (kTypes[i].name == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

std::string_view AcledEventType(EventType t) { return kTypes[static_cast<size_t>(t)].acled_type; }

std::string_view AcledSubEventType(EventType t, bool state_gains) {
  if (t == EventType::kCapture && state_gains) return "Government regains territory";
  return kTypes[static_cast<size_t>(t)].acled_sub_type;
}

ControlEffect EventTypeControlEffect(EventType t) { return kTypes[static_cast<size_t>(t)].control; }

bool EventTypeNeedsPlace(EventType t) { return kTypes[static_cast<size_t>(t)].needs_place; }

}  // namespace sitrep
