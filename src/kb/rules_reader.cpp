// Reading scores.yaml and triage.yaml: published scores, dispositions, suspicion thresholds and rules.
#include <algorithm>
#include <cmath>
#include <set>

#include "fossa/text.h"
#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {

void Loader::read_scores(KnowledgeBase& kb) {
  const std::string path = "scores.yaml";
  auto root = parse(path);
  if (!root) return;
  Reader top(path, *root, problems_);
  auto nodes = top.list("scores");
  // Ids first, so scores can be referenced by rules in any order.
  for (const auto& node : nodes) {
    Score score;
    score.id = top.at(node).text("id");
    kb.scores.push_back(score);
  }
  kb.build_indexes();
  for (size_t s = 0; s < nodes.size(); ++s) {
    Reader reader = top.at(nodes[s]);
    Score& score = kb.scores[s];
    score.name = reader.text("name");
    score.sources = reader.texts("source", true);
    for (const auto& id : score.sources) cited_.emplace_back(id, reader.where(nodes[s]));
    std::string kind = reader.text("kind");
    if (kind == "any_criterion") {
      score.kind = Score::Kind::kAnyCriterion;
      score.applies_when = kb::parse_expression(reader, reader.get("applies_when"), kb);
    } else if (kind == "points") {
      for (const auto& version_node : reader.list("versions")) {
        Reader version_reader = reader.at(version_node);
        Score::Version version;
        version.id = version_reader.text("id");
        for (const auto& tier_node : version_reader.list("tiers")) {
          Reader tier_reader = reader.at(tier_node);
          Score::Tier tier;
          tier.id = tier_reader.text("id");
          tier.at_least = tier_reader.number("at_least", false);
          version.tiers.push_back(tier);
        }
        if (version.tiers.empty() || version.tiers.back().at_least) {
          version_reader.problem("the last tier must have no `at_least`: it catches every lower score");
        }
        score.versions.push_back(std::move(version));
      }
    } else {
      reader.problem(reader.get("kind"), "`kind` must be points or any_criterion");
    }
    for (const auto& item_node : reader.list("items")) {
      Reader item_reader = reader.at(item_node);
      Score::Item item;
      item.id = item_reader.text("id");
      item.label = item_reader.text("label");
      item.when = kb::parse_expression(item_reader, item_reader.get("when"), kb);
      kb::collect_findings(item.when, item.findings);
      if (score.kind == Score::Kind::kPoints) {
        auto points = item_reader.numbers("points");
        for (const auto& value : points) item.points.push_back(value.value_or(0));  // a bad one is reported
        if (item.points.size() != score.versions.size()) {
          item_reader.problem("`points` needs one number per version (" +
                              std::to_string(score.versions.size()) + ")");
        }
      }
      score.items.push_back(std::move(item));
    }
  }
}

void Loader::read_triage(KnowledgeBase& kb) {
  const std::string path = "triage.yaml";
  auto root = parse(path);
  if (!root) return;
  Reader top(path, *root, problems_);
  kb.dispositions.resize(5);
  std::set<int> seen_levels;
  for (const auto& node : top.list("dispositions")) {
    Reader reader = top.at(node);
    auto level = read_level(reader, "id");
    if (!level) continue;
    DispositionInfo& info = kb.dispositions[static_cast<size_t>(*level) - 1];
    info.level = *level;
    info.id = std::string(disposition_id(*level));
    info.name = reader.text("name");
    info.time_frame = reader.text("time_frame");
    info.action = reader.text("action");
    seen_levels.insert(static_cast<int>(*level));
  }
  if (seen_levels.size() != 5) top.problem("`dispositions` must describe all five dispositions");

  Reader suspicion = top.child("suspicion");
  kb.suspicion.default_threshold = suspicion.number("default_threshold").value_or(0.5);
  kb.suspicion.provenance = suspicion.provenance();
  note_sources(kb.suspicion.provenance);
  kb.suspicion.threshold.assign(kb.conditions.size(), kb.suspicion.default_threshold);
  for (const auto& [key, value] : suspicion.entries("thresholds", false)) {
    int index = kb.condition_index(key.Scalar());
    if (index < 0) {
      suspicion.problem(key, "unknown condition `" + key.Scalar() + "`: use a condition id of conditions/");
      continue;
    }
    double threshold = -1;
    if (!value.IsScalar() || !YAML::convert<double>::decode(value, threshold)) {
      suspicion.problem(value, "the threshold of `" + key.Scalar() + "` must be a number, not `" + shown(value) + "`");
      continue;
    }
    if (!(threshold > 0 && threshold <= 1)) {
      suspicion.problem(value, "a threshold is a probability in (0, 1], not " + value.Scalar());
      continue;
    }
    kb.suspicion.threshold[static_cast<size_t>(index)] = threshold;
  }

  // Definitions first, in file order: a definition may use the ones above it.
  for (const auto& [key, value] : top.entries("definitions", false)) {
    std::string id = key.Scalar();
    if (kb.finding_index(id) >= 0 || kb.definition(id)) {
      top.problem(key, "`" + id + "` is already a finding or a definition: choose another name");
      continue;
    }
    Expression when = kb::parse_expression(top, value, kb);
    kb.definitions.push_back({id, std::move(when)});
  }

  std::set<std::string> seen;
  for (const auto& node : top.list("rules")) {
    Reader reader = top.at(node);
    Rule rule;
    rule.id = reader.text("id");
    if (!seen.insert(rule.id).second) reader.problem("rule `" + rule.id + "` is defined twice");
    rule.level = read_level(reader, "level").value_or(Disposition::kRoutine);
    rule.red_flag = reader.flag("red_flag", false);
    rule.reason = reader.text("reason");
    rule.reason_clinician = reader.text("reason_clinician");
    rule.when = kb::parse_expression(reader, reader.get("when"), kb);
    kb::collect_findings(rule.when, kb, rule.findings);
    std::sort(rule.findings.begin(), rule.findings.end());
    rule.findings.erase(std::unique(rule.findings.begin(), rule.findings.end()), rule.findings.end());
    rule.workup = reader.texts("workup");
    rule.provenance = reader.provenance();
    note_sources(rule.provenance);
    kb.rules.push_back(std::move(rule));
  }
}

}  // namespace fossa::kb
