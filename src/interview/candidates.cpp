#include "interview/candidates.h"


namespace fossa::interview {
namespace {

// Whether `finding` can be valued: yes/no findings, and number findings with representative answers.
bool valued(const KnowledgeBase& kb, int finding) {
  auto f = static_cast<size_t>(finding);
  if (kb.findings[f].type == FindingType::kBool) return true;
  return kb.findings[f].type == FindingType::kNumber && !kb.interview.number_answers[f].values.empty();
}

// The open findings of `group`, or none when it cannot be valued now.
std::vector<int> open_findings(const Engine& engine, const QuestionGroup& group, const Evidence& evidence) {
  std::vector<int> out;
  for (int finding : group.findings) {
    if (!valued(engine.kb(), finding)) return {};
    if (!evidence.asked(finding) && engine.answerable(finding, evidence.setting)) out.push_back(finding);
  }
  return out;
}

// The best value among the questions a "yes" to `finding` opens or calls for as a follow-up, valued
// as they would be after that answer.
QuestionValue opened_value(const Engine& engine, const AnswerModel& model, const Evidence& evidence,
                           const Lookahead& lookahead, int finding) {
  const KnowledgeBase& kb = engine.kb();
  Evidence answered = evidence;
  answered.set(finding, 1);
  std::vector<std::vector<int>> opened;
  for (int g : model.opens[static_cast<size_t>(finding)]) {
    const QuestionGroup& group = kb.interview.questions[static_cast<size_t>(g)];
    if (engine.holds(group.ask_when, evidence) || !engine.holds(group.ask_when, answered)) continue;
    auto findings = open_findings(engine, group, answered);
    if (!findings.empty()) opened.push_back(std::move(findings));
  }
  QuestionValue best;
  if (opened.empty()) return best;
  Lookahead ahead(lookahead, answered, {finding});
  for (const auto& findings : opened) {
    QuestionValue value = ahead.value(findings);
    if (value.total > best.total) best = value;
  }
  return best;
}

}  // namespace

std::vector<Candidate> candidates(const Engine& engine, const AnswerModel& model, const Evidence& evidence,
                                  const Lookahead& lookahead) {
  const KnowledgeBase& kb = engine.kb();
  const InterviewPlan& plan = kb.interview;
  std::vector<Candidate> out;
  for (size_t g = 0; g < plan.questions.size(); ++g) {
    const QuestionGroup& group = plan.questions[g];
    auto findings = open_findings(engine, group, evidence);
    if (findings.empty() || !engine.holds(group.ask_when, evidence)) continue;
    Candidate candidate{static_cast<int>(g), findings, lookahead.value(findings)};
    for (int finding : findings) {
      if (model.opens[static_cast<size_t>(finding)].empty() || kb.findings[static_cast<size_t>(finding)].type != FindingType::kBool) continue;
      QuestionValue opened = opened_value(engine, model, evidence, lookahead, finding);
      double chance = lookahead.present_probability(finding);
      candidate.value.decision += chance * opened.decision;
      candidate.value.information += chance * opened.information;
      candidate.value.total += chance * opened.total;
    }
    out.push_back(std::move(candidate));
  }
  return out;
}

}  // namespace fossa::interview
