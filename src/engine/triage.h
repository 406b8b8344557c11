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

// Which conditions are suspected given their log odds: those reaching their threshold, and the most
// probable one. Returns the most urgent care level among them (self-care when none).
Disposition suspicion_level(const KnowledgeBase& kb, const std::vector<double>& log_odds,
                            std::vector<bool>* suspected = nullptr);

// Engine::screen with the scores of `evidence` already computed; `index` is the engine's.
Screen screen(const Engine& engine, const Index& index, const Evidence& evidence, Disposition level,
              const std::vector<ScoreResult>& scores);

// Engine::closed_world of `evidence` whose warning signs that fire are `warnings`.
Evidence closed_world(const Index& index, const Evidence& evidence, const std::vector<int>& warnings);

// Engine::warning_findings; `scores`: those of `evidence` when already computed, else nullptr.
std::vector<int> warning_findings(const KnowledgeBase& kb, const Evidence& evidence, const std::vector<ScoreResult>* scores);

// The disposition the rules alone call for (no probabilities); `scores` those of `evidence`.
Disposition rules_level(const KnowledgeBase& kb, const Evidence& evidence);
Disposition rules_level(const KnowledgeBase& kb, const Evidence& evidence, const std::vector<ScoreResult>& scores);

}  // namespace fossa::engine
