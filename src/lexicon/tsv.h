// Splitting tab- and comma-separated fields without copying. Internal.
#ifndef SITREP_SRC_LEXICON_TSV_H_
#define SITREP_SRC_LEXICON_TSV_H_

#include <string_view>
#include <vector>

namespace sitrep::tsv {

inline std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) { out.push_back(s.substr(start)); break; }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
  return out;
}

// Tab-separated columns of one line, a trailing '\r' removed.
inline void Split(std::string_view line, std::vector<std::string_view>* cols) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  *cols = SplitOn(line, '\t');
}

}  // namespace sitrep::tsv

#endif  // SITREP_SRC_LEXICON_TSV_H_
