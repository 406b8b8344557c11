#include "fossa/engine.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/evaluate.h"
#include "engine/triage.h"

namespace fossa {
namespace {

std::vector<double> all_log_odds(const KnowledgeBase& kb, const Evidence& evidence) {
  std::vector<double> out(kb.conditions.size());
  for (size_t c = 0; c < kb.conditions.size(); ++c) out[c] = engine::log_odds(kb, kb.conditions[c], evidence);
  return out;
}

// The disposition with f answered `value`, given the log odds with f unknown.
Disposition answered_level(const KnowledgeBase& kb, Evidence& evidence, int finding, double value,
                           const std::vector<double>& base, const std::vector<int>& conditions,
                           bool with_rules) {
  evidence.set(finding, value);
  std::vector<double> odds = base;
  for (int c : conditions) odds[static_cast<size_t>(c)] = engine::log_odds(kb, kb.conditions[static_cast<size_t>(c)], evidence);
  Disposition level = engine::suspicion_level(kb, odds);
  if (with_rules) level = std::max(level, engine::rules_level(kb, evidence));
  evidence.forget(finding);
  return level;
}

}  // namespace

struct Engine::Decision {
  Disposition level = Disposition::kSelfCare;
  std::vector<FiredRule> floors;
};

Engine::Engine(std::shared_ptr<const KnowledgeBase> kb) : kb_(std::move(kb)) {
  conditions_of_.resize(kb_->findings.size());
  std::set<int> relevant;
  for (size_t c = 0; c < kb_->conditions.size(); ++c) {
    for (const auto& likelihood : kb_->conditions[c].likelihoods) {
      conditions_of_[static_cast<size_t>(likelihood.finding)].push_back(static_cast<int>(c));
      relevant.insert(likelihood.finding);
    }
  }
  for (int finding : relevant) {
    if (kb_->findings[static_cast<size_t>(finding)].type == FindingType::kBool) floor_findings_.push_back(finding);
  }
}

Engine::Decision Engine::decide(const Evidence& evidence, const std::vector<double>& odds,
                                Disposition rules) const {
  const KnowledgeBase& kb = *kb_;
  Decision decision;
  decision.level = std::max(rules, engine::suspicion_level(kb, odds));
  // Safety floor: an unknown finding never gets a less urgent disposition than the more
  // reassuring of its two answers. The rules treat unknown as absent, so only the probabilities
  // can break this; the answer "absent" must raise the level for a floor to matter at all.
  Evidence probe = evidence;
  Disposition base = decision.level;
  for (int finding : floor_findings_) {
    if (base == Disposition::kAmbulance) break;
    if (evidence.known(finding)) continue;
    const auto& conditions = conditions_of_[static_cast<size_t>(finding)];
    Disposition if_absent = answered_level(kb, probe, finding, 0, odds, conditions, false);
    if (if_absent <= base) continue;
    Disposition if_present = answered_level(kb, probe, finding, 1, odds, conditions, true);
    Disposition floor = std::min(std::max(if_absent, rules), if_present);
    if (floor <= decision.level) continue;
    decision.level = floor;
    const Finding& f = kb.findings[static_cast<size_t>(finding)];
    const DispositionInfo& info = kb.disposition(floor);
    FiredRule rule;
    rule.id = "unknown_floor:" + f.id;
    rule.level = floor;
    rule.reason = "We do not know yet whether this applies: \"" + f.meaning +
                  "\" Either answer would lead to this advice or more urgent advice (" + info.name +
                  "), so we advise it until it is known.";
    rule.reason_clinician = "Unknown finding `" + f.id + "`: both answers lead to at least " +
                            std::string(disposition_id(floor)) + ".";
    decision.floors.push_back(std::move(rule));
  }
  return decision;
}

Disposition Engine::disposition(const Evidence& evidence) const {
  auto odds = all_log_odds(*kb_, evidence);
  return decide(evidence, odds, engine::rules_level(*kb_, evidence)).level;
}

Assessment Engine::assess(const Evidence& evidence) const {
  const KnowledgeBase& kb = *kb_;
  Assessment out;
  out.scores = engine::compute_scores(kb, evidence);
  out.fired = engine::fire_rules(kb, evidence, out.scores);

  std::vector<double> odds(kb.conditions.size());
  out.differential.resize(kb.conditions.size());
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    RankedCondition& ranked = out.differential[c];
    ranked.condition = static_cast<int>(c);
    odds[c] = engine::log_odds(kb, kb.conditions[c], evidence, &ranked.contributions);
    ranked.probability = engine::probability(odds[c]);
    std::stable_sort(ranked.contributions.begin(), ranked.contributions.end(),
                     [](const Contribution& a, const Contribution& b) {
                       return std::fabs(std::log(a.ratio)) > std::fabs(std::log(b.ratio));
                     });
  }
  std::vector<bool> suspected;
  engine::suspicion_level(kb, odds, &suspected);
  for (size_t c = 0; c < kb.conditions.size(); ++c) out.differential[c].suspected = suspected[c];

  Decision decision = decide(evidence, odds, engine::most_urgent(out.fired));
  for (auto& floor : decision.floors) out.fired.push_back(std::move(floor));
  out.disposition = decision.level;
  std::stable_sort(out.fired.begin(), out.fired.end(),
                   [](const FiredRule& a, const FiredRule& b) { return a.level > b.level; });
  std::stable_sort(out.differential.begin(), out.differential.end(),
                   [](const RankedCondition& a, const RankedCondition& b) { return a.probability > b.probability; });
  add_workup_and_advice(out);
  return out;
}

void Engine::add_workup_and_advice(Assessment& out) const {
  const KnowledgeBase& kb = *kb_;
  std::set<std::string> seen;
  auto add = [&](std::vector<std::string>& list, const std::string& line) {
    if (seen.insert(line).second) list.push_back(line);
  };
  std::set<std::string> pathways;
  for (const auto& fired : out.fired) {
    if (!fired.rule) continue;
    for (const auto& line : fired.rule->workup) add(out.workup, line);
    for (const auto& score : fired.rule->pathway_scores) pathways.insert(score);
  }
  // Work-up of the suspected conditions, most likely first.
  for (const auto& ranked : out.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    if (!ranked.suspected) continue;
    for (const auto& score : condition.pathway_scores) pathways.insert(score);
    for (const auto& line : condition.workup) add(out.workup, line);
  }
  for (const auto& result : out.scores) {
    if (!pathways.count(result.score->id) && result.score->kind == Score::Kind::kPoints) continue;
    std::string key;
    if (result.score->kind == Score::Kind::kPoints) {
      key = result.categories.empty() ? "" : result.categories.front();
    } else if (result.applicable && result.positive) {
      key = *result.positive ? "positive" : "negative";
    }
    auto found = result.score->pathway.find(key);
    if (found == result.score->pathway.end()) continue;
    for (const auto& line : found->second) add(out.workup, line);
  }
  // Advice for the person: what to do now, then self-care for the likely cause when it fits.
  add(out.advice, kb.disposition(out.disposition).action);
  if (out.disposition <= Disposition::kRoutine) {
    const Condition& top = kb.conditions[static_cast<size_t>(out.differential.front().condition)];
    for (const auto& line : top.advice) add(out.advice, line);
  }
}

std::vector<const FiredRule*> Assessment::red_flags() const {
  std::vector<const FiredRule*> out;
  for (const auto& rule : fired) {
    if (rule.red_flag) out.push_back(&rule);
  }
  return out;
}

}  // namespace fossa
