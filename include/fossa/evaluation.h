// Accuracy and safety of the engine over a case file (metrics of shared/cases/README.md).
#pragma once

#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"

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
  int questions = 0;                 // interview mode only
  double findings_recall = 0;        // interview mode only
};

struct Metrics {
  size_t cases = 0;
  double top1 = 0;
  double top3 = 0;
  double disposition_exact = 0;
  double under_triage = 0;
  double over_triage = 0;
  size_t unsafe = 0;  // expected same_day or more urgent, given less urgent
  std::vector<CaseOutcome> outcomes;

  bool correct(const CaseOutcome& outcome) const;
};

// Metrics over outcomes (shared by the full-evidence and interview modes).
Metrics summarise(std::vector<CaseOutcome> outcomes);

// Assesses every case with all its evidence.
Metrics evaluate(const Engine& engine, const std::vector<Case>& cases);

// One JSON object with every metric, and the readable report with a table of the wrong cases.
std::string metrics_json(const Metrics& metrics);
std::string metrics_text(const Metrics& metrics, const KnowledgeBase& kb);

}  // namespace fossa
