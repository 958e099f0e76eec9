// The normalised form every matcher compares: case-folded, compatibility-decomposed with
// combining marks stripped (utf8proc), apostrophes dropped, and the few Latin letters that have no
// decomposition (ø, ł, đ, ı, æ...) mapped by hand. ASCII, the bulk of news text, never leaves the
// fast path.
#include <utf8proc.h>

#include <cstdlib>
#include <string>

#include "sitrep/text.h"
#include "src/text/utf8.h"

namespace sitrep {

namespace {

void AppendFolded(char32_t c, std::string* out) {
  switch (c) {
    case 0x00F8:
    case 0x00D8: *out += 'o'; return;  // ø
    case 0x0142:
    case 0x0141: *out += 'l'; return;  // ł
    case 0x0111:
    case 0x0110: *out += 'd'; return;  // đ
    case 0x0127:
    case 0x0126: *out += 'h'; return;  // ħ
    case 0x0131: *out += 'i'; return;  // dotless ı
    case 0x00E6:
    case 0x00C6: *out += "ae"; return;  // æ
    case 0x0153:
    case 0x0152: *out += "oe"; return;  // œ
    case 0x00FE:
    case 0x00DE: *out += "th"; return;  // þ
    case 0x00F0:
    case 0x00D0: *out += 'd'; return;  // ð
    default: break;
  }
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

void NormalizeNonAscii(std::string_view s, std::string* out) {
  utf8proc_uint8_t* mapped = nullptr;
  auto n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
      &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  if (n < 0) {  // only on invalid UTF-8, which callers have excluded; keep the bytes lowered
    for (char ch : s) out->push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
    return;
  }
  std::string_view m(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  for (size_t i = 0; i < m.size();) {
    int len;
    char32_t c = text::DecodeAt(m, i, &len);
    i += static_cast<size_t>(len);
    if (text::IsApostrophe(c)) continue;
    if (c < 0x80)
      out->push_back(static_cast<char>(c));
    else
      AppendFolded(c, out);
  }
  std::free(mapped);
}

}  // namespace

namespace text {
// Appends the normalised form of `s` to `out`.
void AppendNormalized(std::string_view s, std::string* out) {
  size_t at = out->size();
  out->resize(at + s.size());
  char* dst = out->data() + at;
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) {  // rare: redo this token the careful way
      out->resize(at);
      NormalizeNonAscii(s, out);
      return;
    }
    if (ch == '\'') continue;
    *dst++ = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
  }
  out->resize(static_cast<size_t>(dst - out->data()));
}
}  // namespace text

std::string NormalizeForMatch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  text::AppendNormalized(s, &out);
  return out;
}

std::string MatchKey(std::string_view name) {
  SegmentedText seg = Segment(name);
  std::string key;
  for (const Token& t : seg.tokens) {
    if (!t.is(kWord) || t.is(kPossessive)) continue;
    if (!key.empty()) key.push_back(' ');
    key.append(seg.norm(t));
  }
  return key;
}

}  // namespace sitrep

namespace sitrep::text {
bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return utf8proc_isupper(static_cast<utf8proc_int32_t>(c)) != 0;
}
bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return utf8proc_islower(static_cast<utf8proc_int32_t>(c)) != 0;
}
}  // namespace sitrep::text
