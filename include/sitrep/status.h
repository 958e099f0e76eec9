// Errors as values. Every library call that can fail returns a Status or a Result<T>; no exception
// crosses the library's border and no library code ends the process.
#ifndef SITREP_STATUS_H_
#define SITREP_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace sitrep {

class Status {
 public:
  enum class Code { kOk, kInvalidInput, kInvalidArgument, kNotFound, kIOError, kCorruption };

  Status() = default;
  static Status OK() { return Status(); }
  // The input (a document, a dump row, a file) is malformed; the message names file and line.
  static Status InvalidInput(std::string msg) {
    return Status(Code::kInvalidInput, std::move(msg));
  }
  // The caller asked for something meaningless (a bad flag value, a bad date).
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  // A file sitrep wrote itself (a compiled gazetteer) is damaged or of another version.
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace sitrep

#endif  // SITREP_STATUS_H_
