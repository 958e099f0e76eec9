// The HTTP API's routes and handlers, installed on any cpp-httplib server (the connection server
// in production, a bare one in the fuzzer). Internal; Serve() in sitrep/server.h is its public
// face.
#ifndef SITREP_SRC_SERVER_HTTP_API_H_
#define SITREP_SRC_SERVER_HTTP_API_H_

#include <httplib.h>

#include <memory>

#include "sitrep/pipeline.h"
#include "sitrep/server.h"
#include "sitrep/status.h"

namespace sitrep::http {

class Api {
 public:
  Api(const ServerOptions& options, const Pipeline& pipeline);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Registers every route, the checks that run before any body is read, and the handlers that
  // turn every error into JSON. Fails when the web map folder is missing.
  Status Install(httplib::Server& server);
  // Cancels queued and running ingest jobs; returns at once (any thread).
  void Cancel();
  // Cancel(), then waits for the job worker to stop.
  void Shutdown();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_HTTP_API_H_
