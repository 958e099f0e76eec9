// sitrep ingest PATH... [--db FILE] [--baseline FILE]: code reports into the store, once.
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <iostream>
#include <thread>

#include "sitrep/control.h"
#include "sitrep/gazetteer.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"
#include "src/resolve/place_ranking.h"
#include "tools/sitrep/commands.h"
#include "tools/sitrep/files.h"
#include "tools/sitrep/progress.h"

namespace sitrep::cli {

namespace {

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string db = "sitrep.db", baseline, corrections, gazetteer, data_dir;
  int threads = 1;
  size_t batch = 64;
  double max_doc_seconds = 60;
};

// The best gazetteer reading of a baseline place name, in `country` if given.
std::optional<PlaceRef> ResolvePlace(const Gazetteer& g, const std::string& name,
                                     const std::string& country) {
  std::optional<Place> best;
  for (const Place& p : g.Lookup(name)) {
    if (!country.empty() && p.country != country) continue;
    if (!best || PriorScore(p) > PriorScore(*best)) best = p;
  }
  if (!best) return std::nullopt;
  return ToPlaceRef(*best, name);
}

// An analyst's table of places (baseline, corrections): tab-separated, '#' comments, the place
// name first and resolved through the gazetteer (in the country of column `country_column` when
// the row has it). `make_row` turns the columns of a row into an entry, or says what is wrong.
template <typename Row>
Result<std::vector<Row>> ReadPlaceTable(
    const std::string& path, const Gazetteer& g, size_t min_columns, size_t country_column,
    const std::string& usage,
    const std::function<Result<Row>(PlaceRef, const std::vector<std::string>&,
                                    const std::string& origin)>& make_row) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open");
  std::vector<Row> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    std::string origin = path + ":" + std::to_string(n), where = origin + ": ";
    if (cols.size() < min_columns) return Status::InvalidInput(where + "want " + usage);
    auto place = ResolvePlace(g, cols[0], cols.size() > country_column ? cols[country_column] : "");
    if (!place) return Status::InvalidInput(where + "unknown place '" + cols[0] + "'");
    auto row = make_row(*place, cols, origin);
    if (!row.ok()) return Status::InvalidInput(where + row.status().message());
    out.push_back(std::move(row).value());
  }
  return out;
}

Result<Date> DateColumn(const std::string& text) {
  auto date = Date::Parse(text);
  if (!date) return Status::InvalidInput("bad date '" + text + "'");
  return *date;
}

// baseline.tsv: place<TAB>controller<TAB>as-of date[<TAB>country].
Result<std::vector<BaselineEntry>> ReadBaseline(const std::string& path, const Gazetteer& g) {
  return ReadPlaceTable<BaselineEntry>(path, g, 3, 3,
                                       "place<TAB>controller<TAB>YYYY-MM-DD[<TAB>country]",
                                       [](PlaceRef place, const std::vector<std::string>& cols,
                                          const std::string&) -> Result<BaselineEntry> {
                                         auto date = DateColumn(cols[2]);
                                         if (!date.ok()) return date.status();
                                         return BaselineEntry{std::move(place), cols[1], *date};
                                       });
}

// corrections.tsv: place<TAB>date<TAB>holder or "not an event"<TAB>note[<TAB>country].
Result<std::vector<Correction>> ReadCorrections(const std::string& path, const Gazetteer& g) {
  return ReadPlaceTable<Correction>(
      path, g, 4, 4, "place<TAB>YYYY-MM-DD<TAB>holder or 'not an event'<TAB>note[<TAB>country]",
      [](PlaceRef place, const std::vector<std::string>& cols,
         const std::string& origin) -> Result<Correction> {
        auto date = DateColumn(cols[1]);
        if (!date.ok()) return date.status();
        if (cols[2].empty()) return Status::InvalidInput("no holder (or 'not an event')");
        if (cols[3].empty()) return Status::InvalidInput("a correction needs its note");
        std::string holder = cols[2] == "not an event" ? "" : cols[2];
        return Correction{std::move(place), *date, holder, cols[3], origin};
      });
}

int RunIngest(const IngestArgs& a) {
  PipelineOptions popts;
  popts.gazetteer_path = a.gazetteer;
  popts.data_dir = a.data_dir;
  auto pipeline = Pipeline::Open(popts);
  if (!pipeline.ok()) {
    std::cerr << "sitrep: " << pipeline.status().ToString() << "\n";
    return kExitUsage;
  }
  auto store = Store::Open(a.db);
  if (!store.ok()) {
    std::cerr << "sitrep: " << store.status().ToString() << "\n";
    return kExitUsage;
  }
  if (!a.baseline.empty() || !a.corrections.empty()) {
    auto g = Gazetteer::Open(a.gazetteer.empty() ? DefaultGazetteerPath() : a.gazetteer);
    if (!g.ok()) {
      std::cerr << "sitrep: " << g.status().ToString() << "\n";
      return kExitUsage;
    }
    // Both tables are read before either is stored: a mistake in one leaves the store as it was.
    std::vector<BaselineEntry> baseline;
    std::vector<Correction> corrections;
    Status read;
    if (!a.baseline.empty()) {
      auto r = ReadBaseline(a.baseline, **g);
      if (r.ok()) baseline = std::move(r).value();
      read = r.status();
    }
    if (read.ok() && !a.corrections.empty()) {
      auto r = ReadCorrections(a.corrections, **g);
      if (r.ok()) corrections = std::move(r).value();
      read = r.status();
    }
    if (!read.ok()) {
      std::cerr << "sitrep: " << read.message() << "\n";
      return kExitUsage;
    }
    Status st = baseline.empty() ? Status::OK() : (*store)->SetBaseline(baseline);
    if (st.ok() && !corrections.empty()) st = (*store)->AddCorrections(corrections);
    if (!st.ok()) {
      std::cerr << "sitrep: " << st.ToString() << "\n";
      return kExitUsage;
    }
    if (!a.baseline.empty()) std::cerr << "sitrep: baseline: " << baseline.size() << " places\n";
    if (!a.corrections.empty())
      std::cerr << "sitrep: corrections: " << corrections.size() << " rows\n";
  }
  if (a.inputs.empty()) return kExitOk;
  std::vector<std::pair<Document, std::vector<Event>>> batch;
  IngestStats stats;
  std::vector<std::string> rejected;
  Status failed;
  auto flush = [&] {
    if (batch.empty() || !failed.ok()) return;
    if (Status s = (*store)->IngestBatch(batch, &stats); !s.ok()) {
      // A batch is refused whole; retry its documents one by one so one bad document costs only
      // itself.
      for (auto& one : batch) {
        std::vector<std::pair<Document, std::vector<Event>>> single = {one};
        if (Status s1 = (*store)->IngestBatch(single, &stats); !s1.ok()) {
          if (s1.code() == Status::Code::kInvalidInput)
            rejected.push_back(s1.message());
          else {
            failed = s1;
            break;
          }
        }
      }
    }
    batch.clear();
  };
  ProgressBar progress([&] { return TotalBytes(a.inputs); });
  RunOptions ropts;
  ropts.threads = a.threads;
  ropts.budget.max_seconds = a.max_doc_seconds;
  RunCallbacks cb;
  cb.on_reject = [&](const Status& s) { rejected.push_back(s.message()); };
  cb.on_document = [&](const Document& d, const std::vector<Event>& events) {
    batch.emplace_back(d, events);
    if (batch.size() >= a.batch) flush();
  };
  cb.on_progress = [&](const RunStats& s) { progress.Update(s.bytes, s.documents); };
  RunStats run;
  Status st = RunPipeline(**pipeline, a.inputs, ropts, cb, &run);
  flush();
  progress.Done();
  if (!st.ok() || !failed.ok()) {
    std::cerr << "sitrep: " << (st.ok() ? failed : st).ToString() << "\n";
    return kExitUsage;
  }
  for (const auto& r : rejected) std::cerr << "sitrep: rejected: " << r << "\n";
  for (const auto& [origin, id] : stats.renamed) {
    std::cerr << "sitrep: " << origin << ": its id is held by another document; stored as '" << id
              << "'\n";
  }
  std::cerr << "sitrep: ingested " << stats.documents << " documents (" << stats.duplicates
            << " already stored), " << stats.reports << " event reports: " << stats.events_new
            << " new events, " << stats.events_merged << " merged into earlier ones; "
            << rejected.size() << " rejected\n";
  return rejected.empty() ? kExitOk : kExitRejected;
}

}  // namespace

void RegisterIngest(CLI::App& app, Action* run) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand("ingest", "Code reports into the store (once per document)");
  cmd->add_option("inputs", args->inputs, "Files, folders or - for stdin");
  cmd->add_option("--db", args->db, "SQLite database (default sitrep.db)");
  cmd->add_option("--baseline", args->baseline, "TSV: place, controller, as-of date[, country]");
  cmd->add_option("--corrections", args->corrections,
                  "An analyst's TSV: place, date, holder or 'not an event', note[, country]");
  cmd->add_option("--gazetteer", args->gazetteer,
                  "Compiled gazetteer (default: the one setup built)");
  cmd->add_option("--data", args->data_dir,
                  "A folder laid out like data/ whose files replace the compiled-in dictionaries")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--threads", args->threads, "Worker threads (0 = all cores)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-doc-seconds", args->max_doc_seconds,
                  "Refuse a document whose coding takes longer (default 60; 0 = no limit)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--batch", args->batch, "Documents per transaction")
      ->check(CLI::Range(1, 100000));
  cmd->callback([args, run] {
    *run = [args] {
      IngestArgs a = *args;
      if (a.threads == 0)
        a.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      if (a.inputs.empty() && a.baseline.empty() && a.corrections.empty()) {
        std::cerr << "sitrep ingest: give inputs, --baseline, --corrections, or several\n";
        return kExitUsage;
      }
      return RunIngest(a);
    };
  });
}

}  // namespace sitrep::cli
