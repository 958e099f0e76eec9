#include "src/lexicon/word_lists.h"

#include "sitrep/text.h"
#include "src/lexicon/tsv.h"
#include "src/util/data_files.h"

namespace sitrep {

namespace {

// Indexed by Words.
constexpr std::array<std::string_view, kWordListCount> kFiles = {"passive_auxiliaries",
                                                                 "adverbs_after_auxiliary",
                                                                 "determiners",
                                                                 "possessive_pronouns",
                                                                 "person_pronouns",
                                                                 "group_pronouns",
                                                                 "list_joiners",
                                                                 "list_separators",
                                                                 "locative_prepositions",
                                                                 "container_prepositions",
                                                                 "clause_stops",
                                                                 "contrast_words",
                                                                 "speech_words",
                                                                 "denial_words",
                                                                 "name_particles",
                                                                 "reference_words",
                                                                 "place_description_words",
                                                                 "seat_qualifiers",
                                                                 "capital_words",
                                                                 "distance_units",
                                                                 "compass_words",
                                                                 "object_enders",
                                                                 "titles",
                                                                 "speaker_offices",
                                                                 "negating_prefixes",
                                                                 "partial_place_words",
                                                                 "destination_prepositions",
                                                                 "pair_prepositions",
                                                                 "passive_blockers",
                                                                 "subject_blockers",
                                                                 "infinitive_markers",
                                                                 "purpose_followers",
                                                                 "adverb_suffixes",
                                                                 "verb_suffixes",
                                                                 "descriptive_suffixes",
                                                                 "headline_function_words",
                                                                 "subject_fillers",
                                                                 "genitive_prepositions",
                                                                 "landmark_prepositions",
                                                                 "agent_prepositions",
                                                                 "source_prepositions",
                                                                 "recipient_prepositions",
                                                                 "regain_verbs",
                                                                 "indefinite_articles",
                                                                 "first_person_possessives",
                                                                 "actor_modifier_heads",
                                                                 "group_modifier_nouns",
                                                                 "expulsion_verbs",
                                                                 "quantity_words",
                                                                 "control_nouns",
                                                                 "number_words",
                                                                 "day_units",
                                                                 "week_units",
                                                                 "later_words",
                                                                 "next_words",
                                                                 "temporal_prepositions",
                                                                 "north_words",
                                                                 "south_words",
                                                                 "east_words",
                                                                 "west_words",
                                                                 "division_nouns",
                                                                 "object_locatives",
                                                                 "causative_verbs",
                                                                 "arrival_prepositions"};

}  // namespace

Result<WordLists> WordLists::Load(const std::string& lang, const std::string& dir) {
  WordLists lists;
  for (int i = 0; i < kWordListCount; ++i) {
    std::string name = lang + "/" + std::string(kFiles[static_cast<size_t>(i)]) + ".txt";
    auto file = ReadDataFile(name, dir);
    if (!file.ok()) return file.status();
    Status st =
        tsv::ForEachRow(file->text, [&](const std::vector<std::string_view>& cols, size_t n) {
          if (cols.size() != 1 || cols[0].empty())
            return Status::InvalidInput(file->origin + ":" + std::to_string(n) +
                                        ": want one word per line");
          std::string word = NormalizeForMatch(cols[0]);
          lists.masks_[word] |= uint64_t{1} << i;
          lists.lists_[static_cast<size_t>(i)].push_back(std::move(word));
          return Status::OK();
        });
    if (!st.ok()) return st;
  }
  return lists;
}

uint64_t WordLists::MaskOf(std::string_view norm) const {
  auto it = masks_.find(norm);
  return it == masks_.end() ? 0 : it->second;
}

bool WordLists::HasSuffix(Words list, std::string_view norm, size_t min_stem) const {
  for (const std::string& s : lists_[static_cast<size_t>(list)]) {
    if (norm.size() >= s.size() + min_stem && norm.ends_with(s)) return true;
  }
  return false;
}

}  // namespace sitrep
