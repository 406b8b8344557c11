#include "fossa/case_io.h"
#include "fossa/text.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {

Result<AssessOptions> assess_options(std::string_view target) {
  AssessOptions out;
  std::optional<std::string_view> explain = query_parameter(target, "explain");
  if (!explain || *explain == "leading") return out;
  if (*explain == "all") {
    out.explain = Explain::kAll;
    return out;
  }
  return Error{ErrorCode::kInvalidValue, "explain must be all or leading; got " + text::echo(*explain), "?explain"};
}

Response assess_route(const Engine& engine, const Extractor& extractor, const AssessmentJsonWriter& writer,
                      const ApiOptions& options, const Request& request) {
  auto assess_with = assess_options(request.target);
  if (!assess_with) return problem_response(assess_with.error(), "/v1/assess");
  ParseOptions parse_options;
  parse_options.max_depth = options.max_json_depth;
  parse_options.max_bytes = options.max_body_bytes;
  auto parsed = parse_case(request.body, engine.kb(), parse_options);
  if (!parsed) return problem_response(parsed.error(), "/v1/assess");
  const Case& c = *parsed;
  auto read = read_case_text(c, extractor);
  if (!read) return problem_response(read.error(), "/v1/assess");
  Evidence evidence = merge_under(c.evidence, *read);
  Assessment assessment = engine.assess(evidence, *assess_with);
  Response response;
  response.body = writer.write(assessment, evidence.setting, c.id, &evidence);
  response.disposition = assessment.disposition;
  return response;
}

}  // namespace fossa::server
