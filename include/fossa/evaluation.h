// Accuracy and safety of the engine over a case file (metrics of shared/cases/README.md).
#pragma once

#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/extract.h"
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

// Interviews every case starting from what its `text` says (fossa/extract.h): the findings the
// text sets are not asked; the findings it mentions only as possible are asked first (each question
// once, warning signs first); then the interview goes on as in evaluate_interview, answered from
// the case's evidence. A case whose text cannot be read starts empty. `questions` counts the
// questions asked after the text.
Metrics evaluate_interview_from_text(const Interview& interview, const Extractor& extractor, const std::vector<Case>& cases);

// One JSON object with every metric, and the readable report with a table of the wrong cases.
std::string metrics_json(const Metrics& metrics);
std::string metrics_text(const Metrics& metrics, const KnowledgeBase& kb);

// What a change of knowledge base does to the cases (`fossa kb diff OLD NEW CASEFILE...`), so a
// clinician can review a change before it is merged. Each case file is read and assessed with all
// its evidence (as `evaluate`) once against each knowledge base; cases are paired by their place in
// the file.
struct CaseChange {
  std::string file;                       // the case file, as given
  std::string id;
  Disposition disposition_before = Disposition::kSelfCare;
  Disposition disposition_after = Disposition::kSelfCare;
  std::vector<std::string> top3_before;   // condition ids, most likely first
  std::vector<std::string> top3_after;
};

struct CaseFileDiff {
  std::string file;
  Metrics before;
  Metrics after;
};

struct KnowledgeDiff {
  std::vector<CaseFileDiff> files;  // in the order given
  Metrics before;                   // every case of every file together
  Metrics after;
  std::vector<CaseChange> changes;  // every case whose disposition or top three changed, in file order
};

// Assesses every case of `case_files` with both engines. Fails (with "FILE:LINE" and the JSON path)
// when a file cannot be read against either knowledge base, for example a finding only one knows.
// Deterministic: same inputs, same result.
Result<KnowledgeDiff> diff_knowledge(const Engine& before, const Engine& after, const std::vector<std::string>& case_files);

// The changed cases (id, disposition old -> new, top three old -> new), then each metric before,
// after and the change, per case file and for all; or the same as one JSON object.
std::string knowledge_diff_text(const KnowledgeDiff& diff);
std::string knowledge_diff_json(const KnowledgeDiff& diff);

// Free text read against labels written by a protocol (tests/text/README.md): JSON Lines of
// {"id", "text", "labels": [{"finding", "value", "certainty", "quote"}]}.
struct TextLabel {
  int finding = -1;
  double value = 0;        // as Answer::value
  bool definite = true;    // false: labelled `possible` (scored apart)
  std::string quote;       // the words that carry it
};
struct LabelledText {
  std::string id;
  std::string text;
  std::vector<TextLabel> labels;
};

// Reads a labelled text file; an invalid line fails the read with "FILE:LINE" and the JSON path.
Result<std::vector<LabelledText>> read_labelled_texts(const std::string& path, const KnowledgeBase& kb);

struct ExtractionCounts {
  size_t true_positive = 0;
  size_t false_positive = 0;
  size_t false_negative = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// How well the extractor reads labelled texts (docs/extraction.md, "Measured"). Per finding: each
// text's evidence against its definite labels (a number within a day, or a quarter of the
// labelled duration, is right; a finding labelled `possible` is left out). Per mention: a definite
// mention about the person now is right when its finding has a definite label of that value in the
// text, and a label is found when such a mention overlaps its quote.
struct ExtractionMetrics {
  size_t texts = 0;
  ExtractionCounts findings;
  ExtractionCounts warning_signs;  // per finding, the findings of red-flag rules only
  ExtractionCounts mentions;
  size_t wrong_polarity = 0;       // yes/no findings read present when labelled absent, or the reverse
  size_t possible_labels = 0;      // labels marked possible ...
  size_t possible_asked = 0;       // ... read as possible (to confirm)
  size_t possible_set = 0;         // ... read as definite (the value set)
  struct Miss {
    std::string id;                // the text
    std::string finding;
    std::string kind;              // "missed", "wrong", "extra" or "polarity"
    std::string expected;
    std::string read;
    std::string words;             // the label's quote, or the mention's words
  };
  std::vector<Miss> misses;
};

ExtractionMetrics evaluate_extraction(const Extractor& extractor, const std::vector<LabelledText>& texts);
std::string extraction_metrics_json(const ExtractionMetrics& metrics);
// The figures, then (with `details`) every miss, one per line.
std::string extraction_metrics_text(const ExtractionMetrics& metrics, bool details);

}  // namespace fossa
