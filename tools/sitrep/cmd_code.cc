// sitrep code FILE|DIR|- ... : stateless coding of reports into events on stdout.
#include <sys/stat.h>

#include <iostream>
#include <thread>

#include "sitrep/event_writer.h"
#include "sitrep/pipeline.h"
#include "tools/sitrep/commands.h"
#include "tools/sitrep/files.h"
#include "tools/sitrep/progress.h"

namespace sitrep::cli {

namespace {

struct CodeArgs {
  std::vector<std::string> inputs;
  std::string format = "jsonl";
  std::string gazetteer, data_dir;
  int threads = 1;
  size_t max_doc_bytes = 16u << 20;
  double max_doc_seconds = 60;
  size_t max_doc_events = 100000;
};

int RunCode(const CodeArgs& args) {
  PipelineOptions popts;
  popts.gazetteer_path = args.gazetteer;
  popts.data_dir = args.data_dir;
  auto pipeline = Pipeline::Open(popts);
  if (!pipeline.ok()) {
    std::cerr << "sitrep: " << pipeline.status().ToString() << "\n";
    return kExitUsage;
  }
  auto writer = MakeEventWriter(args.format, std::cout);
  if (!writer.ok()) {
    std::cerr << "sitrep: " << writer.status().ToString() << "\n";
    return kExitUsage;
  }
  std::ios::sync_with_stdio(false);
  ProgressBar progress([&] { return TotalBytes(args.inputs); });
  RunOptions ropts;
  ropts.threads = args.threads;
  ropts.reader.max_document_bytes = args.max_doc_bytes;
  ropts.budget.max_seconds = args.max_doc_seconds;
  ropts.budget.max_events = args.max_doc_events;
  RunCallbacks cb;
  EventWriter& w = **writer;
  cb.on_event = [&](const Event& e) { w.Write(e); };
  if (w.Stateless()) {
    cb.format = [&w](const Event& e, std::string* out) { w.Format(e, out); };
    cb.on_formatted = [](std::string_view text) {
      std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    };
  }
  cb.on_reject = [&](const Status& s) { std::cerr << "sitrep: rejected: " << s.message() << "\n"; };
  cb.on_progress = [&](const RunStats& s) { progress.Update(s.bytes, s.documents); };
  RunStats stats;
  w.Begin();
  Status st = RunPipeline(**pipeline, args.inputs, ropts, cb, &stats);
  w.End();
  std::cout.flush();
  progress.Done();
  if (!st.ok()) {
    std::cerr << "sitrep: " << st.ToString() << "\n";
    return kExitUsage;
  }
  if (stats.rejected > 0) {
    std::cerr << "sitrep: " << stats.rejected << " document(s) rejected, " << stats.documents
              << " coded, " << stats.events << " events\n";
    return kExitRejected;
  }
  return kExitOk;
}

}  // namespace

void RegisterCode(CLI::App& app, Action* run) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand("code", "Code reports into events (stateless; writes stdout)");
  cmd->add_option("inputs", args->inputs, "Files, folders (recursive) or - for stdin")->required();
  cmd->add_option("--format", args->format, "jsonl, csv or geojson")
      ->check(CLI::IsMember({"jsonl", "csv", "geojson"}));
  cmd->add_option("--threads", args->threads, "Worker threads (0 = all cores)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--gazetteer", args->gazetteer,
                  "Compiled gazetteer (default: the one setup built)");
  cmd->add_option("--data", args->data_dir,
                  "A folder laid out like data/ whose files replace the compiled-in dictionaries")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--max-doc-bytes", args->max_doc_bytes, "Refuse documents larger than this");
  cmd->add_option("--max-doc-events", args->max_doc_events,
                  "Refuse a document that yields more events (default 100000; 0 = no limit)");
  cmd->add_option("--max-doc-seconds", args->max_doc_seconds,
                  "Refuse a document whose coding takes longer (default 60; 0 = no limit)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->callback([args, run] {
    *run = [args] {
      CodeArgs a = *args;
      if (a.threads == 0)
        a.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      return RunCode(a);
    };
  });
}

}  // namespace sitrep::cli
