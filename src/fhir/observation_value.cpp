// The value an Observation gives a finding, and the rule for several answers to one finding.
#include <algorithm>
#include <cmath>

#include "fhir/reading.h"
#include "fossa/json_writer.h"

namespace fossa::fhir {
namespace {

using detail::json::object;
using detail::json::value;

// v3 ObservationInterpretation codes read as a result: present, absent, or not read (-1); a low
// result (L, LL, LU) cannot be read without knowing which way the finding points (-2).
int interpretation_result(std::string_view code) {
  static const std::vector<std::string_view> kPresent = {"POS", "DET", "A", "AA", "H", "HH", "HU"};
  static const std::vector<std::string_view> kAbsent = {"N", "NEG", "ND"};
  if (std::find(kPresent.begin(), kPresent.end(), code) != kPresent.end()) return 1;
  if (std::find(kAbsent.begin(), kAbsent.end(), code) != kAbsent.end()) return 0;
  if (code == "L" || code == "LL" || code == "LU") return -2;
  return -1;
}

// The first member named value[x], or nullptr.
const object::value_type* value_member(const object& observation) {
  for (const auto& member : observation) {
    if (member.key().starts_with("value")) return &member;
  }
  return nullptr;
}

Result<ObservedValue> number_value(const object& observation, const std::string& path, const Finding& finding) {
  const auto* given = value_member(observation);
  if (!given) {
    if (detail::member(observation, "dataAbsentReason")) return ObservedValue{};
    return Error{ErrorCode::kMissingField, "an Observation of " + finding.id + " needs valueQuantity or valueInteger", path};
  }
  std::string where = path + "." + std::string(given->key());
  const value* number = nullptr;
  if (given->key() == "valueInteger" || given->key() == "valueDecimal") number = &given->value();
  if (given->key() == "valueQuantity" && given->value().is_object()) number = detail::member(given->value().get_object(), "value");
  if (!number || !number->is_number()) {
    return detail::wrong_type(where, finding.id + " is a number: valueQuantity (with value) or valueInteger", given->value());
  }
  double read = number->to_number<double>();
  if (auto range = check_range(finding, read, where); !range) return range.error();
  return ObservedValue{true, read};
}

Result<ObservedValue> choice_value(const object& observation, const std::string& path, const Finding& finding) {
  std::string given;
  std::string where = path + ".valueCodeableConcept";
  if (const value* concept_value = detail::member(observation, "valueCodeableConcept")) {
    auto codings = detail::codings_of(*concept_value, where);
    if (!codings) return codings.error();
    for (const auto& coding : *codings) {
      if (coding.system.empty() || coding.system == std::string(kAnswerSystem) + finding.id) given = coding.code;
    }
  } else if (const value* text = detail::member(observation, "valueString"); text && text->is_string()) {
    given = std::string(text->get_string());
    where = path + ".valueString";
  } else if (detail::member(observation, "dataAbsentReason")) {
    return ObservedValue{};
  }
  auto found = std::find(finding.values.begin(), finding.values.end(), given);
  if (found == finding.values.end()) {
    std::string values;
    for (const auto& v : finding.values) values += (values.empty() ? "" : ", ") + v;
    return Error{ErrorCode::kInvalidValue, "`" + given + "` is not a value of " + finding.id + ": use " + values, where};
  }
  return ObservedValue{true, static_cast<double>(found - finding.values.begin())};
}

}  // namespace

Status check_range(const Finding& finding, double number, const std::string& where) {
  if (std::isfinite(number) && number >= finding.min && number <= finding.max) return Ok{};
  return Error{ErrorCode::kOutOfRange, finding.id + " must be between " + to_json(finding.min) + " and " +
                                           to_json(finding.max) + " " + finding.unit + ", not " + to_json(number),
               where};
}

Result<ObservedValue> observed_value(const Reading&, const object& observation, const std::string& path,
                                     const Finding& finding, bool value_code) {
  if (finding.type == FindingType::kNumber) return number_value(observation, path, finding);
  if (finding.type == FindingType::kEnum) return choice_value(observation, path, finding);
  if (const value* flag = detail::member(observation, "valueBoolean")) {
    if (!flag->is_bool()) return detail::wrong_type(path + ".valueBoolean", "true or false", *flag);
    return ObservedValue{true, flag->get_bool() ? 1.0 : 0.0};
  }
  if (detail::member(observation, "dataAbsentReason")) return ObservedValue{};
  if (const value* interpretation = detail::member(observation, "interpretation")) {
    std::string where = path + ".interpretation";
    if (!interpretation->is_array()) return detail::wrong_type(where, "a list of CodeableConcepts", *interpretation);
    for (size_t i = 0; i < interpretation->get_array().size(); ++i) {
      std::string at = where + "[" + std::to_string(i) + "]";
      auto codings = detail::codings_of(interpretation->get_array()[i], at);
      if (!codings) return codings.error();
      for (const auto& coding : *codings) {
        int result = interpretation_result(coding.code);
        if (result == -2) {
          return Error{ErrorCode::kInvalidValue,
                       "a low result (" + coding.code + ") does not say whether " + finding.id +
                           " is present: give valueBoolean, or interpretation POS or NEG",
                       at};
        }
        if (result >= 0) return ObservedValue{true, static_cast<double>(result)};
      }
    }
    return Error{ErrorCode::kInvalidValue,
                 "no interpretation code Fossa reads (POS, DET, A, AA, H, HH, HU for present; N, NEG, ND for absent)", where};
  }
  if (value_code) {
    return Error{ErrorCode::kInvalidValue,
                 "the value code is not one Fossa knows for " + finding.id +
                     ": give valueBoolean, or interpretation POS or NEG",
                 path + ".valueCodeableConcept"};
  }
  if (const auto* other = value_member(observation)) {
    return Error{ErrorCode::kWrongType,
                 finding.id + " is yes or no: give valueBoolean, or an interpretation (POS/NEG, H/N) with " +
                     std::string(other->key()) + "; Fossa does not know the laboratory's cut-off",
                 path + "." + std::string(other->key())};
  }
  return ObservedValue{true, 1};  // a finding recorded without a value: it was observed
}

void Reading::answer(int finding, double value) {
  Answer& current = result.evidence.answers[static_cast<size_t>(finding)];
  const Finding& f = kb.findings[static_cast<size_t>(finding)];
  if (f.type == FindingType::kBool && current.known && current.value != 0 && value == 0) return;
  result.evidence.set(finding, value);
}

void Reading::unknown(int finding) {
  if (!result.evidence.known(finding)) result.evidence.set_unknown(finding);
}

}  // namespace fossa::fhir
