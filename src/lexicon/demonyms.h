// Demonyms ("Afghan", "Sudanese") and the countries they name: evidence for a document's country
// and the name of a country's forces. Internal.
#ifndef SITREP_SRC_LEXICON_DEMONYMS_H_
#define SITREP_SRC_LEXICON_DEMONYMS_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sitrep {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Normalised demonym -> ISO country code; looked up by string_view without allocating.
using DemonymIndex = std::unordered_map<std::string, std::string, StringViewHash, std::equal_to<>>;

// Reads the demonym column of data/countries.tsv.
DemonymIndex LoadDemonyms(std::string_view countries_tsv);

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_DEMONYMS_H_
