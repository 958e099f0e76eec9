// The data/ dictionaries compiled into the binary (see cmake/embed.cmake).
#ifndef SITREP_SRC_UTIL_EMBEDDED_DATA_H_
#define SITREP_SRC_UTIL_EMBEDDED_DATA_H_

#include <string_view>

namespace sitrep {
// The content of data/<name>, or empty when there is no such file.
std::string_view EmbeddedData(std::string_view name);
}  // namespace sitrep

#endif  // SITREP_SRC_UTIL_EMBEDDED_DATA_H_
