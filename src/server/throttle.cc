#include "src/server/throttle.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sitrep::http {

double AuthThrottle::Refill(Bucket& b, Clock::time_point now) const {
  double gained =
      std::chrono::duration<double>(now - b.at) / std::chrono::duration<double>(interval_);
  if (gained > 0) {
    b.attempts = std::min(burst_, b.attempts + gained);
    b.at = now;
  }
  return b.attempts;
}

bool AuthThrottle::Allowed(const std::string& client, int* retry_after, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) return true;
  double left = Refill(it->second, now);
  if (left >= 1) return true;
  double wait = (1 - left) * std::chrono::duration<double>(interval_).count();
  *retry_after = std::max(1, static_cast<int>(std::ceil(wait)));
  return false;
}

void AuthThrottle::Failed(const std::string& client, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) {
      // Forget the clients whose attempts have all come back; if that frees nothing, anyone.
      for (auto i = buckets_.begin(); i != buckets_.end();)
        i = Refill(i->second, now) >= burst_ ? buckets_.erase(i) : std::next(i);
      if (buckets_.size() >= max_clients_) buckets_.erase(buckets_.begin());
    }
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Refill(it->second, now);
  it->second.attempts = std::max(0.0, it->second.attempts - 1);
}

}  // namespace sitrep::http
