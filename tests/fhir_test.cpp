// FHIR R4 in and out (fossa/fhir.h): the codes of the knowledge base, the Questionnaire, every
// resource read into evidence and every kind of bad input naming its FHIR path, and the assessment
// Bundle. The R4 JSON schema itself is checked by tests/fhir/ (Node, ajv).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <fstream>
#include <regex>
#include <set>

#include "scratch.h"
#include "fossa/engine.h"
#include "fossa/fhir.h"
#include "fossa/json_writer.h"

namespace fossa::fhir {
namespace {

namespace json = boost::json;

const Engine& engine() {
  static const Engine instance(builtin_knowledge_base());
  return instance;
}
const KnowledgeBase& kb() { return engine().kb(); }
int finding(std::string_view id) { return kb().finding_index(id); }

ReadOptions on_day(int year = 2026, int month = 12, int day = 7) {
  ReadOptions options;
  options.today = Date{year, month, day};
  return options;
}

Result<FhirEvidence> read(const std::string& text, ReadOptions options = on_day()) { return read_evidence(text, kb(), options); }

FhirEvidence read_ok(const std::string& text, ReadOptions options = on_day()) {
  auto read = read_evidence(text, kb(), options);
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().to_string());
  return read.ok() ? *read : FhirEvidence{Evidence(kb()), {}, {}, 0};
}

// The error of reading `text`: its code and FHIR path.
void expect_error(const std::string& text, ErrorCode code, const std::string& where, const std::string& words = {}) {
  auto read = read_evidence(text, kb(), on_day());
  ASSERT_FALSE(read.ok()) << text;
  EXPECT_EQ(read.error().code, code) << read.error().to_string();
  EXPECT_EQ(read.error().where, where) << read.error().to_string();
  if (!words.empty()) {
    EXPECT_NE(read.error().message.find(words), std::string::npos) << read.error().message;
  }
}

std::string response_with(const std::string& items) {
  return R"({"resourceType": "QuestionnaireResponse", "questionnaire": "urn:fossa:fhir:Questionnaire:fossa-interview",
             "status": "completed", "item": )" + items + "}";
}

std::string observation(const std::string& code, const std::string& rest = {}) {
  return R"({"resourceType": "Observation", "status": "final", "code": {"coding": [)" + code + "]}" +
         (rest.empty() ? "" : ", " + rest) + "}";
}
const std::string kSnomed = R"("system": "http://snomed.info/sct", "code": )";
const std::string kLoinc = R"("system": "http://loinc.org", "code": )";

// ---- the codes of the knowledge base --------------------------------------------------------

TEST(Codes, EveryCodeHasItsDisplayAndTheSourceItWasCheckedIn) {
  int coded = 0;
  for (const auto& f : kb().findings) {
    for (const auto& code : f.codes) {
      EXPECT_FALSE(system_uri(code.system).empty()) << f.id;
      EXPECT_FALSE(code.display.empty() || code.checked.empty()) << f.id << " " << code.code;
    }
    coded += f.codes.empty() ? 0 : 1;
  }
  EXPECT_GT(coded, 50);  // docs/codes/verification.yaml: verified codes for most findings
  // Spot checks against the sources cited in knowledge/findings.yaml.
  auto first = [](std::string_view id) { return kb().findings[static_cast<size_t>(finding(id))].codes.at(0); };
  EXPECT_EQ(first("breathlessness").code, "267036007");
  EXPECT_EQ(first("d_dimer_positive").system, "loinc");
  EXPECT_EQ(first("d_dimer_positive").code, "48065-7");
  EXPECT_TRUE(kb().findings[static_cast<size_t>(finding("sudden_severe_pain"))].codes.empty());  // none verified
  const Condition& dvt = kb().conditions[static_cast<size_t>(kb().condition_index("dvt"))];
  EXPECT_EQ(dvt.codes.at(0).code, "404223003");
}

class BrokenCodes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::scratch_dir("fossa-codes");
    std::filesystem::remove_all(dir_);
    std::filesystem::copy(std::string(FOSSA_SOURCE_DIR) + "/knowledge", dir_, std::filesystem::copy_options::recursive);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string problems_after(const std::string& file, const std::string& from, const std::string& to) {
    std::filesystem::path path = dir_ / file;
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at == std::string::npos) return {};
    text.replace(at, from.size(), to);
    std::ofstream(path) << text;
    auto loaded = load_knowledge_base(dir_.string());
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? std::string() : loaded.error().message;
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenCodes, ACodeOfTheWrongShapeIsNamedWithItsLine) {
  std::string message = problems_after("findings.yaml", R"(code: "267036007")", R"(code: "26703600X")");
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(findings\.yaml:\d+: `26703600X` is not a snomed code)"))) << message;
}

TEST_F(BrokenCodes, AnUnknownSystemIsRefused) {
  std::string message = problems_after("conditions/dvt.yaml", "  icd10cm:\n", "  icd11:\n");
  EXPECT_NE(message.find("unknown code system `icd11`"), std::string::npos) << message;
}

TEST_F(BrokenCodes, ACodeWithoutTheSourceItWasCheckedInIsRefused) {
  std::string message = problems_after("findings.yaml", R"(display: "Dyspnea",
         checked:)", R"(display: "Dyspnea",
         checkd:)");
  EXPECT_NE(message.find("missing `checked`"), std::string::npos) << message;
}

// ---- the Questionnaire ----------------------------------------------------------------------

TEST(Questionnaire, AsksEveryFindingButTestResultsOnceWithTheFindingIdAsLinkId) {
  json::object q = questionnaire(kb());
  EXPECT_EQ(q.at("resourceType"), "Questionnaire");
  EXPECT_EQ(q.at("url").as_string(), kQuestionnaireUrl);
  EXPECT_EQ(q.at("version").as_string(), kb().version);
  std::multiset<std::string> leaves;
  std::set<std::string> link_ids;
  std::function<void(const json::array&)> walk = [&](const json::array& items) {
    for (const auto& item : items) {
      std::string link(item.at("linkId").as_string());
      EXPECT_TRUE(link_ids.insert(link).second) << "linkId twice: " << link;
      if (item.at("type") == "group") {
        walk(item.at("item").as_array());
      } else {
        leaves.insert(link);
      }
    }
  };
  walk(q.at("item").as_array());
  std::multiset<std::string> expected;
  for (const auto& f : kb().findings) {
    if (!f.investigation()) expected.insert(f.id);
  }
  EXPECT_EQ(leaves, expected);
  // Warning signs first, as the interview screens them.
  EXPECT_EQ(q.at("item").at(0).at("linkId"), "emergency_signs");
}

TEST(Questionnaire, ItemTypesOptionsCodesAndConditionsFollowTheKnowledgeBase) {
  json::object q = questionnaire(kb());
  std::map<std::string, json::object> items;
  std::function<void(const json::array&)> walk = [&](const json::array& list) {
    for (const auto& item : list) {
      items[std::string(item.at("linkId").as_string())] = item.as_object();
      if (item.as_object().contains("item")) walk(item.at("item").as_array());
    }
  };
  walk(q.at("item").as_array());
  EXPECT_EQ(items["age"].at("type"), "integer");
  EXPECT_EQ(items["calf_swelling"].at("type"), "boolean");
  EXPECT_EQ(items["sex"].at("type"), "choice");
  EXPECT_EQ(items["sex"].at("answerOption").at(0).at("valueCoding").at("code"), "female");
  EXPECT_EQ(items["breathlessness"].at("code").at(0).at("code"), "267036007");
  // knowledge/interview.yaml asks injury_severity, injury_mechanism and ottawa_signs only after an injury.
  for (const char* group : {"injury_severity", "injury_mechanism", "ottawa_signs"}) {
    EXPECT_EQ(json::serialize(items[group].at("enableWhen")), R"([{"question":"trauma","operator":"=","answerBoolean":true}])") << group;
  }
  EXPECT_FALSE(items["pain_location"].contains("enableWhen"));
}

// ---- QuestionnaireResponse in ----------------------------------------------------------------

TEST(QuestionnaireResponseIn, EveryAnswerTypeGroupedOrFlat) {
  FhirEvidence read = read_ok(response_with(R"([
      {"linkId": "age", "answer": [{"valueInteger": 58}]},
      {"linkId": "duration_days", "answer": [{"valueDecimal": 2.5}]},
      {"linkId": "sex", "answer": [{"valueCoding": {"system": "urn:fossa:answer:sex", "code": "female"}}]},
      {"linkId": "leg_changes", "item": [{"linkId": "calf_swelling", "answer": [{"valueBoolean": true}]},
                                         {"linkId": "warmth", "answer": [{"valueBoolean": false}]}]},
      {"linkId": "fever"}])"));
  const Evidence& e = read.evidence;
  EXPECT_EQ(e.answers[static_cast<size_t>(finding("age"))].value, 58);
  EXPECT_EQ(e.answers[static_cast<size_t>(finding("duration_days"))].value, 2.5);
  EXPECT_EQ(e.answers[static_cast<size_t>(finding("sex"))].value, 0);  // female
  EXPECT_TRUE(e.present(finding("calf_swelling")));
  EXPECT_TRUE(e.absent(finding("warmth")));
  EXPECT_FALSE(e.known(finding("fever")));
  EXPECT_TRUE(e.asked(finding("fever")));  // answered "I don't know"
  EXPECT_FALSE(e.asked(finding("chest_pain")));
  EXPECT_EQ(read.resources_read, 1);
}

TEST(QuestionnaireResponseIn, BadAnswersNameTheirPath) {
  expect_error(response_with(R"([{"linkId": "calf_swelling", "answer": [{"valueString": "yes"}]}])"), ErrorCode::kWrongType,
               "QuestionnaireResponse.item[0].answer[0].valueString", "answer with valueBoolean");
  expect_error(response_with(R"([{"linkId": "calf_swelling", "answer": [{"valueBoolean": "yes"}]}])"), ErrorCode::kWrongType,
               "QuestionnaireResponse.item[0].answer[0].valueBoolean");
  expect_error(response_with(R"([{"linkId": "age", "answer": [{"valueInteger": 58.5}]}])"), ErrorCode::kWrongType,
               "QuestionnaireResponse.item[0].answer[0].valueInteger");
  expect_error(response_with(R"([{"linkId": "age", "answer": [{"valueInteger": 130}]}])"), ErrorCode::kOutOfRange,
               "QuestionnaireResponse.item[0].answer[0].valueInteger");
  expect_error(response_with(R"([{"linkId": "sex", "answer": [{"valueCoding": {"code": "F"}}]}])"), ErrorCode::kInvalidValue,
               "QuestionnaireResponse.item[0].answer[0].valueCoding.code", "use female, male");
  expect_error(response_with(R"([{"linkId": "sex", "answer": [{"valueCoding": {"system": "http://hl7.org/fhir/administrative-gender", "code": "female"}}]}])"),
               ErrorCode::kInvalidValue, "QuestionnaireResponse.item[0].answer[0].valueCoding.system");
  expect_error(response_with(R"([{"linkId": "calf_sweling", "answer": [{"valueBoolean": true}]}])"), ErrorCode::kUnknownField,
               "QuestionnaireResponse.item[0].linkId", "did you mean calf_swelling");
  expect_error(response_with(R"([{"linkId": "leg_changes", "item": [{"linkId": "x"}]}])"), ErrorCode::kUnknownField,
               "QuestionnaireResponse.item[0].item[0].linkId");
  expect_error(response_with(R"([{"linkId": "d_dimer_positive", "answer": [{"valueBoolean": true}]}])"), ErrorCode::kUnknownField,
               "QuestionnaireResponse.item[0].linkId", "send it as an Observation");
  expect_error(response_with(R"([{"linkId": "fever", "answer": [{"valueBoolean": true}, {"valueBoolean": false}]}])"),
               ErrorCode::kInvalidValue, "QuestionnaireResponse.item[0].answer");
  expect_error(response_with(R"([{"answer": [{"valueBoolean": true}]}])"), ErrorCode::kMissingField, "QuestionnaireResponse.item[0].linkId");
  expect_error(response_with(R"({"linkId": "fever"})"), ErrorCode::kWrongType, "QuestionnaireResponse.item");
}

TEST(QuestionnaireResponseIn, OnlyToFossasQuestionnaire) {
  expect_error(R"({"resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/Questionnaire/phq-9", "status": "completed"})",
               ErrorCode::kInvalidValue, "QuestionnaireResponse.questionnaire", "not Fossa's interview");
  expect_error(R"({"resourceType": "QuestionnaireResponse", "status": "completed"})", ErrorCode::kMissingField,
               "QuestionnaireResponse.questionnaire");
  expect_error(R"({"resourceType": "QuestionnaireResponse", "questionnaire": "urn:fossa:fhir:Questionnaire:fossa-interview", "status": "done"})",
               ErrorCode::kInvalidValue, "QuestionnaireResponse.status");
  for (const char* canonical : {"urn:fossa:fhir:Questionnaire:fossa-interview|2026.11.0", "Questionnaire/fossa-interview",
                                "https://fossa.example.org/fhir/Questionnaire/fossa-interview"}) {
    std::string text = R"({"resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": ")" +
                       std::string(canonical) + R"(", "item": [{"linkId": "fever", "answer": [{"valueBoolean": true}]}]})";
    EXPECT_TRUE(read_ok(text).evidence.present(finding("fever"))) << canonical;
  }
}

// ---- Patient, Observation, Condition in -------------------------------------------------------

TEST(PatientIn, BirthDateAndGenderGiveAgeAndSex) {
  FhirEvidence read = read_ok(R"({"resourceType": "Patient", "id": "p1", "birthDate": "1968-12-08", "gender": "male"})");
  EXPECT_EQ(read.patient, "Patient/p1");
  EXPECT_EQ(read.evidence.answers[static_cast<size_t>(finding("age"))].value, 57);  // the day before the 58th birthday
  EXPECT_EQ(read.evidence.answers[static_cast<size_t>(finding("sex"))].value, 1);  // male
  EXPECT_EQ(read.resources_read, 0);  // demographics alone are not evidence about the knee
  EXPECT_EQ(read_ok(R"({"resourceType": "Patient", "birthDate": "1968-12-07"})").evidence.answers[static_cast<size_t>(finding("age"))].value, 58);
  EXPECT_EQ(read_ok(R"({"resourceType": "Patient", "birthDate": "1968"})").evidence.answers[static_cast<size_t>(finding("age"))].value, 58);
  EXPECT_FALSE(read_ok(R"({"resourceType": "Patient", "gender": "unknown"})").evidence.known(finding("sex")));
  expect_error(R"({"resourceType": "Patient", "birthDate": "12/08/1968"})", ErrorCode::kInvalidValue, "Patient.birthDate");
  expect_error(R"({"resourceType": "Patient", "birthDate": "2027-01-01"})", ErrorCode::kOutOfRange, "Patient.birthDate");
  expect_error(R"({"resourceType": "Patient", "gender": "F"})", ErrorCode::kInvalidValue, "Patient.gender");
  expect_error(R"({"resourceType": "Patient", "gender": 1})", ErrorCode::kWrongType, "Patient.gender");
}

TEST(ObservationIn, FindingsByTheirCodes) {
  EXPECT_TRUE(read_ok(observation("{" + kSnomed + R"("267036007"})")).evidence.present(finding("breathlessness")));
  EXPECT_TRUE(read_ok(observation("{" + kSnomed + R"("267036007"})", R"("valueBoolean": false)")).evidence.absent(finding("breathlessness")));
  FhirEvidence unknown = read_ok(observation("{" + kSnomed + R"("267036007"})", R"("dataAbsentReason": {"text": "asked"})"));
  EXPECT_TRUE(unknown.evidence.asked(finding("breathlessness")) && !unknown.evidence.known(finding("breathlessness")));
  auto interpreted = [](const std::string& code) {
    return read_ok(observation("{" + kLoinc + R"("48065-7"})", R"("id": "dd", "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": ")" + code + R"("}]}], "valueQuantity": {"value": 870, "unit": "ng/mL"})"));
  };
  EXPECT_TRUE(interpreted("H").evidence.present(finding("d_dimer_positive")));
  EXPECT_TRUE(interpreted("N").evidence.absent(finding("d_dimer_positive")));
  EXPECT_EQ(interpreted("POS").basis, std::vector<std::string>{"Observation/dd"});
  // Not final yet, or withdrawn: not evidence.
  EXPECT_FALSE(read_ok(R"({"resourceType": "Observation", "status": "registered", "code": {"coding": [{)" + kLoinc + R"("48065-7"}]}})").evidence.asked(finding("d_dimer_positive")));
}

TEST(ObservationIn, ATestSharedBySeveralFindingsIsReadThroughItsValueCode) {
  // A knee MRI (LOINC 24802-1) reports several findings: the conclusion code says which.
  FhirEvidence tear = read_ok(observation("{" + kLoinc + R"("24802-1"})", R"("valueCodeableConcept": {"coding": [{)" + kSnomed + R"("239720000"}]})"));
  EXPECT_TRUE(tear.evidence.present(finding("mri_meniscal_tear")));
  EXPECT_FALSE(tear.evidence.known(finding("mri_pcl_tear")));
  // A normal study rules out all it can show.
  FhirEvidence normal = read_ok(observation("{" + kLoinc + R"("24881-5"})", R"("interpretation": [{"coding": [{"code": "N"}]}])"));
  EXPECT_TRUE(normal.evidence.absent(finding("ultrasound_popliteal_cyst")));
  EXPECT_TRUE(normal.evidence.absent(finding("ultrasound_cyst_rupture")));
  // "Unstable knee" is both giving way (history) and posterolateral laxity (examination): the category decides...
  FhirEvidence exam = read_ok(observation("{" + kSnomed + R"("250102002"})", R"("category": [{"coding": [{"code": "exam"}]}])"));
  EXPECT_TRUE(exam.evidence.present(finding("posterolateral_laxity")));
  EXPECT_FALSE(exam.evidence.known(finding("giving_way")));
  // ...and without one the code is not evidence for either.
  FhirEvidence neither = read_ok(observation("{" + kSnomed + R"("250102002"})"));
  EXPECT_FALSE(neither.evidence.known(finding("posterolateral_laxity")) || neither.evidence.known(finding("giving_way")));
}

TEST(ObservationIn, BadObservationsNameTheirPath) {
  expect_error(observation("{" + kSnomed + R"("22298006"})"), ErrorCode::kUnknownField, "Observation.code", "no finding of Fossa has the code");
  expect_error(R"({"resourceType": "Observation", "status": "final"})", ErrorCode::kMissingField, "Observation.code");
  expect_error(R"({"resourceType": "Observation", "code": {"coding": [{)" + kSnomed + R"("267036007"}]}})", ErrorCode::kMissingField, "Observation.status");
  expect_error(R"({"resourceType": "Observation", "status": "done", "code": {"coding": [{)" + kSnomed + R"("267036007"}]}})", ErrorCode::kInvalidValue, "Observation.status");
  expect_error(observation("{" + kLoinc + R"("48065-7"})", R"("valueQuantity": {"value": 870})"), ErrorCode::kWrongType,
               "Observation.valueQuantity", "cut-off");
  expect_error(observation("{" + kLoinc + R"("48065-7"})", R"("interpretation": [{"coding": [{"code": "L"}]}])"), ErrorCode::kInvalidValue,
               "Observation.interpretation[0]");
  expect_error(observation("{" + kSnomed + R"("267036007"})", R"("valueBoolean": 1)"), ErrorCode::kWrongType, "Observation.valueBoolean");
  expect_error(R"({"resourceType": "Observation", "status": "final", "code": "267036007"})", ErrorCode::kWrongType, "Observation.code");
}

TEST(ConditionIn, ClinicalAndVerificationStatus) {
  auto condition = [](const std::string& extra) {
    return R"({"resourceType": "Condition", "id": "c", "code": {"coding": [{)" + kSnomed + R"("161508001"}]})" + extra + "}";
  };
  EXPECT_TRUE(read_ok(condition("")).evidence.present(finding("previous_dvt")));
  EXPECT_TRUE(read_ok(condition(R"(, "verificationStatus": {"coding": [{"code": "refuted"}]})")).evidence.absent(finding("previous_dvt")));
  EXPECT_FALSE(read_ok(condition(R"(, "clinicalStatus": {"coding": [{"code": "resolved"}]})")).evidence.known(finding("previous_dvt")));
  EXPECT_FALSE(read_ok(condition(R"(, "verificationStatus": {"coding": [{"code": "provisional"}]})")).evidence.known(finding("previous_dvt")));
  expect_error(condition(R"(, "clinicalStatus": {"coding": [{"code": "gone"}]})"), ErrorCode::kInvalidValue, "Condition.clinicalStatus");
}

TEST(BundleIn, EntriesAreReadInOrderAndAYesWinsOverANo) {
  std::string bundle = R"({"resourceType": "Bundle", "type": "collection", "entry": [
      {"resource": )" + observation("{" + kSnomed + R"("386661006"})", R"("id": "o1")") + R"(},
      {"resource": )" + response_with(R"([{"linkId": "fever", "answer": [{"valueBoolean": false}]}])") + R"(},
      {"resource": {"resourceType": "OperationOutcome"}},
      {"fullUrl": "urn:uuid:x"}]})";
  FhirEvidence read = read_ok(bundle);
  EXPECT_TRUE(read.evidence.present(finding("fever")));
  EXPECT_EQ(read.resources_read, 2);
  expect_error(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "MedicationRequest"}}]})", ErrorCode::kInvalidValue,
               "Bundle.entry[0].resource.resourceType", "Fossa does not read a MedicationRequest");
  expect_error(R"({"resourceType": "Bundle", "entry": {}})", ErrorCode::kWrongType, "Bundle.entry");
  expect_error(R"([1, 2])", ErrorCode::kWrongType, "resource");
  expect_error(R"({"id": "x"})", ErrorCode::kMissingField, "resource.resourceType");
  expect_error(R"({"resourceType": )", ErrorCode::kMalformedJson, "");
}

TEST(ReaderIn, AnotherPatientsDataIsRefused) {
  ReadOptions options = on_day();
  options.patient_id = "p1";
  EXPECT_FALSE(read(R"({"resourceType": "Patient", "id": "p2"})", options).ok());
  auto other = read(observation("{" + kSnomed + R"("386661006"})", R"("subject": {"reference": "Patient/p2"})"), options);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().where, "Observation.subject.reference");
  EXPECT_TRUE(read(observation("{" + kSnomed + R"("386661006"})", R"("subject": {"reference": "https://ehr.example.org/fhir/Patient/p1"})"), options).ok());
}

// ---- out: the Bundle --------------------------------------------------------------------------

TEST(AssessmentBundle, HoldsTheRiskAssessmentScoresAndWorkUpAndIsDeterministic) {
  FhirEvidence read = read_ok(R"({"resourceType": "Bundle", "entry": [
      {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1968-01-01", "gender": "female"}},
      {"resource": )" + response_with(R"([{"linkId": "calf_swelling", "answer": [{"valueBoolean": true}]},
                                          {"linkId": "long_travel", "answer": [{"valueBoolean": true}]}])") + "}]}");
  Assessment assessment = engine().assess(read.evidence);
  json::object bundle = assessment_bundle(assessment, kb(), read, {"seed-1"});
  EXPECT_EQ(to_json(bundle), to_json(assessment_bundle(assessment, kb(), read, {"seed-1"})));
  EXPECT_NE(to_json(bundle), to_json(assessment_bundle(assessment, kb(), read, {"seed-2"})));
  EXPECT_EQ(bundle.at("type"), "collection");
  std::map<std::string, std::vector<json::object>> by_type;
  for (const auto& entry : bundle.at("entry").as_array()) {
    EXPECT_TRUE(entry.at("fullUrl").as_string().starts_with("urn:uuid:"));
    by_type[std::string(entry.at("resource").at("resourceType").as_string())].push_back(entry.at("resource").as_object());
  }
  EXPECT_EQ(by_type.count("Patient"), 0u);  // the record's own Patient is referred to
  ASSERT_EQ(by_type["RiskAssessment"].size(), 1u);
  const json::object& risk = by_type["RiskAssessment"][0];
  EXPECT_EQ(risk.at("subject").at("reference"), "Patient/p1");
  ASSERT_EQ(risk.at("prediction").as_array().size(), kb().conditions.size());
  const json::value& top = risk.at("prediction").at(0);
  EXPECT_EQ(top.at("outcome").at("coding").at(0).at("code").as_string(),
            kb().conditions[static_cast<size_t>(assessment.differential[0].condition)].id);
  EXPECT_NEAR(top.at("probabilityDecimal").to_number<double>(), assessment.differential[0].probability * 100, 0.006);
  const json::object& wells = by_type["Observation"].at(0);
  EXPECT_EQ(wells.at("code").at("coding").at(0).at("code"), "wells_dvt");
  EXPECT_EQ(wells.at("valueInteger").to_number<double>(), assessment.scores[0].points[0]);
  EXPECT_EQ(by_type["ServiceRequest"].size(), proposed_orders(assessment, kb()).size());
  ASSERT_EQ(risk.at("note").as_array().size(), workup_steps(assessment).size());
  EXPECT_EQ(risk.at("note").at(0).at("text").as_string(), workup_steps(assessment).at(0));
  for (const auto& request : by_type["ServiceRequest"]) {
    EXPECT_EQ(request.at("intent"), "proposal");
    EXPECT_EQ(request.at("status"), "draft");
    EXPECT_EQ(request.at("priority"), "urgent");  // same day
  }
  // The evidence read back from the Bundle's QuestionnaireResponse is the evidence written.
  FhirEvidence again = read_ok(json::serialize(by_type["QuestionnaireResponse"].at(0)));
  for (size_t f = 0; f < kb().findings.size(); ++f) {
    if (kb().findings[f].investigation()) continue;
    EXPECT_EQ(again.evidence.answers[f].known, read.evidence.answers[f].known) << kb().findings[f].id;
    EXPECT_EQ(again.evidence.answers[f].value, read.evidence.answers[f].value) << kb().findings[f].id;
  }
}

TEST(AssessmentBundle, WithoutAPatientItAddsOne) {
  FhirEvidence read = read_ok(response_with(R"([{"linkId": "sex", "answer": [{"valueCoding": {"code": "male"}}]}])"));
  json::object bundle = assessment_bundle(engine().assess(read.evidence), kb(), read, {"x"});
  const json::value& patient = bundle.at("entry").at(0);
  EXPECT_EQ(patient.at("resource").at("resourceType"), "Patient");
  EXPECT_EQ(patient.at("resource").at("gender"), "male");
  EXPECT_EQ(bundle.at("entry").at(2).at("resource").at("subject").at("reference"), patient.at("fullUrl"));
}

TEST(Ids, AreVersion8UuidsDerivedFromTheSeed) {
  std::string id = uuid_from("hook-1");
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))) << id;
  EXPECT_EQ(id, uuid_from("hook-1"));
  EXPECT_NE(id, uuid_from("hook-2"));
}

TEST(Orders, TheTestsAnOrderAsksForComeFromTheirLoincCodes) {
  auto tests = [](const std::string& code) { return ordered_findings(json::parse(R"({"coding": [{)" + code + "}]}"), kb()); };
  EXPECT_EQ(tests(kLoinc + R"("48065-7")"), std::vector<int>{finding("d_dimer_positive")});
  std::vector<int> mri = tests(kLoinc + R"("24802-1")");
  EXPECT_NE(std::find(mri.begin(), mri.end(), finding("mri_meniscal_tear")), mri.end());
  EXPECT_TRUE(tests(kLoinc + R"("2345-7")").empty());
  EXPECT_TRUE(tests(kSnomed + R"("267036007")").empty());  // a finding, not a test
}

}  // namespace
}  // namespace fossa::fhir
