// Small file helpers for the CLI.
#ifndef SITREP_TOOLS_SITREP_FILES_H_
#define SITREP_TOOLS_SITREP_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

#include "sitrep/status.h"

namespace sitrep::cli {

inline Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_FILES_H_
