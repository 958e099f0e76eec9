// Splitting tab- and comma-separated fields without copying. Internal.
#ifndef SITREP_SRC_LEXICON_TSV_H_
#define SITREP_SRC_LEXICON_TSV_H_

#include <string_view>
#include <utility>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::tsv {

inline std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      break;
    }
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

// Calls fn(columns, line_number) for each row of `text` that is neither blank nor a '#' comment,
// and stops at the first error it returns. Every data file of sitrep is read through this.
template <typename Fn>
Status ForEachRow(std::string_view text, Fn&& fn) {
  std::vector<std::string_view> cols;
  size_t n = 0;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++n;
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    Split(line, &cols);
    if (Status s = fn(cols, n); !s.ok()) return s;
  }
  return Status::OK();
}

// Looks a name up in a table of {name, value} pairs (the enums spelt in data files).
template <typename T, size_t N>
bool FromName(const std::pair<std::string_view, T> (&table)[N], std::string_view name, T* out) {
  for (const auto& [n, v] : table) {
    if (n == name) {
      *out = v;
      return true;
    }
  }
  return false;
}

}  // namespace sitrep::tsv

#endif  // SITREP_SRC_LEXICON_TSV_H_
