#include "src/server/routes.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sitrep/date.h"
#include "sitrep/event.h"

namespace sitrep::http {

namespace {

constexpr std::string_view kRead = "GET, HEAD";
constexpr std::string_view kWrite = "POST";

// "/api/<prefix>/<one segment><suffix>"
bool OneSegment(std::string_view path, std::string_view prefix, std::string_view suffix) {
  if (!path.starts_with(prefix) || !path.ends_with(suffix)) return false;
  if (path.size() < prefix.size() + suffix.size() + 1) return false;
  std::string_view seg = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  return seg.find('/') == std::string_view::npos;
}

}  // namespace

std::string_view AllowedMethods(std::string_view path) {
  if (path == "/api/documents") return kWrite;
  if (path == "/api/health" || path == "/api/events" || path == "/api/control" ||
      path == "/api/divisions" || path == "/api/stats") {
    return kRead;
  }
  if (OneSegment(path, "/api/places/", "/timeline") ||
      OneSegment(path, "/api/places/", "/evidence") || OneSegment(path, "/api/documents/", "") ||
      OneSegment(path, "/api/jobs/", "")) {
    return kRead;
  }
  if (path == "/api" || path.starts_with("/api/")) return {};
  return kRead;  // the web map
}

bool MethodAllowed(std::string_view allowed, std::string_view method) {
  if (method.empty()) return false;
  size_t start = 0;
  while (start < allowed.size()) {
    size_t comma = allowed.find(',', start);
    std::string_view m =
        allowed.substr(start, comma == std::string_view::npos ? allowed.npos : comma - start);
    while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
    if (m == method) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

std::optional<std::string_view> BearerToken(std::string_view auth) {
  constexpr std::string_view kScheme = "bearer ";
  if (auth.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(auth[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view token = auth.substr(kScheme.size());
  while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i)
    diff |= static_cast<unsigned char>(a[i % (a.empty() ? 1 : a.size())] ^ b[i]);
  return diff == 0 && !a.empty();
}

std::optional<size_t> ParseContentLength(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty() || v.size() > 19) return std::nullopt;
  size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

bool ParseEventFilter(const ParamLookup& param, EventFilter* f, std::string* error) {
  auto text = [&](const char* key) -> std::string {
    const std::string* v = param(key);
    return v ? *v : "";
  };
  auto date = [&](const char* key, std::optional<Date>* out) {
    const std::string* v = param(key);
    if (!v) return true;
    *out = Date::Parse(*v);
    if (!*out) *error = std::string("'") + key + "' must be a date YYYY-MM-DD";
    return out->has_value();
  };
  if (const std::string* type = param("type")) {
    f->type = EventTypeFromName(*type);
    if (!f->type) {
      *error = "'type' must be an event type (capture, clash, airstrike, ...)";
      return false;
    }
  }
  f->place = text("place");
  f->admin1 = text("admin1");
  f->country = text("country");
  f->actor = text("actor");
  f->feature = text("feature");
  if (!date("since", &f->since) || !date("until", &f->until)) return false;
  auto number = [&](const char* key, double lo, double hi, const char* range, double* out) {
    const std::string* v = param(key);
    if (!v) return true;
    char* end = nullptr;
    double d = std::strtod(v->c_str(), &end);
    if (v->empty() || *end || !(d >= lo && d <= hi)) {
      *error = std::string("'") + key + "' must be a number in " + range;
      return false;
    }
    *out = d;
    return true;
  };
  double limit = 100, offset = 0;
  if (!number("min_confidence", 0, 1, "[0, 1]", &f->min_confidence) ||
      !number("limit", 1, 1000, "[1, 1000]", &limit) ||
      !number("offset", 0, 1e9, "[0, 1000000000]", &offset)) {
    return false;
  }
  f->limit = static_cast<size_t>(limit);
  f->offset = static_cast<size_t>(offset);
  if (text("historical") == "false") f->include_historical = false;
  return true;
}

bool ValidJobId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace sitrep::http
