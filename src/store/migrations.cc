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

// Version 4: counts kept by triggers as events change, so statistics read a few rows instead of
// every event; indexes for the first and last dates of current (not historical) events.
constexpr const char* kV4 = R"sql(
CREATE TABLE event_counts (
  type TEXT NOT NULL, historical INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (type, historical)
) WITHOUT ROWID;
CREATE TABLE capture_days (
  day TEXT NOT NULL, place_key TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (day, place_key)
) WITHOUT ROWID;
CREATE INDEX events_current_date ON events(historical, date);
CREATE INDEX events_current_end ON events(historical, date_end);
INSERT INTO event_counts (type, historical, n)
  SELECT type, historical, COUNT(*) FROM events GROUP BY type, historical;
INSERT INTO capture_days (day, place_key, n)
  SELECT date_end, place_key, COUNT(*) FROM events
  WHERE type = 'capture' AND historical = 0 AND place_key IS NOT NULL GROUP BY date_end, place_key;
CREATE TRIGGER events_counted_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_counts (type, historical, n) VALUES (NEW.type, NEW.historical, 1)
    ON CONFLICT (type, historical) DO UPDATE SET n = n + 1;
  INSERT INTO capture_days (day, place_key, n)
    SELECT NEW.date_end, NEW.place_key, 1
    WHERE NEW.type = 'capture' AND NEW.historical = 0 AND NEW.place_key IS NOT NULL
    ON CONFLICT (day, place_key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_counted_update AFTER UPDATE OF date_end ON events
  WHEN OLD.date_end IS NOT NEW.date_end AND NEW.type = 'capture' AND NEW.historical = 0
       AND NEW.place_key IS NOT NULL BEGIN
  UPDATE capture_days SET n = n - 1 WHERE day = OLD.date_end AND place_key = OLD.place_key;
  DELETE FROM capture_days WHERE day = OLD.date_end AND place_key = OLD.place_key AND n <= 0;
  INSERT INTO capture_days (day, place_key, n) VALUES (NEW.date_end, NEW.place_key, 1)
    ON CONFLICT (day, place_key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_counted_delete AFTER DELETE ON events BEGIN
  UPDATE event_counts SET n = n - 1 WHERE type = OLD.type AND historical = OLD.historical;
  UPDATE capture_days SET n = n - 1 WHERE day = OLD.date_end AND place_key = OLD.place_key
    AND OLD.type = 'capture' AND OLD.historical = 0;
  DELETE FROM capture_days WHERE day = OLD.date_end AND place_key = OLD.place_key AND n <= 0;
END;
)sql";

// Version 5: an analyst's corrections, applied at query time (place and day: a holder, or NULL for
// "not an event").
constexpr const char* kV5 = R"sql(
CREATE TABLE corrections (
  place_key TEXT NOT NULL,
  place_name TEXT NOT NULL, geonames_id INTEGER, admin1 TEXT, country TEXT, feature TEXT,
  lat REAL, lon REAL,
  day TEXT NOT NULL,
  holder TEXT,
  note TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (place_key, day)
);
)sql";

constexpr const char* kSteps[] = {kV1, kV2, kV3, kV4, kV5};

}  // namespace

Result<int> SchemaVersion(sqlite3* db) {
  sql::Statement q(db, "PRAGMA user_version");
  Status st;
  if (!q.Step(&st)) return st.ok() ? Status::IOError("sqlite: no user_version") : st;
  return static_cast<int>(q.Int(0));
}

Status Migrate(sqlite3* db, int target) {
  if (auto v = SchemaVersion(db); v.ok() && *v == target) return Status::OK();  // no lock needed
  // The version is read again inside each step's write transaction: two processes opening a new
  // database at once both see version 0, and the second must not replay what the first did while
  // it waited for the lock.
  while (true) {
    if (Status s = sql::Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
    auto current = SchemaVersion(db);
    Status s = current.status();
    if (s.ok() && *current > target) {
      s = Status::InvalidArgument("database schema version " + std::to_string(*current) +
                                  " is newer than this sitrep understands (" +
                                  std::to_string(target) + "); use a newer sitrep");
    }
    if (s.ok() && *current == target) return sql::Exec(db, "COMMIT");
    if (s.ok()) s = sql::Exec(db, kSteps[*current]);
    if (s.ok())
      s = sql::Exec(db, ("PRAGMA user_version = " + std::to_string(*current + 1)).c_str());
    if (!s.ok()) {
      sql::Exec(db, "ROLLBACK");
      return s;
    }
    if (Status c = sql::Exec(db, "COMMIT"); !c.ok()) return c;
  }
}

}  // namespace sitrep::store
