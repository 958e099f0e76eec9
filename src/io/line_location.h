// Turning byte offsets into the line numbers error messages cite. Internal to src/io.
#ifndef SITREP_SRC_IO_LINE_LOCATION_H_
#define SITREP_SRC_IO_LINE_LOCATION_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace sitrep::io {

// 1-based line of byte `offset` in `content`.
inline size_t LineOf(std::string_view content, size_t offset) {
  offset = std::min(offset, content.size());
  return 1 + static_cast<size_t>(std::count(content.begin(), content.begin() + offset, '\n'));
}

inline std::string Where(std::string_view origin, size_t line) {
  return std::string(origin) + ":" + std::to_string(line) + ": ";
}

}  // namespace sitrep::io

#endif  // SITREP_SRC_IO_LINE_LOCATION_H_
