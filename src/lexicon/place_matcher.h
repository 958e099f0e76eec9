// Finding place names in segmented text. Internal to the pipeline.
#ifndef SITREP_SRC_LEXICON_PLACE_MATCHER_H_
#define SITREP_SRC_LEXICON_PLACE_MATCHER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"

namespace sitrep {

struct PlaceMention {
  uint32_t sentence = 0;
  uint32_t first_token = 0, token_count = 0;
  uint32_t start = 0, end = 0;           // bytes in the text
  std::span<const uint32_t> candidates;  // gazetteer indices, best prior first (in the mapping)
};

// Longest gazetteer names over the text's tokens. `blocked` (one flag per token, may be empty)
// marks tokens already claimed by other recognisers, such as a person's name.
std::vector<PlaceMention> FindPlaceMentions(const Gazetteer& gazetteer, const SegmentedText& seg,
                                            std::string_view text,
                                            const std::vector<uint8_t>& blocked = {});

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_PLACE_MATCHER_H_
