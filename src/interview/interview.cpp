// The choice of the next question (docs/interview.md): the warning-sign screen first, then the
// question of greatest expected value, then questions that could change the leading cause, until a
// stop rule holds; findings to confirm from a person's own words fit into that order.
#include "fossa/interview.h"

#include <algorithm>

#include "interview/answer_model.h"
#include "interview/candidates.h"
#include "interview/lookahead.h"

namespace fossa {

std::string_view stop_reason_id(StopReason reason) {
  switch (reason) {
    case StopReason::kNone: return "none";
    case StopReason::kRedFlag: return "red_flag";
    case StopReason::kSettled: return "settled";
    case StopReason::kLowValue: return "low_value";
    case StopReason::kQuestionLimit: return "question_limit";
    case StopReason::kNothingToAsk: return "nothing_to_ask";
  }
  return "none";
}

Interview::Interview(const Engine& engine)
    : engine_(engine), model_(std::make_shared<const interview::AnswerModel>(engine.kb())) {}

int Interview::questions_asked(const Evidence& evidence) const {
  int count = 0;
  for (const QuestionGroup& group : engine_.kb().interview.questions) {
    for (int finding : group.findings) {
      if (evidence.questioned(finding)) {
        ++count;
        break;
      }
    }
  }
  return count;
}

Question Interview::make_question(int group_index, const Evidence& evidence) const {
  const KnowledgeBase& kb = engine_.kb();
  const QuestionGroup& group = kb.interview.questions[static_cast<size_t>(group_index)];
  const bool clinician = evidence.setting == Setting::kClinician;
  Question out;
  out.id = group.id;
  for (int finding : group.findings) {
    if (evidence.asked(finding) || !engine_.answerable(finding, evidence.setting)) continue;
    const Finding& info = kb.findings[static_cast<size_t>(finding)];
    out.findings.push_back(finding);
    out.items.push_back(clinician ? info.question_clinician : info.question_person);
  }
  const bool alone = group.findings.size() == 1;
  const Finding& first = kb.findings[static_cast<size_t>(out.findings.front())];
  out.text = alone ? out.items.front() : (clinician ? group.question_clinician : group.question_person);
  out.why = alone ? first.why : group.why;
  return out;
}

InterviewStep Interview::next(const Evidence& evidence) const {
  const InterviewPlan& plan = engine_.kb().interview;
  InterviewStep step;
  step.assessment = engine_.assess(evidence);
  step.questions_asked = questions_asked(evidence);
  auto stop = [&step](StopReason reason) {
    step.stop = reason;
    return step;
  };
  auto ask = [&](int group, double value, bool screening) {
    step.question = make_question(group, evidence);
    step.question->value = value;
    step.question->red_flag = screening;
    return step;
  };
  // The warning-sign screen comes before anything else, whatever the number of questions: the
  // question of the first finding (in screen order) that can decide an open red-flag rule.
  if (!step.assessment.screen.complete && !step.assessment.screen.unasked.empty()) {
    return ask(plan.question_of[static_cast<size_t>(step.assessment.screen.unasked.front())], 0, true);
  }
  for (const FiredRule& fired : step.assessment.fired) {
    if (fired.red_flag && fired.level >= plan.red_flag_ends_at) return stop(StopReason::kRedFlag);
  }
  if (step.questions_asked >= plan.max_questions) return stop(StopReason::kQuestionLimit);

  interview::Lookahead lookahead(engine_, *model_, evidence);
  auto candidates = interview::candidates(engine_, *model_, evidence, lookahead);
  const interview::Candidate* chosen = nullptr;    // the most valuable question
  const interview::Candidate* unsettled = nullptr; // the one most likely to change the top three
  bool settled = true;
  for (const auto& candidate : candidates) {
    if (!chosen || candidate.value.total > chosen->value.total) chosen = &candidate;
    if (!unsettled || candidate.value.change > unsettled->value.change) unsettled = &candidate;
    settled = settled && !candidate.value.can_change;
  }
  if (!chosen) return stop(StopReason::kNothingToAsk);
  if (settled) return stop(StopReason::kSettled);
  if (chosen->value.total >= plan.question_cost) return ask(chosen->group, chosen->value.total, false);
  // What to do is settled; the leading causes may not be. Keep asking, within a smaller budget,
  // while one answer has a fair chance of changing them (the most informative question first);
  // else say that they are uncertain.
  if (unsettled->value.change >= plan.settle_chance) {
    if (step.questions_asked < plan.settle_questions) return ask(chosen->group, chosen->value.total, false);
    step.causes_settled = false;
    step.unsettled_by = make_question(unsettled->group, evidence);
  }
  return stop(StopReason::kLowValue);
}

InterviewStep Interview::next(const Evidence& evidence, const std::vector<int>& to_confirm) const {
  InterviewStep step = next(evidence);
  if (step.stop == StopReason::kRedFlag) return step;
  const KnowledgeBase& kb = engine_.kb();
  const std::vector<int>& unasked = step.assessment.screen.unasked;
  for (int finding : to_confirm) {
    if (evidence.asked(finding) || !engine_.answerable(finding, evidence.setting)) continue;
    const bool screening = std::find(unasked.begin(), unasked.end(), finding) != unasked.end();
    if (!screening && !step.assessment.screen.complete) continue;
    const Finding& info = kb.findings[static_cast<size_t>(finding)];
    Question question;
    question.id = info.id;
    question.findings = {finding};
    question.text = evidence.setting == Setting::kClinician ? info.question_clinician : info.question_person;
    question.items = {question.text};
    question.why = info.why;
    question.red_flag = screening;
    step.question = std::move(question);
    step.stop = StopReason::kNone;
    break;
  }
  return step;
}

}  // namespace fossa
