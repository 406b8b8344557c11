#include "engine/evaluate.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace fossa::engine {

bool holds(const Expression& expression, const Evidence& evidence, const std::vector<ScoreResult>& scores) {
  using Kind = Expression::Kind;
  switch (expression.kind) {
    case Kind::kTrue:
      return true;
    case Kind::kPresent:
      return expression.index >= 0 && evidence.present(expression.index);
    case Kind::kCompare: {
      if (expression.index < 0 || !evidence.known(expression.index)) return false;
      double value = evidence.answers[static_cast<size_t>(expression.index)].value;
      switch (expression.op) {
        case Expression::Op::kAtLeast: return value >= expression.value;
        case Expression::Op::kAbove: return value > expression.value;
        case Expression::Op::kBelow: return value < expression.value;
        case Expression::Op::kAtMost: return value <= expression.value;
      }
      return false;
    }
    case Kind::kEquals:
      return expression.index >= 0 && evidence.known(expression.index) &&
             evidence.answers[static_cast<size_t>(expression.index)].value == expression.value;
    case Kind::kKnown:
      return expression.index >= 0 && evidence.known(expression.index);
    case Kind::kAbsent:
      return expression.index >= 0 && evidence.absent(expression.index);
    case Kind::kAll:
      for (const auto& child : expression.children) {
        if (!holds(child, evidence, scores)) return false;
      }
      return true;
    case Kind::kAny:
      for (const auto& child : expression.children) {
        if (holds(child, evidence, scores)) return true;
      }
      return false;
    case Kind::kNot:
      return !holds(expression.children.front(), evidence, scores);
    case Kind::kScoreAtLeast: {
      if (expression.index < 0 || static_cast<size_t>(expression.index) >= scores.size()) return false;
      const ScoreResult& score = scores[static_cast<size_t>(expression.index)];
      return !score.points.empty() && score.points.front() >= expression.value;
    }
    case Kind::kScoreIs: {
      if (expression.index < 0 || static_cast<size_t>(expression.index) >= scores.size()) return false;
      const ScoreResult& score = scores[static_cast<size_t>(expression.index)];
      if (score.score->kind == Score::Kind::kAnyCriterion) {
        if (expression.label == "applicable") return score.applicable;
        if (expression.label == "positive") return score.applicable && score.positive == true;
        if (expression.label == "negative") return score.applicable && score.positive == false;
        return false;
      }
      return !score.categories.empty() && score.categories.front() == expression.label;
    }
  }
  return false;
}

Truth truth(const Expression& expression, const Evidence& evidence, const std::vector<ScoreResult>& scores,
            const std::vector<char>& open, int forced, bool forced_value) {
  using Kind = Expression::Kind;
  auto of = [](bool value) { return value ? Truth::kTrue : Truth::kFalse; };
  switch (expression.kind) {
    case Kind::kPresent:
    case Kind::kCompare:
    case Kind::kEquals:
    case Kind::kKnown:
    case Kind::kAbsent:
      if (expression.index >= 0 && expression.index == forced) return of(forced_value);
      if (expression.index >= 0 && open[static_cast<size_t>(expression.index)]) return Truth::kUnknown;
      return of(holds(expression, evidence, scores));
    case Kind::kScoreAtLeast: {
      // The points the open items could still add or take away, against the threshold.
      if (expression.index < 0 || static_cast<size_t>(expression.index) >= scores.size()) return Truth::kFalse;
      const ScoreResult& score = scores[static_cast<size_t>(expression.index)];
      if (score.points.empty()) return Truth::kFalse;
      double low = score.points.front();
      double high = low;
      for (const ScoreItemResult& item : score.items) {
        bool item_open = false;
        for (int finding : item.item->findings) item_open = item_open || finding == forced || open[static_cast<size_t>(finding)];
        if (!item_open || item.item->points.empty()) continue;
        double points = item.item->points.front();
        if (item.met) {
          low -= std::max(points, 0.0);
          high -= std::min(points, 0.0);
        } else {
          low += std::min(points, 0.0);
          high += std::max(points, 0.0);
        }
      }
      if (low >= expression.value) return Truth::kTrue;
      if (high < expression.value) return Truth::kFalse;
      return Truth::kUnknown;
    }
    case Kind::kScoreIs: {
      if (expression.index >= 0 && static_cast<size_t>(expression.index) < scores.size()) {
        const Score& score = *scores[static_cast<size_t>(expression.index)].score;
        for (const Score::Item& item : score.items) {
          for (int finding : item.findings) {
            if (finding == forced || open[static_cast<size_t>(finding)]) return Truth::kUnknown;
          }
        }
        if (truth(score.applies_when, evidence, scores, open, forced, forced_value) == Truth::kUnknown) return Truth::kUnknown;
      }
      return of(holds(expression, evidence, scores));
    }
    case Kind::kAll: {
      Truth out = Truth::kTrue;
      for (const auto& child : expression.children) {
        Truth value = truth(child, evidence, scores, open, forced, forced_value);
        if (value == Truth::kFalse) return Truth::kFalse;
        if (value == Truth::kUnknown) out = Truth::kUnknown;
      }
      return out;
    }
    case Kind::kAny: {
      Truth out = Truth::kFalse;
      for (const auto& child : expression.children) {
        Truth value = truth(child, evidence, scores, open, forced, forced_value);
        if (value == Truth::kTrue) return Truth::kTrue;
        if (value == Truth::kUnknown) out = Truth::kUnknown;
      }
      return out;
    }
    case Kind::kNot: {
      Truth value = truth(expression.children.front(), evidence, scores, open, forced, forced_value);
      return value == Truth::kUnknown ? value : of(value == Truth::kFalse);
    }
    case Kind::kTrue:
      return Truth::kTrue;
  }
  return Truth::kFalse;
}

bool reads_scores(const Expression& expression) {
  using Kind = Expression::Kind;
  if (expression.kind == Kind::kScoreAtLeast || expression.kind == Kind::kScoreIs) return true;
  for (const auto& child : expression.children) {
    if (reads_scores(child)) return true;
  }
  return false;
}

namespace {

// Whether `item` holds for `evidence`, and whether it is unknown (not met, and a finding it reads
// is unknown); `results`: the scores computed before it.
ScoreItemResult score_item(const Score::Item& item, const Evidence& evidence, const std::vector<ScoreResult>& results) {
  ScoreItemResult out{&item, holds(item.when, evidence, results), false};
  if (!out.met) {
    for (int finding : item.findings) {
      if (!evidence.known(finding)) out.unknown = true;
    }
  }
  return out;
}

// Fills `result` of `score` from its item results (result.items, in order): points and tiers, or
// the any-criterion result. `results`: the scores computed before it.
void finish_score(const Score& score, const Evidence& evidence, const std::vector<ScoreResult>& results,
                  ScoreResult& result) {
  result.score = &score;
  result.points.assign(score.versions.size(), 0.0);
  result.categories.clear();
  result.applicable = false;
  result.positive.reset();
  bool any_met = false;
  bool any_unknown = false;
  for (const ScoreItemResult& item_result : result.items) {
    const Score::Item& item = *item_result.item;
    any_met = any_met || item_result.met;
    any_unknown = any_unknown || item_result.unknown;
    if (item_result.met) {
      for (size_t v = 0; v < item.points.size() && v < result.points.size(); ++v) result.points[v] += item.points[v];
    }
  }
  if (score.kind == Score::Kind::kPoints) {
    for (size_t v = 0; v < score.versions.size(); ++v) {
      for (const Score::Tier& tier : score.versions[v].tiers) {
        if (!tier.at_least || result.points[v] >= *tier.at_least) {
          result.categories.push_back(tier.id);
          break;
        }
      }
    }
  } else {
    result.applicable = holds(score.applies_when, evidence, results);
    if (any_met) {
      result.positive = true;
    } else if (!any_unknown) {
      result.positive = false;
    }
  }
}

}  // namespace

std::vector<ScoreResult> compute_scores(const KnowledgeBase& kb, const Evidence& evidence) {
  std::vector<ScoreResult> results;
  results.reserve(kb.scores.size());
  for (const Score& score : kb.scores) {
    ScoreResult result;
    result.items.reserve(score.items.size());
    for (const Score::Item& item : score.items) result.items.push_back(score_item(item, evidence, results));
    finish_score(score, evidence, results, result);
    results.push_back(std::move(result));
  }
  return results;
}

void rescore(const KnowledgeBase& kb, const Index& index, const std::vector<ScoreResult>& base, const Evidence& changed,
             int finding, int previous, std::vector<ScoreResult>& out) {
  if (index.scores_read_scores) {  // an item reads the scores before it: computed in order, in full
    out = compute_scores(kb, changed);
    return;
  }
  if (out.size() != base.size()) {
    out = base;
    previous = -1;
  }
  // No item and no `applies_when` reads a score, so `base` stands for the scores before each.
  for (size_t s = 0; s < kb.scores.size(); ++s) {
    const std::vector<int>& score_reads = index.score_reads[s];
    if (!std::binary_search(score_reads.begin(), score_reads.end(), finding)) {
      // Not moved by `finding`: back to `base` where `previous` moved it.
      if (previous >= 0 && std::binary_search(score_reads.begin(), score_reads.end(), previous)) out[s] = base[s];
      continue;
    }
    const Score& score = kb.scores[s];
    ScoreResult& result = out[s];
    for (size_t i = 0; i < score.items.size(); ++i) {
      const std::vector<int>& reads = index.item_reads[s][i];
      bool changes = std::find(reads.begin(), reads.end(), finding) != reads.end();
      result.items[i] = changes ? score_item(score.items[i], changed, base) : base[s].items[i];
    }
    finish_score(score, changed, base, result);
  }
}

double log_odds(const Condition& condition, const LogModel& model, const Evidence& evidence,
                std::vector<Contribution>* contributions) {
  constexpr size_t kMaxGroups = 8;
  double value = model.log_prior_odds;
  // Per dependence group: the strongest log ratio above 0 and below 0 seen.
  std::array<double, kMaxGroups> up;
  std::array<double, kMaxGroups> down;
  up.fill(0.0);
  down.fill(0.0);
  const size_t count = model.terms.size();
  for (size_t t = 0; t < count; ++t) {
    const LogRatio& term = model.terms[t];
    const Answer& answer = evidence.answers[static_cast<size_t>(term.finding)];
    if (!answer.known) continue;
    double log_ratio = term.type == FindingType::kBool ? (answer.value != 0 ? term.log_present : term.log_absent)
                                                       : term.at(answer.value);
    if (log_ratio == 0.0) continue;
    if (term.group < 0) {
      value += log_ratio;
      if (contributions) {
        contributions->push_back({term.finding, answer.value, term.ratio(answer.value), log_ratio, true});
      }
      continue;
    }
    auto group = static_cast<size_t>(term.group);
    keep_strongest(log_ratio, up[group], down[group]);
  }
  // A group counts once in each direction: its strongest ratio above 1 and its strongest below 1
  // (a sudden onset does not cancel "no injury" for a fracture; docs/model.md).
  for (size_t group = 0; group < condition.group_names.size() && group < kMaxGroups; ++group) {
    value += up[group] + down[group];
  }
  if (contributions && !condition.group_names.empty()) {
    bool used[2 * kMaxGroups] = {};
    for (size_t t = 0; t < count; ++t) {
      const LogRatio& term = model.terms[t];
      if (term.group < 0) continue;
      const Answer& answer = evidence.answers[static_cast<size_t>(term.finding)];
      if (!answer.known) continue;
      double log_ratio = term.at(answer.value);
      if (log_ratio == 0.0) continue;
      auto group = static_cast<size_t>(term.group);
      double counted = log_ratio > 0.0 ? up[group] : down[group];
      size_t slot = group * 2 + (log_ratio > 0.0 ? 0 : 1);
      bool is_counted = log_ratio == counted && !used[slot];
      if (is_counted) used[slot] = true;
      contributions->push_back({term.finding, answer.value, term.ratio(answer.value), log_ratio, is_counted});
    }
  }
  return value;
}

}  // namespace fossa::engine
