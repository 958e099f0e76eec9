// Rows out of the query commands as a table for people, or JSON Lines / CSV for programs, with
// the same column names in every format.
//
// Tables fit the terminal: the width is --width, else (only when stdout is a terminal) $COLUMNS,
// else the terminal's own (TIOCGWINSZ); output that is not a terminal is never cut unless --width
// says so. When the columns do not fit, the widest are narrowed to a common cap (a column of at
// most 10 characters, such as dates, codes and numbers, stays whole; none goes below its header or
// 6 characters: a table too wide even so runs over) and a cell longer than
// its column is cut with "…", or wrapped onto more lines with --wrap. --columns picks and orders
// the columns in every format; a table with no --columns shows the command's reading set.
#ifndef SITREP_TOOLS_SITREP_OUTPUT_H_
#define SITREP_TOOLS_SITREP_OUTPUT_H_

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sitrep/status.h"
#include "src/report/rows.h"

namespace sitrep::cli {

using rows::Cell;

struct TableOptions {
  std::string columns;  // --columns a,b,c: these, in this order (every format)
  int width = -1;       // --width: -1 the terminal's (none when not a terminal), 0 no limit
  bool wrap = false;    // --wrap: wrap long cells instead of cutting them
};

inline void AddTableOptions(CLI::App* cmd, TableOptions* t) {
  cmd->add_option("--columns", t->columns, "Columns to show, in order: a,b,c (any format)");
  cmd->add_option("--width", t->width,
                  "Table width in characters (default: the terminal's; 0 = no limit)")
      ->check(CLI::Range(0, 100000));
  cmd->add_flag("--wrap", t->wrap, "Wrap long table cells onto more lines instead of cutting them");
}

namespace table {

inline size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The byte length of the first `n` characters of `s`.
inline size_t BytesOf(const std::string& s, size_t n) {
  size_t at = 0;
  for (size_t seen = 0; at < s.size(); ++at) {
    if ((static_cast<unsigned char>(s[at]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return at;
}

// `s` cut to `width` characters, its last one "…" when anything was cut.
inline std::string Cut(const std::string& s, size_t width) {
  if (Chars(s) <= width) return s;
  if (width == 0) return "";
  return s.substr(0, BytesOf(s, width - 1)) + "…";
}

// `s` in lines of at most `width` characters, broken at spaces where a line has one.
inline std::vector<std::string> Wrap(std::string s, size_t width) {
  std::vector<std::string> lines;
  if (width == 0) return {s};
  while (Chars(s) > width) {
    size_t limit = BytesOf(s, width);
    size_t space = s.rfind(' ', limit);
    size_t take = space != std::string::npos && space > 0 ? space : limit;
    lines.push_back(s.substr(0, take));
    s.erase(0, take);
    while (!s.empty() && s[0] == ' ') s.erase(0, 1);
  }
  lines.push_back(s);
  return lines;
}

// Column widths that fit `total` characters with two spaces between columns: the widest columns
// share a common cap, as high as fits; none goes below its floor.
inline std::vector<size_t> Fit(const std::vector<size_t>& natural, const std::vector<size_t>& floor,
                               size_t total) {
  size_t n = natural.size();
  if (total == 0 || n == 0) return natural;
  size_t gaps = 2 * (n - 1);
  auto width_at = [&](size_t cap) {
    size_t sum = 0;
    for (size_t i = 0; i < n; ++i) sum += std::max(floor[i], std::min(natural[i], cap));
    return sum;
  };
  size_t widest = *std::max_element(natural.begin(), natural.end());
  if (width_at(widest) + gaps <= total) return natural;
  if (width_at(0) + gaps >= total) return floor;
  size_t lo = 0, hi = widest;  // width_at(lo) fits, width_at(hi) does not
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    (width_at(mid) + gaps <= total ? lo : hi) = mid;
  }
  std::vector<size_t> out(n);
  size_t used = gaps;
  for (size_t i = 0; i < n; ++i) used += out[i] = std::max(floor[i], std::min(natural[i], lo));
  for (size_t i = 0; i < n && used < total; ++i) {  // what is left, to the capped columns
    if (natural[i] > out[i]) ++out[i], ++used;
  }
  return out;
}

// The width a table may take: see the file comment. 0 = no limit.
inline size_t TargetWidth(const TableOptions& o) {
  if (o.width >= 0) return static_cast<size_t>(o.width);
  if (!isatty(STDOUT_FILENO)) return 0;
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && v > 0) return static_cast<size_t>(v);
  }
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace table

class RowOutput {
 public:
  // `format` empty picks table on a terminal and jsonl otherwise. `table_columns` is what a table
  // shows when --columns is not given (names `columns` lacks are skipped); empty = all.
  RowOutput(std::string format, const std::vector<std::string>& columns,
            const TableOptions& options = {}, const std::vector<std::string>& table_columns = {})
      : format_(format.empty() ? (isatty(STDOUT_FILENO) ? "table" : "jsonl") : std::move(format)),
        options_(options) {
    auto index_of = [&](const std::string& name) {
      return static_cast<size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin());
    };
    if (!options.columns.empty()) {
      size_t start = 0;
      while (start <= options.columns.size()) {
        size_t comma = std::min(options.columns.find(',', start), options.columns.size());
        std::string name = options.columns.substr(start, comma - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        start = comma + 1;
        if (name.empty()) continue;
        size_t i = index_of(name);
        if (i == columns.size()) {
          std::string all;
          for (const auto& c : columns) all += (all.empty() ? "" : ", ") + c;
          status_ =
              Status::InvalidArgument("--columns: unknown column '" + name + "'; columns: " + all);
          return;
        }
        pick_.push_back(i);
      }
    } else if (format_ == "table" && !table_columns.empty()) {
      for (const auto& name : table_columns) {
        if (size_t i = index_of(name); i < columns.size()) pick_.push_back(i);
      }
    }
    if (pick_.empty()) {
      for (size_t i = 0; i < columns.size(); ++i) pick_.push_back(i);
    }
    for (size_t i : pick_) columns_.push_back(columns[i]);
    if (format_ == "csv") {
      std::string line;
      for (size_t i = 0; i < columns_.size(); ++i) line += (i ? "," : "") + columns_[i];
      std::printf("%s\n", line.c_str());
    }
  }

  // Not OK when --columns named a column there is not (InvalidArgument listing them).
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  void Row(const std::vector<Cell>& all) {
    std::vector<Cell> cells;
    for (size_t i : pick_) cells.push_back(i < all.size() ? all[i] : Cell{});
    if (format_ == "jsonl") {
      std::printf("%s\n", rows::ToJsonObject(columns_, cells).c_str());
    } else if (format_ == "csv") {
      std::string line;
      for (size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + Csv(rows::ToText(cells[i]));
      std::printf("%s\n", line.c_str());
    } else {
      std::vector<std::string> row;
      for (const Cell& c : cells) {
        std::string text = rows::ToText(c);
        std::replace_if(
            text.begin(), text.end(),
            [](char ch) { return ch == '\n' || ch == '\r' || ch == '\t'; }, ' ');
        row.push_back(std::move(text));
      }
      rows_.push_back(std::move(row));
    }
  }

  void End() {
    if (format_ != "table") return;
    // A default table leaves out the columns no row fills ("claimed_by" on a day with no claims);
    // columns asked for by name always show.
    if (options_.columns.empty() && !rows_.empty()) {
      std::vector<size_t> keep;
      for (size_t i = 0; i < columns_.size(); ++i) {
        if (std::any_of(rows_.begin(), rows_.end(), [&](const auto& r) { return !r[i].empty(); }))
          keep.push_back(i);
      }
      auto project = [&](const std::vector<std::string>& r) {
        std::vector<std::string> out;
        for (size_t i : keep) out.push_back(r[i]);
        return out;
      };
      columns_ = project(columns_);
      for (auto& r : rows_) r = project(r);
    }
    size_t n = columns_.size();
    std::vector<size_t> natural(n), floor(n);
    for (size_t i = 0; i < n; ++i) natural[i] = table::Chars(columns_[i]);
    for (auto& r : rows_) {
      for (size_t i = 0; i < n; ++i) natural[i] = std::max(natural[i], table::Chars(r[i]));
    }
    for (size_t i = 0; i < n; ++i)
      floor[i] = natural[i] <= 10 ? natural[i] : std::max<size_t>(6, table::Chars(columns_[i]));
    std::vector<size_t> width = table::Fit(natural, floor, table::TargetWidth(options_));
    auto print = [&](const std::vector<std::string>& r) {
      std::vector<std::vector<std::string>> cells(n);
      size_t lines = 1;
      for (size_t i = 0; i < n; ++i) {
        cells[i] = options_.wrap ? table::Wrap(r[i], width[i])
                                 : std::vector<std::string>{table::Cut(r[i], width[i])};
        lines = std::max(lines, cells[i].size());
      }
      for (size_t l = 0; l < lines; ++l) {
        std::string line;
        for (size_t i = 0; i < n; ++i) {
          std::string cell = l < cells[i].size() ? cells[i][l] : "";
          line += cell;
          if (i + 1 < n)
            line += std::string(width[i] - std::min(width[i], table::Chars(cell)) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
      }
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
  TableOptions options_;
  Status status_;
  std::vector<size_t> pick_;  // indices of the shown columns in the command's columns
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_OUTPUT_H_
