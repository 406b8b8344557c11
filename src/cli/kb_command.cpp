// `fossa kb check`: validates a knowledge base directory (or the built-in one); `kb fit` and `kb diff`
// have their own files.
#include <cstdio>

#include "cli/commands.h"

namespace fossa::cli {

void add_kb(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* command = app.add_subcommand("kb", "Work with the knowledge base");
  command->require_subcommand(1);
  CLI::App* check = command->add_subcommand(
      "check", "Validate the knowledge base (--kb DIR, or the built-in one): ids, ranges, sources, vocabulary");
  check->callback([&global, &exit_code] {
    if (global.kb_dir.empty()) {
      auto checked = check_builtin_knowledge_base();
      if (!checked) {
        std::fprintf(stderr, "%s\n", checked.error().to_string().c_str());
        exit_code = 1;
        return;
      }
      const auto& kb = *checked;
      std::printf("ok: built-in knowledge base %s %s (%s): %zu findings, %zu conditions, %zu rules, %zu scores, %zu sources\n",
                  kb->name.c_str(), kb->version.c_str(), kb->hash.c_str(), kb->findings.size(), kb->conditions.size(),
                  kb->rules.size(), kb->scores.size(), kb->sources.size());
      exit_code = 0;
      return;
    }
    auto loaded = load_knowledge_base(global.kb_dir);
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().to_string().c_str());
      exit_code = 1;
      return;
    }
    const KnowledgeBase& kb = **loaded;
    std::printf("ok: %s %s (%s): %zu findings, %zu conditions, %zu rules, %zu scores, %zu sources\n", kb.name.c_str(),
                kb.version.c_str(), kb.hash.c_str(), kb.findings.size(), kb.conditions.size(), kb.rules.size(),
                kb.scores.size(), kb.sources.size());
    exit_code = 0;
  });
  add_kb_fit(*command, global, exit_code);
  add_kb_diff(*command, exit_code);
}

}  // namespace fossa::cli
