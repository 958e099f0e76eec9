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
//
// Then the report's country is voted by its one-country names and its demonyms (as resolve's
// FocusCountry does, less the ranking), and districts abroad are dropped from the readings: a
// district is read only in the report's own country.
#include "src/lexicon/place_matcher.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "src/lexicon/demonyms.h"
#include "src/lexicon/gazetteer_format.h"
#include "src/util/embedded_data.h"

namespace sitrep {

namespace {

constexpr int kMaxNameTokens = 8;
constexpr size_t kMaxCandidates = 64;

const DemonymIndex& Demonyms() {
  static const DemonymIndex index = LoadDemonyms(EmbeddedData("countries.tsv"));
  return index;
}

// Which (length, first letter) pairs demonyms have: most capitalised words are no demonym, and
// this says so without hashing them.
struct DemonymShapes {
  std::array<uint32_t, 32> first_letters_by_length{};
  DemonymShapes() {
    for (const auto& [d, cc] : Demonyms()) {
      if (d.size() < 32 && d[0] >= 'a' && d[0] <= 'z')
        first_letters_by_length[d.size()] |= 1u << (d[0] - 'a');
    }
  }
  bool Maybe(std::string_view w) const {
    return w.size() < 32 && w[0] >= 'a' && w[0] <= 'z' &&
           ((first_letters_by_length[w.size()] >> (w[0] - 'a')) & 1u);
  }
};

const DemonymShapes& Shapes() {
  static const DemonymShapes shapes;
  return shapes;
}

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
constexpr std::array<std::string_view, 19> kPlaceNounsAfter = {
    "province",  "provinces", "city",    "district", "region",      "oblast", "governorate",
    "state",     "valley",    "airport", "town",     "village",     "county", "prefecture",
    "districts", "raion",     "rayon",   "township", "municipality"};

class Matcher {
 public:
  Matcher(const Gazetteer& g, const SegmentedText& seg, std::string_view text,
          const std::vector<uint8_t>& blocked)
      : g_(g), seg_(seg), text_(text), blocked_(blocked) {}

  std::vector<PlaceMention> Run() {
    std::vector<PlaceMention> out = ExactPass();
    std::string focus = Focus(out);
    if (!focus.empty()) KeepHomeDistricts(focus, &out);
    return out;
  }

 private:
  std::vector<PlaceMention> ExactPass() {
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

  // The country of the report, voted as resolve's FocusCountry votes (a one-country name 1, a
  // name whose best reading clearly leads 0.5, a demonym 1), but names first: the country names
  // give two votes or more, demonyms breaking ties; failing that, names and demonyms together, two
  // votes at least or twice the runner-up's ("Afghan forces held Qalai Naw"); empty if none. Names
  // come first because war reports name the other side's people often
  // ("Russian forces" in a report on Ukrainian towns).
  std::string Focus(const std::vector<PlaceMention>& mentions) const {
    std::map<std::string_view, std::pair<double, double>> votes;  // names, demonyms
    auto prior = [&](uint32_t c) {
      return gazetteer::PriorScore(g_.rank(c), g_.population(c)) -
             gazetteer::KindPenalty(static_cast<uint8_t>(g_.kind(c)));
    };
    for (const PlaceMention& m : mentions) {
      std::string_view cc = g_.country(m.candidates[0]);
      if (std::all_of(m.candidates.begin(), m.candidates.end(),
                      [&](uint32_t c) { return g_.country(c) == cc; })) {
        // Weak evidence when every reading is a small place: the name may be a misspelling of
        // a place at home ("Fara" for Farah is a village in Piedmont).
        bool minor = std::all_of(m.candidates.begin(), m.candidates.end(), [&](uint32_t c) {
          return g_.kind(c) != PlaceKind::kDivision && g_.rank(c) <= 2 && g_.population(c) < 20000;
        });
        votes[cc].first += minor ? 0.5 : 1;
      } else if (m.candidates.size() > 1 && prior(m.candidates[0]) - prior(m.candidates[1]) >= 2) {
        votes[cc].first += 0.5;
      }
    }
    const DemonymIndex& demonyms = Demonyms();
    const DemonymShapes& shapes = Shapes();
    for (size_t k = 0; k < seg_.tokens.size(); ++k) {
      const Token& t = seg_.tokens[k];
      if (!t.is(kCapitalized) || !shapes.Maybe(seg_.norm(t))) continue;
      auto it = demonyms.find(seg_.norm(t));
      if (it == demonyms.end()) continue;
      ++votes[it->second].second;
    }
    std::string_view best;
    std::pair<double, double> best_votes = {0, 0};
    for (const auto& [cc, v] : votes) {
      if (v.first >= 2 && v > best_votes) {
        best = cc;
        best_votes = v;
      }
    }
    if (!best.empty()) return std::string(best);
    double best_total = 0, runner_up = 0;
    for (const auto& [cc, v] : votes) {
      double total = v.first + v.second;
      if (total > best_total) {
        runner_up = best_total;
        best = cc;
        best_total = total;
      } else {
        runner_up = std::max(runner_up, total);
      }
    }
    if (best_total >= 2 || best_total >= 2 * runner_up) return std::string(best);
    return {};
  }

  // An Afghan report's "Congo" is not a district of Brazil: districts abroad are no readings.
  void KeepHomeDistricts(const std::string& focus, std::vector<PlaceMention>* mentions) const {
    auto abroad = [&](uint32_t c) {
      return g_.kind(c) == PlaceKind::kDistrict && g_.country(c) != focus;
    };
    std::erase_if(*mentions, [&](PlaceMention& m) {
      if (!m.has_district || std::none_of(m.candidates.begin(), m.candidates.end(), abroad))
        return false;
      auto kept = std::make_shared<std::vector<uint32_t>>();
      for (uint32_t c : m.candidates) {
        if (!abroad(c)) kept->push_back(c);
      }
      if (kept->empty()) return true;
      m.candidates = std::span<const uint32_t>(*kept);
      m.owned = std::move(kept);
      return false;
    });
  }

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
    m->candidates = best.places.first(std::min(best.places.size(), kMaxCandidates));
    m->has_district = best.has_district;
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

bool DistrictNounBeside(const SegmentedText& seg, uint32_t first, uint32_t last) {
  auto norm = [&](size_t k) {
    return k < seg.tokens.size() ? seg.norm(seg.tokens[k]) : std::string_view();
  };
  constexpr std::array<std::string_view, 5> kNouns = {"district", "raion", "rayon", "township",
                                                      "municipality"};
  constexpr std::array<std::string_view, 5> kPlurals = {"districts", "raions", "rayons",
                                                        "townships", "municipalities"};
  if (OneOf(norm(last + 1), kNouns)) return true;
  if (first >= 2 && norm(first - 1) == "of" && OneOf(norm(first - 2), kNouns)) return true;
  // A list of names ending in the plural noun, within the sentence.
  for (size_t k = last + 1; k < seg.tokens.size() && k <= last + 12; ++k) {
    const Token& t = seg.tokens[k];
    if (t.is(kSentenceStart)) return false;
    if (OneOf(norm(k), kPlurals)) return true;
    bool list_word = (t.is(kWord) && t.is(kCapitalized)) || t.is(kJoinedLeft) || norm(k) == "," ||
                     norm(k) == "and" || norm(k) == "or";
    if (!list_word) return false;
  }
  return false;
}

std::vector<PlaceMention> FindPlaceMentions(const Gazetteer& gazetteer, const SegmentedText& seg,
                                            std::string_view text,
                                            const std::vector<uint8_t>& blocked) {
  return Matcher(gazetteer, seg, text, blocked).Run();
}

}  // namespace sitrep
