// The event coder: typed events with roles, places, dates, evidence and confidence from one
// document. Internal; the Pipeline is its public face.
#ifndef SITREP_SRC_EXTRACT_CODER_H_
#define SITREP_SRC_EXTRACT_CODER_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/event.h"
#include "sitrep/gazetteer.h"
#include "src/extract/patterns.h"
#include "src/lexicon/actor_dictionary.h"
#include "src/resolve/place_ranking.h"

namespace sitrep {

struct CoderResources {
  const Gazetteer* gazetteer = nullptr;  // without one, events carry no place and captures none
  ActorDictionary actors;
  PatternSet patterns;
  CueSet cues;
  DemonymIndex demonyms;                                    // "afghan" -> AF
  std::unordered_map<std::string, std::string> demonym_of;  // AF -> "Afghan"
  std::unordered_map<std::string, std::string> country_name_of;  // "AF" -> "Afghanistan"
  std::unordered_set<std::string> name_filters;  // common words and given names, normalised
};

// Loads the dictionaries compiled into the binary (data/*.tsv).
Result<std::unique_ptr<CoderResources>> LoadCoderResources(const Gazetteer* gazetteer);

std::vector<Event> CodeDocument(const CoderResources& resources, const Document& doc);

}  // namespace sitrep

#endif  // SITREP_SRC_EXTRACT_CODER_H_
