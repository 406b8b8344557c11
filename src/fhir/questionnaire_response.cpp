// A QuestionnaireResponse to Fossa's interview in: linkId = finding id (or a group id holding them).
#include <algorithm>

#include "fhir/reading.h"
#include "fossa/text.h"

namespace fossa::fhir {
namespace {

using detail::json::array;
using detail::json::object;
using detail::json::value;

bool answers_fossa(std::string_view questionnaire) {
  std::string_view canonical = questionnaire.substr(0, questionnaire.find('|'));
  return canonical == kQuestionnaireUrl || canonical == "Questionnaire/" + std::string(kQuestionnaireId) ||
         canonical.ends_with("/Questionnaire/" + std::string(kQuestionnaireId));
}

std::string_view type_words(FindingType type) {
  switch (type) {
    case FindingType::kBool: return "a yes/no question: answer with valueBoolean";
    case FindingType::kNumber: return "a number question: answer with valueInteger or valueDecimal";
    case FindingType::kEnum: return "a choice question: answer with valueCoding";
  }
  return "";
}

Status read_answer(Reading& reading, int index, const object& item, const std::string& path) {
  const Finding& finding = reading.kb.findings[static_cast<size_t>(index)];
  const value* answers = detail::member(item, "answer");
  if (!answers || (answers->is_array() && answers->get_array().empty())) {
    reading.unknown(index);  // put, and answered "I don't know"
    return Ok{};
  }
  if (!answers->is_array()) return detail::wrong_type(path + ".answer", "a list of answers", *answers);
  if (answers->get_array().size() > 1) {
    return Error{ErrorCode::kInvalidValue, finding.id + " takes one answer, not " + std::to_string(answers->get_array().size()),
                 path + ".answer"};
  }
  std::string at = path + ".answer[0]";
  const value& answer = answers->get_array()[0];
  if (!answer.is_object()) return detail::wrong_type(at, "an answer (an object with value[x])", answer);
  const object::value_type* given = nullptr;
  for (const auto& member : answer.get_object()) {
    if (member.key().starts_with("value")) given = &member;
  }
  if (!given) return Error{ErrorCode::kMissingField, "the answer has no value[x]; leave `answer` out for \"I don't know\"", at};
  std::string key(given->key());
  std::string where = at + "." + key;
  const value& v = given->value();
  std::string expected = finding.type == FindingType::kBool     ? "valueBoolean"
                         : finding.type == FindingType::kNumber ? (key == "valueDecimal" ? "valueDecimal" : "valueInteger")
                                                                : "valueCoding";
  if (key != expected) {
    return Error{ErrorCode::kWrongType, finding.id + " is " + std::string(type_words(finding.type)) + ", not " + key, where};
  }
  if (finding.type == FindingType::kBool) {
    if (!v.is_bool()) return detail::wrong_type(where, "true or false", v);
    reading.answer(index, v.get_bool() ? 1 : 0);
    return Ok{};
  }
  if (finding.type == FindingType::kNumber) {
    bool whole = v.is_int64() || v.is_uint64();
    if (key == "valueInteger" ? !whole : !v.is_number()) {
      return detail::wrong_type(where, key == "valueInteger" ? "a whole number" : "a number", v);
    }
    double number = v.to_number<double>();
    if (auto range = check_range(finding, number, where); !range) return range;
    reading.answer(index, number);
    return Ok{};
  }
  if (!v.is_object()) return detail::wrong_type(where, "a Coding (an object with code)", v);
  auto system = detail::string_member(v.get_object(), "system", where);
  if (!system) return system.error();
  auto code = detail::string_member(v.get_object(), "code", where);
  if (!code) return code.error();
  std::string own = std::string(kAnswerSystem) + finding.id;
  if (system->has_value() && **system != own) {
    return Error{ErrorCode::kInvalidValue, "the answers of " + finding.id + " are coded in " + own + ", not " + **system,
                 where + ".system"};
  }
  auto found = std::find(finding.values.begin(), finding.values.end(), code->value_or(""));
  if (found == finding.values.end()) {
    std::string values;
    for (const auto& value_id : finding.values) values += (values.empty() ? "" : ", ") + value_id;
    return Error{ErrorCode::kInvalidValue, "`" + code->value_or("") + "` is not a value of " + finding.id + ": use " + values,
                 where + ".code"};
  }
  reading.answer(index, static_cast<double>(found - finding.values.begin()));
  return Ok{};
}

Status read_items(Reading& reading, const value& items, const std::string& path) {
  if (!items.is_array()) return detail::wrong_type(path, "a list of items", items);
  for (size_t i = 0; i < items.get_array().size(); ++i) {
    const value& item = items.get_array()[i];
    std::string at = path + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return detail::wrong_type(at, "an item (an object with linkId)", item);
    auto link = detail::string_member(item.get_object(), "linkId", at);
    if (!link) return link.error();
    if (!link->has_value()) return Error{ErrorCode::kMissingField, "an item needs `linkId` (a finding id)", at + ".linkId"};
    int finding = reading.kb.finding_index(**link);
    if (finding >= 0) {
      if (reading.kb.findings[static_cast<size_t>(finding)].investigation()) {
        return Error{ErrorCode::kUnknownField,
                     "`" + text::echo(**link) + "` is a test result, not a question of the interview: send it as an Observation",
                     at + ".linkId"};
      }
      if (auto read = read_answer(reading, finding, item.get_object(), at); !read) return read;
      continue;
    }
    const auto& questions = reading.kb.interview.questions;
    bool group = std::any_of(questions.begin(), questions.end(), [&](const QuestionGroup& q) { return q.id == **link; });
    if (!group) {
      std::vector<std::string> ids;
      for (const auto& f : reading.kb.findings) {
        if (!f.investigation()) ids.push_back(f.id);
      }
      auto near = text::closest(**link, ids);
      return Error{ErrorCode::kUnknownField,
                   "`" + text::echo(**link) + "` is not a question of fossa-interview" +
                       (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"),
                   at + ".linkId"};
    }
    if (const value* inner = detail::member(item.get_object(), "item")) {
      if (auto read = read_items(reading, *inner, at + ".item"); !read) return read;
    }
  }
  return Ok{};
}

}  // namespace

Status read_questionnaire_response(Reading& reading, const object& response, const std::string& path) {
  auto questionnaire = detail::string_member(response, "questionnaire", path);
  if (!questionnaire) return questionnaire.error();
  if (!questionnaire->has_value()) {
    return Error{ErrorCode::kMissingField,
                 "a QuestionnaireResponse needs `questionnaire`: " + std::string(kQuestionnaireUrl), path + ".questionnaire"};
  }
  if (!answers_fossa(**questionnaire)) {
    return Error{ErrorCode::kInvalidValue,
                 "this QuestionnaireResponse answers `" + **questionnaire + "`, not Fossa's interview (" +
                     std::string(kQuestionnaireUrl) + ", GET /fhir/Questionnaire/fossa-interview)",
                 path + ".questionnaire"};
  }
  auto status = detail::string_member(response, "status", path);
  if (!status) return status.error();
  if (!status->has_value()) return Error{ErrorCode::kMissingField, "a QuestionnaireResponse needs `status`", path + ".status"};
  const std::string& state = **status;
  if (state != "in-progress" && state != "completed" && state != "amended" && state != "stopped" &&
      state != "entered-in-error") {
    return Error{ErrorCode::kInvalidValue, "`" + state + "` is not a QuestionnaireResponse status", path + ".status"};
  }
  if (state == "entered-in-error") return Ok{};
  if (!reading.options.patient_id.empty()) {
    if (const value* subject = detail::member(response, "subject"); subject && subject->is_object()) {
      auto reference = detail::string_member(subject->get_object(), "reference", path + ".subject");
      if (!reference) return reference.error();
      if (reference->has_value() && !detail::names_patient(**reference, reading.options.patient_id)) {
        return Error{ErrorCode::kInvalidValue, "`" + **reference + "` is not the patient of the context",
                     path + ".subject.reference"};
      }
    }
  }
  if (const value* items = detail::member(response, "item")) {
    if (auto read = read_items(reading, *items, path + ".item"); !read) return read;
  }
  ++reading.result.resources_read;
  const value* id = detail::member(response, "id");
  if (id && id->is_string()) reading.result.basis.push_back("QuestionnaireResponse/" + std::string(id->get_string()));
  return Ok{};
}

}  // namespace fossa::fhir
