#include "fossa/engine.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/evaluate.h"
#include "engine/index.h"
#include "engine/triage.h"

namespace fossa {
namespace {

// Adds `line` to `list` unless `list` or `other` has it already (work-up and advice are short).
void add_once(std::vector<std::string>& list, const std::vector<std::string>& other, const std::string& line) {
  if (std::find(list.begin(), list.end(), line) != list.end()) return;
  if (std::find(other.begin(), other.end(), line) != other.end()) return;
  list.push_back(line);
}

// Whether `step` answers `rule` (Pathway::Step::answers).
bool step_answers(const Pathway::Step& step, const Rule& rule, const KnowledgeBase& kb) {
  return std::find(step.answers.begin(), step.answers.end(), static_cast<int>(&rule - kb.rules.data())) != step.answers.end();
}

}  // namespace

Engine::Engine(std::shared_ptr<const KnowledgeBase> kb)
    : kb_(std::move(kb)), index_(std::make_shared<const engine::Index>(*kb_)) {}

std::vector<int> engine::warning_findings(const KnowledgeBase& kb, const Evidence& evidence,
                                         const std::vector<ScoreResult>* scores) {
  std::vector<int> out;
  std::vector<ScoreResult> computed;
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag) continue;
    bool reads_present = false;
    for (int finding : rule.findings) reads_present = reads_present || evidence.present(finding);
    if (!reads_present) continue;
    if (!scores) {
      computed = engine::compute_scores(kb, evidence);
      scores = &computed;
    }
    if (!engine::holds(rule.when, evidence, *scores)) continue;
    for (int finding : rule.findings) {
      if (evidence.present(finding)) out.push_back(finding);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int> Engine::warning_findings(const Evidence& evidence) const {
  return engine::warning_findings(*kb_, evidence, nullptr);
}

Evidence engine::closed_world(const Index& index, const Evidence& evidence, const std::vector<int>& warnings) {
  Evidence out = evidence;
  // A warning sign that fired speaks through its rule: its likelihood ratios do not also lower the
  // suspicion of a dangerous cause (numbness lowering a clot's probability), so a warning sign never
  // makes the disposition less urgent (docs/model.md).
  for (int finding : warnings) out.answers[static_cast<size_t>(finding)] = {true, 0.0};
  // What the setting's responder cannot answer (examination findings, for a person) stays unknown.
  const auto& closes = index.closes[engine::setting_slot(evidence.setting)];
  for (size_t f = 0; f < out.answers.size(); ++f) {
    if (closes[f] && !out.answers[f].known) out.answers[f] = {true, 0.0};
  }
  return out;
}

Evidence Engine::closed_world(const Evidence& evidence) const {
  return engine::closed_world(*index_, evidence, engine::warning_findings(*kb_, evidence, nullptr));
}

Disposition Engine::triage(const Evidence& evidence, Disposition rules, std::vector<bool>* suspected,
                           const std::vector<bool>& ruled_out, const std::vector<ScoreResult>* scores) const {
  // Suspicion reads the closed world, so an unknown finding gives exactly the disposition of its
  // reassuring answer "absent" (the rules treat unknown as absent too); see docs/model.md.
  std::vector<double> closed;
  engine::closed_log_odds(*index_, evidence, engine::warning_findings(*kb_, evidence, scores), closed);
  Disposition level = engine::suspicion_level(*kb_, closed, suspected, ruled_out);
  return std::max({rules, level, results_floor(evidence, ruled_out)});
}

Disposition Engine::results_floor(const Evidence& evidence, const std::vector<bool>& ruled_out) const {
  if (!index_->tested(evidence)) return Disposition::kSelfCare;
  Evidence without = evidence;
  for (int finding : index_->investigations) {
    if (evidence.known(finding)) without.forget(finding);
  }
  std::vector<double> closed;
  engine::closed_log_odds(*index_, without, engine::warning_findings(*kb_, without, nullptr), closed);
  return engine::suspicion_level(*kb_, closed, nullptr, ruled_out);
}

void cause_shares(const std::vector<double>& log_odds, std::vector<double>& shares) {
  shares.resize(log_odds.size());
  if (log_odds.empty()) return;
  // Scaled by the largest odds, so that no exponent overflows.
  const double largest = *std::max_element(log_odds.begin(), log_odds.end());
  double total = 0;
  for (size_t c = 0; c < log_odds.size(); ++c) total += shares[c] = std::exp(log_odds[c] - largest);
  for (double& share : shares) share /= total;
}

Disposition Engine::disposition(const Evidence& evidence) const {
  const std::vector<ScoreResult> scores = engine::compute_scores(*kb_, evidence);
  engine::RuledOut ruled;
  Disposition rules = engine::rules_level(*kb_, *index_, evidence, scores, &ruled);
  return triage(evidence, rules, nullptr, ruled.conditions, &scores);
}

Assessment Engine::assess(const Evidence& evidence, const AssessOptions& options) const {
  const KnowledgeBase& kb = *kb_;
  Assessment out;
  out.scores = engine::compute_scores(kb, evidence);
  out.fired = engine::fire_rules(kb, evidence, out.scores);

  std::vector<double> odds;
  engine::open_log_odds(*index_, evidence, odds);
  std::vector<double> shares;
  cause_shares(odds, shares);
  out.differential.resize(kb.conditions.size());
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    out.differential[c].condition = static_cast<int>(c);
    out.differential[c].probability = shares[c];
  }
  // Rules a pathway step has answered with test results call for the step's answered_level at
  // most: the step stands in for them in `fired` ("pathway:<id>/<step>"), and the pathway's entry
  // names them (docs/model.md).
  const engine::RuledOut ruled = engine::ruled_out(kb, *index_, evidence, out.scores);
  std::vector<const Rule*> answered;
  if (!ruled.empty()) {
    std::erase_if(out.fired, [&](const FiredRule& fired) {
      if (!ruled.answers(fired.rule)) return false;
      answered.push_back(fired.rule);
      return true;
    });
    for (const auto& [pathway, step] : ruled.steps) {
      Disposition level = Disposition::kSelfCare;
      bool any = false;
      for (const Rule* rule : answered) {
        if (!step_answers(*step, *rule, kb)) continue;
        level = std::max(level, std::min(rule->level, step->answered_level));
        any = true;
      }
      if (!any) continue;
      FiredRule stands_in;
      stands_in.id = "pathway:" + pathway->id + "/" + step->id;
      stands_in.level = level;
      stands_in.reason = step->text;
      stands_in.reason_clinician = step->text_clinician;
      out.fired.push_back(std::move(stands_in));
    }
  }
  std::vector<bool> suspected;
  const Disposition rules = engine::most_urgent(out.fired);
  out.disposition = triage(evidence, rules, &suspected, ruled.conditions, &out.scores);
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    out.differential[c].suspected = suspected[c];
    // Trace a disposition set by a suspected condition rather than by a rule.
    const Condition& condition = kb.conditions[c];
    if (!suspected[c] || condition.care != out.disposition || rules >= out.disposition) continue;
    FiredRule rule;
    rule.id = "suspected:" + condition.id;
    rule.level = condition.care;
    rule.reason = "The most likely causes include: " + condition.plain_name + ".";
    rule.reason_clinician = "Suspected " + condition.name + " (care level " + std::string(disposition_id(condition.care)) + ").";
    out.fired.push_back(std::move(rule));
  }
  engine::stable_sort_small(out.fired, [](const FiredRule& a, const FiredRule& b) { return a.level > b.level; });
  engine::stable_sort_small(out.differential, [](const RankedCondition& a, const RankedCondition& b) {
    return a.probability > b.probability;
  });
  // Explanations only for the conditions that are shown: the leading ones and the suspected ones.
  for (size_t rank = 0; rank < out.differential.size(); ++rank) {
    RankedCondition& ranked = out.differential[rank];
    if (options.explain == Explain::kLeading && rank >= kLeadingConditions && !ranked.suspected) continue;
    auto c = static_cast<size_t>(ranked.condition);
    ranked.contributions.reserve(kb.conditions[c].likelihoods.size());
    engine::log_odds(kb.conditions[c], index_->models[c], evidence, &ranked.contributions);
    engine::stable_sort_small(ranked.contributions, [](const Contribution& a, const Contribution& b) {
      return std::fabs(a.log_ratio) > std::fabs(b.log_ratio);
    });
    ranked.explained = true;
  }
  out.screen = engine::screen(*this, *index_, evidence, out.disposition, out.scores);
  out.pathways = pathways(evidence, out, answered);
  add_workup_and_advice(out);
  return out;
}

void Engine::add_workup_and_advice(Assessment& out) const {
  const KnowledgeBase& kb = *kb_;
  for (const auto& fired : out.fired) {
    if (!fired.rule) continue;
    for (const auto& line : fired.rule->workup) add_once(out.workup, out.advice, line);
  }
  // Work-up of the suspected conditions, most likely first.
  for (const auto& ranked : out.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    if (!ranked.suspected) continue;
    for (const auto& line : condition.workup) add_once(out.workup, out.advice, line);
  }
  // Advice for the person: what to do now, then self-care for the likely cause when it fits.
  add_once(out.advice, out.workup, kb.disposition(out.disposition).action);
  if (out.disposition <= Disposition::kRoutine) {
    const Condition& top = kb.conditions[static_cast<size_t>(out.differential.front().condition)];
    for (const auto& line : top.advice) add_once(out.advice, out.workup, line);
  }
}

std::vector<PathwayStep> Engine::pathways(const Evidence& evidence, const Assessment& assessment,
                                          const std::vector<const Rule*>& answered) const {
  std::vector<PathwayStep> out;
  for (size_t p = 0; p < kb_->pathways.size(); ++p) {
    const Pathway& pathway = kb_->pathways[p];
    bool applies = pathway.when && engine::holds(*pathway.when, evidence, assessment.scores);
    // A rule a step answered left `fired` but still makes its pathway apply (by its place, as below).
    applies = applies || std::any_of(answered.begin(), answered.end(), [&](const Rule* rule) {
      return index_->pathway_rules[p][static_cast<size_t>(rule - kb_->rules.data())] != 0;
    });
    for (const FiredRule& fired : assessment.fired) {
      if (applies) break;
      if (fired.rule) {  // a rule of the knowledge base: by its place
        applies = index_->pathway_rules[p][static_cast<size_t>(fired.rule - kb_->rules.data())] != 0;
      } else {
        applies = std::find(pathway.rules.begin(), pathway.rules.end(), fired.id) != pathway.rules.end();
      }
    }
    for (const RankedCondition& ranked : assessment.differential) {
      applies = applies || (ranked.suspected && std::find(pathway.suspected.begin(), pathway.suspected.end(),
                                                          ranked.condition) != pathway.suspected.end());
    }
    if (!applies) continue;
    const Pathway::Step* step = engine::step_now(pathway, evidence, assessment.scores);
    if (!step) continue;
    PathwayStep entry{&pathway, step, {}};
    for (const Rule* rule : answered) {
      if (step_answers(*step, *rule, *kb_)) entry.answered.push_back(rule);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<const FiredRule*> Assessment::red_flags() const {
  std::vector<const FiredRule*> out;
  for (const auto& rule : fired) {
    if (rule.red_flag) out.push_back(&rule);
  }
  return out;
}

}  // namespace fossa
