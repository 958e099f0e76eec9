// A dictionary of multi-word phrases matched over segmented text, longest first. Actors, event
// triggers and cue words all use it. Internal.
#ifndef SITREP_SRC_LEXICON_PHRASE_INDEX_H_
#define SITREP_SRC_LEXICON_PHRASE_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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
    Slot& full = Insert(KeyHash(key));
    if (!(full.flags & kFull)) {
      full.flags |= kFull;
      full.value = value;
    }
    size_t tokens = 1;
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1), ++tokens) {
      Insert(KeyHash(std::string_view(key).substr(0, sp))).flags |= kPrefix;
    }
    max_tokens_ = std::max(max_tokens_, tokens);
  }

  // The longest phrase that starts at word token k and ends before `end`; returns its length in
  // tokens (0 if none) and sets *value. Punctuation ends a phrase.
  uint32_t LongestAt(const SegmentedText& seg, uint32_t k, uint32_t end, uint32_t* value) const {
    if (slots_.empty()) return 0;
    uint64_t h = kKeySeed;
    uint32_t best = 0;
    for (uint32_t j = k; j < end && j - k < max_tokens_; ++j) {
      const Token& t = seg.tokens[j];
      if (!t.is(kWord) || t.is(kPossessive)) break;
      if (j > k) h = KeyExtend(h, " ");
      h = KeyExtend(h, seg.norm(t));
      const Slot* s = Find(h);
      if (!s) break;
      if (s->flags & kFull) {
        best = j - k + 1;
        *value = s->value;
      }
      if (!(s->flags & kPrefix)) break;
    }
    return best;
  }

  bool empty() const { return used_ == 0; }

 private:
  // A flat open-addressing table: every token of every document probes it (actors, triggers,
  // cues), and std::unordered_map's modulo and node hops showed in the profile.
  enum : uint8_t { kFull = 1, kPrefix = 2 };
  struct Slot {
    uint64_t hash = 0;  // 0 = empty
    uint32_t value = 0;
    uint8_t flags = 0;
  };

  static uint64_t NonZero(uint64_t h) { return h ? h : 1; }

  const Slot* Find(uint64_t h) const {
    h = NonZero(h);
    size_t mask = slots_.size() - 1;
    for (size_t i = (h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.hash == h) return &s;
      if (s.hash == 0) return nullptr;
    }
  }

  Slot& Insert(uint64_t h) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    h = NonZero(h);
    size_t mask = slots_.size() - 1;
    for (size_t i = (h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.hash == h) return s;
      if (s.hash == 0) {
        s.hash = h;
        ++used_;
        return s;
      }
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    used_ = 0;
    for (const Slot& s : old) {
      if (!s.hash) continue;
      Slot& n = Insert(s.hash);
      n.value = s.value;
      n.flags = s.flags;
    }
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
  size_t max_tokens_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_PHRASE_INDEX_H_
