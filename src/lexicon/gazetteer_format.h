// The compiled gazetteer's on-disk layout, shared by the builder and the reader. Internal.
//
// [FileHeader][PlaceRecord x place_count][Bucket x bucket_count][Bucket x fuzzy_bucket_count]
// [uint32 postings][strings]
// Buckets form open-addressing hash tables, the first keyed by KeyHash(MatchKey(name)), the second
// by FuzzyKeyHash(country, skeleton) (fuzzy_key.h); each bucket points at a run of postings (place
// indices, best prior first). Everything is little-endian, fixed-width and aligned, so the reader
// maps the file and uses it in place: opening costs a bounds check, not a parse.
#ifndef SITREP_SRC_LEXICON_GAZETTEER_FORMAT_H_
#define SITREP_SRC_LEXICON_GAZETTEER_FORMAT_H_

#include <cmath>
#include <cstdint>

namespace sitrep::gazetteer {

inline constexpr char kMagic[8] = {'S', 'I', 'T', 'R', 'E', 'P', 'G', 'Z'};
// 2: districts (kind 3, PlaceRecord::district); 3: the table of transliteration skeletons.
inline constexpr uint32_t kVersion = 3;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;

struct FileHeader {
  char magic[8];
  uint32_t version;
  uint32_t place_count;
  uint32_t bucket_count;  // a power of two
  uint32_t posting_count;
  uint64_t places_offset, buckets_offset, postings_offset, strings_offset, strings_size;
  uint64_t file_size;
  uint64_t fuzzy_buckets_offset;
  uint32_t fuzzy_bucket_count;  // a power of two
  uint32_t pad;
};

struct PlaceRecord {
  uint32_t geonames_id;
  float lat, lon;
  uint32_t population;
  uint32_t name_off, admin1_off, admin1_code_off;  // into the string blob
  uint32_t division;  // index of the division (or country) record it belongs to, or kNone
  uint32_t district;  // for a populated place, index of its district record, or kNone
  char country[2];
  char feature[6];  // NUL-padded
  uint8_t kind;
  uint8_t rank;
  uint8_t pad[2];
};
static_assert(sizeof(PlaceRecord) == 48);

enum BucketFlag : uint16_t { kPrefix = 1, kCommonWord = 2, kHasDistrict = 4, kTimeWord = 8 };

struct Bucket {
  uint64_t hash;  // 0 = empty slot
  uint32_t postings_start;
  uint16_t postings_count;
  uint16_t flags;
};
static_assert(sizeof(Bucket) == 16);

// Administrative rank from a GeoNames feature code (see Place::rank).
inline uint8_t RankOf(const char* feature) {
  auto is = [&](const char* code) {
    for (int i = 0; i < 6; ++i) {
      if (feature[i] != code[i]) return false;
      if (!code[i]) return true;
    }
    return true;
  };
  if (is("PCLI") || is("PCL")) return 5;
  if (is("PPLC") || is("ADM1")) return 4;
  if (is("PPLA")) return 3;
  if (is("PPLA2") || is("PPLA3") || is("ADM2")) return 2;
  return 1;
}

// The order of postings under one name, before any document context: seats of government first,
// then population.
inline double PriorScore(uint8_t rank, uint32_t population) {
  return rank * 1.5 + std::log10(static_cast<double>(population) + 1.0);
}

// What a division (3) or a district (9) gives up against a populated place of the same name before
// any context: news uses bare names for towns far more than for provinces, and for provinces far
// more than for districts. `kind` is a PlaceKind.
inline double KindPenalty(uint8_t kind) { return kind == 1 ? 3.0 : kind == 3 ? 9.0 : 0.0; }

}  // namespace sitrep::gazetteer

#endif  // SITREP_SRC_LEXICON_GAZETTEER_FORMAT_H_
