#include "server/problem.h"

#include <boost/json.hpp>

#include <string>

namespace fossa::server {

const ErrorInfo& http_problem_info(HttpProblem problem) {
  static const ErrorInfo kNotFound{"not-found", "No such route", 404};
  static const ErrorInfo kMethodNotAllowed{"method-not-allowed", "The route does not take this method", 405};
  static const ErrorInfo kBodyTooLarge{"body-too-large", "The request body is too large", 413};
  static const ErrorInfo kHeadersTooLarge{"headers-too-large", "The request headers are too large", 431};
  static const ErrorInfo kBadRequest{"bad-request", "The request is not valid HTTP/1.1", 400};
  static const ErrorInfo kTimeout{"timeout", "The request was not received in time", 408};
  static const ErrorInfo kInternal{"internal", "Internal error", 500};
  static const ErrorInfo kUnavailable{"unavailable", "The server is shutting down", 503};
  switch (problem) {
    case HttpProblem::kNotFound: return kNotFound;
    case HttpProblem::kMethodNotAllowed: return kMethodNotAllowed;
    case HttpProblem::kBodyTooLarge: return kBodyTooLarge;
    case HttpProblem::kHeadersTooLarge: return kHeadersTooLarge;
    case HttpProblem::kBadRequest: return kBadRequest;
    case HttpProblem::kTimeout: return kTimeout;
    case HttpProblem::kInternal: return kInternal;
    case HttpProblem::kUnavailable: return kUnavailable;
  }
  return kInternal;
}

Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view where) {
  boost::json::object body;
  body["type"] = "urn:fossa:problem:" + std::string(info.slug);
  body["title"] = info.title;
  body["status"] = info.http_status;
  body["detail"] = detail;
  body["instance"] = instance;
  if (!where.empty()) body["where"] = where;
  Response response;
  response.status = info.http_status;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  return response;
}

Response problem_response(const Error& error, std::string_view instance) {
  return problem_response(error_info(error.code), error.message, instance, error.where);
}

Response problem_response(HttpProblem problem, std::string_view detail, std::string_view instance) {
  return problem_response(http_problem_info(problem), detail, instance);
}

}  // namespace fossa::server
