// Where sitrep's dictionaries come from: the data/ files compiled into the binary, or a folder
// given at run time (`--data DIR`) so a linguist can edit a list and rerun without a rebuild.
#ifndef SITREP_SRC_UTIL_DATA_FILES_H_
#define SITREP_SRC_UTIL_DATA_FILES_H_

#include <string>

#include "sitrep/status.h"

namespace sitrep {

struct DataFile {
  std::string text;
  std::string origin;  // how errors name it: "DIR/en/titles.txt" or "data/en/titles.txt"
};

// Data file `name` ("actors.tsv", "en/titles.txt"): DIR/name when `dir` is set and the file is
// there, else the compiled-in copy. NotFound when neither has it; IOError when DIR's copy cannot
// be read.
Result<DataFile> ReadDataFile(const std::string& name, const std::string& dir);

}  // namespace sitrep

#endif  // SITREP_SRC_UTIL_DATA_FILES_H_
