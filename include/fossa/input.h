// Input in bounded memory: whole files up to a limit, and JSON Lines one line at a time, each line
// up to a limit, so a 50 MB case costs what a refusal costs. A UTF-8 byte-order mark at the start is
// dropped (editors on Windows write one).
#pragma once

#include <fstream>
#include <istream>
#include <string>

#include "fossa/result.h"

namespace fossa {

// Opens `path` for reading into `in`. Errors (kIo, `where` the path): a directory, a file that
// cannot be opened, with the reason (fossa/error.h file_error). `what` names the file's role.
Status open_file(std::ifstream& in, const std::string& path, std::string_view what = "the file");

// Reads all of `in`, at most `max_bytes`: kOutOfRange as soon as more arrive (the rest is not read).
// `name` is the error's `where`. A leading byte-order mark is dropped.
Result<std::string> read_bounded(std::istream& in, size_t max_bytes, const std::string& name);

// Reads `in` line by line. Not thread-safe; `in` must outlive the reader.
class LineReader {
 public:
  LineReader(std::istream& in, size_t max_line_bytes) : in_(in), max_line_bytes_(max_line_bytes) {}

  // The next line, without its "\n" or "\r\n" (and without the byte-order mark on line 1): true,
  // with `line` set; false at the end of the input. A line longer than max_line_bytes is read to
  // its end but not kept: `line` holds its first max_line_bytes and too_long() is true.
  bool next(std::string& line);

  bool too_long() const { return too_long_; }
  size_t number() const { return number_; }  // 1-based number of the line last returned

 private:
  std::istream& in_;
  size_t max_line_bytes_;
  size_t number_ = 0;
  bool too_long_ = false;
};

// Whether `line` holds nothing but spaces, tabs and a carriage return.
bool is_blank(std::string_view line);

}  // namespace fossa
