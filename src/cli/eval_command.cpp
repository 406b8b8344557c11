// `fossa eval FILE`: accuracy and safety metrics over a case file.
#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "fossa/evaluation.h"

namespace fossa::cli {
namespace {

struct EvalOptions {
  std::string file;
  bool json = false;
  std::string mode = "full";  // full: every case with all its evidence; interview: replayed as an interview
  bool transcript = false;    // interview mode: print the questions asked of each case; text mode: every miss
  bool from_text = false;     // interview mode: start each interview from what the case's text says
};

// One line per case: its id, expected and given disposition, why the interview stopped, the
// questions asked in order, and the three leading causes it ended with.
std::string transcript(const Metrics& metrics, const KnowledgeBase& kb) {
  std::string out;
  for (const CaseOutcome& outcome : metrics.outcomes) {
    out += outcome.id + "  " +
           (outcome.expected_disposition ? std::string(disposition_id(*outcome.expected_disposition)) : "-") + " -> " +
           std::string(disposition_id(outcome.disposition)) + "  " + std::to_string(outcome.questions) + " (" +
           std::string(stop_reason_id(outcome.stop)) + "):";
    for (const auto& id : outcome.asked) out += " " + id;
    std::vector<size_t> order(outcome.probabilities.size());
    for (size_t c = 0; c < order.size(); ++c) order[c] = c;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return outcome.probabilities[a] > outcome.probabilities[b]; });
    out += "  | leading:";
    for (size_t i = 0; i < order.size() && i < 3; ++i) {
      char share[16];
      std::snprintf(share, sizeof share, " %.0f%%", outcome.probabilities[order[i]] * 100);
      out += " " + kb.conditions[order[i]].id + share;
    }
    out += "\n";
  }
  return out;
}

int run(const GlobalOptions& global, const EvalOptions& options) {
  auto kb = load_kb(global);
  if (!kb) return 1;
  if (options.from_text && options.mode != "interview") {
    print_error({ErrorCode::kUsage, "--from-text goes with --mode interview", "--from-text"});
    return 2;
  }
  if (options.mode == "text") {
    auto texts = read_labelled_texts(options.file, *kb);
    if (!texts) {
      print_error(texts.error());
      return 1;
    }
    ExtractionMetrics metrics = evaluate_extraction(Extractor(kb), *texts);
    std::string out = options.json ? extraction_metrics_json(metrics) + "\n" : extraction_metrics_text(metrics, options.transcript);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  auto cases = read_cases(options.file, *kb);
  if (!cases) {
    print_error(cases.error());
    return 1;
  }
  Engine engine(kb);
  Metrics metrics;
  if (options.mode == "interview") {
    Interview interview(engine);
    metrics = options.from_text ? evaluate_interview_from_text(interview, Extractor(kb), *cases)
                                : evaluate_interview(interview, *cases);
  } else {
    metrics = evaluate(engine, *cases);
  }
  std::string out = options.json ? metrics_json(metrics) + "\n" : metrics_text(metrics, *kb);
  if (options.transcript && metrics.interview) out += "\nquestions asked:\n" + transcript(metrics, *kb);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_eval(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* command = app.add_subcommand("eval", "Run every case of a JSON Lines case file and print accuracy and safety metrics");
  command->add_option("file", options->file, "Case file (JSON Lines, shared/cases format)")->required();
  command->add_flag("--json", options->json, "Print one JSON object with the metrics");
  command->add_option("--mode", options->mode,
                      "full: assess each case with all its evidence; interview: replay each case as an adaptive "
                      "interview answered from its evidence (\"don't know\" to anything else); text: read the "
                      "texts of a labelled text file (tests/text/README.md) and compare with their labels")
      ->check(CLI::IsMember({"full", "interview", "text"}))
      ->capture_default_str();
  command->add_flag("--transcript", options->transcript,
                    "Interview mode: list the questions asked of each case; text mode: list every miss");
  command->add_flag("--from-text", options->from_text,
                    "Interview mode: start each interview from what the case's `text` says (fossa parse)");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
