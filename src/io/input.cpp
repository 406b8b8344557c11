#include "fossa/input.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>

namespace fossa {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

void drop_byte_order_mark(std::string& text) {
  if (std::string_view(text).starts_with(kByteOrderMark)) text.erase(0, kByteOrderMark.size());
}

}  // namespace

Status open_file(std::ifstream& in, const std::string& path, std::string_view what) {
  std::error_code ignored;
  // A directory opens on Linux and reads as nothing: refuse it by name.
  if (std::filesystem::is_directory(path, ignored)) return file_error(path, what);
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in) return file_error(path, what);
  return Ok{};
}

Result<std::string> read_bounded(std::istream& in, size_t max_bytes, const std::string& name) {
  const size_t keep = max_bytes + kByteOrderMark.size();  // a mark does not count
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= keep) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, keep + 1 - text.size())));
    size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    text.append(chunk, got);
  }
  if (in.bad()) return Error{ErrorCode::kIo, "cannot read the input", name};
  drop_byte_order_mark(text);
  if (text.size() > max_bytes) {
    return Error{ErrorCode::kOutOfRange, "the input is over " + std::to_string(max_bytes) +
                                             " bytes, the most accepted; it was not read further", name};
  }
  return text;
}

bool LineReader::next(std::string& line) {
  line.clear();
  too_long_ = false;
  // A few bytes more than the limit are kept: a "\r" before the "\n", a byte-order mark on line 1.
  const size_t keep = max_line_bytes_ + 1 + kByteOrderMark.size();
  std::streambuf* buffer = in_.rdbuf();
  bool any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') break;
    if (line.size() < keep) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long_ = true;
    }
  }
  if (!any) {
    in_.setstate(std::ios::eofbit);
    return false;
  }
  ++number_;
  if (!too_long_ && !line.empty() && line.back() == '\r') line.pop_back();
  if (number_ == 1) drop_byte_order_mark(line);
  if (line.size() > max_line_bytes_) {
    too_long_ = true;
    line.resize(max_line_bytes_);
  }
  return true;
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace fossa
