#include "src/server/store_monitor.h"

#include <algorithm>
#include <iostream>

#include "sitrep/store.h"

namespace sitrep::http {

StoreMonitor::StoreMonitor(std::string db, std::chrono::seconds interval)
    : db_(std::move(db)), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { Loop(); });
}

StoreMonitor::~StoreMonitor() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    if (checking_) checking_->Interrupt();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool StoreMonitor::healthy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return problem_.empty();
}

std::string StoreMonitor::problem() const {
  std::lock_guard<std::mutex> lock(mu_);
  return problem_;
}

void StoreMonitor::Saw(const Status& s) {
  if (s.code() != Status::Code::kCorruption) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (!problem_.empty()) return;
  std::cerr << "sitrep: the store is damaged; refusing writes: " << s.ToString() << "\n";
  problem_ = "the store is damaged; writes are refused until it is repaired";
}

void StoreMonitor::Loop() {
  while (true) {
    auto start = std::chrono::steady_clock::now();
    auto store = Store::Open(db_, /*read_only=*/true);
    Status s = store.status();
    if (store.ok()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return;
        checking_ = store->get();
      }
      s = (*store)->Check();
      std::lock_guard<std::mutex> lock(mu_);
      checking_ = nullptr;
    }
    Saw(s);
    auto took = std::chrono::steady_clock::now() - start;
    auto wait = std::max<std::chrono::steady_clock::duration>(interval_, 20 * took);
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, wait, [this] { return stop_; })) return;
  }
}

}  // namespace sitrep::http
