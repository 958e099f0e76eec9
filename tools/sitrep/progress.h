// A one-line progress bar on stderr, shown only when stderr is a terminal and the input is large.
#ifndef SITREP_TOOLS_SITREP_PROGRESS_H_
#define SITREP_TOOLS_SITREP_PROGRESS_H_

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace sitrep::cli {

class ProgressBar {
 public:
  // `total_bytes()` of input is asked only on a terminal (it walks the inputs once more); below
  // `threshold` or off a terminal the bar stays silent.
  template <typename TotalFn>
  explicit ProgressBar(TotalFn total_bytes, size_t threshold = 8u << 20)
      : total_(isatty(STDERR_FILENO) ? total_bytes() : 0),
        enabled_(total_ >= threshold),
        start_(std::chrono::steady_clock::now()) {}

  void Update(size_t done_bytes, size_t docs) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double frac = total_ ? static_cast<double>(done_bytes) / static_cast<double>(total_) : 0;
    if (frac > 1) frac = 1;
    int filled = static_cast<int>(frac * 30);
    std::fprintf(stderr, "\r[%.*s%*s] %3.0f%% %zu docs %.1f MB/s", filled,
                 "##############################", 30 - filled, "", frac * 100, docs,
                 secs > 0 ? static_cast<double>(done_bytes) / 1e6 / secs : 0.0);
    shown_ = true;
  }
  void Done() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 70, "");
  }

 private:
  size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_PROGRESS_H_
