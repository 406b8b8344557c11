// FHIR routes: the interview as a Questionnaire, and POST /v1/assess with FHIR in or out
// (server/routes.h, docs/fhir.md).
#include <boost/json.hpp>

#include "fossa/case_io.h"
#include "fossa/fhir.h"
#include "fossa/json_writer.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

bool has(std::string_view header, std::string_view type) { return header.find(type) != std::string_view::npos; }

}  // namespace

bool wants_fhir(const Request& request) {
  return has(request.header("accept"), kFhirJson) || has(request.header("content-type"), kFhirJson) ||
         request.body.find("\"resourceType\"") != std::string::npos;
}

Response questionnaire_route(const std::string& body) {
  Response response;
  response.shared_body = body;
  response.content_type = std::string(kFhirJson);
  response.headers.push_back({"Cache-Control", "no-cache"});  // the same for everyone; changes with the knowledge base
  return response;
}

Response fhir_assess_route(const Engine& engine, const AssessmentJsonWriter& writer, const ApiOptions& options,
                           const Request& request) {
  constexpr std::string_view kInstance = "/v1/assess";
  auto assess_with = assess_options(request.target);
  if (!assess_with) return problem_response(assess_with.error(), kInstance);
  const KnowledgeBase& kb = engine.kb();
  fhir::ReadOptions read_options;
  read_options.today = fhir::today_utc();
  read_options.max_depth = options.max_json_depth * 2;
  auto parsed = fhir::parse_json(request.body, read_options.max_depth);
  if (!parsed) return problem_response(parsed.error(), kInstance);
  bool fhir_in = has(request.header("content-type"), kFhirJson) ||
                 (parsed->is_object() && parsed->get_object().contains("resourceType"));
  fhir::FhirEvidence evidence;
  std::string case_id;
  if (fhir_in) {
    std::string root = "resource";
    if (parsed->is_object()) {
      const json::value* type = parsed->get_object().if_contains("resourceType");
      if (type && type->is_string()) root = std::string(type->get_string());
    }
    fhir::EvidenceReader reader(kb, read_options);
    if (auto read = reader.add(*parsed, root); !read) return problem_response(read.error(), kInstance);
    evidence = reader.take();
  } else {
    ParseOptions parse_options;
    parse_options.max_depth = options.max_json_depth;
    parse_options.max_bytes = options.max_body_bytes;
    auto read = parse_case(request.body, kb, parse_options);
    if (!read) return problem_response(read.error(), kInstance);
    evidence.evidence = read->evidence;
    case_id = read->id;
  }
  // The Bundle's rationale explains every condition of the differential.
  const bool bundle = has(request.header("accept"), kFhirJson);
  if (bundle) assess_with->explain = Explain::kAll;
  Assessment assessment = engine.assess(evidence.evidence, *assess_with);
  Response response;
  response.disposition = assessment.disposition;
  if (bundle) {
    fhir::BundleOptions bundle_options;
    bundle_options.seed = request.body;
    response.content_type = std::string(kFhirJson);
    response.body = to_json(fhir::assessment_bundle(assessment, kb, evidence, bundle_options));
  } else {
    response.body = writer.write(assessment, evidence.evidence.setting, case_id, &evidence.evidence);
  }
  return response;
}

}  // namespace fossa::server
