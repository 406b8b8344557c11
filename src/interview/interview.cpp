// The choice of the next question (docs/interview.md): first questions, red-flag screening, early
// questions, then the question of greatest expected value, until a stop rule holds.
#include "fossa/interview.h"

#include "engine/evaluate.h"
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

bool Interview::askable(int finding, Setting setting) const { return interview::askable(engine_.kb(), finding, setting); }

int Interview::questions_asked(const Evidence& evidence) const {
  int count = 0;
  for (const QuestionGroup& group : engine_.kb().interview.questions) {
    for (int finding : group.findings) {
      if (evidence.asked(finding)) {
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
    if (evidence.asked(finding) || !askable(finding, evidence.setting)) continue;
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
  const KnowledgeBase& kb = engine_.kb();
  const InterviewPlan& plan = kb.interview;
  InterviewStep step;
  step.assessment = engine_.assess(evidence);
  step.questions_asked = questions_asked(evidence);
  auto stop = [&step](StopReason reason) {
    step.stop = reason;
    return step;
  };
  // `screening`: whether the question is asked to screen for a warning sign.
  auto ask = [&](int group, double value, bool screening) {
    step.question = make_question(group, evidence);
    step.question->value = value;
    step.question->red_flag = screening;
    return step;
  };
  for (const FiredRule& fired : step.assessment.fired) {
    if (fired.red_flag && fired.level >= plan.red_flag_ends_at) return stop(StopReason::kRedFlag);
  }
  if (step.questions_asked >= plan.max_questions) return stop(StopReason::kQuestionLimit);
  auto open = [&](int finding) { return !evidence.asked(finding) && askable(finding, evidence.setting); };
  for (int finding : plan.first) {
    if (open(finding)) return ask(plan.question_of[static_cast<size_t>(finding)], 0, false);
  }

  interview::Lookahead lookahead(engine_, *model_, evidence);
  auto candidates = interview::candidates(engine_, *model_, evidence, step.assessment.scores, lookahead);
  auto red_flag = [&](const interview::Candidate& candidate) {
    return plan.questions[static_cast<size_t>(candidate.group)].red_flag && candidate.value.screen > 0;
  };
  // Follow-up questions, as soon as the answer they follow is given (the most valuable first).
  const interview::Candidate* follow_up = nullptr;
  for (const auto& candidate : candidates) {
    const auto& when = plan.questions[static_cast<size_t>(candidate.group)].follow_up;
    if (!when || !engine::holds(*when, evidence, step.assessment.scores)) continue;
    if (!follow_up || candidate.value.total > follow_up->value.total) follow_up = &candidate;
  }
  if (follow_up) return ask(follow_up->group, follow_up->value.total, red_flag(*follow_up));
  // The most valuable candidate; with `screening`, among red-flag questions worth screening only.
  auto best = [&](bool screening) -> const interview::Candidate* {
    const interview::Candidate* out = nullptr;
    for (const auto& candidate : candidates) {
      const QuestionGroup& group = plan.questions[static_cast<size_t>(candidate.group)];
      if (screening && (!group.red_flag || candidate.value.screen < plan.screen_value)) continue;
      if (!out || candidate.value.total > out->value.total) out = &candidate;
    }
    return out;
  };
  if (const auto* screen = best(true)) return ask(screen->group, screen->value.total, true);
  for (int finding : plan.early) {
    if (open(finding)) return ask(plan.question_of[static_cast<size_t>(finding)], 0, false);
  }
  const auto* chosen = best(false);
  if (!chosen) return stop(StopReason::kNothingToAsk);
  bool settled = true;
  for (const auto& candidate : candidates) settled = settled && !candidate.value.can_change;
  if (settled) return stop(StopReason::kSettled);
  if (chosen->value.total < plan.question_cost) return stop(StopReason::kLowValue);
  return ask(chosen->group, chosen->value.total, red_flag(*chosen));
}

}  // namespace fossa
