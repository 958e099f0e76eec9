#include <cstdint>

#include "sitrep/document.h"
#include "tests/fuzz/segment_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto doc = sitrep::ParseJsonDocument(line, "fuzz.jsonl:1");
  if (doc.ok()) {
    if (doc->id.empty() || !doc->date.valid()) std::abort();
    sitrep::fuzz::CheckSegmentation(doc->text);
  } else if (doc.status().message().rfind("fuzz.jsonl:1: ", 0) != 0) {
    std::abort();
  }
  return 0;
}
