// The HTTP API over the store, and the static files of the web map.
//
// Each read request opens its own read-only connection: under WAL, readers never wait for the
// writer. Writes (POST /api/documents) go through one writer connection behind a mutex and need
// the bearer token, compared in constant time. SQL is parameterised throughout (the store binds
// every value); static paths with ".." are refused by the library before reaching us.
//
// Everything that can be decided from the request line and headers is decided before a body is
// read (the pre-routing handler): unknown paths (404) and wrong methods (405), more than one
// byte range (416), the token and its throttle (401, 429), a declared length over the limit
// (413). A request refused there has its body left unread, so its connection is closed after the
// answer. Bodies are read through a ContentReader that counts every byte, chunked or not, so one
// limit holds for both. Every answer, errors included, is JSON; messages never carry file paths
// or SQLite's text (those go to stderr).
#include "src/server/http_api.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "sitrep/control.h"
#include "sitrep/gazetteer.h"
#include "sitrep/store.h"
#include "src/report/rows.h"
#include "src/server/connections.h"
#include "src/server/http_head.h"
#include "src/server/jobs.h"
#include "src/server/routes.h"
#include "src/server/store_monitor.h"
#include "src/server/throttle.h"

namespace sitrep::http {

namespace {

using nlohmann::json;
using HandlerResponse = httplib::Server::HandlerResponse;

// Every answer is serialised here. Request text can carry invalid UTF-8 (a path or parameter
// decoding to "%FF"); nlohmann throws on it by default, and a throw inside cpp-httplib's error
// handler aborts the process, so invalid bytes are replaced instead.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void Reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void Reply(httplib::Response& res, int status, const json& body) { Reply(res, status, Dump(body)); }

void Error(httplib::Response& res, int status, const std::string& message) {
  Reply(res, status, json({{"error", message}, {"status", status}}));
}

// An error whose detail stays on the server: the client learns what failed, not where.
void Internal(const httplib::Request& req, httplib::Response& res, int status,
              const std::string& message, const Status& detail) {
  std::cerr << "sitrep: " << req.method << " " << req.path << ": " << detail.ToString() << "\n";
  Error(res, status, message);
}

// The connection cannot be reused when a body is left unread: say so, and close it.
void CloseAfter(httplib::Response& res) {
  res.set_header("Connection", "close");
  ConnectionServer::CloseAfterResponse();
}

bool HasBody(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  if (!req.has_header("Content-Length")) return false;
  auto n = ParseContentLength(req.get_header_value("Content-Length"));
  return !n || *n > 0;
}

std::string RowsArray(const std::vector<std::string>& columns,
                      const std::vector<std::vector<rows::Cell>>& cells) {
  std::string out = "[";
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ",";
    out += rows::ToJsonObject(columns, cells[i]);
  }
  return out + "]";
}

}  // namespace

struct Api::Rep {
  Rep(const ServerOptions& o, const Pipeline& p)
      : opt(o), pipeline(p), monitor(o.db, std::chrono::seconds(o.store_check_seconds)) {
    JobOptions jo;
    jo.max_queued = o.max_queued_jobs;
    jo.max_queued_bytes = std::max<size_t>(4 * o.max_body_bytes, 64u << 20);
    jo.budget.max_seconds = o.max_doc_seconds;
    jobs = std::make_unique<JobQueue>(
        p, [this](const JobQueue::Batch& b, IngestStats* s) { return Write(b, s); }, jo);
  }

  const ServerOptions opt;
  const Pipeline& pipeline;
  StoreMonitor monitor;
  AuthThrottle throttle;
  std::mutex write_mu;
  std::unique_ptr<Store> writer;  // guarded by write_mu
  std::mutex cache_mu;
  std::shared_ptr<const std::vector<ControlInterval>> timeline;  // guarded by cache_mu
  int64_t timeline_version = -1;                                 // guarded by cache_mu
  std::atomic<size_t> uploads{0};                                // POST bodies being read
  // At most half the request threads read bodies, whatever --max-uploads says.
  const size_t max_uploads =
      std::max<size_t>(1, std::min<size_t>(opt.max_uploads, static_cast<size_t>(opt.threads) / 2));
  std::once_flag gazetteer_once;
  std::unique_ptr<Gazetteer> gazetteer;  // set once by Places()
  std::unique_ptr<JobQueue> jobs;        // last: its worker writes through `writer`

  Result<std::unique_ptr<Store>> Reader() const { return Store::Open(opt.db, /*read_only=*/true); }

  // The gazetteer, opened (memory-mapped) on first use; null when it cannot be.
  const Gazetteer* Places() {
    std::call_once(gazetteer_once, [this] {
      auto g = Gazetteer::Open(opt.gazetteer.empty() ? DefaultGazetteerPath() : opt.gazetteer);
      if (g.ok()) gazetteer = std::move(g).value();
    });
    return gazetteer.get();
  }

  // The answer for a status from the store: caller errors keep their message (they quote only
  // what the caller sent), everything else is the store's business (and a damaged file is
  // reported to the monitor).
  void StoreError(const httplib::Request& req, httplib::Response& res, const Status& s) {
    monitor.Saw(s);
    switch (s.code()) {
      case Status::Code::kNotFound: return Error(res, 404, s.message());
      case Status::Code::kInvalidArgument:
      case Status::Code::kInvalidInput: return Error(res, 400, s.message());
      default: return Internal(req, res, 500, "the store failed to answer", s);
    }
  }

  void Unavailable(const httplib::Request& req, httplib::Response& res, const Status& s) {
    monitor.Saw(s);
    Internal(req, res, 503, "the store is unavailable", s);
  }

  std::string Client(const httplib::Request& req) const {
    std::string c = ConnectionServer::CurrentClient();
    return c.empty() ? ClientKey(req.remote_addr) : c;
  }

  // ---- before the body --------------------------------------------------------------------

  HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    bool body = HasBody(req);
    // cpp-httplib reads no body for GET or HEAD; whatever was sent would be taken for the next
    // request, so such a connection ends with this answer.
    if (body && (req.method == "GET" || req.method == "HEAD")) CloseAfter(res);
    if (req.ranges.size() > 1) {
      // Each range of a multi-range answer is a copy of the body: 8 KB of ranges turned one
      // answer into a gigabyte. One range is plenty for a map's assets.
      const_cast<httplib::Request&>(req).ranges.clear();  // the object itself is not const
      Error(res, 416, "one byte range per request");
      return HandlerResponse::Handled;
    }
    std::string_view allowed = AllowedMethods(req.path);
    if (allowed.empty()) {
      if (body) CloseAfter(res);
      Error(res, 404, "no such resource: " + req.path);
      return HandlerResponse::Handled;
    }
    if (req.method == "OPTIONS") {
      if (body) CloseAfter(res);
      res.status = 204;
      res.set_header("Allow", std::string(allowed));
      return HandlerResponse::Handled;
    }
    if (!MethodAllowed(allowed, req.method)) {
      if (body) CloseAfter(res);
      res.set_header("Allow", std::string(allowed));
      Error(res, 405, req.method + " is not allowed here; allowed: " + std::string(allowed));
      return HandlerResponse::Handled;
    }
    if (req.method == "POST" && !CheckWrite(req, res)) {
      CloseAfter(res);
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;
  }

  // The checks a write passes before its body is read; false with the answer set.
  bool CheckWrite(const httplib::Request& req, httplib::Response& res) {
    if (opt.token.empty()) {
      Error(res, 403, "writes are disabled: start the server with --token-file");
      return false;
    }
    if (!monitor.healthy()) {
      Error(res, 503, monitor.problem());
      return false;
    }
    std::string client = Client(req);
    int retry = 0;
    if (!throttle.Allowed(client, &retry)) {
      res.set_header("Retry-After", std::to_string(retry));
      Error(res, 429, "too many failed tokens; try again later");
      return false;
    }
    const std::string authorization = req.get_header_value("Authorization");
    auto token = BearerToken(authorization);
    if (!token || !ConstantTimeEquals(opt.token, *token)) {
      // Only a token presented and wrong counts as a guess: a request without one guesses
      // nothing, and must not lock out a client sharing its address.
      if (token) throttle.Failed(client);
      res.set_header("WWW-Authenticate", "Bearer");
      Error(res, 401, "a valid bearer token is required to write");
      return false;
    }
    if (req.is_multipart_form_data()) {
      Error(res, 415, "send JSON Lines (application/x-ndjson), not a form");
      return false;
    }
    if (req.has_header("Content-Length")) {
      auto n = ParseContentLength(req.get_header_value("Content-Length"));
      if (!n) {
        Error(res, 400, "malformed Content-Length");
        return false;
      }
      if (*n > opt.max_body_bytes) {
        Error(res, 413,
              "request body larger than " + std::to_string(opt.max_body_bytes) + " bytes");
        return false;
      }
    }
    if (!jobs->HasRoom(ParseContentLength(req.get_header_value("Content-Length")).value_or(0))) {
      Busy(res);
      return false;
    }
    return true;
  }

  void Busy(httplib::Response& res,
            const std::string& why = "the ingest queue is full; try again later") {
    res.set_header("Retry-After", "5");
    Error(res, 503, why);
  }

  // ---- reads ------------------------------------------------------------------------------

  // The whole control timeline, rebuilt only when the store's content changed (by this server or
  // any other writer): building it reads every transfer, answering from it is a scan of intervals.
  Result<std::shared_ptr<const std::vector<ControlInterval>>> Timeline(const Store& store) {
    auto version = store.ContentVersion();
    if (!version.ok()) return version.status();
    {
      std::lock_guard<std::mutex> lock(cache_mu);
      if (timeline && timeline_version == *version) return timeline;
    }
    auto built = ControlTimeline(store, std::nullopt, opt.control);
    if (!built.ok()) return built.status();
    auto shared = std::make_shared<const std::vector<ControlInterval>>(std::move(built).value());
    {
      std::lock_guard<std::mutex> lock(cache_mu);
      timeline = shared;
      timeline_version = *version;
    }
    ::malloc_trim(0);  // the building's garbage and the timeline replaced (see Serve)
    return shared;
  }

  // Cheap enough to poll: the monitor's verdict, then one open and one index lookup.
  void Health(const httplib::Request& req, httplib::Response& res) {
    if (!monitor.healthy()) {
      return Reply(res, 503, json({{"status", "unhealthy"}, {"error", monitor.problem()}}));
    }
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    if (auto v = (*store)->ContentVersion(); !v.ok()) return Unavailable(req, res, v.status());
    Reply(res, 200, json({{"status", "ok"}, {"schema", (*store)->schema_version()}}));
  }

  void Events(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    std::string error;
    auto param = [&](const char* key) -> const std::string* {
      auto it = req.params.find(key);
      return it == req.params.end() ? nullptr : &it->second;
    };
    if (!ParseEventFilter(param, &f, &error)) return Error(res, 400, error);
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    auto events = (*store)->Events(f);
    if (!events.ok()) return StoreError(req, res, events.status());
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& se : *events) cells.push_back(rows::EventCells(se));
    Reply(res, 200,
          "{\"limit\":" + std::to_string(f.limit) + ",\"offset\":" + std::to_string(f.offset) +
              ",\"count\":" + std::to_string(cells.size()) +
              ",\"events\":" + RowsArray(rows::EventColumns(), cells) + "}");
  }

  void Control(const httplib::Request& req, httplib::Response& res) {
    auto at = Date::Parse(req.get_param_value("at"));
    if (!at) return Error(res, 400, "'at' must be a date YYYY-MM-DD");
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    auto t = Timeline(**store);
    if (!t.ok()) return StoreError(req, res, t.status());
    std::string country = req.get_param_value("country"), feature = req.get_param_value("feature");
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& iv : ControlAt(**t, *at)) {
      if (!country.empty() && iv.place.country != country) continue;
      if (!feature.empty() && iv.place.feature != feature) continue;
      cells.push_back(rows::IntervalCells(iv));
    }
    Reply(res, 200, RowsArray(rows::IntervalColumns(), cells));
  }

  // For /api/places/{id}/...: the place key ("gn:" before a bare GeoNames id), a reader and the
  // timeline; false once the error is answered.
  struct PlaceQuery {
    std::string id, key;
    std::unique_ptr<Store> store;
    std::shared_ptr<const std::vector<ControlInterval>> timeline;
  };
  bool OpenPlaceQuery(const httplib::Request& req, httplib::Response& res, PlaceQuery* q) {
    q->id = req.matches[1];
    q->key = q->id.find(':') == std::string::npos ? "gn:" + q->id : q->id;
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status()), false;
    auto t = Timeline(**store);
    if (!t.ok()) return StoreError(req, res, t.status()), false;
    q->store = std::move(store).value();
    q->timeline = std::move(t).value();
    return true;
  }

  void PlaceTimeline(const httplib::Request& req, httplib::Response& res) {
    PlaceQuery q;
    if (!OpenPlaceQuery(req, res, &q)) return;
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& iv : *q.timeline) {
      if (PlaceKey(iv.place) == q.key) cells.push_back(rows::IntervalCells(iv));
    }
    if (cells.empty()) return Error(res, 404, "no control record for place '" + q.id + "'");
    Reply(res, 200, RowsArray(rows::IntervalColumns(), cells));
  }

  // Every first-level division of the countries in the record (or of ?country=), shaded by its
  // capital, and how many capitals each side holds.
  void Divisions(const httplib::Request& req, httplib::Response& res) {
    auto at = Date::Parse(req.get_param_value("at"));
    if (!at) return Error(res, 400, "'at' must be a date YYYY-MM-DD");
    const Gazetteer* g = Places();
    if (!g) return Error(res, 503, "no gazetteer: divisions are unavailable");
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    auto t = Timeline(**store);
    if (!t.ok()) return StoreError(req, res, t.status());
    std::vector<ControlInterval> in_force = ControlAt(**t, *at);
    std::vector<std::string> countries;
    if (std::string c = req.get_param_value("country"); !c.empty()) {
      countries.push_back(c);
    } else {
      for (const auto& iv : in_force) {
        if (!iv.place.country.empty() &&
            std::find(countries.begin(), countries.end(), iv.place.country) == countries.end())
          countries.push_back(iv.place.country);
      }
    }
    auto divisions = DivisionsAt(*g, countries, in_force);
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& d : divisions) cells.push_back(rows::DivisionCells(d));
    json summary = json::array();
    for (const CapitalCount& c : CountHeldCapitals(divisions)) {
      summary.push_back({{"country", c.country},
                         {"holder", c.holder},
                         {"capitals_held", c.held},
                         {"capitals_total", c.total}});
    }
    Reply(res, 200,
          "{\"at\":\"" + at->ToString() + "\",\"divisions\":" +
              RowsArray(rows::DivisionColumns(), cells) + ",\"summary\":" + summary.dump() + "}");
  }

  // The side an event says holds its place afterwards (a captor, the side left by a retreat), if
  // the event moves control at all.
  static std::string SideOf(const Event& e) {
    switch (EventTypeControlEffect(e.type)) {
      case ControlEffect::kActor1Gains: return e.actor1;
      case ControlEffect::kActor2Gains: return e.actor2;
      case ControlEffect::kNone: return "";
    }
    return "";
  }

  // Every report of every event at a place, each with the control interval it supports or
  // disputes: the place's history panel.
  void PlaceEvidence(const httplib::Request& req, httplib::Response& res) {
    PlaceQuery q;
    if (!OpenPlaceQuery(req, res, &q)) return;
    std::map<int64_t, std::string> stance;
    std::string name;
    for (const auto& iv : *q.timeline) {
      if (PlaceKey(iv.place) != q.key) continue;
      name = iv.place.name;
      for (int64_t e : iv.events) stance.emplace(e, "for");
      for (int64_t e : iv.against) stance.emplace(e, "against");
    }
    if (name.empty()) return Error(res, 404, "no control record for place '" + q.id + "'");
    EventFilter f;
    f.place = name;
    auto events = q.store->Events(f);
    if (!events.ok()) return StoreError(req, res, events.status());
    json reports = json::array();
    for (const StoredEvent& se : *events) {
      if (!se.event.place || PlaceKey(*se.event.place) != q.key) continue;
      const Event& e = se.event;
      auto s = stance.find(se.id);
      for (const Report& r : se.reports) {
        reports.push_back({{"event_id", se.id},
                           {"type", EventTypeName(e.type)},
                           {"date", e.date.ToString()},
                           {"date_end", e.date_end.ToString()},
                           {"actor1", e.actor1},
                           {"actor2", e.actor2},
                           {"part", e.part},
                           {"claim", e.claim},
                           {"denied", e.denied},
                           {"stance", s == stance.end() ? "" : s->second},
                           {"side", SideOf(e)},
                           {"historical", e.historical},
                           {"outlet", r.source},
                           {"url", r.url},
                           {"doc", r.doc},
                           {"doc_date", r.doc_date.ToString()},
                           {"confidence", std::round(r.confidence * 1000) / 1000},
                           {"sentence", r.evidence.sentence},
                           {"start", r.evidence.start},
                           {"end", r.evidence.end},
                           {"correction", se.correction.empty() ? json() : json(se.correction)}});
      }
    }
    Reply(res, 200,
          json{{"place", name}, {"place_key", q.key}, {"reports", reports}}.dump(
              -1, ' ', false, json::error_handler_t::replace));
  }

  void Document(const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    auto doc = (*store)->GetDocument(id);
    if (!doc.ok()) return StoreError(req, res, doc.status());
    EventFilter f;
    f.doc = id;
    auto events = (*store)->Events(f);
    if (!events.ok()) return StoreError(req, res, events.status());
    json spans = json::array();
    for (const auto& se : *events) {
      for (const Report& r : se.reports) {
        if (r.doc != id) continue;
        spans.push_back({{"start", r.evidence.start},
                         {"end", r.evidence.end},
                         {"event_id", se.id},
                         {"type", EventTypeName(se.event.type)},
                         {"place", se.event.place ? json(se.event.place->name) : json(nullptr)}});
      }
    }
    json out = {{"id", doc->id},   {"date", doc->date.ToString()}, {"title", doc->title},
                {"url", doc->url}, {"source", doc->source},        {"text", doc->text},
                {"spans", spans}};
    Reply(res, 200, out);
  }

  void Stats(const httplib::Request& req, httplib::Response& res) {
    auto store = Reader();
    if (!store.ok()) return Unavailable(req, res, store.status());
    auto stats = (*store)->Stats();
    if (!stats.ok()) return StoreError(req, res, stats.status());
    json by_type = json::object();
    for (const auto& [type, n] : stats->events_by_type) by_type[type] = n;
    json per_day = json::array();
    for (const auto& [day, n] : stats->captures_per_day)
      per_day.push_back({{"date", day.ToString()}, {"captures", n}});
    Reply(res, 200,
          json({{"first", stats->first ? json(stats->first->ToString()) : json(nullptr)},
                {"last", stats->last ? json(stats->last->ToString()) : json(nullptr)},
                {"events", stats->events},
                {"events_by_type", by_type},
                {"captures_per_day", per_day}}));
  }

  // ---- writes -----------------------------------------------------------------------------

  void PostDocuments(const httplib::Request&, httplib::Response& res,
                     const httplib::ContentReader& reader) {
    // A body is read on a worker thread, and a slow sender holds that thread until its deadline:
    // only a few bodies are read at once, so slow uploads cannot take every worker from readers.
    if (uploads.fetch_add(1) >= max_uploads) {
      --uploads;
      CloseAfter(res);
      return Busy(res, "too many uploads in progress; try again later");
    }
    struct Slot {
      std::atomic<size_t>& n;
      ~Slot() { --n; }
    } slot{uploads};
    std::string body;
    bool too_large = false;
    bool read = reader([&](const char* data, size_t n) {
      if (body.size() + n > opt.max_body_bytes) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (too_large) {
      CloseAfter(res);
      return Error(res, 413,
                   "request body larger than " + std::to_string(opt.max_body_bytes) + " bytes");
    }
    if (!read) {
      CloseAfter(res);
      return Error(res, 400, "the request body could not be read");
    }
    // Parsing is cheap and linear, so it happens here: a body with no valid line is answered at
    // once, and the job holds documents, not text. Coding waits for the job's turn.
    std::vector<sitrep::Document> documents;
    std::vector<std::string> rejected;
    size_t line_no = 0, start = 0;
    while (start < body.size()) {
      size_t nl = body.find('\n', start);
      std::string_view line(body.data() + start,
                            (nl == std::string::npos ? body.size() : nl) - start);
      start = nl == std::string::npos ? body.size() : nl + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto doc = ParseJsonDocument(line, "request:" + std::to_string(line_no));
      if (!doc.ok()) {
        if (rejected.size() < 100) rejected.push_back(doc.status().message());
        continue;
      }
      documents.push_back(std::move(doc).value());
    }
    if (documents.empty()) {
      return Reply(res, 400,
                   json({{"error", "no valid document in the request"},
                         {"status", 400},
                         {"rejected", rejected}}));
    }
    size_t count = documents.size();
    auto id = jobs->Submit(std::move(documents), std::move(rejected), body.size());
    if (!id) return Busy(res);
    res.set_header("Location", "/api/jobs/" + *id);
    Reply(res, 202,
          json({{"job", *id},
                {"status", "queued"},
                {"documents", count},
                {"href", "/api/jobs/" + *id}}));
  }

  void Job(const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    auto view = ValidJobId(id) ? jobs->Get(id) : std::nullopt;
    if (!view) {
      return Error(res, 404,
                   "no such job (finished jobs are kept for a while, in memory: a restart "
                   "forgets them)");
    }
    json out = {{"job", view->id},
                {"status", JobStateName(view->state)},
                {"submitted", view->submitted},
                {"documents", view->stats.documents},
                {"duplicates", view->stats.duplicates},
                {"events_new", view->stats.events_new},
                {"events_merged", view->stats.events_merged},
                {"rejected", view->rejected},
                {"rejected_count", view->rejected_count}};
    if (view->state == JobState::kQueued) out["position"] = view->position;
    if (!view->error.empty()) out["error"] = view->error;
    Reply(res, 200, out);
  }

  // The job queue's way into the store: one writer connection, opened on first use.
  Status Write(const JobQueue::Batch& batch, IngestStats* stats) {
    std::lock_guard<std::mutex> lock(write_mu);
    if (!monitor.healthy()) return Status::Corruption(monitor.problem());
    if (!writer) {
      auto w = Store::Open(opt.db);
      monitor.Saw(w.status());
      if (!w.ok()) return w.status();
      writer = std::move(w).value();
      writer->SetCacheBytes(8u << 20);  // small jobs; a full 64 MiB cache is memory kept for good
    }
    Status s = writer->IngestBatch(batch, stats);
    monitor.Saw(s);
    ::malloc_trim(0);  // see Serve: what a job allocated goes back to the system
    return s;
  }
};

Api::Api(const ServerOptions& options, const Pipeline& pipeline)
    : rep_(std::make_unique<Rep>(options, pipeline)) {}
Api::~Api() = default;

Status Api::Install(httplib::Server& server) {
  Rep* r = rep_.get();
  auto bind = [r](void (Rep::*fn)(const httplib::Request&, httplib::Response&)) {
    return [r, fn](const httplib::Request& req, httplib::Response& res) { (r->*fn)(req, res); };
  };
  server.set_payload_max_length(r->opt.max_body_bytes);
  server.set_pre_routing_handler(
      [r](const httplib::Request& req, httplib::Response& res) { return r->PreRoute(req, res); });
  // "Expect: 100-continue" is answered before routing: refuse there what routing would refuse,
  // so that a client never sends a body only to be told no.
  server.set_expect_100_continue_handler([r](const httplib::Request& req, httplib::Response& res) {
    if (r->PreRoute(req, res) == HandlerResponse::Handled) return res.status;
    return 100;
  });
  server.Get("/api/health", bind(&Rep::Health));
  server.Get("/api/events", bind(&Rep::Events));
  server.Get("/api/control", bind(&Rep::Control));
  server.Get(R"(/api/places/([^/]+)/timeline)", bind(&Rep::PlaceTimeline));
  server.Get(R"(/api/places/([^/]+)/evidence)", bind(&Rep::PlaceEvidence));
  server.Get("/api/divisions", bind(&Rep::Divisions));
  server.Get(R"(/api/documents/([^/]+))", bind(&Rep::Document));
  server.Get("/api/stats", bind(&Rep::Stats));
  server.Get(R"(/api/jobs/([^/]+))", bind(&Rep::Job));
  server.Post("/api/documents",
              [r](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { r->PostDocuments(req, res, reader); });
  if (!r->opt.web_dir.empty() && !server.set_mount_point("/", r->opt.web_dir)) {
    return Status::NotFound(r->opt.web_dir + ": no such folder for the web map");
  }
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    // The library's own refusals (a malformed request line, a bad range, a body it gave up on)
    // leave the connection in an unknown state; a missing static file does not.
    if (res.status != 404) CloseAfter(res);
    std::string what = StatusText(res.status);
    for (char& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (res.status == 404) what = "no such resource: " + req.path;
    Reply(res, res.status, json({{"error", what}, {"status", res.status}}));
  });
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        Internal(req, res, 500, "internal error", Status::IOError(what));
      });
  return Status::OK();
}

void Api::Cancel() { rep_->jobs->Cancel(); }
void Api::Shutdown() { rep_->jobs->Shutdown(); }

}  // namespace sitrep::http

namespace sitrep {

Status CheckToken(std::string_view token) {
  constexpr size_t kMin = 16;
  for (unsigned char c : token) {
    if (c <= ' ' || c == 0x7f)
      return Status::InvalidArgument("the token may not contain white space or control characters");
  }
  if (token.size() < kMin) {
    return Status::InvalidArgument("the token has " + std::to_string(token.size()) +
                                   " characters; at least " + std::to_string(kMin) + " are needed");
  }
  return Status::OK();
}

Result<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot read the token file");
  std::string text(4097, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::InvalidArgument(path + ": cannot read the token file");
  if (text.size() > 4096) return Status::InvalidArgument(path + ": too long for a token file");
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t b = 0, e = text.size();
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  std::string token = text.substr(b, e - b);
  if (token.empty()) return Status::InvalidArgument(path + ": the token file is empty");
  if (token.find('\n') != std::string::npos)
    return Status::InvalidArgument(path + ": the token file must hold one line");
  if (Status s = CheckToken(token); !s.ok())
    return Status::InvalidArgument(path + ": " + s.message());
  return token;
}

Status Serve(const ServerOptions& options, const Pipeline& pipeline,
             const std::function<void(int)>& ready, std::function<void()>* stop) {
  // glibc gives each thread that allocates its own arena (up to 8 per core) and keeps what it
  // freed: with sixteen request threads each rebuilding the control timeline now and then, the
  // soak's resident memory grew by the timeline's size per thread (46 -> 128 MB in a minute).
  // Two arenas serve a server that mostly waits on I/O; malloc_trim after the big frees returns
  // the rest.
  ::mallopt(M_ARENA_MAX, 2);
  if (!options.token.empty()) {
    if (Status s = CheckToken(options.token); !s.ok()) return s;
  }
  {  // Create or migrate the database before serving, so readers find it ready.
    auto store = Store::Open(options.db);
    if (!store.ok()) return store.status();
  }
  http::ConnectionOptions copts;
  copts.workers = static_cast<size_t>(options.threads);
  copts.max_connections = options.max_connections;
  copts.max_per_client = options.max_connections_per_client;
  copts.io_seconds = options.timeout_seconds;
  copts.head_seconds = options.timeout_seconds;
  http::Api api(options, pipeline);
  http::ConnectionServer server(copts);
  if (Status s = api.Install(server); !s.ok()) return s;
  int port = server.Bind(options.bind, options.port);
  if (port < 0)
    return Status::IOError("cannot listen on " + options.bind + ":" + std::to_string(options.port));
  // What *stop reaches: valid while Serve runs, nothing after (a signal may come at any time).
  struct Handle {
    std::mutex mu;
    http::ConnectionServer* server = nullptr;  // guarded by mu
    http::Api* api = nullptr;                  // guarded by mu
  };
  auto handle = std::make_shared<Handle>();
  handle->server = &server;
  handle->api = &api;
  if (stop) {
    *stop = [handle] {
      std::lock_guard<std::mutex> lock(handle->mu);
      if (handle->server) handle->server->Shutdown(std::chrono::seconds(5));
      if (handle->api) handle->api->Cancel();
    };
  }
  if (ready) ready(port);
  bool ok = server.Run();  // returns once stopped and drained
  {
    std::lock_guard<std::mutex> lock(handle->mu);
    handle->server = nullptr;
    handle->api = nullptr;
  }
  api.Shutdown();  // the job worker stops; the store closes with `api`
  if (!ok) return Status::IOError("server stopped with an error");
  return Status::OK();
}

}  // namespace sitrep
