#include <boost/json.hpp>

#include <algorithm>

#include "fossa/json_writer.h"
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

}  // namespace

Response interview_route(const Interview& interview, const Extractor& extractor, const AssessmentJsonWriter& writer,
                         const ApiOptions& options, const Request& request) {
  const KnowledgeBase& kb = interview.engine().kb();
  auto assess_with = assess_options(request.target);
  if (!assess_with) return problem_response(assess_with.error(), "/v1/interview");
  ParseOptions parse_options;
  parse_options.max_depth = options.max_json_depth;
  parse_options.max_bytes = options.max_body_bytes;
  auto parsed = parse_case(request.body, kb, parse_options);
  if (!parsed) return problem_response(parsed.error(), "/v1/interview");
  Case& c = *parsed;  // a finding given as null is asked and unknown ("don't know")
  auto read = read_case_text(c, extractor);
  if (!read) return problem_response(read.error(), "/v1/interview");
  c.evidence = merge_under(c.evidence, *read);

  InterviewStep step = interview.next(c.evidence, read->to_confirm);
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
  head["screen_complete"] = step.assessment.screen.complete;
  json::array unasked;
  for (int finding : step.assessment.screen.unasked) unasked.emplace_back(kb.findings[static_cast<size_t>(finding)].id);
  head["screen_unasked"] = std::move(unasked);
  // When it stops: whether the leading causes are settled, and if not, the question that could
  // still change them.
  head["causes_settled"] = step.causes_settled;
  if (step.unsettled_by) {
    head["causes_unsettled_by"] = {{"id", step.unsettled_by->id}, {"text", step.unsettled_by->text}};
  } else {
    head["causes_unsettled_by"] = nullptr;
  }

  // {"question": ..., ..., "assessment": <assessment_json>}: the assessment is spliced in as written,
  // so it has exactly the bytes POST /v1/assess would give.
  std::string body = to_json(head);
  body.pop_back();
  if (!c.text.empty()) {
    body += ",\"understood\":";
    body += extraction_json(*read, kb, c.text);
  }
  body += ",\"assessment\":";
  // The interview's assessment explains the leading conditions; every one when asked (the same
  // evidence assessed again: only the explanations differ).
  if (assess_with->explain != Explain::kLeading) step.assessment = interview.engine().assess(c.evidence, *assess_with);
  body += writer.write(step.assessment, c.evidence.setting, c.id, &c.evidence);
  body += '}';
  Response response;
  response.body = std::move(body);
  if (!step.question) response.disposition = step.assessment.disposition;  // counted once, when it ends
  return response;
}

}  // namespace fossa::server
