// Stored events and control intervals as named rows, one shape for the CLI's table/jsonl/csv and
// for the HTTP API, so field names stay stable everywhere. Internal.
#ifndef SITREP_SRC_REPORT_ROWS_H_
#define SITREP_SRC_REPORT_ROWS_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sitrep/control.h"
#include "sitrep/store.h"

namespace sitrep::rows {

using Cell = std::variant<std::monostate, std::string, double, int64_t, bool>;

const std::vector<std::string>& EventColumns();
std::vector<Cell> EventCells(const StoredEvent& event);

const std::vector<std::string>& IntervalColumns();
std::vector<Cell> IntervalCells(const ControlInterval& interval);

// A first-level division with its capital's status on a day.
const std::vector<std::string>& DivisionColumns();
std::vector<Cell> DivisionCells(const DivisionStatus& division);

// {"column": value, ...} in column order; doubles rounded to three decimals.
std::string ToJsonObject(const std::vector<std::string>& columns, const std::vector<Cell>& cells);
// The cell as plain text (tables, CSV).
std::string ToText(const Cell& cell);

}  // namespace sitrep::rows

#endif  // SITREP_SRC_REPORT_ROWS_H_
