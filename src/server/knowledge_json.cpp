#include "server/knowledge_json.h"

#include <boost/json.hpp>


#include "fossa/version.h"
#include "fossa/case_io.h"
#include "fossa/json_writer.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

json::object knowledge_base_json(const KnowledgeBase& kb) {
  return {{"name", kb.name}, {"version", kb.version}, {"hash", kb.hash}};
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

json::array findings_json(const KnowledgeBase& kb) {
  json::array out;
  for (size_t i = 0; i < kb.findings.size(); ++i) {
    const Finding& finding = kb.findings[i];
    json::object entry;
    entry["id"] = finding.id;
    entry["type"] = finding_type_id(finding.type);
    entry["group"] = finding.group;
    entry["asked_of"] = finding.asked_of == Responder::kPerson ? "person" : "clinician";
    entry["meaning"] = finding.meaning;
    entry["label"] = finding.label;
    if (finding.type == FindingType::kBool) entry["label_absent"] = finding.label_absent;
    entry["question"] = {{"person", finding.question_person}, {"clinician", finding.question_clinician}};
    entry["why"] = finding.why;
    if (finding.type == FindingType::kNumber) {
      entry["unit"] = finding.unit;
      entry["min"] = finding.min;
      entry["max"] = finding.max;
    }
    if (finding.type == FindingType::kEnum) entry["values"] = strings(finding.values);
    out.push_back(std::move(entry));
  }
  return out;
}

json::array conditions_json(const KnowledgeBase& kb) {
  json::array out;
  for (const auto& condition : kb.conditions) {
    json::array codes;
    for (const auto& code : condition.codes) {
      codes.push_back({{"system", code.system}, {"code", code.code}, {"display", code.display}});
    }
    out.push_back({{"id", condition.id},
                   {"name", condition.name},
                   {"plain_name", condition.plain_name},
                   {"codes", std::move(codes)},
                   {"care", disposition_id(condition.care)}});
  }
  return out;
}

json::array scores_json(const KnowledgeBase& kb) {
  json::array out;
  for (const auto& score : kb.scores) {
    json::array items;
    for (const auto& item : score.items) {
      json::array findings;
      for (int finding : item.findings) findings.emplace_back(kb.findings[static_cast<size_t>(finding)].id);
      json::array points;
      for (double value : item.points) points.emplace_back(value);
      items.push_back({{"id", item.id}, {"label", item.label}, {"findings", std::move(findings)}, {"points", std::move(points)}});
    }
    json::array versions;
    for (size_t v = 0; v < score.versions.size(); ++v) {
      ScoreFieldNames names = score_field_names(score, v);
      versions.push_back({{"id", score.versions[v].id}, {"points_field", names.points}, {"category_field", names.category}});
    }
    out.push_back({{"id", score.id},
                   {"name", score.name},
                   {"kind", score.kind == Score::Kind::kPoints ? "points" : "any_criterion"},
                   {"items", std::move(items)},
                   {"versions", std::move(versions)}});
  }
  return out;
}

}  // namespace

std::string knowledge_json(const KnowledgeBase& kb, std::string_view emergency_number) {
  json::array dispositions;
  for (const auto& info : kb.dispositions) {
    dispositions.push_back({{"id", info.id},
                            {"rank", static_cast<int>(info.level)},
                            {"name", info.name},
                            {"time_frame", info.time_frame},
                            {"action", info.action}});
  }
  json::object out;
  out["knowledge_base"] = knowledge_base_json(kb);
  out["notice"] = kb.notice;
  out["emergency_advice"] = kb.emergency_advice;
  out["emergency_number"] = emergency_number;
  out["findings"] = findings_json(kb);
  out["conditions"] = conditions_json(kb);
  out["dispositions"] = std::move(dispositions);
  out["scores"] = scores_json(kb);
  return to_json(out);
}

std::string health_json(const KnowledgeBase& kb) {
  json::object out;
  out["status"] = "ok";
  out["version"] = kVersion;
  out["knowledge_base"] = knowledge_base_json(kb);
  return to_json(out);
}

}  // namespace fossa::server
