// The route handlers behind Api (server/api.h), one group per file. Pure functions of the request.
#pragma once

#include "fossa/engine.h"
#include "server/api.h"
#include "server/http.h"

namespace fossa::server {

// POST /v1/assess: parse_case (fossa/case_io.h) on the body, then the assessment JSON with the
// evidence (docs/assessment.md). Errors: 400 malformed or too deep JSON, 422 unknown finding, wrong
// type, out of range, invalid value or missing evidence, each naming the value (`where`).
Response assess_route(const Engine& engine, const ApiOptions& options, const Request& request);

}  // namespace fossa::server
