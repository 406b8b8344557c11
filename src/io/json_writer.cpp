#include "fossa/json_writer.h"

#include <boost/json.hpp>

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>

namespace fossa {

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

// The index of the first byte of `text` from `from` on that needs escaping, or text.size(): 8
// bytes at a time while they are clean (most text needs no escaping at all), then byte by byte.
size_t next_escape(std::string_view text, size_t from) {
  size_t i = from;
  while (i + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if (word_needs_escape(word)) break;
    i += 8;
  }
  while (i < text.size() && !kNeedsEscape[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

}  // namespace

void JsonWriter::string(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out_ += '"';
  // Each clean run is appended at once: the whole text, usually.
  size_t clean_from = 0;
  for (size_t i = next_escape(text, 0); i < text.size(); i = next_escape(text, i + 1)) {
    out_.append(text, clean_from, i - clean_from);
    clean_from = i + 1;
    const auto c = static_cast<unsigned char>(text[i]);
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
  static const uint64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  assert(decimals >= 0 && decimals <= 9);
  if (!std::isfinite(number) || std::fabs(number) > 1e9) {
    value(number);
    return;
  }
  separate();
  // std::llround(number * scale) without the library call: truncate, then round half away from
  // zero. The remainder is exact (|scaled| <= 1e18; below 2^52 the subtraction is exact by
  // Sterbenz's lemma, above it every double is an integer), so the result is llround's.
  const uint64_t scale = kScale[decimals];
  const double exact = number * static_cast<double>(scale);
  int64_t scaled = static_cast<int64_t>(exact);
  const double rest = exact - static_cast<double>(scaled);
  if (rest >= 0.5) {
    ++scaled;
  } else if (rest <= -0.5) {
    --scaled;
  }
  // Digits right to left into one buffer, two at a time, then one append: the fraction with all
  // its `decimals` digits, less its trailing zeros.
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char buffer[32];
  char* end = buffer + sizeof buffer;
  char* p = end;
  const bool negative = scaled < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  uint64_t whole = magnitude / scale;
  uint64_t fraction = magnitude % scale;
  if (fraction != 0) {
    int width = decimals;
    for (; width >= 2; width -= 2) {
      p -= 2;
      std::memcpy(p, kPairs + 2 * (fraction % 100), 2);
      fraction /= 100;
    }
    if (width == 1) *--p = static_cast<char>('0' + fraction);
    *--p = '.';
    while (end[-1] == '0') --end;
  }
  while (whole >= 100) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * (whole % 100), 2);
    whole /= 100;
  }
  if (whole >= 10) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * whole, 2);
  } else {
    *--p = static_cast<char>('0' + whole);
  }
  if (negative) *--p = '-';
  out_.append(p, static_cast<size_t>(end - p));
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
  if (flag) {
    out_.append("true", 4);
  } else {
    out_.append("false", 5);
  }
}

void JsonWriter::null() {
  separate();
  out_.append("null", 4);
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
