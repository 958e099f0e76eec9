// Small file helpers for the CLI.
#ifndef SITREP_TOOLS_SITREP_FILES_H_
#define SITREP_TOOLS_SITREP_FILES_H_

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sitrep/document.h"
#include "sitrep/status.h"

namespace sitrep::cli {

inline Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Bytes the inputs hold on disk (0 for stdin), for the progress bar.
inline size_t TotalBytes(const std::vector<std::string>& inputs) {
  auto files = ListInputFiles(inputs);
  if (!files.ok()) return 0;
  size_t total = 0;
  for (const auto& f : *files) {
    struct stat st;
    if (f != "-" && ::stat(f.c_str(), &st) == 0) total += static_cast<size_t>(st.st_size);
  }
  return total;
}

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_FILES_H_
