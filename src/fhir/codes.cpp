// Code systems, CodeableConcepts and the index from codes to findings.
#include <algorithm>

#include "fhir/fhir_json.h"
#include "fossa/json_reader.h"
#include "fossa/fhir.h"

namespace fossa::fhir {

std::string_view system_uri(std::string_view kb_system) {
  if (kb_system == "snomed") return "http://snomed.info/sct";
  if (kb_system == "loinc") return "http://loinc.org";
  if (kb_system == "icd10") return "http://hl7.org/fhir/sid/icd-10";
  if (kb_system == "icd10cm") return "http://hl7.org/fhir/sid/icd-10-cm";
  return {};
}

namespace detail {

Error wrong_type(const std::string& where, std::string_view expected, const json::value& got) {
  return Error{ErrorCode::kWrongType, "expected " + std::string(expected) + ", got " + json_kind(got), where};
}

Result<std::optional<std::string>> string_member(const json::object& object, std::string_view key, const std::string& where) {
  const json::value* value = member(object, key);
  if (!value) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(where + "." + std::string(key), "a string", *value);
  return std::optional<std::string>(std::string(value->get_string()));
}

Result<std::vector<Coding>> codings_of(const json::value& concept_value, const std::string& where) {
  if (!concept_value.is_object()) return wrong_type(where, "a CodeableConcept (an object with `coding`)", concept_value);
  std::vector<Coding> out;
  const json::value* coding = member(concept_value.get_object(), "coding");
  if (!coding) return out;
  if (!coding->is_array()) return wrong_type(where + ".coding", "a list of Codings", *coding);
  for (size_t i = 0; i < coding->get_array().size(); ++i) {
    const json::value& item = coding->get_array()[i];
    std::string at = where + ".coding[" + std::to_string(i) + "]";
    if (!item.is_object()) return wrong_type(at, "a Coding (an object with system and code)", item);
    auto system = string_member(item.get_object(), "system", at);
    if (!system) return system.error();
    auto code = string_member(item.get_object(), "code", at);
    if (!code) return code.error();
    if (code->has_value()) out.push_back({system->value_or(""), **code});
  }
  return out;
}

Result<std::string> concept_code(const json::object& object, std::string_view key, const std::string& where) {
  const json::value* concept_value = member(object, key);
  if (!concept_value) return std::string();
  auto codings = codings_of(*concept_value, where + "." + std::string(key));
  if (!codings) return codings.error();
  return codings->empty() ? std::string() : codings->front().code;
}

CodeIndex::CodeIndex(const KnowledgeBase& kb) {
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    for (const auto& code : kb.findings[f].codes) {
      entries_.push_back({system_uri(code.system), code.code, static_cast<int>(f)});
    }
  }
}

std::vector<int> CodeIndex::findings(const std::vector<Coding>& codings) const {
  std::vector<int> out;
  for (const auto& entry : entries_) {
    for (const auto& coding : codings) {
      if (coding.system == entry.system && coding.code == entry.code &&
          std::find(out.begin(), out.end(), entry.finding) == out.end()) {
        out.push_back(entry.finding);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool CodeIndex::has(int index, const std::vector<Coding>& codings) const {
  for (const auto& entry : entries_) {
    if (entry.finding != index) continue;
    for (const auto& coding : codings) {
      if (coding.system == entry.system && coding.code == entry.code) return true;
    }
  }
  return false;
}

bool names_patient(std::string_view reference, std::string_view id) {
  std::string relative = "Patient/" + std::string(id);
  return reference == relative || reference.ends_with("/" + relative);
}

}  // namespace detail

std::vector<int> ordered_findings(const boost::json::value& code, const KnowledgeBase& kb) {
  auto codings = detail::codings_of(code, "code");
  if (!codings) return {};
  std::vector<int> out;
  for (int f : detail::CodeIndex(kb).findings(*codings)) {
    if (kb.findings[static_cast<size_t>(f)].investigation()) out.push_back(f);
  }
  return out;
}

}  // namespace fossa::fhir
