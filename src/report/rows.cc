#include "src/report/rows.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sitrep::rows {

namespace {
Cell Str(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
}  // namespace

const std::vector<std::string>& EventColumns() {
  static const std::vector<std::string> kColumns = {
      "id",     "type",       "date",           "date_end",     "date_precision", "actor1",
      "actor2", "place",      "admin1",         "country",      "feature",        "lat",
      "lon",    "historical", "confidence",     "reports",      "first_reported", "last_reported",
      "doc",    "evidence",   "evidence_start", "evidence_end", "part",           "claim",
      "denied", "correction", "place_key"};
  return kColumns;
}

std::vector<Cell> EventCells(const StoredEvent& se) {
  const Event& e = se.event;
  const PlaceRef* p = e.place ? &*e.place : nullptr;
  return {se.id,
          std::string(EventTypeName(e.type)),
          e.date.ToString(),
          e.date_end.ToString(),
          std::string(DatePrecisionName(e.date_precision)),
          Str(e.actor1),
          Str(e.actor2),
          p ? Cell{p->name} : Cell{},
          p ? Str(p->admin1) : Cell{},
          p ? Str(p->country) : Cell{},
          p ? Str(p->feature) : Cell{},
          p ? Cell{p->lat} : Cell{},
          p ? Cell{p->lon} : Cell{},
          e.historical,
          e.confidence,
          static_cast<int64_t>(se.reports.size()),
          se.first_reported.ToString(),
          se.last_reported.ToString(),
          Str(e.doc),
          Str(e.evidence.sentence),
          static_cast<int64_t>(e.evidence.start),
          static_cast<int64_t>(e.evidence.end),
          Str(e.part),
          e.claim,
          e.denied,
          Str(se.correction),
          p ? Cell{PlaceKey(*p)} : Cell{}};
}

const std::vector<std::string>& IntervalColumns() {
  static const std::vector<std::string> kColumns = {
      "place",       "place_key",    "admin1",         "country",         "feature",
      "lat",         "lon",          "status",         "controller",      "since",
      "until",       "contested",    "contested_by",   "claimed_by",      "denied",
      "last_holder", "last_report",  "confidence",     "weight_for",      "weight_against",
      "baseline",    "correction",   "reports_for",    "reports_against", "evidence_count",
      "evidence",    "evidence_doc", "evidence_start", "evidence_end"};
  return kColumns;
}

std::vector<Cell> IntervalCells(const ControlInterval& iv) {
  bool any = !iv.evidence.empty();
  bool contested = iv.status == ControlStatus::kContested;
  bool claimed = iv.status == ControlStatus::kClaimed;
  return {iv.place.name,
          PlaceKey(iv.place),
          Str(iv.place.admin1),
          Str(iv.place.country),
          Str(iv.place.feature),
          iv.place.lat,
          iv.place.lon,
          std::string(ControlStatusName(iv.status)),
          Str(iv.controller),
          iv.from.ToString(),
          iv.to ? Cell{iv.to->ToString()} : Cell{},
          contested,
          contested ? Str(iv.challenger) : Cell{},
          claimed ? Str(iv.challenger) : Cell{},
          claimed && iv.denied,
          Str(iv.last_holder),
          iv.last_report.ToString(),
          iv.confidence,
          iv.weight_for,
          iv.weight_against,
          iv.from_baseline,
          Str(iv.correction),
          static_cast<int64_t>(iv.events.size()),
          static_cast<int64_t>(iv.against.size()),
          static_cast<int64_t>(iv.evidence.size()),
          any ? Cell{iv.evidence.back().sentence} : Cell{},
          any ? Cell{iv.evidence_docs.back()} : Cell{},
          any ? Cell{static_cast<int64_t>(iv.evidence.back().start)} : Cell{},
          any ? Cell{static_cast<int64_t>(iv.evidence.back().end)} : Cell{}};
}

const std::vector<std::string>& DivisionColumns() {
  static const std::vector<std::string> kColumns = {
      "country",     "admin1", "name",       "capital",       "capital_key", "lat",
      "lon",         "status", "controller", "contested_by",  "claimed_by",  "denied",
      "last_holder", "since",  "correction", "evidence_count"};
  return kColumns;
}

std::vector<Cell> DivisionCells(const DivisionStatus& d) {
  std::vector<Cell> iv = IntervalCells(d.status);
  auto column = [&](const char* name) {
    const auto& names = IntervalColumns();
    return iv[std::find(names.begin(), names.end(), name) - names.begin()];
  };
  bool capital = d.capital.geonames_id != 0;
  return {d.country,
          d.admin1_code,
          d.name,
          capital ? Cell{d.capital.name} : Cell{},
          capital ? Cell{PlaceKey(d.capital)} : Cell{},
          capital ? Cell{d.capital.lat} : Cell{},
          capital ? Cell{d.capital.lon} : Cell{},
          column("status"),
          column("controller"),
          column("contested_by"),
          column("claimed_by"),
          column("denied"),
          column("last_holder"),
          d.status.from == Date{} ? Cell{} : column("since"),
          column("correction"),
          column("evidence_count")};
}

std::string ToJsonObject(const std::vector<std::string>& columns, const std::vector<Cell>& cells) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
    const Cell& c = cells[i];
    if (auto s = std::get_if<std::string>(&c))
      j[columns[i]] = *s;
    else if (auto d = std::get_if<double>(&c))
      j[columns[i]] = std::round(*d * 1000) / 1000;
    else if (auto n = std::get_if<int64_t>(&c))
      j[columns[i]] = *n;
    else if (auto b = std::get_if<bool>(&c))
      j[columns[i]] = *b;
    else
      j[columns[i]] = nullptr;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ToText(const Cell& c) {
  if (auto s = std::get_if<std::string>(&c)) return *s;
  if (auto d = std::get_if<double>(&c)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *d);
    return buf;
  }
  if (auto i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (auto b = std::get_if<bool>(&c)) return *b ? "true" : "false";
  return "";
}

}  // namespace sitrep::rows
