// `fossa kb diff OLD NEW CASEFILE...`: what a knowledge change does to the cases.
#include <cstdio>

#include "cli/commands.h"
#include "fossa/evaluation.h"

namespace fossa::cli {
namespace {

struct DiffOptions {
  std::string old_dir;
  std::string new_dir;
  std::vector<std::string> case_files;
  bool json = false;
};

int run(const DiffOptions& options) {
  std::shared_ptr<const KnowledgeBase> kbs[2];
  const std::string* dirs[2] = {&options.old_dir, &options.new_dir};
  for (int i = 0; i < 2; ++i) {
    auto loaded = load_knowledge_base(*dirs[i]);
    if (!loaded) {
      print_error(loaded.error());
      return 1;
    }
    kbs[i] = *loaded;
  }
  auto diff = diff_knowledge(Engine(kbs[0]), Engine(kbs[1]), options.case_files);
  if (!diff) {
    print_error(diff.error());
    return 1;
  }
  std::string out = options.json ? knowledge_diff_json(*diff) + "\n"
                                 : "fossa kb diff " + options.old_dir + " -> " + options.new_dir + "\n" + knowledge_diff_text(*diff);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_kb_diff(CLI::App& kb, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* command = kb.add_subcommand(
      "diff",
      "What a knowledge change does to the cases: every case whose disposition or top three changed (old -> new), and "
      "each metric before, after and the change, per case file and for all");
  command->footer(
      "Example: review a change to knowledge/ before merging it\n"
      "  git archive main knowledge | tar -x -C /tmp/old\n"
      "  fossa kb diff /tmp/old/knowledge knowledge tests/cases/dev.jsonl tests/cases/reports.jsonl");
  command->add_option("old", options->old_dir, "Knowledge base directory before the change")->required();
  command->add_option("new", options->new_dir, "Knowledge base directory after the change")->required();
  command->add_option("casefiles", options->case_files, "Case files (JSON Lines, shared/cases format)")->required();
  command->add_flag("--json", options->json, "Print one JSON object: changes, and per file and for all each metric's before, after and delta");
  command->callback([&exit_code, options] { exit_code = run(*options); });
}

}  // namespace fossa::cli
