#include <boost/json.hpp>

#include <cmath>

#include "fossa/case_io.h"

namespace fossa {
namespace {

namespace json = boost::json;

double rounded(double value, double scale = 10000.0) { return std::round(value * scale) / scale; }

json::value answer_value(const KnowledgeBase& kb, const Evidence& evidence, int finding) {
  const Answer& answer = evidence.answers[static_cast<size_t>(finding)];
  if (!answer.known) return nullptr;
  const Finding& f = kb.findings[static_cast<size_t>(finding)];
  switch (f.type) {
    case FindingType::kBool: return answer.value != 0;
    case FindingType::kNumber: return answer.value;
    case FindingType::kEnum: return json::string(f.values[static_cast<size_t>(answer.value)]);
  }
  return nullptr;
}

json::object score_json(const ScoreResult& result, const json::storage_ptr& storage) {
  const Score& score = *result.score;
  json::object out(storage);
  out["name"] = score.name;
  json::array items(storage);
  json::array unknown(storage);
  for (const auto& item : result.items) {
    json::object entry(storage);
    entry["id"] = item.item->id;
    entry["label"] = item.item->label;
    entry["met"] = item.met;
    entry["unknown"] = item.unknown;
    for (size_t v = 0; v < score.versions.size(); ++v) {
      entry[score.versions[v].points_field] = item.met ? item.item->points[v] : 0.0;
    }
    if (item.unknown) unknown.emplace_back(item.item->id);
    items.push_back(std::move(entry));
  }
  if (score.kind == Score::Kind::kPoints) {
    for (size_t v = 0; v < score.versions.size(); ++v) {
      out[score.versions[v].points_field] = result.points[v];
      out[score.versions[v].category_field] = result.categories[v];
    }
    out["items"] = std::move(items);
  } else {
    out["applicable"] = result.applicable;
    if (result.positive) {
      out[score.result_field] = *result.positive;
    } else {
      out[score.result_field] = nullptr;
    }
    out["criteria"] = std::move(items);
  }
  out["unknown"] = std::move(unknown);
  json::array sources(storage);
  for (const auto& id : score.sources) sources.emplace_back(id);
  out["sources"] = std::move(sources);
  return out;
}

json::object rule_json(const FiredRule& rule, const json::storage_ptr& storage) {
  json::object out(storage);
  out["id"] = rule.id;
  out["disposition"] = disposition_id(rule.level);
  out["red_flag"] = rule.red_flag;
  out["reason"] = rule.reason;
  out["reason_clinician"] = rule.reason_clinician;
  json::array sources(storage);
  if (rule.rule) {
    for (const auto& id : rule.rule->provenance.sources) sources.emplace_back(id);
  }
  out["sources"] = std::move(sources);
  return out;
}

json::array strings(const std::vector<std::string>& lines, const json::storage_ptr& storage) {
  json::array out(storage);
  for (const auto& line : lines) out.emplace_back(line);
  return out;
}

}  // namespace

std::string assessment_json(const Assessment& assessment, const KnowledgeBase& kb, Setting setting,
                            std::string_view case_id, const Evidence* evidence) {
  // One arena for the whole document: the tree is built, written once and dropped.
  unsigned char buffer[16384];
  json::storage_ptr storage = json::make_shared_resource<json::monotonic_resource>(buffer, sizeof buffer);
  json::object out(storage);
  if (!case_id.empty()) out["id"] = case_id;
  out["setting"] = setting_id(setting);
  if (evidence) {
    // What the assessment rests on: every known finding, as given.
    json::object known(storage);
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      if (evidence->answers[f].known) known[kb.findings[f].id] = answer_value(kb, *evidence, static_cast<int>(f));
    }
    out["evidence"] = std::move(known);
  }

  json::array red_flags(storage);
  for (const auto* rule : assessment.red_flags()) red_flags.push_back(rule_json(*rule, storage));
  out["red_flags"] = std::move(red_flags);

  json::object scores(storage);
  for (const auto& result : assessment.scores) scores[result.score->id] = score_json(result, storage);
  out["scores"] = std::move(scores);

  json::array differential(storage);
  for (const auto& ranked : assessment.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    json::object entry(storage);
    entry["condition"] = condition.id;
    entry["name"] = condition.name;
    entry["probability"] = rounded(ranked.probability);
    entry["suspected"] = ranked.suspected;
    // The findings that moved it: finding id -> likelihood ratio applied. Findings of a dependence
    // group that a stronger one of the same group outweighed changed nothing and are left out.
    json::object raised(storage);
    json::object lowered(storage);
    for (const auto& contribution : ranked.contributions) {
      if (!contribution.counted) continue;
      auto& into = contribution.ratio > 1 ? raised : lowered;
      into[kb.findings[static_cast<size_t>(contribution.finding)].id] = rounded(contribution.ratio, 1000.0);
    }
    entry["raised_by"] = std::move(raised);
    entry["lowered_by"] = std::move(lowered);
    differential.push_back(std::move(entry));
  }
  out["differential"] = std::move(differential);

  const DispositionInfo& info = kb.disposition(assessment.disposition);
  json::object disposition(storage);
  disposition["level"] = info.id;
  disposition["name"] = info.name;
  disposition["time_frame"] = info.time_frame;
  disposition["action"] = info.action;
  json::array rules(storage);
  json::array fired(storage);
  for (const auto& rule : assessment.fired) {
    if (rule.level == assessment.disposition) rules.emplace_back(rule.id);
    fired.push_back(rule_json(rule, storage));
  }
  disposition["rules"] = std::move(rules);
  out["disposition"] = std::move(disposition);
  out["rules_fired"] = std::move(fired);
  out["workup"] = strings(assessment.workup, storage);
  out["advice"] = strings(assessment.advice, storage);
  out["notice"] = kb.notice;
  out["emergency_advice"] = kb.emergency_advice;
  json::object knowledge(storage);
  knowledge["name"] = kb.name;
  knowledge["version"] = kb.version;
  knowledge["hash"] = kb.hash;
  out["knowledge_base"] = std::move(knowledge);
  return json::serialize(out);
}

std::string error_json(const Error& error) {
  const ErrorInfo& info = error_info(error.code);
  json::object inner;
  inner["type"] = info.slug;
  inner["title"] = info.title;
  inner["message"] = error.message;
  inner["where"] = error.where;
  json::object out;
  out["error"] = std::move(inner);
  return json::serialize(out);
}

}  // namespace fossa
