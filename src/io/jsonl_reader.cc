// One JSON Lines record: an object with string "id", "date" (YYYY-MM-DD) and "text", optionally
// "title", "url", "source", "lang". Anything else is refused, so a misspelt field ("txt") is an
// error rather than a silently empty article.
#include <nlohmann/json.hpp>

#include "sitrep/document.h"
#include "sitrep/text.h"

namespace sitrep {

Result<Document> ParseJsonDocument(std::string_view line, std::string origin) {
  auto fail = [&](const std::string& why) { return Status::InvalidInput(origin + ": " + why); };
  if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
    return fail("invalid UTF-8 at column " + std::to_string(bad + 1));
  }
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded()) return fail("not valid JSON");
  if (!j.is_object()) return fail(std::string("expected a JSON object, found ") + j.type_name());
  Document doc;
  doc.origin = origin;
  bool has_id = false, has_date = false, has_text = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& v = it.value();
    std::string* target = nullptr;
    if (key == "id") {
      if (v.is_number_integer()) { doc.id = std::to_string(v.get<long long>()); has_id = true; continue; }
      target = &doc.id;
      has_id = true;
    } else if (key == "date") {
      if (!v.is_string()) return fail("\"date\" must be a string YYYY-MM-DD");
      auto date = Date::Parse(v.get_ref<const std::string&>());
      if (!date) return fail("malformed \"date\" '" + v.get<std::string>() + "' (want YYYY-MM-DD)");
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
      return fail("unknown field \"" + key + "\" (allowed: id, date, text, title, url, source, lang)");
    }
    if (v.is_null() && key != "id" && key != "text") continue;
    if (!v.is_string()) return fail("\"" + key + "\" must be a string");
    *target = v.get<std::string>();
  }
  if (!has_id || doc.id.empty()) return fail("missing \"id\"");
  if (!has_date) return fail("missing \"date\"");
  if (!has_text) return fail("missing \"text\"");
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) return fail("empty \"text\"");
  if (doc.text.find('\0') != std::string::npos) return fail("\"text\" contains a NUL character");
  return doc;
}

}  // namespace sitrep
