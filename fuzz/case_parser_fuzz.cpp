// Fuzz target: any bytes as a case. Parsing must fail cleanly or produce evidence the engine can
// assess and write; nothing may crash, hang or leak. Built with libFuzzer by fuzz/run.sh, and
// replayed over fuzz/corpus/ by the tests with every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fossa/case_io.h"
#include "fossa/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fossa::Engine engine(fossa::builtin_knowledge_base());
  static const fossa::AssessmentJsonWriter writer(engine.kb());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = fossa::parse_case(text, engine.kb());
  if (!parsed) {
    (void)fossa::error_json(parsed.error());
    return 0;
  }
  // Both explanations, chosen by the input's length.
  fossa::AssessOptions options;
  if (size % 2 == 1) options.explain = fossa::Explain::kAll;
  fossa::Assessment assessment = engine.assess(parsed->evidence, options);
  (void)writer.write(assessment, parsed->evidence.setting, parsed->id, &parsed->evidence);
  (void)fossa::assessment_text(assessment, engine.kb(), parsed->evidence.setting);
  return 0;
}
