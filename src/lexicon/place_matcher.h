// Finding place names in segmented text. Internal to the pipeline.
#ifndef SITREP_SRC_LEXICON_PLACE_MATCHER_H_
#define SITREP_SRC_LEXICON_PLACE_MATCHER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"

namespace sitrep {

struct PlaceMention {
  static constexpr uint32_t kAllExact = 0xFFFFFFFFu;
  uint32_t sentence = 0;
  uint32_t first_token = 0, token_count = 0;
  uint32_t start = 0, end = 0;           // bytes in the text
  std::span<const uint32_t> candidates;  // gazetteer indices, best prior first (in the mapping)
  // Candidates from this position on were found by the name's transliteration skeleton
  // (fuzzy_key.h), not as written: 0 for a mention found only so, kAllExact for none.
  uint32_t fuzzy_from = kAllExact;
  // Holds `candidates` when the matcher chose them itself (a subset, or exact and fuzzy readings
  // together) rather than taking a run of the gazetteer's postings.
  std::shared_ptr<const std::vector<uint32_t>> owned;
  bool has_district = false;  // some candidates may be districts

  bool fuzzy() const { return fuzzy_from == 0; }
  bool is_fuzzy(size_t candidate) const { return candidate >= fuzzy_from; }
};

// Longest gazetteer names over the text's tokens. `blocked` (one flag per token, may be empty)
// marks tokens already claimed by other recognisers, such as a person's name.
//
// With the report's country clear (its names and demonyms: see Focus in place_matcher.cc),
// districts abroad are dropped from the readings, and a capitalised name the gazetteer lacks, or
// knows only abroad, is looked up by its transliteration skeleton among that country's places
// ("Kondoz" is Kunduz in an Afghan report); with no country clear, among seats of government and
// provinces.
std::vector<PlaceMention> FindPlaceMentions(const Gazetteer& gazetteer, const SegmentedText& seg,
                                            std::string_view text,
                                            const std::vector<uint8_t>& blocked = {});

// True when the text calls the name at tokens [first, last] a district: "Nirkh district", "the
// district of Nirkh", "Nirkh, Chak and Sayedabad districts" (also raion, rayon, township,
// municipality).
bool DistrictNounBeside(const SegmentedText& seg, uint32_t first, uint32_t last);

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_PLACE_MATCHER_H_
