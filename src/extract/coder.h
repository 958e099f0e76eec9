// The event coder: typed events with roles, places, dates, evidence and confidence from one
// document. Internal; the Pipeline is its public face.
#ifndef SITREP_SRC_EXTRACT_CODER_H_
#define SITREP_SRC_EXTRACT_CODER_H_

#include <map>
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
#include "src/lexicon/word_lists.h"
#include "src/resolve/place_ranking.h"

namespace sitrep {

// What the coder knows of one language: its triggers, cue words and closed word lists
// (data/<lang>/).
struct LanguageData {
  PatternSet patterns;
  CueSet cues;
  WordLists words;
};

struct CoderResources {
  const Gazetteer* gazetteer = nullptr;  // without one, events carry no place and captures none
  ActorDictionary actors;
  // By Document::lang ("en"); a document in a language sitrep has no data for is read as English.
  std::map<std::string, LanguageData, std::less<>> languages;
  const LanguageData& For(std::string_view lang) const;
  DemonymIndex demonyms;                                         // "afghan" -> AF
  std::unordered_map<std::string, std::string> demonym_of;       // AF -> "Afghan"
  std::unordered_map<std::string, std::string> country_name_of;  // "AF" -> "Afghanistan"
  std::unordered_set<std::string> name_filters;  // common words and given names, normalised
  // Seats of government, from the gazetteer: a division's capital and a country's capital
  // (gazetteer indices), for "Y's capital" and "the capital of Y".
  std::unordered_map<uint32_t, uint32_t> capital_of_division;
  std::unordered_map<std::string, uint32_t> capital_of_country;
};

// Loads the dictionaries: those compiled into the binary (data/), each replaced by its copy in
// `data_dir` when that is set and holds it (data_dir/actors.tsv, data_dir/en/patterns.tsv, ...).
// Every language folder of data_dir with a patterns.tsv is loaded besides English.
Result<std::unique_ptr<CoderResources>> LoadCoderResources(const Gazetteer* gazetteer,
                                                           const std::string& data_dir = "");

std::vector<Event> CodeDocument(const CoderResources& resources, const Document& doc);

}  // namespace sitrep

#endif  // SITREP_SRC_EXTRACT_CODER_H_
