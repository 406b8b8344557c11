// What the engine precomputes from its knowledge base once: each condition's prior odds and
// likelihood ratios in natural logs (the posterior's inner loop reads only these), and for each
// finding the ratios that read it and whether a rule or score reads it. Used by Probe to recompute
// only what an answer moves. The knowledge base itself stays as written (fossa/knowledge_base.h).
#pragma once

#include <utility>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::engine {

// One Likelihood in natural logs, in a compact form that stays in cache.
struct LogRatio {
  int finding = -1;
  int group = -1;
  FindingType type = FindingType::kBool;
  double log_present = 0;                        // bool
  double log_absent = 0;
  std::vector<std::pair<double, double>> bands;  // number: (below, log ratio)
  std::vector<double> values;                    // enum: log ratio per value

  explicit LogRatio(const Likelihood& likelihood);
  // log(Likelihood::ratio(value)): 0 where the ratio is 1.
  double at(double value) const;
};

// A condition's log prior odds and its ratios in logs, in the order of Condition::likelihoods.
struct LogModel {
  explicit LogModel(const Condition& condition);
  double log_prior_odds = 0;
  std::vector<LogRatio> terms;
};

struct Index {
  explicit Index(const KnowledgeBase& kb);
  Index(const Index&) = delete;  // moves point into models
  Index& operator=(const Index&) = delete;

  std::vector<LogModel> models;  // [condition]

  struct Move {
    int condition = -1;
    const LogRatio* term = nullptr;  // in models
  };
  std::vector<std::vector<Move>> moves;  // [finding] -> the ratios that read it
  std::vector<bool> read_by_rules;       // [finding] -> a rule or a score reads it
};

}  // namespace fossa::engine
