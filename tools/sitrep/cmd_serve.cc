// sitrep serve [--db FILE] [--bind 127.0.0.1] [--port 8080] [--token-file F] [--web DIR]
//
// SIGINT and SIGTERM are blocked in every thread and taken by one watcher thread (sigwait), which
// asks the server to stop: nothing runs in a signal handler. A second signal ends the process at
// once.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "sitrep/pipeline.h"
#include "sitrep/server.h"
#include "tools/sitrep/commands.h"

namespace sitrep::cli {

namespace {

// Watches for SIGINT and SIGTERM from construction to destruction and calls `stop` on the first.
class SignalWatcher {
 public:
  SignalWatcher() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR2);  // ours: wakes the watcher when it is no longer needed
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this] { Watch(); });
  }
  ~SignalWatcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
  }
  // `stop` may be called from the watcher thread from now on.
  void Arm(std::function<void()>* stop) {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = stop;
  }

 private:
  void Watch() {
    int signals = 0;
    while (true) {
      int sig = 0;
      if (sigwait(&set_, &sig) != 0) continue;
      std::lock_guard<std::mutex> lock(mu_);
      if (done_) return;
      if (sig == SIGUSR2) continue;
      // Before the server runs there is nothing to finish; a second signal is impatience.
      if (++signals > 1 || !stop_ || !*stop_) _exit(128 + sig);
      static const char kMsg[] = "sitrep: stopping (a second signal ends at once)\n";
      (void)!::write(2, kMsg, sizeof kMsg - 1);
      (*stop_)();
    }
  }

  sigset_t set_;
  std::mutex mu_;
  std::function<void()>* stop_ = nullptr;  // guarded by mu_
  bool done_ = false;                      // guarded by mu_
  std::thread thread_;
};

}  // namespace

void RegisterServe(CLI::App& app, Action* run) {
  struct Args {
    ServerOptions o;
    std::string token_file, gazetteer, data_dir;
    bool create = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the store over HTTP with the web map");
  cmd->add_option("--db", a->o.db, "SQLite database (default sitrep.db); it must exist");
  cmd->add_flag("--create", a->create,
                "Create the database when it does not exist (a server that receives its reports "
                "by POST)");
  cmd->add_option("--bind", a->o.bind, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", a->o.port, "Port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--token-file", a->token_file,
                  "File holding the bearer token that writes require");
  cmd->add_option("--web", a->o.web_dir, "Folder of the web map (default: web/ beside the binary)");
  cmd->add_option("--threads", a->o.threads, "Request threads (default 16)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--timeout", a->o.timeout_seconds,
                  "Seconds a request head may take, and a read or write without progress "
                  "(default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--max-connections", a->o.max_connections,
                  "Connections open at once (default 256)")
      ->check(CLI::Range(4, 900));
  cmd->add_option("--max-connections-per-client", a->o.max_connections_per_client,
                  "Connections open at once from one address (default 32)")
      ->check(CLI::Range(1, 900));
  cmd->add_option("--max-queued-jobs", a->o.max_queued_jobs,
                  "Ingest jobs waiting at once; more are refused with 503 (default 16)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--max-uploads", a->o.max_uploads,
                  "Request bodies read at once, at most half of --threads (default 4)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-doc-seconds", a->o.max_doc_seconds,
                  "Refuse a posted document whose coding takes longer (default 30; 0 = no limit)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--store-check-seconds", a->o.store_check_seconds,
                  "Seconds between integrity checks of the store (default 60; 0 = none)")
      ->check(CLI::Range(0, 86400));
  cmd->add_option("--gazetteer", a->gazetteer, "Compiled gazetteer (default: the one setup built)");
  AddControlRuleOptions(cmd, &a->o.control);
  cmd->add_option("--data", a->data_dir,
                  "A folder laid out like data/ whose files replace the compiled-in dictionaries")
      ->check(CLI::ExistingDirectory);
  cmd->callback([a, run] {
    *run = [a] {
      ServerOptions o = a->o;
      if (!a->token_file.empty()) {
        auto token = ReadTokenFile(a->token_file);
        if (!token.ok()) {
          std::cerr << "sitrep: " << token.status().message() << "\n";
          return kExitUsage;
        }
        o.token = std::move(token).value();
      }
      // A mistyped --db would otherwise be created empty and served as an empty map.
      std::error_code ec;
      if (!a->create && !std::filesystem::exists(o.db, ec)) {
        std::cerr << "sitrep: " << o.db << ": no such database (create it with `sitrep ingest --db "
                  << o.db
                  << " REPORTS...`, or pass --create to start an empty one that takes reports by "
                     "POST)\n";
        return kExitUsage;
      }
      if (o.web_dir.empty()) {
        std::error_code ec;
        auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec && std::filesystem::exists(exe.parent_path() / "web" / "index.html"))
          o.web_dir = (exe.parent_path() / "web").string();
      }
      std::function<void()> stop;  // set by Serve; outlives the watcher that calls it
      SignalWatcher signals;       // before any other thread starts, so all inherit the mask
      PipelineOptions popts;
      popts.gazetteer_path = a->gazetteer;
      o.gazetteer = a->gazetteer;
      popts.data_dir = a->data_dir;
      auto pipeline = Pipeline::Open(popts);
      if (!pipeline.ok()) {
        std::cerr << "sitrep: " << pipeline.status().ToString() << "\n";
        return kExitUsage;
      }
      Status st = Serve(
          o, **pipeline,
          [&](int port) {
            signals.Arm(&stop);
            std::cerr << "sitrep: serving " << o.db << " on http://" << o.bind << ":" << port << "/"
                      << (o.web_dir.empty() ? " (API only)" : "") << "\n";
            std::cout << "port " << port << std::endl;
          },
          &stop);
      if (!st.ok()) {
        std::cerr << "sitrep: " << st.ToString() << "\n";
        return kExitUsage;
      }
      std::cerr << "sitrep: stopped\n";
      return kExitOk;
    };
  });
}

}  // namespace sitrep::cli
