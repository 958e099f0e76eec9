// The whole coding pipeline, read -> segment -> recognise -> code -> resolve, as one object the
// CLI and the server share, and the driver that streams a corpus through it on several threads.
#ifndef SITREP_PIPELINE_H_
#define SITREP_PIPELINE_H_

#include <atomic>
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

// What one document may cost. A document longer than `window_bytes` is coded window by window,
// each window cut at a paragraph break (else a sentence end, else white space) and coded as a
// document of its own, with evidence offsets into the whole text. The coder's cost grows faster
// than linearly with the mentions it holds at once, so windows keep a document's cost linear in
// its length, and they are where a time limit or a cancellation is checked. The price: a reference
// ("the city") does not reach back across a window's edge, and each window finds its own focus
// country. Reports are rarely longer than one window.
struct CodeBudget {
  size_t window_bytes = 32u << 10;
  double max_seconds = 0;  // per document; 0 = no limit
  // Events kept for one document (each costs about 1 KB): "Kabul fell. " repeated for 16 MB
  // would otherwise hold 1.4 million of them. Real reports have tens.
  size_t max_events = 100000;
  const std::atomic<bool>* cancel = nullptr;  // checked between windows
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options);
  virtual ~Pipeline() = default;
  // Codes one document, in windows, with no time limit. Thread-safe: one Pipeline serves every
  // worker.
  std::vector<Event> Code(const Document& doc) const;
  // Codes one document within `budget`: InvalidInput (naming the document) when it takes longer
  // than max_seconds or yields more than max_events, or when the coder throws; IOError
  // "cancelled" when *cancel was set; no events then.
  Result<std::vector<Event>> Code(const Document& doc, const CodeBudget& budget) const;

 protected:
  // Codes one window as a whole document.
  virtual std::vector<Event> CodeWindow(const Document& window) const = 0;

 private:
  Result<std::vector<Event>> CodeInWindows(const Document& doc, const CodeBudget& budget) const;
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
  CodeBudget budget;  // a document over its time budget is rejected like a malformed one
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
