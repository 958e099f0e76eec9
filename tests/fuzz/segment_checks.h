// Invariants every segmentation must keep, whatever the bytes. Shared by the fuzzers.
#ifndef SITREP_TESTS_FUZZ_SEGMENT_CHECKS_H_
#define SITREP_TESTS_FUZZ_SEGMENT_CHECKS_H_

#include <cstdlib>

#include "sitrep/text.h"

namespace sitrep::fuzz {

inline void CheckSegmentation(std::string_view text) {
  SegmentedText seg = Segment(text);
  uint32_t prev_end = 0;
  for (const Token& t : seg.tokens) {
    if (t.start < prev_end || t.end <= t.start || t.end > text.size()) std::abort();
    if (t.norm_start + t.norm_len > seg.normalized.size()) std::abort();
    prev_end = t.end;
  }
  size_t covered = 0;
  for (const Sentence& s : seg.sentences) {
    if (s.first_token != covered || s.token_count == 0) std::abort();
    covered += s.token_count;
    if (s.end > text.size() || s.start > s.end) std::abort();
  }
  if (covered != seg.tokens.size()) std::abort();
  if (seg.dateline_end > text.size()) std::abort();
}

}  // namespace sitrep::fuzz

#endif  // SITREP_TESTS_FUZZ_SEGMENT_CHECKS_H_
