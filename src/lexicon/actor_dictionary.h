// The actor dictionary (data/actors.tsv) and its matcher. Internal.
#ifndef SITREP_SRC_LEXICON_ACTOR_DICTIONARY_H_
#define SITREP_SRC_LEXICON_ACTOR_DICTIONARY_H_

#include <string>
#include <vector>

#include "sitrep/status.h"
#include "sitrep/text.h"
#include "src/lexicon/demonyms.h"
#include "src/lexicon/phrase_index.h"

namespace sitrep {

enum class ActorKind {
  kGroup,
  kState,
  kPerson,
  kGovernment,
  kRefNonstate,
  kRefState,
  kCivilians,
  kProtesters,
  kOrg
};
enum class Side { kState, kNonstate, kCivilian, kForeign, kNeutral };

struct ActorEntry {
  std::string canonical;  // may contain "{demonym}" for generic state forces
  ActorKind kind = ActorKind::kGroup;
  Side side = Side::kNeutral;
  std::string country;  // ISO code, empty when generic
  std::string role;
};

struct ActorMention {
  uint32_t first_token = 0, token_count = 0;
  uint32_t entry = 0;
  std::string demonym_country;  // "Afghan forces": the country of a preceding demonym
};

class ActorDictionary {
 public:
  // Parses actors.tsv; `origin` names it in errors ("data/actors.tsv:12: ...").
  static Result<ActorDictionary> Parse(std::string_view tsv, const std::string& origin);
  const ActorEntry& entry(uint32_t i) const { return entries_[i]; }
  // Longest actor phrases over the text. A demonym right before a generic force noun ("Russian
  // troops") is recorded with the mention.
  std::vector<ActorMention> Find(const SegmentedText& seg, const DemonymIndex& demonyms) const;

 private:
  std::vector<ActorEntry> entries_;
  PhraseIndex index_;
};

}  // namespace sitrep

#endif  // SITREP_SRC_LEXICON_ACTOR_DICTIONARY_H_
