// The built-in knowledge base: the snapshot the build wrote from knowledge/ (fossa_kb_snapshot),
// compiled into the binary as bytes, and the YAML files themselves for `fossa kb check`.
#include <cstdio>
#include <cstdlib>

#include "kb/embedded.h"
#include "kb/loader.h"
#include "kb/snapshot.h"

// The snapshot's bytes, placed in read-only data by the assembler (FOSSA_KB_SNAPSHOT is its path
// in the build directory), so a megabyte of data costs no compile time.
extern "C" const char fossa_kb_snapshot_begin[];
extern "C" const char fossa_kb_snapshot_end[];
asm(".section .rodata\n"
    ".balign 16\n"
    ".global fossa_kb_snapshot_begin\n"
    "fossa_kb_snapshot_begin:\n"
    ".incbin \"" FOSSA_KB_SNAPSHOT "\"\n"
    ".global fossa_kb_snapshot_end\n"
    "fossa_kb_snapshot_end:\n"
    ".byte 0\n"
    ".previous\n");

namespace fossa {

std::shared_ptr<const KnowledgeBase> builtin_knowledge_base() {
  // Never destroyed: freeing a few thousand strings at exit would cost a command more than reading
  // them did; the memory stays reachable, so leak checkers do not report it.
  static const auto* kb = [] {
    auto read = kb::read_snapshot(std::string_view(fossa_kb_snapshot_begin,
                                                   static_cast<size_t>(fossa_kb_snapshot_end - fossa_kb_snapshot_begin)),
                                 kb::Reading::kOnFirstUse);
    if (!read) {
      std::fprintf(stderr, "fossa: %s\n", read.error().to_string().c_str());
      std::abort();
    }
    return new std::shared_ptr<const KnowledgeBase>(std::move(*read));
  }();
  return *kb;
}

Result<std::shared_ptr<const KnowledgeBase>> check_builtin_knowledge_base() {
  kb::Files files;
  for (const auto& file : kb::embedded_files()) files[std::string(file.path)] = std::string(file.text);
  auto loaded = kb::Loader(std::move(files)).run();
  if (!loaded) return loaded.error();
  if (kb::write_snapshot(**loaded) != kb::write_snapshot(*builtin_knowledge_base())) {
    return Error{ErrorCode::kInternal,
                 "the compiled knowledge base differs from the YAML files built into this binary: rebuild", ""};
  }
  return loaded;
}

}  // namespace fossa
