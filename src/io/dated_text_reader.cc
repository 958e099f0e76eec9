// The dated-text format: optional blank lines, "date YYYY-MM-DD", then the article, which may begin
// on the date line itself. The article keeps its bytes exactly so evidence offsets point into it.
#include <cstring>

#include "sitrep/document.h"
#include "sitrep/text.h"
#include "src/io/line_location.h"

namespace sitrep {

namespace {
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
}  // namespace

Result<Document> ParseDatedText(std::string_view content, std::string id, std::string origin) {
  if (content.empty()) return Status::InvalidInput(io::Where(origin, 1) + "empty file");
  if (const void* nul = std::memchr(content.data(), '\0', content.size())) {
    size_t at = static_cast<size_t>(static_cast<const char*>(nul) - content.data());
    return Status::InvalidInput(io::Where(origin, io::LineOf(content, at)) +
                                "binary data (NUL byte at offset " + std::to_string(at) + ")");
  }
  if (size_t bad = FindInvalidUtf8(content); bad != std::string_view::npos) {
    return Status::InvalidInput(io::Where(origin, io::LineOf(content, bad)) +
                                "invalid UTF-8 at byte offset " + std::to_string(bad));
  }
  size_t i = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // byte order mark
  while (i < content.size() && IsBlank(content[i])) ++i;
  if (i == content.size())
    return Status::InvalidInput(io::Where(origin, 1) + "empty file (only blanks)");
  const size_t line = io::LineOf(content, i);
  std::string_view rest = content.substr(i);
  auto line_end = rest.find('\n');
  std::string_view shown = rest.substr(0, std::min<size_t>(line_end, 40));
  if (rest.substr(0, 4) != "date" || rest.size() < 5 || (rest[4] != ' ' && rest[4] != '\t')) {
    return Status::InvalidInput(io::Where(origin, line) + "expected 'date YYYY-MM-DD', found '" +
                                std::string(shown) + "'");
  }
  size_t d = 4;
  while (d < rest.size() && (rest[d] == ' ' || rest[d] == '\t')) ++d;
  std::string_view date_text = rest.substr(d, 10);
  auto date = Date::Parse(date_text);
  bool ends_cleanly = d + 10 >= rest.size() || IsBlank(rest[d + 10]);
  if (!date || !ends_cleanly) {
    return Status::InvalidInput(io::Where(origin, line) + "malformed date in '" +
                                std::string(shown) + "' (want date YYYY-MM-DD, a real day)");
  }
  size_t body = i + d + 10;
  while (body < content.size() && IsBlank(content[body])) ++body;
  if (body == content.size()) {
    return Status::InvalidInput(io::Where(origin, line) + "no article text after the date line");
  }
  Document doc;
  doc.id = std::move(id);
  doc.date = *date;
  doc.text.assign(content.substr(body));
  doc.origin = std::move(origin);
  return doc;
}

}  // namespace sitrep
