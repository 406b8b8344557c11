// The result of assessing one person's evidence: warning signs, scores, a ranked differential and
// a disposition, each traceable to the knowledge base entries that produced it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa {

// A triage rule that fired (or the safety floor for unknown findings, id "unknown_floor:<finding>").
struct FiredRule {
  std::string id;
  Disposition level = Disposition::kRoutine;
  bool red_flag = false;
  std::string reason;            // plain words
  std::string reason_clinician;
  const Rule* rule = nullptr;    // the knowledge base rule, or nullptr for derived ones
};

// How one finding moved one condition: the likelihood ratio that was applied.
struct Contribution {
  int finding = -1;
  double value = 0;   // the answer: 1 present, 0 absent, or the number or choice index
  double ratio = 1;   // the likelihood ratio applied (present, absent, band or value)
  double log_ratio = 0;  // its natural log (the change in log odds)
  bool counted = true;  // false when a stronger finding of the same dependence group counted instead
};

struct RankedCondition {
  int condition = -1;
  double probability = 0;  // posterior
  std::vector<Contribution> contributions;  // sorted by effect, strongest first; empty unless explained
  bool suspected = false;  // probability reached the suspicion threshold
  bool explained = false;  // `contributions` were computed (AssessOptions::explain in fossa/engine.h)
};

struct ScoreItemResult {
  const Score::Item* item = nullptr;
  bool met = false;        // the item's condition holds
  bool unknown = false;    // a finding it reads is not known (counted as not met)
};

struct ScoreResult {
  const Score* score = nullptr;
  std::vector<ScoreItemResult> items;
  // kPoints: per version, the points and the tier id.
  std::vector<double> points;
  std::vector<std::string> categories;
  // kAnyCriterion: whether the rule applies, and its result: true when any criterion holds,
  // false when all are known not to hold, nullopt while some are unknown.
  bool applicable = false;
  std::optional<bool> positive;
};

// The warning-sign screen (docs/model.md, "The warning-sign screen"): whether every red-flag rule
// more urgent than the disposition has been ruled in or out by the answers, or could still fire
// through a finding not yet asked.
struct Screen {
  bool complete = true;           // no red-flag rule more urgent than the disposition is open
  std::vector<int> unasked;       // findings whose answer can decide an open rule: most urgent rule first, then screen order
  std::vector<const Rule*> open;  // the open rules, most urgent first
};

// A pathway that applies (knowledge/pathways.yaml) and its step that applies now.
struct PathwayStep {
  const Pathway* pathway = nullptr;
  const Pathway::Step* step = nullptr;
  // When the step rules out conditions (Pathway::Step::rules_out): the rules that held but no
  // longer set the disposition, because the step's test results answered them.
  std::vector<const Rule*> answered;
};

struct Assessment {
  std::vector<FiredRule> fired;          // every rule that fired, most urgent first
  std::vector<ScoreResult> scores;       // in knowledge base order
  std::vector<RankedCondition> differential;  // most likely first
  Disposition disposition = Disposition::kSelfCare;
  Screen screen;                         // against `disposition`
  std::vector<PathwayStep> pathways;     // every pathway that applies, in knowledge base order
  std::vector<std::string> workup;       // deduplicated, in order of importance
  std::vector<std::string> advice;       // plain words, for the person

  // The fired rules that are red flags.
  std::vector<const FiredRule*> red_flags() const;
};

}  // namespace fossa
