#include "server/problem.h"
#include "fossa/json_writer.h"
#include "fossa/text.h"

#include <boost/json.hpp>

#include <string>

namespace fossa::server {

Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view where) {
  boost::json::object body;
  body["type"] = "urn:fossa:problem:" + std::string(info.slug);
  body["title"] = info.title;
  body["status"] = info.http_status;
  body["detail"] = detail;
  body["instance"] = text::printable(instance);  // a path may hold any bytes: never echo them raw
  if (!where.empty()) body["where"] = where;
  Response response;
  response.status = info.http_status;
  response.content_type = "application/problem+json";
  response.body = to_json(body);
  return response;
}

Response problem_response(const Error& error, std::string_view instance) {
  return problem_response(error_info(error.code), error.message, instance, error.where);
}

Response problem_response(ErrorCode code, std::string_view detail, std::string_view instance) {
  return problem_response(error_info(code), detail, instance);
}

}  // namespace fossa::server
