// Errors as values: the one catalogue of everything that can go wrong in Fossa.
//
// The command line message, the HTTP problem body (RFC 9457) and the log line of an error all come
// from an Error and the catalogue below, so they cannot drift apart.
#pragma once

#include <string>
#include <string_view>

namespace fossa {

enum class ErrorCode {
  kMalformedJson,      // the text is not JSON (position given)
  kTooDeep,            // JSON nested deeper than the parser allows
  kDuplicateKey,       // an object names the same key twice (which one is meant is unknowable)
  kUnknownField,       // a field or finding id that does not exist (closest ids suggested)
  kWrongType,          // a value of the wrong JSON type for its field
  kOutOfRange,         // a number outside its allowed range
  kInvalidValue,       // a value that is not one of the allowed ones (setting, sex, ...)
  kMissingField,       // a required field is absent
  kInvalidKnowledge,   // the knowledge base failed validation (file and line given)
  kIo,                 // a file could not be read or written
  kUsage,              // a command was called wrongly
  // HTTP only: failures of the transport that never come from the library.
  kNotFound,           // 404: no route has this path
  kForbidden,          // 403: the route is served only to connections from this machine
  kMethodNotAllowed,   // 405: the route exists but not for this method
  kBodyTooLarge,       // 413: the body is over the limit
  kHeadersTooLarge,    // 431: the request line and headers are over the limit
  kBadHttp,            // 400: not an HTTP/1.1 request
  kTimeout,            // 408: the request was not received in time
  kInternal,           // 500: a bug; the message says nothing about the input
  kUnavailable,        // 503: the server is shutting down
  kOverloaded,         // 503: the server holds as many connections as it is allowed
  kUnsupportedMediaType,  // 415: a body in a content type the route does not read
  kNotImplemented,     // 501: a transfer coding the server does not implement
};

// One entry of the catalogue: a stable slug (used in problem "type" URIs and logs), a short human
// title, and the HTTP status a request failing this way gets.
struct ErrorInfo {
  std::string_view slug;
  std::string_view title;
  int http_status;
};

// Returns the catalogue entry of `code`. Never fails.
const ErrorInfo& error_info(ErrorCode code);

// An error: what went wrong (`message`, a sentence a person can act on) and where (`where`: a file
// and line for the knowledge base, a JSON path such as "/evidence/age" for requests, or empty).
struct Error {
  ErrorCode code;
  std::string message;
  std::string where;

  // "where: message", or the message alone when `where` is empty.
  std::string to_string() const;
};

// A kIo error for the file `path` that could not be opened or read, saying why in words a person
// can act on: "is a directory: give a file", "permission denied", "no such file or directory" (from
// errno, which the caller leaves as the failed call set it). `what` names the file's role, e.g.
// "the case file".
Error file_error(const std::string& path, std::string_view what = "the file");

}  // namespace fossa
