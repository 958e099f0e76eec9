#include <cstdint>

#include "tests/fuzz/segment_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (sitrep::FindInvalidUtf8(text) != std::string_view::npos) return 0;  // readers refuse it
  sitrep::fuzz::CheckSegmentation(text);
  std::string key = sitrep::MatchKey(text);
  if (sitrep::FindInvalidUtf8(key) != std::string_view::npos) std::abort();
  return 0;
}
