#include "src/server/http_head.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sitrep::http {

HeadScanner::State HeadScanner::Scan(std::string_view b) {
  if (state_ != State::kIncomplete) return state_;
  for (; pos_ < b.size(); ++pos_) {
    if (pos_ >= limits_.max_head_bytes) return state_ = State::kHeadTooLarge;
    if (lines_ == 0 && pos_ >= limits_.max_request_line) return state_ = State::kRequestLineTooLong;
    if (b[pos_] != '\n') continue;
    if (pos_ == line_start_ || b[pos_ - 1] != '\r') return state_ = State::kBadLineEnding;
    bool blank = pos_ == line_start_ + 1;
    line_start_ = pos_ + 1;
    if (blank) {
      if (lines_ == 0) return state_ = State::kBadLineEnding;  // callers drop leading blanks
      end_ = pos_ + 1;
      ++pos_;
      return state_ = State::kComplete;
    }
    if (++lines_ > limits_.max_header_lines + 1) return state_ = State::kTooManyHeaders;
  }
  return state_;
}

int StatusFor(HeadScanner::State s) {
  switch (s) {
    case HeadScanner::State::kRequestLineTooLong: return 414;
    case HeadScanner::State::kHeadTooLarge:
    case HeadScanner::State::kTooManyHeaders: return 431;
    case HeadScanner::State::kBadLineEnding: return 400;
    case HeadScanner::State::kIncomplete:
    case HeadScanner::State::kComplete: break;
  }
  return 200;
}

const char* ReasonFor(HeadScanner::State s) {
  switch (s) {
    case HeadScanner::State::kRequestLineTooLong: return "request line too long";
    case HeadScanner::State::kHeadTooLarge: return "request headers too large";
    case HeadScanner::State::kTooManyHeaders: return "too many request headers";
    case HeadScanner::State::kBadLineEnding: return "request lines must end with CRLF";
    case HeadScanner::State::kIncomplete:
    case HeadScanner::State::kComplete: break;
  }
  return "";
}

size_t LeadingBlankLines(std::string_view b) {
  size_t i = 0;
  while (true) {
    if (i < b.size() && b[i] == '\n') {
      ++i;
    } else if (i + 1 < b.size() && b[i] == '\r' && b[i + 1] == '\n') {
      i += 2;
    } else {
      return i;
    }
  }
}

RequestLine ParseRequestLine(std::string_view head) {
  RequestLine r;
  size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return r;
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return r;
  r.method = line.substr(0, sp1);
  r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  r.path = r.target.substr(0, r.target.find('?'));
  r.ok = line.substr(sp2 + 1).starts_with("HTTP/");
  return r;
}

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::string ErrorResponse(int status, std::string_view message, bool close) {
  nlohmann::json j = {{"error", message}, {"status", status}};
  std::string body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  char line[96];
  std::snprintf(line, sizeof line, "HTTP/1.1 %d %s\r\n", status, StatusText(status));
  std::string out = line;
  out += "Content-Type: application/json; charset=utf-8\r\n";
  if (status == 503) out += "Retry-After: 1\r\n";
  if (close) out += "Connection: close\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  return out + body;
}

std::string ClientKey(std::string_view address) {
  std::string a(address);
  in6_addr v6;
  if (a.find(':') == std::string::npos || inet_pton(AF_INET6, a.c_str(), &v6) != 1) return a;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char buf[64];
  if (std::equal(kMapped, kMapped + 12, v6.s6_addr)) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v6.s6_addr[12], v6.s6_addr[13], v6.s6_addr[14],
                  v6.s6_addr[15]);
    return buf;
  }
  std::string out;
  for (int i = 0; i < 8; i += 2) {
    std::snprintf(buf, sizeof buf, "%02x%02x:", v6.s6_addr[i], v6.s6_addr[i + 1]);
    out += buf;
  }
  return out + ":/64";
}

}  // namespace sitrep::http
