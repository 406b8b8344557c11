// Coverage of the case vocabulary (shared/cases/vocabulary.json format) by a knowledge base.
#pragma once

#include <string>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::kb {

// One message per vocabulary id (finding, condition or disposition) the knowledge base lacks, or
// per finding whose type differs; a single message when the vocabulary is not valid JSON.
std::vector<std::string> uncovered_vocabulary(const KnowledgeBase& kb, const std::string& vocabulary_json);

}  // namespace fossa::kb
