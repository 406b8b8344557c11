#include "interview/lookahead.h"

#include <algorithm>
#include <numeric>

#include "engine/evaluate.h"
#include "engine/triage.h"

namespace fossa::interview {

double cost(const InterviewPlan& plan, Disposition given, Disposition needed) {
  int from = static_cast<int>(given);
  int to = static_cast<int>(needed);
  if (to < from) return plan.over_triage_cost * (from - to);
  double out = 0;
  for (int level = from + 1; level <= to; ++level) {
    out += plan.under_triage_cost * (level >= static_cast<int>(Disposition::kEmergency) ? plan.time_critical_factor : 1.0);
  }
  return out;
}

Lookahead::Lookahead(const Engine& engine, const AnswerModel& model, const Evidence& evidence)
    : engine_(engine), model_(model), evidence_(evidence), closed_(engine.closed_world(evidence)) {
  const KnowledgeBase& kb = engine.kb();
  log_odds_.resize(kb.conditions.size());
  closed_log_odds_.resize(kb.conditions.size());
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    log_odds_[c] = engine::log_odds(kb.conditions[c], evidence);
    closed_log_odds_[c] = engine::log_odds(kb.conditions[c], closed_);
  }
  rules_level_ = engine::rules_level(kb, evidence);
  finish();
}

Lookahead::Lookahead(const Lookahead& parent, const Evidence& evidence, const std::vector<int>& findings)
    : engine_(parent.engine_), model_(parent.model_), evidence_(evidence), closed_(parent.closed_) {
  const KnowledgeBase& kb = engine_.kb();
  for (int finding : findings) closed_.answers[static_cast<size_t>(finding)] = evidence.answers[static_cast<size_t>(finding)];
  log_odds_ = parent.log_odds_;
  closed_log_odds_ = parent.closed_log_odds_;
  for (const Moved& m : parent.moved_by(findings)) {
    auto c = static_cast<size_t>(m.condition);
    log_odds_[c] = parent.moved_log_odds(m, parent.log_odds_[c], parent.evidence_, evidence);
    closed_log_odds_[c] = parent.moved_log_odds(m, parent.closed_log_odds_[c], parent.closed_, closed_);
  }
  rules_level_ = engine::rules_level(kb, evidence);
  finish();
}

void Lookahead::finish() {
  const KnowledgeBase& kb = engine_.kb();
  weights_.resize(kb.conditions.size());
  double total = 0;
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    weights_[c] = engine::probability(log_odds_[c]);
    total += weights_[c];
  }
  for (double& weight : weights_) weight /= total;
  disposition_ = std::max(rules_level_, engine::suspicion_level(kb, closed_log_odds_));
  top3_ = top3(log_odds_);
  std::vector<int> order(kb.conditions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [this](int a, int b) { return weights_[static_cast<size_t>(a)] > weights_[static_cast<size_t>(b)]; });
  size_t leading = std::min(order.size(), static_cast<size_t>(std::max(kb.interview.leading_conditions, 0)));
  leading_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(leading));
  entropy_ = leading_entropy(weights_, leading_);
  answered_ = evidence_;
  answered_closed_ = closed_;
  scratch_log_odds_ = log_odds_;
  scratch_closed_log_odds_ = closed_log_odds_;
}

Lookahead::Top3 Lookahead::top3(const std::vector<double>& log_odds) {
  // The three largest, as a sorted set (the order within the top three does not matter).
  Top3 out = {-1, -1, -1};
  std::array<double, 3> best = {-1e300, -1e300, -1e300};
  for (size_t c = 0; c < log_odds.size(); ++c) {
    double value = log_odds[c];
    for (size_t slot = 0; slot < 3; ++slot) {
      if (value > best[slot]) {
        for (size_t move = 2; move > slot; --move) {
          best[move] = best[move - 1];
          out[move] = out[move - 1];
        }
        best[slot] = value;
        out[slot] = static_cast<int>(c);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Disposition Lookahead::red_flag_level(const Evidence& evidence) const {
  const KnowledgeBase& kb = engine_.kb();
  std::vector<ScoreResult> scores;
  bool scored = false;
  Disposition level = Disposition::kSelfCare;
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag || rule.level <= level) continue;
    if (!scored) {
      scores = engine::compute_scores(kb, evidence);
      scored = true;
    }
    if (engine::holds(rule.when, evidence, scores)) level = rule.level;
  }
  return level;
}

double Lookahead::present_probability(int finding) const {
  double out = 0;
  for (size_t c = 0; c < weights_.size(); ++c) out += weights_[c] * model_.present_given[c][static_cast<size_t>(finding)];
  return out;
}

std::vector<Lookahead::Moved> Lookahead::moved_by(const std::vector<int>& findings) const {
  std::vector<Moved> out;
  for (int finding : findings) {
    for (const AnswerModel::Move& move : model_.moves[static_cast<size_t>(finding)]) {
      auto found = std::find_if(out.begin(), out.end(), [&](const Moved& m) { return m.condition == move.condition; });
      if (found == out.end()) found = out.insert(out.end(), Moved{move.condition, false, {}});
      found->grouped = found->grouped || move.likelihood->group >= 0;
      found->likelihoods.push_back(move.likelihood);
    }
  }
  return out;
}

double Lookahead::moved_log_odds(const Moved& moved, double base, const Evidence& before, const Evidence& answered) const {
  const KnowledgeBase& kb = engine_.kb();
  if (moved.grouped) return engine::log_odds(kb.conditions[static_cast<size_t>(moved.condition)], answered);
  // Without dependence groups the log odds are a sum: swap the asked findings' terms.
  auto term = [&kb](const Likelihood& likelihood, const Evidence& evidence) {
    const Answer& answer = evidence.answers[static_cast<size_t>(likelihood.finding)];
    return answer.known ? likelihood.log_ratio(answer.value) : 0.0;
  };
  for (const Likelihood* likelihood : moved.likelihoods) base += term(*likelihood, answered) - term(*likelihood, before);
  return base;
}

Disposition Lookahead::answer(const std::vector<int>& findings, const Outcome& outcome, const std::vector<Moved>& moved,
                              bool rules) const {
  const KnowledgeBase& kb = engine_.kb();
  for (size_t i = 0; i < findings.size(); ++i) {
    bool number = kb.findings[static_cast<size_t>(findings[i])].type == FindingType::kNumber;
    double value = number ? outcome.number : ((outcome.present >> i) & 1u ? 1.0 : 0.0);
    answered_.set(findings[i], value);
    answered_closed_.set(findings[i], value);
  }
  for (const Moved& m : moved) {
    auto c = static_cast<size_t>(m.condition);
    scratch_closed_log_odds_[c] = moved_log_odds(m, closed_log_odds_[c], closed_, answered_closed_);
  }
  Disposition level = rules ? engine::rules_level(kb, answered_) : rules_level_;
  return std::max(level, engine::suspicion_level(kb, scratch_closed_log_odds_));
}

bool Lookahead::read_by_rules(const std::vector<int>& findings) const {
  for (int finding : findings) {
    if (model_.read_by_rules[static_cast<size_t>(finding)]) return true;
  }
  return false;
}

Lookahead::Top3 Lookahead::answered_top3(const std::vector<Moved>& moved) const {
  for (const Moved& m : moved) {
    auto c = static_cast<size_t>(m.condition);
    scratch_log_odds_[c] = moved_log_odds(m, log_odds_[c], evidence_, answered_);
  }
  return top3(scratch_log_odds_);
}

void Lookahead::restore(const std::vector<int>& findings, const std::vector<Moved>& moved) const {
  for (int finding : findings) {
    auto f = static_cast<size_t>(finding);
    answered_.answers[f] = evidence_.answers[f];
    answered_closed_.answers[f] = closed_.answers[f];
  }
  for (const Moved& m : moved) {
    auto c = static_cast<size_t>(m.condition);
    scratch_log_odds_[c] = log_odds_[c];
    scratch_closed_log_odds_[c] = closed_log_odds_[c];
  }
}

Disposition Lookahead::disposition_after(const std::vector<int>& findings, unsigned present) const {
  Outcome outcome;
  outcome.present = present;
  std::vector<Moved> moved = moved_by(findings);
  Disposition out = answer(findings, outcome, moved, read_by_rules(findings));
  restore(findings, moved);
  return out;
}

QuestionValue Lookahead::value(const std::vector<int>& findings) const {
  const InterviewPlan& plan = engine_.kb().interview;
  QuestionValue out;
  bool rules = read_by_rules(findings);
  double expected_entropy = 0;
  const KnowledgeBase& kb = engine_.kb();
  bool number = findings.size() == 1 && kb.findings[static_cast<size_t>(findings.front())].type == FindingType::kNumber;
  std::vector<Moved> moved = moved_by(findings);
  for (const Outcome& outcome : number ? number_outcomes(findings.front(), weights_, model_, kb)
                                       : outcomes(findings, weights_, model_.present_given)) {
    Disposition after = answer(findings, outcome, moved, rules);
    out.decision += outcome.probability * cost(plan, disposition_, after);
    if (after > disposition_ && outcome.present != 0) {
      Disposition flagged = std::min(red_flag_level(answered_), after);
      if (flagged > disposition_) out.screen += outcome.probability * cost(plan, disposition_, flagged);
    }
    // The open-world odds are needed only to see whether the top three change.
    if (!out.can_change && (after != disposition_ || answered_top3(moved) != top3_)) out.can_change = true;
    expected_entropy += outcome.probability * leading_entropy(outcome.posterior, leading_);
    restore(findings, moved);
  }
  out.information = std::max(0.0, entropy_ - expected_entropy);
  out.total = out.decision + plan.information_weight * out.information;
  return out;
}

}  // namespace fossa::interview
