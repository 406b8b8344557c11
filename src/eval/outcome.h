// The outcome of one case from its assessment, shared by the full-evidence and interview modes.
#pragma once

#include "fossa/evaluation.h"

namespace fossa::eval {

CaseOutcome outcome_of(const Case& c, const Assessment& assessment);

}  // namespace fossa::eval
