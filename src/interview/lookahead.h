// The value of asking a question (docs/interview.md, "Choosing the next question"): for each answer
// worth weighing, the disposition and the top three conditions the engine would give, the cost of
// the wrong disposition the answer would reveal, and what it tells about the leading conditions.
#pragma once

#include <array>
#include <vector>

#include "fossa/engine.h"
#include "interview/answer_model.h"

namespace fossa::interview {

struct QuestionValue {
  double decision = 0;      // expected cost of a wrong disposition that asking avoids
  double screen = 0;        // the part of `decision` from red-flag rules the answer would make fire
  double information = 0;   // expected bits removed from the leading conditions
  double total = 0;         // decision + information weight * information
  bool can_change = false;  // some answer changes the disposition or the top three conditions
};

// The cost of giving `given` when `needed` is right: over-triage cost per level too urgent; per
// level too little urgent, the under-triage cost, times the time-critical factor for the levels
// emergency and ambulance.
double cost(const InterviewPlan& plan, Disposition given, Disposition needed);

// What is known now, computed once per step and shared by the value of every question. The
// disposition of each answer is the engine's (Engine::disposition), recomputed only for the
// conditions the answered findings move.
class Lookahead {
 public:
  // All references must outlive this object.
  Lookahead(const Engine& engine, const AnswerModel& model, const Evidence& evidence);
  // The lookahead of `evidence`, which is `parent`'s evidence with `findings` answered: only the
  // odds of the conditions those findings move are recomputed.
  Lookahead(const Lookahead& parent, const Evidence& evidence, const std::vector<int>& findings);

  Disposition disposition() const { return disposition_; }

  // The value of asking `findings` (yes/no findings not asked yet) together, or one number finding
  // with representative answers (InterviewPlan::number_answers).
  QuestionValue value(const std::vector<int>& findings) const;

  // P(finding present | evidence) under the answer model.
  double present_probability(int finding) const;

  // The disposition Engine::disposition gives for the evidence with `findings` answered as in
  // `present` (bit i for findings[i]). Exposed for the tests.
  Disposition disposition_after(const std::vector<int>& findings, unsigned present) const;

 private:
  using Top3 = std::array<int, 3>;
  static Top3 top3(const std::vector<double>& log_odds);
  // Weights, leading conditions, entropy, disposition and scratch state from the log odds.
  void finish();
  // The most urgent level among the red-flag rules that hold (self-care when none).
  Disposition red_flag_level(const Evidence& evidence) const;
  // A condition some of the asked findings move, and their ratios for it.
  struct Moved {
    int condition = -1;
    bool grouped = false;  // a ratio belongs to a dependence group: recompute the odds in full
    std::vector<const Likelihood*> likelihoods;
  };
  std::vector<Moved> moved_by(const std::vector<int>& findings) const;
  // The log odds of `moved` in `answered`, from `base` (its log odds in `before`).
  double moved_log_odds(const Moved& moved, double base, const Evidence& before, const Evidence& answered) const;
  // Sets `findings` as in `outcome` in the scratch evidence and recomputes the closed-world log
  // odds of the `moved` conditions; returns the disposition. `rules` tells whether a rule or score
  // reads one of the findings.
  Disposition answer(const std::vector<int>& findings, const Outcome& outcome, const std::vector<Moved>& moved,
                     bool rules) const;
  // The top three conditions of the scratch evidence (after answer()).
  Top3 answered_top3(const std::vector<Moved>& moved) const;
  bool read_by_rules(const std::vector<int>& findings) const;
  // Undoes answer() and answered_top3().
  void restore(const std::vector<int>& findings, const std::vector<Moved>& moved) const;

  const Engine& engine_;
  const AnswerModel& model_;
  const Evidence& evidence_;
  Evidence closed_;               // the engine's closed world: unknown answerable yes/no findings absent
  Disposition disposition_;
  Disposition rules_level_;       // the level the rules alone call for
  std::vector<double> log_odds_;        // per condition, as the differential reads them
  std::vector<double> closed_log_odds_; // per condition, as the disposition reads them
  Top3 top3_;
  std::vector<double> weights_;   // mixture weight of each condition (its probability, normalised)
  std::vector<int> leading_;      // the leading conditions the entropy covers
  double entropy_ = 0;
  // Scratch state for value(): the evidence with one answer set, and its log odds.
  mutable Evidence answered_;
  mutable Evidence answered_closed_;
  mutable std::vector<double> scratch_log_odds_;
  mutable std::vector<double> scratch_closed_log_odds_;
};

}  // namespace fossa::interview
