// The server's connection layer: cpp-httplib parses, routes and answers requests, but sitrep owns
// the sockets. Internal.
//
// Why: cpp-httplib (0.11, Debian's) gives each accepted connection a pool thread for its whole
// life. A connection that sends nothing, or trickles its headers a byte at a time, holds that
// thread; 200 idle connections delayed /api/health by a minute and 16 trickling ones blocked it
// for good. Its header reader has no limit on the number of header lines, nor on a line's length
// before the line ends.
//
// So one poller thread (epoll) holds every connection that has no complete request: it reads what
// arrives, checks the head against HeadLimits, and hands a connection to a worker only once its
// whole head is in memory. A keep-alive connection goes back to the poller between requests.
// Workers run cpp-httplib's own request processing (Server::process_request) over a Stream of
// ours that serves the buffered head, reads bodies with deadlines and sends each response in
// one write (with TCP_NODELAY: no Nagle delay on keep-alive). Slow or idle clients therefore
// cost a file descriptor and a small buffer, never a thread; the oldest idle connection of a
// client (or of all clients) is closed to make room for a new one, and a complete request that
// waits too long for a worker is answered 503. Requests for one path (the health check) have a
// worker of their own, so the health check answers while every other worker is busy.
#ifndef SITREP_SRC_SERVER_CONNECTIONS_H_
#define SITREP_SRC_SERVER_CONNECTIONS_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "src/server/http_head.h"

namespace sitrep::http {

struct ConnectionOptions {
  size_t workers = 16;           // requests processed at once (threads; most wait on I/O)
  size_t max_connections = 256;  // open at once, idle or busy (fds stay below FD_SETSIZE)
  size_t max_per_client = 32;    // open at once from one ClientKey
  int idle_seconds = 5;          // keep-alive: a connection between requests
  int head_seconds = 10;         // from a request's first byte to its blank line
  int io_seconds = 10;           // a read or write that makes no progress this long fails
  int body_seconds = 60;         // a whole request body
  int write_seconds = 30;        // a whole response
  int queue_seconds = 20;        // a complete request waiting for a worker
  size_t max_requests_per_connection = 1000;
  HeadLimits head;
  std::string priority_path = "/api/health";  // served by a worker of its own
};

class ConnectionServer : public httplib::Server {
 public:
  explicit ConnectionServer(ConnectionOptions options);
  ~ConnectionServer() override;

  // Binds and starts the poller and the workers; the port it got (port 0: any free one), or -1.
  int Bind(const std::string& host, int port);
  // Accepts until Shutdown, then drains: returns once every connection is closed and every
  // thread joined. False if the listening socket failed for another reason.
  bool Run();
  // Stops accepting and closes idle connections; requests in progress get `grace` to finish,
  // then their sockets are shut down. Safe from any thread, any number of times.
  void Shutdown(std::chrono::milliseconds grace = std::chrono::seconds(5));
  bool stopping() const { return stopping_; }

  // On the thread serving a request (handlers): the client's key, and a request to close the
  // connection after this response (a body left unread cannot be skipped safely).
  static std::string CurrentClient();
  static void CloseAfterResponse();

  struct Counters {
    size_t open = 0, refused = 0, evicted = 0, timed_out = 0;
  };
  Counters counters() const;

 private:
  struct Conn;
  class ConnStream;
  static thread_local Conn* current_;  // the connection this worker thread is serving

  // cpp-httplib calls this on its listening thread for each accepted socket (our task queue
  // runs it inline): it only hands the socket to the poller.
  bool process_and_close_socket(socket_t sock) override;

  void PollLoop();
  void WorkLoop(bool priority_lane);
  void Admit(int fd);
  void OnReadable(Conn* c);
  bool Classify(Conn* c);
  void Dispatch(Conn* c);
  void Rearm(Conn* c);
  void Refuse(Conn* c, int status, std::string_view message);
  void Close(Conn* c);
  bool EvictIdle(const std::string& client);
  void Expire();
  void ServeConnection(Conn* c);
  void Wake();

  const ConnectionOptions opt_;
  std::atomic<bool> stopping_{false};
  int epoll_ = -1, wake_ = -1;
  std::thread poller_;
  std::vector<std::thread> workers_;

  // Owned by the poller thread alone: every open connection, whatever its state, and the
  // per-client counts. Workers borrow a Conn between Dispatch and its return.
  std::unordered_map<int, std::unique_ptr<Conn>> conns_;
  std::unordered_map<std::string, size_t> per_client_;
  uint64_t idle_seq_ = 0;

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable work_cv_, priority_cv_, drained_cv_;
  std::vector<int> accepted_;
  std::deque<Conn*> ready_, priority_ready_;
  std::vector<Conn*> returned_;
  bool workers_exit_ = false, poller_exit_ = false;
  std::chrono::milliseconds grace_{0};
  std::chrono::steady_clock::time_point cut_at_;  // busy connections are cut from then on
  size_t open_ = 0;                               // mirrors conns_.size() for other threads
  Counters counters_;
};

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_CONNECTIONS_H_
