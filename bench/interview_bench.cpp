// The interview's speed: microseconds to choose the next question, over every step of the
// interviews of the development cases, against one full assessment of the same evidence (which
// next() also makes) as the reference of the same run.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "fossa/evaluation.h"
#include "fossa/interview.h"

namespace {

struct Fixture {
  fossa::Engine engine{fossa::builtin_knowledge_base()};
  fossa::Interview interview{engine};
  std::vector<fossa::Evidence> steps;  // the evidence at every step of every interview
  Fixture() {
    auto cases = *fossa::read_cases(std::string(FOSSA_SOURCE_DIR) + "/tests/cases/dev.jsonl", engine.kb());
    for (const fossa::Case& c : cases) {
      fossa::Evidence evidence(engine.kb(), c.evidence.setting);
      for (;;) {
        steps.push_back(evidence);
        fossa::InterviewStep step = interview.next(evidence);
        if (!step.question) break;
        for (int finding : step.question->findings) {
          if (c.evidence.known(finding)) {
            evidence.set(finding, c.evidence.answers[static_cast<size_t>(finding)].value);
          } else {
            evidence.set_unknown(finding);
          }
        }
      }
    }
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

// Choosing the next question (or stopping), with the assessment so far.
void BM_InterviewNext(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f.interview.next(f.steps[i++ % f.steps.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_InterviewNext)->Unit(benchmark::kMicrosecond);

// The reference: one assessment of the same evidence.
void BM_AssessSameEvidence(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f.engine.assess(f.steps[i++ % f.steps.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_AssessSameEvidence)->Unit(benchmark::kMicrosecond);

// A whole simulated interview of one case.
void BM_WholeInterview(benchmark::State& state) {
  auto& f = fixture();
  static const auto cases = *fossa::read_cases(std::string(FOSSA_SOURCE_DIR) + "/tests/cases/dev.jsonl", f.engine.kb());
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(fossa::simulate_interview(f.interview, cases[i++ % cases.size()].evidence));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_WholeInterview)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
