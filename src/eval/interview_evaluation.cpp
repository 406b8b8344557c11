// `fossa eval --mode interview`: every case replayed as an interview with a simulated person.
#include <algorithm>

#include "eval/outcome.h"
#include "fossa/evaluation.h"

namespace fossa {
namespace {

double median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2.0;
}

// The share of the case's findings (known, or given as null) that the interview asked about.
double recall(const Evidence& truth, const Evidence& asked) {
  size_t listed = 0;
  size_t found = 0;
  for (size_t f = 0; f < truth.answers.size(); ++f) {
    if (!truth.asked(static_cast<int>(f))) continue;
    ++listed;
    if (asked.asked(static_cast<int>(f))) ++found;
  }
  return listed ? static_cast<double>(found) / static_cast<double>(listed) : 1.0;
}

}  // namespace

Metrics evaluate_interview(const Interview& interview, const std::vector<Case>& cases) {
  std::vector<CaseOutcome> outcomes;
  for (const Case& c : cases) {
    InterviewRun run = simulate_interview(interview, c.evidence);
    CaseOutcome outcome = eval::outcome_of(c, run.last.assessment);
    outcome.questions = static_cast<int>(run.questions.size());
    outcome.findings_recall = recall(c.evidence, run.evidence);
    for (const Question& question : run.questions) outcome.asked.push_back(question.id);
    outcome.stop = run.last.stop;
    outcomes.push_back(std::move(outcome));
  }
  return eval::summarise_interview(std::move(outcomes));
}

namespace eval {

Metrics summarise_interview(std::vector<CaseOutcome> outcomes) {
  Metrics metrics = summarise(std::move(outcomes));
  metrics.interview = true;
  std::vector<int> all;
  std::vector<int> emergency;
  double recall_sum = 0;
  for (const CaseOutcome& outcome : metrics.outcomes) {
    all.push_back(outcome.questions);
    if (outcome.expected_disposition && *outcome.expected_disposition >= Disposition::kEmergency) {
      emergency.push_back(outcome.questions);
    }
    recall_sum += outcome.findings_recall;
  }
  metrics.questions_median = median(all);
  metrics.questions_median_emergency = median(emergency);
  if (!all.empty()) {
    double total = 0;
    for (int questions : all) total += questions;
    metrics.questions_mean = total / static_cast<double>(all.size());
    metrics.findings_recall = recall_sum / static_cast<double>(all.size());
  }
  return metrics;
}

double findings_recall(const Evidence& truth, const Evidence& asked) { return recall(truth, asked); }

}  // namespace eval

}  // namespace fossa
