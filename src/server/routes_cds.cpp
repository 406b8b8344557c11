// CDS Hooks 2.0.1 routes: discovery, the services and their feedback (server/routes.h, docs/fhir.md).
#include <chrono>

#include "fossa/json_writer.h"
#include "server/cds.h"
#include "server/cds_auth.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

const json::value* member(const json::object& object, std::string_view key) { return object.if_contains(key); }

Response problem_at(ErrorCode code, std::string detail, std::string where, std::string_view instance) {
  return problem_response(Error{code, std::move(detail), std::move(where)}, instance);
}

std::string test_label(const json::object& order) {
  const json::value* code = member(order, "code");
  if (code && code->is_object()) {
    if (const json::value* text = member(code->get_object(), "text"); text && text->is_string()) return std::string(text->get_string());
    if (const json::value* coding = member(code->get_object(), "coding"); coding && coding->is_array()) {
      for (const auto& one : coding->get_array()) {
        if (!one.is_object()) continue;
        const json::value* display = member(one.get_object(), "display");
        if (display && display->is_string()) return std::string(display->get_string());
        const json::value* value = member(one.get_object(), "code");
        if (value && value->is_string()) return std::string(value->get_string());
      }
    }
  }
  return "the order";
}

// The selected orders of an order-select call (context.selections in context.draftOrders).
Result<std::vector<OrderedTest>> selected_orders(const json::object& context, const KnowledgeBase& kb) {
  const json::value* selections = member(context, "selections");
  const json::value* drafts = member(context, "draftOrders");
  if (!selections || !selections->is_array()) {
    return Error{ErrorCode::kMissingField, "order-select needs `context.selections`: a list like [\"ServiceRequest/1\"]", "context.selections"};
  }
  if (!drafts || !drafts->is_object()) {
    return Error{ErrorCode::kMissingField, "order-select needs `context.draftOrders`: a Bundle of the orders", "context.draftOrders"};
  }
  const json::value* entries = member(drafts->get_object(), "entry");
  std::vector<OrderedTest> out;
  for (size_t i = 0; i < selections->get_array().size(); ++i) {
    const json::value& selection = selections->get_array()[i];
    std::string where = "context.selections[" + std::to_string(i) + "]";
    if (!selection.is_string()) return Error{ErrorCode::kWrongType, "a selection is a reference such as \"ServiceRequest/1\"", where};
    std::string wanted(selection.get_string());
    const json::object* found = nullptr;
    if (entries && entries->is_array()) {
      for (const auto& entry : entries->get_array()) {
        const json::value* resource = entry.is_object() ? member(entry.get_object(), "resource") : nullptr;
        if (!resource || !resource->is_object()) continue;
        const json::value* type = member(resource->get_object(), "resourceType");
        const json::value* id = member(resource->get_object(), "id");
        if (type && id && type->is_string() && id->is_string() &&
            std::string(type->get_string()) + "/" + std::string(id->get_string()) == wanted) {
          found = &resource->get_object();
        }
      }
    }
    if (!found) return Error{ErrorCode::kInvalidValue, "`" + wanted + "` is not an order in context.draftOrders", where};
    if (std::string_view(member(*found, "resourceType")->get_string()) != "ServiceRequest") continue;  // not a test
    OrderedTest test{test_label(*found), {}};
    if (const json::value* code = member(*found, "code")) test.findings = fhir::ordered_findings(*code, kb);
    out.push_back(std::move(test));
  }
  return out;
}

}  // namespace

std::string cds_base_url(const ApiOptions& options, const Request& request) {
  if (options.cds_trust && !options.cds_trust->base_url().empty()) return options.cds_trust->base_url();
  std::string_view host = request.header("host");
  return host.empty() ? std::string() : "http://" + std::string(host);
}

std::optional<Response> cds_unauthorized(const ApiOptions& options, const Request& request, std::string_view path) {
  if (!options.cds_trust) return std::nullopt;  // no trust list: unsigned calls accepted (testing only)
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto verified = options.cds_trust->verify(request.header("authorization"), cds_base_url(options, request) + std::string(path), now);
  if (verified) return std::nullopt;
  Response response = problem_response(kUnauthorizedProblem, verified.error().message, path);
  response.headers.push_back({"WWW-Authenticate", "Bearer realm=\"fossa\", error=\"invalid_token\""});
  return response;
}

Response cds_discovery_route(const std::string& body, const ApiOptions& options, const Request& request) {
  if (auto refused = cds_unauthorized(options, request, "/cds-services")) return *refused;
  Response response;
  response.shared_body = body;
  return response;
}

Response cds_service_route(const Engine& engine, const ApiOptions& options, const CdsService& service, const Request& request) {
  const std::string_view instance = service.path;
  if (auto refused = cds_unauthorized(options, request, service.path)) return *refused;
  auto parsed = fhir::parse_json(request.body, options.max_json_depth * 2);
  if (!parsed) return problem_response(parsed.error(), instance);
  if (!parsed->is_object()) return problem_at(ErrorCode::kWrongType, "a CDS Hooks request is a JSON object", "", instance);
  const json::object& call = parsed->get_object();
  const json::value* hook = member(call, "hook");
  if (!hook || !hook->is_string()) return problem_at(ErrorCode::kMissingField, "the request needs `hook`", "hook", instance);
  if (hook->get_string() != service.hook) {
    return problem_at(ErrorCode::kInvalidValue,
                      "service " + std::string(service.id) + " answers the " + std::string(service.hook) + " hook, not " +
                          std::string(hook->get_string()),
                      "hook", instance);
  }
  const json::value* hook_instance = member(call, "hookInstance");
  if (!hook_instance || !hook_instance->is_string() || hook_instance->get_string().empty()) {
    return problem_at(ErrorCode::kMissingField, "the request needs `hookInstance` (a UUID)", "hookInstance", instance);
  }
  const json::value* context = member(call, "context");
  if (!context || !context->is_object()) return problem_at(ErrorCode::kMissingField, "the request needs `context`", "context", instance);
  const json::value* patient = member(context->get_object(), "patientId");
  if (!patient || !patient->is_string() || patient->get_string().empty()) {
    return problem_at(ErrorCode::kMissingField, "the context needs `patientId`", "context.patientId", instance);
  }
  const json::value* fhir_server = member(call, "fhirServer");
  if (member(call, "fhirAuthorization") && !fhir_server) {
    return problem_at(ErrorCode::kMissingField, "`fhirAuthorization` comes with `fhirServer`", "fhirServer", instance);
  }
  const json::value* prefetch = member(call, "prefetch");
  if (prefetch && !prefetch->is_object()) return problem_at(ErrorCode::kWrongType, "`prefetch` is an object", "prefetch", instance);
  std::string missing;
  for (auto key : prefetch_keys()) {
    if (!prefetch || !member(prefetch->get_object(), key)) missing += (missing.empty() ? "" : ", ") + std::string(key);
  }
  if (!missing.empty()) {
    // CDS Hooks 2.0.1: 412 when the data cannot be obtained. Fossa never queries fhirServer itself.
    return problem_response(kPrefetchMissingProblem,
                            "prefetch " + missing + " missing: Fossa does not query the FHIR server" +
                                (fhir_server ? std::string(" (fhirServer)") : std::string()) +
                                "; send the prefetch of GET /cds-services",
                            instance, "prefetch");
  }

  fhir::ReadOptions read_options;
  read_options.today = fhir::today_utc();
  read_options.patient_id = std::string(patient->get_string());
  fhir::EvidenceReader reader(engine.kb(), read_options);
  for (auto key : prefetch_keys()) {
    const json::value& data = prefetch->get_object().at(key);
    if (data.is_null()) continue;  // the record system had nothing for this template
    if (auto read = reader.add(data, "prefetch." + std::string(key)); !read) return problem_response(read.error(), instance);
  }
  std::vector<OrderedTest> orders;
  if (service.hook == "order-select") {
    auto selected = selected_orders(context->get_object(), engine.kb());
    if (!selected) return problem_response(selected.error(), instance);
    orders = std::move(*selected);
  }
  fhir::FhirEvidence evidence = reader.take();
  Response response;
  response.content_type = std::string(kJson);
  if (evidence.resources_read == 0) {
    response.body = R"({"cards":[]})";  // nothing recorded about the knee: no advice
    return response;
  }
  Assessment assessment = engine.assess(evidence.evidence);
  CardInput input{engine, assessment, evidence, "Patient/" + read_options.patient_id, cds_base_url(options, request),
                  std::string(service.id) + "/" + std::string(hook_instance->get_string()), std::move(orders)};
  response.body = to_json(json::object{{"cards", json::array{assessment_card(input)}}});
  response.disposition = assessment.disposition;
  return response;
}

Response cds_feedback_route(const ApiOptions& options, const CdsService& service, Metrics& metrics, const Request& request) {
  const std::string_view instance = service.feedback_path;
  if (auto refused = cds_unauthorized(options, request, service.feedback_path)) return *refused;
  auto parsed = fhir::parse_json(request.body, options.max_json_depth);
  if (!parsed) return problem_response(parsed.error(), instance);
  const json::value* feedback = parsed->is_object() ? member(parsed->get_object(), "feedback") : nullptr;
  if (!feedback || !feedback->is_array() || feedback->get_array().empty()) {
    return problem_at(ErrorCode::kMissingField, "feedback is {\"feedback\": [{card, outcome, outcomeTimestamp}]}", "feedback", instance);
  }
  std::vector<bool> accepted;
  for (size_t i = 0; i < feedback->get_array().size(); ++i) {
    const json::value& item = feedback->get_array()[i];
    std::string where = "feedback[" + std::to_string(i) + "]";
    if (!item.is_object()) return problem_at(ErrorCode::kWrongType, "each feedback is an object", where, instance);
    for (const char* key : {"card", "outcome", "outcomeTimestamp"}) {
      const json::value* value = member(item.get_object(), key);
      if (!value || !value->is_string() || value->get_string().empty()) {
        return problem_at(ErrorCode::kMissingField, std::string("feedback needs `") + key + "` (a string)", where + "." + key, instance);
      }
    }
    std::string_view outcome = item.get_object().at("outcome").get_string();
    if (outcome != "accepted" && outcome != "overridden") {
      return problem_at(ErrorCode::kInvalidValue, "`outcome` is accepted or overridden", where + ".outcome", instance);
    }
    if (const json::value* suggestions = member(item.get_object(), "acceptedSuggestions"); suggestions && !suggestions->is_array()) {
      return problem_at(ErrorCode::kWrongType, "`acceptedSuggestions` is a list of {id}", where + ".acceptedSuggestions", instance);
    }
    if (const json::value* reason = member(item.get_object(), "overrideReason"); reason && !reason->is_object()) {
      return problem_at(ErrorCode::kWrongType, "`overrideReason` is {reason, userComment}", where + ".overrideReason", instance);
    }
    accepted.push_back(outcome == "accepted");
  }
  for (bool yes : accepted) metrics.observe_feedback(service.id, yes);
  Response response;
  response.content_type.clear();
  return response;
}

}  // namespace fossa::server
