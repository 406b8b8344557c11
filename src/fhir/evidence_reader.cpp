// FHIR resources in: Patient, Observation, Condition and Bundle become evidence (fossa/fhir.h has
// the rules); the QuestionnaireResponse is read in questionnaire_response.cpp.
#include <algorithm>

#include "fhir/fhir_json.h"
#include "fhir/reading.h"
#include "fossa/fhir.h"

namespace fossa::fhir {
namespace {

using detail::Coding;
using detail::json::object;
using detail::json::value;

// The age in whole years on `today` of someone born on `birth` (month and day default to 1).
Result<double> age_from(std::string_view birth, const Date& today, const std::string& where) {
  auto digits = [&](size_t from, size_t count) {
    int out = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (birth[i] < '0' || birth[i] > '9') return -1;
      out = out * 10 + (birth[i] - '0');
    }
    return out;
  };
  bool shaped = (birth.size() == 4 || (birth.size() == 7 && birth[4] == '-') ||
                 (birth.size() == 10 && birth[4] == '-' && birth[7] == '-'));
  int year = shaped ? digits(0, 4) : -1;
  int month = shaped && birth.size() >= 7 ? digits(5, 2) : 1;
  int day = shaped && birth.size() == 10 ? digits(8, 2) : 1;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
    return Error{ErrorCode::kInvalidValue, "`" + std::string(birth) + "` is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)", where};
  }
  int age = today.year - year - ((today.month < month || (today.month == month && today.day < day)) ? 1 : 0);
  if (age < 0) return Error{ErrorCode::kOutOfRange, "the birth date " + std::string(birth) + " is in the future", where};
  return static_cast<double>(age);
}

Status read_patient(Reading& reading, const object& patient, const std::string& path) {
  auto id = detail::string_member(patient, "id", path);
  if (!id) return id.error();
  if (id->has_value()) {
    if (!reading.options.patient_id.empty() && **id != reading.options.patient_id) {
      return Error{ErrorCode::kInvalidValue,
                   "this Patient is `" + **id + "`, not the patient of the context (`" + reading.options.patient_id + "`)",
                   path + ".id"};
    }
    reading.result.patient = "Patient/" + **id;
  }
  auto birth = detail::string_member(patient, "birthDate", path);
  if (!birth) return birth.error();
  int age = reading.kb.finding_index("age");
  if (birth->has_value() && age >= 0) {
    auto years = age_from(**birth, reading.options.today, path + ".birthDate");
    if (!years) return years.error();
    const Finding& finding = reading.kb.findings[static_cast<size_t>(age)];
    if (*years < finding.min || *years > finding.max) {
      return Error{ErrorCode::kOutOfRange, "an age of " + std::to_string(static_cast<int>(*years)) + " is outside " +
                                               std::to_string(static_cast<int>(finding.min)) + "-" +
                                               std::to_string(static_cast<int>(finding.max)) + " " + finding.unit,
                   path + ".birthDate"};
    }
    reading.answer(age, *years);
  }
  auto gender = detail::string_member(patient, "gender", path);
  if (!gender) return gender.error();
  if (gender->has_value()) {
    const std::string& given = **gender;
    if (given != "female" && given != "male" && given != "other" && given != "unknown") {
      return Error{ErrorCode::kInvalidValue, "`" + given + "` is not a FHIR gender: use female, male, other or unknown",
                   path + ".gender"};
    }
    int sex = reading.kb.finding_index("sex");
    if (sex >= 0) {
      const auto& values = reading.kb.findings[static_cast<size_t>(sex)].values;
      auto found = std::find(values.begin(), values.end(), given);
      if (found != values.end()) {
        reading.answer(sex, static_cast<double>(found - values.begin()));
      }
    }
  }
  return Ok{};  // demographics alone are not evidence about the knee: resources_read unchanged
}

// The findings a resource's `code` names (kUnknownField when none), and its codings.
Result<std::vector<int>> coded_findings(const Reading& reading, const object& resource, const std::string& path) {
  const value* code = detail::member(resource, "code");
  if (!code) return Error{ErrorCode::kMissingField, "a coded resource needs `code` (a CodeableConcept)", path + ".code"};
  auto codings = detail::codings_of(*code, path + ".code");
  if (!codings) return codings.error();
  if (codings->empty()) {
    return Error{ErrorCode::kMissingField, "`code` has no coding: Fossa reads the SNOMED CT and LOINC codes of docs/fhir.md",
                 path + ".code.coding"};
  }
  std::vector<int> found = reading.index.findings(*codings);
  if (found.empty()) {
    std::string listed;
    for (const auto& coding : *codings) listed += (listed.empty() ? "" : ", ") + coding.system + "|" + coding.code;
    return Error{ErrorCode::kUnknownField,
                 "no finding of Fossa has the code " + listed +
                     ": send only the codes of the discovery's prefetch (docs/fhir.md), and other findings as "
                     "answers to the QuestionnaireResponse",
                 path + ".code"};
  }
  return found;
}

Status check_subject(const Reading& reading, const object& resource, const std::string& path) {
  if (reading.options.patient_id.empty()) return Ok{};
  const value* subject = detail::member(resource, "subject");
  if (!subject) return Ok{};
  if (!subject->is_object()) return detail::wrong_type(path + ".subject", "a Reference", *subject);
  auto reference = detail::string_member(subject->get_object(), "reference", path + ".subject");
  if (!reference) return reference.error();
  if (reference->has_value() && !detail::names_patient(**reference, reading.options.patient_id)) {
    return Error{ErrorCode::kInvalidValue,
                 "`" + **reference + "` is not the patient of the context (Patient/" + reading.options.patient_id + ")",
                 path + ".subject.reference"};
  }
  return Ok{};
}

void note_basis(Reading& reading, const object& resource, std::string_view type) {
  ++reading.result.resources_read;
  const value* id = detail::member(resource, "id");
  if (id && id->is_string()) reading.result.basis.push_back(std::string(type) + "/" + std::string(id->get_string()));
}

Status read_condition(Reading& reading, const object& condition, const std::string& path) {
  if (auto subject = check_subject(reading, condition, path); !subject) return subject;
  auto clinical = detail::concept_code(condition, "clinicalStatus", path);
  if (!clinical) return clinical.error();
  auto verification = detail::concept_code(condition, "verificationStatus", path);
  if (!verification) return verification.error();
  auto findings = coded_findings(reading, condition, path);
  if (!findings) return findings.error();
  const std::string& status = *clinical;
  if (status != "" && status != "active" && status != "recurrence" && status != "relapse" && status != "inactive" &&
      status != "remission" && status != "resolved") {
    return Error{ErrorCode::kInvalidValue, "`" + status + "` is not a condition clinical status", path + ".clinicalStatus"};
  }
  const std::string& verified = *verification;
  if (verified != "" && verified != "confirmed" && verified != "refuted" && verified != "unconfirmed" &&
      verified != "provisional" && verified != "differential" && verified != "entered-in-error") {
    return Error{ErrorCode::kInvalidValue, "`" + verified + "` is not a condition verification status",
                 path + ".verificationStatus"};
  }
  bool refuted = verified == "refuted";
  if (!refuted && (status == "inactive" || status == "remission" || status == "resolved")) return Ok{};
  if (verified == "entered-in-error" || verified == "unconfirmed" || verified == "provisional" || verified == "differential") {
    return Ok{};
  }
  // A diagnosis on a problem list is history, not a fresh test result: prefer the other findings.
  std::vector<int> chosen;
  for (int f : *findings) {
    if (!reading.kb.findings[static_cast<size_t>(f)].investigation()) chosen.push_back(f);
  }
  if (chosen.empty()) chosen = *findings;
  if (chosen.size() != 1) return Ok{};  // names several findings: not evidence for any of them
  if (reading.kb.findings[static_cast<size_t>(chosen[0])].type != FindingType::kBool) return Ok{};
  reading.answer(chosen[0], refuted ? 0 : 1);
  note_basis(reading, condition, "Condition");
  return Ok{};
}

// The groups of findings an Observation category can hold (an empty list: any).
std::vector<std::string> groups_of_category(const std::vector<Coding>& categories) {
  std::vector<std::string> out;
  for (const auto& category : categories) {
    if (category.code == "exam") out.push_back("examination");
    if (category.code == "laboratory" || category.code == "imaging" || category.code == "procedure") {
      out.push_back("investigation");
    }
    if (category.code == "survey" || category.code == "social-history") {
      out.push_back("history");
      out.push_back("risk_factor");
    }
  }
  return out;
}

Status read_observation(Reading& reading, const object& observation, const std::string& path) {
  auto status = detail::string_member(observation, "status", path);
  if (!status) return status.error();
  if (!status->has_value()) return Error{ErrorCode::kMissingField, "an Observation needs `status`", path + ".status"};
  static const std::vector<std::string> kStatuses = {"registered", "preliminary", "final", "amended", "corrected",
                                                     "cancelled", "entered-in-error", "unknown"};
  if (std::find(kStatuses.begin(), kStatuses.end(), **status) == kStatuses.end()) {
    return Error{ErrorCode::kInvalidValue, "`" + **status + "` is not an Observation status", path + ".status"};
  }
  if (auto subject = check_subject(reading, observation, path); !subject) return subject;
  auto findings = coded_findings(reading, observation, path);
  if (!findings) return findings.error();
  if (**status != "preliminary" && **status != "final" && **status != "amended" && **status != "corrected") return Ok{};

  std::vector<Coding> value_codes;
  if (const value* concept_value = detail::member(observation, "valueCodeableConcept")) {
    auto codings = detail::codings_of(*concept_value, path + ".valueCodeableConcept");
    if (!codings) return codings.error();
    value_codes = *codings;
  }
  // A value code that is one of the candidates' own codes: that finding is present.
  std::vector<int> shown;
  for (int f : *findings) {
    if (!value_codes.empty() && reading.index.has(f, value_codes)) shown.push_back(f);
  }
  if (!shown.empty()) {
    for (int f : shown) {
      if (reading.kb.findings[static_cast<size_t>(f)].type == FindingType::kBool) reading.answer(f, 1);
    }
    note_basis(reading, observation, "Observation");
    return Ok{};
  }
  std::vector<int> candidates = *findings;
  if (candidates.size() > 1) {
    std::vector<Coding> categories;
    if (const value* category = detail::member(observation, "category")) {
      if (!category->is_array()) return detail::wrong_type(path + ".category", "a list of CodeableConcepts", *category);
      for (size_t i = 0; i < category->get_array().size(); ++i) {
        auto codings = detail::codings_of(category->get_array()[i], path + ".category[" + std::to_string(i) + "]");
        if (!codings) return codings.error();
        categories.insert(categories.end(), codings->begin(), codings->end());
      }
    }
    std::vector<std::string> groups = groups_of_category(categories);
    std::vector<int> narrowed;
    for (int f : candidates) {
      const std::string& group = reading.kb.findings[static_cast<size_t>(f)].group;
      if (std::find(groups.begin(), groups.end(), group) != groups.end()) narrowed.push_back(f);
    }
    if (!narrowed.empty()) candidates = narrowed;
  }
  auto result = observed_value(reading, observation, path, reading.kb.findings[static_cast<size_t>(candidates[0])],
                               !value_codes.empty());
  if (!result) return result.error();
  if (candidates.size() > 1) {
    // A test shared by several findings: only a normal result says something about all of them.
    if (!result->known || result->value != 0) return Ok{};
    for (int f : candidates) reading.answer(f, 0);
  } else if (result->known) {
    reading.answer(candidates[0], result->value);
  } else {
    reading.unknown(candidates[0]);
  }
  note_basis(reading, observation, "Observation");
  return Ok{};
}

}  // namespace

EvidenceReader::EvidenceReader(const KnowledgeBase& kb, ReadOptions options) : kb_(kb), options_(std::move(options)) {
  result_.evidence = Evidence(kb, Setting::kPatient);
}

Status EvidenceReader::add(const boost::json::value& resource, const std::string& path) {
  detail::CodeIndex index(kb_);
  Reading reading{kb_, options_, result_, index};
  return read_resource(reading, resource, path);
}

Status read_resource(Reading& reading, const value& resource, const std::string& path) {
  if (!resource.is_object()) return detail::wrong_type(path, "a FHIR resource (an object with resourceType)", resource);
  const object& body = resource.get_object();
  auto type = detail::string_member(body, "resourceType", path);
  if (!type) return type.error();
  if (!type->has_value()) return Error{ErrorCode::kMissingField, "a FHIR resource needs `resourceType`", path + ".resourceType"};
  const std::string& name = **type;
  if (name == "Patient") return read_patient(reading, body, path);
  if (name == "Observation") return read_observation(reading, body, path);
  if (name == "Condition") return read_condition(reading, body, path);
  if (name == "QuestionnaireResponse") return read_questionnaire_response(reading, body, path);
  if (name == "OperationOutcome") return Ok{};  // a record system's note that a prefetch failed
  if (name == "Bundle") {
    const value* entries = detail::member(body, "entry");
    if (!entries) return Ok{};
    if (!entries->is_array()) return detail::wrong_type(path + ".entry", "a list of entries", *entries);
    for (size_t i = 0; i < entries->get_array().size(); ++i) {
      const value& entry = entries->get_array()[i];
      std::string at = path + ".entry[" + std::to_string(i) + "]";
      if (!entry.is_object()) return detail::wrong_type(at, "a Bundle entry (an object)", entry);
      const value* inner = detail::member(entry.get_object(), "resource");
      if (!inner) continue;  // a search link or an outcome without a resource
      if (auto read = read_resource(reading, *inner, at + ".resource"); !read) return read;
    }
    return Ok{};
  }
  return Error{ErrorCode::kInvalidValue,
               "Fossa does not read a " + name +
                   ": send a Patient, Observation, Condition or QuestionnaireResponse, or a Bundle of them",
               path + ".resourceType"};
}

}  // namespace fossa::fhir
