// The coding pipeline: segment, recognise, code, resolve. Stateless per document, so one instance
// serves every thread.
#include "sitrep/pipeline.h"

#include <chrono>
#include <cstdio>

#include "sitrep/gazetteer.h"
#include "src/extract/coder.h"
#include "src/pipeline/windows.h"

namespace sitrep {

namespace {

class CodingPipeline : public Pipeline {
 public:
  CodingPipeline(std::unique_ptr<Gazetteer> g, std::unique_ptr<CoderResources> r)
      : gazetteer_(std::move(g)), resources_(std::move(r)) {}
  std::vector<Event> CodeWindow(const Document& doc) const override {
    return CodeDocument(*resources_, doc);
  }

 private:
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<CoderResources> resources_;
};

}  // namespace

std::vector<Event> Pipeline::Code(const Document& doc) const {
  auto events = Code(doc, CodeBudget());
  return events.ok() ? std::move(events).value() : std::vector<Event>();
}

Result<std::vector<Event>> Pipeline::Code(const Document& doc, const CodeBudget& budget) const {
  // No exception crosses the library's border: a coder that throws on a document (a bug: an
  // out-of-range substring has been seen) costs that document, not the process or the server.
  try {
    return CodeInWindows(doc, budget);
  } catch (const std::exception& e) {
    return Status::InvalidInput(doc.origin + ": the coder failed on this document (" + e.what() +
                                "); please report it");
  }
}

Result<std::vector<Event>> Pipeline::CodeInWindows(const Document& doc,
                                                   const CodeBudget& budget) const {
  std::vector<TextWindow> windows = SplitIntoWindows(doc.text, budget.window_bytes);
  if (windows.size() == 1) return CodeWindow(doc);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::vector<Event> out;
  Document window;
  window.id = doc.id;
  window.date = doc.date;
  window.title = doc.title;
  window.url = doc.url;
  window.source = doc.source;
  window.lang = doc.lang;
  window.origin = doc.origin;
  for (size_t i = 0; i < windows.size(); ++i) {
    if (budget.cancel && budget.cancel->load(std::memory_order_relaxed))
      return Status::IOError(doc.origin + ": cancelled");
    double spent = std::chrono::duration<double>(Clock::now() - start).count();
    if (budget.max_seconds > 0 && spent > budget.max_seconds) {
      char what[160];
      std::snprintf(what, sizeof what,
                    ": coding took longer than %g s (stopped after %zu of %zu bytes); the "
                    "document is refused",
                    budget.max_seconds, windows[i].start, doc.text.size());
      return Status::InvalidInput(doc.origin + what);
    }
    window.text.assign(doc.text, windows[i].start, windows[i].size);
    const uint32_t shift = static_cast<uint32_t>(windows[i].start);
    for (Event& e : CodeWindow(window)) {
      e.evidence.start += shift;
      e.evidence.end += shift;
      out.push_back(std::move(e));
    }
    if (budget.max_events > 0 && out.size() > budget.max_events) {
      return Status::InvalidInput(doc.origin + ": more than " + std::to_string(budget.max_events) +
                                  " events; the document is refused");
    }
  }
  return out;
}

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  std::string path =
      options.gazetteer_path.empty() ? DefaultGazetteerPath() : options.gazetteer_path;
  std::unique_ptr<Gazetteer> gazetteer;
  auto g = Gazetteer::Open(path);
  if (g.ok()) {
    gazetteer = std::move(g).value();
  } else if (options.require_gazetteer) {
    return g.status();
  }
  auto resources = LoadCoderResources(gazetteer.get(), options.data_dir);
  if (!resources.ok()) return resources.status();
  return std::unique_ptr<Pipeline>(
      new CodingPipeline(std::move(gazetteer), std::move(resources).value()));
}

}  // namespace sitrep
