// `fossa parse [FILE|-]`: a description in a person's own words in, the findings read from it out
// (fossa/extract.h); --batch for JSON Lines of {"text": ...}.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "fossa/case_io.h"
#include "fossa/extract.h"
#include "fossa/input.h"

namespace fossa::cli {
namespace {

struct ParseOptions {
  std::string input = "-";
  bool batch = false;
  std::string setting = "patient";
  std::string today;  // YYYY-MM-DD, for "since Tuesday"
};

int run_batch(const Extractor& extractor, std::istream& in, const ExtractOptions& defaults, Setting setting) {
  BatchWords words{"the line is over " + std::to_string(kMaxInputBytes) + " bytes",
                   "the line is empty: write one request (a JSON object) per line"};
  return run_json_lines(in, words, [&](const std::string& line, std::string& id) -> Result<std::string> {
    Result<TextRequest> request = parse_text_request(line);
    if (!request) {
      id = case_id_of(line);
      return request.error();
    }
    id = request->id;
    ExtractOptions options = defaults;
    if (request->options.today) options.today = request->options.today;
    auto read = extractor.extract(request->text, request->setting.value_or(setting), options);
    if (!read) {
      Error error = read.error();
      error.where = "/text";
      return error;
    }
    return extraction_json(*read, extractor.kb(), request->text, request->id);
  });
}

int run(const GlobalOptions& global, const ParseOptions& options) {
  ExtractOptions extract_options;
  if (!options.today.empty()) {
    extract_options.today = parse_date(options.today);
    if (!extract_options.today) {
      print_error({ErrorCode::kUsage, "`" + options.today + "` is not a date: write it as YYYY-MM-DD", "--today"});
      return 2;
    }
  }
  Setting setting = parse_setting(options.setting).value_or(Setting::kPatient);  // checked by the option
  auto kb = load_kb(global);
  if (!kb) return 1;
  Extractor extractor(kb);
  if (options.batch) {
    if (options.input == "-") return run_batch(extractor, std::cin, extract_options, setting);
    std::ifstream in;
    if (auto opened = open_file(in, options.input); !opened) {
      print_error(opened.error());
      return 1;
    }
    return run_batch(extractor, in, extract_options, setting);
  }
  auto text = read_input(options.input);
  if (!text) {
    print_error(text.error());
    return text.error().code == ErrorCode::kUsage ? 2 : 1;
  }
  auto read = extractor.extract(*text, setting, extract_options);
  if (!read) {
    print_error(read.error());
    return 1;
  }
  std::string out = extraction_json(*read, *kb, *text);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_parse(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* command = app.add_subcommand("parse", "Read a description in a person's own words (English) and print the findings it gives");
  command->add_option("input", options->input, "Text file, or - for standard input")->capture_default_str();
  command->add_flag("--batch", options->batch,
                    "Read JSON Lines ({\"text\": ..., \"id\", \"setting\", \"today\"}) and write one extraction per line");
  command->add_option("--setting", options->setting, "Who wrote it: the person (patient) or a clinician")
      ->check(CLI::IsMember({"patient", "clinician"}))
      ->capture_default_str();
  command->add_option("--today", options->today, "Today's date (YYYY-MM-DD), to read \"since Tuesday\"");
  command->footer("Example:\n  echo 'My calf is swollen since Tuesday, no fever' | fossa parse --today 2024-05-31");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
