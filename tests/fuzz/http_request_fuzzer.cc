// The HTTP request path, from bytes to answer, without sockets: the connection layer's head
// scanner (fed whole and in pieces: both must agree), then cpp-httplib's request parser, the API's
// pre-routing checks, its query-parameter parsers and handlers, and the error handlers, over a
// small store. Every answer must be an HTTP/1.1 response, and every body JSON.
#include <httplib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "sitrep/pipeline.h"
#include "sitrep/server.h"
#include "sitrep/store.h"
#include "src/server/http_api.h"
#include "src/server/http_head.h"
#include "src/server/routes.h"

namespace {

constexpr char kToken[] = "fuzz-token-0123456789";

// process_request is protected: the fuzzer calls it the way the connection layer does.
struct FuzzServer : httplib::Server {
  using httplib::Server::process_request;
};

class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return pos_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  using httplib::Stream::write;
  ssize_t write(const char* ptr, size_t size) override {
    if (out_.size() < (8u << 20)) out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return 0; }
  size_t remaining() const { return in_.size() - pos_; }
  std::string& out() { return out_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  std::string out_;
};

struct World {
  std::unique_ptr<sitrep::Pipeline> pipeline;
  std::unique_ptr<sitrep::http::Api> api;
  FuzzServer server;
  sitrep::ServerOptions options;
};

World* Setup() {
  auto* w = new World;
  std::string dir = "/tmp/sitrep_http_fuzz_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  w->options.db = dir + "/f.db";
  w->options.token = kToken;
  w->options.store_check_seconds = 0;
  w->options.max_doc_seconds = 1;
  sitrep::PipelineOptions po;
  po.require_gazetteer = false;
  w->pipeline = std::move(sitrep::Pipeline::Open(po)).value();
  {
    auto store = sitrep::Store::Open(w->options.db);
    if (!store.ok()) std::abort();
    std::vector<std::pair<sitrep::Document, std::vector<sitrep::Event>>> batch;
    const char* texts[] = {"The Taliban captured Kunduz on Sunday.",
                           "Ukrainian troops recaptured Kupiansk on Wednesday."};
    for (int i = 0; i < 2; ++i) {
      sitrep::Document d;
      d.id = "doc" + std::to_string(i);
      d.date = sitrep::Date{2021, 8, 11};
      d.text = texts[i];
      d.origin = d.id;
      batch.emplace_back(d, w->pipeline->Code(d));
    }
    sitrep::IngestStats stats;
    if (!(*store)->IngestBatch(batch, &stats).ok()) std::abort();
  }
  w->api = std::make_unique<sitrep::http::Api>(w->options, *w->pipeline);
  if (!w->api->Install(w->server).ok()) std::abort();
  return w;
}

void CheckScanner(std::string_view data) {
  using sitrep::http::HeadScanner;
  HeadScanner whole;
  HeadScanner::State a = whole.Scan(data);
  // The same bytes arriving in pieces of a size the input chooses.
  size_t step = data.empty() ? 1 : 1 + static_cast<unsigned char>(data[0]) % 7;
  HeadScanner pieces;
  HeadScanner::State b = HeadScanner::State::kIncomplete;
  for (size_t n = step; b == HeadScanner::State::kIncomplete; n += step) {
    b = pieces.Scan(data.substr(0, std::min(n, data.size())));
    if (n >= data.size()) break;
  }
  if (a != b) std::abort();
  if (a == HeadScanner::State::kComplete) {
    if (whole.head_bytes() > data.size() || whole.head_bytes() != pieces.head_bytes()) std::abort();
    if (data.substr(whole.head_bytes() - 4, 4) != "\r\n\r\n") std::abort();
    auto line = sitrep::http::ParseRequestLine(data);
    if (line.ok) {
      std::string_view allowed = sitrep::http::AllowedMethods(line.path);
      (void)sitrep::http::MethodAllowed(allowed, line.method);
    }
  }
}

void CheckParameters(std::string_view data) {
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(data), params);
  sitrep::EventFilter f;
  std::string error;
  bool ok = sitrep::http::ParseEventFilter(
      [&](const char* key) -> const std::string* {
        auto it = params.find(key);
        return it == params.end() ? nullptr : &it->second;
      },
      &f, &error);
  if (ok != error.empty()) std::abort();  // an error exactly when refused
  if (ok && (f.limit < 1 || f.limit > 1000)) std::abort();
  (void)sitrep::http::BearerToken(data);
  (void)sitrep::http::ParseContentLength(data);
  (void)sitrep::http::ValidJobId(data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  static World* world = Setup();
  std::string_view data(reinterpret_cast<const char*>(bytes), size);
  CheckScanner(data);
  CheckParameters(data);
  MemoryStream stream(data);
  for (int i = 0; i < 4 && stream.remaining() > 0; ++i) {
    bool closed = false;
    size_t before = stream.out().size();
    world->server.process_request(stream, false, closed, nullptr);
    std::string_view answer = std::string_view(stream.out()).substr(before);
    if (answer.empty()) break;
    constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    if (answer.starts_with(kContinue)) answer.remove_prefix(kContinue.size());
    if (!answer.starts_with("HTTP/1.1 ")) std::abort();
    size_t head = answer.find("\r\n\r\n");
    if (head == std::string_view::npos) std::abort();
    std::string_view body = answer.substr(head + 4);
    if (!body.empty() && answer.substr(0, head).find("application/json") == std::string_view::npos)
      std::abort();
    if (closed) break;
  }
  return 0;
}
