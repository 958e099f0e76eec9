#include "src/lexicon/demonyms.h"

#include "sitrep/text.h"
#include "src/lexicon/tsv.h"

namespace sitrep {

DemonymIndex LoadDemonyms(std::string_view countries_tsv) {
  DemonymIndex out;
  tsv::ForEachRow(countries_tsv, [&](const std::vector<std::string_view>& cols, size_t) {
    if (cols.size() < 4) return Status::OK();
    for (auto d : tsv::SplitOn(cols[3], ';')) {
      if (!d.empty()) out[MatchKey(d)] = std::string(cols[0]);
    }
    return Status::OK();
  });
  return out;
}

}  // namespace sitrep
