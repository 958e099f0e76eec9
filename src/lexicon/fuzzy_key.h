// Transliteration-tolerant keys for place names. Internal to the gazetteer and the place matcher.
//
// Press spellings of names from Arabic, Dari, Pashto, Russian, Ukrainian... differ from GeoNames'
// in ways that follow a few rules: vowels ("Kunduz"/"Kondoz", "Sheberghan"/"Shibirghan"),
// consonant digraphs ("Qunduz"/"Kunduz", "Ghazni"/"Gazni"), article particles ("Al-Fashir"/
// "El Fasher"/"Fasher", "Ma'arrat an-Nu'man"/"Maarat al-Numan"), the Persian ezafe ("Mazar-e
// Sharif"/"Mazari Sharif") and where the spaces go ("Lashkar Gah"/"Lashkargah"). The skeleton
// folds them all: particles dropped, tokens run together, digraphs and equivalent letters folded,
// every run of vowels one 'a', a token's final vowel dropped, doubled letters single. Two spellings
// with the same skeleton are taken for the same name. The skeleton is lossy by design: the
// gazetteer looks it up only when the exact name fails, and only among the places of the report's
// country (or, with no country known, among seats of government and provinces).
#ifndef SITREP_SRC_LEXICON_FUZZY_KEY_H_
#define SITREP_SRC_LEXICON_FUZZY_KEY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sitrep/gazetteer.h"

namespace sitrep {

// The skeleton of a name given as normalised tokens (SegmentedText::norm: lower case, diacritics
// stripped, apostrophes dropped). Empty when the name does not qualify: a token with anything but
// ASCII letters (digits, other scripts), or a skeleton shorter than three letters.
// "deir", "ez", "zor" -> "darzar"; "kondoz" -> "kandaz"; "mazar", "e", "sharif" -> "mazarSaraf".
std::string FuzzySkeleton(std::span<const std::string_view> tokens);
// The same into a buffer the caller keeps (no allocation once it has grown).
void FuzzySkeleton(std::span<const std::string_view> tokens, std::string* out);

// The same for a name as written ("Deir ez-Zor").
std::string FuzzySkeletonOf(std::string_view name);

// Both keys of a name from one segmentation: MatchKey(name) and FuzzySkeletonOf(name).
void NameKeys(std::string_view name, std::string* match_key, std::string* skeleton);

// True for a token that is an article or ezafe particle ("al", "an", "ez", "e", "ye"), which the
// skeleton drops inside a name.
bool IsNameParticle(std::string_view norm_token);

// The index key of a skeleton among one country's places ("AF"), or among the seats of government
// and provinces of every country (country empty).
inline uint64_t FuzzyKeyHash(std::string_view country, std::string_view skeleton) {
  uint64_t h = KeyExtend(kKeySeed, "\x01");
  h = KeyExtend(h, country.empty() ? std::string_view("*") : country);
  return KeyExtend(KeyExtend(h, ":"), skeleton);
}

// A name's letters run together for SpellingDistance: particles inside the name and generic
// division words after its first token left out ("pul", "e", "hesar" -> "pulhesar"; "Shighnan
// District" -> "shighnan").
std::string NameLetters(std::span<const std::string_view> tokens);
std::string NameLettersOf(std::string_view name);

// How far a spelling is from a place's name, for ranking: 0 for the same letters, then about 1 per
// letter changed, half that for a vowel for a vowel or a letter doubled or dropped beside its twin.
// Both are normalised token strings run together ("kondoz" against "kunduz": 1).
double SpellingDistance(std::string_view a, std::string_view b);

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_FUZZY_KEY_H_
