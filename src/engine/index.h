// What the engine precomputes from its knowledge base once: each condition's prior odds and
// likelihood ratios in natural logs, and for each finding the ratios that read it and whether a
// rule or score reads it. The posteriors are summed over the known findings only (a case knows
// about 15 of its findings; the conditions read about 1,000 ratios), and the closed world the
// disposition reads starts from a baseline with every answerable yes/no finding absent, moved by
// the findings that differ from it. Probe uses the same tables to recompute only what an answer
// moves. The knowledge base itself stays as written (fossa/knowledge_base.h).
#pragma once

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "fossa/evidence.h"
#include "fossa/knowledge_base.h"

namespace fossa::engine {

// One Likelihood in natural logs, in a compact form that stays in cache.
struct LogRatio {
  int finding = -1;
  int group = -1;
  FindingType type = FindingType::kBool;
  double log_present = 0;      // bool
  double log_absent = 0;
  double ratio_present = 1;    // bool: the ratios themselves, for explanations
  double ratio_absent = 1;
  std::vector<double> below;   // number: each band holds the values under its bound
  std::vector<double> logs;    // number: log ratio per band; enum: per value
  std::vector<double> ratios;  // the ratios themselves, as `logs`

  explicit LogRatio(const Likelihood& likelihood);
  // log(Likelihood::ratio(value)): 0 where the ratio is 1.
  double at(double value) const {
    if (type == FindingType::kBool) return value != 0 ? log_present : log_absent;
    int index = slot(value);
    return index < 0 ? 0.0 : logs[static_cast<size_t>(index)];
  }
  // Likelihood::ratio(value), without reading the knowledge base's larger Likelihood.
  double ratio(double value) const {
    if (type == FindingType::kBool) return value != 0 ? ratio_present : ratio_absent;
    int index = slot(value);
    return index < 0 ? 1.0 : ratios[static_cast<size_t>(index)];
  }

 private:
  // Number and enum findings: the index in `ratios` of the answer `value`, the band holding it or
  // the value; -1 for a value no band or choice covers.
  int slot(double value) const;
};

// Keeps in `up` and `down` the strongest log ratio above 0 and below 0 of a dependence group, which
// count once each (docs/model.md): the strongest does not depend on the order ratios are met in.
inline void keep_strongest(double log_ratio, double& up, double& down) {
  if (log_ratio > 0.0) up = std::max(up, log_ratio);
  if (log_ratio < 0.0) down = std::min(down, log_ratio);
}

// A condition's log prior odds and its ratios in logs, in the order of Condition::likelihoods.
struct LogModel {
  explicit LogModel(const Condition& condition);
  double log_prior_odds = 0;
  size_t group_count = 0;  // Condition::group_names.size()
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
    int term_index = -1;             // its place in models[condition].terms
  };
  std::vector<std::vector<Move>> moves;  // [finding] -> the ratios that read it
  std::vector<bool> read_by_rules;       // [finding] -> a rule or a score reads it
  std::vector<char> read_by_scores;      // [finding] -> a score reads it
  // [finding] -> its question may be asked whatever the answers (its `when` is kTrue, or it has no
  // question): the screen need not evaluate the `when`.
  std::vector<char> asked_any_time;
  std::vector<char> rule_reads_scores;   // [rule] -> its `when` reads a score
  // [rule] -> the findings whose answer its `when` reads (atoms, and the `applies_when` of the
  // scores whose category it reads), sorted: through a score's points or items, truth() sees a
  // finding only as open or not, so both answers give the same truth.
  std::vector<std::vector<int>> rule_atoms;
  bool scores_read_scores = false;       // an item or `applies_when` of a score reads a score
  std::vector<std::vector<std::vector<int>>> item_reads;  // [score][item] -> findings_read of its `when`
  std::vector<std::vector<int>> score_reads;  // [score] -> the findings its items and `applies_when` read, sorted
  std::vector<std::vector<char>> pathway_rules;  // [pathway][rule] -> the pathway applies when the rule fires

  // The ratios outside dependence groups, per finding (a sum: each adds its log ratio), and those
  // inside one, per condition in the order of Condition::likelihoods (a group counts its strongest
  // ratio in each direction, so they are read together).
  std::vector<std::vector<Move>> ungrouped;           // [finding]
  std::vector<std::vector<const LogRatio*>> grouped;  // [condition]
  std::vector<std::vector<Move>> grouped_moves;       // [finding] -> its ratios inside a group

  // [setting][finding]: the setting's responder can answer it (answerable() below).
  std::array<std::vector<char>, 2> answerable;
  // [setting][finding]: a yes/no finding the setting's responder can answer, which the closed
  // world (Engine::closed_world) sets absent while it is unknown.
  std::array<std::vector<char>, 2> closes;
  std::vector<int> investigations;  // the test-result findings (Finding::investigation), in order
  // Whether `evidence` holds a test result (one of `investigations` is known).
  bool tested(const Evidence& evidence) const {
    return std::any_of(investigations.begin(), investigations.end(), [&evidence](int finding) { return evidence.known(finding); });
  }
  // [setting][condition]: the log prior odds plus the ungrouped log ratios of every finding that
  // `closes` sets absent, in the order of Condition::likelihoods: the closed world of no answers.
  std::array<std::vector<double>, 2> closed_baseline;

  // The open-world sum adds a condition's ratios in the order of its likelihoods, as log_odds()
  // does, so the posteriors are the same to the last bit: it marks the known terms in a bit set on
  // the stack, which holds up to these many conditions and terms per condition. A knowledge base
  // beyond them (`fits_bit_sets` false) is summed by log_odds() condition by condition.
  static constexpr size_t kMaxConditions = 64;
  static constexpr size_t kMaxTermWords = 2;  // 128 terms per condition
  bool fits_bit_sets = true;
};

// Whether the responder of `setting` can answer `finding` (Engine::answerable).
bool answerable(const Finding& finding, Setting setting);

// 0 for the patient setting, 1 for the clinician's: the index of the per-setting tables above.
inline size_t setting_slot(Setting setting) { return setting == Setting::kClinician ? 1 : 0; }

// The open-world log odds of every condition given `evidence` into `out` (sized like the
// conditions): the prior plus the ratios of the known findings. Equal to log_odds() per condition.
void open_log_odds(const Index& index, const Evidence& evidence, std::vector<double>& out);

// The log odds of every condition in the closed world of `evidence` (Engine::closed_world) whose
// warning signs that fire are `warnings` (sorted), into `out`: the baseline moved by the findings
// whose closed answer is not the baseline's absent. Without copying the evidence.
void closed_log_odds(const Index& index, const Evidence& evidence, const std::vector<int>& warnings,
                     std::vector<double>& out);

}  // namespace fossa::engine
