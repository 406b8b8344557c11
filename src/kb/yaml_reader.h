// Reading YAML nodes into the knowledge base model while collecting every problem with its file and
// line, so `fossa kb check` can report all of them at once.
//
// The reading layer is strict, once for every file: a file whose mapping repeats a key is rejected
// when it is parsed (YAML would keep one of the values silently); a value of the wrong type (text
// where a number goes, `ture` for true, a map where a list goes) is a problem, never a default; a
// required key that is missing is a problem at the line of the entry that lacks it; and a key that
// no reader asks for is an unknown key (`Problems::report_unread`), with the closest known keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::kb {

// The problems found so far, and what the readers have asked of each parsed file, so that the keys
// nobody asks for can be reported as unknown. Not thread-safe; one per load.
class Problems {
 public:
  void add(const std::string& file, const YAML::Node& node, const std::string& message);
  void add(const std::string& file, int line, const std::string& message);
  bool empty() const { return lines_.empty(); }
  size_t size() const { return lines_.size(); }
  std::string joined() const;

  // Parses `text` as the file `file`. Not YAML: nullopt with a problem at the line of the error. A
  // mapping that repeats a key: a problem at the second one (the node is still returned, so the
  // rest of the file is checked).
  std::optional<YAML::Node> parse(const std::string& file, const std::string& text);
  // Records that `key` of the mapping `map` (in `file`) is known: a reader asked for it.
  void asked(const std::string& file, const YAML::Node& map, std::string_view key);
  // Reports each key of each parsed file that no reader asked for, with the keys known there. A
  // mapping nobody asked anything of is skipped: its parent reported it (a map where text goes) or
  // is an unknown key itself.
  void report_unread();
  // True the first time it is called for `node` of `file`: a mistake about a whole entry (a list
  // where a map goes) is reported once, not once per key read from it.
  bool first_time(const std::string& file, const YAML::Node& node);

 private:
  std::set<std::pair<std::string, size_t>> reported_;                     // (file, node offset)
  std::vector<std::string> lines_;
  std::vector<std::pair<std::string, YAML::Node>> documents_;             // file, root
  std::map<std::pair<std::string, size_t>, std::set<std::string>> asked_;  // (file, map offset) -> keys
};

// Typed access to the fields of one YAML mapping in one file. A missing required field, or one of
// the wrong type, is reported to `problems` with the file and line and what to write instead; the
// accessor then returns an empty value so reading can go on (the load fails). Every key asked for
// (present or not) is recorded as known, so any other key of the mapping is reported as unknown.
class Reader {
 public:
  // `node` may be undefined (a missing entry): accessors then report nothing more (the missing
  // entry was reported where it was asked for) and problems fall back to `line`.
  Reader(std::string file, YAML::Node node, Problems& problems, int line = 0);

  const std::string& file() const { return file_; }
  const YAML::Node& node() const { return node_; }
  Problems& problems() const { return problems_; }
  bool present() const { return node_.IsDefined(); }
  // "file:line" of `node`, or of this entry when `node` is undefined.
  std::string where(const YAML::Node& node) const;
  int line(const YAML::Node& node) const { return node.IsDefined() ? static_cast<int>(node.Mark().line) + 1 : line_; }

  bool has(const char* key) const;
  YAML::Node get(const char* key) const;
  // The mapping under `key`; when it is missing and `required`, a problem. Reading a missing child
  // reports nothing more.
  Reader child(const char* key, bool required = true) const;
  Reader at(const YAML::Node& node) const { return Reader(file_, node, problems_, line(node)); }
  // Declares keys this mapping may have that are read elsewhere or not at all.
  void keys(const std::vector<std::string>& known) const;
  // Every entry of this mapping (each key then counts as known; the caller checks it), or of the
  // mapping under `key` (a problem when it is there and not a mapping; missing and `required`: a
  // problem).
  std::vector<std::pair<YAML::Node, YAML::Node>> entries() const;
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(const char* key, bool required = true) const;

  std::string text(const char* key, bool required = true) const;
  // A finite number. Text such as `1x` is a problem, never 0.
  std::optional<double> number(const char* key, bool required = true) const;
  // A number in [low, high]; outside: a problem saying the range.
  std::optional<double> number(const char* key, double low, double high, bool required = true) const;
  // A whole number in [low, high].
  std::optional<int> integer(const char* key, int low, int high, bool required = true) const;
  // `true` or `false` only (YAML's yes/no/on/off and misspellings such as `ture` are problems);
  // `fallback` when missing.
  bool flag(const char* key, bool fallback) const;
  std::vector<std::string> texts(const char* key, bool required = false) const;  // list or one
  // A list of numbers; nullopt for an item that is not one (reported), so the count still matches.
  std::vector<std::optional<double>> numbers(const char* key, bool required = true) const;
  std::vector<YAML::Node> list(const char* key, bool required = true) const;
  // The items of the list under `key` that are text (ids); the others are reported.
  std::vector<YAML::Node> scalars(const char* key, bool required = true) const;

  // Reads `source:`/`estimate:` of this mapping. Reports a problem when neither is present and
  // `required`.
  Provenance provenance(bool required = true) const;

  void problem(const std::string& message) const { problems_.add(file_, node_.IsDefined() ? line(node_) : line_, message); }
  void problem(const YAML::Node& at, const std::string& message) const {
    problems_.add(file_, at.IsDefined() ? line(at) : line(node_), message);
  }

 private:
  // A problem about a missing key, unless this entry is itself missing (reported already).
  void missing(const char* key, const std::string& what) const;

  std::string file_;
  YAML::Node node_;
  Problems& problems_;
  int line_ = 0;
};

// A scalar's text for messages: the value, or "a list" / "a map".
std::string shown(const YAML::Node& node);

}  // namespace fossa::kb
