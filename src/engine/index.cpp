// The engine's precomputed ratios (engine/index.h) and the posteriors summed over known findings.
#include "engine/index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "engine/evaluate.h"

namespace fossa::engine {
namespace {

constexpr size_t kMaxGroups = 8;  // Condition::group_names holds at most 8

void collect(const Expression& expression, std::vector<bool>& out) {
  for (int finding : findings_read(expression)) out[static_cast<size_t>(finding)] = true;
}

// Adds each dependence group's strongest ratio above 0 and below 0 to `value`, the answers read
// through `answer_of(finding)` (a pair: known, value); as log_odds() does.
template <typename AnswerOf>
double add_groups(double value, const std::vector<const LogRatio*>& grouped, size_t group_count, AnswerOf answer_of) {
  if (grouped.empty()) return value;
  std::array<double, kMaxGroups> up{};
  std::array<double, kMaxGroups> down{};
  for (const LogRatio* term : grouped) {
    auto [known, answer] = answer_of(term->finding);
    if (!known) continue;
    double log_ratio = term->at(answer);
    auto group = static_cast<size_t>(term->group);
    keep_strongest(log_ratio, up[group], down[group]);
  }
  for (size_t group = 0; group < group_count && group < kMaxGroups; ++group) value += up[group] + down[group];
  return value;
}

// The findings whose answer truth() reads when it is forced (engine/evaluate.h): the atoms of
// `expression`, and those of the `applies_when` of the scores it asks the category of.
void forced_reads(const Expression& expression, const KnowledgeBase& kb, std::vector<int>& out, int depth = 0) {
  std::vector<int> atoms = findings_read(expression);
  out.insert(out.end(), atoms.begin(), atoms.end());
  auto walk = [&](const Expression& node, auto& self) -> void {
    if (node.kind == Expression::Kind::kScoreIs && node.index >= 0 && static_cast<size_t>(node.index) < kb.scores.size() &&
        depth < 8) {
      forced_reads(kb.scores[static_cast<size_t>(node.index)].applies_when, kb, out, depth + 1);
    }
    for (const Expression& child : node.children) self(child, self);
  };
  walk(expression, walk);
}

}  // namespace

LogRatio::LogRatio(const Likelihood& likelihood)
    : finding(likelihood.finding),
      group(likelihood.group),
      type(likelihood.type),
      log_present(std::log(likelihood.lr_present)),
      log_absent(std::log(likelihood.lr_absent)),
      ratio_present(likelihood.lr_present),
      ratio_absent(likelihood.lr_absent) {
  switch (type) {
    case FindingType::kBool:
      break;
    case FindingType::kNumber:
      for (const auto& band : likelihood.bands) {
        below.push_back(band.below);
        ratios.push_back(band.ratio);
      }
      break;
    case FindingType::kEnum:
      ratios = likelihood.value_ratio;
      break;
  }
  for (double ratio : ratios) logs.push_back(std::log(ratio));
}

int LogRatio::slot(double value) const {
  switch (type) {
    case FindingType::kBool:
      return -1;  // at() and ratio() read the two answers' own members
    case FindingType::kNumber:
      for (size_t band = 0; band < below.size(); ++band) {
        if (value < below[band]) return static_cast<int>(band);
      }
      return -1;
    case FindingType::kEnum:
      return value >= 0 && static_cast<size_t>(value) < ratios.size() ? static_cast<int>(value) : -1;
  }
  return -1;
}

LogModel::LogModel(const Condition& condition)
    : log_prior_odds(std::log(condition.prior / (1 - condition.prior))), group_count(condition.group_names.size()) {
  for (const Likelihood& likelihood : condition.likelihoods) terms.emplace_back(likelihood);
}

bool answerable(const Finding& finding, Setting setting) {
  if (finding.investigation()) return false;  // a test result is entered, not asked
  return setting == Setting::kClinician || finding.asked_of == Responder::kPerson;
}

Index::Index(const KnowledgeBase& kb) {
  for (const Condition& condition : kb.conditions) models.emplace_back(condition);
  if (models.size() > kMaxConditions) fits_bit_sets = false;
  moves.resize(kb.findings.size());
  ungrouped.resize(kb.findings.size());
  grouped_moves.resize(kb.findings.size());
  grouped.resize(models.size());
  for (size_t c = 0; c < models.size(); ++c) {
    if (models[c].terms.size() > 64 * kMaxTermWords) fits_bit_sets = false;
    for (const LogRatio& term : models[c].terms) {
      Move move{static_cast<int>(c), &term, static_cast<int>(&term - models[c].terms.data())};
      moves[static_cast<size_t>(term.finding)].push_back(move);
      if (term.group < 0) {
        ungrouped[static_cast<size_t>(term.finding)].push_back(move);
      } else {
        grouped[c].push_back(&term);
        grouped_moves[static_cast<size_t>(term.finding)].push_back(move);
      }
    }
  }
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    if (kb.findings[f].investigation()) investigations.push_back(static_cast<int>(f));
  }
  read_by_rules.assign(kb.findings.size(), false);
  for (const Rule& rule : kb.rules) collect(rule.when, read_by_rules);
  std::vector<bool> scored(kb.findings.size(), false);
  for (const Score& score : kb.scores) {
    collect(score.applies_when, scored);
    for (const Score::Item& item : score.items) collect(item.when, scored);
  }
  read_by_scores.assign(kb.findings.size(), 0);
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    read_by_scores[f] = scored[f];
    if (scored[f]) read_by_rules[f] = true;
  }
  asked_any_time.assign(kb.findings.size(), 1);
  for (size_t f = 0; f < kb.findings.size() && f < kb.interview.question_of.size(); ++f) {
    int question = kb.interview.question_of[f];
    if (question >= 0) {
      asked_any_time[f] = kb.interview.questions[static_cast<size_t>(question)].ask_when.kind == Expression::Kind::kTrue;
    }
  }
  for (const Rule& rule : kb.rules) {
    rule_reads_scores.push_back(reads_scores(rule.when));
    std::vector<int>& atoms = rule_atoms.emplace_back();
    forced_reads(rule.when, kb, atoms);
    std::sort(atoms.begin(), atoms.end());
  }
  for (const Score& score : kb.scores) {
    scores_read_scores = scores_read_scores || reads_scores(score.applies_when);
    auto& reads = item_reads.emplace_back();
    std::vector<int>& all = score_reads.emplace_back(findings_read(score.applies_when));
    for (const Score::Item& item : score.items) {
      scores_read_scores = scores_read_scores || reads_scores(item.when);
      reads.push_back(findings_read(item.when));
      all.insert(all.end(), reads.back().begin(), reads.back().end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
  }
  for (const Pathway& pathway : kb.pathways) {
    std::vector<char>& applies = pathway_rules.emplace_back(kb.rules.size(), 0);
    for (size_t r = 0; r < kb.rules.size(); ++r) {
      applies[r] = std::find(pathway.rules.begin(), pathway.rules.end(), kb.rules[r].id) != pathway.rules.end();
    }
  }
  for (Setting setting : {Setting::kPatient, Setting::kClinician}) {
    size_t slot = setting_slot(setting);
    answerable[slot].assign(kb.findings.size(), 0);
    closes[slot].assign(kb.findings.size(), 0);
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      answerable[slot][f] = engine::answerable(kb.findings[f], setting);
      closes[slot][f] = kb.findings[f].type == FindingType::kBool && answerable[slot][f];
    }
    closed_baseline[slot].resize(models.size());
    for (size_t c = 0; c < models.size(); ++c) {
      double value = models[c].log_prior_odds;
      for (const LogRatio& term : models[c].terms) {
        if (term.group < 0 && closes[slot][static_cast<size_t>(term.finding)] && term.log_absent != 0.0) value += term.log_absent;
      }
      closed_baseline[slot][c] = value;
    }
  }
}

void open_log_odds(const Index& index, const Evidence& evidence, std::vector<double>& out) {
  const size_t conditions = index.models.size();
  out.resize(conditions);
  // The ungrouped terms of the known findings, marked per condition, then summed in term order.
  std::array<std::array<uint64_t, Index::kMaxTermWords>, Index::kMaxConditions> known_terms;
  for (size_t c = 0; c < conditions && index.fits_bit_sets; ++c) known_terms[c].fill(0);
  for (size_t f = 0; f < index.ungrouped.size() && index.fits_bit_sets; ++f) {
    if (!evidence.answers[f].known) continue;
    for (const Index::Move& move : index.ungrouped[f]) {
      auto t = static_cast<size_t>(move.term_index);
      known_terms[static_cast<size_t>(move.condition)][t / 64] |= uint64_t{1} << (t % 64);
    }
  }
  for (size_t c = 0; c < conditions; ++c) {
    const LogModel& model = index.models[c];
    double value = model.log_prior_odds;
    if (!index.fits_bit_sets) {
      for (const LogRatio& term : model.terms) {
        const Answer& answer = evidence.answers[static_cast<size_t>(term.finding)];
        if (term.group >= 0 || !answer.known) continue;
        double log_ratio = term.at(answer.value);
        if (log_ratio != 0.0) value += log_ratio;
      }
    } else {
      for (size_t word = 0; word < Index::kMaxTermWords; ++word) {
        for (uint64_t bits = known_terms[c][word]; bits != 0; bits &= bits - 1) {
          const LogRatio& term = model.terms[word * 64 + static_cast<size_t>(std::countr_zero(bits))];
          double log_ratio = term.at(evidence.answers[static_cast<size_t>(term.finding)].value);
          if (log_ratio != 0.0) value += log_ratio;
        }
      }
    }
    out[c] = value;
  }
  if (!index.fits_bit_sets) {
    auto answer_of = [&evidence](int finding) {
      const Answer& answer = evidence.answers[static_cast<size_t>(finding)];
      return std::pair{answer.known, answer.value};
    };
    for (size_t c = 0; c < conditions; ++c) {
      out[c] = add_groups(out[c], index.grouped[c], index.models[c].group_count, answer_of);
    }
    return;
  }
  // The groups as add_groups() takes them, from the grouped ratios of the known findings only (the
  // strongest of a group does not depend on the order it is met in).
  std::array<std::array<double, kMaxGroups>, Index::kMaxConditions> up;
  std::array<std::array<double, kMaxGroups>, Index::kMaxConditions> down;
  for (size_t c = 0; c < conditions; ++c) {
    up[c].fill(0.0);
    down[c].fill(0.0);
  }
  for (size_t f = 0; f < index.grouped_moves.size(); ++f) {
    const Answer& answer = evidence.answers[f];
    if (!answer.known) continue;
    for (const Index::Move& move : index.grouped_moves[f]) {
      double log_ratio = move.term->at(answer.value);
      auto c = static_cast<size_t>(move.condition);
      auto group = static_cast<size_t>(move.term->group);
      keep_strongest(log_ratio, up[c][group], down[c][group]);
    }
  }
  for (size_t c = 0; c < conditions; ++c) {
    if (index.grouped[c].empty()) continue;
    for (size_t group = 0; group < index.models[c].group_count && group < kMaxGroups; ++group) out[c] += up[c][group] + down[c][group];
  }
}

void closed_log_odds(const Index& index, const Evidence& evidence, const std::vector<int>& warnings,
                     std::vector<double>& out) {
  const size_t conditions = index.models.size();
  const size_t slot = setting_slot(evidence.setting);
  const std::vector<char>& closes = index.closes[slot];
  out = index.closed_baseline[slot];
  // The closed world's answer: a warning sign that fired reads absent (it speaks through its rule),
  // a known answer as given, an answerable yes/no finding absent, anything else unknown.
  auto answer_of = [&](int finding) {
    auto f = static_cast<size_t>(finding);
    if (!warnings.empty() && std::binary_search(warnings.begin(), warnings.end(), finding)) return std::pair{true, 0.0};
    const Answer& answer = evidence.answers[f];
    if (answer.known) return std::pair{true, answer.value};
    return std::pair{closes[f] != 0, 0.0};
  };
  for (size_t f = 0; f < index.ungrouped.size(); ++f) {
    if (!evidence.answers[f].known || index.ungrouped[f].empty()) continue;  // warnings are known too
    auto [known, value] = answer_of(static_cast<int>(f));
    const bool in_baseline = closes[f] != 0;
    if (in_baseline && value == 0) continue;  // absent, as in the baseline
    for (const Index::Move& move : index.ungrouped[f]) {
      double log_ratio = move.term->at(value);
      if (in_baseline) log_ratio -= move.term->log_absent;
      if (log_ratio != 0.0) out[static_cast<size_t>(move.condition)] += log_ratio;
    }
  }
  for (size_t c = 0; c < conditions; ++c) {
    out[c] = add_groups(out[c], index.grouped[c], index.models[c].group_count, answer_of);
  }
}

}  // namespace fossa::engine
