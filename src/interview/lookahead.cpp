#include "interview/lookahead.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fossa::interview {

double cost(const InterviewPlan& plan, Disposition given, Disposition needed) {
  int from = static_cast<int>(given);
  int to = static_cast<int>(needed);
  if (to < from) return plan.over_triage_cost * (from - to);
  double out = 0;
  for (int level = from + 1; level <= to; ++level) out += plan.under_triage_cost[static_cast<size_t>(level)];
  return out;
}

Lookahead::Lookahead(const Engine& engine, const AnswerModel& model, const Evidence& evidence)
    : engine_(engine), model_(model), probe_(engine, evidence) {
  finish();
}

Lookahead::Lookahead(const Lookahead& parent, const Evidence& evidence, const std::vector<int>& findings)
    : engine_(parent.engine_), model_(parent.model_), probe_(parent.probe_, evidence, findings) {
  finish();
}

void Lookahead::finish() {
  const KnowledgeBase& kb = engine_.kb();
  const std::vector<double>& log_odds = probe_.log_odds();
  cause_shares(log_odds, weights_);  // the person has one of the conditions, as the differential shows
  top3_ = top3(log_odds);
  leader_ = std::max_element(log_odds.begin(), log_odds.end()) - log_odds.begin();
  std::vector<int> order(kb.conditions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [this](int a, int b) { return weights_[static_cast<size_t>(a)] > weights_[static_cast<size_t>(b)]; });
  size_t leading = std::min(order.size(), static_cast<size_t>(std::max(kb.interview.leading_conditions, 0)));
  leading_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(leading));
  entropy_ = leading_entropy(weights_, leading_);
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

double Lookahead::present_probability(int finding) const {
  double out = 0;
  for (size_t c = 0; c < weights_.size(); ++c) out += weights_[c] * model_.present_given[c][static_cast<size_t>(finding)];
  return out;
}

QuestionValue Lookahead::value(const std::vector<int>& findings) const {
  const KnowledgeBase& kb = engine_.kb();
  const InterviewPlan& plan = kb.interview;
  QuestionValue out;
  double expected_entropy = 0;
  bool number = findings.size() == 1 && kb.findings[static_cast<size_t>(findings.front())].type == FindingType::kNumber;
  std::vector<double> values(findings.size());
  const Disposition now = probe_.disposition();
  for (const Outcome& outcome : number ? number_outcomes(findings.front(), weights_, model_, kb)
                                       : outcomes(findings, weights_, model_.present_given)) {
    for (size_t i = 0; i < findings.size(); ++i) values[i] = number ? outcome.number : ((outcome.present >> i) & 1u ? 1.0 : 0.0);
    Disposition after = probe_.try_answers(findings, values);
    out.decision += outcome.probability * cost(plan, now, after);
    const std::vector<double>& after_odds = probe_.trial_log_odds();
    bool changed = top3(after_odds) != top3_;
    auto leader = std::max_element(after_odds.begin(), after_odds.end()) - after_odds.begin();
    if (leader != leader_) out.change += outcome.probability;
    out.can_change = out.can_change || changed || after != now;
    expected_entropy += outcome.probability * leading_entropy(outcome.posterior, leading_);
    probe_.undo();
  }
  out.information = std::max(0.0, entropy_ - expected_entropy);
  out.total = out.decision + plan.information_weight * out.information;
  return out;
}

}  // namespace fossa::interview
