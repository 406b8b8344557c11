// Error responses as RFC 9457 problem details (application/problem+json):
//   {"type": "urn:fossa:problem:<slug>", "title", "status", "detail", "instance", "where"}
// Slug, title and status come from the one error catalogue (fossa/error.h), which also holds the
// failures only the HTTP layer can have (no route, wrong method, body too large...).
#pragma once

#include <string_view>

#include "fossa/error.h"
#include "server/http.h"

namespace fossa::server {

// A problem response. `instance` is the request path; `where` (omitted when empty) the JSON pointer
// of the offending value in the request body.
Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view where = {});
Response problem_response(const Error& error, std::string_view instance);
Response problem_response(ErrorCode code, std::string_view detail, std::string_view instance);

}  // namespace fossa::server
