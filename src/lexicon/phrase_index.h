// A dictionary of multi-word phrases matched over segmented text, longest first. Actors, event
// triggers and cue words all use it. Internal.
#ifndef SITREP_SRC_LEXICON_PHRASE_INDEX_H_
#define SITREP_SRC_LEXICON_PHRASE_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"

namespace sitrep {

class PhraseIndex {
 public:
  // Adds a phrase (folded with MatchKey) with a value; a later Add of the same phrase keeps the
  // first value, so data files list the preferred reading first.
  void Add(std::string_view phrase, uint32_t value) {
    std::string key = MatchKey(phrase);
    if (key.empty()) return;
    full_.emplace(KeyHash(key), value);
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      prefixes_.insert(KeyHash(std::string_view(key).substr(0, sp)));
    }
    if (size_t n = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' ')); n > max_tokens_) {
      max_tokens_ = n;
    }
  }

  // The longest phrase that starts at word token k and ends before `end`; returns its length in
  // tokens (0 if none) and sets *value. Punctuation ends a phrase.
  uint32_t LongestAt(const SegmentedText& seg, uint32_t k, uint32_t end, uint32_t* value) const {
    uint64_t h = kKeySeed;
    uint32_t best = 0;
    for (uint32_t j = k; j < end && j - k < max_tokens_; ++j) {
      const Token& t = seg.tokens[j];
      if (!t.is(kWord) || t.is(kPossessive)) break;
      if (j > k) h = KeyExtend(h, " ");
      h = KeyExtend(h, seg.norm(t));
      if (auto it = full_.find(h); it != full_.end()) {
        best = j - k + 1;
        *value = it->second;
      }
      if (!prefixes_.count(h)) break;
    }
    return best;
  }

  bool empty() const { return full_.empty(); }

 private:
  std::unordered_map<uint64_t, uint32_t> full_;
  std::unordered_set<uint64_t> prefixes_;
  size_t max_tokens_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_PHRASE_INDEX_H_
