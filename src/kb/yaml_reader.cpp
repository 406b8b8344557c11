#include "kb/yaml_reader.h"

namespace fossa::kb {

void Problems::add(const std::string& file, const YAML::Node& node, const std::string& message) {
  add(file, node.IsDefined() ? node.Mark().line + 1 : 0, message);
}

void Problems::add(const std::string& file, int line, const std::string& message) {
  std::string where = file;
  if (line > 0) where += ":" + std::to_string(line);
  lines_.push_back(where + ": " + message);
}

std::string Problems::joined() const {
  std::string out;
  for (const auto& line : lines_) {
    if (!out.empty()) out += "\n";
    out += line;
  }
  return out;
}

std::string Reader::where(const YAML::Node& node) const {
  return file_ + ":" + std::to_string(node.Mark().line + 1);
}

std::string Reader::text(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) problem(std::string("missing `") + key + "`: add it to this entry");
    return {};
  }
  if (!value.IsScalar()) {
    problem(value, std::string("`") + key + "` must be text");
    return {};
  }
  return value.Scalar();
}

std::optional<double> Reader::number(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) problem(std::string("missing `") + key + "`: add a number");
    return std::nullopt;
  }
  double out = 0;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, out)) {
    problem(value, std::string("`") + key + "` must be a number, not `" +
                       (value.IsScalar() ? value.Scalar() : std::string("a list or map")) + "`");
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> Reader::texts(const char* key, bool required) const {
  YAML::Node value = get(key);
  std::vector<std::string> out;
  if (!value.IsDefined() || value.IsNull()) {
    if (required) problem(std::string("missing `") + key + "`: add a list of text");
    return out;
  }
  if (value.IsScalar()) {
    out.push_back(value.Scalar());
    return out;
  }
  if (!value.IsSequence()) {
    problem(value, std::string("`") + key + "` must be text or a list of text");
    return out;
  }
  for (const auto& item : value) {
    if (item.IsScalar()) {
      out.push_back(item.Scalar());
    } else {
      problem(item, std::string("each entry of `") + key +
                        "` must be text (text containing \": \" reads as a map in YAML: put it in quotes)");
    }
  }
  return out;
}

std::vector<YAML::Node> Reader::list(const char* key, bool required) const {
  YAML::Node value = get(key);
  std::vector<YAML::Node> out;
  if (!value.IsDefined() || value.IsNull()) {
    if (required) problem(std::string("missing `") + key + "`: add a list");
    return out;
  }
  if (!value.IsSequence()) {
    problem(value, std::string("`") + key + "` must be a list");
    return out;
  }
  for (const auto& item : value) out.push_back(item);
  return out;
}

Provenance Reader::provenance(bool required) const {
  Provenance out;
  out.where = where(node_);
  out.sources = texts("source");
  out.estimate = text("estimate", false);
  if (required && out.sources.empty() && out.estimate.empty()) {
    problem("this number has no `source:` or `estimate:`: cite a source id from sources/, or "
            "write `estimate:` with the reasoning behind the number");
  }
  return out;
}

}  // namespace fossa::kb
