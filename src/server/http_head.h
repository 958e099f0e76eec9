// The request head as it arrives on a socket: where it ends, whether it keeps to its limits, and
// the little the connection layer needs from it (method, path) before the full parser runs.
// Internal to the server; pure functions over bytes, so the fuzzer drives them directly.
#ifndef SITREP_SRC_SERVER_HTTP_HEAD_H_
#define SITREP_SRC_SERVER_HTTP_HEAD_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sitrep::http {

struct HeadLimits {
  size_t max_request_line = 8192;  // cpp-httplib's own URI limit; longer is 414
  size_t max_head_bytes = 32768;   // request line and every header line; more is 431
  size_t max_header_lines = 100;   // more is 431
};

// Scans a growing buffer for the blank line that ends a request head. Call Scan with the whole
// buffer each time more bytes arrived; it resumes where it stopped, so a head costs one pass
// however it is trickled in. Lines must end in CRLF (cpp-httplib skips bare-LF lines and would
// read past the head), so a bare LF is refused rather than waited on.
class HeadScanner {
 public:
  enum class State {
    kIncomplete,
    kComplete,
    kRequestLineTooLong,  // 414
    kHeadTooLarge,        // 431
    kTooManyHeaders,      // 431
    kBadLineEnding,       // 400
  };

  explicit HeadScanner(HeadLimits limits = {}) : limits_(limits) {}
  State Scan(std::string_view buffer);
  // Bytes of the head, blank line included (valid once Scan returned kComplete).
  size_t head_bytes() const { return end_; }
  void Reset() { *this = HeadScanner(limits_); }

 private:
  HeadLimits limits_;
  size_t pos_ = 0, line_start_ = 0, lines_ = 0, end_ = 0;
  State state_ = State::kIncomplete;
};

// The HTTP status a scanner error is answered with, and a short reason.
int StatusFor(HeadScanner::State s);
const char* ReasonFor(HeadScanner::State s);

// Bytes of blank lines (CRLF or LF) before the first request line, which RFC 9112 asks servers
// to ignore; the caller drops them before scanning.
size_t LeadingBlankLines(std::string_view buffer);

struct RequestLine {
  std::string_view method, target, path;  // path: the target up to '?'
  bool ok = false;
};
// Splits "METHOD SP target SP HTTP/x.y" (the first line of a complete head).
RequestLine ParseRequestLine(std::string_view head);

// The standard reason phrase of a status sitrep answers with ("Not Found").
const char* StatusText(int status);

// A whole HTTP/1.1 response with a JSON error body ({"error": ..., "status": ...}), for answers
// the connection layer writes itself, before any parser ran (503 when full, 408, 431).
std::string ErrorResponse(int status, std::string_view message, bool close = true);

// The key connection and login limits count by: the address for IPv4, its /64 for IPv6 (one
// machine usually holds a whole /64).
std::string ClientKey(std::string_view address);

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_HTTP_HEAD_H_
