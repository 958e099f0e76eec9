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
// FocusCountry does, less the ranking), districts abroad are dropped from the readings, and a
// second pass looks for the spellings GeoNames lacks: where a capitalised word starts no known
// name, one known only abroad, or a known name a longer one may contain ("Mazar" in "Mazar
// Sharif"), the skeletons of the up to four tokens from it are looked up among that country's
// places (seats and provinces anywhere, with no country clear). The guards are stricter than for
// exact names: five letters at least; no acronym, demonym ("Russian" is no "Ras al-Ayn"), English
// word to start a name ("The Taliban"), word of data/name_filters.tsv without a place cue
// ("Monday" is no "Moanda"); a one-word name neither beside another capitalised word, seat of
// government or not, nor first in its sentence without a place noun after it; no head or tail of a
// longer compound ("Karam al-Beik"); a district only where the text says district; a skeleton of
// four letters or fewer only spelt close to a place's name ("Congo" is no "Kayunga"). A name also
// known abroad keeps its exact readings ahead of the fuzzy ones; ranking charges the fuzzy ones
// their spelling distance.
#include "src/lexicon/place_matcher.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "src/lexicon/demonyms.h"
#include "src/lexicon/fuzzy_key.h"
#include "src/lexicon/gazetteer_format.h"
#include "src/util/embedded_data.h"

namespace sitrep {

namespace {

constexpr int kMaxNameTokens = 8;
constexpr uint32_t kMaxFuzzyTokens = 4;
constexpr size_t kMinFuzzyLetters = 5;
constexpr size_t kMinFuzzySkeleton = 4;  // "Shaar" ("Sar") is too short to tell from others
constexpr size_t kShortSkeleton = 4;
constexpr double kShortDistance = 2.0;
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
      if (!d.empty() && d.size() < 32 && d[0] >= 'a' && d[0] <= 'z')
        first_letters_by_length[d.size()] |= 1u << (d[0] - 'a');
    }
  }
  bool Maybe(std::string_view w) const {
    return !w.empty() && w.size() < 32 && w[0] >= 'a' && w[0] <= 'z' &&
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
    FuzzyPass(focus, &out);
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
  std::string Focus(const std::vector<PlaceMention>& mentions) {
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
    demonym_.assign(seg_.tokens.size(), 0);
    for (size_t k = 0; k < seg_.tokens.size(); ++k) {
      const Token& t = seg_.tokens[k];
      if (!t.is(kCapitalized) || !shapes.Maybe(seg_.norm(t))) continue;
      auto it = demonyms.find(seg_.norm(t));
      if (it == demonyms.end()) continue;
      demonym_[k] = 1;
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

  void FuzzyPass(const std::string& focus, std::vector<PlaceMention>* mentions) {
    common_word_.assign(seg_.tokens.size(), -1);
    std::vector<int> mention_at(seg_.tokens.size(), -1);
    for (size_t i = 0; i < mentions->size(); ++i) {
      const PlaceMention& m = (*mentions)[i];
      for (uint32_t k = 0; k < m.token_count; ++k)
        mention_at[m.first_token + k] = static_cast<int>(i);
    }
    // An exact name stands when it has a reading in the report's country (or no country is
    // known); one known only abroad may give way to a longer or a home reading.
    std::vector<uint8_t> standing(mentions->size());
    for (size_t i = 0; i < mentions->size(); ++i)
      standing[i] = focus.empty() || HasReadingIn((*mentions)[i], focus);
    auto stands = [&](int mi) { return mi >= 0 && standing[static_cast<size_t>(mi)]; };
    auto mention = [&](uint32_t k) -> PlaceMention& {
      return (*mentions)[static_cast<size_t>(mention_at[k])];
    };
    std::vector<PlaceMention> added;
    for (uint32_t s = 0; s < seg_.sentences.size(); ++s) {
      const Sentence& sent = seg_.sentences[s];
      uint32_t end = sent.first_token + sent.token_count;
      for (uint32_t i = sent.first_token; i < end; ++i) {
        PlaceMention* exact = mention_at[i] >= 0 ? &mention(i) : nullptr;
        if (exact) {
          uint32_t next = exact->first_token + exact->token_count;
          // Inside a name, or a name with a reading at home that no word can lengthen.
          if (exact->first_token != i ||
              (stands(mention_at[i]) && !(next < end && CanContinue(next)))) {
            i = next - 1;
            continue;
          }
        } else if (!seg_.tokens[i].is(kCapitalized)) {
          continue;
        }
        uint32_t limit = std::min(end, i + kMaxFuzzyTokens);
        // A span ends where a name ends, never inside one.
        auto can_end = [&](uint32_t j) {
          return mention_at[j] < 0 || mention(j).first_token + mention(j).token_count - 1 == j;
        };
        NameEntry entry;
        uint32_t len = FuzzyMatchAt(i, limit, focus, can_end, &entry);
        // An exact name with a reading at home gives way only to a longer name ("Mazar Sharif"
        // over "Mazar"); one known only abroad also to a home reading of the same words.
        bool covers_standing = false;
        for (uint32_t k = i; k < i + len; ++k) covers_standing |= stands(mention_at[k]);
        uint32_t exact_len = exact ? exact->token_count : 0;
        if (len == 0 || len < exact_len || (len == exact_len && covers_standing)) {
          if (exact) i = exact->first_token + exact->token_count - 1;
          continue;
        }
        PlaceMention m;
        m.sentence = s;
        m.first_token = i;
        m.token_count = len;
        m.start = seg_.tokens[i].start;
        m.end = seg_.tokens[i + len - 1].end;
        auto fuzzy = entry.places.first(std::min(entry.places.size(), kMaxCandidates));
        m.fuzzy_from = 0;
        m.candidates = fuzzy;
        if (exact && exact_len == len) {
          // The same name, known abroad: its exact readings first, then the fuzzy ones at home.
          auto both = std::make_shared<std::vector<uint32_t>>(exact->candidates.begin(),
                                                              exact->candidates.end());
          m.fuzzy_from = static_cast<uint32_t>(both->size());
          for (uint32_t c : fuzzy) {
            if (std::find(both->begin(), both->begin() + m.fuzzy_from, c) ==
                both->begin() + m.fuzzy_from)
              both->push_back(c);
          }
          m.candidates = std::span<const uint32_t>(*both);
          m.owned = std::move(both);
        }
        for (uint32_t k = i; k < i + len; ++k) {
          if (mention_at[k] >= 0) mention(k).token_count = 0;  // replaced: removed below
        }
        added.push_back(std::move(m));
        i += len - 1;
      }
    }
    if (added.empty()) return;
    std::erase_if(*mentions, [](const PlaceMention& m) { return m.token_count == 0; });
    for (PlaceMention& m : added) mentions->push_back(std::move(m));
    std::sort(mentions->begin(), mentions->end(), [](const PlaceMention& a, const PlaceMention& b) {
      return a.first_token < b.first_token;
    });
  }

  bool HasReadingIn(const PlaceMention& m, std::string_view country) const {
    return std::any_of(m.candidates.begin(), m.candidates.end(),
                       [&](uint32_t c) { return g_.country(c) == country; });
  }

  // Whether token k is a word of data/name_filters.tsv (asked once per token).
  bool CommonWord(uint32_t k) {
    if (common_word_[k] < 0) {
      NameEntry e;
      common_word_[k] = g_.Find(KeyHash(Norm(k)), &e) && e.is_common_word;
    }
    return common_word_[k] == 1;
  }

  // A name may go on with token k: a capitalised word, one hyphenated to the last, or a particle.
  bool CanContinue(uint32_t k) const {
    const Token& t = seg_.tokens[k];
    return Usable(k) && !t.is(kSentenceStart) &&
           (t.is(kCapitalized) || t.is(kJoinedLeft) || IsNameParticle(Norm(k)));
  }

  // True when token k is a particle that, with a name word before it, makes the words around it
  // one compound name ("Karam al-Beik", "Bab al-Azizya").
  // Particles that are also English words ("as", "at", "an") count only hyphenated to the next
  // word ("Ras al-Ayn", not "Mazar Sharif as Kunduz fell").
  bool CompoundParticle(uint32_t k) const {
    if (k == 0 || k >= seg_.tokens.size() || !seg_.tokens[k].is(kWord) ||
        seg_.tokens[k].is(kSentenceStart) || !IsNameWord(k - 1))
      return false;
    std::string_view n = Norm(k);
    if (!IsNameParticle(n)) return false;
    bool joined_next = k + 1 < seg_.tokens.size() && seg_.tokens[k + 1].is(kJoinedLeft);
    return joined_next || n == "al" || n == "el" || n == "ul" || n == "il" || n == "ash" ||
           n == "ath" || n == "adh" || n == "az" || n == "ez";
  }

  // The longest span from token i (ending before `limit`, where can_end allows) whose skeleton
  // names places of `focus` (or seats and provinces anywhere, with no focus); its length, or 0.
  template <typename CanEnd>
  uint32_t FuzzyMatchAt(uint32_t i, uint32_t limit, const std::string& focus, CanEnd can_end,
                        NameEntry* best) {
    const Token& first = seg_.tokens[i];
    if (!Usable(i) || !first.is(kCapitalized) || first.is(kAllCaps) || first.is(kJoinedLeft) ||
        demonym_[i])
      return 0;
    // The tail of a compound name whose head is another word ("Bab al-Azizya"), or of a name
    // that starts with its article ("Al Jazeera": the name is read from "Al" or not at all).
    if (i >= 1 && !first.is(kSentenceStart) &&
        (CompoundParticle(i - 1) ||
         (IsNameParticle(Norm(i - 1)) && seg_.tokens[i - 1].is(kCapitalized))))
      return 0;
    // "The Taliban", "President Zelenskiy", "As Sinjar fell": an English word does not start a
    // misspelt name (an article does, inside a sentence: "captured Al Fasher").
    if (CommonWord(i) && (first.is(kSentenceStart) || !IsNameParticle(Norm(i)))) return 0;
    std::vector<std::string_view>& tokens = span_tokens_;
    tokens.clear();
    size_t letters = 0;
    // Whether every word so far is an English word or given name (looked up only when a span
    // gets that far: the cheap tests come first, a hash probe is a cache miss).
    bool all_common = true;
    uint32_t common_known = i;
    uint64_t span_hash = kKeySeed;
    uint32_t best_len = 0;
    for (uint32_t j = i; j < limit; ++j) {
      std::string_view norm = Norm(j);
      if (j > i && !CanContinue(j)) break;
      if (demonym_[j]) break;
      span_hash = j == i ? KeyExtend(kKeySeed, norm) : KeyExtend(KeyExtend(span_hash, " "), norm);
      tokens.push_back(norm);
      if (!IsNameParticle(norm)) letters += norm.size();
      uint32_t len = j - i + 1;
      if (!(CanStartOrEnd(j) || seg_.tokens[j].is(kJoinedLeft)) || letters < kMinFuzzyLetters ||
          !can_end(j) || !FuzzyPlausible(i, len))
        continue;
      // The head of a longer name: "Karam al-Beik" is not Karam, "Pro-Russian" not Pro.
      if (j + 1 < seg_.tokens.size() && !seg_.tokens[j + 1].is(kSentenceStart) &&
          (seg_.tokens[j + 1].is(kJoinedLeft) ||
           (CompoundParticle(j + 1) && j + 2 < seg_.tokens.size() &&
            (seg_.tokens[j + 2].is(kCapitalized) || seg_.tokens[j + 2].is(kJoinedLeft)))))
        continue;
      // Common words ("Monday", "Al Jazeera") only with a place cue, as exact names.
      NameEntry word;
      for (; common_known <= j; ++common_known) {
        if (!IsNameParticle(Norm(common_known)) && !CommonWord(common_known)) all_common = false;
      }
      bool common = all_common || (len > 1 && g_.Find(span_hash, &word) && word.is_common_word);
      if (common && !HasPlaceCueBefore(i) && !HasPlaceNounAfter(j)) continue;
      std::string& skeleton = skeleton_;
      FuzzySkeleton(tokens, &skeleton);
      NameEntry e;
      if (skeleton.size() < kMinFuzzySkeleton || !g_.FindFuzzy(FuzzyKeyHash(focus, skeleton), &e) ||
          e.places.empty())
        continue;
      // A district is read from a misspelling only where the text says district.
      if (std::all_of(e.places.begin(), e.places.end(),
                      [&](uint32_t c) { return g_.kind(c) == PlaceKind::kDistrict; }) &&
          !DistrictNounBeside(seg_, i, j))
        continue;
      // A short skeleton says little ("Congo" and "Kayunga" are both "kang"): it must be spelt
      // close to one of the places' names.
      if (skeleton.size() <= kShortSkeleton) {
        std::string written = NameLetters(tokens);
        if (std::none_of(e.places.begin(), e.places.end(), [&](uint32_t c) {
              return SpellingDistance(written, NameLettersOf(g_.place(c).name)) <= kShortDistance;
            }))
          continue;
      }
      *best = e;
      best_len = len;
    }
    return best_len;
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
    // "according to Al Jazeera" names a source, not a destination.
    if (prev == "to" && i >= 2 && Norm(i - 2) == "according") return false;
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

  // A one-word misspelling needs more than an exact name does: beside another capitalised word it
  // is part of a person's or organisation's name even where it would be a seat ("Volodymyr
  // Zelensky" is no Vladimir, "Ta'ang National Liberation Army" no Taunggyi), and a sentence's
  // first word ("Rocket fire...") is capitalised whatever it is, so it needs a place noun after it.
  bool FuzzyPlausible(uint32_t i, uint32_t len) const {
    if (len > 1) return true;
    const Token& t = seg_.tokens[i];
    if (t.is(kSentenceStart)) return HasPlaceNounAfter(i);
    bool prev_name = i > 0 && IsNameWord(i - 1) && !HasPlaceCueBefore(i);
    bool next_name = i + 1 < seg_.tokens.size() && IsNameWord(i + 1) &&
                     !seg_.tokens[i + 1].is(kSentenceStart) && !HasPlaceNounAfter(i);
    return !prev_name && !next_name;
  }

  bool Plausible(uint32_t i, uint32_t len, const NameEntry& e) const {
    uint32_t last = i + len - 1;
    bool acronym = seg_.tokens[i].is(kAllCaps) && seg_.tokens[i].end - seg_.tokens[i].start >= 2;
    if (e.is_common_word && !acronym && !HasPlaceCueBefore(i) && !HasPlaceNounAfter(last)) {
      return false;
    }
    // "seized in March", "since Sunday": a month or weekday after "in" is a date; it is a place
    // only where a noun says so ("March district", "the town of March").
    if (e.is_time_word && len == 1 && !HasPlaceNounAfter(last) &&
        !(i >= 2 && Norm(i - 1) == "of" && OneOf(Norm(i - 2), kPlaceNounsBefore)))
      return false;
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
  std::vector<uint8_t> demonym_;               // per token: a demonym ("Russian", "Afghan")
  std::vector<int8_t> common_word_;            // per token: CommonWord, -1 until asked
  std::vector<std::string_view> span_tokens_;  // scratch for the fuzzy pass
  std::string skeleton_;
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
