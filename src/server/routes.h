// The route handlers behind Api (server/api.h), one group per file. Pure functions of the request.
#pragma once

#include "fossa/engine.h"
#include "fossa/interview.h"
#include "server/api.h"
#include "server/http.h"

namespace fossa::server {

// POST /v1/assess: parse_case (fossa/case_io.h) on the body, then the assessment JSON with the
// evidence (docs/assessment.md). Errors: 400 malformed or too deep JSON, 422 unknown finding, wrong
// type, out of range, invalid value or missing evidence, each naming the value (`where`).
Response assess_route(const Engine& engine, const ApiOptions& options, const Request& request);

// POST /v1/interview: the evidence so far (the case format; null answers mean "asked, I don't
// know" and are not asked again) -> the next question (null when the interview should stop), why it
// stopped, and the assessment so far (as POST /v1/assess gives it). Errors as assess_route.
Response interview_route(const Interview& interview, const ApiOptions& options, const Request& request);

}  // namespace fossa::server
