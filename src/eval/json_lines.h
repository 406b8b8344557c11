// Reading a JSON Lines file of records (cases, labelled texts) for the evaluation: one record per
// line, blank lines skipped, lines read in bounded memory; the first bad line is an error naming
// `path:line` and, after it, where in the line.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/input.h"
#include "fossa/result.h"

namespace fossa::eval {

// `parse(line)` gives a Result<T>; `done(record, line_number)` may complete a record.
template <class T, class Parse, class Done>
Result<std::vector<T>> read_json_lines(const std::string& path, const char* what, Parse parse, Done done) {
  std::ifstream in;
  if (auto opened = open_file(in, path, what); !opened) return opened.error();
  std::vector<T> out;
  std::string line;
  LineReader reader(in, ParseOptions{}.max_bytes);
  while (reader.next(line)) {
    const size_t number = reader.number();
    if (reader.too_long()) {
      return Error{ErrorCode::kOutOfRange, "the line is over " + std::to_string(ParseOptions{}.max_bytes) + " bytes",
                   path + ":" + std::to_string(number)};
    }
    if (is_blank(line)) continue;
    auto parsed = parse(line);
    if (!parsed) {
      Error error = parsed.error();
      error.where = path + ":" + std::to_string(number) + (error.where.empty() ? "" : " " + error.where);
      return error;
    }
    done(*parsed, number);
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace fossa::eval
