// The outcome of one case from its assessment, and the interview summary, shared by the
// full-evidence, interview and from-text modes.
#pragma once

#include "fossa/evaluation.h"

namespace fossa::eval {

CaseOutcome outcome_of(const Case& c, const Assessment& assessment);

// Metrics over interview outcomes: summarise() and the question counts and findings recall.
Metrics summarise_interview(std::vector<CaseOutcome> outcomes);

// The share of the case's findings (known, or given as null) that `asked` asked about.
double findings_recall(const Evidence& truth, const Evidence& asked);

}  // namespace fossa::eval
