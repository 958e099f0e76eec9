// Place-name matching.
//
// Approach: at each capitalised word, extend token by token, hashing the normalised tokens as the
// builder hashed names (KeyExtend), and keep the longest run that is a complete name; the index
// marks prefixes so a run stops as soon as no longer name can follow. Work per token is a few hash
// probes, independent of gazetteer size.
//
// What keeps ordinary words from becoming places:
//  * only capitalised (or caseless-script, or all-capital) words start a name, and a name must end
//    on one: "reading" and "fall" never fire;
//  * names flagged in data/name_filters.tsv (English words, given names) fire only after a place
//    cue ("in", "near", "the town of") or before a place noun ("X province"); the cost is that
//    "Reading council voted" misses Reading;
//  * a one-word minor place (village, town) next to another capitalised word is taken for part
//    of a person's or organisation's name ("Joe Biden", "Rashid Dostum") and skipped; seats of
//    government are exempt, so "Kabul Airport" is still Kabul.
#include "src/lexicon/place_matcher.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sitrep {

namespace {

constexpr int kMaxNameTokens = 8;

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& list) {
  for (auto w : list) {
    if (s == w) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 12> kPlaceCues = {"in",     "near", "at",     "outside",
                                                         "around", "from", "to",     "towards",
                                                         "toward", "into", "across", "through"};
constexpr std::array<std::string_view, 6> kPlaceNounsBefore = {"city",     "town",     "village",
                                                               "district", "province", "port"};
constexpr std::array<std::string_view, 14> kPlaceNounsAfter = {
    "province", "provinces", "city",    "district", "region",  "oblast", "governorate",
    "state",    "valley",    "airport", "town",     "village", "county", "prefecture"};

class Matcher {
 public:
  Matcher(const Gazetteer& g, const SegmentedText& seg, std::string_view text,
          const std::vector<uint8_t>& blocked)
      : g_(g), seg_(seg), text_(text), blocked_(blocked) {}

  std::vector<PlaceMention> Run() {
    std::vector<PlaceMention> out;
    for (uint32_t s = 0; s < seg_.sentences.size(); ++s) {
      const Sentence& sent = seg_.sentences[s];
      uint32_t end = sent.first_token + sent.token_count;
      for (uint32_t i = sent.first_token; i < end;) {
        PlaceMention m;
        if (MatchAt(i, end, &m)) {
          m.sentence = s;
          i += m.token_count;
          out.push_back(std::move(m));
        } else {
          ++i;
        }
      }
    }
    return out;
  }

 private:
  bool Usable(uint32_t k) const {
    const Token& t = seg_.tokens[k];
    return t.is(kWord) && !t.is(kPossessive) && !t.is(kNumber) &&
           (blocked_.empty() || !blocked_[k]);
  }
  bool CanStartOrEnd(uint32_t k) const {
    const Token& t = seg_.tokens[k];
    if (t.is(kCapitalized) || t.is(kAllCaps)) return true;
    // Caseless scripts (Arabic) have no capitals to go by.
    return static_cast<unsigned char>(text_[t.start]) >= 0x80 && !t.is(kCapitalized) &&
           seg_.norm(t) == text_.substr(t.start, t.end - t.start);
  }
  std::string_view Norm(uint32_t k) const { return seg_.norm(seg_.tokens[k]); }

  bool MatchAt(uint32_t i, uint32_t end, PlaceMention* m) {
    if (!Usable(i) || !CanStartOrEnd(i)) return false;
    uint64_t h = KeyExtend(kKeySeed, Norm(i));
    NameEntry entry, best;
    uint32_t best_len = 0;
    for (uint32_t j = i; j < end && j < i + kMaxNameTokens; ++j) {
      if (j > i) {
        if (!Usable(j)) break;
        h = KeyExtend(KeyExtend(h, " "), Norm(j));
      }
      if (!g_.Find(h, &entry)) break;
      if (!entry.places.empty() && (CanStartOrEnd(j) || seg_.tokens[j].is(kJoinedLeft))) {
        best = entry;
        best_len = j - i + 1;
      }
      if (!entry.is_prefix) break;
    }
    if (best_len == 0) return false;
    if (!Plausible(i, best_len, best)) return false;
    m->first_token = i;
    m->token_count = best_len;
    m->start = seg_.tokens[i].start;
    m->end = seg_.tokens[i + best_len - 1].end;
    // Postings are sorted best prior first; past the first 64 readings of a name (a common
    // village name can have hundreds) none has ever won on context, and ranking them all cost
    // more than the rest of coding on village-heavy text.
    m->candidates = best.places.first(std::min<size_t>(best.places.size(), 64));
    return true;
  }

  bool HasPlaceCueBefore(uint32_t i) const {
    if (seg_.tokens[i].is(kSentenceStart)) return false;
    std::string_view prev = Norm(i - 1);
    if (OneOf(prev, kPlaceCues)) return true;
    return prev == "of" && i >= 2 && OneOf(Norm(i - 2), kPlaceNounsBefore);
  }
  bool HasPlaceNounAfter(uint32_t last) const {
    return last + 1 < seg_.tokens.size() && OneOf(Norm(last + 1), kPlaceNounsAfter);
  }
  bool IsNameWord(uint32_t k) const {
    const Token& t = seg_.tokens[k];
    return t.is(kWord) && t.is(kCapitalized) && !t.is(kPossessive);
  }

  bool Plausible(uint32_t i, uint32_t len, const NameEntry& e) const {
    uint32_t last = i + len - 1;
    bool acronym = seg_.tokens[i].is(kAllCaps) && seg_.tokens[i].end - seg_.tokens[i].start >= 2;
    if (e.is_common_word && !acronym && !HasPlaceCueBefore(i) && !HasPlaceNounAfter(last)) {
      return false;
    }
    if (len == 1) {
      uint8_t best_rank = g_.place(e.places[0]).rank;
      if (best_rank <= 2) {
        bool prev_name = !seg_.tokens[i].is(kSentenceStart) && IsNameWord(i - 1) &&
                         !seg_.tokens[i - 1].is(kSentenceStart) && !HasPlaceCueBefore(i);
        bool next_name = last + 1 < seg_.tokens.size() && IsNameWord(last + 1) &&
                         !seg_.tokens[last + 1].is(kSentenceStart) && !HasPlaceNounAfter(last);
        if (prev_name || next_name) return false;
      }
    }
    return true;
  }

  const Gazetteer& g_;
  const SegmentedText& seg_;
  std::string_view text_;
  const std::vector<uint8_t>& blocked_;
};

}  // namespace

std::vector<PlaceMention> FindPlaceMentions(const Gazetteer& gazetteer, const SegmentedText& seg,
                                            std::string_view text,
                                            const std::vector<uint8_t>& blocked) {
  return Matcher(gazetteer, seg, text, blocked).Run();
}

}  // namespace sitrep
