// The three output formats. JSON is written by hand: the contract's field order is fixed, and the
// writer sits on the hot path of `sitrep code`.
#include <charconv>
#include <cstdio>
#include <ostream>

#include "sitrep/event_writer.h"

namespace sitrep {

namespace {

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  // Copy runs of plain bytes at once; only quotes, backslashes and control bytes need work.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        *out += buf;
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendNumber(double v, int decimals, std::string* out) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  out->append(buf, r.ptr);
}

// "key": "value" with a leading comma unless first. Keys are sitrep's own and need no escaping.
void Key(std::string_view key, std::string* out, bool first) {
  if (!first) out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void Field(std::string_view key, std::string_view value, std::string* out, bool first = false) {
  Key(key, out, first);
  AppendJsonString(value, out);
}

void NullableField(std::string_view key, std::string_view value, std::string* out) {
  if (value.empty()) {
    Key(key, out, false);
    out->append("null");
  } else {
    Field(key, value, out);
  }
}

void AppendPlace(const PlaceRef& p, std::string* out) {
  out->push_back('{');
  Field("name", p.name, out, true);
  Field("matched", p.matched, out);
  *out += ",\"geonames_id\":" + std::to_string(p.geonames_id);
  Field("admin1", p.admin1, out);
  Field("country", p.country, out);
  *out += ",\"lat\":";
  AppendNumber(p.lat, 5, out);
  *out += ",\"lon\":";
  AppendNumber(p.lon, 5, out);
  Field("feature", p.feature, out);
  if (!p.resolved) {
    *out += ",\"resolved\":false";
    NullableField("container", p.container, out);
    Field("precision", p.precision, out);
  }
  out->push_back('}');
}

void AppendEventFields(const Event& e, std::string* out) {
  Field("doc", e.doc, out, true);
  Field("doc_date", e.doc_date.ToString(), out);
  Field("type", EventTypeName(e.type), out);
  bool state_gains = e.actor1_is_state;
  NullableField("acled_event_type", AcledEventType(e.type), out);
  NullableField("acled_sub_event_type", AcledSubEventType(e.type, state_gains), out);
  NullableField("actor1", e.actor1, out);
  NullableField("actor2", e.actor2, out);
  *out += ",\"place\":";
  if (e.place)
    AppendPlace(*e.place, out);
  else
    *out += "null";
  Field("date", e.date.ToString(), out);
  Field("date_end", e.date_end.ToString(), out);
  Field("date_precision", DatePrecisionName(e.date_precision), out);
  *out += e.historical ? ",\"historical\":true" : ",\"historical\":false";
  *out += ",\"confidence\":";
  AppendNumber(e.confidence, 2, out);
  NullableField("source", e.source, out);
  if (!e.part.empty()) Field("part", e.part, out);
  if (e.claim) *out += ",\"claim\":true";
  if (e.denied) *out += ",\"denied\":true";
  *out += ",\"evidence\":{";
  Field("sentence", e.evidence.sentence, out, true);
  *out += ",\"start\":" + std::to_string(e.evidence.start);
  *out += ",\"end\":" + std::to_string(e.evidence.end);
  *out += "}";
}

class JsonlWriter : public EventWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  bool Stateless() const override { return true; }
  void Format(const Event& e, std::string* out) const override {
    out->push_back('{');
    AppendEventFields(e, out);
    *out += "}\n";
  }
  void Write(const Event& e) override {
    line_.clear();
    Format(e, &line_);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

 private:
  std::ostream& out_;
  std::string line_;
};

class GeoJsonWriter : public EventWriter {
 public:
  explicit GeoJsonWriter(std::ostream& out) : out_(out) {}
  void Begin() override { out_ << "{\"type\":\"FeatureCollection\",\"features\":["; }
  void Write(const Event& e) override {
    buf_.clear();
    if (count_++) buf_.push_back(',');
    buf_ += "\n{\"type\":\"Feature\",\"geometry\":";
    if (e.place) {
      buf_ += "{\"type\":\"Point\",\"coordinates\":[";
      AppendNumber(e.place->lon, 5, &buf_);
      buf_.push_back(',');
      AppendNumber(e.place->lat, 5, &buf_);
      buf_ += "]}";
    } else {
      buf_ += "null";  // kept, so no event is lost from the collection
    }
    buf_ += ",\"properties\":{";
    AppendEventFields(e, &buf_);
    buf_ += "}}";
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  }
  void End() override { out_ << "\n]}\n"; }

 private:
  std::ostream& out_;
  std::string buf_;
  size_t count_ = 0;
};

void AppendCsvCell(std::string_view s, std::string* out) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// ACLED's time_precision: 1 = the day is known, 2 = within a week or so, 3 = a month or coarser.
std::string_view AcledTimePrecision(const Event& e) {
  switch (e.date_precision) {
    case DatePrecision::kDay: return "1";
    case DatePrecision::kRange: return e.date_end.ToDays() - e.date.ToDays() <= 7 ? "2" : "3";
    default: return "3";
  }
}

class CsvWriter : public EventWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  void Begin() override {
    out_ << "event_date,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,"
            "time_precision,notes,source,doc,doc_date,sitrep_type,event_date_end,date_precision,"
            "country,geonames_id,matched,feature,evidence_start,evidence_end,confidence,"
            "historical\n";
  }
  bool Stateless() const override { return true; }
  void Write(const Event& e) override {
    row_.clear();
    Format(e, &row_);
    out_.write(row_.data(), static_cast<std::streamsize>(row_.size()));
  }
  void Format(const Event& e, std::string* row) const override {
    size_t begin = row->size();
    auto cell = [&](std::string_view s) {
      if (row->size() > begin) row->push_back(',');
      AppendCsvCell(s, row);
    };
    std::string lat, lon;
    if (e.place) {
      AppendNumber(e.place->lat, 5, &lat);
      AppendNumber(e.place->lon, 5, &lon);
    }
    cell(e.date.ToString());
    cell(AcledEventType(e.type));
    cell(AcledSubEventType(e.type, e.actor1_is_state));
    cell(e.actor1);
    cell(e.actor2);
    cell(e.place ? e.place->admin1 : "");
    cell(e.place ? e.place->name : "");
    cell(lat);
    cell(lon);
    cell(AcledTimePrecision(e));
    cell(e.evidence.sentence);
    cell(e.source);
    cell(e.doc);
    cell(e.doc_date.ToString());
    cell(EventTypeName(e.type));
    cell(e.date_end.ToString());
    cell(DatePrecisionName(e.date_precision));
    cell(e.place ? e.place->country : "");
    cell(e.place ? std::to_string(e.place->geonames_id) : "");
    cell(e.place ? e.place->matched : "");
    cell(e.place ? e.place->feature : "");
    cell(std::to_string(e.evidence.start));
    cell(std::to_string(e.evidence.end));
    std::string conf;
    AppendNumber(e.confidence, 2, &conf);
    cell(conf);
    cell(e.historical ? "true" : "false");
    row->push_back('\n');
  }

 private:
  std::ostream& out_;
  std::string row_;
};

}  // namespace

void EventWriter::Format(const Event& event, std::string* out) const {
  // Stateful formats are written from one thread only; this default keeps the interface total.
  out->push_back('{');
  AppendEventFields(event, out);
  out->push_back('}');
}

std::string EventToJson(const Event& event) {
  std::string s = "{";
  AppendEventFields(event, &s);
  s.push_back('}');
  return s;
}

Result<std::unique_ptr<EventWriter>> MakeEventWriter(std::string_view format, std::ostream& out) {
  if (format == "jsonl") return std::unique_ptr<EventWriter>(new JsonlWriter(out));
  if (format == "csv") return std::unique_ptr<EventWriter>(new CsvWriter(out));
  if (format == "geojson") return std::unique_ptr<EventWriter>(new GeoJsonWriter(out));
  return Status::InvalidArgument("unknown format '" + std::string(format) +
                                 "' (want jsonl, csv or geojson)");
}

}  // namespace sitrep
