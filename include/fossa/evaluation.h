// Accuracy and safety of the engine over a case file (metrics of shared/cases/README.md).
#pragma once

#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/interview.h"

namespace fossa {

// Reads a JSON Lines case file. Blank lines are skipped. An invalid line fails the whole read with
// an error whose `where` is "FILE:LINE" and the JSON path.
Result<std::vector<Case>> read_cases(const std::string& path, const KnowledgeBase& kb);

// The outcome of one case.
struct CaseOutcome {
  std::string id;
  int expected_diagnosis = -1;       // condition index, -1 when the case has none
  int top_condition = -1;            // condition ranked first
  int rank = 0;                      // 1-based rank of the expected diagnosis, 0 when not given
  std::optional<Disposition> expected_disposition;
  Disposition disposition = Disposition::kSelfCare;
  int questions = 0;                 // interview mode only: questions asked (a group counts once)
  double findings_recall = 0;        // interview mode only: share of the case's findings asked about
  std::vector<std::string> asked;    // interview mode only: the ids of the questions, in order
  StopReason stop = StopReason::kNone;  // interview mode only: why the interview stopped
  std::vector<double> probabilities;  // per condition index: the probability given
};

// Calibration over (case, condition) pairs of the cases with a diagnosis: in each band of
// predicted probability, the mean prediction and the share of pairs whose condition is the case's
// diagnosis. A case has one diagnosis while conditions may coexist, so `observed` is a lower bound.
struct CalibrationBand {
  double from = 0;
  double to = 0;
  size_t pairs = 0;
  double predicted = 0;
  double observed = 0;
};

struct Metrics {
  size_t cases = 0;
  double top1 = 0;
  double top3 = 0;
  double disposition_exact = 0;
  double under_triage = 0;
  double over_triage = 0;
  size_t unsafe = 0;  // expected same_day or more urgent, given less urgent
  std::vector<CalibrationBand> calibration;
  double brier = 0;   // mean squared error of the probabilities over the same pairs
  // Interview mode only (interview == true): questions per case (median, mean, and median over the
  // cases whose expected disposition is ambulance or emergency), and the mean findings_recall.
  bool interview = false;
  double questions_median = 0;
  double questions_mean = 0;
  double questions_median_emergency = 0;
  double findings_recall = 0;
  std::vector<CaseOutcome> outcomes;

  bool correct(const CaseOutcome& outcome) const;
};

// Metrics over outcomes (shared by the full-evidence and interview modes).
Metrics summarise(std::vector<CaseOutcome> outcomes);

// Assesses every case with all its evidence.
Metrics evaluate(const Engine& engine, const std::vector<Case>& cases);

// Interviews every case (simulate_interview in interview.h): a simulated person answers from the
// case's evidence and "don't know" to anything else; the case is assessed on what was asked.
// Fills the interview fields of the metrics and of each outcome.
Metrics evaluate_interview(const Interview& interview, const std::vector<Case>& cases);

// One JSON object with every metric, and the readable report with a table of the wrong cases.
std::string metrics_json(const Metrics& metrics);
std::string metrics_text(const Metrics& metrics, const KnowledgeBase& kb);

}  // namespace fossa
