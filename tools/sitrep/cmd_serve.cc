// sitrep serve [--db FILE] [--bind 127.0.0.1] [--port 8080] [--token-file F] [--web DIR]
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sitrep/pipeline.h"
#include "sitrep/server.h"
#include "tools/sitrep/commands.h"

namespace sitrep::cli {

namespace {
std::function<void()> g_stop;
void OnSignal(int) {
  if (g_stop) g_stop();
}
}  // namespace

void RegisterServe(CLI::App& app, Action* run) {
  struct Args {
    ServerOptions o;
    std::string token_file, gazetteer;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the store over HTTP with the web map");
  cmd->add_option("--db", a->o.db, "SQLite database (default sitrep.db)");
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
  cmd->add_option("--gazetteer", a->gazetteer, "Compiled gazetteer (default: the one setup built)");
  cmd->callback([a, run] {
    *run = [a] {
      ServerOptions o = a->o;
      if (!a->token_file.empty()) {
        std::ifstream in(a->token_file);
        if (!in || !std::getline(in, o.token) || o.token.empty()) {
          std::cerr << "sitrep: " << a->token_file << ": cannot read a token from its first line\n";
          return kExitUsage;
        }
        while (!o.token.empty() && (o.token.back() == '\r' || o.token.back() == ' '))
          o.token.pop_back();
      }
      if (o.web_dir.empty()) {
        std::error_code ec;
        auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec && std::filesystem::exists(exe.parent_path() / "web" / "index.html"))
          o.web_dir = (exe.parent_path() / "web").string();
      }
      PipelineOptions popts;
      popts.gazetteer_path = a->gazetteer;
      auto pipeline = Pipeline::Open(popts);
      if (!pipeline.ok()) {
        std::cerr << "sitrep: " << pipeline.status().ToString() << "\n";
        return kExitUsage;
      }
      std::signal(SIGINT, OnSignal);
      std::signal(SIGTERM, OnSignal);
      Status st = Serve(
          o, **pipeline,
          [&](int port) {
            std::cerr << "sitrep: serving " << o.db << " on http://" << o.bind << ":" << port << "/"
                      << (o.web_dir.empty() ? " (API only)" : "") << "\n";
            std::cout << "port " << port << std::endl;
          },
          &g_stop);
      if (!st.ok()) {
        std::cerr << "sitrep: " << st.ToString() << "\n";
        return kExitUsage;
      }
      return kExitOk;
    };
  });
}

}  // namespace sitrep::cli
