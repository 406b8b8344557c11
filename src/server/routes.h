// The route handlers behind Api (server/api.h), one group per file. Pure functions of the request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/result.h"
#include "fossa/extract.h"
#include "fossa/interview.h"
#include "server/api.h"
#include "server/http.h"

namespace fossa::server {

// The assessment options the query of `target` asks for: `explain=all` explains every condition,
// `explain=leading` (the default) the leading and suspected ones (docs/assessment.md); any other
// value of `explain` is an invalid-value error (where "?explain").
Result<AssessOptions> assess_options(std::string_view target);

// POST /v1/assess: parse_case (fossa/case_io.h) on the body, the findings its `text` gives merged
// beneath its evidence (fossa/extract.h: explicit answers win), then the assessment JSON with the
// evidence (docs/assessment.md). Errors: 400 malformed or too deep JSON, 422 unknown finding, wrong
// type, out of range, invalid value, missing evidence, or text too long or not text, each naming the
// value (`where`).
Response assess_route(const Engine& engine, const Extractor& extractor, const AssessmentJsonWriter& writer,
                      const ApiOptions& options, const Request& request);

// POST /v1/interview: the evidence so far (the case format; null answers mean "asked, I don't
// know" and are not asked again), with the findings its `text` gives merged beneath it -> the next
// question (null when the interview should stop), why it stopped, and the assessment so far (as
// POST /v1/assess gives it). With text, `understood` is what was read from it (as POST /v1/parse
// gives it), and a finding the text mentions only as possible is asked first (warning signs
// first), one at a time. Errors as assess_route.
Response interview_route(const Interview& interview, const Extractor& extractor, const AssessmentJsonWriter& writer,
                         const ApiOptions& options, const Request& request);

// POST /v1/parse: {"text", "setting", "today", "id"} -> the extraction (fossa/extract.h
// extraction_json). Errors: 400 malformed or too deep JSON, 422 unknown field, wrong type, invalid
// value, missing text, or text over the limit or not text (`where` "/text").
Response parse_route(const Extractor& extractor, const ApiOptions& options, const Request& request);

// FHIR and CDS Hooks (routes_fhir.cpp, routes_cds.cpp; docs/fhir.md).

// Whether POST /v1/assess should go to fhir_assess_route: Accept or Content-Type
// application/fhir+json, or a body naming a resourceType.
bool wants_fhir(const Request& request);

// POST /v1/assess with FHIR: a resource or Bundle in (Content-Type application/fhir+json, or a body
// with resourceType; else a case as assess_route reads it), and with Accept application/fhir+json
// the assessment as a Bundle (fossa/fhir.h assessment_bundle; content type application/fhir+json;
// every condition explained in its rationale), else the assessment JSON of assess_route. Errors: 400
// malformed JSON, 422 naming the FHIR path.
Response fhir_assess_route(const Engine& engine, const AssessmentJsonWriter& writer, const ApiOptions& options,
                           const Request& request);

// GET /fhir/Questionnaire/fossa-interview: `body` (built once), application/fhir+json.
Response questionnaire_route(const std::string& body);

// GET /cds-services: `body` (built once). 401 when a trust list is set and the token fails.
Response cds_discovery_route(const std::string& body, const ApiOptions& options, const Request& request);

// POST /cds-services/{id}: a CDS Hooks call of `service` -> {"cards": [...]} (one card, or none
// when the prefetch holds nothing about the knee). 401 (token), 400 (JSON), 412 (a prefetch key
// missing: Fossa never queries fhirServer), 422 (the request or a resource, naming its path).
struct CdsService;
Response cds_service_route(const Engine& engine, const ApiOptions& options, const CdsService& service, const Request& request);

// POST /cds-services/{id}/feedback: the spec's feedback, each counted in `metrics`. 200 with no
// body; 401, 400, 422 as above.
Response cds_feedback_route(const ApiOptions& options, const CdsService& service, Metrics& metrics, const Request& request);

// The public base URL of this server: the trust list's base_url, else "http://" + Host ("" when
// neither is known).
std::string cds_base_url(const ApiOptions& options, const Request& request);

// The 401 response for a call to `path` whose token fails, or nullopt (also with no trust list).
std::optional<Response> cds_unauthorized(const ApiOptions& options, const Request& request, std::string_view path);

}  // namespace fossa::server
