#include "fossa/error.h"

#include <cerrno>
#include <cstring>
#include <cctype>
#include <filesystem>

namespace fossa {

const ErrorInfo& error_info(ErrorCode code) {
  static const ErrorInfo kMalformedJson{"malformed-json", "The request body is not valid JSON", 400};
  static const ErrorInfo kTooDeep{"too-deep", "The JSON is nested too deeply", 400};
  static const ErrorInfo kDuplicateKey{"duplicate-key", "A JSON object names the same key twice", 400};
  static const ErrorInfo kUnknownField{"unknown-field", "Unknown field or finding", 422};
  static const ErrorInfo kWrongType{"wrong-type", "A value has the wrong type", 422};
  static const ErrorInfo kOutOfRange{"out-of-range", "A number is out of range", 422};
  static const ErrorInfo kInvalidValue{"invalid-value", "A value is not one of the allowed ones", 422};
  static const ErrorInfo kMissingField{"missing-field", "A required field is missing", 422};
  static const ErrorInfo kInvalidKnowledge{"invalid-knowledge", "The knowledge base is invalid", 500};
  static const ErrorInfo kIo{"io", "A file could not be read or written", 500};
  static const ErrorInfo kUsage{"usage", "The command was called wrongly", 400};
  static const ErrorInfo kNotFound{"not-found", "No such route", 404};
  static const ErrorInfo kMethodNotAllowed{"method-not-allowed", "The route does not take this method", 405};
  static const ErrorInfo kBodyTooLarge{"body-too-large", "The request body is too large", 413};
  static const ErrorInfo kHeadersTooLarge{"headers-too-large", "The request headers are too large", 431};
  static const ErrorInfo kBadHttp{"bad-request", "The request is not valid HTTP/1.1", 400};
  static const ErrorInfo kTimeout{"timeout", "The request was not received in time", 408};
  static const ErrorInfo kInternal{"internal", "Internal error", 500};
  static const ErrorInfo kUnavailable{"unavailable", "The server is shutting down", 503};
  static const ErrorInfo kForbidden{"forbidden", "The route is not served to this client", 403};
  static const ErrorInfo kOverloaded{"overloaded", "The server has too many connections", 503};
  static const ErrorInfo kUnsupportedMediaType{"unsupported-media-type", "The body is not in a content type this route reads", 415};
  static const ErrorInfo kNotImplemented{"not-implemented", "The request uses a feature the server does not implement", 501};
  switch (code) {
    case ErrorCode::kMalformedJson: return kMalformedJson;
    case ErrorCode::kTooDeep: return kTooDeep;
    case ErrorCode::kDuplicateKey: return kDuplicateKey;
    case ErrorCode::kUnknownField: return kUnknownField;
    case ErrorCode::kWrongType: return kWrongType;
    case ErrorCode::kOutOfRange: return kOutOfRange;
    case ErrorCode::kInvalidValue: return kInvalidValue;
    case ErrorCode::kMissingField: return kMissingField;
    case ErrorCode::kInvalidKnowledge: return kInvalidKnowledge;
    case ErrorCode::kIo: return kIo;
    case ErrorCode::kUsage: return kUsage;
    case ErrorCode::kNotFound: return kNotFound;
    case ErrorCode::kForbidden: return kForbidden;
    case ErrorCode::kMethodNotAllowed: return kMethodNotAllowed;
    case ErrorCode::kBodyTooLarge: return kBodyTooLarge;
    case ErrorCode::kHeadersTooLarge: return kHeadersTooLarge;
    case ErrorCode::kBadHttp: return kBadHttp;
    case ErrorCode::kTimeout: return kTimeout;
    case ErrorCode::kInternal: return kInternal;
    case ErrorCode::kUnavailable: return kUnavailable;
    case ErrorCode::kOverloaded: return kOverloaded;
    case ErrorCode::kUnsupportedMediaType: return kUnsupportedMediaType;
    case ErrorCode::kNotImplemented: return kNotImplemented;
  }
  return kUsage;
}

std::string Error::to_string() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

Error file_error(const std::string& path, std::string_view what) {
  int number = errno;
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Error{ErrorCode::kIo, "cannot read " + std::string(what) + ": it is a directory; give a file", path};
  }
  std::string reason = number ? std::strerror(number) : "unknown error";
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return Error{ErrorCode::kIo, "cannot read " + std::string(what) + ": " + reason, path};
}

}  // namespace fossa
