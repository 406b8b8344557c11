// `fossa eval FILE`: accuracy and safety metrics over a case file.
#include <cstdio>

#include "cli/commands.h"
#include "fossa/evaluation.h"

namespace fossa::cli {
namespace {

struct EvalOptions {
  std::string file;
  bool json = false;
};

int run(const GlobalOptions& global, const EvalOptions& options) {
  auto kb = load_kb(global);
  if (!kb) return 1;
  auto cases = read_cases(options.file, *kb);
  if (!cases) {
    print_error(cases.error());
    return 1;
  }
  Engine engine(kb);
  Metrics metrics = evaluate(engine, *cases);
  std::string out = options.json ? metrics_json(metrics) + "\n" : metrics_text(metrics, *kb);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_eval(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* command = app.add_subcommand("eval", "Run every case of a JSON Lines case file and print accuracy and safety metrics");
  command->add_option("file", options->file, "Case file (JSON Lines, shared/cases format)")->required();
  command->add_flag("--json", options->json, "Print one JSON object with the metrics");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
