#include "fossa/case_io.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {

Response assess_route(const Engine& engine, const Extractor& extractor, const ApiOptions& options, const Request& request) {
  ParseOptions parse_options;
  parse_options.max_depth = options.max_json_depth;
  parse_options.max_bytes = options.max_body_bytes;
  auto parsed = parse_case(request.body, engine.kb(), parse_options);
  if (!parsed) return problem_response(parsed.error(), "/v1/assess");
  const Case& c = *parsed;
  auto read = read_case_text(c, extractor);
  if (!read) return problem_response(read.error(), "/v1/assess");
  Evidence evidence = merge_under(c.evidence, *read);
  Assessment assessment = engine.assess(evidence);
  Response response;
  response.body = assessment_json(assessment, engine.kb(), evidence.setting, c.id, &evidence);
  response.disposition = assessment.disposition;
  return response;
}

}  // namespace fossa::server
