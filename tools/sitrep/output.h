// Rows out of the query commands as a table for people, or JSON Lines / CSV for programs, with
// the same column names in every format.
#ifndef SITREP_TOOLS_SITREP_OUTPUT_H_
#define SITREP_TOOLS_SITREP_OUTPUT_H_

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "src/report/rows.h"

namespace sitrep::cli {

using rows::Cell;

class RowOutput {
 public:
  // `format` empty picks table on a terminal and jsonl otherwise.
  RowOutput(std::string format, std::vector<std::string> columns)
      : format_(format.empty() ? (isatty(STDOUT_FILENO) ? "table" : "jsonl") : std::move(format)),
        columns_(std::move(columns)) {
    if (format_ == "csv") {
      std::string line;
      for (size_t i = 0; i < columns_.size(); ++i) line += (i ? "," : "") + columns_[i];
      std::printf("%s\n", line.c_str());
    }
  }

  void Row(const std::vector<Cell>& cells) {
    if (format_ == "jsonl") {
      std::printf("%s\n", rows::ToJsonObject(columns_, cells).c_str());
    } else if (format_ == "csv") {
      std::string line;
      for (size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + Csv(rows::ToText(cells[i]));
      std::printf("%s\n", line.c_str());
    } else {
      std::vector<std::string> row;
      for (const Cell& c : cells) row.push_back(rows::ToText(c));
      rows_.push_back(std::move(row));
    }
  }

  void End() {
    if (format_ != "table") return;
    std::vector<size_t> width(columns_.size());
    auto chars = [](const std::string& s) {
      size_t n = 0;
      for (unsigned char c : s) n += (c & 0xC0) != 0x80;
      return n;
    };
    constexpr size_t kMaxWidth = 60;
    for (size_t i = 0; i < columns_.size(); ++i) width[i] = chars(columns_[i]);
    for (auto& r : rows_) {
      for (size_t i = 0; i < r.size() && i < width.size(); ++i)
        width[i] = std::min(kMaxWidth, std::max(width[i], chars(r[i])));
    }
    auto print = [&](const std::vector<std::string>& r) {
      std::string line;
      for (size_t i = 0; i < r.size() && i < width.size(); ++i) {
        std::string cell = r[i];
        if (chars(cell) > kMaxWidth) {  // cut on a character boundary
          size_t n = 0, at = 0;
          for (; at < cell.size() && n < kMaxWidth - 1; ++at)
            n += (static_cast<unsigned char>(cell[at]) & 0xC0) != 0x80;
          while (at < cell.size() && (static_cast<unsigned char>(cell[at]) & 0xC0) == 0x80) ++at;
          cell = cell.substr(0, at) + "…";
        }
        line += cell + std::string(width[i] - std::min(width[i], chars(cell)) + 2, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      std::printf("%s\n", line.c_str());
    };
    print(columns_);
    for (auto& r : rows_) print(r);
  }

 private:
  static std::string Csv(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
      if (ch == '"') out.push_back('"');
      out.push_back(ch);
    }
    return out + "\"";
  }

  std::string format_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_OUTPUT_H_
