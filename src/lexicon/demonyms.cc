#include "src/lexicon/demonyms.h"

#include "sitrep/text.h"
#include "src/lexicon/tsv.h"

namespace sitrep {

DemonymIndex LoadDemonyms(std::string_view countries_tsv) {
  DemonymIndex out;
  std::vector<std::string_view> cols;
  for (std::string_view line : tsv::SplitOn(countries_tsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    tsv::Split(line, &cols);
    if (cols.size() < 4) continue;
    for (auto d : tsv::SplitOn(cols[3], ';')) {
      if (!d.empty()) out[MatchKey(d)] = std::string(cols[0]);
    }
  }
  return out;
}

}  // namespace sitrep
