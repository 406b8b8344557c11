// Reading YAML nodes into the knowledge base model while collecting every problem with its file and
// line, so `fossa kb check` can report all of them at once.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::kb {

class Problems {
 public:
  void add(const std::string& file, const YAML::Node& node, const std::string& message);
  void add(const std::string& file, int line, const std::string& message);
  bool empty() const { return lines_.empty(); }
  size_t size() const { return lines_.size(); }
  std::string joined() const;

 private:
  std::vector<std::string> lines_;
};

// Typed access to the fields of one YAML mapping in one file. Missing or mistyped required fields
// are reported to `problems`; the accessors then return an empty value so reading can go on.
class Reader {
 public:
  Reader(std::string file, YAML::Node node, Problems& problems)
      : file_(std::move(file)), node_(std::move(node)), problems_(problems) {}

  const std::string& file() const { return file_; }
  const YAML::Node& node() const { return node_; }
  Problems& problems() const { return problems_; }
  std::string where(const YAML::Node& node) const;
  int line(const YAML::Node& node) const { return node.Mark().line + 1; }

  bool has(const char* key) const { return node_.IsMap() && node_[key].IsDefined(); }
  YAML::Node get(const char* key) const { return node_.IsMap() ? node_[key] : YAML::Node(); }
  Reader child(const char* key) const { return Reader(file_, get(key), problems_); }
  Reader at(const YAML::Node& node) const { return Reader(file_, node, problems_); }

  std::string text(const char* key, bool required = true) const;
  std::optional<double> number(const char* key, bool required = true) const;
  std::vector<std::string> texts(const char* key, bool required = false) const;  // list or one
  std::vector<YAML::Node> list(const char* key, bool required = true) const;

  // Reads `source:`/`estimate:` of this mapping. Reports a problem when neither is present and
  // `required`.
  Provenance provenance(bool required = true) const;

  void problem(const std::string& message) const { problems_.add(file_, node_, message); }
  void problem(const YAML::Node& at, const std::string& message) const {
    problems_.add(file_, at, message);
  }

 private:
  std::string file_;
  YAML::Node node_;
  Problems& problems_;
};

}  // namespace fossa::kb
