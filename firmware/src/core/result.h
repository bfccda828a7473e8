// Errors as values at module boundaries: Result<T> holds a value or an Error.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace md {

// What went wrong, in terms the HTTP edge maps to a status code.
enum class ErrorKind {
  kInvalidArgument,  // the caller's input is wrong (400)
  kNotFound,         // 404
  kConflict,         // state does not allow it (409)
  kUnauthenticated,  // 401
  kForbidden,        // 403
  kRateLimited,      // 429
  kUnavailable,      // a dependency is down (503)
  kInternal,         // a bug or an I/O failure (500)
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;     // machine code, e.g. "not_found"
  std::string message;  // for people: zh-CN where it reaches the UI, English for operators
};

inline Error make_error(ErrorKind kind, std::string code, std::string message) {
  return Error{kind, std::move(code), std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}
  static Status success() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace md

// Return early with the error of a failed Status/Result expression.
#define MD_TRY(expr)                                   \
  do {                                                 \
    auto md_try_result_ = (expr);                      \
    if (!md_try_result_.ok()) return md_try_result_.error(); \
  } while (0)
