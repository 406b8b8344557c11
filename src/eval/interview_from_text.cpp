// `fossa eval --mode interview --from-text`: every case's interview started from what its text says.
#include <algorithm>

#include "eval/outcome.h"
#include "fossa/evaluation.h"

namespace fossa {

Metrics evaluate_interview_from_text(const Interview& interview, const Extractor& extractor, const std::vector<Case>& cases) {
  const Engine& engine = interview.engine();
  const KnowledgeBase& kb = engine.kb();
  std::vector<CaseOutcome> outcomes;
  for (const Case& c : cases) {
    const Evidence& truth = c.evidence;
    Evidence evidence(kb, truth.setting);
    std::vector<std::string> asked;
    auto answer = [&](int finding) {
      if (truth.known(finding)) {
        evidence.set(finding, truth.answers[static_cast<size_t>(finding)].value);
      } else {
        evidence.set_unknown(finding);
      }
    };
    auto read = extractor.extract(c.text, truth.setting);
    std::vector<int> to_confirm;
    if (read) {
      evidence = read->evidence;
      to_confirm = read->to_confirm;
    }
    InterviewStep step;
    for (;;) {
      step = interview.next(evidence, to_confirm);
      if (!step.question) break;
      for (int finding : step.question->findings) answer(finding);
      asked.push_back(step.question->id);
    }
    CaseOutcome outcome = eval::outcome_of(c, step.assessment);
    outcome.questions = static_cast<int>(asked.size());
    outcome.findings_recall = eval::findings_recall(truth, evidence);
    outcome.asked = std::move(asked);
    outcome.stop = step.stop;
    outcomes.push_back(std::move(outcome));
  }
  return eval::summarise_interview(std::move(outcomes));
}

}  // namespace fossa
