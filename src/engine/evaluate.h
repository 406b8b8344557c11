// Evaluation of the knowledge base's rule language, scores and posterior odds over evidence. Pure
// functions of their arguments; the pieces the engine assembles.
#pragma once

#include <cmath>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/evidence.h"

namespace fossa::engine {

// True when `expression` holds. Atoms over unknown findings are false.
bool holds(const Expression& expression, const Evidence& evidence, const std::vector<ScoreResult>& scores);

// Every score of the knowledge base over `evidence`.
std::vector<ScoreResult> compute_scores(const KnowledgeBase& kb, const Evidence& evidence);

// The natural-log odds of `condition` given `evidence`; when `contributions` is given, the findings
// that moved it are appended (unsorted).
double log_odds(const Condition& condition, const Evidence& evidence,
                std::vector<Contribution>* contributions = nullptr);

inline double probability(double log_odds_value) { return 1.0 / (1.0 + std::exp(-log_odds_value)); }

}  // namespace fossa::engine
