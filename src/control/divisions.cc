// First-level divisions take the status of their seat of government: a division is never a dot
// of its own on the control map.
#include <map>

#include "sitrep/control.h"

namespace sitrep {

std::vector<DivisionStatus> DivisionsAt(const Gazetteer& g,
                                        const std::vector<std::string>& countries,
                                        const std::vector<ControlInterval>& in_force) {
  std::map<std::string, const ControlInterval*> by_key;
  for (const ControlInterval& iv : in_force) by_key[PlaceKey(iv.place)] = &iv;
  std::map<std::pair<std::string, std::string>, DivisionStatus> divisions;
  // The seat of each division: its provincial capital, else the national capital in it; the most
  // populous when GeoNames lists several.
  std::map<std::pair<std::string, std::string>, Place> seats;
  auto better_seat = [](const Place& a, const Place& b) {
    bool a_ppla = a.feature == "PPLA", b_ppla = b.feature == "PPLA";
    return a_ppla != b_ppla ? a_ppla : a.population > b.population;
  };
  for (uint32_t i = 0; i < g.size(); ++i) {
    PlaceKind kind = g.kind(i);
    if (kind != PlaceKind::kDivision && kind != PlaceKind::kPopulated) continue;
    std::string_view country = g.country(i);
    if (std::find(countries.begin(), countries.end(), country) == countries.end()) continue;
    Place p = g.place(i);
    if (p.admin1_code.empty()) continue;
    std::pair<std::string, std::string> key{std::string(country), std::string(p.admin1_code)};
    if (kind == PlaceKind::kDivision) {
      DivisionStatus& d = divisions[key];
      d.country = key.first;
      d.admin1_code = key.second;
      d.name = std::string(p.name);
    } else if (p.feature == "PPLA" || p.feature == "PPLC") {
      auto it = seats.find(key);
      if (it == seats.end())
        seats.emplace(key, p);
      else if (better_seat(p, it->second))
        it->second = p;
    }
  }
  std::vector<DivisionStatus> out;
  for (auto& [key, d] : divisions) {
    d.status.status = ControlStatus::kUnknown;
    if (auto seat = seats.find(key); seat != seats.end()) {
      d.capital = ToPlaceRef(seat->second, seat->second.name);
      if (auto iv = by_key.find(PlaceKey(d.capital)); iv != by_key.end()) d.status = *iv->second;
    }
    d.status.place = d.capital;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<CapitalCount> CountHeldCapitals(const std::vector<DivisionStatus>& divisions) {
  std::map<std::string, int> total;
  std::map<std::pair<std::string, std::string>, int> held;
  for (const DivisionStatus& d : divisions) {
    if (!d.capital.geonames_id) continue;
    ++total[d.country];
    if (!d.status.controller.empty()) ++held[{d.country, d.status.controller}];
  }
  std::vector<CapitalCount> out;
  for (const auto& [key, n] : held) out.push_back({key.first, key.second, n, total[key.first]});
  return out;
}

}  // namespace sitrep
