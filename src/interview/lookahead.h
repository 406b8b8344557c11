// The value of asking a question (docs/interview.md, "Choosing the next question"): for each answer
// worth weighing, the disposition and the top three conditions the engine would give (through
// fossa::Probe), the cost of the wrong disposition the answer would reveal, and what it tells about
// the leading conditions.
#pragma once

#include <array>
#include <vector>

#include "fossa/engine.h"
#include "interview/answer_model.h"

namespace fossa::interview {

struct QuestionValue {
  double decision = 0;      // expected cost of a wrong disposition that asking avoids
  double information = 0;   // expected bits removed from the leading conditions
  double total = 0;         // decision + information weight * information
  double change = 0;        // chance that the answer changes the leading condition
  bool can_change = false;  // some answer changes the disposition or the top three conditions
};

// The cost of giving `given` when `needed` is right: the over-triage cost per level too urgent, or
// the under-triage cost of each level between them (InterviewPlan::under_triage_cost).
double cost(const InterviewPlan& plan, Disposition given, Disposition needed);

// What is known now, computed once per step and shared by the value of every question.
class Lookahead {
 public:
  // All references must outlive this object.
  Lookahead(const Engine& engine, const AnswerModel& model, const Evidence& evidence);
  // The lookahead of `evidence`, which is `parent`'s evidence with `findings` answered: only what
  // those findings move is recomputed.
  Lookahead(const Lookahead& parent, const Evidence& evidence, const std::vector<int>& findings);

  Disposition disposition() const { return probe_.disposition(); }

  // The value of asking `findings` (yes/no findings not asked yet) together, or one number finding
  // with representative answers (InterviewPlan::number_answers).
  QuestionValue value(const std::vector<int>& findings) const;

  // P(finding present | evidence) under the answer model.
  double present_probability(int finding) const;

 private:
  using Top3 = std::array<int, 3>;
  static Top3 top3(const std::vector<double>& log_odds);
  // Weights, leading conditions and entropy from the probe's log odds.
  void finish();

  const Engine& engine_;
  const AnswerModel& model_;
  mutable Probe probe_;           // the engine's disposition after trial answers
  Top3 top3_;
  std::ptrdiff_t leader_ = 0;     // the leading condition
  std::vector<double> weights_;   // mixture weight of each condition: its share (cause_shares)
  std::vector<int> leading_;      // the leading conditions the entropy covers
  double entropy_ = 0;
};

}  // namespace fossa::interview
