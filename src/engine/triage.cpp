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

bool RuledOut::answers(const Rule* rule) const {
  return std::binary_search(rules.begin(), rules.end(), rule);
}

const Pathway::Step* step_now(const Pathway& pathway, const Evidence& evidence, const std::vector<ScoreResult>& scores) {
  for (const Pathway::Step& step : pathway.steps) {
    if (!step.when || holds(*step.when, evidence, scores)) return &step;
  }
  return nullptr;
}

RuledOut ruled_out(const KnowledgeBase& kb, const Index& index, const Evidence& evidence,
                   const std::vector<ScoreResult>& scores) {
  RuledOut out;
  if (!index.tested(evidence)) return out;
  for (const Pathway& pathway : kb.pathways) {
    const Pathway::Step* reached = step_now(pathway, evidence, scores);
    if (!reached || reached->rules_out.empty()) continue;
    out.conditions.resize(kb.conditions.size(), false);
    for (int c : reached->rules_out) out.conditions[static_cast<size_t>(c)] = true;
    out.steps.emplace_back(&pathway, reached);
    out.answered_level = std::max(out.answered_level, reached->answered_level);
    // The loader keeps emergencies out of `answers`: a breathless person with a normal leg scan
    // still needs an ambulance.
    for (int r : reached->answers) out.rules.push_back(&kb.rules[static_cast<size_t>(r)]);
  }
  std::sort(out.rules.begin(), out.rules.end());
  return out;
}

Disposition suspicion_level(const KnowledgeBase& kb, const std::vector<double>& log_odds,
                            std::vector<bool>* suspected, const std::vector<bool>& ruled_out) {
  Disposition level = Disposition::kSelfCare;
  if (log_odds.empty()) return level;
  // The most probable condition that is not ruled out.
  size_t top = 0;
  for (size_t c = 0; c < log_odds.size(); ++c) {
    bool out = !ruled_out.empty() && ruled_out[c];
    bool top_out = !ruled_out.empty() && ruled_out[top];
    if (!out && (top_out || log_odds[c] > log_odds[top])) top = c;
  }
  if (suspected) suspected->assign(log_odds.size(), false);
  for (size_t c = 0; c < log_odds.size(); ++c) {
    double threshold = kb.suspicion.threshold[c];
    // The most probable condition is suspected when its care is routine or less (it tells a strain
    // from a tendinopathy); a condition that needs care the same day or sooner only at its threshold.
    bool leading = c == top && kb.conditions[c].care <= Disposition::kRoutine;
    bool is_suspected = leading || probability(log_odds[c]) >= threshold;
    if (!is_suspected || (!ruled_out.empty() && ruled_out[c])) continue;
    if (suspected) (*suspected)[c] = true;
    level = std::max(level, kb.conditions[c].care);
  }
  return level;
}

Disposition rules_level(const KnowledgeBase& kb, const Index& index, const Evidence& evidence, RuledOut* ruled) {
  return rules_level(kb, index, evidence, compute_scores(kb, evidence), ruled);
}

Disposition rules_level(const KnowledgeBase& kb, const Index& index, const Evidence& evidence,
                        const std::vector<ScoreResult>& scores, RuledOut* ruled) {
  RuledOut answered = ruled_out(kb, index, evidence, scores);
  Disposition level = Disposition::kSelfCare;
  for (const Rule& rule : kb.rules) {
    Disposition calls_for = answered.answers(&rule) ? std::min(rule.level, answered.answered_level) : rule.level;
    if (calls_for > level && holds(rule.when, evidence, scores)) level = calls_for;
  }
  if (ruled) *ruled = std::move(answered);
  return level;
}

}  // namespace fossa::engine
