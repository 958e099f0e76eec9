#include <cstdint>

#include "sitrep/document.h"
#include "tests/fuzz/segment_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  auto doc = sitrep::ParseDatedText(content, "fuzz", "fuzz.txt");
  if (doc.ok()) {
    if (!doc->date.valid() || doc->text.empty()) std::abort();
    // A url header is an http(s) address; the text is a suffix of the input (offsets hold).
    if (!doc->url.empty() && doc->url.rfind("http", 0) != 0) std::abort();
    if (!content.ends_with(doc->text)) std::abort();
    sitrep::fuzz::CheckSegmentation(doc->text);
  } else if (doc.status().message().rfind("fuzz.txt:", 0) != 0) {
    std::abort();  // every rejection names file and line
  }
  return 0;
}
