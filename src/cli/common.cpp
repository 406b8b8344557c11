#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"

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

Result<std::string> read_input(const std::string& path) {
  std::stringstream text;
  if (path == "-") {
    if (isatty(STDIN_FILENO)) {
      return Error{ErrorCode::kUsage, "no input: give a FILE, or pipe JSON into standard input", ""};
    }
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "cannot open the file", path};
  text << in.rdbuf();
  return text.str();
}

void print_error(const Error& error) { std::fprintf(stderr, "fossa: %s\n", error.to_string().c_str()); }

}  // namespace fossa::cli
