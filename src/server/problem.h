// Error responses as RFC 9457 problem details (application/problem+json):
//   {"type": "urn:fossa:problem:<slug>", "title", "status", "detail", "instance", "where"}
// Errors of the library take slug, title and status from the error catalogue (fossa/error.h);
// errors of the HTTP layer alone (no route, wrong method, body too large...) from the small table
// below, in the same ErrorInfo shape, so every problem body is built the same way.
#pragma once

#include <string_view>

#include "fossa/error.h"
#include "server/http.h"

namespace fossa::server {

// Failures that only the HTTP layer can have; they never come from the library.
enum class HttpProblem {
  kNotFound,          // 404: no route has this path
  kMethodNotAllowed,  // 405: the route exists but not for this method (Allow lists those it takes)
  kBodyTooLarge,      // 413: the body is over the limit (64 KiB by default)
  kHeadersTooLarge,   // 431: the request line and headers are over the limit
  kBadRequest,        // 400: not an HTTP/1.1 request
  kTimeout,           // 408: the request was not received in time
  kInternal,          // 500: a bug; the detail says nothing about the input
  kUnavailable,       // 503: the server is shutting down
};

const ErrorInfo& http_problem_info(HttpProblem problem);

// A problem response. `instance` is the request path; `where` (omitted when empty) the JSON pointer
// of the offending value in the request body.
Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view where = {});
Response problem_response(const Error& error, std::string_view instance);
Response problem_response(HttpProblem problem, std::string_view detail, std::string_view instance);

}  // namespace fossa::server
