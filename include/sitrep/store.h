// The embedded store: documents, the events coded from them (merged across reports), their
// evidence, and a control baseline, in one SQLite file.
#ifndef SITREP_STORE_H_
#define SITREP_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sitrep/date.h"
#include "sitrep/document.h"
#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

// One report of an event: where a document says it.
struct Report {
  std::string doc;
  Date doc_date;
  Evidence evidence;
  Date date, date_end;
  DatePrecision date_precision = DatePrecision::kRange;
  double confidence = 0;
  std::string actor1, actor2;
  std::string source, url;  // the document's outlet and link, when it names them
};

// An event as stored: the merge of every report of it.
struct StoredEvent {
  int64_t id = 0;
  Event event;  // best date, actors and place; evidence of the first report
  Date first_reported, last_reported;
  std::vector<Report> reports;
  // An analyst's "not an event" note for it (see Correction), set when it is read from the store.
  std::string correction;
};

// Text filters (place, admin1, country, actor, feature) ignore case.
struct EventFilter {
  std::optional<EventType> type;
  std::vector<EventType> types;  // any of these (with `type`, both must hold)
  std::string place;             // name as reported or as in GeoNames, any spelling
  // With `place`: events at any of these GeoNames places also match (the gazetteer's readings of
  // the name the user typed: "Kondoz" is Kunduz).
  std::vector<uint32_t> place_ids;
  std::string admin1, country, actor;
  std::optional<Date> since, until;  // the event's dates overlap [since, until]
  double min_confidence = 0;
  std::string feature;  // PPLA, PPLC, ...
  bool include_historical = true;
  std::string doc;               // only events reported by this document
  size_t limit = 0, offset = 0;  // 0 = no limit
};

struct BaselineEntry {
  PlaceRef place;
  std::string controller;
  Date as_of;
};

// An analyst's correction, applied at query time: on `date`, `place` was held by `holder`, or
// (holder empty) what the store has there on that day is not an event.
struct Correction {
  PlaceRef place;
  Date date;
  std::string holder;  // empty: "not an event"
  std::string note;
  std::string origin;  // "file:line" it came from
};

// The note of the "not an event" correction for the event's place on a day of its range, or
// empty.
std::string CorrectionOf(const StoredEvent& event, const std::vector<Correction>& corrections);

// What GET /api/stats shows, over current (not historical) events.
struct StoreStats {
  std::optional<Date> first, last;  // earliest start, latest end
  size_t events = 0;
  std::vector<std::pair<std::string, size_t>> events_by_type;  // by type name
  std::vector<std::pair<Date, size_t>> captures_per_day;       // places captured, by end date
};

struct IngestStats {
  size_t documents = 0, duplicates = 0, events_new = 0, events_merged = 0, reports = 0;
  // Documents stored under DisambiguatedId because their path-made id was taken: (origin, id).
  std::vector<std::pair<std::string, std::string>> renamed;
};

// The key under which a place's events and baseline meet: its GeoNames id, or country and name.
std::string PlaceKey(const PlaceRef& place);

class Store {
 public:
  static constexpr int kSchemaVersion = 5;

  // Opens (creating and migrating as needed) the database at `path`. A database written by a newer
  // sitrep is refused with InvalidArgument, never modified. Two processes may create the same new
  // database at once. Read-only opens never create or modify anything and also work where the
  // database cannot be written (a read-only folder, file or medium). Errors from a damaged file
  // are Corruption.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only = false);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Adds documents and their events in one transaction: all of them or none. A document whose
  // content was ingested before is skipped (counted as duplicate). A document whose id another
  // document holds is refused (InvalidInput), unless its id was made from its path
  // (Document::id_from_path): then it is stored, or found, under DisambiguatedId.
  Status IngestBatch(const std::vector<std::pair<Document, std::vector<Event>>>& batch,
                     IngestStats* stats);
  Status SetBaseline(const std::vector<BaselineEntry>& entries);
  // Adds an analyst's corrections, replacing any earlier one for the same place and day.
  Status AddCorrections(const std::vector<Correction>& corrections);

  Result<std::vector<StoredEvent>> Events(const EventFilter& filter) const;
  Result<std::vector<BaselineEntry>> Baseline() const;
  Result<std::vector<Correction>> Corrections() const;
  // A stored document and its text, for evidence display.
  Result<Document> GetDocument(const std::string& id) const;
  Result<std::vector<std::string>> DocumentIds() const;
  // Changes whenever events or reports are added or merged: a cheap key for caches.
  Result<int64_t> ContentVersion() const;
  // From counts kept as events change (and two index lookups), not from a scan of events.
  Result<StoreStats> Stats() const;
  // SQLite's quick_check over the whole file (reads every page: seconds for a large store):
  // Corruption when it finds damage.
  Status Check() const;
  // Makes a Check or query running on another thread stop soon (with an error).
  void Interrupt() const;
  // SQLite's page cache for this connection (64 MiB for a writer, 2 MiB for a reader by default).
  // A long-running writer keeps its cache full: the server sets a smaller one.
  void SetCacheBytes(size_t bytes);
  int schema_version() const;

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace sitrep

#endif  // SITREP_STORE_H_
