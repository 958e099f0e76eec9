// Decoding and classifying code points for the segmenter. Internal to src/text.
#ifndef SITREP_SRC_TEXT_UTF8_H_
#define SITREP_SRC_TEXT_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep::text {

// Decodes the code point at `i` of valid UTF-8 and sets *len to its byte length.
inline char32_t DecodeAt(std::string_view s, size_t i, int* len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  if (b < 0xE0 && i + 1 < s.size()) {
    *len = 2;
    return ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
  }
  if (b < 0xF0 && i + 2 < s.size()) {
    *len = 3;
    return ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
  }
  if (i + 3 < s.size()) {
    *len = 4;
    return ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
  }
  *len = 1;  // truncated sequence: step over one byte rather than read past the end
  return 0xFFFD;
}

enum class CharClass {
  kSpace,
  kNewline,
  kLetter,
  kDigit,
  kApostrophe,
  kHyphen,
  kDash,
  kQuote,
  kSentenceEnd,
  kPunct
};

// Apostrophe-like marks that may sit inside a word (Sana'a, Ma'arrat, O'Neill).
inline bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x02BB || c == 0x2018 || c == 0x02BF ||
         c == 0x02BE;
}

CharClass Classify(char32_t c);

// Classify() for ASCII, precomputed: the segmenter's hot loop reads it per byte.
struct AsciiClasses {
  CharClass cls[128];
  constexpr AsciiClasses() : cls() {
    for (int c = 0; c < 128; ++c) {
      CharClass k = CharClass::kPunct;
      if (c == '\n')
        k = CharClass::kNewline;
      else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c < 0x20)
        k = CharClass::kSpace;
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        k = CharClass::kLetter;
      else if (c >= '0' && c <= '9')
        k = CharClass::kDigit;
      else if (c == '\'')
        k = CharClass::kApostrophe;
      else if (c == '-')
        k = CharClass::kHyphen;
      else if (c == '"')
        k = CharClass::kQuote;
      else if (c == '.' || c == '!' || c == '?')
        k = CharClass::kSentenceEnd;
      cls[c] = k;
    }
  }
};
inline constexpr AsciiClasses kAscii;

// Appends the normalised form of `s` (see NormalizeForMatch) to `out`.
void AppendNormalized(std::string_view s, std::string* out);

// True for an upper-case letter in any cased script.
bool IsUpper(char32_t c);
bool IsLower(char32_t c);

}  // namespace sitrep::text

#endif  // SITREP_SRC_TEXT_UTF8_H_
