// Event triggers (data/patterns.tsv) and cue words (data/cues.tsv). Internal.
#ifndef SITREP_SRC_EXTRACT_PATTERNS_H_
#define SITREP_SRC_EXTRACT_PATTERNS_H_

#include <span>
#include <string>
#include <vector>

#include "sitrep/event.h"
#include "sitrep/status.h"
#include "src/lexicon/phrase_index.h"

namespace sitrep {

enum class Frame { kActive, kGerund, kFall, kNominal, kLocated, kVisit, kMeeting, kSpeech, kLoss };

struct Pattern {
  EventType type = EventType::kCapture;
  Frame frame = Frame::kActive;
  uint32_t max_gap = 6;
  double confidence = 0.5;
  std::vector<std::string> needs;  // normalised words; one must be in the sentence
};

struct TriggerMention {
  uint32_t first_token = 0, token_count = 0;
  std::span<const uint32_t> patterns;  // rows sharing this phrase, in file order (owned by the set)
};

// The plain phrases a trigger cell stands for: "(took|seized) [full] control (of|over)" gives
// "took control of", "took full control of", ... (exposed for tests).
Result<std::vector<std::string>> ExpandTrigger(std::string_view cell);

class PatternSet {
 public:
  static Result<PatternSet> Parse(std::string_view tsv, const std::string& origin);
  const Pattern& pattern(uint32_t i) const { return patterns_[i]; }
  // Longest trigger phrases, left to right, skipping tokens marked in `taken`.
  std::vector<TriggerMention> Find(const SegmentedText& seg,
                                   const std::vector<uint8_t>& taken) const;

 private:
  std::vector<Pattern> patterns_;
  std::vector<std::vector<uint32_t>> by_phrase_;  // phrase id -> pattern rows
  PhraseIndex index_;
};

enum class Cue : uint8_t {
  kNone,
  kNegation,
  kIntent,
  kHypothetical,
  kSiege,
  kClaim,
  kRefCity,
  kRefDivision,
  kRefDistrict,
  kRefAny,
  kRefPerson,
  kActorHead,
  kPlaceHead,
  kPlaceNoun,
  kNotName,
  kFacility,
  kDirection,
  kIntentNoun,
  kIntentBefore,
  kAdjectiveBefore,
  kMembership,
  kBacking,
};

class CueSet {
 public:
  static Result<CueSet> Parse(std::string_view tsv, const std::string& origin);
  // The cue whose phrase starts at token k (and its length), or kNone.
  Cue At(const SegmentedText& seg, uint32_t k, uint32_t end, uint32_t* len) const;
  // Whether the longest cue phrase at k carries `kind` among its kinds.
  bool Is(const SegmentedText& seg, uint32_t k, uint32_t end, Cue kind, uint32_t* len) const;

 private:
  std::vector<Cue> cues_;
  std::vector<uint32_t> kinds_;  // per phrase: a bit per Cue
  PhraseIndex index_;
};

}  // namespace sitrep

#endif  // SITREP_SRC_EXTRACT_PATTERNS_H_
