#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "fossa/case_io.h"
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

int run_json_lines(std::istream& in, const BatchWords& words,
                   const std::function<Result<std::string>(const std::string& line, std::string& id)>& handle) {
  std::string line;
  std::string out;
  int exit_code = 0;
  LineReader reader(in, kMaxInputBytes);
  while (reader.next(line)) {
    Result<std::string> rendered = Error{ErrorCode::kInternal, "", ""};
    std::string id;
    if (reader.too_long()) {
      rendered = Error{ErrorCode::kOutOfRange, words.too_long, ""};
    } else if (is_blank(line)) {
      rendered = Error{ErrorCode::kMalformedJson, words.blank, ""};
    } else {
      rendered = handle(line, id);
    }
    if (!rendered) {
      Error error = rendered.error();
      error.where = "line " + std::to_string(reader.number()) + (error.where.empty() ? "" : " " + error.where);
      print_error(error);
      // One output line per input line: nothing is lost silently.
      out += error_json(error, id);
      exit_code = 1;
    } else {
      out += *rendered;
    }
    out += '\n';
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_code;
}

}  // namespace fossa::cli
