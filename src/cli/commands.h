// The sub-commands of `fossa`. Each registers its options on the CLI11 app and returns the process
// exit code when run: 0 success, 1 bad input or failed check, 2 wrong usage, 3 an interview whose
// input ended before it did.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "fossa/knowledge_base.h"

namespace fossa::cli {

// Options shared by every command.
struct GlobalOptions {
  std::string kb_dir;  // empty: the built-in knowledge base
};

// Loads the knowledge base chosen by `options`, printing the error to stderr on failure.
std::shared_ptr<const KnowledgeBase> load_kb(const GlobalOptions& options);

// The longest input a command reads whole, and the longest line of JSON Lines: the body limit of
// a case (fossa/case_io.h ParseOptions::max_bytes).
inline constexpr size_t kMaxInputBytes = 1 << 20;

// Reads a whole file, or standard input for "-", in bounded memory: kOutOfRange as soon as it is
// over `max_bytes` (the rest is not read); a leading byte-order mark is dropped. Fails when
// standard input is a terminal, so a command never waits silently for input that is not coming,
// and names the reason a file cannot be read (a directory, permission denied, no such file).
Result<std::string> read_input(const std::string& path, size_t max_bytes = kMaxInputBytes);

// Prints an error to stderr as "fossa: where: message".
void print_error(const Error& error);

// The messages of a batch for a line too long and a blank line.
struct BatchWords {
  std::string too_long;  // "the line is over N bytes..."
  std::string blank;     // "the line is empty: ..."
};

// `--batch`: one output line per line of `in` (JSON Lines), written in blocks: `handle(line, id)`
// gives the line's JSON (and sets `id` when it knows one) or an error; an error, a blank line and a
// line over kMaxInputBytes are printed to stderr with their line number and written in place as
// an error object carrying the id. Returns 1 when any line failed, else 0.
int run_json_lines(std::istream& in, const BatchWords& words,
                   const std::function<Result<std::string>(const std::string& line, std::string& id)>& handle);

void add_assess(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_eval(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_interview(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_kb(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_parse(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_kb_fit(CLI::App& kb, const GlobalOptions& global, int& exit_code);  // `kb fit`, under `kb`
void add_kb_diff(CLI::App& kb, int& exit_code);                              // `kb diff`, under `kb`
void add_serve(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fossa::cli
