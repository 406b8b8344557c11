// Result<T>: a value or an Error. GCC 12 has no std::expected; this is the small subset we need.
//
//   Result<Evidence> parsed = parse_case(text, kb);
//   if (!parsed) return parsed.error();
//   use(*parsed);
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "fossa/error.h"

namespace fossa {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok() for value access, !ok() for error().
  T& operator*() & { assert(ok()); return std::get<T>(state_); }
  const T& operator*() const& { assert(ok()); return std::get<T>(state_); }
  T&& operator*() && { assert(ok()); return std::get<T>(std::move(state_)); }
  T* operator->() { assert(ok()); return &std::get<T>(state_); }
  const T* operator->() const { assert(ok()); return &std::get<T>(state_); }
  const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace fossa
