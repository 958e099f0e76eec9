#include "src/util/data_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/util/embedded_data.h"

namespace sitrep {

Result<DataFile> ReadDataFile(const std::string& name, const std::string& dir) {
  if (!dir.empty()) {
    std::filesystem::path path = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in.good() && !in.eof()) return Status::IOError(path.string() + ": cannot read");
      return DataFile{text.str(), path.string()};
    }
  }
  std::string_view embedded = EmbeddedData(name);
  if (embedded.empty()) return Status::NotFound("no data file " + name);
  return DataFile{std::string(embedded), "data/" + name};
}

}  // namespace sitrep
