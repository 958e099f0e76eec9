// A raw TCP client on loopback for tests that must send what no HTTP library would (trickled
// heads, header floods, bodies that never come), and a reader of /proc for a server's memory.
#ifndef SITREP_TESTS_E2E_RAW_HTTP_H_
#define SITREP_TESTS_E2E_RAW_HTTP_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace sitrep::testing {

class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
    int one = 1;
    if (fd_ >= 0) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection(RawConnection&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  // False once the peer has closed or reset the connection.
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      pollfd p{fd_, POLLOUT, 0};
      if (::poll(&p, 1, 5000) <= 0) return false;
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until the peer closes or `timeout` passes.
  std::string ReadAll(std::chrono::milliseconds timeout) {
    std::string out;
    auto end = std::chrono::steady_clock::now() + timeout;
    while (Wait(end)) {
      char buf[65536];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // Reads one response: its head and Content-Length bytes of body (or until close / timeout).
  std::string ReadResponse(std::chrono::milliseconds timeout) {
    std::string out;
    auto end = std::chrono::steady_clock::now() + timeout;
    while (true) {
      size_t head = out.find("\r\n\r\n");
      if (head != std::string::npos) {
        size_t cl = Header(out, "content-length").empty()
                        ? 0
                        : std::strtoull(Header(out, "content-length").c_str(), nullptr, 10);
        if (out.size() >= head + 4 + cl) return out;
      }
      if (!Wait(end)) return out;
      char buf[65536];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }

  // True if the peer closed (or reset) the connection within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (Wait(end)) {
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
    }
    return false;
  }

  // A header of a response head, by lower-case name ("" if absent).
  static std::string Header(std::string_view response, std::string_view name) {
    size_t head = response.find("\r\n\r\n");
    std::string_view h = response.substr(0, head);
    size_t pos = 0;
    while ((pos = h.find("\r\n", pos)) != std::string_view::npos) {
      pos += 2;
      size_t colon = h.find(':', pos);
      size_t eol = h.find("\r\n", pos);
      if (colon == std::string_view::npos || (eol != std::string_view::npos && colon > eol))
        continue;
      std::string key(h.substr(pos, colon - pos));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key == name) {
        std::string_view v =
            h.substr(colon + 1, eol == std::string_view::npos ? h.npos : eol - colon - 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        return std::string(v);
      }
    }
    return "";
  }

 private:
  bool Wait(std::chrono::steady_clock::time_point end) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  end - std::chrono::steady_clock::now())
                  .count();
    if (ms <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(ms)) > 0;
  }

  int fd_ = -1;
};

// "HTTP/1.1 404 Not Found..." -> 404; 0 for anything else.
inline int StatusOf(std::string_view response) {
  if (!response.starts_with("HTTP/1.1 ") || response.size() < 12) return 0;
  return std::atoi(std::string(response.substr(9, 3)).c_str());
}

inline std::string BodyOf(std::string_view response) {
  size_t head = response.find("\r\n\r\n");
  return head == std::string_view::npos ? "" : std::string(response.substr(head + 4));
}

// A process's resident memory now (VmRSS) or at its peak (VmHWM), in KiB.
inline size_t MemoryKb(int pid, std::string_view field = "VmRSS") {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(field)) return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10);
  }
  return 0;
}

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_E2E_RAW_HTTP_H_
