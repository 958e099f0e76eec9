// sitrep's HTTP API and web map server.
#ifndef SITREP_SERVER_H_
#define SITREP_SERVER_H_

#include <functional>
#include <string>
#include <string_view>

#include "sitrep/control.h"
#include "sitrep/status.h"

namespace sitrep {

class Pipeline;

struct ServerOptions {
  std::string db = "sitrep.db";
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;
  std::string token;    // bearer token for writes; empty = writes refused
  std::string web_dir;  // static files of the map; empty = API only
  int threads = 16;     // requests processed at once (most of a request's time is spent on I/O)
  size_t max_body_bytes = 16u << 20;
  int timeout_seconds = 10;      // a request head, and a read or write that makes no progress
  size_t max_connections = 256;  // open at once; the longest idle is closed for more
  size_t max_connections_per_client = 32;  // from one address (IPv6: one /64)
  // POST /api/documents queues a job; at most this many wait (more: 503 with Retry-After).
  size_t max_queued_jobs = 16;
  // POST bodies read at once (each holds a request thread while it arrives; never more than half
  // of `threads`); more: 503.
  size_t max_uploads = 4;
  double max_doc_seconds = 30;  // a document coding longer is rejected (0 = no limit)
  // The store's integrity is checked at start and then every so often (at most 5% of the time);
  // a damaged store makes /api/health 503 and refuses writes. 0: no background checks.
  int store_check_seconds = 60;
  ControlRules control;   // how control is weighed (see control.h)
  std::string gazetteer;  // for /api/divisions; empty = the default one
};

// A bearer token the server accepts: at least 16 characters, none of them white space or control
// characters (RFC 6750 tokens have none). InvalidArgument says what is wrong, never the token.
Status CheckToken(std::string_view token);

// Reads a token file: its content with white space trimmed at both ends, checked by CheckToken.
// Errors name the file and say what is wrong (unreadable, empty, too short, several lines).
Result<std::string> ReadTokenFile(const std::string& path);

// Serves until `*stop` is called from another thread (or the process ends). `ready` is called
// once the socket listens, with the port it got (useful with port 0); *stop is set before it.
// Stopping closes the listening socket and idle connections, lets requests in progress finish
// (5 s at most), cancels queued and running ingest jobs, and closes the store; Serve then
// returns. *stop stays safe to call after Serve returned (it does nothing then).
Status Serve(const ServerOptions& options, const Pipeline& pipeline,
             const std::function<void(int port)>& ready, std::function<void()>* stop);

}  // namespace sitrep

#endif  // SITREP_SERVER_H_
