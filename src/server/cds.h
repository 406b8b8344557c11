// CDS Hooks 2.0.1 services of `fossa serve` (docs/fhir.md): discovery, the patient-view and
// order-select services and their feedback, and the cards they answer with.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/engine.h"
#include "fossa/error.h"
#include "fossa/fhir.h"
#include "server/http.h"

namespace fossa::server {

// Failures of the CDS Hooks calls alone, answered as problems like the catalogue's (fossa/error.h).
inline constexpr ErrorInfo kUnauthorizedProblem{"unauthorized", "Missing or invalid bearer token", 401};
inline constexpr ErrorInfo kPrefetchMissingProblem{"prefetch-missing", "Prefetch missing", 412};

struct CdsService {
  std::string_view id;
  std::string_view hook;            // "patient-view" or "order-select"
  std::string_view path;            // "/cds-services/<id>"
  std::string_view feedback_path;   // "/cds-services/<id>/feedback"
  std::string_view title;
  std::string_view description;
};

// The services, in discovery order. Static storage.
const std::vector<CdsService>& cds_services();

// The prefetch keys every service declares: patient, conditions, observations, questionnaireResponse.
const std::vector<std::string_view>& prefetch_keys();

// The body of GET /cds-services: each service with its prefetch templates (the Patient, the
// Observations and Conditions with the codes Fossa reads, the latest QuestionnaireResponse to the
// interview). Built once at start.
std::string cds_discovery_json(const KnowledgeBase& kb);

// A test being ordered (order-select): its name, and the test-result findings its code names
// (empty when Fossa knows no test with that code).
struct OrderedTest {
  std::string label;
  std::vector<int> findings;
};

// What a card is built from.
struct CardInput {
  const Engine& engine;
  const Assessment& assessment;
  const fhir::FhirEvidence& evidence;
  std::string subject;    // "Patient/<id>" of the context, for the ServiceRequests
  std::string base_url;   // "http://host:port" for the link to the clinician view ("" for none)
  std::string seed;       // the hookInstance: ids of cards and suggestions derive from it
  std::vector<OrderedTest> orders;  // order-select: the selected orders
};

// The card of an assessment (docs/fhir.md, "Cards"): summary under 140 characters; indicator
// critical (ambulance, emergency), warning (same day) or info; Markdown detail with the
// disposition, warning signs, scores, the three most likely causes, the next step and the work-up;
// source with a link to the evidence; one suggestion per test the pathway steps that apply now
// order (fhir::proposed_orders), creating a ServiceRequest (intent proposal); a link to the clinician view with the case filled in. With orders (order-select), the
// summary says, for each test ordered, whether the step that applies now in a pathway that applies
// orders it (knowledge/pathways.yaml, `orders`), another step of such a pathway does (and what
// the step now is), or no pathway that applies now orders it; the detail adds what a positive and
// a negative result would change (the disposition, a pathway's step, the suspected causes).
boost::json::object assessment_card(const CardInput& input);

// "calf_swelling=true&age=58&sex=female": the known answers, for the clinician view's URL.
std::string evidence_query(const Evidence& evidence, const KnowledgeBase& kb);

// `text` cut to at most `limit` bytes at a word boundary, with "..." when cut.
std::string shortened(std::string_view text, size_t limit);

}  // namespace fossa::server
