#include "kb/vocabulary.h"

#include <boost/json.hpp>

namespace fossa::kb {

std::vector<std::string> uncovered_vocabulary(const KnowledgeBase& kb, const std::string& vocabulary_json) {
  std::vector<std::string> out;
  boost::system::error_code error;
  boost::json::value root = boost::json::parse(vocabulary_json, error);
  if (error || !root.is_object()) return {"not valid JSON: " + error.message()};
  const auto& object = root.as_object();
  auto each = [&](const char* key, auto&& check) {
    auto found = object.find(key);
    if (found == object.end() || !found->value().is_array()) {
      out.push_back(std::string("has no `") + key + "` list");
      return;
    }
    for (const auto& entry : found->value().as_array()) {
      if (!entry.is_object() || !entry.as_object().contains("id")) continue;
      check(entry.as_object(), std::string(entry.at("id").as_string()));
    }
  };
  each("findings", [&](const boost::json::object& entry, const std::string& id) {
    int index = kb.finding_index(id);
    if (index < 0) {
      out.push_back("finding `" + id + "` is not in findings.yaml: add it");
      return;
    }
    std::string type(entry.at("type").as_string());
    std::string ours(finding_type_id(kb.findings[static_cast<size_t>(index)].type));
    if (type != ours) out.push_back("finding `" + id + "` is a " + type + " in the vocabulary but a " + ours + " in findings.yaml");
  });
  each("conditions", [&](const boost::json::object&, const std::string& id) {
    if (kb.condition_index(id) < 0) out.push_back("condition `" + id + "` has no file conditions/" + id + ".yaml: add it");
  });
  each("dispositions", [&](const boost::json::object&, const std::string& id) {
    if (!parse_disposition(id)) out.push_back("disposition `" + id + "` is unknown to Fossa");
  });
  return out;
}

}  // namespace fossa::kb
