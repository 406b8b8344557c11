#include "engine/triage.h"

#include <algorithm>
#include <cmath>

#include "engine/evaluate.h"

namespace fossa::engine {

std::vector<FiredRule> fire_rules(const KnowledgeBase& kb, const Evidence& evidence,
                                  const std::vector<ScoreResult>& scores) {
  std::vector<FiredRule> fired;
  for (const Rule& rule : kb.rules) {
    if (!holds(rule.when, evidence, scores)) continue;
    fired.push_back({rule.id, rule.level, rule.red_flag, rule.reason, rule.reason_clinician, &rule});
  }
  return fired;
}

Disposition most_urgent(const std::vector<FiredRule>& fired) {
  Disposition level = Disposition::kSelfCare;
  for (const auto& rule : fired) level = std::max(level, rule.level);
  return level;
}

Disposition suspicion_level(const KnowledgeBase& kb, const std::vector<double>& log_odds,
                            std::vector<bool>* suspected) {
  Disposition level = Disposition::kSelfCare;
  if (log_odds.empty()) return level;
  size_t top = static_cast<size_t>(std::max_element(log_odds.begin(), log_odds.end()) - log_odds.begin());
  if (suspected) suspected->assign(log_odds.size(), false);
  for (size_t c = 0; c < log_odds.size(); ++c) {
    double threshold = kb.suspicion.threshold[c];
    // The most probable condition is suspected when its care is routine or less (it tells a strain
    // from a tendinopathy); a condition that needs care the same day or sooner only at its threshold.
    bool leading = c == top && kb.conditions[c].care <= Disposition::kRoutine;
    bool is_suspected = leading || probability(log_odds[c]) >= threshold;
    if (!is_suspected) continue;
    if (suspected) (*suspected)[c] = true;
    level = std::max(level, kb.conditions[c].care);
  }
  return level;
}

Disposition rules_level(const KnowledgeBase& kb, const Evidence& evidence) {
  return rules_level(kb, evidence, compute_scores(kb, evidence));
}

Disposition rules_level(const KnowledgeBase& kb, const Evidence& evidence, const std::vector<ScoreResult>& scores) {
  Disposition level = Disposition::kSelfCare;
  for (const Rule& rule : kb.rules) {
    if (rule.level > level && holds(rule.when, evidence, scores)) level = rule.level;
  }
  return level;
}

}  // namespace fossa::engine
