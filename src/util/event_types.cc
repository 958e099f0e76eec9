// sitrep's event types and their ACLED equivalents (DESIGN.md, "Event types").
#include <array>

#include "sitrep/event.h"

namespace sitrep {

namespace {
struct TypeInfo {
  std::string_view name, acled_type, acled_sub_type;
};
// Indexed by EventType.
constexpr std::array<TypeInfo, kEventTypeCount> kTypes = {{
    {"capture", "Battles", "Non-state actor overtakes territory"},
    {"handover", "Strategic developments", "Non-violent transfer of territory"},
    {"retreat", "Strategic developments", "Non-violent transfer of territory"},
    {"clash", "Battles", "Armed clash"},
    {"airstrike", "Explosions/Remote violence", "Air/drone strike"},
    {"shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
    {"explosion", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
    {"attack_on_civilians", "Violence against civilians", "Attack"},
    {"abduction", "Violence against civilians", "Abduction/forced disappearance"},
    {"protest", "Protests", "Peaceful protest"},
    {"riot", "Riots", "Violent demonstration"},
    {"arrest", "Strategic developments", "Arrests"},
    {"base_established", "Strategic developments", "Headquarters or base established"},
    {"looting", "Strategic developments", "Looting/property destruction"},
    {"visit", "", ""},
    {"meeting", "", ""},
    {"movement", "", ""},
    {"statement", "", ""},
    {"negotiation", "", ""},
    {"agreement", "Strategic developments", "Agreement"},
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

}  // namespace sitrep
