// The disposition: triage rules over findings and scores, probability-based suspicion, and the
// safety floor for unknown findings (docs/model.md, "Disposition").
#pragma once

#include <vector>

#include "fossa/assessment.h"
#include "fossa/engine.h"
#include "fossa/evidence.h"
#include "engine/index.h"

namespace fossa::engine {

// Every rule of the knowledge base that holds, in knowledge base order.
std::vector<FiredRule> fire_rules(const KnowledgeBase& kb, const Evidence& evidence,
                                  const std::vector<ScoreResult>& scores);

// The most urgent level among `fired`, or self-care when none fired.
Disposition most_urgent(const std::vector<FiredRule>& fired);

// The step of `pathway` that applies now: its first step whose `when` holds (a step without `when`
// always does), or nullptr.
const Pathway::Step* step_now(const Pathway& pathway, const Evidence& evidence, const std::vector<ScoreResult>& scores);

// What the pathway steps reached now rule out (Pathway::Step::rules_out; docs/model.md): for each
// pathway, its first step whose `when` holds, when that step rules out conditions. Such a step reads
// a test result (the loader checks), so nothing is ruled out while no test result is known.
struct RuledOut {
  std::vector<bool> conditions;                 // by condition index; empty when nothing is ruled out
  std::vector<const Rule*> rules;               // the rules those steps answer (Pathway::Step::answers), sorted
  // The steps that rule out, with their pathways, in knowledge base order.
  std::vector<std::pair<const Pathway*, const Pathway::Step*>> steps;
  Disposition answered_level = Disposition::kSelfCare;  // the most urgent answered_level of `steps`
  bool empty() const { return conditions.empty(); }
  bool answers(const Rule* rule) const;
};
RuledOut ruled_out(const KnowledgeBase& kb, const Index& index, const Evidence& evidence,
                   const std::vector<ScoreResult>& scores);

// Which conditions are suspected given their log odds: those reaching their threshold, and the most
// probable one, except those in `ruled_out` (a condition mask, or empty). Returns the most urgent
// care level among them (self-care when none).
Disposition suspicion_level(const KnowledgeBase& kb, const std::vector<double>& log_odds,
                            std::vector<bool>* suspected = nullptr, const std::vector<bool>& ruled_out = {});

// Engine::screen with the scores of `evidence` already computed; `index` is the engine's.
Screen screen(const Engine& engine, const Index& index, const Evidence& evidence, Disposition level,
              const std::vector<ScoreResult>& scores);

// Engine::closed_world of `evidence` whose warning signs that fire are `warnings`.
Evidence closed_world(const Index& index, const Evidence& evidence, const std::vector<int>& warnings);

// Engine::warning_findings; `scores`: those of `evidence` when already computed, else nullptr.
std::vector<int> warning_findings(const KnowledgeBase& kb, const Evidence& evidence, const std::vector<ScoreResult>* scores);

// The disposition the rules alone call for (no probabilities), less the rules a pathway step has
// answered (RuledOut); `scores` those of `evidence` when given. `ruled` receives what is ruled
// out, when given.
Disposition rules_level(const KnowledgeBase& kb, const Index& index, const Evidence& evidence, RuledOut* ruled = nullptr);
Disposition rules_level(const KnowledgeBase& kb, const Index& index, const Evidence& evidence,
                        const std::vector<ScoreResult>& scores, RuledOut* ruled = nullptr);

}  // namespace fossa::engine
