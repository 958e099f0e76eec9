// The dated-text format: optional blank lines, "date YYYY-MM-DD", then the article, which may begin
// on the date line itself. The article keeps its bytes exactly so evidence offsets point into it.
//
// Header lines. When the date line holds only the date, the lines right after it (no blank line
// between) may each be one header: a lower-case keyword (`source`, `url`, `title`), white space,
// and a value to the end of the line. The first line that is not a header (or a blank line) ends
// them, and the article starts at its next non-blank byte. They are not confusable with article
// text because they are only looked for there, the keyword must be lower case and alone before its
// value, a keyword may appear once, and a `url` must be an http(s) address without spaces: a
// header line that breaks these rules is an error naming its line, never guessed into the text.
#include <cstring>

#include "sitrep/document.h"
#include "sitrep/text.h"
#include "src/io/line_location.h"

namespace sitrep {

namespace {
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// The Document field a header keyword fills, or null when `line` does not start with one followed
// by white space or its end.
std::string* HeaderField(std::string_view line, Document* doc, std::string_view* keyword) {
  struct Header {
    std::string_view keyword;
    std::string Document::*field;
  };
  static constexpr Header kHeaders[] = {
      {"source", &Document::source}, {"url", &Document::url}, {"title", &Document::title}};
  for (const Header& h : kHeaders) {
    if (!line.starts_with(h.keyword)) continue;
    if (line.size() > h.keyword.size() && !IsBlank(line[h.keyword.size()])) continue;
    *keyword = h.keyword;
    return &(doc->*h.field);
  }
  return nullptr;
}

// Reads the header lines that start at content[*at] (the byte after the date line's newline),
// moving *at past them. An error names the offending line.
Status ReadHeaders(std::string_view content, const std::string& origin, size_t* at, Document* doc) {
  while (*at < content.size()) {
    size_t nl = content.find('\n', *at);
    size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view line = content.substr(*at, end - *at);
    std::string_view keyword;
    std::string* field = HeaderField(line, doc, &keyword);
    if (!field) break;
    std::string where = io::Where(origin, io::LineOf(content, *at));
    std::string_view value = Trim(line.substr(keyword.size()));
    if (value.empty()) {
      return Status::InvalidInput(where + "header '" + std::string(keyword) + "' has no value");
    }
    if (!field->empty()) {
      return Status::InvalidInput(where + "second '" + std::string(keyword) + "' header");
    }
    if (keyword == "url" && ((!value.starts_with("http://") && !value.starts_with("https://")) ||
                             value.find_first_of(" \t") != std::string_view::npos)) {
      return Status::InvalidInput(where + "header 'url' wants an http(s) address, found '" +
                                  std::string(value.substr(0, 40)) + "'");
    }
    field->assign(value);
    *at = nl == std::string_view::npos ? content.size() : nl + 1;
  }
  return Status::OK();
}
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
  Document doc;
  size_t body = i + d + 10;
  while (body < content.size() && content[body] != '\n' && IsBlank(content[body])) ++body;
  if (body < content.size() && content[body] == '\n') {  // the date stands alone on its line
    ++body;
    if (Status s = ReadHeaders(content, origin, &body, &doc); !s.ok()) return s;
  }
  while (body < content.size() && IsBlank(content[body])) ++body;
  if (body == content.size()) {
    return Status::InvalidInput(io::Where(origin, line) + "no article text after the date line");
  }
  doc.id = std::move(id);
  doc.date = *date;
  doc.text.assign(content.substr(body));
  doc.origin = std::move(origin);
  return doc;
}

}  // namespace sitrep
