// `fossa assess [FILE|-]`: one case in, its assessment out; --batch for JSON Lines. A case's `text`
// adds the findings read from it beneath its evidence (fossa/extract.h).
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/extract.h"
#include "fossa/input.h"

namespace fossa::cli {
namespace {

struct AssessOptions {
  std::string input = "-";
  bool batch = false;
  std::string format = "json";
  std::string explain = "leading";  // "all": every condition's raised_by and lowered_by
};

// The assessment of `c`, with the findings of its `text` beneath its evidence; an error when the
// text cannot be read.
// What is needed to write one assessment: the engine, the text reader and the JSON writer (the
// knowledge base's text escaped once), built once per run.
struct Renderer {
  const Engine& engine;
  const Extractor& extractor;
  const AssessmentJsonWriter& writer;
  const fossa::AssessOptions& assess;  // not this command's options (AssessOptions here)
  const std::string& format;
};

Result<std::string> render(const Renderer& with, const Case& c) {
  auto read = read_case_text(c, with.extractor);
  if (!read) return read.error();
  Evidence evidence = merge_under(c.evidence, *read);
  Assessment assessment = with.engine.assess(evidence, with.assess);
  if (with.format == "text") return assessment_text(assessment, with.engine.kb(), evidence.setting);
  return with.writer.write(assessment, evidence.setting, c.id, &evidence);
}

// One output line per input line: an assessment, or an error object (with the case's id when it
// has one), so nothing is lost silently. Each line is read in bounded memory.
int run_batch(const Renderer& with, std::istream& in) {
  BatchWords words{"the line is over " + std::to_string(kMaxInputBytes) + " bytes, the most a case may have",
                   "the line is empty: write one case (a JSON object) per line"};
  return run_json_lines(in, words, [&](const std::string& line, std::string& id) -> Result<std::string> {
    auto parsed = parse_case(line, with.engine.kb());
    if (!parsed) {
      id = case_id_of(line);
      return parsed.error();
    }
    id = parsed->id;
    return render(with, *parsed);
  });
}

int run(const GlobalOptions& global, const AssessOptions& options) {
  auto kb = load_kb(global);
  if (!kb) return 1;
  Engine engine(kb);
  Extractor extractor(kb);
  AssessmentJsonWriter writer(*kb);
  fossa::AssessOptions assess;
  if (options.explain == "all") assess.explain = Explain::kAll;
  Renderer with{engine, extractor, writer, assess, options.format};
  if (options.batch) {
    if (options.input == "-") return run_batch(with, std::cin);
    std::ifstream in;
    if (auto opened = open_file(in, options.input, "the case file"); !opened) {
      print_error(opened.error());
      return 1;
    }
    return run_batch(with, in);
  }
  auto text = read_input(options.input);
  if (!text) {
    print_error(text.error());
    return text.error().code == ErrorCode::kUsage ? 2 : 1;
  }
  auto parsed = parse_case(*text, *kb);
  if (!parsed) {
    print_error(parsed.error());
    return 1;
  }
  auto out = render(with, *parsed);
  if (!out) {
    print_error(out.error());
    return 1;
  }
  std::fwrite(out->data(), 1, out->size(), stdout);
  if (options.format == "json") std::fputc('\n', stdout);
  return 0;
}

}  // namespace

void add_assess(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<AssessOptions>();
  CLI::App* command = app.add_subcommand("assess", "Assess one case (JSON, the case format) and print the assessment");
  command->add_option("input", options->input, "Case file, or - for standard input")->capture_default_str();
  command->add_flag("--batch", options->batch, "Read JSON Lines (one case per line) and write one assessment per line");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  command->add_option("--explain", options->explain,
                      "Which conditions get raised_by and lowered_by: the five most likely and the suspected ones "
                      "(leading), or all")
      ->check(CLI::IsMember({"leading", "all"}))
      ->capture_default_str();
  command->footer(
      "Example:\n  echo '{\"setting\":\"patient\",\"evidence\":{\"age\":58,\"calf_swelling\":true}}' | fossa assess --format text");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
