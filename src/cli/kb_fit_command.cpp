// `fossa kb fit --kb DIR CASEFILE...`: fits the likelihood ratios (docs/evidence.md) and writes
// fitted.yaml (--out), or checks that the committed one is what the inputs give (--check); with
// --cv K, prints the K-fold cross-validated accuracy of the fit on the case files.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "fossa/fit.h"

namespace fossa::cli {
namespace {

struct FitCommandOptions {
  std::vector<std::string> case_files;
  std::string out;
  std::string check;
  int cv = 0;
  FitOptions fit;
};

void print_metrics(const char* name, const Metrics& metrics) {
  std::printf("%-13s cases %3zu  top1 %.3f  top3 %.3f  brier %.4f  disposition_exact %.3f  unsafe %zu\n", name,
              metrics.cases, metrics.top1, metrics.top3, metrics.brier, metrics.disposition_exact, metrics.unsafe);
}

int run(const GlobalOptions& global, const FitCommandOptions& options) {
  if (global.kb_dir.empty()) {
    print_error(Error{ErrorCode::kUsage, "give the knowledge base directory to fit: fossa kb fit --kb knowledge CASEFILE...", ""});
    return 2;
  }
  LoadOptions inputs;
  inputs.apply_fitted = false;
  auto base = load_knowledge_base(global.kb_dir, inputs);
  if (!base) {
    print_error(base.error());
    return 1;
  }
  std::vector<Case> cases;
  for (const std::string& file : options.case_files) {
    auto read = read_cases(file, **base);
    if (!read) {
      print_error(read.error());
      return 1;
    }
    cases.insert(cases.end(), read->begin(), read->end());
  }
  if (options.cv > 1) {
    CrossValidation cv = cross_validate(**base, cases, options.cv, options.fit);
    std::printf("%d-fold cross-validation (each fold fitted without its own cases):\n", cv.folds);
    print_metrics("presentation", cv.presentation);
    print_metrics("with tests", cv.workup);
  }
  auto fitted = fit_likelihoods(**base, cases, options.fit);
  std::string yaml = fitted_yaml(fitted, **base, options.fit, options.case_files);
  size_t counts[3] = {0, 0, 0};
  for (const auto& pair : fitted) ++counts[static_cast<int>(pair.provenance)];
  std::fprintf(stderr, "fitted %zu pairs: %zu published, %zu fitted, %zu estimate\n", fitted.size(), counts[0], counts[1],
               counts[2]);
  if (!options.check.empty()) {
    std::ifstream in(options.check, std::ios::binary);
    std::stringstream committed;
    committed << in.rdbuf();
    if (!in || committed.str() != yaml) {
      print_error(Error{ErrorCode::kInvalidKnowledge,
                        "is not what the fit gives from the inputs: run `make fit` and review the change with fossa kb diff",
                        options.check});
      return 1;
    }
    std::printf("ok: %s is what the fit gives\n", options.check.c_str());
    return 0;
  }
  if (options.out.empty()) {
    std::fwrite(yaml.data(), 1, yaml.size(), stdout);
  } else {
    std::ofstream(options.out, std::ios::binary) << yaml;
  }
  return 0;
}

}  // namespace

void add_kb_fit(CLI::App& kb, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<FitCommandOptions>();
  CLI::App* command = kb.add_subcommand("fit", "Fit the likelihood ratios to the published figures and the case corpus (docs/evidence.md)");
  command->add_option("cases", options->case_files, "Case files of the corpus's fitting part (JSON Lines)")->required();
  command->add_option("--out", options->out, "Write fitted.yaml here (default: standard output)");
  command->add_option("--check", options->check, "Compare with this fitted.yaml instead; exit 1 when it differs");
  command->add_option("--cv", options->cv, "Also print K-fold cross-validated accuracy (K at least 2)");
  command->add_option("--published-weight", options->fit.published_weight, "Pseudo-cases a published figure is worth")
      ->capture_default_str();
  command->add_flag("--history", options->fit.history, "Also fit history and examination findings from their published figures");
  command->add_flag("--fit-estimates", options->fit.fit_estimates, "Also fit the pairs without a published figure");
  command->add_option("--estimate-weight", options->fit.estimate_weight, "Pseudo-cases an estimate is worth")->capture_default_str();
  command->footer("Example:\n  fossa kb fit --kb knowledge tests/cases/published.jsonl tests/cases/published_workup.jsonl --cv 5 --out knowledge/fitted.yaml");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
