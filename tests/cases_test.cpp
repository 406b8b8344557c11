// Clinical behaviour from case files: the development cases must stay safe and accurate, and the
// golden assessments change only through tests/approve.sh.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace fossa::test {
namespace {

TEST(DevelopmentCases, NoUnsafeTriageAndAccuracyFloor) {
  Metrics metrics = evaluate(engine(), cases("dev.jsonl"));
  EXPECT_EQ(metrics.cases, 52u);
  EXPECT_EQ(metrics.unsafe, 0u) << metrics_text(metrics, kb());
  // Floors a little under the measured figures, so a regression fails here.
  EXPECT_GE(metrics.top3, 0.9) << metrics_text(metrics, kb());
  EXPECT_GE(metrics.top1, 0.75) << metrics_text(metrics, kb());
  EXPECT_GE(metrics.disposition_exact, 0.85) << metrics_text(metrics, kb());
  EXPECT_LE(metrics.over_triage, 0.15) << metrics_text(metrics, kb());
}

// Published case reports (two independent sets, each case cited): triage must stay safe.
// Calibration covers every (case, condition) pair once, and probabilities near 0.9 are mostly right.
TEST(DevelopmentCases, CalibrationCoversEveryPair) {
  Metrics metrics = evaluate(engine(), cases("dev.jsonl"));
  size_t pairs = 0;
  for (const auto& band : metrics.calibration) pairs += band.pairs;
  EXPECT_EQ(pairs, metrics.cases * kb().conditions.size());
  EXPECT_GT(metrics.brier, 0.0);
  EXPECT_LT(metrics.brier, 0.05);
  const CalibrationBand& top = metrics.calibration.back();
  ASSERT_GT(top.pairs, 0u);
  EXPECT_GT(top.observed, 0.7);
}

TEST(PublishedCaseReports, NoUnsafeTriage) {
  for (const char* file : {"reports.jsonl", "reports2.jsonl"}) {
    Metrics metrics = evaluate(engine(), cases(file));
    EXPECT_GE(metrics.cases, 40u) << file;
    EXPECT_EQ(metrics.unsafe, 0u) << file << "\n" << metrics_text(metrics, kb());
  }
}

// Golden assessments: tests/golden/<id>.json holds the approved `fossa assess` JSON of that
// development case (its evidence with the findings of its text beneath).
TEST(Golden, AssessmentsMatchTheApprovedOutput) {
  std::vector<Case> all = cases("dev.jsonl");
  size_t compared = 0;
  for (const Case& c : all) {
    std::ifstream in(std::string(FOSSA_SOURCE_DIR) + "/tests/golden/" + c.id + ".json");
    if (!in) continue;
    std::string approved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!approved.empty() && approved.back() == '\n') approved.pop_back();
    Evidence evidence = case_evidence(c);
    std::string actual = assessment_json(engine().assess(evidence), kb(), evidence.setting, c.id, &evidence);
    // The content hash changes with every knowledge base edit; the approved files hold a placeholder.
    actual.replace(actual.find(kb().hash), kb().hash.size(), "<hash>");
    EXPECT_EQ(actual, approved) << c.id << " changed: review it, then run tests/approve.sh";
    ++compared;
  }
  EXPECT_GE(compared, 3u);
}

}  // namespace
}  // namespace fossa::test
