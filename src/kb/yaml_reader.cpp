#include "kb/yaml_reader.h"

#include <cmath>

#include "fossa/text.h"

namespace fossa::kb {
namespace {

constexpr int kMaxDepth = 200;  // deeper YAML is not a knowledge base file

std::string quoted(const char* key) { return std::string("`") + key + "`"; }

std::string number_text(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%g", value);
  return out;
}

// Each mapping that repeats a key, at the second one.
void find_repeated_keys(const std::string& file, const YAML::Node& node, Problems& problems, int depth) {
  if (depth > kMaxDepth) return;
  if (node.IsSequence()) {
    for (const auto& item : node) find_repeated_keys(file, item, problems, depth + 1);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, int> first_line;
  for (const auto& entry : node) {
    if (entry.first.IsScalar()) {
      int line = static_cast<int>(entry.first.Mark().line) + 1;
      auto [found, inserted] = first_line.emplace(entry.first.Scalar(), line);
      if (!inserted) {
        problems.add(file, line,
                     "`" + entry.first.Scalar() + "` appears twice in this entry (first at line " + std::to_string(found->second) +
                         "): YAML keeps only one of them; merge the two into one");
      }
    }
    find_repeated_keys(file, entry.second, problems, depth + 1);
  }
}

}  // namespace

std::string shown(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsScalar()) return node.Scalar();
  return node.IsSequence() ? "a list" : "a map";
}

void Problems::add(const std::string& file, const YAML::Node& node, const std::string& message) {
  add(file, node.IsDefined() ? static_cast<int>(node.Mark().line) + 1 : 0, message);
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

std::optional<YAML::Node> Problems::parse(const std::string& file, const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    add(file, error.mark.line + 1, "not valid YAML: " + error.msg);
    return std::nullopt;
  }
  find_repeated_keys(file, root, *this, 0);
  documents_.emplace_back(file, root);
  return root;
}

void Problems::asked(const std::string& file, const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap()) return;
  asked_[{file, map.Mark().pos}].insert(std::string(key));
}

bool Problems::first_time(const std::string& file, const YAML::Node& node) {
  return reported_.emplace(file, node.IsDefined() ? node.Mark().pos : 0).second;
}

void Problems::report_unread() {
  auto walk = [this](const std::string& file, const YAML::Node& node, int depth, auto& self) -> void {
    if (depth > kMaxDepth) return;
    if (node.IsSequence()) {
      for (const auto& item : node) self(file, item, depth + 1, self);
      return;
    }
    if (!node.IsMap()) return;
    auto found = asked_.find({file, node.Mark().pos});
    for (const auto& entry : node) {
      if (found != asked_.end() && entry.first.IsScalar() && !found->second.count(entry.first.Scalar())) {
        std::string key = entry.first.Scalar();
        std::vector<std::string> known(found->second.begin(), found->second.end());
        auto near = text::closest(key, known);
        add(file, entry.first,
            "unknown key `" + key + "`" + (near.empty() ? "" : " (did you mean `" + near.front() + "`?)") +
                ": this entry reads " + text::join_or(known) + "; rename or remove it (notes go in # comments)");
        continue;
      }
      self(file, entry.second, depth + 1, self);
    }
  };
  for (const auto& [file, root] : documents_) walk(file, root, 0, walk);
}

Reader::Reader(std::string file, YAML::Node node, Problems& problems, int line)
    : file_(std::move(file)), node_(std::move(node)), problems_(problems), line_(line) {
  if (node_.IsDefined()) line_ = static_cast<int>(node_.Mark().line) + 1;
}

std::string Reader::where(const YAML::Node& node) const { return file_ + ":" + std::to_string(line(node)); }

bool Reader::has(const char* key) const {
  if (!node_.IsDefined() || !node_.IsMap()) return false;
  problems_.asked(file_, node_, key);
  return node_[key].IsDefined();
}

YAML::Node Reader::get(const char* key) const {
  if (!node_.IsDefined() || !node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  problems_.asked(file_, node_, key);
  YAML::Node value = node_[key];
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

void Reader::missing(const char* key, const std::string& what) const {
  if (!node_.IsDefined()) return;  // this whole entry is missing: reported where it was asked for
  if (!node_.IsMap()) {
    if (problems_.first_time(file_, node_)) {
      problem("this entry must be a map (with " + quoted(key) + " and the rest), not " + shown(node_));
    }
    return;
  }
  problem("missing " + quoted(key) + ": " + what);
}

Reader Reader::child(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add it to this entry");
    return Reader(file_, YAML::Node(YAML::NodeType::Undefined), problems_, line(node_));
  }
  if (!value.IsMap()) {
    problem(value, quoted(key) + " must be a map of keys and values, not " + shown(value));
    return Reader(file_, YAML::Node(YAML::NodeType::Undefined), problems_, line(value));
  }
  return Reader(file_, value, problems_, line(value));
}

void Reader::keys(const std::vector<std::string>& known) const {
  for (const auto& key : known) problems_.asked(file_, node_, key);
}

std::vector<std::pair<YAML::Node, YAML::Node>> Reader::entries() const {
  std::vector<std::pair<YAML::Node, YAML::Node>> out;
  if (!node_.IsDefined() || !node_.IsMap()) return out;
  for (const auto& entry : node_) {
    if (entry.first.IsScalar()) problems_.asked(file_, node_, entry.first.Scalar());
    out.emplace_back(entry.first, entry.second);
  }
  return out;
}

std::vector<std::pair<YAML::Node, YAML::Node>> Reader::entries(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add it (a map)");
    return {};
  }
  if (!value.IsMap()) {
    problem(value, quoted(key) + " must be a map, not " + shown(value));
    return {};
  }
  return at(value).entries();
}

std::string Reader::text(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add it to this entry");
    return {};
  }
  if (!value.IsScalar()) {
    problem(value, quoted(key) + " must be text, not " + shown(value) +
                       " (text containing \": \" reads as a map in YAML: put it in quotes)");
    return {};
  }
  return value.Scalar();
}

std::optional<double> Reader::number(const char* key, bool required) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add a number");
    return std::nullopt;
  }
  double out = 0;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, out) || !std::isfinite(out)) {
    problem(value, quoted(key) + " must be a number, not `" + shown(value) + "`");
    return std::nullopt;
  }
  return out;
}

std::optional<double> Reader::number(const char* key, double low, double high, bool required) const {
  auto value = number(key, required);
  if (value && !(*value >= low && *value <= high)) {
    problem(get(key), quoted(key) + " must lie from " + number_text(low) + " to " + number_text(high) + ", not " +
                          number_text(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<int> Reader::integer(const char* key, int low, int high, bool required) const {
  auto value = number(key, required);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value) || *value < low || *value > high) {
    problem(get(key), quoted(key) + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                          ", not " + number_text(*value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

bool Reader::flag(const char* key, bool fallback) const {
  YAML::Node value = get(key);
  if (!value.IsDefined() || value.IsNull()) return fallback;
  if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) return value.Scalar() == "true";
  problem(value, quoted(key) + " must be true or false, not `" + shown(value) + "`");
  return fallback;
}

std::vector<std::string> Reader::texts(const char* key, bool required) const {
  YAML::Node value = get(key);
  std::vector<std::string> out;
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add a list of text");
    return out;
  }
  if (value.IsScalar()) {
    out.push_back(value.Scalar());
    return out;
  }
  if (!value.IsSequence()) {
    problem(value, quoted(key) + " must be text or a list of text, not " + shown(value));
    return out;
  }
  for (const auto& item : value) {
    if (item.IsScalar()) {
      out.push_back(item.Scalar());
    } else {
      problem(item, "each entry of " + quoted(key) +
                        " must be text (text containing \": \" reads as a map in YAML: put it in quotes)");
    }
  }
  return out;
}

std::vector<std::optional<double>> Reader::numbers(const char* key, bool required) const {
  std::vector<std::optional<double>> out;
  for (const auto& item : list(key, required)) {
    double value = 0;
    if (item.IsScalar() && YAML::convert<double>::decode(item, value) && std::isfinite(value)) {
      out.emplace_back(value);
    } else {
      problem(item, "each entry of " + quoted(key) + " must be a number, not `" + shown(item) + "`");
      out.emplace_back(std::nullopt);
    }
  }
  return out;
}

std::vector<YAML::Node> Reader::list(const char* key, bool required) const {
  YAML::Node value = get(key);
  std::vector<YAML::Node> out;
  if (!value.IsDefined() || value.IsNull()) {
    if (required) missing(key, "add a list");
    return out;
  }
  if (!value.IsSequence()) {
    problem(value, quoted(key) + " must be a list, not " + shown(value));
    return out;
  }
  for (const auto& item : value) out.push_back(item);
  return out;
}

std::vector<YAML::Node> Reader::scalars(const char* key, bool required) const {
  std::vector<YAML::Node> out;
  for (const auto& item : list(key, required)) {
    if (item.IsScalar()) {
      out.push_back(item);
    } else {
      problem(item, "each entry of " + quoted(key) + " must be an id, not " + shown(item));
    }
  }
  return out;
}

Provenance Reader::provenance(bool required) const {
  Provenance out;
  out.where = where(node_);
  out.sources = texts("source");
  out.estimate = text("estimate", false);
  if (required && present() && out.sources.empty() && out.estimate.empty()) {
    problem("this number has no `source:` or `estimate:`: cite a source id from sources/, or "
            "write `estimate:` with the reasoning behind the number");
  }
  return out;
}

}  // namespace fossa::kb
