// One JSON Lines record: an object with string "id", "date" (YYYY-MM-DD) and "text", optionally
// "title", "url", "source", "lang". Anything else is refused, so a misspelt field ("txt") is an
// error rather than a silently empty article.
#include "sitrep/document.h"
#include "sitrep/text.h"
#include "src/io/json_document.h"

namespace sitrep {

Result<Document> ParseJsonDocument(std::string_view line, std::string origin) {
  auto fail = [&](const std::string& why) { return Status::InvalidInput(origin + ": " + why); };
  if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
    return fail("invalid UTF-8 at column " + std::to_string(bad + 1));
  }
  std::vector<json::Member> members;
  std::string error;
  if (!json::ParseObject(line, &members, &error)) {
    std::string kind = json::TopLevelKind(line);
    if (!kind.empty() && kind != "object") return fail("expected a JSON object, found " + kind);
    return fail(error);
  }
  Document doc;
  doc.origin = origin;
  bool has_id = false, has_date = false, has_text = false;
  for (json::Member& m : members) {
    const std::string& key = m.key;
    std::string* target = nullptr;
    if (key == "id") {
      has_id = true;
      if (m.kind == json::Kind::kNumber && m.text.find_first_of(".eE") == std::string::npos) {
        doc.id = m.text;
        continue;
      }
      target = &doc.id;
    } else if (key == "date") {
      if (m.kind != json::Kind::kString) return fail("\"date\" must be a string YYYY-MM-DD");
      auto date = Date::Parse(m.text);
      if (!date) return fail("malformed \"date\" '" + m.text + "' (want YYYY-MM-DD)");
      doc.date = *date;
      has_date = true;
      continue;
    } else if (key == "text") {
      target = &doc.text;
      has_text = true;
    } else if (key == "title") {
      target = &doc.title;
    } else if (key == "url") {
      target = &doc.url;
    } else if (key == "source") {
      target = &doc.source;
    } else if (key == "lang") {
      target = &doc.lang;
    } else {
      return fail("unknown field \"" + key +
                  "\" (allowed: id, date, text, title, url, source, lang)");
    }
    if (m.kind == json::Kind::kNull && key != "id" && key != "text") continue;
    if (m.kind != json::Kind::kString) return fail("\"" + key + "\" must be a string");
    *target = std::move(m.text);
  }
  if (!has_id || doc.id.empty()) return fail("missing \"id\"");
  if (!has_date) return fail("missing \"date\"");
  if (!has_text) return fail("missing \"text\"");
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) return fail("empty \"text\"");
  if (doc.text.find('\0') != std::string::npos) return fail("\"text\" contains a NUL character");
  if (FindInvalidUtf8(doc.text) != std::string_view::npos)
    return fail("\"text\" decodes to invalid UTF-8");
  return doc;
}

}  // namespace sitrep
