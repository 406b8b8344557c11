// The interview's model of how a person will answer (docs/interview.md, "Answers"): the chance of
// each yes/no finding given each condition, and the chance of each answer to a question given what
// is known, as a mixture over the conditions weighted by their current probabilities.
#pragma once

#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::interview {

// What the interview precomputes from the knowledge base once. Immutable after construction.
struct AnswerModel {
  explicit AnswerModel(const KnowledgeBase& kb);

  // P(present | condition) for every condition and yes/no finding ([condition][finding]): the
  // finding's base rate times its LR+ for the condition (at most the sensitivity both ratios imply),
  // or the base rate when the condition gives no ratio.
  std::vector<std::vector<double>> present_given;
  // For number findings with representative answers (InterviewPlan::number_answers): P(each
  // answer | condition), its rate times the condition's ratio for it, normalised
  // ([condition][finding] -> one per answer; empty for other findings).
  std::vector<std::vector<std::vector<double>>> number_given;
  // The questions a finding's answer can open: those whose `ask_when` reads it ([finding] ->
  // indexes in InterviewPlan::questions).
  std::vector<std::vector<int>> opens;
};

// One answer to a group of yes/no findings: bit i of `present` set when findings[i] is present,
// the others absent.
struct Outcome {
  unsigned present = 0;
  double number = 0;                // the answer to a number finding (number_outcomes)
  double probability = 0;           // P(answer | evidence), over the listed outcomes
  std::vector<double> posterior;    // mixture weight of each condition after this answer
};

// The answers worth weighing for `findings`: every combination for three findings or fewer, else
// none present, each alone and each pair (larger combinations are rare and weigh little). `weights`
// are the conditions' current mixture weights (summing to 1). The probabilities are normalised over
// the listed outcomes.
std::vector<Outcome> outcomes(const std::vector<int>& findings, const std::vector<double>& weights,
                              const std::vector<std::vector<double>>& present_given);

// The representative answers of number finding `finding`, with their probabilities under the
// mixture `weights`.
std::vector<Outcome> number_outcomes(int finding, const std::vector<double>& weights, const AnswerModel& model,
                                     const KnowledgeBase& kb);

// Entropy in bits of `weights` over the conditions `leading`, with every other condition as one.
double leading_entropy(const std::vector<double>& weights, const std::vector<int>& leading);

}  // namespace fossa::interview
