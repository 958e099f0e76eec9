// A dated report, as read from any input format, and the readers that produce it.
#ifndef SITREP_DOCUMENT_H_
#define SITREP_DOCUMENT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sitrep/date.h"
#include "sitrep/status.h"

namespace sitrep {

struct Document {
  // The JSON "id"; for dated text the path relative to the folder named on the command line,
  // without its extension ("north/001"), or the file's stem when the file itself was named.
  std::string id;
  Date date;         // the report's date: every relative time resolves against it
  std::string text;  // the article body; evidence offsets are byte offsets into it
  std::string title, url, source, lang;  // optional (JSON Lines; dated-text header lines)
  std::string origin;                    // where it came from: "path" or "path:line"
  // The id was made from a file's path rather than given by the input. Such an id may be changed
  // to DisambiguatedId when another document of the run or of the store already holds it.
  bool id_from_path = false;
};

// `doc.id` + "~" + eight hex digits from the document's date and text: the id a document whose
// path-made id is taken by another document is known by. The same content always gets the same
// one, so ingesting it again finds it.
std::string DisambiguatedId(const Document& doc);

struct ReaderOptions {
  // One document may not cost more than this; a larger one is rejected, not buffered.
  size_t max_document_bytes = 16u << 20;
};

// Receives each input unit in order: a document, or the reason it was rejected. Rejections name
// file and line ("corpus/a.txt:1: ...") and never stop the reader. Returning false stops reading.
using DocumentSink = std::function<bool(Result<Document>)>;

// Parses one dated-text article: optional leading blank lines, "date YYYY-MM-DD", the article
// (possibly starting on the same line), paragraphs separated by blank lines. A date line holding
// only the date may be followed at once by header lines `source NAME`, `url http(s)://...` and
// `title TEXT` (lower-case keyword, one per line, each at most once); the article starts after
// them, so evidence offsets never count them.
Result<Document> ParseDatedText(std::string_view content, std::string id, std::string origin);

// Parses one JSON Lines record {"id","date","text"} (+ "title","url","source","lang").
Result<Document> ParseJsonDocument(std::string_view line, std::string origin);

// One input unit as read, before parsing: the bytes of a dated-text file or of one JSON line, or
// the reason it could not be read. Splitting reading from parsing lets parsing run on workers.
struct RawDocument {
  enum class Kind { kDatedText, kJsonLine, kRejected };
  Kind kind = Kind::kRejected;
  std::string content;
  std::string id;         // dated text: made from the path (see Document::id)
  std::string origin;     // "path" or "path:line"
  Status error;           // kRejected: why
  bool id_taken = false;  // an earlier file of the run had the same id: parse disambiguates it
};
using RawSink = std::function<bool(RawDocument)>;

// Reads units without parsing them; ParseRawDocument turns each into a Document or a rejection.
Status ReadRawInputs(const std::vector<std::string>& paths, const ReaderOptions& options,
                     const RawSink& sink);
Result<Document> ParseRawDocument(RawDocument raw);

// Reads inputs ("-" for stdin, a file, or a folder walked recursively in sorted order) and hands
// each document or rejection to `sink`, in order. The format of each file is detected from its
// content. Returns a non-OK status only for usage errors (a path that does not exist).
Status ReadInputs(const std::vector<std::string>& paths, const ReaderOptions& options,
                  const DocumentSink& sink);

// Expands the inputs to the list of files ReadInputs would read, in the same order. Entries of a
// folder that cannot be read (a sub-folder without permission) go to *unreadable when given;
// ReadInputs rejects each of them, so they count in the exit code. Only regular files are read:
// FIFOs, sockets and devices are rejected without being opened for reading (stdin is `-`).
Result<std::vector<std::string>> ListInputFiles(const std::vector<std::string>& paths,
                                                std::vector<Status>* unreadable = nullptr);

}  // namespace sitrep

#endif  // SITREP_DOCUMENT_H_
