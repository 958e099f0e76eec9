// The whole coding pipeline, read -> segment -> recognise -> code -> resolve, as one object the
// CLI and the server share, and the driver that streams a corpus through it on several threads.
#ifndef SITREP_PIPELINE_H_
#define SITREP_PIPELINE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

struct PipelineOptions {
  // Compiled gazetteer to memory-map; empty means the default one (see DefaultGazetteerPath).
  std::string gazetteer_path;
  // Without a gazetteer sitrep still segments and codes, but places stay unresolved.
  bool require_gazetteer = true;
  // A folder laid out like data/ whose files replace the compiled-in dictionaries (actors.tsv,
  // en/patterns.tsv, en/cues.tsv, en/*.txt, ...): edit, rerun, no rebuild. Empty: compiled-in.
  std::string data_dir;
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options);
  virtual ~Pipeline() = default;
  // Codes one document. Thread-safe: one Pipeline serves every worker.
  virtual std::vector<Event> Code(const Document& doc) const = 0;
};

struct RunStats {
  size_t documents = 0;  // coded
  size_t rejected = 0;   // refused by a reader
  size_t events = 0;
  size_t bytes = 0;  // article text coded
};

struct RunOptions {
  int threads = 1;
  ReaderOptions reader;
};

struct RunCallbacks {
  std::function<void(const Event&)> on_event;  // in document order, whatever the thread count
  // Optional: when `format` is set, workers format each event into text (in parallel) and the
  // calling thread receives it, in document order, through `on_formatted` instead of on_event.
  std::function<void(const Event&, std::string*)> format;
  std::function<void(std::string_view)> on_formatted;
  std::function<void(const Status&)> on_reject;
  // Optional: each coded document with its events, in input order (for the store).
  std::function<void(const Document&, const std::vector<Event>&)> on_document;
  std::function<void(const RunStats&)> on_progress;  // now and then, from the calling thread
};

// Reads `inputs`, codes every document and reports events in input order. Memory stays bounded
// whatever the corpus size: at most a few batches of documents are in flight.
Status RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& inputs,
                   const RunOptions& options, const RunCallbacks& callbacks, RunStats* stats);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_H_
