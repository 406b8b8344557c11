// Evaluation of the knowledge base's rule language, scores and posterior odds over evidence. Pure
// functions of their arguments; the pieces the engine assembles.
#pragma once

#include <cmath>
#include <utility>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/evidence.h"
#include "engine/index.h"

namespace fossa::engine {

// True when `expression` holds. Atoms over unknown findings are false.
bool holds(const Expression& expression, const Evidence& evidence, const std::vector<ScoreResult>& scores);

// Kleene's three-valued logic: kUnknown where the answer still depends on findings not yet asked.
enum class Truth { kFalse, kTrue, kUnknown };

// The truth of `expression` when the findings marked in `open` (indexed like the findings) may
// still take any answer: their atoms are kUnknown, and a score atom is kUnknown when the score
// reads an open finding; every other atom reads `evidence` as holds() does. kTrue or kFalse means
// no answer to the open findings can change the result. With `forced` >= 0, that finding's atoms
// are taken as `forced_value` instead (a number or enum finding's atoms all at once).
Truth truth(const Expression& expression, const Evidence& evidence, const std::vector<ScoreResult>& scores,
            const std::vector<char>& open, int forced = -1, bool forced_value = false);

// Whether `expression` reads a score (a score atom anywhere in it).
bool reads_scores(const Expression& expression);

// Every score of the knowledge base over `evidence`.
std::vector<ScoreResult> compute_scores(const KnowledgeBase& kb, const Evidence& evidence);

// compute_scores(kb, changed) into `out`, where `changed` differs from the evidence of `base` (its
// scores) at most in `finding`, and `out` holds what the last call gave for `previous` (or is empty,
// or holds `base`, with `previous` -1): only the scores that read `finding` or `previous` are
// written, and of those only the items that read `finding` are evaluated again. For a caller trying
// answer after answer: it does not allocate after the first call.
void rescore(const KnowledgeBase& kb, const Index& index, const std::vector<ScoreResult>& base, const Evidence& changed,
             int finding, int previous, std::vector<ScoreResult>& out);

// The natural-log odds of `condition` given `evidence`, from its ratios in logs (`model`, the
// engine's Index); when `contributions` is given, the findings that moved it are appended
// (unsorted).
double log_odds(const Condition& condition, const LogModel& model, const Evidence& evidence,
                std::vector<Contribution>* contributions = nullptr);

// Sorts `items` by `before` keeping the order of equals, as std::stable_sort does, without its
// buffer: an insertion sort, for the short lists of one assessment (conditions, rules, findings).
template <typename T, typename Before>
void stable_sort_small(std::vector<T>& items, Before before) {
  for (size_t i = 1; i < items.size(); ++i) {
    T moving = std::move(items[i]);
    size_t j = i;
    for (; j > 0 && before(moving, items[j - 1]); --j) items[j] = std::move(items[j - 1]);
    items[j] = std::move(moving);
  }
}

inline double probability(double log_odds_value) { return 1.0 / (1.0 + std::exp(-log_odds_value)); }

}  // namespace fossa::engine
