// web/openapi.json is kept true: every route it lists exists and every API route is listed, and
// real responses (every case of tests/cases, every error status) match the schemas it gives for
// their status and content type. The checker knows the JSON Schema keywords the file uses and fails
// on any other, so a schema cannot silently check less than it says.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <set>

#include "api_support.h"
#include "server/api.h"
#include "server/embedded_web.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

using test::api;

const json::value& spec_value() {
  static const json::value parsed = [] {
    for (const WebFile& file : web_files()) {
      if (file.path == "/openapi.json") return json::parse(file.text);
    }
    return json::value();
  }();
  return parsed;
}

const json::object& spec() { return spec_value().as_object(); }

// Follows "$ref": "#/a/b/c" within the spec. A $ref stands alone (beside a description at most):
// anything else beside it would be ignored here, so it fails the test.
const json::value& resolve(const json::value& node) {
  const json::object* object = node.if_object();
  if (!object || !object->contains("$ref")) return node;
  EXPECT_LE(object->size(), object->contains("description") ? 2u : 1u) << "keywords beside $ref: " << json::serialize(node);
  std::string ref(object->at("$ref").as_string());
  EXPECT_TRUE(ref.starts_with("#/")) << ref;
  const json::value* at = &spec_value();
  size_t start = 2;
  while (start <= ref.size()) {
    size_t end = ref.find('/', start);
    std::string part = ref.substr(start, end == std::string::npos ? std::string::npos : end - start);
    at = &at->as_object().at(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return resolve(*at);
}

bool has_type(const json::value& value, std::string_view type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_bool();
  if (type == "string") return value.is_string();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    return value.is_int64() || value.is_uint64() || (value.is_double() && value.as_double() == static_cast<double>(static_cast<int64_t>(value.as_double())));
  }
  ADD_FAILURE() << "unknown type " << type;
  return false;
}

void check(const json::value& value, const json::value& schema_node, const std::string& path,
           std::vector<std::string>& problems) {
  const json::object& schema = resolve(schema_node).as_object();
  static const std::set<std::string> kKnown = {"type", "required", "properties", "additionalProperties", "items",
                                               "enum", "minimum", "maximum", "description", "$ref", "anyOf"};
  for (const auto& keyword : schema) {
    if (!kKnown.count(std::string(keyword.key()))) problems.push_back(path + ": unsupported keyword " + std::string(keyword.key()));
  }
  if (const auto* any_of = schema.if_contains("anyOf")) {
    bool matched = false;
    for (const auto& option : any_of->as_array()) {
      std::vector<std::string> option_problems;
      check(value, option, path, option_problems);
      matched |= option_problems.empty();
    }
    if (!matched) problems.push_back(path + ": matches none of anyOf " + json::serialize(value).substr(0, 80));
  }
  if (const auto* type = schema.if_contains("type")) {
    bool matched = false;
    if (type->is_string()) {
      matched = has_type(value, type->as_string());
    } else {
      for (const auto& one : type->as_array()) matched |= has_type(value, one.as_string());
    }
    if (!matched) {
      problems.push_back(path + ": expected " + json::serialize(*type) + ", got " + json::serialize(value).substr(0, 80));
      return;
    }
  }
  if (const auto* allowed = schema.if_contains("enum")) {
    bool found = false;
    for (const auto& one : allowed->as_array()) found |= one == value;
    if (!found) problems.push_back(path + ": " + json::serialize(value) + " is not one of " + json::serialize(*allowed));
  }
  if (value.is_number()) {
    double number = value.to_number<double>();
    if (const auto* minimum = schema.if_contains("minimum"); minimum && number < minimum->to_number<double>()) {
      problems.push_back(path + ": below the minimum");
    }
    if (const auto* maximum = schema.if_contains("maximum"); maximum && number > maximum->to_number<double>()) {
      problems.push_back(path + ": above the maximum");
    }
  }
  if (value.is_object()) {
    const json::object& object = value.as_object();
    if (const auto* required = schema.if_contains("required")) {
      for (const auto& name : required->as_array()) {
        if (!object.contains(name.as_string())) problems.push_back(path + ": missing " + std::string(name.as_string()));
      }
    }
    const json::object* properties = schema.contains("properties") ? &schema.at("properties").as_object() : nullptr;
    for (const auto& member : object) {
      std::string member_path = path + "/" + std::string(member.key());
      if (properties && properties->contains(member.key())) {
        check(member.value(), properties->at(member.key()), member_path, problems);
      } else if (const auto* additional = schema.if_contains("additionalProperties")) {
        if (additional->is_bool()) {
          if (!additional->as_bool()) problems.push_back(member_path + ": not allowed");
        } else {
          check(member.value(), *additional, member_path, problems);
        }
      }
    }
  }
  if (value.is_array()) {
    if (const auto* items = schema.if_contains("items")) {
      const json::array& array = value.as_array();
      for (size_t i = 0; i < array.size(); ++i) check(array[i], *items, path + "/" + std::to_string(i), problems);
    }
  }
}

// Checks a real response against the spec's schema for its path, method, status and content type.
void expect_conforms(std::string_view path, std::string method, const Response& response) {
  SCOPED_TRACE(std::string(method) + " " + std::string(path) + " -> " + std::to_string(response.status));
  const json::value* responses = nullptr;
  const json::value* problem = &spec().at("components").at("responses").at("Problem");
  if (spec().at("paths").as_object().contains(path)) {
    const json::object& operations = spec().at("paths").at(path).as_object();
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    if (operations.contains(method)) responses = &operations.at(method).at("responses");
  }
  const json::value* described = problem;  // 404 and 405 of any route: the shared problem response
  std::string status = std::to_string(response.status);
  if (responses && responses->as_object().contains(status)) described = &responses->at(status);
  ASSERT_TRUE(described != problem || response.status >= 400) << "status not described";
  const json::object& content = resolve(*described).at("content").as_object();
  std::string type = response.content_type.substr(0, response.content_type.find(';'));
  ASSERT_TRUE(content.contains(type)) << "content type " << type << " not described";
  const json::value& schema = content.at(type).at("schema");
  json::value body = type.ends_with("json") ? json::parse(response.payload()) : json::value(std::string(response.payload()));
  std::vector<std::string> problems;
  check(body, schema, "", problems);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(OpenApi, ListsEveryApiRouteAndNothingElse) {
  std::set<std::string> routes;
  for (auto path : api().route_paths()) routes.insert(std::string(path));
  std::set<std::string> described;
  for (const auto& path : spec().at("paths").as_object()) {
    described.insert(std::string(path.key()));
    EXPECT_TRUE(routes.count(std::string(path.key()))) << path.key() << " is described but not served";
  }
  for (const auto& route : routes) {
    bool page_file = route.ends_with(".js") || route.ends_with(".css") || route.ends_with(".html");
    if (!page_file) {
      EXPECT_TRUE(described.count(route)) << route << " is served but not described";
    }
  }
}

TEST(OpenApi, EveryCaseAndItsAssessmentMatchTheSchemas) {
  std::ifstream in(std::string(FOSSA_SOURCE_DIR) + "/tests/cases/dev.jsonl");
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> problems;
    check(json::parse(line), spec().at("components").at("schemas").at("Case"), "case", problems);
    for (const auto& p : problems) ADD_FAILURE() << p;
    for (const char* target : {"/v1/assess", "/v1/assess?explain=all"}) {
      Response response = api().handle({"POST", target, line});
      ASSERT_EQ(response.status, 200) << response.payload();
      expect_conforms("/v1/assess", "POST", response);
    }
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

TEST(OpenApi, InterviewStepsMatchTheSchemas) {
  // Every step of an interview answered "yes" to everything, and one answered "I don't know".
  for (const char* answer : {"true", "null"}) {
    json::object evidence;
    for (int step = 0; step < 40; ++step) {
      Response response = api().handle({"POST", "/v1/interview", json::serialize(json::object{{"evidence", evidence}})});
      ASSERT_EQ(response.status, 200) << response.payload();
      expect_conforms("/v1/interview", "POST", response);
      json::value body = json::parse(response.payload());
      if (body.at("should_stop").as_bool()) break;
      for (const auto& item : body.at("question").at("items").as_array()) {
        std::string type(item.at("type").as_string());
        json::value value = json::parse(answer);
        if (type == "number") value = item.at("min");
        if (type == "enum") value = item.at("values").at(0);
        evidence[item.at("finding").as_string()] = value;
      }
    }
  }
}

TEST(OpenApi, GetRoutesMatchTheSchemas) {
  for (const char* path : {"/v1/knowledge", "/v1/health", "/metrics", "/openapi.json", "/"}) {
    Response response = api().handle({"GET", path, ""});
    ASSERT_EQ(response.status, 200) << path;
    expect_conforms(path, "GET", response);
  }
}

TEST(OpenApi, EveryErrorStatusMatchesTheProblemSchema) {
  struct Sample {
    std::string method, path, body;
    int status;
  };
  std::vector<Sample> samples = {
      {"POST", "/v1/assess", "{\"evidence\": {\"age\": 40,}}", 400},
      {"POST", "/v1/assess", std::string(100, '['), 400},
      {"POST", "/v1/assess", R"({"evidence": {"calf_sweling": true}})", 422},
      {"POST", "/v1/assess", R"({"evidence": {"calf_swelling": 3}})", 422},
      {"POST", "/v1/assess", "{\"evidence\": {}, \"text\": \"" + std::string(70000, 'a') + "\"}", 413},
      {"GET", "/v1/assess", "", 405},
      {"POST", "/v1/interview", R"({"evidence": {"age": "old"}})", 422},
      {"POST", "/v1/knowledge", "", 405},
      {"GET", "/nowhere", "", 404},
      {"GET", "/\xff", "", 404},
      {"POST", "/v1/assess", R"({"evidence": {"age": 40, "age": 41}})", 400},
      {"POST", "/v1/parse", R"({"text": "a", "text": "b"})", 400},
  };
  for (const auto& sample : samples) {
    Response response = api().handle({sample.method, sample.path, sample.body});
    EXPECT_EQ(response.status, sample.status) << sample.path;
    expect_conforms(sample.path, sample.method, response);
  }
  for (const char* path : {"/v1/assess", "/v1/interview"}) {
    Response response = api().handle({"POST", std::string(path) + "?explain=some", R"({"evidence": {}})"});
    EXPECT_EQ(response.status, 422) << path;
    expect_conforms(path, "POST", response);
  }
  for (const char* path : {"/v1/assess", "/v1/interview", "/v1/parse"}) {
    Request request{"POST", path, "{}"};
    request.headers.push_back({"content-type", "text/plain"});
    Response response = api().handle(request);
    EXPECT_EQ(response.status, 415) << path;
    expect_conforms(path, "POST", response);
  }
}

TEST(OpenApi, TheCheckerCatchesAMismatch) {
  std::vector<std::string> problems;
  check(json::parse(R"({"status": "ok", "version": 1})"), spec().at("components").at("schemas").at("Health"), "", problems);
  EXPECT_EQ(problems.size(), 2u);  // version is not a string; knowledge_base is missing
}

}  // namespace
}  // namespace fossa::server
