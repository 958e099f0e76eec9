// Writers for coded events: JSON Lines (the contract), CSV (ACLED column names plus sitrep's own)
// and GeoJSON (a FeatureCollection of located events).
#ifndef SITREP_EVENT_WRITER_H_
#define SITREP_EVENT_WRITER_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

class EventWriter {
 public:
  virtual ~EventWriter() = default;
  virtual void Begin() {}
  virtual void Write(const Event& event) = 0;
  virtual void End() {}
  // Formats that print each event on its own, with no state between events (jsonl, csv), can be
  // formatted on worker threads: Format appends exactly what Write would print.
  virtual bool Stateless() const { return false; }
  virtual void Format(const Event& event, std::string* out) const;
};

// "jsonl", "csv" or "geojson"; InvalidArgument for anything else.
Result<std::unique_ptr<EventWriter>> MakeEventWriter(std::string_view format, std::ostream& out);

// One event as a single-line JSON object (no newline), exactly as the jsonl writer prints it.
std::string EventToJson(const Event& event);

}  // namespace sitrep

#endif  // SITREP_EVENT_WRITER_H_
