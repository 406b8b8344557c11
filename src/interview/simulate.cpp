// A simulated person for `fossa eval --mode interview` and the tests: answers from a case's evidence.
#include "fossa/interview.h"

namespace fossa {

InterviewRun simulate_interview(const Interview& interview, const Evidence& truth) {
  InterviewRun run;
  run.evidence = Evidence(interview.engine().kb(), truth.setting);
  for (;;) {
    run.last = interview.next(run.evidence);
    if (!run.last.question) break;
    for (int finding : run.last.question->findings) {
      if (truth.known(finding)) {
        run.evidence.set(finding, truth.answers[static_cast<size_t>(finding)].value);
      } else {
        run.evidence.set_unknown(finding);
      }
    }
    run.questions.push_back(std::move(*run.last.question));
  }
  return run;
}

}  // namespace fossa
