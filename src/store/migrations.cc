// Schema versions and the steps between them. PRAGMA user_version holds the version; each step
// runs in its own transaction, so an interrupted migration leaves the previous version intact.
#include "src/store/migrations.h"

#include "src/store/sqlite.h"

namespace sitrep::store {

namespace {

// Version 1: documents, events merged across reports, and every report's evidence.
constexpr const char* kV1 = R"sql(
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  origin TEXT, title TEXT, url TEXT, source TEXT, lang TEXT,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  actor1 TEXT, actor2 TEXT, actor1_is_state INTEGER NOT NULL DEFAULT 0,
  place_key TEXT, place_name TEXT, place_matched TEXT, geonames_id INTEGER,
  admin1 TEXT, country TEXT, feature TEXT, lat REAL, lon REAL,
  date TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL,
  historical INTEGER NOT NULL,
  confidence REAL NOT NULL,
  first_reported TEXT NOT NULL, last_reported TEXT NOT NULL
);
CREATE INDEX events_place ON events(place_key, type);
CREATE INDEX events_date ON events(date, date_end);
CREATE TABLE reports (
  event_id INTEGER NOT NULL REFERENCES events(id),
  doc_id TEXT NOT NULL REFERENCES documents(id),
  sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  date TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL,
  confidence REAL NOT NULL, actor1 TEXT, actor2 TEXT
);
CREATE INDEX reports_event ON reports(event_id);
)sql";

// Version 2: a control baseline (who held what as of when).
constexpr const char* kV2 = R"sql(
CREATE TABLE baseline (
  place_key TEXT PRIMARY KEY,
  place_name TEXT NOT NULL, geonames_id INTEGER, admin1 TEXT, country TEXT, feature TEXT,
  lat REAL, lon REAL,
  controller TEXT NOT NULL,
  as_of TEXT NOT NULL
);
CREATE INDEX events_type_date ON events(type, date_end);
)sql";

// Version 3: what part of a place an event concerns, claims and denials, unresolved names.
constexpr const char* kV3 = R"sql(
ALTER TABLE events ADD COLUMN part TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN claim INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN denied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN place_resolved INTEGER NOT NULL DEFAULT 1;
)sql";

constexpr const char* kSteps[] = {kV1, kV2, kV3};

}  // namespace

Result<int> SchemaVersion(sqlite3* db) {
  sql::Statement q(db, "PRAGMA user_version");
  Status st;
  if (!q.Step(&st)) return st.ok() ? Status::IOError("sqlite: no user_version") : st;
  return static_cast<int>(q.Int(0));
}

Status Migrate(sqlite3* db, int target) {
  auto current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  if (*current > target) {
    return Status::InvalidArgument("database schema version " + std::to_string(*current) +
                                   " is newer than this sitrep understands (" +
                                   std::to_string(target) + "); use a newer sitrep");
  }
  for (int v = *current; v < target; ++v) {
    if (Status s = sql::Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
    Status s = sql::Exec(db, kSteps[v]);
    if (s.ok()) s = sql::Exec(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    if (!s.ok()) {
      sql::Exec(db, "ROLLBACK");
      return s;
    }
    if (Status c = sql::Exec(db, "COMMIT"); !c.ok()) return c;
  }
  return Status::OK();
}

}  // namespace sitrep::store
