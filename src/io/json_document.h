// A small, strict JSON reader for one document object per line. Internal.
#ifndef SITREP_SRC_IO_JSON_DOCUMENT_H_
#define SITREP_SRC_IO_JSON_DOCUMENT_H_

#include <string>
#include <string_view>
#include <vector>

namespace sitrep::json {

enum class Kind { kString, kNumber, kBool, kNull, kArray, kObject };

struct Member {
  std::string key;
  Kind kind = Kind::kNull;
  std::string text;  // the decoded string, or the number's digits
};

// Parses `line` as one JSON object whose members are kept one level deep (nested arrays and
// objects are validated and reported by kind only). Returns false with *error set on bad JSON.
bool ParseObject(std::string_view line, std::vector<Member>* members, std::string* error);

// The JSON type name of a line that is valid JSON but not an object ("array", "string", ...), or
// empty if it is not valid JSON.
std::string TopLevelKind(std::string_view line);

}  // namespace sitrep::json

#endif  // SITREP_SRC_IO_JSON_DOCUMENT_H_
