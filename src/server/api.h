// The HTTP API of `fossa serve` as a function: Request in, Response out, no sockets. Routes:
//   POST /v1/assess       a case (the `fossa assess` format) -> its assessment with the evidence
//   POST /v1/interview    the evidence so far -> the next question, whether to stop, the assessment
//   POST /v1/parse        text in a person's own words -> the findings read from it (fossa/extract.h)
//   GET  /v1/knowledge    findings with their questions, conditions, dispositions, scores
//   GET  /v1/health       liveness and the knowledge base version
//   GET  /metrics         Prometheus text
//   GET  /openapi.json    the OpenAPI 3 description of every route (web/openapi.json)
//   GET  /, /app.js, ...  the web page (web/)
//   GET  /cds-services, POST /cds-services/{id}, POST /cds-services/{id}/feedback   CDS Hooks 2.0.1
//   GET  /fhir/Questionnaire/fossa-interview   the interview as a FHIR R4 Questionnaire
// docs/api.md describes them (docs/fhir.md the FHIR and CDS Hooks ones). Errors are RFC 9457 problems (server/problem.h).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/extract.h"
#include "fossa/interview.h"
#include "server/http.h"
#include "server/metrics.h"

namespace fossa::server {

class CdsTrust;

struct ApiOptions {
  size_t max_body_bytes = 64 * 1024;  // a larger body gets 413 (the listener checks it first)
  size_t max_json_depth = 16;         // deeper JSON gets 400
  // The number the page offers to call in an emergency (tap to call). 112 and 911 are named
  // beside it in the emergency advice, for people elsewhere.
  std::string emergency_number = "999";
  // The CDS Clients whose bearer JWTs are accepted (--cds-jwks); nullptr: the CDS Hooks routes
  // accept unsigned calls, for testing only (docs/fhir.md).
  std::shared_ptr<const CdsTrust> cds_trust;
  // Serve GET /metrics only to connections from a loopback address (others get 403), for a
  // server listening on a public address with the scraper on the same machine.
  bool metrics_loopback_only = false;
};

class Api {
 public:
  // Builds the route table and the bodies that never change (knowledge, health) once.
  explicit Api(std::shared_ptr<const KnowledgeBase> kb, ApiOptions options = {});

  // Answers one request. Never throws: a bug becomes a 500 problem. Thread-safe. HEAD is answered
  // as GET (the listener sends the headers alone). Does not count the request in metrics(): the
  // caller does, once the response is sent (the latency then includes the write).
  Response handle(const Request& request) const;

  // The route label of `target` ("/v1/assess", or "unmatched"), for requests rejected before
  // handle() (body too large, timeout).
  std::string_view route_of(std::string_view target) const;

  // Every route path, in table order.
  std::vector<std::string_view> route_paths() const;

  Metrics& metrics() const { return *metrics_; }
  const Engine& engine() const { return engine_; }
  const Interview& interview() const { return interview_; }
  const ApiOptions& options() const { return options_; }

 private:
  struct Route {
    std::string_view path;
    std::string_view method;  // "GET" (which also takes HEAD) or "POST"
    std::function<Response(const Request&)> handler;
  };
  Response route(const Request& request) const;
  const Route* find(std::string_view path) const;

  Engine engine_;
  Interview interview_;  // reads engine_
  Extractor extractor_;  // the lexicon of engine_'s knowledge base, compiled once
  AssessmentJsonWriter assessment_writer_;  // engine_'s knowledge base's text, escaped once
  ApiOptions options_;
  std::string knowledge_json_;
  std::string health_json_;
  std::string cds_discovery_json_;  // GET /cds-services
  std::string questionnaire_json_;  // GET /fhir/Questionnaire/fossa-interview
  std::string build_info_;  // Prometheus labels of fossa_build_info
  std::vector<Route> routes_;
  std::unique_ptr<Metrics> metrics_;
};

// Content types of the API.
inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kProblemJson = "application/problem+json";
inline constexpr std::string_view kFhirJson = "application/fhir+json";

}  // namespace fossa::server
