// The SQLite store. One connection per Store; WAL so readers never wait for the writer; every
// ingest batch is one transaction, so a crash leaves whole documents or none.
//
// Merging: a new event joins a stored one of the same type, place and historical flag whose date
// range overlaps its own (one day of slack) and whose actors agree (equal, or one unknown). The
// merged range is the intersection when the reports overlap, so a later, more precise report
// narrows the date; every report keeps its own evidence. The merge lookup names its index: without
// statistics the planner preferred the date index and scanned (ingest fell to 900 events/s at 20k).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "sitrep/store.h"
#include "sitrep/text.h"
#include "src/store/migrations.h"
#include "src/store/sqlite.h"

namespace sitrep {

namespace {

std::string ContentHash(const Document& d) {
  // Two independent 64-bit FNV-1a variants: collisions are not a practical concern for a corpus.
  uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;
  auto feed = [&](std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 1099511628211ull;
      b = (b ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
    a = (a ^ 0xff) * 1099511628211ull;
  };
  feed(d.id);
  feed(d.date.ToString());
  feed(d.text);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

DatePrecision PrecisionFromName(std::string_view s) {
  if (s == "day") return DatePrecision::kDay;
  if (s == "month") return DatePrecision::kMonth;
  if (s == "year") return DatePrecision::kYear;
  return DatePrecision::kRange;
}

Date ParseOr(std::string_view s) { return Date::Parse(s).value_or(Date{}); }

}  // namespace

std::string PlaceKey(const PlaceRef& p) {
  if (p.geonames_id) return "gn:" + std::to_string(p.geonames_id);
  return "x:" + p.country + ":" + MatchKey(p.name);
}

struct Store::Rep {
  sqlite3* db = nullptr;
  int version = 0;
  ~Rep() {
    if (db) sqlite3_close_v2(db);
  }
};

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;
int Store::schema_version() const { return rep_->version; }

namespace {

// "file:" URI of a path, for SQLite's URI parameters; every byte that could be read as URI
// syntax is escaped.
std::string FileUri(const std::string& path, const char* params) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      uri += hex;
    }
  }
  return uri + "?" + params;
}

bool NonEmptyFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool read_only) {
  auto rep = std::make_unique<Rep>();
  if (read_only && ::access(path.c_str(), F_OK) != 0)
    return Status::IOError(path + ": cannot open database: no such file");
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &rep->db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = rep->db ? sqlite3_errmsg(rep->db) : "out of memory";
    return Status::IOError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(rep->db, 10000);
  auto version = store::SchemaVersion(rep->db);
  if (!version.ok() && read_only) {
    // A WAL database needs its -shm file even to be read; where that cannot be created (a
    // read-only folder or medium) SQLite refuses. Nobody can be writing such a database, so it
    // is opened as immutable instead, unless a write-ahead log holds data the main file lacks.
    int rc = sqlite3_extended_errcode(rep->db) & 0xff;
    if ((rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) && !NonEmptyFile(path + "-wal")) {
      sqlite3_close_v2(rep->db);
      rep->db = nullptr;
      if (sqlite3_open_v2(FileUri(path, "immutable=1").c_str(), &rep->db,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX,
                          nullptr) != SQLITE_OK) {
        std::string msg = rep->db ? sqlite3_errmsg(rep->db) : "out of memory";
        return Status::IOError(path + ": cannot open database: " + msg);
      }
      version = store::SchemaVersion(rep->db);
    }
  }
  if (!version.ok()) {
    const Status& s = version.status();
    std::string msg = path + ": not a sitrep database (" + s.message() + ")";
    return s.code() == Status::Code::kCorruption ? Status::Corruption(msg) : Status::IOError(msg);
  }
  if (*version > kSchemaVersion) {
    return Status::InvalidArgument(path + ": database schema version " + std::to_string(*version) +
                                   " is newer than this sitrep understands (" +
                                   std::to_string(kSchemaVersion) + "); use a newer sitrep");
  }
  if (!read_only) {
    // Turning a new database to WAL needs it to itself for a moment, and SQLite does not wait for
    // that (no busy handler): another process creating the same database at once gets "locked".
    // So it is retried here for as long as the busy timeout.
    Status wal;
    for (int attempt = 0; attempt < 400; ++attempt) {
      wal = sql::Exec(rep->db, "PRAGMA journal_mode=WAL");
      if (wal.ok() || (sqlite3_errcode(rep->db) & 0xff) != SQLITE_BUSY) break;
      ::usleep(25000);
    }
    if (wal.ok())
      wal = sql::Exec(rep->db,
                      "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA "
                      "cache_size=-65536;");
    if (!wal.ok()) return Status::IOError(path + ": " + wal.message());
    if (Status s = store::Migrate(rep->db, kSchemaVersion); !s.ok()) {
      std::string msg = path + ": " + s.message();
      if (s.code() == Status::Code::kInvalidArgument) return Status::InvalidArgument(msg);
      return s.code() == Status::Code::kCorruption ? Status::Corruption(msg) : Status::IOError(msg);
    }
  } else if (*version < kSchemaVersion) {
    return Status::InvalidArgument(path + ": database schema version " + std::to_string(*version) +
                                   " needs migrating; open it once with `sitrep ingest`");
  }
  rep->version = kSchemaVersion;
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

namespace {

struct Candidate {
  int64_t id;
  Date date, date_end;
  DatePrecision precision;
  std::string actor1, actor2;
  double confidence;
  Date first, last;
};

bool Compatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

// Prepared once per batch: preparing per event had been most of the cost of ingest.
struct IngestStatements {
  explicit IngestStatements(sqlite3* db)
      : seen(db,
             "SELECT content_hash FROM documents WHERE content_hash = ?1 UNION ALL "
             "SELECT content_hash FROM documents WHERE id = ?2"),
        doc(db,
            "INSERT INTO documents (id, content_hash, date, origin, title, url, source, lang, "
            "text) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        find(db,
             "SELECT id, date, date_end, date_precision, actor1, actor2, confidence, "
             "first_reported, "
             "last_reported FROM events INDEXED BY events_place WHERE type = ?1 AND place_key = ?2 "
             "AND historical = ?3 AND part = ?6 AND "
             "date <= ?4 AND date_end >= ?5 ORDER BY id"),
        update(
            db,
            "UPDATE events SET date = ?1, date_end = ?2, date_precision = ?3, confidence = ?4, "
            "actor1 = COALESCE(NULLIF(actor1, ''), ?5), actor2 = COALESCE(NULLIF(actor2, ''), ?6), "
            "first_reported = ?7, last_reported = ?8, claim = MIN(claim, ?10), "
            "denied = MIN(denied, ?11) WHERE id = ?9"),
        insert(
            db,
            "INSERT INTO events (type, actor1, actor2, actor1_is_state, place_key, place_name, "
            "place_matched, geonames_id, admin1, country, feature, lat, lon, date, date_end, "
            "date_precision, historical, confidence, first_reported, last_reported, part, claim, "
            "denied, place_resolved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
            "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20, ?21, ?22, ?23)"),
        report(
            db,
            "INSERT INTO reports (event_id, doc_id, sentence, start, end, date, date_end, "
            "date_precision, confidence, actor1, actor2) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?9, ?10, ?11)") {}
  Status status() const {
    for (const sql::Statement* s : {&seen, &doc, &find, &update, &insert, &report}) {
      if (Status st = s->status(); !st.ok()) return st;
    }
    return Status::OK();
  }
  sql::Statement seen, doc, find, update, insert, report;
};

Status AddEvent(sqlite3* db, IngestStatements& q, const Document& doc, const Event& e,
                IngestStats* stats) {
  std::string key = e.place ? PlaceKey(*e.place) : "";
  std::optional<Candidate> match;
  if (e.place) {
    sql::Statement& find = q.find;
    find.Reset();
    find.Bind(1, EventTypeName(e.type))
        .Bind(2, key)
        .Bind(3, int64_t{e.historical})
        .Bind(4, e.date_end.AddDays(1).ToString())
        .Bind(5, e.date.AddDays(-1).ToString())
        .Bind(6, e.part);
    Status st;
    while (find.Step(&st)) {
      Candidate c{find.Int(0),           ParseOr(find.Text(1)),
                  ParseOr(find.Text(2)), PrecisionFromName(find.Text(3)),
                  find.Text(4),          find.Text(5),
                  find.Real(6),          ParseOr(find.Text(7)),
                  ParseOr(find.Text(8))};
      if (Compatible(c.actor1, e.actor1) && Compatible(c.actor2, e.actor2)) {
        match = c;
        break;
      }
    }
    if (!st.ok()) return st;
  }
  int64_t event_id;
  if (match) {
    Date lo = std::max(match->date, e.date), hi = std::min(match->date_end, e.date_end);
    Date date = match->date, date_end = match->date_end;
    DatePrecision precision = match->precision;
    if (lo <= hi) {  // the reports agree on a span: keep what both allow
      date = lo;
      date_end = hi;
      if (lo == hi)
        precision = DatePrecision::kDay;
      else if (e.date_precision == DatePrecision::kDay || match->precision == DatePrecision::kDay)
        precision = DatePrecision::kDay;
      else
        precision = DatePrecision::kRange;
    }
    double confidence = std::min(0.99, 1 - (1 - match->confidence) * (1 - e.confidence * 0.5));
    sql::Statement& up = q.update;
    up.Reset();
    up.Bind(1, date.ToString())
        .Bind(2, date_end.ToString())
        .Bind(3, DatePrecisionName(precision))
        .Bind(4, confidence)
        .Bind(5, e.actor1)
        .Bind(6, e.actor2)
        .Bind(7, std::min(match->first, doc.date).ToString())
        .Bind(8, std::max(match->last, doc.date).ToString())
        .Bind(9, match->id)
        .Bind(10, int64_t{e.claim})
        .Bind(11, int64_t{e.denied});
    if (Status s = up.Run(); !s.ok()) return s;
    event_id = match->id;
    ++stats->events_merged;
  } else {
    sql::Statement& ins = q.insert;
    ins.Reset();
    ins.Bind(1, EventTypeName(e.type))
        .Bind(2, e.actor1)
        .Bind(3, e.actor2)
        .Bind(4, int64_t{e.actor1_is_state});
    if (e.place) {
      ins.Bind(5, key)
          .Bind(6, e.place->name)
          .Bind(7, e.place->matched)
          .Bind(8, int64_t{e.place->geonames_id})
          .Bind(9, e.place->admin1)
          .Bind(10, e.place->country)
          .Bind(11, e.place->feature)
          .Bind(12, e.place->lat)
          .Bind(13, e.place->lon);
    } else {
      for (int i = 5; i <= 13; ++i) ins.BindNull(i);
    }
    ins.Bind(14, e.date.ToString())
        .Bind(15, e.date_end.ToString())
        .Bind(16, DatePrecisionName(e.date_precision))
        .Bind(17, int64_t{e.historical})
        .Bind(18, e.confidence)
        .Bind(19, doc.date.ToString())
        .Bind(20, e.part)
        .Bind(21, int64_t{e.claim})
        .Bind(22, int64_t{e.denied})
        .Bind(23, int64_t{!e.place || e.place->resolved});
    if (Status s = ins.Run(); !s.ok()) return s;
    event_id = sqlite3_last_insert_rowid(db);
    ++stats->events_new;
  }
  sql::Statement& rep = q.report;
  rep.Reset();
  rep.Bind(1, event_id)
      .Bind(2, doc.id)
      .Bind(3, e.evidence.sentence)
      .Bind(4, int64_t{e.evidence.start})
      .Bind(5, int64_t{e.evidence.end})
      .Bind(6, e.date.ToString())
      .Bind(7, e.date_end.ToString())
      .Bind(8, DatePrecisionName(e.date_precision))
      .Bind(9, e.confidence)
      .Bind(10, e.actor1)
      .Bind(11, e.actor2);
  ++stats->reports;
  return rep.Run();
}

}  // namespace

Status Store::IngestBatch(const std::vector<std::pair<Document, std::vector<Event>>>& batch,
                          IngestStats* stats) {
  sqlite3* db = rep_->db;
  if (Status s = sql::Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
  IngestStats local;
  IngestStatements q(db);
  Status st = q.status();
  std::vector<std::pair<std::string, std::string>> renamed;
  for (const auto& [given, events] : batch) {
    if (!st.ok()) break;
    // Whether this content is stored, under `d`'s id or any: 1 stored, 0 not, -1 the id is taken
    // by other content.
    auto lookup = [&](const Document& d, std::string* hash) {
      *hash = ContentHash(d);
      sql::Statement& seen = q.seen;
      seen.Reset();
      seen.Bind(1, *hash).Bind(2, d.id);
      Status looked;
      int found = 0;
      if (seen.Step(&looked)) found = seen.Text(0) == *hash ? 1 : -1;
      seen.Reset();
      if (!looked.ok()) st = looked;
      return found;
    };
    std::string hash;
    int found = lookup(given, &hash);
    if (!st.ok()) break;
    // An id made from a file's path is the file's name, not the document's identity: another
    // folder's 001.txt takes the tagged id instead of being refused (and finds it again when
    // ingested again).
    std::optional<Document> retagged;
    if (found < 0 && given.id_from_path) {
      retagged = given;
      retagged->id = DisambiguatedId(given);
      found = lookup(*retagged, &hash);
      if (!st.ok()) break;
      if (found == 0) renamed.emplace_back(given.origin, retagged->id);
    }
    const Document& doc = retagged ? *retagged : given;
    if (found > 0) {
      ++local.duplicates;
      continue;
    }
    if (found < 0) {
      st = Status::InvalidInput(doc.origin + ": document id '" + doc.id +
                                "' is already stored with other content");
      break;
    }
    sql::Statement& ins = q.doc;
    ins.Reset();
    ins.Bind(1, doc.id)
        .Bind(2, hash)
        .Bind(3, doc.date.ToString())
        .Bind(4, doc.origin)
        .Bind(5, doc.title)
        .Bind(6, doc.url)
        .Bind(7, doc.source)
        .Bind(8, doc.lang)
        .Bind(9, doc.text);
    if (st = ins.Run(); !st.ok()) break;
    ++local.documents;
    for (const Event& e : events) {
      if (st = AddEvent(db, q, doc, e, &local); !st.ok()) break;
    }
    if (!st.ok()) break;
  }
  // A statement stopped part-way (the merge lookup breaks at its first match, the duplicate
  // lookup at its row) keeps the connection in a read transaction past COMMIT, and a connection
  // in a transaction cannot checkpoint: the write-ahead log then grew without bound (51 MB after
  // 400 posts, never folded into the database) for as long as the writer stayed open.
  for (sql::Statement* s : {&q.seen, &q.doc, &q.find, &q.update, &q.insert, &q.report}) s->Reset();
  if (!st.ok()) {
    sql::Exec(db, "ROLLBACK");
    return st;
  }
  if (Status c = sql::Exec(db, "COMMIT"); !c.ok()) {
    sql::Exec(db, "ROLLBACK");
    return c;
  }
  stats->documents += local.documents;
  stats->duplicates += local.duplicates;
  stats->events_new += local.events_new;
  stats->events_merged += local.events_merged;
  stats->reports += local.reports;
  stats->renamed.insert(stats->renamed.end(), renamed.begin(), renamed.end());
  return Status::OK();
}

namespace {

// The place columns baseline and corrections share: place_key, place_name, geonames_id, admin1,
// country, feature, lat, lon bound from `first`.
void BindPlace(sql::Statement& q, int first, const PlaceRef& p) {
  q.Bind(first, PlaceKey(p))
      .Bind(first + 1, p.name)
      .Bind(first + 2, int64_t{p.geonames_id})
      .Bind(first + 3, p.admin1)
      .Bind(first + 4, p.country)
      .Bind(first + 5, p.feature)
      .Bind(first + 6, p.lat)
      .Bind(first + 7, p.lon);
}

// place_name, geonames_id, admin1, country, feature, lat, lon read from column `first`.
PlaceRef ReadPlace(const sql::Statement& q, int first) {
  PlaceRef p;
  p.name = q.Text(first);
  p.matched = p.name;
  p.geonames_id = static_cast<uint32_t>(q.Int(first + 1));
  p.admin1 = q.Text(first + 2);
  p.country = q.Text(first + 3);
  p.feature = q.Text(first + 4);
  p.lat = q.Real(first + 5);
  p.lon = q.Real(first + 6);
  return p;
}

// Runs `bind_and_run` for each row inside one write transaction: all rows or none.
template <typename Row, typename Fn>
Status WriteAll(sqlite3* db, const std::vector<Row>& rows, Fn bind_and_run) {
  if (Status s = sql::Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
  for (const Row& row : rows) {
    if (Status s = bind_and_run(row); !s.ok()) {
      sql::Exec(db, "ROLLBACK");
      return s;
    }
  }
  return sql::Exec(db, "COMMIT");
}

}  // namespace

std::string CorrectionOf(const StoredEvent& se, const std::vector<Correction>& corrections) {
  if (!se.event.place) return "";
  std::string key = PlaceKey(*se.event.place);
  for (const Correction& c : corrections) {
    if (c.holder.empty() && c.date >= se.event.date && c.date <= se.event.date_end &&
        PlaceKey(c.place) == key)
      return c.note;
  }
  return "";
}

Status Store::SetBaseline(const std::vector<BaselineEntry>& entries) {
  sqlite3* db = rep_->db;
  return WriteAll(db, entries, [db](const BaselineEntry& b) {
    sql::Statement ins(db,
                       "INSERT OR REPLACE INTO baseline (place_key, place_name, geonames_id, "
                       "admin1, country, feature, lat, lon, controller, as_of) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    BindPlace(ins, 1, b.place);
    ins.Bind(9, b.controller).Bind(10, b.as_of.ToString());
    return ins.Run();
  });
}

Status Store::AddCorrections(const std::vector<Correction>& corrections) {
  sqlite3* db = rep_->db;
  return WriteAll(db, corrections, [db](const Correction& c) {
    sql::Statement ins(db,
                       "INSERT OR REPLACE INTO corrections (place_key, place_name, geonames_id, "
                       "admin1, country, feature, lat, lon, day, holder, note, origin) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    BindPlace(ins, 1, c.place);
    ins.Bind(9, c.date.ToString());
    if (!c.holder.empty()) ins.Bind(10, c.holder);
    ins.Bind(11, c.note).Bind(12, c.origin);
    return ins.Run();
  });
}

Result<std::vector<BaselineEntry>> Store::Baseline() const {
  sql::Statement q(rep_->db,
                   "SELECT place_name, geonames_id, admin1, country, feature, lat, lon, "
                   "controller, as_of FROM baseline ORDER BY place_key");
  std::vector<BaselineEntry> out;
  Status st;
  while (q.Step(&st)) out.push_back({ReadPlace(q, 0), q.Text(7), ParseOr(q.Text(8))});
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<Correction>> Store::Corrections() const {
  sql::Statement q(rep_->db,
                   "SELECT place_name, geonames_id, admin1, country, feature, lat, lon, day, "
                   "COALESCE(holder, ''), note, origin FROM corrections ORDER BY place_key, day");
  std::vector<Correction> out;
  Status st;
  while (q.Step(&st)) {
    out.push_back({ReadPlace(q, 0), ParseOr(q.Text(7)), q.Text(8), q.Text(9), q.Text(10)});
  }
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<StoredEvent>> Store::Events(const EventFilter& f) const {
  std::string sql =
      "SELECT id, type, actor1, actor2, actor1_is_state, place_name, place_matched, geonames_id, "
      "admin1, "
      "country, feature, lat, lon, date, date_end, date_precision, historical, confidence, "
      "first_reported, "
      "last_reported, place_key, part, claim, denied, place_resolved FROM events WHERE "
      "confidence >= ?1";
  if (f.type) sql += " AND type = ?2";
  if (!f.admin1.empty()) sql += " AND admin1 = ?3 COLLATE NOCASE";
  if (!f.country.empty()) sql += " AND country = ?4 COLLATE NOCASE";
  if (!f.actor.empty()) sql += " AND (actor1 = ?5 COLLATE NOCASE OR actor2 = ?5 COLLATE NOCASE)";
  if (f.since) sql += " AND date_end >= ?6";
  if (f.until) sql += " AND date <= ?7";
  if (!f.feature.empty()) sql += " AND feature = ?8 COLLATE NOCASE";
  if (!f.include_historical) sql += " AND historical = 0";
  if (!f.doc.empty()) sql += " AND id IN (SELECT event_id FROM reports WHERE doc_id = ?9)";
  if (!f.types.empty()) {
    sql += " AND type IN (";
    for (size_t i = 0; i < f.types.size(); ++i) {
      sql += (i ? ",'" : "'") + std::string(EventTypeName(f.types[i])) +
             "'";  // names are sitrep's own
    }
    sql += ")";
  }
  // As an analyst reads a list: by the event's date, then place name (then the order stored).
  sql += " ORDER BY date, place_name COLLATE NOCASE, id";
  sql::Statement q(rep_->db, sql);
  if (Status s = q.status(); !s.ok()) return s;
  q.Bind(1, f.min_confidence);
  if (f.type) q.Bind(2, EventTypeName(*f.type));
  if (!f.admin1.empty()) q.Bind(3, f.admin1);
  if (!f.country.empty()) q.Bind(4, f.country);
  if (!f.actor.empty()) q.Bind(5, f.actor);
  if (f.since) q.Bind(6, f.since->ToString());
  if (f.until) q.Bind(7, f.until->ToString());
  if (!f.feature.empty()) q.Bind(8, f.feature);
  if (!f.doc.empty()) q.Bind(9, f.doc);
  std::string place_key = f.place.empty() ? "" : MatchKey(f.place);
  std::vector<StoredEvent> out;
  size_t skipped = 0;
  Status st;
  while (q.Step(&st)) {
    if (!place_key.empty() && MatchKey(q.Text(5)) != place_key &&
        MatchKey(q.Text(6)) != place_key && q.Text(20) != f.place &&
        (q.Int(7) == 0 || std::find(f.place_ids.begin(), f.place_ids.end(),
                                    static_cast<uint32_t>(q.Int(7))) == f.place_ids.end())) {
      continue;
    }
    if (skipped < f.offset) {
      ++skipped;
      continue;
    }
    StoredEvent se;
    se.id = q.Int(0);
    Event& e = se.event;
    e.type = EventTypeFromName(q.Text(1)).value_or(EventType::kStatement);
    e.actor1 = q.Text(2);
    e.actor2 = q.Text(3);
    e.actor1_is_state = q.Int(4) != 0;
    if (!q.Text(5).empty()) {
      PlaceRef p;
      p.name = q.Text(5);
      p.matched = q.Text(6);
      p.geonames_id = static_cast<uint32_t>(q.Int(7));
      p.admin1 = q.Text(8);
      p.country = q.Text(9);
      p.feature = q.Text(10);
      p.lat = q.Real(11);
      p.lon = q.Real(12);
      p.resolved = q.Int(24) != 0;
      e.place = std::move(p);
    }
    e.date = ParseOr(q.Text(13));
    e.date_end = ParseOr(q.Text(14));
    e.date_precision = PrecisionFromName(q.Text(15));
    e.historical = q.Int(16) != 0;
    e.confidence = q.Real(17);
    e.part = q.Text(21);
    e.claim = q.Int(22) != 0;
    e.denied = q.Int(23) != 0;
    se.first_reported = ParseOr(q.Text(18));
    se.last_reported = ParseOr(q.Text(19));
    out.push_back(std::move(se));
    if (f.limit && out.size() >= f.limit) break;
  }
  if (!st.ok()) return st;
  sql::Statement reps(
      rep_->db,
      "SELECT r.doc_id, d.date, r.sentence, r.start, r.end, r.date, r.date_end, r.date_precision, "
      "r.confidence, r.actor1, r.actor2, d.source, d.url FROM reports r JOIN documents d ON d.id = "
      "r.doc_id "
      "WHERE r.event_id = ?1 ORDER BY d.date, r.rowid");
  for (StoredEvent& se : out) {
    reps.Reset();
    reps.Bind(1, se.id);
    while (reps.Step(&st)) {
      Report r;
      r.doc = reps.Text(0);
      r.doc_date = ParseOr(reps.Text(1));
      r.evidence.sentence = reps.Text(2);
      r.evidence.start = static_cast<uint32_t>(reps.Int(3));
      r.evidence.end = static_cast<uint32_t>(reps.Int(4));
      r.date = ParseOr(reps.Text(5));
      r.date_end = ParseOr(reps.Text(6));
      r.date_precision = PrecisionFromName(reps.Text(7));
      r.confidence = reps.Real(8);
      r.actor1 = reps.Text(9);
      r.actor2 = reps.Text(10);
      r.source = reps.Text(11);
      r.url = reps.Text(12);
      if (se.reports.empty()) {
        se.event.doc = r.doc;
        se.event.doc_date = r.doc_date;
        se.event.evidence = r.evidence;
        se.event.source = reps.Text(11);
      }
      se.reports.push_back(std::move(r));
    }
    if (!st.ok()) return st;
  }
  auto corrections = Corrections();
  if (!corrections.ok()) return corrections.status();
  if (!corrections->empty()) {
    for (StoredEvent& se : out) se.correction = CorrectionOf(se, *corrections);
  }
  return out;
}

Result<Document> Store::GetDocument(const std::string& id) const {
  sql::Statement q(
      rep_->db,
      "SELECT id, date, origin, title, url, source, lang, text FROM documents WHERE id = ?1");
  q.Bind(1, id);
  Status st;
  if (!q.Step(&st)) return st.ok() ? Status::NotFound("no document '" + id + "'") : st;
  Document d;
  d.id = q.Text(0);
  d.date = ParseOr(q.Text(1));
  d.origin = q.Text(2);
  d.title = q.Text(3);
  d.url = q.Text(4);
  d.source = q.Text(5);
  d.lang = q.Text(6);
  d.text = q.Text(7);
  return d;
}

Result<int64_t> Store::ContentVersion() const {
  // Reports only grow, and every new or merged event adds one, so their largest rowid (an index
  // lookup, not a scan) moves with every change that matters to derived views.
  sql::Statement q(rep_->db, "SELECT COALESCE(MAX(rowid), 0) FROM reports");
  Status st;
  if (!q.Step(&st)) return st.ok() ? Status::IOError("sqlite: no version") : st;
  return q.Int(0);
}

Result<StoreStats> Store::Stats() const {
  StoreStats out;
  Status st;
  {
    sql::Statement q(
        rep_->db, "SELECT type, n FROM event_counts WHERE historical = 0 AND n > 0 ORDER BY type");
    while (q.Step(&st)) {
      size_t n = static_cast<size_t>(q.Int(1));
      out.events += n;
      out.events_by_type.emplace_back(q.Text(0), n);
    }
    if (!st.ok()) return st;
  }
  {
    sql::Statement q(rep_->db,
                     "SELECT (SELECT MIN(date) FROM events WHERE historical = 0), "
                     "(SELECT MAX(date_end) FROM events WHERE historical = 0)");
    if (q.Step(&st)) {
      out.first = Date::Parse(q.Text(0));
      out.last = Date::Parse(q.Text(1));
    }
    if (!st.ok()) return st;
  }
  sql::Statement q(rep_->db, "SELECT day, COUNT(*) FROM capture_days GROUP BY day ORDER BY day");
  while (q.Step(&st)) {
    auto day = Date::Parse(q.Text(0));
    if (!day) return Status::Corruption("stored capture day '" + q.Text(0) + "' is not a date");
    out.captures_per_day.emplace_back(*day, static_cast<size_t>(q.Int(1)));
  }
  if (!st.ok()) return st;
  return out;
}

Status Store::Check() const {
  sql::Statement q(rep_->db, "PRAGMA quick_check");
  Status st;
  std::string first;
  while (q.Step(&st)) {
    if (first.empty()) first = q.Text(0);
  }
  if (!st.ok()) return st;
  if (first != "ok") return Status::Corruption("sqlite quick_check: " + first);
  return Status::OK();
}

void Store::Interrupt() const { sqlite3_interrupt(rep_->db); }

void Store::SetCacheBytes(size_t bytes) {
  sql::Exec(rep_->db,
            ("PRAGMA cache_size=-" + std::to_string(std::max<size_t>(bytes / 1024, 64))).c_str());
}

Result<std::vector<std::string>> Store::DocumentIds() const {
  sql::Statement q(rep_->db, "SELECT id FROM documents ORDER BY date, id");
  std::vector<std::string> out;
  Status st;
  while (q.Step(&st)) out.push_back(q.Text(0));
  if (!st.ok()) return st;
  return out;
}

}  // namespace sitrep
