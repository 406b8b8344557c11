// The HTTP API without sockets: every route and every error status, by calling Api::handle.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "api_support.h"
#include "server/api.h"
#include "server/embedded_web.h"
#include "server/wire.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

using test::api;

Response call(std::string method, std::string target, std::string body = {}) {
  return api().handle(Request{std::move(method), std::move(target), std::move(body)});
}

json::object body_of(const Response& response) { return json::parse(response.payload()).as_object(); }

std::string header(const Response& response, std::string_view name) {
  for (const auto& h : response.headers) {
    if (h.name == name) return h.value;
  }
  return {};
}

std::string example_case() {
  std::ifstream in(std::string(FOSSA_SOURCE_DIR) + "/examples/calf-after-flight.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A problem response: the status, the RFC 9457 members and the catalogue's type for it.
void expect_problem(const Response& response, int status, std::string_view slug) {
  EXPECT_EQ(response.status, status) << response.payload();
  EXPECT_EQ(response.content_type, "application/problem+json");
  json::object problem = body_of(response);
  EXPECT_EQ(problem.at("type").as_string(), "urn:fossa:problem:" + std::string(slug));
  EXPECT_EQ(problem.at("status").as_int64(), status);
  EXPECT_FALSE(problem.at("title").as_string().empty());
  EXPECT_FALSE(problem.at("detail").as_string().empty());
  EXPECT_TRUE(problem.contains("instance"));
}

TEST(AssessRoute, AnswersTheExampleCaseWithItsEvidence) {
  Response response = call("POST", "/v1/assess", example_case());
  ASSERT_EQ(response.status, 200) << response.payload();
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(header(response, "Cache-Control"), "no-store");
  json::object assessment = body_of(response);
  EXPECT_EQ(assessment.at("id").as_string(), "example-1");
  EXPECT_EQ(assessment.at("disposition").at("level").as_string(), "same_day");
  EXPECT_TRUE(assessment.at("evidence").as_object().contains("calf_swelling"));
  EXPECT_EQ(response.disposition, Disposition::kSameDay);
  EXPECT_EQ(response.route, "/v1/assess");
}

TEST(AssessRoute, GivesTheSameBytesAsTheCommandLine) {
  // The route is assessment_json of parse_case: same input, same bytes, on every call.
  EXPECT_EQ(call("POST", "/v1/assess", example_case()).payload(), call("POST", "/v1/assess", example_case()).payload());
}

// ?explain=all explains every condition of the differential; by default only the five leading and
// the suspected ones; another value is refused naming the parameter.
TEST(AssessRoute, ExplainAllExplainsEveryCondition) {
  auto explained = [](const Response& response) {
    size_t count = 0;
    json::object body = body_of(response);
    for (const auto& entry : body.at("differential").as_array()) count += entry.as_object().contains("raised_by");
    return count;
  };
  Response brief = call("POST", "/v1/assess", example_case());
  Response full = call("POST", "/v1/assess?explain=all", example_case());
  ASSERT_EQ(full.status, 200) << full.payload();
  EXPECT_EQ(explained(full), body_of(full).at("differential").as_array().size());
  EXPECT_LT(explained(brief), explained(full));
  EXPECT_GE(explained(brief), kLeadingConditions);
  EXPECT_LT(brief.payload().size(), full.payload().size());
  EXPECT_EQ(call("POST", "/v1/assess?explain=leading", example_case()).payload(), brief.payload());
  Response interview = call("POST", "/v1/interview?explain=all", example_case());
  ASSERT_EQ(interview.status, 200) << interview.payload();
  json::object step = body_of(interview);
  for (const auto& entry : step.at("assessment").at("differential").as_array()) {
    EXPECT_TRUE(entry.as_object().contains("raised_by"));
  }
  Response wrong = call("POST", "/v1/assess?explain=everything", example_case());
  expect_problem(wrong, 422, "invalid-value");
  EXPECT_EQ(body_of(wrong).at("where").as_string(), "?explain");
  expect_problem(call("POST", "/v1/interview?explain=", example_case()), 422, "invalid-value");
}

TEST(AssessRoute, MalformedJsonIs400WithThePosition) {
  Response response = call("POST", "/v1/assess", "{\"evidence\": {\"age\": 40,}}");
  expect_problem(response, 400, "malformed-json");
  EXPECT_NE(std::string(body_of(response).at("detail").as_string()).find("line 1, column 25"), std::string::npos);
}

TEST(AssessRoute, EmptyAndTruncatedBodiesAre400) {
  expect_problem(call("POST", "/v1/assess", ""), 400, "malformed-json");
  expect_problem(call("POST", "/v1/assess", "{\"evidence\": {"), 400, "malformed-json");
  expect_problem(call("POST", "/v1/assess", std::string(5000, '[')), 400, "too-deep");
}

TEST(AssessRoute, UnknownFindingIs422NamingIt) {
  Response response = call("POST", "/v1/assess", R"({"evidence": {"calf_sweling": true}})");
  expect_problem(response, 422, "unknown-field");
  json::object problem = body_of(response);
  EXPECT_EQ(problem.at("where").as_string(), "/evidence/calf_sweling");
  EXPECT_NE(std::string(problem.at("detail").as_string()).find("did you mean calf_swelling"), std::string::npos);
}

TEST(AssessRoute, WrongTypeIs422NamingTheFinding) {
  Response response = call("POST", "/v1/assess", R"({"evidence": {"calf_swelling": "yes"}})");
  expect_problem(response, 422, "wrong-type");
  EXPECT_EQ(body_of(response).at("where").as_string(), "/evidence/calf_swelling");
  expect_problem(call("POST", "/v1/assess", R"({"evidence": {"age": 200}})"), 422, "out-of-range");
  expect_problem(call("POST", "/v1/assess", R"({"evidence": {"sex": "x"}})"), 422, "invalid-value");
  expect_problem(call("POST", "/v1/assess", R"({"setting": "patient"})"), 422, "missing-field");
}

TEST(AssessRoute, BodyOver64KiBIs413) {
  std::string body = "{\"evidence\": {}, \"text\": \"" + std::string(70000, 'a') + "\"}";
  expect_problem(call("POST", "/v1/assess", body), 413, "body-too-large");
}

TEST(AssessRoute, RandomBytesNeverCrashAndAlwaysGetAProblem) {
  std::mt19937 random(7);
  std::string valid = example_case();
  for (int round = 0; round < 2000; ++round) {
    std::string body = valid;
    int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % body.size();
      body[at] = static_cast<char>(random() % 256);
    }
    Response response = call("POST", "/v1/assess", body);
    ASSERT_TRUE(response.status == 200 || response.status == 400 || response.status == 422) << body;
    if (response.status != 200) {
      ASSERT_EQ(response.content_type, "application/problem+json");
    }
    json::parse(response.payload());  // always JSON
  }
}

// Runs the interview over the route, answering from `truth` (finding id -> JSON answer); findings
// not in `truth` are answered false (yes/no) or null ("I don't know"). Returns the last step.
json::object interview_until_stop(const json::object& truth, int* steps) {
  json::object evidence;
  for (*steps = 0; *steps < 40; ++*steps) {
    json::object request{{"setting", "patient"}, {"evidence", evidence}};
    Response response = call("POST", "/v1/interview", json::serialize(request));
    EXPECT_EQ(response.status, 200) << response.payload();
    json::object step = body_of(response);
    if (step.at("should_stop").as_bool()) return step;
    for (const auto& item : step.at("question").at("items").as_array()) {
      std::string id(item.at("finding").as_string());
      if (truth.contains(id)) {
        evidence[id] = truth.at(id);
      } else if (item.at("type").as_string() == "bool") {
        evidence[id] = false;
      } else {
        evidence[id] = nullptr;
      }
    }
  }
  ADD_FAILURE() << "the interview did not stop";
  return {};
}

TEST(InterviewRoute, StartsWithTheEmergencySignsAndGivesTheAssessmentSoFar) {
  Response response = call("POST", "/v1/interview", R"({"setting": "patient", "evidence": {}})");
  ASSERT_EQ(response.status, 200) << response.payload();
  json::object step = body_of(response);
  EXPECT_FALSE(step.at("should_stop").as_bool());
  EXPECT_TRUE(step.at("stop_reason").is_null());
  EXPECT_EQ(step.at("question").at("id").as_string(), "emergency_signs");
  EXPECT_TRUE(step.at("question").at("red_flag").as_bool());
  EXPECT_EQ(step.at("question").at("items").at(0).at("finding").as_string(), "breathlessness");
  EXPECT_EQ(step.at("question").at("items").at(0).at("type").as_string(), "bool");
  EXPECT_FALSE(step.at("screen_complete").as_bool());
  EXPECT_EQ(step.at("screen_unasked").at(0).as_string(), "breathlessness");
  EXPECT_FALSE(step.at("assessment").at("screen_complete").as_bool());
  EXPECT_FALSE(step.at("question").at("why").as_string().empty());
  EXPECT_EQ(step.at("questions_asked").as_int64(), 0);
  EXPECT_TRUE(step.at("assessment").at("disposition").is_object());
  EXPECT_FALSE(response.disposition.has_value());  // counted only when the interview ends
}

TEST(InterviewRoute, DontKnowIsNotAskedAgain) {
  json::object step = body_of(call("POST", "/v1/interview", R"({"setting": "patient", "evidence": {"breathlessness": null,
      "chest_pain": null, "coughing_blood": null, "cold_pale_foot": null, "pain_out_of_proportion": null, "tense_calf": null,
      "saddle_numbness_or_bladder_change": null, "fever": null}})"));
  EXPECT_EQ(step.at("question").at("items").at(0).at("finding").as_string(), "trauma");
  EXPECT_EQ(step.at("questions_asked").as_int64(), 1);
}

TEST(InterviewRoute, ARedFlagEndsItAtOnce) {
  Response response = call("POST", "/v1/interview",
                           R"({"setting": "patient", "evidence": {"age": 50, "sex": "male", "breathlessness": true}})");
  json::object step = body_of(response);
  EXPECT_TRUE(step.at("should_stop").as_bool());
  EXPECT_TRUE(step.at("question").is_null());
  EXPECT_EQ(step.at("stop_reason").as_string(), "red_flag");
  EXPECT_EQ(step.at("assessment").at("disposition").at("level").as_string(), "ambulance");
  EXPECT_EQ(response.disposition, Disposition::kAmbulance);
}

TEST(InterviewRoute, AsksWhatTheTextOnlyHintedAtWarningSignsFirstButNotAfterARedFlag) {
  const std::string text = R"("text": "I think my calf is a bit warm, and maybe I am a little short of breath.")";
  json::object first = body_of(call("POST", "/v1/interview", "{\"setting\": \"patient\", " + text + ", \"evidence\": {}}"));
  EXPECT_EQ(first.at("question").at("id").as_string(), "breathlessness");
  EXPECT_TRUE(first.at("question").at("red_flag").as_bool());
  // Yes: the ambulance result at once, not the other finding hinted at.
  Response response = call("POST", "/v1/interview", "{\"setting\": \"patient\", " + text + R"(, "evidence": {"breathlessness": true}})");
  json::object step = body_of(response);
  EXPECT_TRUE(step.at("should_stop").as_bool()) << response.payload();
  EXPECT_TRUE(step.at("question").is_null());
  EXPECT_EQ(step.at("stop_reason").as_string(), "red_flag");
  EXPECT_EQ(step.at("assessment").at("disposition").at("level").as_string(), "ambulance");
  // No: the other one next.
  step = body_of(call("POST", "/v1/interview", "{\"setting\": \"patient\", " + text + R"(, "evidence": {"breathlessness": false}})"));
  EXPECT_EQ(step.at("question").at("id").as_string(), "warmth");
}

TEST(InterviewRoute, AClotEndsSameDayAndAStrainInSelfCare) {
  int steps = 0;
  json::object clot = json::parse(R"({"age": 58, "sex": "female", "duration_days": 3, "pain_in_calf": true,
      "calf_swelling": true, "warmth": true, "long_travel": true})").as_object();
  json::object last = interview_until_stop(clot, &steps);
  EXPECT_EQ(last.at("assessment").at("disposition").at("level").as_string(), "same_day");
  EXPECT_LE(steps, last.at("max_questions").as_int64());
  json::object strain = json::parse(R"({"age": 30, "sex": "male", "duration_days": 2, "pain_back_of_thigh": true,
      "sports_or_exertion": true, "worse_with_activity": true, "better_with_rest": true})").as_object();
  last = interview_until_stop(strain, &steps);
  EXPECT_EQ(last.at("assessment").at("disposition").at("level").as_string(), "self_care");
}

TEST(InterviewRoute, BadInputGetsTheSameProblemsAsAssess) {
  expect_problem(call("POST", "/v1/interview", "{\"evidence\": "), 400, "malformed-json");
  Response unknown = call("POST", "/v1/interview", R"({"evidence": {"calf_sweling": true}})");
  expect_problem(unknown, 422, "unknown-field");
  EXPECT_EQ(body_of(unknown).at("instance").as_string(), "/v1/interview");
  expect_problem(call("GET", "/v1/interview"), 405, "method-not-allowed");
}

TEST(Router, UnknownRouteIs404WithoutEchoingThePathInTheDetail) {
  Response response = call("GET", "/v1/patients/someone?name=x");
  expect_problem(response, 404, "not-found");
  EXPECT_EQ(response.route, "unmatched");
  EXPECT_EQ(std::string(body_of(response).at("detail").as_string()).find("someone"), std::string::npos);
}

TEST(Router, WrongMethodIs405WithAllow) {
  Response response = call("GET", "/v1/assess");
  expect_problem(response, 405, "method-not-allowed");
  EXPECT_EQ(header(response, "Allow"), "POST, OPTIONS");
  Response knowledge = call("POST", "/v1/knowledge", "{}");
  expect_problem(knowledge, 405, "method-not-allowed");
  EXPECT_EQ(header(knowledge, "Allow"), "GET, HEAD, OPTIONS");
  expect_problem(call("DELETE", "/metrics"), 405, "method-not-allowed");
}

TEST(Router, HeadIsAnsweredAsGetAndOptionsListsTheMethods) {
  Response head = call("HEAD", "/v1/health");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.payload(), call("GET", "/v1/health").payload());  // the listener drops the body
  Response options = call("OPTIONS", "/v1/assess");
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(header(options, "Allow"), "POST, OPTIONS");
}

TEST(Router, QueryStringsAreIgnoredForMatching) {
  EXPECT_EQ(call("GET", "/v1/health?probe=1").status, 200);
}

TEST(HealthRoute, GivesTheVersions) {
  json::object health = body_of(call("GET", "/v1/health"));
  EXPECT_EQ(health.at("status").as_string(), "ok");
  EXPECT_EQ(health.at("knowledge_base").at("hash").as_string(), api().engine().kb().hash);
}

TEST(KnowledgeRoute, ListsEveryFindingWithItsQuestionsAndEveryCondition) {
  const KnowledgeBase& kb = api().engine().kb();
  json::object knowledge = body_of(call("GET", "/v1/knowledge"));
  const json::array& findings = knowledge.at("findings").as_array();
  ASSERT_EQ(findings.size(), kb.findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    const json::object& finding = findings[i].as_object();
    EXPECT_EQ(finding.at("id").as_string(), kb.findings[i].id);
    EXPECT_EQ(finding.at("question").at("person").as_string(), kb.findings[i].question_person);
    EXPECT_EQ(finding.at("question").at("clinician").as_string(), kb.findings[i].question_clinician);
    EXPECT_EQ(finding.at("why").as_string(), kb.findings[i].why);
    EXPECT_EQ(finding.at("group").as_string(), kb.findings[i].group);
  }
  EXPECT_EQ(knowledge.at("conditions").as_array().size(), kb.conditions.size());
  EXPECT_EQ(knowledge.at("dispositions").as_array().size(), 5u);
  EXPECT_EQ(knowledge.at("knowledge_base").at("version").as_string(), kb.version);
}

TEST(KnowledgeRoute, GivesEachFindingItsLabels) {
  json::object knowledge = body_of(call("GET", "/v1/knowledge"));
  std::map<std::string, json::object> finding;
  for (const auto& entry : knowledge.at("findings").as_array()) finding[std::string(entry.at("id").as_string())] = entry.as_object();
  EXPECT_EQ(finding["trauma"].at("label").as_string(), "injury");
  EXPECT_EQ(finding["trauma"].at("label_absent").as_string(), "no injury");
  EXPECT_EQ(finding["age"].at("label").as_string(), "age {}");
  EXPECT_FALSE(finding["age"].contains("label_absent"));
  EXPECT_EQ(finding["age"].at("max").as_int64(), 120) << "numbers as people write them, not 1.2E2";
}

TEST(MetricsRoute, CountsRequestsLatenciesAndDispositions) {
  Api local(builtin_knowledge_base());
  local.metrics().observe("/v1/assess", 200, 0.0003, Disposition::kSameDay);
  local.metrics().observe("/v1/assess", 422, 0.0001, std::nullopt);
  local.metrics().observe("unmatched", 404, 0.00005, std::nullopt);
  Response response = local.handle({"GET", "/metrics", ""});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  std::string text(response.payload());
  EXPECT_NE(text.find("fossa_http_requests_total{route=\"/v1/assess\",status=\"200\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_http_requests_total{route=\"/v1/assess\",status=\"422\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_http_request_duration_seconds_bucket{route=\"/v1/assess\",le=\"0.00025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_http_request_duration_seconds_bucket{route=\"/v1/assess\",le=\"0.0005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_http_request_duration_seconds_count{route=\"/v1/assess\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_dispositions_total{disposition=\"same_day\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fossa_build_info{version="), std::string::npos);
}

TEST(WebRoutes, ServeThePageFromTheBinaryWithAStrictPolicy) {
  Response page = call("GET", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.payload().find("<html"), std::string::npos);
  EXPECT_NE(header(page, "Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(call("GET", "/index.html").payload(), page.payload());
  EXPECT_EQ(call("GET", "/app.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(call("GET", "/style.css").content_type, "text/css; charset=utf-8");
  Response openapi = call("GET", "/openapi.json");
  EXPECT_EQ(openapi.content_type, "application/json");
  EXPECT_EQ(json::parse(openapi.payload()).at("openapi").as_string(), "3.1.0");
}

TEST(WebRoutes, ThePageLoadsNothingFromElsewhere) {
  for (const WebFile& file : web_files()) {
    EXPECT_EQ(file.text.find("http://"), std::string_view::npos) << file.path;
    EXPECT_EQ(file.text.find("https://"), std::string_view::npos) << file.path;
  }
}

// Hostile input: every answer is bounded, whatever the request holds.

Response call_with(std::string method, std::string target, std::string body, std::string content_type) {
  Request request{std::move(method), std::move(target), std::move(body)};
  request.headers.push_back({"content-type", std::move(content_type)});
  return api().handle(request);
}

TEST(Hardening, AnUnknownIdOf60KBGetsNoSuggestionAndIsEchoedShortened) {
  const std::string key(60 * 1024, 'a');
  const std::string evidence = R"({"evidence": {")" + key + R"(": true}})";
  for (const char* route : {"/v1/assess", "/v1/interview"}) {
    SCOPED_TRACE(route);
    Response response = call("POST", route, evidence);
    expect_problem(response, 422, "unknown-field");
    EXPECT_LT(response.payload().size(), 1024u);
    std::string detail(body_of(response).at("detail").as_string());
    EXPECT_NE(detail.find("... (61440 bytes)"), std::string::npos) << detail;
    EXPECT_EQ(detail.find("did you mean"), std::string::npos);
    EXPECT_LT(body_of(response).at("where").as_string().size(), 128u);
  }
  Response field = call("POST", "/v1/assess", R"({")" + key + R"(": 1, "evidence": {}})");
  expect_problem(field, 422, "unknown-field");
  EXPECT_LT(field.payload().size(), 1024u);
  Response parse = call("POST", "/v1/parse", R"({"text": "my knee", ")" + key + R"(": 1})");
  expect_problem(parse, 422, "unknown-field");
  EXPECT_LT(parse.payload().size(), 1024u);
  Response value = call("POST", "/v1/assess", R"({"evidence": {"sex": ")" + key + R"("}})");
  expect_problem(value, 422, "invalid-value");
  EXPECT_LT(value.payload().size(), 1024u);
}

TEST(Hardening, AnUnknownIdOf60KBCostsAboutWhatANormalRequestCosts) {
  // Before the bound, the edit distance against every id made it cost hundreds of requests.
  const std::string hostile = R"({"evidence": {")" + std::string(60 * 1024, 'a') + R"(": true}})";
  const std::string normal = example_case();
  auto time = [](const std::string& body) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int i = 0; i < 5; ++i) {
      auto started = std::chrono::steady_clock::now();
      (void)call("POST", "/v1/assess", body);
      best = std::min(best, std::chrono::steady_clock::now() - started);
    }
    return std::chrono::duration<double>(best).count();
  };
  EXPECT_LT(time(hostile), 20 * time(normal));
}

TEST(Hardening, AShortMisspellingStillGetsSuggestions) {
  Response response = call("POST", "/v1/assess", R"({"evidence": {"calf_sweling": true}})");
  expect_problem(response, 422, "unknown-field");
  EXPECT_NE(std::string(body_of(response).at("detail").as_string()).find("did you mean calf_swelling"), std::string::npos);
}

TEST(Hardening, DuplicateKeysAre400NamingTheKey) {
  // The last value used to win: this case was `routine` instead of `same_day`.
  Response response = call("POST", "/v1/assess", R"({"evidence": {"calf_swelling": true, "calf_swelling": false}})");
  expect_problem(response, 400, "duplicate-key");
  json::object problem = body_of(response);
  EXPECT_NE(std::string(problem.at("detail").as_string()).find("`calf_swelling`"), std::string::npos);
  EXPECT_EQ(problem.at("where").as_string(), "/evidence/calf_swelling");
  expect_problem(call("POST", "/v1/interview", R"({"evidence": {"age": 40}, "evidence": {}})"), 400, "duplicate-key");
  expect_problem(call("POST", "/v1/parse", R"({"text": "a", "text": "b"})"), 400, "duplicate-key");
  Response fhir = call_with("POST", "/v1/assess", R"({"resourceType": "Bundle", "resourceType": "Patient"})",
                           "application/fhir+json");
  expect_problem(fhir, 400, "duplicate-key");
}

TEST(Hardening, ANonJsonContentTypeIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    SCOPED_TRACE(type);
    for (const char* route : {"/v1/assess", "/v1/interview", "/v1/parse"}) {
      Response response = call_with("POST", route, example_case(), type);
      expect_problem(response, 415, "unsupported-media-type");
      EXPECT_EQ(header(response, "Accept-Post"), "application/json, application/fhir+json");
    }
  }
  EXPECT_EQ(call_with("POST", "/v1/assess", example_case(), "Application/JSON; charset=utf-8").status, 200);
  EXPECT_EQ(call("POST", "/v1/assess", example_case()).status, 200);  // no Content-Type: read as JSON
  Response fhir = call_with("POST", "/v1/assess", R"({"resourceType": "Patient", "gender": "male"})",
                            "application/fhir+json");
  EXPECT_NE(fhir.status, 415) << fhir.payload();
}

TEST(Hardening, A404NeverEchoesBytesThatAreNotText) {
  Response response = call("GET", "/\xff\xfe/\xc3\x28\x01");
  expect_problem(response, 404, "not-found");
  for (char c : response.payload()) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_EQ(body_of(response).at("instance").as_string(), "/%FF%FE/%C3(%01");
}

TEST(Hardening, AnAbsoluteFormTargetReachesItsRoute) {
  Response response = call("GET", "http://localhost:8080/v1/health?x=1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.route, "/v1/health");
  EXPECT_EQ(call("GET", "HTTP://example.org").route, "/");
  EXPECT_EQ(path_of("https://a.b/v1/assess?q"), "/v1/assess");
}

TEST(Hardening, ThePageForbidsPowerfulFeaturesAndOtherWindows) {
  Response page = call("GET", "/");
  EXPECT_NE(header(page, "Permissions-Policy").find("camera=()"), std::string::npos);
  EXPECT_NE(header(page, "Permissions-Policy").find("geolocation=()"), std::string::npos);
  EXPECT_EQ(header(page, "Cross-Origin-Opener-Policy"), "same-origin");
}

TEST(Hardening, MetricsCanBeServedToThisMachineOnly) {
  ApiOptions options;
  options.metrics_loopback_only = true;
  static const Api local(builtin_knowledge_base(), options);
  Request remote{"GET", "/metrics", ""};
  remote.from_loopback = false;
  expect_problem(local.handle(remote), 403, "forbidden");
  Request loopback{"GET", "/metrics", ""};
  EXPECT_EQ(local.handle(loopback).status, 200);
  EXPECT_EQ(api().handle(remote).status, 200);  // by default, to anyone
}

// The request path of the listener without sockets (server/wire.h).

std::string status_line(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

TEST(Wire, Http11WithoutHostIs400AndHttp10IsServed) {
  std::string answer = answer_bytes(api(), "GET /v1/health HTTP/1.1\r\n\r\n");
  EXPECT_EQ(status_line(answer), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(answer.find("Host header"), std::string::npos);
  EXPECT_NE(answer.find("\r\nConnection: close\r\n"), std::string::npos);
  EXPECT_EQ(status_line(answer_bytes(api(), "GET /v1/health HTTP/1.0\r\n\r\n")), "HTTP/1.1 200 OK");
  EXPECT_EQ(status_line(answer_bytes(api(), "GET /v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")),
            "HTTP/1.1 400 Bad Request");
}

TEST(Wire, ATransferCodingOtherThanChunkedIs501) {
  std::string answer = answer_bytes(
      api(), "POST /v1/assess HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(status_line(answer), "HTTP/1.1 501 Not Implemented");
  EXPECT_NE(answer.find("`gzip`"), std::string::npos);
  std::string chunked = "POST /v1/assess HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        [] {
                          std::string body = example_case();
                          char size[16];
                          std::snprintf(size, sizeof size, "%zx", body.size());
                          return std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
                        }();
  EXPECT_EQ(status_line(answer_bytes(api(), chunked)), "HTTP/1.1 200 OK");
}

TEST(Wire, LeadingEmptyLinesAreIgnored) {
  EXPECT_EQ(status_line(answer_bytes(api(), "\r\n\r\nGET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")), "HTTP/1.1 200 OK");
  EXPECT_EQ(status_line(answer_bytes(api(), "\nGET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")), "HTTP/1.1 200 OK");
}

TEST(Wire, AnAbsoluteFormTargetIsServed) {
  EXPECT_EQ(status_line(answer_bytes(api(), "GET http://x/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")), "HTTP/1.1 200 OK");
}

TEST(Wire, TheListenersOwnAnswersCarryCacheControl) {
  const std::vector<std::string> requests = {
      "\x01\x02 hello\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(9000, 'a') + "\r\n\r\n",
      "POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"};
  for (const std::string& request : requests) {
    std::string answer = answer_bytes(api(), request);
    SCOPED_TRACE(status_line(answer));
    EXPECT_NE(answer.find("\r\nCache-Control: no-store\r\n"), std::string::npos);
    EXPECT_NE(answer.find("application/problem+json"), std::string::npos);
  }
}

TEST(Wire, AnIncompleteRequestGetsNoAnswer) {
  EXPECT_EQ(answer_bytes(api(), "GET /v1/health HTTP/1.1\r\nHost"), "");
  EXPECT_EQ(answer_bytes(api(), "POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{"), "");
}

}  // namespace
}  // namespace fossa::server
