// The state of an EvidenceReader while it reads one resource, and the readers of the resource types
// (evidence_reader.cpp, observation_value.cpp, questionnaire_response.cpp).
#pragma once

#include <string>

#include "fhir/fhir_json.h"
#include "fossa/fhir.h"

namespace fossa::fhir {

struct Reading {
  const KnowledgeBase& kb;
  const ReadOptions& options;
  FhirEvidence& result;
  const detail::CodeIndex& index;

  // Records an answer: for a yes/no finding a present answer is never replaced by an absent one (a
  // warning sign recorded anywhere counts); otherwise the last answer wins.
  void answer(int finding, double value);
  // Records "asked, not known", unless the finding is already known.
  void unknown(int finding);
};

// Reads one resource (or Bundle) at `path` into `reading`.
Status read_resource(Reading& reading, const detail::json::value& resource, const std::string& path);
Status read_questionnaire_response(Reading& reading, const detail::json::object& response, const std::string& path);

// The value an Observation gives `finding` (fossa/fhir.h lists the rules); `value_code`: it has a
// valueCodeableConcept that matched none of the candidates' codes.
struct ObservedValue {
  bool known = false;
  double value = 0;
};
Result<ObservedValue> observed_value(const Reading& reading, const detail::json::object& observation, const std::string& path,
                                     const Finding& finding, bool value_code);

// kOutOfRange unless `number` lies in the range of number finding `finding`.
Status check_range(const Finding& finding, double number, const std::string& where);

}  // namespace fossa::fhir
