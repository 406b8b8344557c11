#include "fossa/json_reader.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "fossa/text.h"

namespace fossa {
namespace {

namespace json = boost::json;

// Line and column (1-based) of byte `offset` in `text`.
std::string position(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The handler of json::parser (boost/json/detail/handler.hpp), building the same value, which also
// remembers the keys of every open object so a repeated one is found when its object ends.
struct Handler {
  static constexpr size_t max_object_size = json::object::max_size();
  static constexpr size_t max_array_size = json::array::max_size();
  static constexpr size_t max_key_size = json::string::max_size();
  static constexpr size_t max_string_size = json::string::max_size();

  struct Key {
    size_t begin;  // in `keys`
    size_t size;
    std::string_view in(const std::string& all) const { return std::string_view(all).substr(begin, size); }
  };
  struct Level {
    bool object;
    size_t first_key;  // index in `spans` of this object's first key
    size_t index;      // arrays: elements begun so far
  };

  json::value_stack stack;
  std::string keys;          // the text of every key of the open objects, one after another
  std::vector<Key> spans;    // their places in `keys`
  std::vector<Level> levels;
  std::string key_part;      // a key given in parts (only when the input arrives in pieces)
  // The first repeated key found.
  std::string duplicate;
  std::string duplicate_where;

  // A value begins: counts it in its array.
  void element() {
    if (!levels.empty() && !levels.back().object) ++levels.back().index;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    element();
    levels.push_back({true, spans.size(), 0});
    return true;
  }
  bool on_object_end(size_t n, json::error_code& ec) {
    const Level level = levels.back();
    if (!find_duplicate(level)) {
      ec = json::error::syntax;  // stops the parse; read_json reports the duplicate
      return false;
    }
    keys.resize(level.first_key < spans.size() ? spans[level.first_key].begin : keys.size());
    spans.resize(level.first_key);
    levels.pop_back();
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) {
    element();
    levels.push_back({false, spans.size(), 0});
    return true;
  }
  bool on_array_end(size_t n, json::error_code&) {
    levels.pop_back();
    stack.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, size_t, json::error_code&) {
    stack.push_chars(s);
    key_part.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, size_t, json::error_code&) {
    stack.push_key(s);
    size_t begin = keys.size();
    keys += key_part;
    keys.append(s.data(), s.size());
    key_part.clear();
    spans.push_back({begin, keys.size() - begin});
    return true;
  }
  bool on_string_part(json::string_view s, size_t, json::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, size_t, json::error_code&) {
    element();
    stack.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(int64_t i, json::string_view, json::error_code&) {
    element();
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(uint64_t u, json::string_view, json::error_code&) {
    element();
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    element();
    stack.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    element();
    stack.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    element();
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  // Whether the keys of `level` (the innermost object) are all different; if not, records the
  // first key seen twice and its pointer.
  bool find_duplicate(const Level& level) {
    const size_t first = level.first_key;
    const size_t count = spans.size() - first;
    bool found = false;
    std::string_view repeated;
    if (count <= 16) {
      for (size_t i = first + 1; i < spans.size() && !found; ++i) {
        for (size_t j = first; j < i && !found; ++j) {
          if (spans[i].in(keys) == spans[j].in(keys)) {
            found = true;
            repeated = spans[i].in(keys);
          }
        }
      }
    } else {
      std::vector<std::string_view> sorted;
      sorted.reserve(count);
      for (size_t i = first; i < spans.size(); ++i) sorted.push_back(spans[i].in(keys));
      std::sort(sorted.begin(), sorted.end());
      auto at = std::adjacent_find(sorted.begin(), sorted.end());
      if (at != sorted.end()) {
        found = true;
        repeated = *at;
      }
    }
    if (!found) return true;
    duplicate = std::string(repeated);
    duplicate_where = open_pointer() + "/" + escape_pointer(text::echo(repeated));
    return false;
  }

  // The pointer of the innermost open object: each enclosing object's latest key and each
  // enclosing array's latest index.
  std::string open_pointer() const {
    std::string out;
    for (size_t l = 0; l + 1 < levels.size(); ++l) {
      const Level& level = levels[l];
      if (level.object) {
        // This object's latest key is the one just before the next level's first key.
        size_t next_first = levels[l + 1].first_key;
        if (next_first > level.first_key) out += "/" + escape_pointer(text::echo(spans[next_first - 1].in(keys)));
      } else {
        out += "/" + std::to_string(level.index == 0 ? 0 : level.index - 1);
      }
    }
    return out;
  }

  static std::string escape_pointer(std::string_view key) {
    std::string out;
    for (char c : key) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
    return out;
  }
};

}  // namespace

Result<json::value> read_json(std::string_view text, size_t max_depth) {
  json::parse_options options;
  options.max_depth = max_depth;
  json::basic_parser<Handler> parser(options);
  parser.handler().stack.reset();
  boost::system::error_code error;
  size_t used = parser.write_some(false, text.data(), text.size(), error);
  if (!parser.handler().duplicate.empty() || !parser.handler().duplicate_where.empty()) {
    return Error{ErrorCode::kDuplicateKey, "the key `" + text::echo(parser.handler().duplicate) +
                                               "` is given twice in one object: give each key once",
                 parser.handler().duplicate_where};
  }
  if (!error) {
    // Anything but whitespace after the value is an error.
    size_t rest = used;
    while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\r' || text[rest] == '\t')) ++rest;
    if (rest < text.size()) {
      return Error{ErrorCode::kMalformedJson, "unexpected text after the JSON value at " + position(text, rest) +
                                                  ": send one JSON object", ""};
    }
    if (!parser.done()) {
      return Error{ErrorCode::kMalformedJson, "the JSON ends too early at " + position(text, text.size()) +
                                                  ": is it truncated?", ""};
    }
    return parser.handler().stack.release();
  }
  if (error == json::error::incomplete) {
    return Error{ErrorCode::kMalformedJson, "the JSON ends too early at " + position(text, text.size()) +
                                                " (" + error.message() + "): is it truncated?", ""};
  }
  if (error == json::error::too_deep) {
    return Error{ErrorCode::kTooDeep, "the JSON is nested more than " + std::to_string(max_depth) +
                                          " levels deep at " + position(text, used), ""};
  }
  return Error{ErrorCode::kMalformedJson, "not valid JSON at " + position(text, used) + ": " + error.message(), ""};
}

std::string json_kind(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "true or false";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "a list";
    case json::kind::object: return "an object";
  }
  return "a value";
}

}  // namespace fossa
