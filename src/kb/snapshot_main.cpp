// fossa_kb_snapshot DIR OUT: loads and validates the knowledge base in DIR (the YAML files) and
// writes its compiled snapshot (snapshot.h) to OUT. Run by the build; a knowledge base with any
// problem fails the build with the problems listed, one per line, each with its file and line.
#include <cstdio>
#include <fstream>

#include "kb/snapshot.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fossa_kb_snapshot KNOWLEDGE_DIR OUT\n");
    return 2;
  }
  auto loaded = fossa::load_knowledge_base(argv[1]);
  if (!loaded) {
    std::fprintf(stderr, "fossa: the knowledge base is invalid:\n%s\n", loaded.error().to_string().c_str());
    return 1;
  }
  std::string bytes = fossa::kb::write_snapshot(**loaded);
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "fossa_kb_snapshot: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
