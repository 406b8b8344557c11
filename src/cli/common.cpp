#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "fossa/input.h"

namespace fossa::cli {

std::shared_ptr<const KnowledgeBase> load_kb(const GlobalOptions& options) {
  if (options.kb_dir.empty()) return builtin_knowledge_base();
  auto loaded = load_knowledge_base(options.kb_dir);
  if (!loaded) {
    print_error(loaded.error());
    return nullptr;
  }
  return *loaded;
}

Result<std::string> read_input(const std::string& path, size_t max_bytes) {
  if (path == "-") {
    if (isatty(STDIN_FILENO)) {
      return Error{ErrorCode::kUsage, "no input: give a FILE, or pipe JSON into standard input", ""};
    }
    return read_bounded(std::cin, max_bytes, "standard input");
  }
  std::ifstream in;
  if (auto opened = open_file(in, path); !opened) return opened.error();
  return read_bounded(in, max_bytes, path);
}

void print_error(const Error& error) { std::fprintf(stderr, "fossa: %s\n", error.to_string().c_str()); }

}  // namespace fossa::cli
