#include "fossa/error.h"

namespace fossa {

const ErrorInfo& error_info(ErrorCode code) {
  static const ErrorInfo kMalformedJson{"malformed-json", "The request body is not valid JSON", 400};
  static const ErrorInfo kTooDeep{"too-deep", "The JSON is nested too deeply", 400};
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
  switch (code) {
    case ErrorCode::kMalformedJson: return kMalformedJson;
    case ErrorCode::kTooDeep: return kTooDeep;
    case ErrorCode::kUnknownField: return kUnknownField;
    case ErrorCode::kWrongType: return kWrongType;
    case ErrorCode::kOutOfRange: return kOutOfRange;
    case ErrorCode::kInvalidValue: return kInvalidValue;
    case ErrorCode::kMissingField: return kMissingField;
    case ErrorCode::kInvalidKnowledge: return kInvalidKnowledge;
    case ErrorCode::kIo: return kIo;
    case ErrorCode::kUsage: return kUsage;
    case ErrorCode::kNotFound: return kNotFound;
    case ErrorCode::kMethodNotAllowed: return kMethodNotAllowed;
    case ErrorCode::kBodyTooLarge: return kBodyTooLarge;
    case ErrorCode::kHeadersTooLarge: return kHeadersTooLarge;
    case ErrorCode::kBadHttp: return kBadHttp;
    case ErrorCode::kTimeout: return kTimeout;
    case ErrorCode::kInternal: return kInternal;
    case ErrorCode::kUnavailable: return kUnavailable;
  }
  return kUsage;
}

std::string Error::to_string() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

}  // namespace fossa
