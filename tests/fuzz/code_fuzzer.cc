// The whole coder over arbitrary text (with the compiled gazetteer when the build made one):
// it must not crash, and every event's evidence must be the bytes its offsets point to, windows
// or not.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "sitrep/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sitrep::Pipeline* pipeline = [] {
    sitrep::PipelineOptions o;
    o.gazetteer_path = SITREP_FUZZ_GAZETTEER;
    o.require_gazetteer = false;
    auto p = sitrep::Pipeline::Open(o);
    if (!p.ok()) std::abort();
    return std::move(p).value().release();
  }();
  sitrep::Document doc;
  doc.id = "fuzz";
  doc.origin = "fuzz.txt";
  doc.date = sitrep::Date{2021, 8, 11};
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  sitrep::CodeBudget budget;
  budget.window_bytes = 4096;  // small windows, so inputs of fuzzing size cross their edges
  auto events = pipeline->Code(doc, budget);
  if (!events.ok()) return 0;
  for (const sitrep::Event& e : *events) {
    if (e.evidence.end < e.evidence.start || e.evidence.end > doc.text.size()) std::abort();
    if (doc.text.compare(e.evidence.start, e.evidence.end - e.evidence.start,
                         e.evidence.sentence) != 0)
      std::abort();
  }
  return 0;
}
