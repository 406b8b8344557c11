#include "server/api.h"

#include <exception>

#include "fossa/fhir.h"
#include "fossa/json_writer.h"
#include "fossa/text.h"
#include "fossa/version.h"
#include "server/cds.h"
#include "server/embedded_web.h"
#include "server/knowledge_json.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {
namespace {

// The page may only load its own files and talk to its own server: no CDN, nothing inline.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

constexpr std::string_view kPermissionsPolicy =
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()";

// The media type of a Content-Type value, lower case, without parameters ("application/json").
std::string media_type(std::string_view value) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::string out(value);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Response shared(std::string_view body, std::string_view content_type) {
  Response response;
  response.shared_body = body;
  response.content_type = std::string(content_type);
  return response;
}

Response web_file(const WebFile& file) {
  std::string_view type = content_type(file.path);
  Response response = shared(file.text, type);
  response.headers.push_back({"Cache-Control", "no-cache"});
  if (type.starts_with("text/html")) {
    response.headers.push_back({"Content-Security-Policy", std::string(kContentSecurityPolicy)});
    // No powerful feature is used by the page; no other window may hold a reference to it.
    response.headers.push_back({"Permissions-Policy", std::string(kPermissionsPolicy)});
    response.headers.push_back({"Cross-Origin-Opener-Policy", "same-origin"});
  }
  return response;
}

}  // namespace

Api::Api(std::shared_ptr<const KnowledgeBase> kb, ApiOptions options)
    : engine_(std::move(kb)), interview_(engine_), extractor_(engine_.kb_ptr()), assessment_writer_(engine_.kb()), options_(options), knowledge_json_(knowledge_json(engine_.kb(), options_.emergency_number)),
      health_json_(health_json(engine_.kb())) {
  const KnowledgeBase& base = engine_.kb();
  build_info_ = "version=\"" + std::string(kVersion) + "\",knowledge_base=\"" + base.name + "\",kb_version=\"" +
                base.version + "\",kb_hash=\"" + base.hash + "\"";
  routes_.push_back({"/v1/assess", "POST", [this](const Request& request) {
                       return wants_fhir(request) ? fhir_assess_route(engine_, assessment_writer_, options_, request)
                                                  : assess_route(engine_, extractor_, assessment_writer_, options_, request);
                     }});
  routes_.push_back({"/v1/interview", "POST", [this](const Request& request) {
                       return interview_route(interview_, extractor_, assessment_writer_, options_, request);
                     }});
  routes_.push_back({"/v1/parse", "POST", [this](const Request& request) {
                       return parse_route(extractor_, options_, request);
                     }});
  routes_.push_back({"/v1/knowledge", "GET", [this](const Request&) { return shared(knowledge_json_, kJson); }});
  routes_.push_back({"/v1/health", "GET", [this](const Request&) { return shared(health_json_, kJson); }});
  routes_.push_back({"/metrics", "GET", [this](const Request& request) {
                       if (options_.metrics_loopback_only && !request.from_loopback) {
                         return problem_response(ErrorCode::kForbidden,
                                                 "GET /metrics is served only to connections from this machine",
                                                 "/metrics");
                       }
                       Response response;
                       response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                       response.body = metrics_->prometheus_text(build_info_);
                       return response;
                     }});
  // CDS Hooks and FHIR (docs/fhir.md).
  cds_discovery_json_ = cds_discovery_json(base);
  questionnaire_json_ = to_json(fhir::questionnaire(base));
  routes_.push_back({"/cds-services", "GET", [this](const Request& request) {
                       return cds_discovery_route(cds_discovery_json_, options_, request);
                     }});
  for (const CdsService& service : cds_services()) {
    routes_.push_back({service.path, "POST", [this, &service](const Request& request) {
                         return cds_service_route(engine_, options_, service, request);
                       }});
    routes_.push_back({service.feedback_path, "POST", [this, &service](const Request& request) {
                         return cds_feedback_route(options_, service, *metrics_, request);
                       }});
  }
  routes_.push_back({"/fhir/Questionnaire/fossa-interview", "GET", [this](const Request&) {
                       return questionnaire_route(questionnaire_json_);
                     }});
  for (const WebFile& file : web_files()) {
    routes_.push_back({file.path, "GET", [&file](const Request&) { return web_file(file); }});
    if (file.path == "/index.html") {
      routes_.push_back({"/", "GET", [&file](const Request&) { return web_file(file); }});
    }
  }
  std::vector<std::string_view> services;
  for (const CdsService& service : cds_services()) services.push_back(service.id);
  metrics_ = std::make_unique<Metrics>(route_paths(), services);
}

std::vector<std::string_view> Api::route_paths() const {
  std::vector<std::string_view> paths;
  for (const auto& route : routes_) paths.push_back(route.path);
  return paths;
}

const Api::Route* Api::find(std::string_view path) const {
  for (const auto& route : routes_) {
    if (route.path == path) return &route;
  }
  return nullptr;
}

std::string_view Api::route_of(std::string_view target) const {
  const Route* route = find(path_of(target));
  return route ? route->path : "unmatched";
}

Response Api::route(const Request& request) const {
  std::string_view path = path_of(request.target);
  const Route* route = find(path);
  if (!route) {
    // The path is not echoed back in `detail`: it may hold anything.
    return problem_response(ErrorCode::kNotFound, "no route has this path; GET /openapi.json lists them", path);
  }
  std::string allow = route->method == "GET" ? "GET, HEAD, OPTIONS" : std::string(route->method) + ", OPTIONS";
  Response response;
  if (request.method == route->method || (route->method == "GET" && request.method == "HEAD")) {
    std::string type = media_type(request.header("content-type"));
    if (request.body.size() > options_.max_body_bytes) {
      response = problem_response(ErrorCode::kBodyTooLarge,
                                  "the body is " + std::to_string(request.body.size()) + " bytes; at most " +
                                      std::to_string(options_.max_body_bytes) + " are accepted",
                                  route->path);
    } else if (route->method == "POST" && !type.empty() && type != kJson && type != kFhirJson) {
      // Read as JSON only what is sent as JSON: a form or text body is refused by its type, before
      // anything is parsed. FHIR bodies come as application/fhir+json.
      response = problem_response(ErrorCode::kUnsupportedMediaType,
                                  "send the body as application/json (or application/fhir+json for FHIR); got " +
                                      text::printable(type, 64),
                                  route->path);
      response.headers.push_back({"Accept-Post", "application/json, application/fhir+json"});
    } else {
      response = route->handler(request);
    }
  } else if (request.method == "OPTIONS") {
    response.status = 204;
    response.content_type.clear();
    response.headers.push_back({"Allow", allow});
  } else {
    response = problem_response(ErrorCode::kMethodNotAllowed,
                                std::string(route->path) + " takes " + std::string(route->method), route->path);
    response.headers.push_back({"Allow", allow});
  }
  response.route = route->path;
  return response;
}

Response Api::handle(const Request& request) const {
  try {
    Response response = route(request);
    bool has_cache_control = false;
    for (const auto& header : response.headers) has_cache_control |= header.name == "Cache-Control";
    if (!has_cache_control) response.headers.push_back({"Cache-Control", "no-store"});  // answers may be about a person
    return response;
  } catch (const std::exception&) {
    // The message of the exception is not sent: it could quote the request.
    Response response = problem_response(ErrorCode::kInternal, "the server failed to answer this request",
                                         path_of(request.target));
    response.route = route_of(request.target);
    return response;
  }
}

}  // namespace fossa::server
