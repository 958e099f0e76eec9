// sitrep places NAME [--country CC] [--format jsonl|table]: what the gazetteer knows by a name, or
// failing that by its transliteration skeleton (match "fuzzy").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sitrep/gazetteer.h"
#include "src/resolve/place_ranking.h"
#include "tools/sitrep/commands.h"

namespace sitrep::cli {

namespace {
std::string_view KindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kPopulated: return "place";
    case PlaceKind::kDivision: return "division";
    case PlaceKind::kCountry: return "country";
    case PlaceKind::kDistrict: return "district";
  }
  return "place";
}
// Pads to a width in characters, not bytes, so names with diacritics line up.
std::string Pad(std::string s, size_t width) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

double Round5(float v) { return std::round(static_cast<double>(v) * 1e5) / 1e5; }

}  // namespace

void RegisterPlaces(CLI::App& app, Action* run) {
  struct Args {
    std::string name, country, format, gazetteer;
    size_t limit = 20;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("places", "List gazetteer candidates for a place name");
  cmd->add_option("name", args->name, "A place name in any common spelling")->required();
  cmd->add_option("--country", args->country, "Only this ISO country code");
  cmd->add_option("--format", args->format, "table or jsonl (default: table on a terminal)")
      ->check(CLI::IsMember({"table", "jsonl"}));
  cmd->add_option("--limit", args->limit, "At most this many candidates");
  cmd->add_option("--gazetteer", args->gazetteer,
                  "Compiled gazetteer (default: the one setup built)");
  cmd->callback([args, run] {
    *run = [args] {
      auto g = Gazetteer::Open(args->gazetteer.empty() ? DefaultGazetteerPath() : args->gazetteer);
      if (!g.ok()) {
        std::cerr << "sitrep: " << g.status().ToString() << "\n";
        return kExitUsage;
      }
      std::string format = args->format.empty() ? (isatty(1) ? "table" : "jsonl") : args->format;
      std::vector<NamedPlace> found = PlacesNamed(**g, args->name, args->country);
      if (found.empty()) {
        std::cerr << "sitrep: no place called '" << args->name << "'\n";
        return kExitRejected;
      }
      if (found.size() > args->limit) found.resize(args->limit);
      if (format == "table") {
        std::printf("%-10s %s %s %-2s %-6s %-8s %10s %9s %9s %6s %s\n", "id",
                    Pad("name", 28).c_str(), Pad("admin1", 22).c_str(), "cc", "feat", "kind",
                    "population", "lat", "lon", "score", "match");
      }
      for (const NamedPlace& n : found) {
        const Place& p = n.place;
        std::string name(p.name), admin1(p.admin1), feature(p.feature), country(p.country);
        const char* match = n.fuzzy ? "fuzzy" : "exact";
        if (format == "table") {
          std::printf("%-10u %s %s %-2s %-6s %-8s %10u %9.4f %9.4f %6.2f %s\n", p.geonames_id,
                      Pad(name, 28).c_str(), Pad(admin1, 22).c_str(), country.c_str(),
                      feature.c_str(), std::string(KindName(p.kind)).c_str(), p.population, p.lat,
                      p.lon, n.score, match);
        } else {
          nlohmann::json j = {{"geonames_id", p.geonames_id},
                              {"name", name},
                              {"admin1", admin1},
                              {"country", country},
                              {"feature", feature},
                              {"kind", KindName(p.kind)},
                              {"population", p.population},
                              {"lat", Round5(p.lat)},
                              {"lon", Round5(p.lon)},
                              {"score", n.score},
                              {"match", match}};
          std::printf("%s\n", j.dump().c_str());
        }
      }
      return kExitOk;
    };
  });
}

}  // namespace sitrep::cli
