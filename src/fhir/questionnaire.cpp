// The interview as a FHIR R4 Questionnaire (fossa/fhir.h).
#include <algorithm>
#include <cmath>
#include <optional>

#include "fhir/fhir_json.h"
#include "fossa/fhir.h"

namespace fossa::fhir {
namespace {

namespace json = boost::json;

bool whole_numbers(const Finding& finding) {
  return finding.type == FindingType::kNumber && std::floor(finding.min) == finding.min && std::floor(finding.max) == finding.max;
}

std::string_view item_type(const Finding& finding) {
  switch (finding.type) {
    case FindingType::kBool: return "boolean";
    case FindingType::kNumber: return whole_numbers(finding) ? "integer" : "decimal";
    case FindingType::kEnum: return "choice";
  }
  return "string";
}

json::value number(const Finding& finding, double value) {
  if (whole_numbers(finding)) return json::value(static_cast<int64_t>(value));
  return json::value(value);
}

json::object finding_item(const Finding& finding) {
  json::object item;
  item["linkId"] = finding.id;
  item["text"] = finding.asked_of == Responder::kPerson ? finding.question_person : finding.question_clinician;
  item["type"] = item_type(finding);
  json::array codes;
  for (const auto& code : finding.codes) {
    codes.push_back({{"system", system_uri(code.system)}, {"code", code.code}, {"display", code.display}});
  }
  if (!codes.empty()) item["code"] = std::move(codes);
  if (finding.type == FindingType::kNumber) {
    std::string_view suffix = whole_numbers(finding) ? "valueInteger" : "valueDecimal";
    item["extension"] = json::array{
        {{"url", "http://hl7.org/fhir/StructureDefinition/minValue"}, {suffix, number(finding, finding.min)}},
        {{"url", "http://hl7.org/fhir/StructureDefinition/maxValue"}, {suffix, number(finding, finding.max)}}};
  }
  if (finding.type == FindingType::kEnum) {
    json::array options;
    for (const auto& value : finding.values) {
      json::object coding{{"system", std::string(kAnswerSystem) + finding.id}, {"code", value}, {"display", value}};
      options.push_back(json::object{{"valueCoding", std::move(coding)}});
    }
    item["answerOption"] = std::move(options);
  }
  return item;
}

// One enableWhen condition for a simple expression, or nullopt when it has no FHIR form.
std::optional<json::object> condition(const Expression& expression, const KnowledgeBase& kb) {
  const Expression* atom = &expression;
  bool negated = false;
  if (expression.kind == Expression::Kind::kNot && expression.children.size() == 1) {
    atom = &expression.children[0];
    negated = true;
  }
  if (atom->index < 0) return std::nullopt;
  const Finding& finding = kb.findings[static_cast<size_t>(atom->index)];
  if (finding.investigation()) return std::nullopt;  // not an item of the Questionnaire
  json::object out;
  out["question"] = finding.id;
  if (atom->kind == Expression::Kind::kPresent) {
    out["operator"] = negated ? "!=" : "=";  // "!= true" also holds while unanswered, like "not present"
    out["answerBoolean"] = true;
    return out;
  }
  if (negated) return std::nullopt;
  if (atom->kind == Expression::Kind::kCompare) {
    switch (atom->op) {
      case Expression::Op::kAtLeast: out["operator"] = ">="; break;
      case Expression::Op::kAbove: out["operator"] = ">"; break;
      case Expression::Op::kBelow: out["operator"] = "<"; break;
      case Expression::Op::kAtMost: out["operator"] = "<="; break;
    }
    if (whole_numbers(finding) && std::floor(atom->value) == atom->value) {
      out["answerInteger"] = static_cast<int64_t>(atom->value);
    } else {
      out["answerDecimal"] = atom->value;
    }
    return out;
  }
  if (atom->kind == Expression::Kind::kEquals) {
    out["operator"] = "=";
    out["answerCoding"] = {{"system", std::string(kAnswerSystem) + finding.id},
                           {"code", finding.values[static_cast<size_t>(atom->value)]}};
    return out;
  }
  return std::nullopt;
}

// enableWhen and enableBehavior of a question asked only while `when` holds; false when `when` has
// no FHIR form (the item is then always enabled: asking more never hides a warning sign).
bool add_enable_when(json::object& item, const Expression& when, const KnowledgeBase& kb) {
  if (when.kind == Expression::Kind::kTrue) return true;
  json::array conditions;
  if (when.kind == Expression::Kind::kAll || when.kind == Expression::Kind::kAny) {
    for (const auto& child : when.children) {
      auto one = condition(child, kb);
      if (!one) return false;
      conditions.push_back(std::move(*one));
    }
    if (conditions.size() > 1) item["enableBehavior"] = when.kind == Expression::Kind::kAll ? "all" : "any";
  } else {
    auto one = condition(when, kb);
    if (!one) return false;
    conditions.push_back(std::move(*one));
  }
  item["enableWhen"] = std::move(conditions);
  return true;
}

}  // namespace

namespace detail {

std::vector<int> asked_findings(const KnowledgeBase& kb, int question) {
  std::vector<int> out;
  for (int f : kb.interview.questions[static_cast<size_t>(question)].findings) {
    if (!kb.findings[static_cast<size_t>(f)].investigation()) out.push_back(f);
  }
  return out;
}

std::vector<int> question_order(const KnowledgeBase& kb) {
  std::vector<int> order;
  for (int q : kb.interview.screen) order.push_back(q);
  for (size_t q = 0; q < kb.interview.questions.size(); ++q) {
    if (std::find(order.begin(), order.end(), static_cast<int>(q)) == order.end()) order.push_back(static_cast<int>(q));
  }
  std::erase_if(order, [&](int q) { return asked_findings(kb, q).empty(); });
  return order;
}

}  // namespace detail

boost::json::object questionnaire(const KnowledgeBase& kb) {
  json::array items;
  for (int q : detail::question_order(kb)) {
    const QuestionGroup& question = kb.interview.questions[static_cast<size_t>(q)];
    std::vector<int> findings = detail::asked_findings(kb, q);
    json::object item;
    if (question.findings.size() == 1) {
      item = finding_item(kb.findings[static_cast<size_t>(findings[0])]);
    } else {
      item["linkId"] = question.id;
      item["text"] = question.question_person;
      item["type"] = "group";
      json::array inner;
      for (int f : findings) inner.push_back(finding_item(kb.findings[static_cast<size_t>(f)]));
      item["item"] = std::move(inner);
    }
    add_enable_when(item, question.ask_when, kb);
    items.push_back(std::move(item));
  }
  json::object out;
  out["resourceType"] = "Questionnaire";
  out["id"] = kQuestionnaireId;
  out["url"] = kQuestionnaireUrl;
  out["version"] = kb.version;
  out["name"] = "FossaInterview";
  out["title"] = "Fossa interview: pain behind the knee";
  out["status"] = "active";
  out["subjectType"] = json::array{"Patient"};
  out["publisher"] = "Fossa";
  out["description"] =
      "The questions of Fossa's interview (knowledge base " + kb.name + " " + kb.version + ", " + kb.hash +
      "), warning signs first. Answer in a QuestionnaireResponse whose linkIds are these finding ids; an item left "
      "without an answer is unknown. Test results are sent as Observations with their LOINC codes.";
  out["item"] = std::move(items);
  return out;
}

}  // namespace fossa::fhir
