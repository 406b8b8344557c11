#include "fossa/json_writer.h"

#include <boost/json.hpp>

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>

namespace fossa {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    uint64_t bit = uint64_t{1} << (depth_ - 1);
    if (has_elements_ & bit) out_ += ',';
    has_elements_ |= bit;
  }
}

void JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  assert(depth_ < 64);
  ++depth_;
  has_elements_ &= ~(uint64_t{1} << (depth_ - 1));
}

void JsonWriter::close(char bracket) {
  assert(depth_ > 0 && !after_key_);
  --depth_;
  out_ += bracket;
}

void JsonWriter::key(std::string_view name) {
  separate();
  string(name);
  out_ += ':';
  after_key_ = true;
}

namespace {

// Bytes that must be escaped inside a JSON string: control characters, quote and backslash.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<size_t>(c)] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

}  // namespace

namespace {

// Whether any of the 8 bytes of `word` needs escaping (below 0x20, '"' or '\\'), without a
// branch per byte (the "has less than" and "has zero byte" bit tricks).
bool word_needs_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return (below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void JsonWriter::string(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out_.reserve(out_.size() + text.size() + 2);
  out_ += '"';
  size_t clean_from = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Skip clean 8-byte blocks at once: most text needs no escaping at all.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!word_needs_escape(word)) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[c]) {
      ++i;
      continue;
    }
    out_.append(text, clean_from, i - clean_from);
    clean_from = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
    }
    ++i;
  }
  out_.append(text, clean_from, text.size() - clean_from);
  out_ += '"';
}

void JsonWriter::value(std::string_view text) {
  separate();
  string(text);
}

void JsonWriter::value(double number) {
  separate();
  if (!std::isfinite(number)) {
    out_ += "null";
    return;
  }
  // As people write numbers: 120 and 0 (not 1.2E2 or 0E0), 0.3125; an exponent only for
  // magnitudes that would need more than 15 digits either way.
  const double magnitude = std::fabs(number);
  char buffer[64];
  std::to_chars_result result;
  if (magnitude < 1e15 && number == std::trunc(number)) {
    result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(number));
  } else if (magnitude >= 1e-6 && magnitude < 1e15) {
    result = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  } else {
    result = std::to_chars(buffer, buffer + sizeof buffer, number);
  }
  out_.append(buffer, result.ptr);
}

void JsonWriter::value(int64_t number) {
  separate();
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
}

void JsonWriter::value(size_t number) {
  separate();
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
}

void JsonWriter::fixed(double number, int decimals) {
  static const int64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  assert(decimals >= 0 && decimals <= 9);
  if (!std::isfinite(number) || std::fabs(number) > 1e9) {
    value(number);
    return;
  }
  separate();
  int64_t scale = kScale[decimals];
  int64_t scaled = std::llround(number * static_cast<double>(scale));
  if (scaled < 0) {
    out_ += '-';
    scaled = -scaled;
  }
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, scaled / scale);
  out_.append(buffer, result.ptr);
  int64_t fraction = scaled % scale;
  if (fraction == 0) return;
  char digits[10];
  int width = decimals;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --width;
  }
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out_ += '.';
  out_.append(digits, static_cast<size_t>(width));
}

void JsonWriter::raw_value(std::string_view json) {
  separate();
  out_ += json;
}

void JsonWriter::raw_key(std::string_view json) {
  separate();
  out_ += json;
  after_key_ = true;
}

void JsonWriter::raw_members(std::string_view json) {
  if (json.empty()) return;
  separate();
  out_ += json;
}

void JsonWriter::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

void JsonWriter::value(const boost::json::value& any) {
  switch (any.kind()) {
    case boost::json::kind::null: null(); return;
    case boost::json::kind::bool_: value(any.get_bool()); return;
    case boost::json::kind::int64: value(static_cast<int64_t>(any.get_int64())); return;
    case boost::json::kind::uint64: value(static_cast<size_t>(any.get_uint64())); return;
    case boost::json::kind::double_: value(any.get_double()); return;
    case boost::json::kind::string: value(std::string_view(any.get_string())); return;
    case boost::json::kind::array:
      begin_array();
      for (const auto& element : any.get_array()) value(element);
      end_array();
      return;
    case boost::json::kind::object:
      begin_object();
      for (const auto& member : any.get_object()) {
        key(member.key());
        value(member.value());
      }
      end_object();
      return;
  }
}

std::string to_json(const boost::json::value& value) {
  std::string out;
  JsonWriter writer(out);
  writer.value(value);
  return out;
}

}  // namespace fossa
