// The HTTP API over the store, and the static files of the web map.
//
// cpp-httplib (Debian's libcpp-httplib-dev) with a fixed thread pool, read/write timeouts and a
// body limit. Each read request opens its own read-only connection: under WAL, readers never wait
// for the writer. Writes (POST /api/documents) go through one writer connection behind a mutex
// and need the bearer token, compared in constant time. SQL is parameterised throughout (the
// store binds every value); static paths with ".." are refused by the library before reaching us.
#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "sitrep/control.h"
#include "sitrep/pipeline.h"
#include "sitrep/server.h"
#include "sitrep/store.h"
#include "src/report/rows.h"

namespace sitrep {

namespace {

using nlohmann::json;

void Reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

// Every answer is serialised here. Request text can carry invalid UTF-8 (a path or parameter
// decoding to "%FF"); nlohmann throws on it by default, and a throw inside cpp-httplib's error
// handler aborts the process, so invalid bytes are replaced instead.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void Reply(httplib::Response& res, int status, const json& body) { Reply(res, status, Dump(body)); }

void Error(httplib::Response& res, int status, const std::string& message) {
  Reply(res, status, json({{"error", message}, {"status", status}}));
}

int StatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kNotFound: return 404;
    case Status::Code::kInvalidArgument:
    case Status::Code::kInvalidInput: return 400;
    default: return 500;
  }
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i)
    diff |= static_cast<unsigned char>(a[i % (a.empty() ? 1 : a.size())] ^ b[i]);
  return diff == 0 && !a.empty();
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

// Reads the filters shared with `sitrep events`; false (with a 400 sent) on a bad value.
bool EventFilterFrom(const httplib::Request& req, httplib::Response& res, EventFilter* f) {
  auto date = [&](const char* key, std::optional<Date>* out) {
    if (!req.has_param(key)) return true;
    *out = Date::Parse(req.get_param_value(key));
    if (!*out) Error(res, 400, std::string("'") + key + "' must be a date YYYY-MM-DD");
    return out->has_value();
  };
  if (req.has_param("type")) {
    f->type = EventTypeFromName(req.get_param_value("type"));
    if (!f->type) {
      Error(res, 400, "unknown event type '" + req.get_param_value("type") + "'");
      return false;
    }
  }
  f->place = req.get_param_value("place");
  f->admin1 = req.get_param_value("admin1");
  f->country = req.get_param_value("country");
  f->actor = req.get_param_value("actor");
  f->feature = req.get_param_value("feature");
  if (!date("since", &f->since) || !date("until", &f->until)) return false;
  auto number = [&](const char* key, double lo, double hi, double* out) {
    if (!req.has_param(key)) return true;
    char* end = nullptr;
    std::string v = req.get_param_value(key);
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !(d >= lo && d <= hi)) {
      Error(res, 400,
            std::string("'") + key + "' must be a number in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "]");
      return false;
    }
    *out = d;
    return true;
  };
  double limit = 100, offset = 0;
  if (!number("min_confidence", 0, 1, &f->min_confidence) || !number("limit", 1, 1000, &limit) ||
      !number("offset", 0, 1e9, &offset)) {
    return false;
  }
  f->limit = static_cast<size_t>(limit);
  f->offset = static_cast<size_t>(offset);
  if (req.get_param_value("historical") == "false") f->include_historical = false;
  return true;
}

class Api {
 public:
  Api(const ServerOptions& o, const Pipeline& p) : opt_(o), pipeline_(p) {}

  Result<std::unique_ptr<Store>> Reader() const { return Store::Open(opt_.db, /*read_only=*/true); }

  // The whole control timeline, rebuilt only when the store's content changed (by this server or
  // any other writer): building it reads every transfer, answering from it is a scan of intervals.
  Result<std::shared_ptr<const std::vector<ControlInterval>>> Timeline(const Store& store) {
    auto version = store.ContentVersion();
    if (!version.ok()) return version.status();
    {
      std::lock_guard<std::mutex> lock(cache_mu_);
      if (timeline_ && timeline_version_ == *version) return timeline_;
    }
    auto built = ControlTimeline(store);
    if (!built.ok()) return built.status();
    auto shared = std::make_shared<const std::vector<ControlInterval>>(std::move(built).value());
    std::lock_guard<std::mutex> lock(cache_mu_);
    timeline_ = shared;
    timeline_version_ = *version;
    return shared;
  }

  void Health(const httplib::Request&, httplib::Response& res) {
    auto store = Reader();
    if (!store.ok()) return Error(res, 503, store.status().message());
    Reply(res, 200, json({{"status", "ok"}, {"schema", (*store)->schema_version()}}));
  }

  void Events(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (!EventFilterFrom(req, res, &f)) return;
    auto store = Reader();
    if (!store.ok()) return Error(res, 503, store.status().message());
    auto events = (*store)->Events(f);
    if (!events.ok()) return Error(res, StatusFor(events.status()), events.status().message());
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
    if (!store.ok()) return Error(res, 503, store.status().message());
    auto t = Timeline(**store);
    if (!t.ok()) return Error(res, 500, t.status().message());
    std::string country = req.get_param_value("country"), feature = req.get_param_value("feature");
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& iv : ControlAt(**t, *at)) {
      if (!country.empty() && iv.place.country != country) continue;
      if (!feature.empty() && iv.place.feature != feature) continue;
      cells.push_back(rows::IntervalCells(iv));
    }
    Reply(res, 200, RowsArray(rows::IntervalColumns(), cells));
  }

  void PlaceTimeline(const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    std::string key = id.find(':') == std::string::npos ? "gn:" + id : id;
    auto store = Reader();
    if (!store.ok()) return Error(res, 503, store.status().message());
    auto t = Timeline(**store);
    if (!t.ok()) return Error(res, 500, t.status().message());
    std::vector<std::vector<rows::Cell>> cells;
    for (const auto& iv : **t) {
      if (PlaceKey(iv.place) == key) cells.push_back(rows::IntervalCells(iv));
    }
    if (cells.empty()) return Error(res, 404, "no control record for place '" + id + "'");
    Reply(res, 200, RowsArray(rows::IntervalColumns(), cells));
  }

  void Document(const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    auto store = Reader();
    if (!store.ok()) return Error(res, 503, store.status().message());
    auto doc = (*store)->GetDocument(id);
    if (!doc.ok()) return Error(res, StatusFor(doc.status()), doc.status().message());
    EventFilter f;
    f.doc = id;
    auto events = (*store)->Events(f);
    if (!events.ok()) return Error(res, 500, events.status().message());
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

  void Stats(const httplib::Request&, httplib::Response& res) {
    auto store = Reader();
    if (!store.ok()) return Error(res, 503, store.status().message());
    EventFilter f;
    f.include_historical = false;
    auto events = (*store)->Events(f);
    if (!events.ok()) return Error(res, 500, events.status().message());
    std::map<std::string, std::set<std::string>> captures;
    std::map<std::string, int> by_type;
    std::string first, last;
    for (const auto& se : *events) {
      const Event& e = se.event;
      by_type[std::string(EventTypeName(e.type))]++;
      if (e.type == EventType::kCapture && e.place)
        captures[e.date_end.ToString()].insert(PlaceKey(*e.place));
      std::string d = e.date.ToString(), de = e.date_end.ToString();
      if (first.empty() || d < first) first = d;
      if (last.empty() || de > last) last = de;
    }
    json per_day = json::array();
    for (const auto& [day, places] : captures)
      per_day.push_back({{"date", day}, {"captures", places.size()}});
    Reply(res, 200,
          json({{"first", first.empty() ? json(nullptr) : json(first)},
                {"last", last.empty() ? json(nullptr) : json(last)},
                {"events", events->size()},
                {"events_by_type", by_type},
                {"captures_per_day", per_day}}));
  }

  void PostDocuments(const httplib::Request& req, httplib::Response& res) {
    std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (opt_.token.empty())
      return Error(res, 403, "writes are disabled: start the server with --token-file");
    if (auth.rfind(prefix, 0) != 0 ||
        !ConstantTimeEquals(opt_.token, std::string_view(auth).substr(prefix.size()))) {
      res.set_header("WWW-Authenticate", "Bearer");
      return Error(res, 401, "a valid bearer token is required to write");
    }
    std::vector<std::pair<sitrep::Document, std::vector<Event>>> batch;
    json rejected = json::array();
    size_t line_no = 0, start = 0;
    const std::string& body = req.body;
    while (start < body.size()) {
      size_t nl = body.find('\n', start);
      std::string_view line(body.data() + start,
                            (nl == std::string::npos ? body.size() : nl) - start);
      start = nl == std::string::npos ? body.size() : nl + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto doc = ParseJsonDocument(line, "request:" + std::to_string(line_no));
      if (!doc.ok()) {
        rejected.push_back(doc.status().message());
        continue;
      }
      std::vector<Event> events = pipeline_.Code(*doc);
      batch.emplace_back(std::move(doc).value(), std::move(events));
    }
    if (batch.empty()) {
      return Reply(res, 400,
                   json({{"error", "no valid document in the request"},
                         {"status", 400},
                         {"rejected", rejected}}));
    }
    IngestStats stats;
    {
      std::lock_guard<std::mutex> lock(write_mu_);
      if (!writer_) {
        auto w = Store::Open(opt_.db);
        if (!w.ok()) return Error(res, 500, w.status().message());
        writer_ = std::move(w).value();
      }
      if (Status s = writer_->IngestBatch(batch, &stats); !s.ok())
        return Error(res, StatusFor(s), s.message());
    }
    Reply(res, rejected.empty() ? 201 : 207,
          json({{"documents", stats.documents},
                {"duplicates", stats.duplicates},
                {"events_new", stats.events_new},
                {"events_merged", stats.events_merged},
                {"rejected", rejected}}));
  }

 private:
  const ServerOptions& opt_;
  const Pipeline& pipeline_;
  std::mutex write_mu_;
  std::unique_ptr<Store> writer_;
  std::mutex cache_mu_;
  std::shared_ptr<const std::vector<ControlInterval>> timeline_;
  int64_t timeline_version_ = -1;
};

}  // namespace

Status Serve(const ServerOptions& options, const Pipeline& pipeline,
             const std::function<void(int)>& ready, std::function<void()>* stop) {
  {  // Create or migrate the database before serving, so readers find it ready.
    auto store = Store::Open(options.db);
    if (!store.ok()) return store.status();
  }
  httplib::Server server;
  Api api(options, pipeline);
  server.new_task_queue = [n = options.threads] {
    return new httplib::ThreadPool(static_cast<size_t>(n));
  };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(options.timeout_seconds, 0);
  server.set_write_timeout(options.timeout_seconds, 0);
  server.set_keep_alive_max_count(100);
  auto bind = [&api](void (Api::*fn)(const httplib::Request&, httplib::Response&)) {
    return [&api, fn](const httplib::Request& req, httplib::Response& res) { (api.*fn)(req, res); };
  };
  server.Get("/api/health", bind(&Api::Health));
  server.Get("/api/events", bind(&Api::Events));
  server.Get("/api/control", bind(&Api::Control));
  server.Get(R"(/api/places/([^/]+)/timeline)", bind(&Api::PlaceTimeline));
  server.Get(R"(/api/documents/([^/]+))", bind(&Api::Document));
  server.Get("/api/stats", bind(&Api::Stats));
  server.Post("/api/documents", bind(&Api::PostDocuments));
  if (!options.web_dir.empty() && !server.set_mount_point("/", options.web_dir)) {
    return Status::NotFound(options.web_dir + ": no such folder for the web map");
  }
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string what = res.status == 413   ? "request body too large"
                       : res.status == 404 ? "no such resource: " + req.path
                                           : "request failed";
    Reply(res, res.status, json({{"error", what}, {"status", res.status}}));
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) { Error(res, 500, "internal error"); });
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
  } else if (!server.bind_to_port(options.bind, port)) {
    port = -1;
  }
  if (port < 0)
    return Status::IOError("cannot listen on " + options.bind + ":" + std::to_string(options.port));
  if (stop) *stop = [&server] { server.stop(); };
  if (ready) ready(port);
  if (!server.listen_after_bind()) return Status::IOError("server stopped with an error");
  return Status::OK();
}

}  // namespace sitrep
