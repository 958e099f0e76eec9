// Slows down token guessing: each client may fail a few times in a row, then one attempt per
// interval. While a client has no attempt left its requests are refused (429) without the token
// being compared at all, so a refusal tells a guesser nothing. Internal.
#ifndef SITREP_SRC_SERVER_THROTTLE_H_
#define SITREP_SRC_SERVER_THROTTLE_H_

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sitrep::http {

class AuthThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  // `burst` failures at once; then one more every `interval`.
  explicit AuthThrottle(double burst = 5, Clock::duration interval = std::chrono::seconds(2),
                        size_t max_clients = 10000)
      : burst_(burst), interval_(interval), max_clients_(max_clients) {}

  // Whether `client` may present a token now; if not, *retry_after says in how many seconds.
  bool Allowed(const std::string& client, int* retry_after, Clock::time_point now = Clock::now());
  void Failed(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double attempts;  // left, refilled over time up to burst_
    Clock::time_point at;
  };
  double Refill(Bucket& b, Clock::time_point now) const;

  const double burst_;
  const Clock::duration interval_;
  const size_t max_clients_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mu_; only clients that failed
};

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_THROTTLE_H_
