// What the HTTP API accepts, decided from the request line and headers alone, before any body is
// read or any handler runs; and the parsers of its query parameters. Internal; pure functions,
// so the fuzzer and the unit tests drive them directly.
#ifndef SITREP_SRC_SERVER_ROUTES_H_
#define SITREP_SRC_SERVER_ROUTES_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sitrep/store.h"

namespace sitrep::http {

// The methods a path answers to, as an Allow header ("GET, HEAD"), or empty for a path under
// /api/ that does not exist. Paths outside /api/ are the web map's static files.
std::string_view AllowedMethods(std::string_view path);
bool MethodAllowed(std::string_view allowed, std::string_view method);

// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive), or nullopt.
std::optional<std::string_view> BearerToken(std::string_view authorization);
// Compares without an early exit, so the time taken does not tell how much of a guess was right.
bool ConstantTimeEquals(std::string_view expected, std::string_view given);

// A Content-Length header's value: digits only, no overflow; nullopt when malformed.
std::optional<size_t> ParseContentLength(std::string_view value);

// The filters of GET /api/events (the same as `sitrep events`), from a parameter lookup that
// returns nullptr for an absent key. On a bad value returns false with *error set (a message that
// quotes only the parameter's name).
using ParamLookup = std::function<const std::string*(const char* key)>;
bool ParseEventFilter(const ParamLookup& param, EventFilter* filter, std::string* error);

// A job id as POST /api/documents hands them out (32 lowercase hex digits).
bool ValidJobId(std::string_view id);

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_ROUTES_H_
