// Walks the inputs (files, folders, stdin) and hands every document or rejection on in order.
//
// Each file's format is told from its first non-blank byte: '{' starts JSON Lines, anything else is
// dated text. Every unit is bounded: a dated-text file larger than max_document_bytes is refused
// from its size without being read, and a JSON line longer than that is skipped to its newline
// without being buffered, so a 100 MB file with no newline costs one read pass and no memory.
//
// A dated-text file's id is its path relative to the folder named on the command line, without the
// file's extension ("north/001" for corpus/north/001.txt read as `corpus`), or its stem when the
// file itself was named: so files at the top of a folder keep the stem they always had, and two
// sub-folders that each hold a 001.txt give two ids. When two files of one run still give the same
// id (`a/001.txt b/001.txt`), every one after the first takes DisambiguatedId: the id, '~' and a
// tag of its date and text, the same for the same content on every run.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "sitrep/document.h"
#include "src/io/line_location.h"

namespace sitrep {

namespace {

namespace fs = std::filesystem;

// Reads a file descriptor in large blocks; lines or whole content, bounded.
class ByteSource {
 public:
  explicit ByteSource(int fd) : fd_(fd) {}

  // Next line without its newline. Sets *too_long (and returns an empty line) when the line passed
  // `limit` bytes; the rest of it is skipped. Returns false at end of input.
  bool NextLine(size_t limit, std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    bool any = false;
    while (true) {
      if (pos_ == len_ && !Fill()) return any;
      any = true;
      const char* start = buf_ + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : len_ - pos_;
      if (!*too_long) {
        if (line->size() + take > limit) {
          *too_long = true;
          line->clear();
        } else {
          line->append(start, take);
        }
      }
      pos_ += take;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  // Everything that is left, up to limit + 1 bytes (so the caller can tell it was too long).
  std::string Rest(size_t limit) {
    std::string out(buf_ + pos_, len_ - pos_);
    pos_ = len_;
    while (out.size() <= limit && Fill()) {
      out.append(buf_, len_);
      pos_ = len_;
    }
    return out;
  }

  // Peeks the first byte that is not white space, without consuming anything past the buffer.
  int PeekNonBlank() {
    while (true) {
      if (pos_ == len_ && !Fill()) return -1;
      // Only the first block is inspected: it is what the format is told from.
      for (size_t k = pos_; k < len_; ++k) {
        char c = buf_[k];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return static_cast<unsigned char>(c);
      }
      if (len_ == sizeof buf_) return static_cast<unsigned char>(buf_[pos_]);
      return -1;
    }
  }

  bool error() const { return error_; }

 private:
  bool Fill() {
    if (pos_ < len_) return true;
    ssize_t n;
    do n = ::read(fd_, buf_, sizeof buf_);
    while (n < 0 && errno == EINTR);
    if (n < 0) error_ = true;
    if (n <= 0) return false;
    pos_ = 0;
    len_ = static_cast<size_t>(n);
    return true;
  }

  int fd_;
  char buf_[1 << 16];
  size_t pos_ = 0, len_ = 0;
  bool error_ = false;
};

std::string StemOf(const std::string& path) {
  if (path == "-") return "stdin";
  return fs::path(path).stem().string();
}

// The id of `file` found under the folder `root`: its relative path without the extension.
std::string RelativeId(const std::string& root, const std::string& file) {
  fs::path rel = fs::path(file).lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return StemOf(file);
  return (rel.parent_path() / rel.stem()).generic_string();
}

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool Reject(const RawSink& sink, Status status) {
  return sink(RawDocument{RawDocument::Kind::kRejected, "", "", "", std::move(status), false});
}

// Returns false when the sink asked to stop.
bool ReadJsonLines(ByteSource& src, const std::string& name, const ReaderOptions& opt,
                   const RawSink& sink) {
  std::string line;
  bool too_long;
  for (size_t n = 1; src.NextLine(opt.max_document_bytes, &line, &too_long); ++n) {
    std::string origin = name + ":" + std::to_string(n);
    if (too_long) {
      if (!Reject(sink, Status::InvalidInput(origin + ": line longer than " +
                                             std::to_string(opt.max_document_bytes) + " bytes"))) {
        return false;
      }
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines are fine
    if (!sink(RawDocument{
            RawDocument::Kind::kJsonLine, std::move(line), "", std::move(origin), {}, false})) {
      return false;
    }
  }
  if (src.error())
    return Reject(sink, Status::IOError(name + ": read failed: " + std::strerror(errno)));
  return true;
}

bool ReadOne(int fd, const std::string& name, const std::string& id, const ReaderOptions& opt,
             const RawSink& sink) {
  ByteSource src(fd);
  int first = src.PeekNonBlank();
  if (src.error())
    return Reject(sink, Status::IOError(name + ": read failed: " + std::strerror(errno)));
  if (first == '{') return ReadJsonLines(src, name, opt, sink);
  std::string content = src.Rest(opt.max_document_bytes);
  if (src.error())
    return Reject(sink, Status::IOError(name + ": read failed: " + std::strerror(errno)));
  if (content.size() > opt.max_document_bytes) {
    return Reject(sink, Status::InvalidInput(name + ":1: document larger than " +
                                             std::to_string(opt.max_document_bytes) + " bytes"));
  }
  return sink(RawDocument{RawDocument::Kind::kDatedText, std::move(content), id, name, {}, false});
}

const char* KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

// Only regular files are read: opening a FIFO with no writer blocks forever, and a device or a
// socket is not a report. The file is opened non-blocking and checked again after opening (it
// may have been replaced in between).
bool ReadFile(const std::string& path, const std::string& id, const ReaderOptions& opt,
              const RawSink& sink) {
  auto refuse = [&](mode_t mode) {
    return Reject(sink, Status::InvalidInput(path + ": " + KindOf(mode) +
                                             ", not a regular file (to read a stream, pipe it to "
                                             "`-`)"));
  };
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return refuse(st.st_mode);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return Reject(sink, Status::IOError(path + ": cannot open: " + std::strerror(errno)));
  bool keep_going;
  if (::fstat(fd, &st) != 0) {
    keep_going = Reject(sink, Status::IOError(path + ": cannot read: " + std::strerror(errno)));
  } else if (!S_ISREG(st.st_mode)) {
    keep_going = refuse(st.st_mode);
  } else {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    keep_going = ReadOne(fd, path, id, opt, sink);
  }
  ::close(fd);
  return keep_going;
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Every file under `root` (hidden entries skipped, symbolic links to folders not followed, so a
// link cannot loop), and every entry that could not be read.
void WalkFolder(const fs::path& root, std::vector<std::string>* found,
                std::vector<Status>* unreadable) {
  std::vector<fs::path> todo = {root};
  while (!todo.empty()) {
    fs::path dir = std::move(todo.back());
    todo.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      unreadable->push_back(
          Status::IOError(dir.string() + ": cannot read folder: " + ec.message()));
      continue;
    }
    for (fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) {
        unreadable->push_back(
            Status::IOError(dir.string() + ": cannot read folder: " + ec.message()));
        break;
      }
      const fs::path& p = it->path();
      if (IsHidden(p)) continue;
      std::error_code lec;
      bool link = it->is_symlink(lec);
      bool is_dir = it->is_directory(lec);
      if (is_dir && !link) {
        todo.push_back(p);
      } else if (!is_dir) {
        found->push_back(p.string());  // unreadable files are rejected when opened
      }
    }
  }
}

}  // namespace

namespace {

struct InputFile {
  std::string path, id;
};

Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths,
                                          std::vector<Status>* unreadable) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({path, "stdin"});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return Status::NotFound(path + ": no such file or folder");
    if (!fs::is_directory(status)) {
      files.push_back({path, StemOf(path)});
      continue;
    }
    std::vector<std::string> found;
    WalkFolder(path, &found, unreadable);
    // Byte order, not locale order: the same corpus gives the same output on every machine.
    std::sort(found.begin(), found.end());
    for (std::string& f : found) {
      std::string id = RelativeId(path, f);
      files.push_back({std::move(f), std::move(id)});
    }
  }
  return files;
}

}  // namespace

Result<std::vector<std::string>> ListInputFiles(const std::vector<std::string>& paths,
                                                std::vector<Status>* unreadable) {
  std::vector<Status> ignored;
  auto inputs = ListInputs(paths, unreadable ? unreadable : &ignored);
  if (!inputs.ok()) return inputs.status();
  std::vector<std::string> files;
  for (InputFile& f : *inputs) files.push_back(std::move(f.path));
  return files;
}

std::string DisambiguatedId(const Document& doc) {
  uint64_t h = Fnv1a(doc.text, Fnv1a(doc.date.ToString() + "\n"));
  char tag[9];
  std::snprintf(tag, sizeof tag, "%08llx", static_cast<unsigned long long>(h >> 32));
  return doc.id + "~" + tag;
}

Result<Document> ParseRawDocument(RawDocument raw) {
  switch (raw.kind) {
    case RawDocument::Kind::kDatedText: {
      auto doc = ParseDatedText(raw.content, std::move(raw.id), std::move(raw.origin));
      if (doc.ok()) {
        doc->id_from_path = true;
        if (raw.id_taken) doc->id = DisambiguatedId(*doc);
      }
      return doc;
    }
    case RawDocument::Kind::kJsonLine: return ParseJsonDocument(raw.content, std::move(raw.origin));
    case RawDocument::Kind::kRejected: break;
  }
  return raw.error;
}

Status ReadInputs(const std::vector<std::string>& paths, const ReaderOptions& options,
                  const DocumentSink& sink) {
  return ReadRawInputs(paths, options,
                       [&](RawDocument raw) { return sink(ParseRawDocument(std::move(raw))); });
}

Status ReadRawInputs(const std::vector<std::string>& paths, const ReaderOptions& options,
                     const RawSink& sink) {
  std::vector<Status> unreadable;
  auto files = ListInputs(paths, &unreadable);
  if (!files.ok()) return files.status();
  for (Status& s : unreadable) {
    if (!Reject(sink, std::move(s))) return Status::OK();
  }
  std::set<std::string> ids;  // given to dated-text files so far in this run
  RawSink marked = [&](RawDocument raw) {
    if (raw.kind == RawDocument::Kind::kDatedText) raw.id_taken = !ids.insert(raw.id).second;
    return sink(std::move(raw));
  };
  for (const InputFile& file : *files) {
    bool keep_going = file.path == "-" ? ReadOne(STDIN_FILENO, "<stdin>", file.id, options, marked)
                                       : ReadFile(file.path, file.id, options, marked);
    if (!keep_going) break;
  }
  return Status::OK();
}

}  // namespace sitrep
