// Reading data/actors.tsv and matching its phrases. Named actors (people, groups) must be
// capitalised in the text as in the dictionary; generic nouns ("troops", "the insurgents") match in
// any case.
#include "src/lexicon/actor_dictionary.h"

#include "src/lexicon/tsv.h"

namespace sitrep {

namespace {

const std::pair<std::string_view, ActorKind> kKinds[] = {{"group", ActorKind::kGroup},
                                                         {"state", ActorKind::kState},
                                                         {"person", ActorKind::kPerson},
                                                         {"government", ActorKind::kGovernment},
                                                         {"ref_nonstate", ActorKind::kRefNonstate},
                                                         {"ref_state", ActorKind::kRefState},
                                                         {"civilians", ActorKind::kCivilians},
                                                         {"protesters", ActorKind::kProtesters},
                                                         {"org", ActorKind::kOrg}};

const std::pair<std::string_view, Side> kSides[] = {{"state", Side::kState},
                                                    {"nonstate", Side::kNonstate},
                                                    {"civilian", Side::kCivilian},
                                                    {"foreign", Side::kForeign},
                                                    {"neutral", Side::kNeutral}};

bool IsNamed(const ActorEntry& e) {
  if (e.canonical.find("{demonym}") != std::string::npos) return false;  // "the government"
  return e.kind == ActorKind::kGroup || e.kind == ActorKind::kState ||
         e.kind == ActorKind::kPerson || e.kind == ActorKind::kGovernment ||
         e.kind == ActorKind::kOrg;
}

}  // namespace

Result<ActorDictionary> ActorDictionary::Parse(std::string_view tsv_text,
                                               const std::string& origin) {
  ActorDictionary d;
  Status st = tsv::ForEachRow(tsv_text, [&](const std::vector<std::string_view>& cols, size_t n) {
    auto where = origin + ":" + std::to_string(n) + ": ";
    if (cols.size() < 4)
      return Status::InvalidInput(where + "want form, canonical, kind, side[, country, role]");
    ActorEntry e;
    e.canonical = cols[1];
    if (!tsv::FromName(kKinds, cols[2], &e.kind))
      return Status::InvalidInput(where + "unknown kind '" + std::string(cols[2]) + "'");
    if (!tsv::FromName(kSides, cols[3], &e.side))
      return Status::InvalidInput(where + "unknown side '" + std::string(cols[3]) + "'");
    if (cols.size() > 4) e.country = cols[4];
    if (cols.size() > 5) e.role = cols[5];
    d.index_.Add(cols[0], static_cast<uint32_t>(d.entries_.size()));
    d.entries_.push_back(std::move(e));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return d;
}

std::vector<ActorMention> ActorDictionary::Find(const SegmentedText& seg,
                                                const DemonymIndex& demonyms) const {
  std::vector<ActorMention> out;
  for (const Sentence& s : seg.sentences) {
    uint32_t end = s.first_token + s.token_count;
    for (uint32_t k = s.first_token; k < end;) {
      uint32_t value = 0;
      uint32_t len = index_.LongestAt(seg, k, end, &value);
      const ActorEntry* e = len ? &entries_[value] : nullptr;
      // A named actor must look like a name: "Wagner" yes, "wagner" no.
      if (e && IsNamed(*e) && !seg.tokens[k].is(kCapitalized) && !seg.tokens[k].is(kAllCaps)) {
        e = nullptr;
      }
      if (!e) {
        ++k;
        continue;
      }
      ActorMention m;
      m.first_token = k;
      m.token_count = len;
      m.entry = value;
      bool generic =
          e->kind == ActorKind::kRefState || e->canonical.find("{demonym}") != std::string::npos;
      if (generic && k > s.first_token &&
          (seg.tokens[k - 1].is(kCapitalized) || seg.tokens[k - 1].is(kAllCaps))) {
        auto it = demonyms.find(seg.norm(seg.tokens[k - 1]));
        if (it != demonyms.end()) m.demonym_country = it->second;
      }
      out.push_back(std::move(m));
      k += len;
    }
  }
  return out;
}

}  // namespace sitrep
