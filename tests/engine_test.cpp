// The engine: posterior arithmetic, explanations, determinism and thread safety.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "test_support.h"

namespace fossa::test {
namespace {

double probability_of(const Assessment& assessment, const std::string& id) {
  for (const auto& ranked : assessment.differential) {
    if (kb().conditions[static_cast<size_t>(ranked.condition)].id == id) return ranked.probability;
  }
  ADD_FAILURE() << "no condition " << id;
  return -1;
}

TEST(Engine, NoEvidenceGivesThePriors) {
  Assessment assessment = engine().assess(Evidence(kb()));
  for (const auto& ranked : assessment.differential) {
    EXPECT_NEAR(ranked.probability, kb().conditions[static_cast<size_t>(ranked.condition)].prior, 1e-12);
    EXPECT_TRUE(ranked.contributions.empty());
  }
}

TEST(Engine, PosteriorOddsArePriorOddsTimesTheRatio) {
  const Condition& dvt = kb().conditions[static_cast<size_t>(kb().condition_index("dvt"))];
  for (const auto& likelihood : dvt.likelihoods) {
    if (kb().findings[static_cast<size_t>(likelihood.finding)].type != FindingType::kBool) continue;
    Evidence e(kb());
    e.set(likelihood.finding, 1);
    double odds = dvt.prior / (1 - dvt.prior) * likelihood.lr_present;
    EXPECT_NEAR(probability_of(engine().assess(e), "dvt"), odds / (1 + odds), 1e-9)
        << kb().findings[static_cast<size_t>(likelihood.finding)].id;
  }
}

TEST(Engine, DifferentialIsSortedAndExplained) {
  Evidence e = evidence(R"({"age": 34, "calf_swelling": true, "long_travel": true, "oestrogen_or_pregnancy": true})");
  Assessment assessment = engine().assess(e);
  ASSERT_EQ(assessment.differential.size(), kb().conditions.size());
  for (size_t i = 1; i < assessment.differential.size(); ++i) {
    EXPECT_GE(assessment.differential[i - 1].probability, assessment.differential[i].probability);
  }
  const auto& top = assessment.differential.front();
  EXPECT_EQ(kb().conditions[static_cast<size_t>(top.condition)].id, "dvt");
  EXPECT_FALSE(top.contributions.empty());
}

TEST(Engine, RedFlagOverridesProbabilities) {
  Assessment assessment = engine().assess(evidence(R"({"age": 30, "sports_or_exertion": true, "calf_stretch_pain": true, "chest_pain": true})"));
  EXPECT_EQ(assessment.disposition, Disposition::kAmbulance);
  ASSERT_FALSE(assessment.red_flags().empty());
  EXPECT_EQ(assessment.red_flags().front()->id, "pulmonary_embolism_symptoms");
}

TEST(Engine, DeterministicOutput) {
  Evidence e = evidence(R"({"age": 63, "swelling_behind_knee": true, "calf_swelling": true, "onset_sudden": true})");
  std::string first = assessment_json(engine().assess(e), kb(), Setting::kClinician, "x", &e);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(assessment_json(engine().assess(e), kb(), Setting::kClinician, "x", &e), first);
}

TEST(Engine, SafeToShareAcrossThreads) {
  std::vector<Case> all = cases("dev.jsonl");
  std::vector<Disposition> expected;
  for (const auto& c : all) expected.push_back(engine().assess(c.evidence).disposition);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        for (size_t i = 0; i < all.size(); ++i) {
          if (engine().assess(all[i].evidence).disposition != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Engine, SelfCareForAMildStrain) {
  Assessment assessment = engine().assess(evidence(
      R"({"age": 30, "duration_days": 1, "onset_sudden": true, "sports_or_exertion": true, "pain_back_of_thigh": true,
          "better_with_rest": true, "difficulty_walking": false, "calf_swelling": false, "trauma": false})",
      Setting::kPatient));
  EXPECT_EQ(assessment.disposition, Disposition::kSelfCare);
  EXPECT_EQ(kb().conditions[static_cast<size_t>(assessment.differential.front().condition)].id, "hamstring_strain");
}

}  // namespace
}  // namespace fossa::test
