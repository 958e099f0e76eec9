// UTF-8 validation and the character classes the segmenter splits on. Non-ASCII code points are
// letters unless listed here as space or punctuation: scripts without case (Arabic, Pashto) then
// form words like Latin ones do.
#include "src/text/utf8.h"

#include "sitrep/text.h"

namespace sitrep {

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: the common case in news text.
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t min;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      min = 0x10000;
    } else
      return i;
    if (i + len > n) return i;
    char32_t cp = b & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace text {

CharClass Classify(char32_t c) {
  if (c < 0x80) return kAscii.cls[c];
  switch (c) {
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF: return CharClass::kSpace;
    case 0x2028:
    case 0x2029:
    case 0x0085: return CharClass::kNewline;
    case 0x2010:
    case 0x2011: return CharClass::kHyphen;
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: return CharClass::kDash;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
    case 0x201A: return CharClass::kQuote;
    case 0x2026:
    case 0x061F:
    case 0x06D4:
    case 0x3002:
    case 0xFF01:
    case 0xFF1F: return CharClass::kSentenceEnd;
    case 0x060C:
    case 0x061B:
    case 0x3001:
    case 0x00B7:
    case 0x2022:
    case 0x00A7:
    case 0x00B0:
    case 0x00A9:
    case 0x00AE:
    case 0x2122:
    case 0x00B1:
    case 0x00D7: return CharClass::kPunct;
    default: break;
  }
  if (c >= 0x2000 && c <= 0x200B) return CharClass::kSpace;
  if (IsApostrophe(c)) return CharClass::kApostrophe;
  if ((c >= 0x2016 && c <= 0x206F) || (c >= 0x2190 && c <= 0x2BFF)) return CharClass::kPunct;
  if (c >= 0x0660 && c <= 0x0669) return CharClass::kDigit;  // Arabic-Indic digits
  return CharClass::kLetter;
}

}  // namespace text
}  // namespace sitrep
