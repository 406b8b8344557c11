// The assessment engine: evidence in, assessment out.
//
// The model (docs/model.md): every condition is an independent yes/no variable whose posterior
// odds are its prior odds times the likelihood ratios of the known findings (unknown findings
// change nothing). The disposition is the most urgent of the triage rules that fire and the care
// levels of the suspected conditions. For the disposition alone, an unknown finding the person
// could answer counts as absent, so it never gets less urgent advice than its reassuring answer.
#pragma once

#include <memory>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/evidence.h"
#include "fossa/knowledge_base.h"

namespace fossa {

namespace engine {
struct Index;
struct LogRatio;
}  // namespace engine

// Which conditions of the differential are explained (RankedCondition::contributions, written as
// `raised_by` and `lowered_by`). Explaining costs more than the posterior itself, so by default
// only what the output shows is explained.
enum class Explain {
  kLeading,  // the kLeadingConditions most likely conditions and every suspected one
  kAll,      // every condition (`?explain=all`, `--explain all`)
};

// How many of the most likely conditions are explained (and given their treatment) by default.
inline constexpr size_t kLeadingConditions = 5;

// The probabilities the differential shows: each condition's share of the odds of all 22 (the
// chance that it is the cause, were exactly one of them the cause), in the order of `log_odds`;
// they sum to 1 and keep the order of the odds. The suspicion of a condition (the disposition)
// reads its own odds instead, against not having it (docs/model.md).
void cause_shares(const std::vector<double>& log_odds, std::vector<double>& shares);

struct AssessOptions {
  Explain explain = Explain::kLeading;  // which conditions get their explanation
};

class Engine {
 public:
  // Keeps a reference to `kb`, which must outlive the engine. Thread-safe: assess() may be called
  // from any number of threads at once.
  explicit Engine(std::shared_ptr<const KnowledgeBase> kb);

  const KnowledgeBase& kb() const { return *kb_; }
  std::shared_ptr<const KnowledgeBase> kb_ptr() const { return kb_; }

  // Assesses `evidence` (answers sized like kb().findings). Deterministic; never fails. Every
  // condition gets its probability and whether it is suspected; those `options.explain` names get
  // their contributions too (RankedCondition::explained). No other field depends on the options.
  Assessment assess(const Evidence& evidence, const AssessOptions& options = {}) const;

  // The disposition alone, without explanations: cheaper, used by the interview and properties.
  Disposition disposition(const Evidence& evidence) const;

  // The world the disposition's suspicion step reads: `evidence` with every unknown yes/no finding
  // the setting's responder can answer set absent (examination findings stay unknown for a person,
  // test results not done for everyone), and the findings of the red-flag rules that fire set
  // absent too, so that a warning sign acts through its rule and never lowers the disposition.
  Evidence closed_world(const Evidence& evidence) const;

  // The present findings read by the red-flag rules that fire on `evidence`, sorted.
  std::vector<int> warning_findings(const Evidence& evidence) const;

  // The warning-sign screen against `level`: the red-flag rules more urgent than `level` that
  // neither fire nor are ruled out, and the findings not yet asked (Evidence::asked) that the
  // setting's responder can answer now (its question's `when` holds) and whose answer can decide
  // one of them: those of the most urgent rules first, then in the screen order of
  // knowledge/interview.yaml. A rule's findings are taken one at a time where one answer can decide
  // it (a "no" to an injury closes the injury rules), else all of them.
  Screen screen(const Evidence& evidence, Disposition level) const;

  // Whether `finding` can be answered by the responder of `setting` (a person answers only what a
  // person can tell; a clinician everything but test results, which are entered, not asked).
  bool answerable(int finding, Setting setting) const;

  // Whether `expression` (of this knowledge base) holds for `evidence`; unknown findings read as
  // absent, as in the triage rules.
  bool holds(const Expression& expression, const Evidence& evidence) const;

 private:
  // The disposition: the rules' level raised to the care of the conditions suspected in the closed
  // world, except those a pathway step has ruled out (`ruled_out`, a condition mask or empty);
  // `suspected` receives which conditions those are. `scores`: those of `evidence` when already
  // computed, else nullptr.
  Disposition triage(const Evidence& evidence, Disposition rules, std::vector<bool>* suspected,
                     const std::vector<bool>& ruled_out, const std::vector<ScoreResult>* scores) const;
  void add_workup_and_advice(Assessment& assessment) const;
  // With test results in `evidence`: the suspicion level the findings alone give, less the
  // conditions a pathway step has ruled out (`ruled_out`), so a result can raise the disposition
  // and lowers it only as its pathway says (docs/model.md); self-care without results.
  Disposition results_floor(const Evidence& evidence, const std::vector<bool>& ruled_out) const;
  // The pathways that apply to `assessment` (its rules, suspected conditions and scores), each with
  // its step that applies now.
  // `answered`: the fired rules the steps that rule out have answered (they are named there).
  std::vector<PathwayStep> pathways(const Evidence& evidence, const Assessment& assessment,
                                    const std::vector<const Rule*>& answered) const;

  friend class Probe;
  std::shared_ptr<const KnowledgeBase> kb_;
  std::shared_ptr<const engine::Index> index_;  // which conditions and rules read each finding
};

// Answers tried on top of fixed evidence, for looking ahead (the interview): the disposition the
// engine would give and the log odds of every condition, recomputed only for the conditions the
// tried findings move and only when a rule reads them. Gives exactly Engine::disposition and the
// differential's odds. Not thread-safe: one per thread. The engine and the evidence must outlive it.
class Probe {
 public:
  Probe(const Engine& engine, const Evidence& evidence);
  // The probe of `evidence`, which is `parent`'s evidence with `findings` answered.
  Probe(const Probe& parent, const Evidence& evidence, const std::vector<int>& findings);

  // For the evidence itself.
  Disposition disposition() const { return disposition_; }
  const std::vector<double>& log_odds() const { return log_odds_; }  // per condition, open world

  // Sets each of `findings` to its value in `values` (1 or 0 for yes/no findings) on top of the
  // evidence and returns the disposition then; trial_log_odds() gives the open-world log odds then,
  // until undo() returns to the evidence.
  Disposition try_answers(const std::vector<int>& findings, const std::vector<double>& values);
  const std::vector<double>& trial_log_odds();
  void undo();

 private:
  struct Moved {
    int condition = -1;
    bool grouped = false;  // a ratio belongs to a dependence group: recompute the odds in full
    std::vector<const engine::LogRatio*> terms;
  };
  // The conditions `findings` move, with the ratios that move them, into the first `count` entries
  // of `out`; the entries after them keep their storage for the next trial.
  void moved_by(const std::vector<int>& findings, std::vector<Moved>& out, size_t& count) const;
  double moved_log_odds(const Moved& moved, double base, const Evidence& before, const Evidence& after) const;
  void finish();

  const Engine& engine_;
  const Evidence& evidence_;
  Evidence closed_;                      // the closed world the disposition reads
  std::vector<int> warnings_;            // the findings of the warning signs that fire (left out of closed_)
  Disposition results_floor_ = Disposition::kSelfCare;  // Engine::results_floor of the evidence
  std::vector<bool> ruled_out_;          // the conditions a pathway step rules out (engine::RuledOut)
  bool tested_ = false;                  // the evidence holds a test result
  Disposition rules_level_ = Disposition::kSelfCare;
  Disposition disposition_ = Disposition::kSelfCare;
  std::vector<double> log_odds_;         // open world
  std::vector<double> closed_log_odds_;  // closed world
  // The trial: findings set, what they move, and the evidence and odds with them.
  std::vector<int> tried_;
  std::vector<Moved> moved_;             // the first moved_count_ entries
  size_t moved_count_ = 0;
  bool trial_open_ready_ = false;
  bool trial_rebuilt_ = false;           // the trial fired another warning sign: trial_closed_ rebuilt
  Evidence trial_;
  Evidence trial_closed_;
  std::vector<double> trial_log_odds_;
  std::vector<double> trial_closed_log_odds_;
};

}  // namespace fossa
