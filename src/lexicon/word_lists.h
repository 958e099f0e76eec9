// A language's closed word lists (data/<lang>/*.txt): the function words, affixes and small
// vocabularies the coder's rules read, one list per concept, so no English word is written into
// the rules themselves. Internal.
#ifndef SITREP_SRC_LEXICON_WORD_LISTS_H_
#define SITREP_SRC_LEXICON_WORD_LISTS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitrep/status.h"
#include "src/lexicon/demonyms.h"

namespace sitrep {

// One value per data/<lang>/<name>.txt file (the table in word_lists.cc gives the names).
enum class Words : uint8_t {
  kPassiveAuxiliaries,
  kAdverbsAfterAuxiliary,
  kDeterminers,
  kPossessivePronouns,
  kPersonPronouns,
  kGroupPronouns,
  kListJoiners,
  kListSeparators,
  kLocativePrepositions,
  kContainerPrepositions,
  kClauseStops,
  kContrastWords,
  kSpeechWords,
  kDenialWords,
  kNameParticles,
  kReferenceWords,
  kPlaceDescriptionWords,
  kSeatQualifiers,
  kCapitalWords,
  kDistanceUnits,
  kCompassWords,
  kObjectEnders,
  kTitles,
  kSpeakerOffices,
  kNegatingPrefixes,
  kPartialPlaceWords,
  kDestinationPrepositions,
  kPairPrepositions,
  kPassiveBlockers,
  kSubjectBlockers,
  kInfinitiveMarkers,
  kPurposeFollowers,
  kAdverbSuffixes,
  kVerbSuffixes,
  kDescriptiveSuffixes,
  kHeadlineFunctionWords,
  kSubjectFillers,
  kGenitivePrepositions,
  kLandmarkPrepositions,
  kAgentPrepositions,
  kSourcePrepositions,
  kRecipientPrepositions,
  kRegainVerbs,
  kIndefiniteArticles,
  kFirstPersonPossessives,
  kActorModifierHeads,
  kGroupModifierNouns,
  kExpulsionVerbs,
  kQuantityWords,
  kControlNouns,
  kNumberWords,
  kDayUnits,
  kWeekUnits,
  kLaterWords,
  kNextWords,
  kTemporalPrepositions,
  kNorthWords,
  kSouthWords,
  kEastWords,
  kWestWords,
  kDivisionNouns,
  kObjectLocatives,
  kCausativeVerbs,
  kArrivalPrepositions,
};
inline constexpr int kWordListCount = 64;  // the most a 64-bit mask holds

class WordLists {
 public:
  // Reads every list of language `lang` ("en") from `dir` (see ReadDataFile: empty means the
  // compiled-in data). A missing list is NotFound naming its file.
  static Result<WordLists> Load(const std::string& lang, const std::string& dir);

  // Which lists a normalised word belongs to, as a bit mask (bit i = Words value i); 0 if none.
  uint64_t MaskOf(std::string_view norm) const;
  bool Has(Words list, std::string_view norm) const {
    return (MaskOf(norm) >> static_cast<int>(list)) & 1u;
  }
  // Whether `norm` ends with one of the suffixes in `list` and is longer than it by at least
  // `min_stem` bytes ("reportedly" ends with "ly").
  bool HasSuffix(Words list, std::string_view norm, size_t min_stem = 2) const;
  // Every word of a list, in file order.
  const std::vector<std::string>& List(Words list) const {
    return lists_[static_cast<size_t>(list)];
  }

 private:
  // Looked up once per token by string_view (no allocation: a transparent hash).
  std::unordered_map<std::string, uint64_t, StringViewHash, std::equal_to<>> masks_;
  std::array<std::vector<std::string>, kWordListCount> lists_;
};

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_WORD_LISTS_H_
