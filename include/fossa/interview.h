// The adaptive interview: the fewest questions that settle what to do (docs/interview.md).
//
// Stateless: the caller keeps the evidence and passes all of it each time; next() returns the next
// question (one finding, or a few related yes/no findings asked together), or that the interview
// should stop, with the assessment so far. The order and the numbers come from
// knowledge/interview.yaml: first the warning-sign screen (every red-flag rule more urgent than the
// disposition so far, asked until it fires or is ruled out), then the question whose answer is
// expected to lower the cost of a wrong disposition the most (under-triage weighted far above
// over-triage), plus a little for what it tells about the leading conditions, then questions that
// could still change the leading causes. docs/interview.md describes the model and the stop rules.
//
//   Interview interview(engine);
//   Evidence evidence(engine.kb(), Setting::kPatient);
//   for (auto step = interview.next(evidence); step.question; step = interview.next(evidence)) {
//     for (int finding : step.question->findings) evidence.set(finding, ask(finding));  // or set_unknown
//   }
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/engine.h"
#include "fossa/evidence.h"

namespace fossa {

namespace interview {
struct AnswerModel;
}  // namespace interview

// Why the interview stopped.
enum class StopReason {
  kNone,             // it goes on: a question is returned
  kRedFlag,          // a red flag at least as urgent as InterviewPlan::red_flag_ends_at fired (and the screen above it is complete)
  kSettled,          // no answer to any remaining question could change the disposition or the top three
  kLowValue,         // no remaining question is worth asking (expected value below the question cost)
  kQuestionLimit,    // InterviewPlan::max_questions questions were asked (never before the screen is complete)
  kNothingToAsk,     // every question the setting allows was asked
};

// "red_flag", "settled", ...
std::string_view stop_reason_id(StopReason reason);

// One question to put: one finding, or a group of yes/no findings asked together. Each finding is
// answered on its own (value, or Evidence::set_unknown for "don't know").
struct Question {
  std::string id;                  // the group's id, or the finding's id
  std::vector<int> findings;       // the findings to ask, not asked before, in order
  std::string text;                // in the setting's words; for a group, its lead-in
  std::vector<std::string> items;  // per finding of `findings`: its question in the setting's words
  std::string why;                 // why it is asked, in plain words
  bool red_flag = false;           // asked to screen for a warning sign (the warning-sign screen)
  double value = 0;                // expected value that chose it (0 for age, sex and the like)
};

struct InterviewStep {
  std::optional<Question> question;  // the next question; empty when the interview should stop
  StopReason stop = StopReason::kNone;
  Assessment assessment;             // the assessment of the evidence so far
  int questions_asked = 0;           // questions answered so far (a group counts once; what was told unasked is none)
  // Whether the leading causes are settled when the interview stops: false when a remaining
  // question still had a fair chance (InterviewPlan::settle_chance) of changing the top three,
  // which is then `unsettled_by`.
  bool causes_settled = true;
  std::optional<Question> unsettled_by;
};

class Interview {
 public:
  // Keeps a reference to `engine` (and so its knowledge base), which must outlive the interview.
  // Precomputes the answer model; thread-safe afterwards: next() may be called from any number of
  // threads at once.
  explicit Interview(const Engine& engine);

  // The next step for `evidence` (answers sized like the knowledge base's findings). A finding
  // already answered, or answered "don't know" (Answer::asked), is never asked again; in the
  // patient setting only findings a person can answer are asked. Deterministic; never fails.
  InterviewStep next(const Evidence& evidence) const;

  // The same when the caller also holds findings to confirm (mentioned only as possible in a
  // person's own words: Extraction::to_confirm, warning signs first). Each is asked alone, in that
  // order: one the warning-sign screen still needs at once, any other once the screen is complete
  // (before questions of value); a warning sign that ends the interview ends it at once.
  InterviewStep next(const Evidence& evidence, const std::vector<int>& to_confirm) const;

  // Questions already put in `evidence`: each group or single finding with any finding asked counts
  // once. What the person told without being asked (Evidence::tell) is not a question.
  int questions_asked(const Evidence& evidence) const;

  const Engine& engine() const { return engine_; }

 private:
  Question make_question(int group, const Evidence& evidence) const;

  const Engine& engine_;
  std::shared_ptr<const interview::AnswerModel> model_;  // precomputed from the knowledge base
};

// A simulated person answering from `truth`: every known finding is answered, every other one with
// "don't know". The interview runs in `truth.setting` until it stops.
struct InterviewRun {
  Evidence evidence;                 // what the interview learnt
  std::vector<Question> questions;   // what it asked, in order
  InterviewStep last;                // the final step (its assessment and why it stopped)
};
InterviewRun simulate_interview(const Interview& interview, const Evidence& truth);

}  // namespace fossa
