// Fuzz target: any bytes as free text (fossa/extract.h). Reading must fail cleanly (not text, too
// long) or give an extraction that writes as JSON and merges into evidence the engine can assess;
// nothing may crash, hang or leak. Built with libFuzzer by fuzz/run.sh; the tests replay
// fuzz/corpus/extract/ with every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fossa/engine.h"
#include "fossa/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fossa::Engine engine(fossa::builtin_knowledge_base());
  static const fossa::Extractor extractor(engine.kb_ptr());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  fossa::ExtractOptions options;
  options.today = fossa::CivilDate{2024, 5, 31};
  auto read = extractor.extract(text, fossa::Setting::kPatient, options);
  if (!read) return 0;
  (void)fossa::extraction_json(*read, engine.kb(), text);
  fossa::Evidence merged = fossa::merge_under(fossa::Evidence(engine.kb()), *read);
  (void)engine.assess(merged);
  if (!read->mentions.empty()) {
    const fossa::Mention& first = read->mentions.front();
    (void)extractor.assertion(text, first.begin, first.end);
  }
  return 0;
}
