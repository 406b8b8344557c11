// What the engine precomputes from its knowledge base once: for each finding, the likelihood
// ratios that read it and whether a rule or score reads it. Used by Probe to recompute only what an
// answer moves.
#pragma once

#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::engine {

struct Index {
  explicit Index(const KnowledgeBase& kb);

  struct Move {
    int condition = -1;
    const Likelihood* likelihood = nullptr;  // in the knowledge base
  };
  std::vector<std::vector<Move>> moves;  // [finding] -> the ratios that read it
  std::vector<bool> read_by_rules;       // [finding] -> a rule or a score reads it
};

}  // namespace fossa::engine
