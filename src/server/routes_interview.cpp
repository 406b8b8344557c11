#include <boost/json.hpp>

#include "fossa/case_io.h"
#include "server/problem.h"
#include "server/routes.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

json::object question_json(const Question& question, const KnowledgeBase& kb) {
  json::array items;
  for (size_t i = 0; i < question.findings.size(); ++i) {
    const Finding& finding = kb.findings[static_cast<size_t>(question.findings[i])];
    json::object item;
    item["finding"] = finding.id;
    item["text"] = question.items[i];
    item["type"] = finding_type_id(finding.type);
    if (finding.type == FindingType::kNumber) {
      item["unit"] = finding.unit;
      item["min"] = finding.min;
      item["max"] = finding.max;
    }
    if (finding.type == FindingType::kEnum) {
      json::array values;
      for (const auto& value : finding.values) values.emplace_back(value);
      item["values"] = std::move(values);
    }
    items.push_back(std::move(item));
  }
  json::object out;
  out["id"] = question.id;
  out["text"] = question.text;
  out["why"] = question.why;
  out["red_flag"] = question.red_flag;
  out["items"] = std::move(items);
  return out;
}

// Marks every finding given as null in the body's evidence as asked and answered "I don't know".
// The body has been parsed and checked by parse_case already.
void mark_dont_know(std::string_view body, const KnowledgeBase& kb, Evidence& evidence) {
  boost::system::error_code error;
  json::value root = json::parse(body, error);
  if (error || !root.is_object()) return;
  const json::value* given = root.as_object().if_contains("evidence");
  if (!given || !given->is_object()) return;
  for (const auto& entry : given->as_object()) {
    if (!entry.value().is_null()) continue;
    int index = kb.finding_index(entry.key());
    if (index >= 0) evidence.set_unknown(index);
  }
}

}  // namespace

Response interview_route(const Interview& interview, const ApiOptions& options, const Request& request) {
  const KnowledgeBase& kb = interview.engine().kb();
  ParseOptions parse_options;
  parse_options.max_depth = options.max_json_depth;
  parse_options.max_bytes = options.max_body_bytes;
  auto parsed = parse_case(request.body, kb, parse_options);
  if (!parsed) return problem_response(parsed.error(), "/v1/interview");
  Case& c = *parsed;
  mark_dont_know(request.body, kb, c.evidence);

  InterviewStep step = interview.next(c.evidence);
  json::object head;
  if (step.question) {
    head["question"] = question_json(*step.question, kb);
  } else {
    head["question"] = nullptr;
  }
  head["should_stop"] = !step.question.has_value();
  if (step.question) {
    head["stop_reason"] = nullptr;
  } else {
    head["stop_reason"] = stop_reason_id(step.stop);
  }
  head["questions_asked"] = step.questions_asked;
  head["max_questions"] = kb.interview.max_questions;

  // {"question": ..., ..., "assessment": <assessment_json>}: the assessment is spliced in as written,
  // so it has exactly the bytes POST /v1/assess would give.
  std::string body = json::serialize(head);
  body.pop_back();
  body += ",\"assessment\":";
  body += assessment_json(step.assessment, kb, c.evidence.setting, c.id, &c.evidence);
  body += '}';
  Response response;
  response.body = std::move(body);
  if (!step.question) response.disposition = step.assessment.disposition;  // counted once, when it ends
  return response;
}

}  // namespace fossa::server
