#include "src/server/connections.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sitrep::http {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kReadChunk = 16384;
constexpr size_t kWriteBuffer = 65536;
constexpr size_t kLingerBytes = 64u << 20;
constexpr auto kLingerTime = std::chrono::seconds(2);

// cpp-httplib's accept loop hands each socket to the task queue; ours runs the task at once, on
// the accepting thread, because all it does is pass the socket to the poller.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

int MillisUntil(Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms <= 0 ? 0 : static_cast<int>(std::min<long long>(ms, 1 << 30));
}

// Waits until fd is ready for `events` or the deadline passes.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, MillisUntil(deadline));
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

// Best effort, never blocking: for refusals written by the poller.
void SendNow(int fd, std::string_view bytes) {
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

// Reads what is already queued (bounded), so that closing does not reset the connection before
// the client has read a refusal.
void DiscardPending(int fd) {
  char buf[4096];
  for (int i = 0; i < 16; ++i) {
    if (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) return;
  }
}

}  // namespace

struct ConnectionServer::Conn {
  int fd = -1;
  std::string address, client;
  int port = 0;
  std::string in;  // received and not yet consumed by a request
  HeadScanner scan;
  enum class State { kIdle, kQueued, kBusy };
  // Written by the poller and, once (to kBusy), by the worker that takes the connection; the
  // poller reads it for every connection.
  std::atomic<State> state{State::kIdle};
  Clock::time_point since;         // idle or queued since
  Clock::time_point head_started;  // first byte of the current request
  bool head_begun = false;
  bool priority = false;
  bool close = false;        // set by the worker: close instead of keeping alive
  bool close_after = false;  // set by a handler for the current response
  // Answered with a body left unread: what still arrives is read and dropped for a little while
  // (so the client gets to read the answer instead of a reset), then the connection is closed.
  bool lingering = false;
  size_t lingered = 0;
  uint64_t idle_seq = 0;  // eviction order: smaller has been idle longer
  size_t served = 0;
};

thread_local ConnectionServer::Conn* ConnectionServer::current_ = nullptr;

// The Stream cpp-httplib reads requests from and writes responses to: the buffered head first,
// then the socket with deadlines; writes are gathered and sent once per response.
class ConnectionServer::ConnStream : public httplib::Stream {
 public:
  ConnStream(Conn& c, const ConnectionOptions& o)
      : c_(c), o_(o), body_deadline_(Clock::now() + std::chrono::seconds(o.body_seconds)) {}

  bool is_readable() const override {
    return pos_ < c_.in.size() || WaitFor(c_.fd, POLLIN, ReadDeadline());
  }
  bool is_writable() const override { return WaitFor(c_.fd, POLLOUT, WriteDeadline()); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == c_.in.size()) {
      if (!Fill()) return broken_ ? -1 : 0;
    }
    size_t n = std::min(size, c_.in.size() - pos_);
    std::memcpy(ptr, c_.in.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  using httplib::Stream::write;
  ssize_t write(const char* ptr, size_t size) override {
    if (broken_) return -1;
    out_.append(ptr, size);
    if (out_.size() >= kWriteBuffer && !Flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.address;
    port = c_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr;
    socklen_t len = sizeof addr;
    ip.clear();
    port = 0;
    if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char buf[INET6_ADDRSTRLEN] = "";
    if (addr.ss_family == AF_INET) {
      auto* a = reinterpret_cast<sockaddr_in*>(&addr);
      inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
      inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      port = ntohs(a->sin6_port);
    }
    ip = buf;
  }
  socket_t socket() const override { return c_.fd; }

  // Sends everything gathered so far; false (and the stream broken) if the client does not take
  // it in time.
  bool Flush() {
    if (!writing_) {  // the response's time starts with its first byte, not with the handler
      writing_ = true;
      write_deadline_ = Clock::now() + std::chrono::seconds(o_.write_seconds);
    }
    size_t sent = 0;
    while (sent < out_.size() && !broken_) {
      ssize_t n = ::send(c_.fd, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!WaitFor(c_.fd, POLLOUT, WriteDeadline())) broken_ = true;
      } else {
        broken_ = true;
      }
    }
    out_.clear();
    return !broken_;
  }

  // Bytes of c_.in this request used; the rest belongs to the next request.
  size_t consumed() const { return pos_; }
  bool broken() const { return broken_; }

 private:
  Clock::time_point IoDeadline() const {
    return Clock::now() + std::chrono::seconds(o_.io_seconds);
  }
  Clock::time_point ReadDeadline() const { return std::min(body_deadline_, IoDeadline()); }
  Clock::time_point WriteDeadline() const {
    return writing_ ? std::min(write_deadline_, IoDeadline()) : IoDeadline();
  }

  // Replaces the consumed buffer with what the socket has next. False at end of stream or on
  // error or timeout (then broken_).
  bool Fill() {
    if (broken_) return false;
    if (!Flush()) return false;  // "100 Continue" must reach the client before it sends a body
    c_.in.clear();
    pos_ = 0;
    c_.in.resize(kReadChunk);
    while (true) {
      ssize_t n = ::recv(c_.fd, c_.in.data(), kReadChunk, 0);
      if (n >= 0) {
        c_.in.resize(static_cast<size_t>(n));
        return n > 0;
      }
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !WaitFor(c_.fd, POLLIN, ReadDeadline())) {
        c_.in.clear();
        broken_ = true;
        return false;
      }
    }
  }

  Conn& c_;
  const ConnectionOptions& o_;
  Clock::time_point body_deadline_, write_deadline_;
  size_t pos_ = 0;
  std::string out_;
  bool broken_ = false, writing_ = false;
};

ConnectionServer::ConnectionServer(ConnectionOptions options) : opt_(std::move(options)) {
  new_task_queue = [] { return new InlineQueue; };
  set_tcp_nodelay(true);
  set_keep_alive_max_count(opt_.max_requests_per_connection);
  set_keep_alive_timeout(opt_.idle_seconds);
}

ConnectionServer::~ConnectionServer() {
  Shutdown(std::chrono::milliseconds(0));
  {
    std::lock_guard<std::mutex> lock(mu_);
    workers_exit_ = poller_exit_ = true;
  }
  work_cv_.notify_all();
  priority_cv_.notify_all();
  Wake();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  if (poller_.joinable()) poller_.join();
  for (auto& [fd, c] : conns_) ::close(fd);
  if (epoll_ >= 0) ::close(epoll_);
  if (wake_ >= 0) ::close(wake_);
}

int ConnectionServer::Bind(const std::string& host, int port) {
  int got = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  if (got < 0) return -1;
  // cpp-httplib listens with a backlog of 5; a burst of connections would wait for SYN retries.
  ::listen(svr_sock_, 1024);
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_ < 0 || wake_ < 0) return -1;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev) != 0) return -1;
  poller_ = std::thread([this] { PollLoop(); });
  for (size_t i = 0; i < opt_.workers; ++i) workers_.emplace_back([this] { WorkLoop(false); });
  workers_.emplace_back([this] { WorkLoop(true); });
  return got;
}

bool ConnectionServer::Run() {
  bool ok = stopping_ ? true : listen_after_bind();
  if (stopping_) ok = true;                         // the listening socket was shut down on purpose
  Shutdown(std::chrono::seconds(opt_.io_seconds));  // no-op when already stopping
  // Drain: the poller closes idle connections at once and cuts busy ones after the grace.
  std::unique_lock<std::mutex> lock(mu_);
  drained_cv_.wait_for(lock, grace_ + std::chrono::seconds(opt_.io_seconds),
                       [this] { return open_ == 0; });
  workers_exit_ = true;
  lock.unlock();
  work_cv_.notify_all();
  priority_cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
  {
    std::lock_guard<std::mutex> l(mu_);
    poller_exit_ = true;
  }
  Wake();
  if (poller_.joinable()) poller_.join();
  return ok;
}

void ConnectionServer::Shutdown(std::chrono::milliseconds grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    grace_ = grace;
    cut_at_ = Clock::now() + grace;
    stopping_ = true;
  }
  // Wakes the accept loop whether or not it has started (Server::stop() misses a loop that is
  // about to start); cpp-httplib then closes the socket itself.
  socket_t s = svr_sock_;
  if (s != INVALID_SOCKET) ::shutdown(s, SHUT_RDWR);
  Wake();
}

std::string ConnectionServer::CurrentClient() { return current_ ? current_->client : ""; }

void ConnectionServer::CloseAfterResponse() {
  if (current_) current_->close_after = true;
}

ConnectionServer::Counters ConnectionServer::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  Counters c = counters_;
  c.open = open_;
  return c;
}

bool ConnectionServer::process_and_close_socket(socket_t sock) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    accepted_.push_back(sock);
  }
  Wake();
  return true;
}

void ConnectionServer::Wake() {
  if (wake_ < 0) return;
  uint64_t one = 1;
  (void)::write(wake_, &one, sizeof one);
}

void ConnectionServer::PollLoop() {
  epoll_event events[64];
  auto next_tick = Clock::now();
  while (true) {
    int n = ::epoll_wait(epoll_, events, 64, std::min(MillisUntil(next_tick), 200));
    for (int i = 0; i < n; ++i) {
      if (events[i].data.ptr == nullptr) {
        uint64_t v;
        while (::read(wake_, &v, sizeof v) > 0) {
        }
        continue;
      }
      OnReadable(static_cast<Conn*>(events[i].data.ptr));
    }
    std::vector<int> accepted;
    std::vector<Conn*> returned;
    bool exit;
    {
      std::lock_guard<std::mutex> lock(mu_);
      accepted.swap(accepted_);
      returned.swap(returned_);
      exit = poller_exit_;
    }
    for (int fd : accepted) Admit(fd);
    for (Conn* c : returned) {
      if (c->close || stopping_)
        Close(c);
      else
        Rearm(c);
    }
    if (stopping_) {
      bool cut;
      {
        std::lock_guard<std::mutex> lock(mu_);
        cut = Clock::now() >= cut_at_;
      }
      std::vector<Conn*> victims;
      for (auto& [fd, c] : conns_) {
        if (c->state == Conn::State::kIdle) victims.push_back(c.get());
        if (cut && c->state == Conn::State::kBusy) ::shutdown(fd, SHUT_RDWR);
      }
      for (Conn* c : victims) Close(c);
    }
    if (Clock::now() >= next_tick) {
      Expire();
      next_tick = Clock::now() + std::chrono::milliseconds(200);
    }
    if (exit) break;
  }
  std::vector<Conn*> left;
  for (auto& [fd, c] : conns_) left.push_back(c.get());
  for (Conn* c : left) Close(c);
}

void ConnectionServer::Admit(int fd) {
  if (stopping_ || fd >= FD_SETSIZE) {  // cpp-httplib selects on sockets: none past FD_SETSIZE
    if (!stopping_) SendNow(fd, ErrorResponse(503, "too many open connections"));
    ::close(fd);
    return;
  }
  auto c = std::make_unique<Conn>();
  c->fd = fd;
  sockaddr_storage addr;
  socklen_t len = sizeof addr;
  char buf[INET6_ADDRSTRLEN] = "";
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    if (addr.ss_family == AF_INET) {
      auto* a = reinterpret_cast<sockaddr_in*>(&addr);
      inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      c->port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
      inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      c->port = ntohs(a->sin6_port);
    }
  }
  c->address = buf;
  c->client = ClientKey(c->address);
  c->scan = HeadScanner(opt_.head);
  int flags = ::fcntl(fd, F_GETFL, 0);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  // Room is made by closing the connection that has been idle longest: idle connections cost
  // the client nothing to reopen, and an attacker's connections are the idle ones.
  bool full = conns_.size() >= opt_.max_connections && !EvictIdle("");
  auto count = per_client_.find(c->client);
  bool client_full = !full && count != per_client_.end() && count->second >= opt_.max_per_client &&
                     !EvictIdle(c->client);
  if (full || client_full) {
    SendNow(fd, ErrorResponse(503, full ? "too many open connections"
                                        : "too many open connections from this client"));
    DiscardPending(fd);
    ::close(fd);
    std::lock_guard<std::mutex> lock(mu_);
    ++counters_.refused;
    return;
  }
  ++per_client_[c->client];
  Conn* raw = c.get();
  conns_.emplace(fd, std::move(c));
  {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = conns_.size();
  }
  raw->since = Clock::now();
  raw->idle_seq = ++idle_seq_;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.ptr = raw;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) Close(raw);
}

void ConnectionServer::OnReadable(Conn* c) {
  if (c->state != Conn::State::kIdle) return;
  if (c->lingering) {
    char scratch[kReadChunk];
    while (true) {
      ssize_t n = ::recv(c->fd, scratch, sizeof scratch, 0);
      if (n > 0 && (c->lingered += static_cast<size_t>(n)) <= kLingerBytes) continue;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      return Close(c);
    }
  }
  const size_t cap = opt_.head.max_head_bytes + kReadChunk;
  char buf[kReadChunk];
  bool eof = false;
  while (c->in.size() < cap) {
    ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
    if (n > 0) {
      c->in.append(buf, static_cast<size_t>(n));
      if (static_cast<size_t>(n) < sizeof buf) break;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    eof =
        true;  // a client that sent a whole request and then closed its side still gets its answer
    break;
  }
  if (Classify(c) && eof) Close(c);
}

// Decides what an idle connection's buffered bytes amount to: nothing yet (true: still idle), a
// complete head (handed to a worker), or a head that broke a limit (answered here and closed).
bool ConnectionServer::Classify(Conn* c) {
  if (!c->head_begun) {
    c->in.erase(0, LeadingBlankLines(c->in));
    if (c->in.empty() || c->in == "\r") return true;  // "\r" may be half of a blank line
    c->head_begun = true;
    c->head_started = Clock::now();
  }
  HeadScanner::State s = c->scan.Scan(c->in);
  if (s == HeadScanner::State::kIncomplete) return true;
  if (s == HeadScanner::State::kComplete) {
    Dispatch(c);
  } else {
    Refuse(c, StatusFor(s), ReasonFor(s));
  }
  return false;
}

void ConnectionServer::Dispatch(Conn* c) {
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c->fd, nullptr);
  RequestLine line = ParseRequestLine(c->in);
  c->priority = line.ok && line.path == opt_.priority_path;
  c->state = Conn::State::kQueued;
  c->since = Clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    (c->priority ? priority_ready_ : ready_).push_back(c);
  }
  if (c->priority) {
    priority_cv_.notify_one();
    work_cv_.notify_one();  // a general worker may take it too
  } else {
    work_cv_.notify_one();
  }
}

// A connection back from a worker, between requests: it waits for its next request here.
void ConnectionServer::Rearm(Conn* c) {
  c->state = Conn::State::kIdle;
  c->since = Clock::now();
  c->idle_seq = ++idle_seq_;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.ptr = c;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, c->fd, &ev) != 0) return Close(c);
  if (c->head_begun && !c->lingering) Classify(c);  // part of the next request came with the last
}

void ConnectionServer::Refuse(Conn* c, int status, std::string_view message) {
  SendNow(c->fd, ErrorResponse(status, message));
  ::shutdown(c->fd, SHUT_WR);
  DiscardPending(c->fd);
  Close(c);
}

void ConnectionServer::Close(Conn* c) {
  if (c->state == Conn::State::kIdle) ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c->fd, nullptr);
  auto it = per_client_.find(c->client);
  if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
  int fd = c->fd;
  ::close(fd);
  conns_.erase(fd);  // frees c
  std::lock_guard<std::mutex> lock(mu_);
  open_ = conns_.size();
  if (open_ == 0) drained_cv_.notify_all();
}

// Which idle connection goes first when room is needed: one answered and lingering, then one
// part-way through a head (a trickler), then one that never sent anything, and only then a
// keep-alive connection that has been served before; the longest idle first within each. A flood
// of new connections thus closes its own kind before it reaches established clients.
bool ConnectionServer::EvictIdle(const std::string& client) {
  auto rank = [](const Conn& c) {
    if (c.lingering) return 0;
    if (c.head_begun) return 1;
    return c.served == 0 ? 2 : 3;
  };
  Conn* victim = nullptr;
  for (auto& [fd, c] : conns_) {
    if (c->state != Conn::State::kIdle || (!client.empty() && c->client != client)) continue;
    if (!victim || rank(*c) < rank(*victim) ||
        (rank(*c) == rank(*victim) && c->idle_seq < victim->idle_seq)) {
      victim = c.get();
    }
  }
  if (!victim) return false;
  Close(victim);
  std::lock_guard<std::mutex> lock(mu_);
  ++counters_.evicted;
  return true;
}

void ConnectionServer::Expire() {
  auto now = Clock::now();
  std::vector<Conn*> idle, slow;
  for (auto& [fd, c] : conns_) {
    if (c->state != Conn::State::kIdle) continue;
    if (c->lingering) {
      if (now - c->since > kLingerTime) idle.push_back(c.get());
    } else if (!c->head_begun && now - c->since > std::chrono::seconds(opt_.idle_seconds))
      idle.push_back(c.get());
    else if (c->head_begun && now - c->head_started > std::chrono::seconds(opt_.head_seconds))
      slow.push_back(c.get());
  }
  std::vector<Conn*> waited;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto* q : {&ready_, &priority_ready_}) {
      while (!q->empty() && now - q->front()->since > std::chrono::seconds(opt_.queue_seconds)) {
        waited.push_back(q->front());
        q->pop_front();
      }
    }
    counters_.timed_out += slow.size() + waited.size();
  }
  for (Conn* c : idle) Close(c);
  for (Conn* c : slow) Refuse(c, 408, "the request head did not arrive in time");
  for (Conn* c : waited) {
    c->state = Conn::State::kIdle;  // owned by the poller again; not in epoll
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c->fd, nullptr);
    Refuse(c, 503, "the server is busy; try again");
  }
}

void ConnectionServer::WorkLoop(bool priority_lane) {
  while (true) {
    Conn* c = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      auto& cv = priority_lane ? priority_cv_ : work_cv_;
      cv.wait(lock, [&] {
        return workers_exit_ || !priority_ready_.empty() || (!priority_lane && !ready_.empty());
      });
      if (!priority_ready_.empty()) {
        c = priority_ready_.front();
        priority_ready_.pop_front();
      } else if (!priority_lane && !ready_.empty()) {
        c = ready_.front();
        ready_.pop_front();
      } else {
        return;  // exiting, nothing left
      }
      c->state = Conn::State::kBusy;
    }
    ServeConnection(c);
    {
      std::lock_guard<std::mutex> lock(mu_);
      returned_.push_back(c);
    }
    Wake();
  }
}

void ConnectionServer::ServeConnection(Conn* c) {
  current_ = c;
  while (true) {
    ConnStream stream(*c, opt_);
    bool close = stopping_ || c->served + 1 >= opt_.max_requests_per_connection;
    bool closed = false;
    c->close_after = false;
    bool ok = process_request(stream, close, closed, nullptr);
    ok = stream.Flush() && ok;
    ++c->served;
    c->in.erase(0, stream.consumed());
    if (c->close_after && ok && !stream.broken() && !stopping_) {
      ::shutdown(c->fd, SHUT_WR);
      c->lingering = true;
      c->in.clear();
      break;
    }
    if (!ok || close || closed || c->close_after || stream.broken() || stopping_) {
      c->close = true;
      break;
    }
    // The next request may already be here (pipelining): serve it now if it is complete.
    c->scan.Reset();
    c->head_begun = false;
    size_t blank = LeadingBlankLines(c->in);
    c->in.erase(0, blank);
    if (c->in.empty() || c->in == "\r") break;
    c->head_begun = true;
    c->head_started = Clock::now();
    HeadScanner::State s = c->scan.Scan(c->in);
    if (s == HeadScanner::State::kIncomplete) break;
    if (s != HeadScanner::State::kComplete) {
      std::string r = ErrorResponse(StatusFor(s), ReasonFor(s));
      (void)::send(c->fd, r.data(), r.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      c->close = true;
      break;
    }
  }
  current_ = nullptr;
}

}  // namespace sitrep::http
