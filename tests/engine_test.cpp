// The engine: posterior arithmetic, explanations, determinism and thread safety.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <thread>

#include "engine/evaluate.h"
#include "engine/index.h"
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

double prior_odds(const Condition& condition) { return condition.prior / (1 - condition.prior); }

// The differential shows each condition's share of the odds of all (docs/model.md).
TEST(Engine, NoEvidenceGivesThePriorsShares) {
  double total = 0;
  for (const Condition& condition : kb().conditions) total += prior_odds(condition);
  Assessment assessment = engine().assess(Evidence(kb()));
  double shares = 0;
  for (const auto& ranked : assessment.differential) {
    EXPECT_NEAR(ranked.probability, prior_odds(kb().conditions[static_cast<size_t>(ranked.condition)]) / total, 1e-12);
    EXPECT_TRUE(ranked.contributions.empty());
    shares += ranked.probability;
  }
  EXPECT_NEAR(shares, 1.0, 1e-12);
}

// One finding: every condition's odds are its prior odds times its ratio for the finding (1 where it
// has none), and the differential shows each one's share of them all.
TEST(Engine, PosteriorOddsArePriorOddsTimesTheRatio) {
  const Condition& dvt = kb().conditions[static_cast<size_t>(kb().condition_index("dvt"))];
  for (const auto& likelihood : dvt.likelihoods) {
    if (kb().findings[static_cast<size_t>(likelihood.finding)].type != FindingType::kBool) continue;
    double total = 0, dvt_odds = 0;
    for (const Condition& condition : kb().conditions) {
      double odds = prior_odds(condition);
      for (const auto& other : condition.likelihoods) {
        if (other.finding == likelihood.finding) odds *= other.lr_present;
      }
      total += odds;
      if (&condition == &dvt) dvt_odds = odds;
    }
    Evidence e(kb());
    e.set(likelihood.finding, 1);
    EXPECT_NEAR(probability_of(engine().assess(e), "dvt"), dvt_odds / total, 1e-9)
        << kb().findings[static_cast<size_t>(likelihood.finding)].id;
  }
}

TEST(Engine, CauseSharesSumToOneInTheOrderOfTheOdds) {
  std::vector<double> shares;
  cause_shares({0.0, std::log(3.0), -800.0, 800.0}, shares);  // no exponent may overflow
  ASSERT_EQ(shares.size(), 4u);
  EXPECT_NEAR(shares[0] + shares[1] + shares[2] + shares[3], 1.0, 1e-12);
  EXPECT_NEAR(shares[3], 1.0, 1e-12);
  cause_shares({0.0, std::log(3.0)}, shares);
  EXPECT_NEAR(shares[0], 0.25, 1e-12);
  EXPECT_NEAR(shares[1], 0.75, 1e-12);
  cause_shares({}, shares);
  EXPECT_TRUE(shares.empty());
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

// The index's sums against the plain per-condition pass over every term (log_odds): the open world
// to the last bit (the ratios are added in the same order), the closed world from its baseline
// within rounding, over every development case in both settings, with and without its warning signs.
TEST(Engine, IndexSumsMatchTheFullPassOverEveryTerm) {
  engine::Index index(kb());
  std::vector<double> open;
  std::vector<double> closed;
  size_t checked = 0;
  for (const Case& c : cases("dev.jsonl")) {
    for (Setting setting : {Setting::kPatient, Setting::kClinician}) {
      Evidence e = case_evidence(c);
      e.setting = setting;
      engine::open_log_odds(index, e, open);
      std::vector<int> warnings = engine().warning_findings(e);
      engine::closed_log_odds(index, e, warnings, closed);
      Evidence world = engine().closed_world(e);
      for (size_t i = 0; i < kb().conditions.size(); ++i) {
        EXPECT_EQ(open[i], engine::log_odds(kb().conditions[i], index.models[i], e)) << c.id << " " << kb().conditions[i].id;
        EXPECT_NEAR(closed[i], engine::log_odds(kb().conditions[i], index.models[i], world), 1e-9)
            << c.id << " " << kb().conditions[i].id;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 100u);
}

// By default the five most likely conditions and every suspected one are explained, the others
// not; Explain::kAll explains every one, and changes nothing else.
TEST(Engine, ExplainsTheLeadingAndSuspectedConditionsByDefault) {
  Evidence e = evidence(R"({"age": 63, "swelling_behind_knee": true, "calf_swelling": true, "onset_sudden": true,
                            "trauma": false, "fever": false, "knee_effusion": true})");
  Assessment leading = engine().assess(e);
  Assessment all = engine().assess(e, {Explain::kAll});
  ASSERT_EQ(leading.differential.size(), all.differential.size());
  size_t explained = 0;
  size_t unexplained_with_contributions = 0;
  for (size_t rank = 0; rank < leading.differential.size(); ++rank) {
    const RankedCondition& a = leading.differential[rank];
    const RankedCondition& b = all.differential[rank];
    EXPECT_EQ(a.condition, b.condition);
    EXPECT_EQ(a.probability, b.probability);
    EXPECT_EQ(a.suspected, b.suspected);
    EXPECT_TRUE(b.explained) << rank;
    EXPECT_EQ(a.explained, rank < kLeadingConditions || a.suspected) << rank;
    if (a.explained) {
      ++explained;
      ASSERT_EQ(a.contributions.size(), b.contributions.size()) << rank;
      for (size_t i = 0; i < a.contributions.size(); ++i) {
        EXPECT_EQ(a.contributions[i].finding, b.contributions[i].finding);
        EXPECT_EQ(a.contributions[i].ratio, b.contributions[i].ratio);
      }
    } else {
      EXPECT_TRUE(a.contributions.empty()) << rank;
      if (!b.contributions.empty()) ++unexplained_with_contributions;
    }
  }
  EXPECT_GE(explained, kLeadingConditions);
  EXPECT_GT(unexplained_with_contributions, 0u) << "the case should move a condition beyond the leading ones";
  EXPECT_EQ(leading.disposition, all.disposition);
  EXPECT_EQ(leading.workup, all.workup);
}

// In JSON: raised_by and lowered_by for the explained conditions only, treatment for the leading
// and suspected ones whatever the explanation; explain=all adds the other conditions' explanations
// and nothing else.
TEST(Engine, JsonWritesExplanationsOfTheExplainedConditionsOnly) {
  Evidence e = evidence(R"({"age": 34, "calf_swelling": true, "long_travel": true, "trauma": false})");
  Assessment leading = engine().assess(e);
  Assessment all = engine().assess(e, {Explain::kAll});
  AssessmentJsonWriter writer(kb());
  boost::json::object brief = boost::json::parse(writer.write(leading, e.setting, "x", &e)).as_object();
  boost::json::object full = boost::json::parse(writer.write(all, e.setting, "x", &e)).as_object();
  const auto& brief_differential = brief.at("differential").as_array();
  auto& full_differential = full.at("differential").as_array();
  ASSERT_EQ(brief_differential.size(), kb().conditions.size());
  size_t without = 0;
  for (size_t rank = 0; rank < brief_differential.size(); ++rank) {
    const auto& entry = brief_differential[rank].as_object();
    bool shown = rank < kLeadingConditions || entry.at("suspected").as_bool();
    EXPECT_EQ(entry.contains("raised_by"), shown) << rank;
    EXPECT_EQ(entry.contains("lowered_by"), shown) << rank;
    EXPECT_EQ(entry.contains("treatment"), shown) << rank;
    auto& full_entry = full_differential[rank].as_object();
    EXPECT_TRUE(full_entry.contains("raised_by")) << rank;
    EXPECT_TRUE(full_entry.contains("lowered_by")) << rank;
    if (!shown) {
      ++without;
      full_entry.erase("raised_by");
      full_entry.erase("lowered_by");
    }
  }
  EXPECT_GT(without, 0u);
  EXPECT_EQ(brief, full);
  // The kept writer and the one-off function give the same bytes.
  EXPECT_EQ(writer.write(leading, e.setting, "x", &e), assessment_json(leading, kb(), e.setting, "x", &e));
}

// The writer pre-renders the knowledge base's likelihood ratios with their findings; a ratio it
// does not know is written the same way, to 3 decimals.
TEST(Engine, ExplanationsWriteKnownAndUnknownRatiosAlike) {
  Evidence e = evidence(R"({"age": 63, "swelling_behind_knee": true, "calf_swelling": true, "onset_sudden": true})");
  Assessment assessment = engine().assess(e);
  RankedCondition& top = assessment.differential.front();
  ASSERT_GE(top.contributions.size(), 2u);
  Contribution& changed = top.contributions[0];
  changed.ratio = 1.23456;
  changed.counted = true;
  const Contribution& kept = top.contributions[1];
  AssessmentJsonWriter writer(kb());
  std::string json = writer.write(assessment, e.setting, "x", &e);
  const std::string& changed_id = kb().findings[static_cast<size_t>(changed.finding)].id;
  EXPECT_NE(json.find("\"" + changed_id + "\":1.235"), std::string::npos) << json;
  if (kept.counted) {
    auto entry = boost::json::parse(json).at("differential").at(0).as_object();
    const auto& moved = entry.at(kept.ratio > 1 ? "raised_by" : "lowered_by").as_object();
    const std::string& kept_id = kb().findings[static_cast<size_t>(kept.finding)].id;
    EXPECT_NEAR(moved.at(kept_id).to_number<double>(), kept.ratio, 0.0005) << kept_id;
  }
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
