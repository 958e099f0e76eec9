// The store's health as the server sees it. Internal.
//
// A damaged database file does not fail every query: SQLite reports corruption only on the pages
// a query touches, so writes could go on piling onto a broken file while the health check, which
// reads little, said ok. The monitor runs SQLite's quick_check (every page) when the server
// starts and then periodically, on a thread of its own, never more than 5% of the time (the next
// check waits at least 20 times as long as the last one took); and every request that meets a
// Corruption error reports it here. Once damaged, the store stays unhealthy until a restart:
// /api/health answers 503 and writes are refused, while reads go on answering what they can.
#ifndef SITREP_SRC_SERVER_STORE_MONITOR_H_
#define SITREP_SRC_SERVER_STORE_MONITOR_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "sitrep/status.h"

namespace sitrep {
class Store;
}

namespace sitrep::http {

class StoreMonitor {
 public:
  // interval 0: no background checks (only what requests report).
  StoreMonitor(std::string db, std::chrono::seconds interval);
  ~StoreMonitor();
  StoreMonitor(const StoreMonitor&) = delete;
  StoreMonitor& operator=(const StoreMonitor&) = delete;

  bool healthy() const;
  // Why the store is unhealthy, in words fit for a client (no path, no SQLite text).
  std::string problem() const;
  // What a request met: a Corruption makes the store unhealthy (other errors pass).
  void Saw(const Status& status);

 private:
  void Loop();

  const std::string db_;
  const std::chrono::seconds interval_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;                // guarded by mu_
  std::string problem_;              // guarded by mu_; empty while healthy
  const Store* checking_ = nullptr;  // guarded by mu_: the store under check, to interrupt it
  std::thread thread_;
};

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_STORE_MONITOR_H_
