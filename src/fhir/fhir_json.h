// Reading FHIR JSON with errors that name the FHIR path, shared by the readers of the layer.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/error.h"
#include "fossa/knowledge_base.h"
#include "fossa/result.h"

namespace fossa::fhir::detail {

namespace json = boost::json;

// kWrongType: "<where>: expected <expected>, got <kind>".
Error wrong_type(const std::string& where, std::string_view expected, const json::value& got);

// Member `key` of `object`, or nullptr.
inline const json::value* member(const json::object& object, std::string_view key) { return object.if_contains(key); }

// The string member `key`: nullopt when absent; kWrongType when not a string.
Result<std::optional<std::string>> string_member(const json::object& object, std::string_view key, const std::string& where);

struct Coding {
  std::string system;
  std::string code;
};

// The codings of a CodeableConcept at `where`: kWrongType when it is not one.
Result<std::vector<Coding>> codings_of(const json::value& concept_value, const std::string& where);

// The first coding's code of a CodeableConcept member `key` (e.g. clinicalStatus), or "" when absent.
Result<std::string> concept_code(const json::object& object, std::string_view key, const std::string& where);

// Which findings have a code matching (system URI, code).
class CodeIndex {
 public:
  explicit CodeIndex(const KnowledgeBase& kb);
  // Finding indexes whose codes include any of `codings`, each once, in knowledge base order.
  std::vector<int> findings(const std::vector<Coding>& codings) const;
  // Whether finding `index` has a code matching one of `codings`.
  bool has(int index, const std::vector<Coding>& codings) const;

 private:
  struct Entry {
    std::string_view system;  // URI
    std::string_view code;
    int finding;
  };
  std::vector<Entry> entries_;
};

// The questions of the Questionnaire (indexes in kb.interview.questions): the warning-sign screen
// first, in its order, then the others in file order; those holding only test results left out.
std::vector<int> question_order(const KnowledgeBase& kb);

// The findings of question `question` that the Questionnaire asks (test results left out).
std::vector<int> asked_findings(const KnowledgeBase& kb, int question);

// "Patient/123" when `reference` (relative or absolute) names the patient `id`.
bool names_patient(std::string_view reference, std::string_view id);

}  // namespace fossa::fhir::detail
