#include "server/knowledge_json.h"

#include <boost/json.hpp>

#include <algorithm>

#include "fossa/version.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

// Raises levels[finding] to `level` for every finding `expression` reads.
void mark_findings(const Expression& expression, Disposition level, std::vector<int>& levels) {
  switch (expression.kind) {
    case Expression::Kind::kPresent:
    case Expression::Kind::kCompare:
    case Expression::Kind::kEquals: {
      int& current = levels[static_cast<size_t>(expression.index)];
      current = std::max(current, static_cast<int>(level));
      break;
    }
    default:
      break;
  }
  for (const auto& child : expression.children) mark_findings(child, level, levels);
}

json::object knowledge_base_json(const KnowledgeBase& kb) {
  return {{"name", kb.name}, {"version", kb.version}, {"hash", kb.hash}};
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

json::array findings_json(const KnowledgeBase& kb) {
  std::vector<int> red_flag_level(kb.findings.size(), 0);
  for (const auto& rule : kb.rules) {
    if (rule.red_flag) mark_findings(rule.when, rule.level, red_flag_level);
  }
  json::array out;
  for (size_t i = 0; i < kb.findings.size(); ++i) {
    const Finding& finding = kb.findings[i];
    json::object entry;
    entry["id"] = finding.id;
    entry["type"] = finding_type_id(finding.type);
    entry["group"] = finding.group;
    entry["asked_of"] = finding.asked_of == Responder::kPerson ? "person" : "clinician";
    entry["meaning"] = finding.meaning;
    entry["question"] = {{"person", finding.question_person}, {"clinician", finding.question_clinician}};
    entry["why"] = finding.why;
    if (finding.type == FindingType::kNumber) {
      entry["unit"] = finding.unit;
      entry["min"] = finding.min;
      entry["max"] = finding.max;
    }
    if (finding.type == FindingType::kEnum) entry["values"] = strings(finding.values);
    if (red_flag_level[i] > 0) {
      entry["red_flag_level"] = disposition_id(static_cast<Disposition>(red_flag_level[i]));
    } else {
      entry["red_flag_level"] = nullptr;
    }
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
    for (const auto& version : score.versions) {
      versions.push_back({{"id", version.id}, {"points_field", version.points_field}, {"category_field", version.category_field}});
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

std::string knowledge_json(const KnowledgeBase& kb) {
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
  out["findings"] = findings_json(kb);
  out["conditions"] = conditions_json(kb);
  out["dispositions"] = std::move(dispositions);
  out["scores"] = scores_json(kb);
  return json::serialize(out);
}

std::string health_json(const KnowledgeBase& kb) {
  json::object out;
  out["status"] = "ok";
  out["version"] = kVersion;
  out["knowledge_base"] = knowledge_base_json(kb);
  return json::serialize(out);
}

}  // namespace fossa::server
