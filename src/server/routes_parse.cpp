#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {

Response parse_route(const Extractor& extractor, const ApiOptions& options, const Request& request) {
  auto parsed = parse_text_request(request.body, options.max_json_depth);
  if (!parsed) return problem_response(parsed.error(), "/v1/parse");
  const TextRequest& text = *parsed;
  auto read = extractor.extract(text.text, text.setting.value_or(Setting::kPatient), text.options);
  if (!read) {
    Error error = read.error();
    error.where = "/text";
    return problem_response(error, "/v1/parse");
  }
  Response response;
  response.body = extraction_json(*read, extractor.kb(), text.text, text.id);
  return response;
}

}  // namespace fossa::server
