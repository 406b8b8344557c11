// Reading free text against assessing: microseconds to read a 100-word description
// (fossa/extract.h) and to assess one case, measured in the same run; bench/run.sh prints their
// ratio (goal: reading costs no more than an assessment).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "fossa/engine.h"
#include "fossa/evaluation.h"
#include "fossa/extract.h"

namespace {

// 100 words of lay description, with negation, a hedge, numbers and a misspelling.
const char* const kHundredWords =
    "I'm 45 and the back of my knee has been killing me since Tuesday. No swelling or redness that I "
    "can see, but my calf feels tight and maybe a bit warm. I flew back from Bali on Sunday, a 9-hour "
    "flight, and I was sitting the whole time. I can walk fine although stairs hurt, and it is worse "
    "when I run. I had a clot 10 years ago after surgery. My mother had a DVT too. No fever, not short "
    "of breath, no chest pain. It feels swolen in the evening and I think it's getting worse every day.";

struct Fixture {
  fossa::Engine engine{fossa::builtin_knowledge_base()};
  fossa::Extractor extractor{engine.kb_ptr()};
  std::vector<fossa::Case> cases = *fossa::read_cases(std::string(FOSSA_SOURCE_DIR) + "/tests/cases/dev.jsonl", engine.kb());
  fossa::ExtractOptions options;
  Fixture() { options.today = fossa::CivilDate{2024, 5, 31}; }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

void BM_Extract100Words(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.extractor.extract(kHundredWords, fossa::Setting::kPatient, f.options));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Extract100Words);

void BM_Assess(benchmark::State& state) {
  auto& f = fixture();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f.engine.assess(f.cases[i++ % f.cases.size()].evidence));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Assess);

// Compiling the lexicon, once per process (the server and the command line do it at start).
void BM_CompileLexicon(benchmark::State& state) {
  auto kb = fossa::builtin_knowledge_base();
  // The lexicon is compiled on first use: read one word to pay for it.
  for (auto _ : state) {
    fossa::Extractor extractor(kb);
    benchmark::DoNotOptimize(extractor.extract("knee", fossa::Setting::kPatient));
  }
}
BENCHMARK(BM_CompileLexicon)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
