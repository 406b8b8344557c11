// CDS Hooks 2.0.1 and the FHIR routes without sockets (Api::handle), and the bearer JWT check with
// keys made here by OpenSSL (ES384 and RS384). The record system end to end over HTTP, with the
// JSON schemas, is tests/fhir/conformance.test.mjs.
#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "fossa/fhir.h"
#include "api_support.h"
#include "server/api.h"
#include "server/cds.h"
#include "server/cds_auth.h"
#include "server/routes.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

using test::api;

Request request(std::string method, std::string target, std::string body = {}, std::vector<Header> headers = {}) {
  headers.push_back({"host", "ehr-cds.test:8080"});
  return Request{std::move(method), std::move(target), std::move(body), std::move(headers)};
}

json::object body_of(const Response& response) { return json::parse(response.payload()).as_object(); }

// A chart as a prefetch: the Patient and the person's answers (a QuestionnaireResponse).
json::object prefetch(const std::string& patient, const json::object& answers) {
  json::array items;
  for (const auto& [id, value] : answers) {
    json::object answer;
    if (value.is_bool()) answer["valueBoolean"] = value;
    if (value.is_int64()) answer["valueInteger"] = value;
    items.push_back({{"linkId", id}, {"answer", json::array{answer}}});
  }
  json::object response{{"resourceType", "QuestionnaireResponse"}, {"id", "qr-1"}, {"questionnaire", fhir::kQuestionnaireUrl},
                        {"status", "completed"}, {"subject", {{"reference", "Patient/" + patient}}}, {"item", items}};
  return {{"patient", {{"resourceType", "Patient"}, {"id", patient}, {"birthDate", "1980-05-17"}, {"gender", "female"}}},
          {"conditions", nullptr},
          {"observations", {{"resourceType", "Bundle"}, {"type", "searchset"}}},
          {"questionnaireResponse", {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array{{{"resource", response}}}}}}};
}

json::object hook_call(const std::string& hook, const std::string& patient, json::object data) {
  return {{"hook", hook}, {"hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"}, {"fhirServer", "https://ehr.test/fhir"},
          {"context", {{"userId", "Practitioner/1"}, {"patientId", patient}}}, {"prefetch", std::move(data)}};
}

Response patient_view(const json::object& call, std::vector<Header> headers = {}) {
  return api().handle(request("POST", "/cds-services/fossa-patient-view", json::serialize(call), std::move(headers)));
}

const json::object kBreathless{{"breathlessness", true}, {"pain_in_calf", true}};
const json::object kSwollenCalf{{"calf_swelling", true}, {"breathlessness", false}, {"chest_pain", false}, {"coughing_blood", false}};
const json::object kMildStrain{{"age", 38}, {"duration_days", 2}, {"sports_or_exertion", true}, {"calf_stretch_pain", true},
                               {"calf_swelling", false}, {"difficulty_walking", false}, {"pain_in_calf", true}};

void expect_problem(const Response& response, int status, std::string_view slug, std::string_view where = {}) {
  EXPECT_EQ(response.status, status) << response.payload();
  EXPECT_EQ(response.content_type, "application/problem+json");
  json::object problem = body_of(response);
  EXPECT_EQ(problem.at("type").as_string(), "urn:fossa:problem:" + std::string(slug));
  if (!where.empty()) {
    EXPECT_EQ(problem.at("where").as_string(), where) << response.payload();
  }
}

// ---- discovery and the Questionnaire -----------------------------------------------------------

TEST(CdsDiscovery, ListsBothServicesWithTheirPrefetch) {
  Response response = api().handle(request("GET", "/cds-services"));
  ASSERT_EQ(response.status, 200);
  json::object discovery = body_of(response);
  const json::array& services = discovery.at("services").as_array();
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0].at("hook"), "patient-view");
  EXPECT_EQ(services[1].at("hook"), "order-select");
  const json::object& templates = services[0].at("prefetch").as_object();
  EXPECT_EQ(templates.at("patient"), "Patient/{{context.patientId}}");
  EXPECT_NE(std::string(templates.at("observations").as_string()).find("http://loinc.org|48065-7"), std::string::npos);
  EXPECT_NE(std::string(templates.at("conditions").as_string()).find("http://snomed.info/sct|161508001"), std::string::npos);
  EXPECT_EQ(std::string(templates.at("conditions").as_string()).find("loinc"), std::string::npos);  // tests are Observations
}

TEST(FhirRoutes, TheQuestionnaireIsFhirJson) {
  Response response = api().handle(request("GET", "/fhir/Questionnaire/fossa-interview"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/fhir+json");
  EXPECT_EQ(body_of(response).at("id"), "fossa-interview");
}

TEST(FhirRoutes, AssessNegotiatesFhirInAndOut) {
  std::string body = R"({"evidence": {"age": 58, "calf_swelling": true, "long_travel": true}})";
  Response bundle = api().handle(request("POST", "/v1/assess", body, {{"accept", "application/fhir+json"}}));
  ASSERT_EQ(bundle.status, 200) << bundle.payload();
  EXPECT_EQ(bundle.content_type, "application/fhir+json");
  EXPECT_EQ(body_of(bundle).at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.disposition, Disposition::kSameDay);
  // The same case without Accept gives the same bytes as before the FHIR routes existed.
  Response plain = api().handle(request("POST", "/v1/assess", body));
  EXPECT_EQ(plain.content_type, "application/json");
  EXPECT_EQ(body_of(plain).at("disposition").at("level"), "same_day");
  // A QuestionnaireResponse in (by content type, or by its resourceType), the assessment JSON out.
  std::string response = json::serialize(prefetch("p", kSwollenCalf).at("questionnaireResponse").at("entry").at(0).at("resource"));
  for (auto headers : {std::vector<Header>{{"content-type", "application/fhir+json"}}, std::vector<Header>{}}) {
    Response assessed = api().handle(request("POST", "/v1/assess", response, headers));
    ASSERT_EQ(assessed.status, 200) << assessed.payload();
    EXPECT_EQ(body_of(assessed).at("evidence").at("calf_swelling"), true);
  }
  expect_problem(api().handle(request("POST", "/v1/assess", R"({"resourceType": "Basic"})")), 422, "invalid-value", "Basic.resourceType");
  expect_problem(api().handle(request("POST", "/v1/assess", "{", {{"content-type", "application/fhir+json"}})), 400, "malformed-json");
}

// ---- the services ----------------------------------------------------------------------------

TEST(CdsService, IndicatorFollowsTheDisposition) {
  struct Scenario {
    const json::object& answers;
    const char* indicator;
    Disposition level;
  };
  for (const Scenario& scenario : {Scenario{kBreathless, "critical", Disposition::kAmbulance},
                                   Scenario{kSwollenCalf, "warning", Disposition::kSameDay},
                                   Scenario{kMildStrain, "info", Disposition::kSelfCare}}) {
    Response response = patient_view(hook_call("patient-view", "p1", prefetch("p1", scenario.answers)));
    ASSERT_EQ(response.status, 200) << response.payload();
    EXPECT_EQ(response.disposition, scenario.level);
    json::object body = body_of(response);
    const json::array& cards = body.at("cards").as_array();
    ASSERT_EQ(cards.size(), 1u);
    const json::object& card = cards[0].as_object();
    SCOPED_TRACE(json::serialize(card.at("summary")));
    EXPECT_EQ(card.at("indicator"), scenario.indicator);
    EXPECT_LT(card.at("summary").as_string().size(), 140u);
    std::string detail(card.at("detail").as_string());
    for (const char* part : {"**Warning signs:**", "**Wells score for deep vein thrombosis:**", "**Ottawa knee rule:**",
                             "**Most likely causes:**\n\n1. ", "\n3. ", "**Next step:**"}) {
      EXPECT_NE(detail.find(part), std::string::npos) << part << "\n" << detail;
    }
    // Each work-up line appears once, whether it is the next step or in the list.
    for (size_t at = detail.find("\n- "); at != std::string::npos; at = detail.find("\n- ", at + 1)) {
      std::string line = detail.substr(at + 3, detail.find('\n', at + 3) - at - 3);
      EXPECT_EQ(detail.find(line), detail.rfind(line)) << line << "\n" << detail;
    }
    EXPECT_TRUE(card.at("source").at("url").as_string().starts_with("http"));
    const json::value* suggestions = card.if_contains("suggestions");
    if (suggestions) {
      EXPECT_EQ(card.at("selectionBehavior"), "any");
    }
    for (const auto& suggestion : suggestions ? suggestions->as_array() : json::array{}) {
      const json::value& resource = suggestion.at("actions").at(0).at("resource");
      EXPECT_EQ(resource.at("resourceType"), "ServiceRequest");
      EXPECT_EQ(resource.at("intent"), "proposal");
      EXPECT_EQ(resource.at("subject").at("reference"), "Patient/p1");
    }
    std::string link(card.at("links").at(0).at("url").as_string());
    EXPECT_TRUE(link.starts_with("http://ehr-cds.test:8080/?") && link.ends_with("#clinician")) << link;
  }
}

// Suggestions are orders: one per test the pathway steps that apply now order, with its LOINC
// code where one is verified; advice in the work-up ("no imaging ...") is never proposed.
TEST(CdsService, SuggestionsAreTheTestsThePathwayStepOrders) {
  auto suggested = [](const json::object& answers) {
    json::object body = body_of(patient_view(hook_call("patient-view", "p1", prefetch("p1", answers))));
    const json::object& card = body.at("cards").at(0).as_object();
    std::vector<std::string> tests;
    if (const json::value* suggestions = card.if_contains("suggestions")) {
      for (const auto& suggestion : suggestions->as_array()) {
        const json::value& resource = suggestion.at("actions").at(0).at("resource");
        tests.push_back(std::string(resource.at("code").at("text").as_string()));
        EXPECT_EQ(suggestion.at("label").as_string(), "Order: " + tests.back());
        if (tests.back() == "D-dimer") {
          EXPECT_EQ(resource.at("code").at("coding").at(0).at("code"), "48065-7");
        }
      }
    }
    return tests;
  };
  // A swollen calf without a Wells score that makes a DVT likely: NG158's step now is the D-dimer.
  EXPECT_EQ(suggested(kSwollenCalf), std::vector<std::string>{"D-dimer"});
  // A mild strain: no pathway orders a test, so nothing is proposed, though the work-up has lines.
  EXPECT_EQ(suggested(kMildStrain), std::vector<std::string>{});
}

TEST(CdsService, TheSameCallGivesTheSameCard) {
  json::object call = hook_call("patient-view", "p1", prefetch("p1", kSwollenCalf));
  EXPECT_EQ(patient_view(call).body, patient_view(call).body);
}

TEST(CdsService, NothingAboutTheKneeGivesNoCards) {
  json::object data = prefetch("p1", {});
  data["questionnaireResponse"] = nullptr;
  Response response = patient_view(hook_call("patient-view", "p1", data));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"cards":[]})");
}

TEST(CdsService, AMissingPrefetchIs412) {
  json::object call = hook_call("patient-view", "p1", {{"patient", {{"resourceType", "Patient"}, {"id", "p1"}}}});
  call["fhirAuthorization"] = {{"access_token", "x"}, {"token_type", "Bearer"}, {"expires_in", 300}, {"scope", "patient/*.read"}, {"subject", "fossa"}};
  Response response = patient_view(call);
  expect_problem(response, 412, "prefetch-missing", "prefetch");
  EXPECT_NE(body_of(response).at("detail").as_string().find("conditions, observations, questionnaireResponse"), std::string::npos);
  call.erase("prefetch");
  expect_problem(patient_view(call), 412, "prefetch-missing");
}

TEST(CdsService, BadRequestsNameWhatIsWrong) {
  json::object good = hook_call("patient-view", "p1", prefetch("p1", kSwollenCalf));
  auto with = [&](auto change) {
    json::object call = good;
    change(call);
    return patient_view(call);
  };
  expect_problem(with([](json::object& c) { c["hook"] = "order-sign"; }), 422, "invalid-value", "hook");
  expect_problem(with([](json::object& c) { c.erase("hookInstance"); }), 422, "missing-field", "hookInstance");
  expect_problem(with([](json::object& c) { c["context"].as_object().erase("patientId"); }), 422, "missing-field", "context.patientId");
  expect_problem(with([](json::object& c) { c.erase("fhirServer"); c["fhirAuthorization"] = json::object{{"access_token", "x"}}; }), 422,
                 "missing-field", "fhirServer");
  expect_problem(with([](json::object& c) { c["prefetch"].as_object()["patient"] = {{"resourceType", "Practitioner"}}; }), 422,
                 "invalid-value", "prefetch.patient.resourceType");
  expect_problem(with([](json::object& c) { c["prefetch"].as_object()["patient"].as_object()["id"] = "p2"; }), 422, "invalid-value",
                 "prefetch.patient.id");
  expect_problem(with([](json::object& c) {
                   c["prefetch"].as_object()["questionnaireResponse"].at("entry").at(0).at("resource").as_object()["questionnaire"] =
                       "http://example.org/Questionnaire/other";
                 }),
                 422, "invalid-value", "prefetch.questionnaireResponse.entry[0].resource.questionnaire");
  expect_problem(with([](json::object& c) {
                   c["prefetch"].as_object()["questionnaireResponse"].at("entry").at(0).at("resource").at("item").at(0).as_object()["answer"] =
                       json::array{{{"valueInteger", 1}}};
                 }),
                 422, "wrong-type", "prefetch.questionnaireResponse.entry[0].resource.item[0].answer[0].valueInteger");
  expect_problem(with([](json::object& c) {
                   c["prefetch"].as_object()["observations"] = {{"resourceType", "Bundle"}, {"entry", json::array{{{"resource",
                       {{"resourceType", "Observation"}, {"status", "final"}, {"code", {{"coding", json::array{{{"system", "http://loinc.org"}, {"code", "2345-7"}}}}}}}}}}}};
                 }),
                 422, "unknown-field", "prefetch.observations.entry[0].resource.code");
  expect_problem(patient_view({{"hook", 1}}), 422, "missing-field", "hook");
  expect_problem(api().handle(request("POST", "/cds-services/fossa-patient-view", "{\"hook\": ")), 400, "malformed-json");
  expect_problem(api().handle(request("GET", "/cds-services/fossa-patient-view")), 405, "method-not-allowed");
  expect_problem(api().handle(request("POST", "/cds-services/other", "{}")), 404, "not-found");
}

TEST(CdsService, RandomEditsOfACallNeverCrash) {
  std::string good = json::serialize(hook_call("patient-view", "p1", prefetch("p1", kSwollenCalf)));
  std::mt19937 random(11);
  for (int i = 0; i < 2000; ++i) {
    std::string body = good;
    for (int edits = 0; edits < 3; ++edits) {
      body[random() % body.size()] = "{}[]\":,0a-\\ "[random() % 13];
    }
    Response response = api().handle(request("POST", "/cds-services/fossa-patient-view", body));
    EXPECT_TRUE(response.status == 200 || (response.status >= 400 && response.status < 500)) << response.status << " " << body;
  }
}

// ---- warning signs and unknown answers through FHIR ---------------------------------------------

// A chart without a birth date (age unknown, as in `expected` below): the Patient, the person's
// answers and the record's Observations.
json::object chart(const json::object& answers, json::array observations = {}) {
  json::object data = prefetch("p1", answers);
  data["patient"] = {{"resourceType", "Patient"}, {"id", "p1"}, {"gender", "female"}};
  data["observations"] = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array{}}};
  for (auto& observation : observations) data["observations"].as_object()["entry"].as_array().push_back(json::object{{"resource", observation}});
  return data;
}

// The evidence the chart above gives, written directly: sex female, and `answers`.
Evidence expected(const json::object& answers) {
  const KnowledgeBase& kb = api().engine().kb();
  Evidence evidence(kb);
  evidence.set(kb.finding_index("sex"), 0);
  for (const auto& [id, value] : answers) evidence.set(kb.finding_index(id), value.is_bool() ? (value.as_bool() ? 1 : 0) : value.to_number<double>());
  return evidence;
}

std::string_view indicator_of(Disposition level) {
  return level >= Disposition::kEmergency ? "critical" : level == Disposition::kSameDay ? "warning" : "info";
}

// Every finding a warning-sign (red-flag) rule reads, answered yes on top of a mild strain, as a
// QuestionnaireResponse answer and, where the finding has a code of its own, as an Observation:
// the card is as urgent as the engine says for the same evidence, never below the level of a
// warning sign that fires, and never below the mild strain without it.
TEST(CdsSafety, AWarningSignInTheQuestionnaireOrAnObservationGivesTheUrgentCard) {
  const Engine& engine = api().engine();
  const KnowledgeBase& kb = engine.kb();
  const Disposition base = engine.assess(expected(kMildStrain)).disposition;
  std::map<std::string, int> code_users;  // "system|code" -> findings with that code
  for (const auto& finding : kb.findings) {
    for (const auto& code : finding.codes) ++code_users[std::string(fhir::system_uri(code.system)) + "|" + code.code];
  }
  size_t by_answer = 0, by_observation = 0;
  std::set<int> flags;
  for (const auto& rule : kb.rules) {
    if (!rule.red_flag) continue;
    for (int f : rule.findings) {
      const Finding& finding = kb.findings[static_cast<size_t>(f)];
      if (finding.type == FindingType::kBool && !finding.investigation()) flags.insert(f);
    }
  }
  for (int f : flags) {
    const Finding& finding = kb.findings[static_cast<size_t>(f)];
    json::object answers = kMildStrain;
    answers[finding.id] = true;
    Assessment assessment = engine.assess(expected(answers));
    if (assessment.red_flags().empty()) continue;  // this finding alone fires no warning sign here
    SCOPED_TRACE(finding.id);
    auto check = [&](const Response& response) {
      ASSERT_EQ(response.status, 200) << response.payload();
      ASSERT_TRUE(response.disposition.has_value());
      const Disposition level = *response.disposition;
      EXPECT_EQ(level, assessment.disposition);
      EXPECT_GE(level, base);
      for (const auto* flag : assessment.red_flags()) EXPECT_GE(level, flag->level) << flag->id;
      EXPECT_EQ(body_of(response).at("cards").at(0).at("indicator").as_string(), indicator_of(level));
    };
    check(patient_view(hook_call("patient-view", "p1", chart(answers))));
    ++by_answer;
    for (const auto& code : finding.codes) {
      std::string system(fhir::system_uri(code.system));
      if (code_users[system + "|" + code.code] != 1) continue;  // shared: read only through a value code or category
      json::object observation{{"resourceType", "Observation"}, {"id", "o-" + finding.id}, {"status", "final"},
                               {"code", {{"coding", json::array{{{"system", system}, {"code", code.code}}}}}},
                               {"subject", {{"reference", "Patient/p1"}}}};
      check(patient_view(hook_call("patient-view", "p1", chart(kMildStrain, json::array{observation}))));
      ++by_observation;
      break;
    }
  }
  EXPECT_GE(by_answer, 20u);
  EXPECT_GE(by_observation, 8u);
  std::printf("warning-sign findings checked: %zu as answers, %zu as Observations (of %zu read by warning-sign rules)\n", by_answer,
              by_observation, flags.size());
}

// For every yes/no finding of the Questionnaire, on a swollen calf and on a mild strain: the item
// sent without an answer ("I don't know") never gets a less urgent card than the more reassuring
// of its two answers.
TEST(CdsSafety, AnUnansweredItemIsNeverLessUrgentThanEitherAnswer) {
  const KnowledgeBase& kb = api().engine().kb();
  size_t checked = 0;
  for (const json::object* base : {&kSwollenCalf, &kMildStrain}) {
    for (const auto& finding : kb.findings) {
      if (finding.type != FindingType::kBool || finding.investigation() || finding.id == "sex") continue;
      Disposition levels[3] = {};
      for (int answer = 0; answer < 3; ++answer) {
        json::object answers = *base;
        answers.erase(finding.id);
        json::object data = chart(answers);
        json::array& items = data["questionnaireResponse"].at("entry").at(0).at("resource").as_object()["item"].as_array();
        if (answer == 2) {
          items.push_back(json::object{{"linkId", finding.id}});
        } else {
          items.push_back(json::object{{"linkId", finding.id}, {"answer", json::array{{{"valueBoolean", answer == 1}}}}});
        }
        Response response = patient_view(hook_call("patient-view", "p1", data));
        ASSERT_EQ(response.status, 200) << finding.id << " " << response.payload();
        ASSERT_TRUE(response.disposition.has_value());
        levels[answer] = *response.disposition;
      }
      EXPECT_GE(levels[2], std::min(levels[0], levels[1])) << finding.id;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
}

TEST(CdsOrderSelect, SaysWhatAResultOfTheOrderedTestWouldChange) {
  json::object call = hook_call("order-select", "p1", prefetch("p1", kSwollenCalf));
  json::object order{{"resourceType", "ServiceRequest"}, {"id", "o1"}, {"status", "draft"}, {"intent", "order"},
                     {"code", {{"coding", json::array{{{"system", "http://loinc.org"}, {"code", "48065-7"}}}}, {"text", "D-dimer"}}}};
  call["context"].as_object()["selections"] = json::array{"ServiceRequest/o1"};
  call["context"].as_object()["draftOrders"] = {{"resourceType", "Bundle"}, {"entry", json::array{{{"resource", order}}}}};
  Response response = api().handle(request("POST", "/cds-services/fossa-order-select", json::serialize(call)));
  ASSERT_EQ(response.status, 200) << response.payload();
  json::object body = body_of(response);
  const json::value& card = body.at("cards").at(0);
  EXPECT_TRUE(card.at("summary").as_string().starts_with("D-dimer: ")) << card.at("summary");
  EXPECT_NE(card.at("detail").as_string().find("if negative"), std::string::npos);
  call["context"].as_object()["selections"] = json::array{"ServiceRequest/o2"};
  expect_problem(api().handle(request("POST", "/cds-services/fossa-order-select", json::serialize(call))), 422, "invalid-value",
                 "context.selections[0]");
  call["context"].as_object().erase("draftOrders");
  expect_problem(api().handle(request("POST", "/cds-services/fossa-order-select", json::serialize(call))), 422, "missing-field",
                 "context.draftOrders");
}

// An order-select call for one test (a LOINC code) on a chart.
Response order_select(const json::object& answers, const std::string& loinc, const std::string& label) {
  json::object call = hook_call("order-select", "p1", prefetch("p1", answers));
  json::object order{{"resourceType", "ServiceRequest"}, {"id", "o1"}, {"status", "draft"}, {"intent", "order"},
                     {"code", {{"coding", json::array{{{"system", "http://loinc.org"}, {"code", loinc}}}}, {"text", label}}}};
  call["context"].as_object()["selections"] = json::array{"ServiceRequest/o1"};
  call["context"].as_object()["draftOrders"] = {{"resourceType", "Bundle"}, {"entry", json::array{{{"resource", order}}}}};
  return api().handle(request("POST", "/cds-services/fossa-order-select", json::serialize(call)));
}

// Each of the four tests the service is for, judged against the step that applies now in the
// pathways of knowledge/pathways.yaml.
TEST(CdsOrderSelect, JudgesTheOrderAgainstThePathwayStepThatAppliesNow) {
  const json::object kInjured{{"trauma", true}, {"duration_days", 1}, {"unable_to_bear_weight", true}};
  const json::object kInjuredOttawaNegative{{"trauma", true}, {"duration_days", 1}, {"unable_to_bear_weight", false},
                                            {"isolated_patellar_tenderness", false}, {"fibular_head_tenderness", false},
                                            {"unable_to_flex_90", false}};
  struct Order {
    const json::object& answers;
    const char* loinc;
    const char* label;
    const char* summary;  // how the summary starts
    const char* detail;   // a part of the detail
  };
  for (const Order& order : {
           // A swollen calf, Wells unlikely: NG158 says D-dimer first.
           Order{kSwollenCalf, "48065-7", "D-dimer", "D-dimer: the step now in NICE NG158",
                 "the step that applies now in NICE NG158 suspected deep vein thrombosis (d dimer)"},
           Order{kSwollenCalf, "39432-0", "Leg vein ultrasound", "Leg vein ultrasound: not the step now in NICE NG158",
                 "which says: D-dimer with the result within 4 hours"},
           // An injury the Ottawa knee rule says to X-ray, and one it says not to.
           Order{kInjured, "24806-2", "Knee radiograph", "Knee radiograph: the step now in Ottawa knee rule to a radiograph",
                 "(radiograph)"},
           Order{kInjuredOttawaNegative, "24806-2", "Knee radiograph", "Knee radiograph: not the step now in Ottawa knee rule",
                 "which says: Ottawa knee rule negative: radiographs are not needed"},
           // A mild calf strain: no pathway asks for an MRI.
           Order{kMildStrain, "24802-1", "Knee MRI", "Knee MRI: no pathway that applies now orders it", "Knee MRI**: no pathway"},
       }) {
    Response response = order_select(order.answers, order.loinc, order.label);
    ASSERT_EQ(response.status, 200) << response.payload();
    const json::value card = body_of(response).at("cards").at(0);
    std::string summary(card.at("summary").as_string());
    std::string detail(card.at("detail").as_string());
    EXPECT_TRUE(summary.starts_with(order.summary)) << summary;
    EXPECT_LT(summary.size(), 140u);
    EXPECT_NE(detail.find(order.detail), std::string::npos) << detail;
  }
}

TEST(CdsFeedback, IsCountedInMetrics) {
  Metrics metrics({"/x"}, {"fossa-patient-view"});
  const CdsService& service = cds_services()[0];
  std::string feedback = R"({"feedback": [{"card": "c1", "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}], "outcomeTimestamp": "2026-12-07T10:00:00Z"},
                                          {"card": "c1", "outcome": "overridden", "outcomeTimestamp": "2026-12-07T10:00:00Z"}]})";
  Response response = cds_feedback_route(ApiOptions{}, service, metrics, request("POST", std::string(service.feedback_path), feedback));
  EXPECT_EQ(response.status, 200);
  std::string text = metrics.prometheus_text("");
  EXPECT_NE(text.find(R"(fossa_cds_feedback_total{service="fossa-patient-view",outcome="accepted"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(fossa_cds_feedback_total{service="fossa-patient-view",outcome="overridden"} 1)"), std::string::npos);
  expect_problem(cds_feedback_route(ApiOptions{}, service, metrics, request("POST", "/f", R"({"feedback": [{"card": "c", "outcome": "ignored", "outcomeTimestamp": "t"}]})")),
                 422, "invalid-value", "feedback[0].outcome");
  expect_problem(cds_feedback_route(ApiOptions{}, service, metrics, request("POST", "/f", R"({"feedback": []})")), 422, "missing-field");
  // Through the Api, the route answers 200 with no body.
  EXPECT_EQ(api().handle(request("POST", "/cds-services/fossa-order-select/feedback", feedback)).status, 200);
}

// ---- bearer JWTs -----------------------------------------------------------------------------

std::string base64url(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;

std::string big_number(const EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, name, &number), 1);
  std::string bytes(static_cast<size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return bytes;
}

// The public JWK of `key` (EC P-384 or RSA).
json::object jwk(const EVP_PKEY* key, const std::string& kid) {
  if (EVP_PKEY_is_a(key, "RSA")) {
    return {{"kty", "RSA"}, {"kid", kid}, {"n", base64url(big_number(key, OSSL_PKEY_PARAM_RSA_N))},
            {"e", base64url(big_number(key, OSSL_PKEY_PARAM_RSA_E))}};
  }
  unsigned char point[97];
  size_t size = 0;
  EXPECT_EQ(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &size), 1);
  EXPECT_EQ(size, 97u);
  std::string bytes(reinterpret_cast<char*>(point) + 1, 96);
  return {{"kty", "EC"}, {"crv", "P-384"}, {"kid", kid}, {"x", base64url(bytes.substr(0, 48))}, {"y", base64url(bytes.substr(48))}};
}

std::string signature(EVP_PKEY* key, std::string_view data) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  size_t size = 0;
  EVP_DigestSignInit(context, nullptr, EVP_sha384(), nullptr, key);
  EVP_DigestSign(context, nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string out(size, '\0');
  EVP_DigestSign(context, reinterpret_cast<unsigned char*>(out.data()), &size, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  EVP_MD_CTX_free(context);
  out.resize(size);
  if (!EVP_PKEY_is_a(key, "EC")) return out;
  // JWS ES384 is r || s, 48 bytes each; OpenSSL signs in DER.
  const unsigned char* der = reinterpret_cast<const unsigned char*>(out.data());
  ECDSA_SIG* parsed = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(out.size()));
  std::string raw(96, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(parsed), reinterpret_cast<unsigned char*>(raw.data()), 48);
  BN_bn2binpad(ECDSA_SIG_get0_s(parsed), reinterpret_cast<unsigned char*>(raw.data()) + 48, 48);
  ECDSA_SIG_free(parsed);
  return raw;
}

int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class Jwt : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ec_ = Key(EVP_EC_gen("P-384"));
    rsa_ = Key(EVP_RSA_gen(2048));
    json::object file{{"issuers", json::array{{{"iss", "https://ehr.test"}, {"keys", json::array{jwk(ec_.get(), "ec"), jwk(rsa_.get(), "rsa")}}}}}};
    auto trust = CdsTrust::parse(json::serialize(file));
    ASSERT_TRUE(trust.ok()) << trust.error().to_string();
    trust_ = *trust;
  }
  static void TearDownTestSuite() {
    ec_.reset();
    rsa_.reset();
    trust_.reset();
  }

  // A signed token; `claims` and `header` are merged over the defaults.
  static std::string token(std::string_view aud, json::object claims = {}, json::object header = {}, bool rsa = false) {
    static int serial = 0;
    json::object head{{"alg", rsa ? "RS384" : "ES384"}, {"typ", "JWT"}, {"kid", rsa ? "rsa" : "ec"}};
    json::object body{{"iss", "https://ehr.test"}, {"aud", aud}, {"exp", now() + 300}, {"iat", now()}, {"jti", "jti-" + std::to_string(++serial)}};
    for (const auto& [k, v] : header) head[k] = v;
    for (const auto& [k, v] : claims) body[k] = v;
    std::string signed_part = base64url(json::serialize(head)) + "." + base64url(json::serialize(body));
    return "Bearer " + signed_part + "." + base64url(signature(rsa ? rsa_.get() : ec_.get(), signed_part));
  }

  static Key ec_;
  static Key rsa_;
  static std::shared_ptr<const CdsTrust> trust_;
};
Key Jwt::ec_;
Key Jwt::rsa_;
std::shared_ptr<const CdsTrust> Jwt::trust_;

constexpr std::string_view kAud = "https://cds.test/cds-services/fossa-patient-view";

TEST_F(Jwt, ES384AndRS384TokensAreAccepted) {
  EXPECT_TRUE(trust_->verify(token(kAud), kAud, now()).ok());
  EXPECT_TRUE(trust_->verify(token(kAud, {}, {}, true), kAud, now()).ok());
  EXPECT_TRUE(trust_->verify(token(kAud, {{"aud", json::array{"https://x", kAud}}}), kAud, now()).ok());
  EXPECT_EQ(trust_->key_count(), 2u);
}

TEST_F(Jwt, EveryBadTokenIsRefusedWithItsReason) {
  struct Bad {
    std::string authorization;
    std::string why;
  };
  // A signed token whose payload was replaced (a later exp) after signing.
  std::string good = token(kAud);
  size_t first = good.find('.');
  size_t second = good.find('.', first + 1);
  json::object claims{{"iss", "https://ehr.test"}, {"aud", kAud}, {"exp", now() + 86400}, {"jti", "forged"}};
  std::string tampered = good.substr(0, first + 1) + base64url(json::serialize(claims)) + good.substr(second);
  std::vector<Bad> bad = {
      {"", "no Authorization header"},
      {"Basic abc", "not `Bearer <JWT>`"},
      {"Bearer abc.def", "not a JWT"},
      {token("https://cds.test/cds-services/other"), "`aud` must be the URL called"},
      {token(kAud, {{"exp", now() - 3600}}), "expired"},
      {token(kAud, {{"iat", now() + 3600}}), "`iat` is in the future"},
      {token(kAud, {{"iss", "https://other.test"}}), "no trusted key of issuer `https://other.test`"},
      {token(kAud, {}, {{"kid", "nope"}}), "has kid `nope`"},
      {token(kAud, {}, {{"alg", "none"}}), "alg `none` is not accepted"},
      {token(kAud, {}, {{"alg", "HS384"}}), "alg `HS384` is not accepted"},
      {token(kAud, {}, {{"kid", "rsa"}}), "no trusted key"},  // ES384 with the RSA key's kid
      {token(kAud, {{"jti", ""}}), "no `jti`"},
      {tampered, "does not verify"},
  };
  for (const auto& [authorization, why] : bad) {
    auto verified = trust_->verify(authorization, kAud, now());
    ASSERT_FALSE(verified.ok()) << why;
    EXPECT_NE(verified.error().message.find(why), std::string::npos) << verified.error().message;
  }
}

TEST_F(Jwt, AReusedJtiIsRefused) {
  std::string once = token(kAud);
  EXPECT_TRUE(trust_->verify(once, kAud, now()).ok());
  auto again = trust_->verify(once, kAud, now());
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("jti"), std::string::npos);
}

TEST_F(Jwt, TheApiAnswers401WithoutAValidToken) {
  ApiOptions options;
  options.cds_trust = trust_;
  Api guarded(builtin_knowledge_base(), options);
  std::string aud = "http://ehr-cds.test:8080/cds-services";
  Response refused = guarded.handle(request("GET", "/cds-services"));
  expect_problem(refused, 401, "unauthorized");
  bool challenged = false;
  for (const auto& header : refused.headers) challenged |= header.name == "WWW-Authenticate";
  EXPECT_TRUE(challenged);
  EXPECT_EQ(guarded.handle(request("GET", "/cds-services", "", {{"authorization", token(aud)}})).status, 200);
  std::string call = json::serialize(hook_call("patient-view", "p1", prefetch("p1", kSwollenCalf)));
  std::string service = "http://ehr-cds.test:8080/cds-services/fossa-patient-view";
  EXPECT_EQ(guarded.handle(request("POST", "/cds-services/fossa-patient-view", call, {{"authorization", token(aud)}})).status, 401);
  EXPECT_EQ(guarded.handle(request("POST", "/cds-services/fossa-patient-view", call, {{"authorization", token(service)}})).status, 200);
  // The FHIR routes and the rest of the API do not need a token.
  EXPECT_EQ(guarded.handle(request("GET", "/fhir/Questionnaire/fossa-interview")).status, 200);
}

TEST(CdsTrustFile, BadFilesSayWhatIsWrong) {
  auto message = [](const std::string& text) {
    auto trust = CdsTrust::parse(text);
    return trust.ok() ? std::string("ok") : trust.error().to_string();
  };
  EXPECT_NE(message("{").find("not JSON"), std::string::npos);
  EXPECT_NE(message("{}").find("needs `issuers`"), std::string::npos);
  EXPECT_NE(message(R"({"issuers": [{"iss": "a", "keys": []}]})").find("needs `keys`"), std::string::npos);
  EXPECT_NE(message(R"({"issuers": [{"iss": "a", "keys": [{"kty": "oct", "kid": "k", "k": "c2VjcmV0"}]}]})").find("must be RSA"), std::string::npos);
  EXPECT_NE(message(R"({"issuers": [{"iss": "a", "keys": [{"kty": "RSA", "kid": "k", "n": "AQAB", "e": "AQAB"}]}]})").find("2048 bits"),
            std::string::npos);
  EXPECT_NE(message(R"({"issuers": [{"iss": "a", "keys": [{"kty": "EC", "crv": "P-256", "kid": "k", "x": "", "y": ""}]}]})").find("P-384"),
            std::string::npos);
  EXPECT_FALSE(CdsTrust::load("/nonexistent/trust.json").ok());
}

}  // namespace
}  // namespace fossa::server
