#include "src/pipeline/windows.h"

namespace sitrep {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// The best cut in (lo, hi]: an offset where the next window starts.
size_t BestCut(std::string_view text, size_t lo, size_t hi) {
  for (size_t i = hi; i > lo + 1; --i) {  // a blank line: cut after it
    if (text[i - 1] == '\n' &&
        (text[i - 2] == '\n' || (text[i - 2] == '\r' && i >= lo + 3 && text[i - 3] == '\n')))
      return i;
  }
  for (size_t i = hi; i > lo + 1; --i) {  // a sentence end followed by white space
    char p = text[i - 2];
    if ((p == '.' || p == '!' || p == '?') && IsSpace(text[i - 1])) return i;
  }
  for (size_t i = hi; i > lo; --i) {  // any white space
    if (IsSpace(text[i - 1])) return i;
  }
  size_t i = hi;  // not inside a UTF-8 sequence: a cut never precedes a continuation byte
  while (i > lo + 1 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

std::vector<TextWindow> SplitIntoWindows(std::string_view text, size_t target) {
  std::vector<TextWindow> out;
  size_t start = 0;
  while (target > 0 && text.size() - start > target) {
    size_t hi = start + target;
    size_t cut = BestCut(text, start + target - target / 4, hi);
    if (cut <= start) cut = hi;
    out.push_back({start, cut - start});
    start = cut;
  }
  out.push_back({start, text.size() - start});
  return out;
}

}  // namespace sitrep
