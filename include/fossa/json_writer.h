// JSON out, one way for the whole product: a streaming writer that appends to a string as values
// are given, with no document tree (assessments, written far more often than read back), and
// to_json() for documents built as Boost.JSON values. Numbers are written as people and common
// tools write them: integers without a decimal point or exponent (120, 0), others in the shortest
// form that reads back exactly (0.3125); never 1.2E2.
//
//   JsonWriter w(out);
//   w.begin_object(); w.key("level"); w.value("same_day"); w.end_object();
//
// Keys and values are written in call order; the caller keeps begin/end balanced (checked by
// assert). Strings are escaped per RFC 8259 (UTF-8 passes through unchanged). Numbers use the
// shortest representation that reads back exactly; NaN and infinities are written as null.
#pragma once

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace fossa {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view name);
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(double number);
  void value(int number) { value(static_cast<int64_t>(number)); }
  void value(int64_t number);
  void value(size_t number);
  void value(bool flag);
  void null();
  // A number rounded to at most `decimals` (0 to 9) places, without trailing zeros: faster than
  // the shortest round-trip form, for probabilities and ratios.
  void fixed(double number, int decimals);
  // Any Boost.JSON value, numbers as above.
  void value(const boost::json::value& any);

  // Text this writer wrote before, kept to be written again without escaping it anew (constant
  // text of the knowledge base, serialized once at load): `json` is one complete value (raw_value),
  // a key with its colon, `"name":`, after any members, `"a":1,"name":` (raw_key), or one or more
  // `"name":value` members separated by commas (raw_members, inside an object). Not checked: the
  // caller keeps it valid.
  void raw_value(std::string_view json);
  void raw_key(std::string_view json);
  void raw_members(std::string_view json);

  // key(name) then value(v), for brevity.
  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void open(char bracket);
  void close(char bracket);
  // A comma before every element but the first. Inline: it runs before every value.
  void separate() {
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
  void string(std::string_view text);

  std::string& out_;
  uint64_t has_elements_ = 0;  // bit d: the container at depth d already has an element
  int depth_ = 0;
  bool after_key_ = false;
};

// `value` as one line of JSON, numbers as above. Deterministic: object members in their order.
std::string to_json(const boost::json::value& value);

}  // namespace fossa
