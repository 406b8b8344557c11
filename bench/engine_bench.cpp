// Engine speed in microseconds per assessment, over the development cases. Run: bench/run.sh.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/evaluation.h"

namespace {

struct Fixture {
  fossa::Engine engine{fossa::builtin_knowledge_base()};
  fossa::AssessmentJsonWriter writer{engine.kb()};
  std::vector<fossa::Case> cases;
  std::vector<std::string> lines;
  Fixture() {
    std::string path = std::string(FOSSA_SOURCE_DIR) + "/tests/cases/dev.jsonl";
    cases = *fossa::read_cases(path, engine.kb());
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

// The engine alone: evidence in, assessment (differential, scores, rules, advice) out, with the
// default explanations (the leading and suspected conditions).
void BM_Assess(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.engine.assess(f.cases[i++ % f.cases.size()].evidence));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Assess);

// The same with every condition explained (`?explain=all`).
void BM_AssessExplainAll(benchmark::State& state) {
  auto& f = fixture();
  const fossa::AssessOptions all{fossa::Explain::kAll};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.engine.assess(f.cases[i++ % f.cases.size()].evidence, all));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_AssessExplainAll);

// The disposition alone (what the interview evaluates many times per question).
void BM_Disposition(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.engine.disposition(f.cases[i++ % f.cases.size()].evidence));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Disposition);

// A request end to end without I/O: parse the case JSON, assess, write the assessment JSON.
void BM_ParseAssessWrite(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) {
    const std::string& line = f.lines[i++ % f.lines.size()];
    auto parsed = fossa::parse_case(line, f.engine.kb());
    auto assessment = f.engine.assess(parsed->evidence);
    benchmark::DoNotOptimize(f.writer.write(assessment, parsed->evidence.setting, parsed->id, &parsed->evidence));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseAssessWrite);

// Parsing a case alone.
void BM_Parse(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(fossa::parse_case(f.lines[i++ % f.lines.size()], f.engine.kb()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Parse);

// Writing an assessment alone.
void BM_Write(benchmark::State& state) {
  auto& f = fixture();
  std::vector<fossa::Assessment> assessments;
  for (const auto& c : f.cases) assessments.push_back(f.engine.assess(c.evidence));
  size_t i = 0;
  for (auto _ : state) {
    size_t k = i++ % f.cases.size();
    benchmark::DoNotOptimize(f.writer.write(assessments[k], f.cases[k].evidence.setting, f.cases[k].id, &f.cases[k].evidence));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Write);

}  // namespace

BENCHMARK_MAIN();
