// Choosing which place a mention means. Internal to the pipeline.
#ifndef SITREP_SRC_RESOLVE_PLACE_RANKING_H_
#define SITREP_SRC_RESOLVE_PLACE_RANKING_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"
#include "src/lexicon/demonyms.h"
#include "src/lexicon/place_matcher.h"

namespace sitrep {

struct RankedCandidate {
  uint32_t place = 0;
  double score = 0;
};

struct ResolvedMention {
  std::vector<RankedCandidate> ranked;  // best first; never empty
  double confidence = 0;                // how clearly the best beat the rest, 0..1
  uint32_t best() const { return ranked.front().place; }
};

// The country a document is about: the one most of its unambiguous place names and demonyms
// point to, or empty. Cheap: it reads candidates, not rankings.
std::string FocusCountry(const Gazetteer& gazetteer, const SegmentedText& seg,
                         const std::vector<PlaceMention>& mentions, const DemonymIndex& demonyms,
                         double* votes = nullptr);

// Ranks every mention's candidates with the document's evidence (see place_ranking.cc).
std::vector<ResolvedMention> RankPlaces(const Gazetteer& gazetteer, const SegmentedText& seg,
                                        const std::vector<PlaceMention>& mentions,
                                        const std::string& focus);

// The context-free score every candidate starts from: administrative rank, then population, with
// divisions below the same-named seat (a bare "Kandahar" is the city) and districts below both.
// `sitrep places` ranks by it (PlacesNamed).
double PriorScore(const Place& p);

struct NamedPlace {
  Place place;
  double score = 0;    // PriorScore, less the spelling cost of a fuzzy reading
  bool fuzzy = false;  // matched by transliteration skeleton, not by name
};

// What `sitrep places` lists, best first: the places called `name` (of `country`, if given); when
// there are none, those whose name has its transliteration skeleton (of `country`, or seats and
// provinces anywhere), each charged its spelling distance as the ranking does in a report.
std::vector<NamedPlace> PlacesNamed(const Gazetteer& gazetteer, std::string_view name,
                                    std::string_view country);

}  // namespace sitrep

#endif  // SITREP_SRC_RESOLVE_PLACE_RANKING_H_
