// The Wells DVT score (Wells 1997 three tiers; Wells 2003 / NICE NG158 two levels) and the Ottawa
// knee rule (Stiell 1995/1996), item by item and at every cut-off, against the published rules.
#include <gtest/gtest.h>

#include "test_support.h"

namespace fossa::test {
namespace {

const ScoreResult& score(const Assessment& assessment, const std::string& id) {
  for (const auto& result : assessment.scores) {
    if (result.score->id == id) return result;
  }
  ADD_FAILURE() << "no score " << id;
  return assessment.scores.front();
}

struct WellsItem {
  const char* finding;
  double points_2003;
  double points_1997;
};

// The published items: Wells 1997 Lancet table; Wells 2003 NEJM adds previous DVT (+1).
const WellsItem kWellsItems[] = {
    {"active_cancer", 1, 1},         {"leg_immobilised", 1, 1},       {"recent_surgery_or_bedridden", 1, 1},
    {"deep_vein_tenderness", 1, 1},  {"whole_leg_swollen", 1, 1},     {"calf_asymmetry_3cm", 1, 1},
    {"pitting_oedema", 1, 1},        {"collateral_superficial_veins", 1, 1}, {"previous_dvt", 1, 0},
    {"alternative_diagnosis_as_likely", -2, -2},
};

TEST(Wells, EachItemAloneScoresItsPublishedPoints) {
  for (const auto& item : kWellsItems) {
    auto result = score(engine().assess(evidence(std::string("{\"") + item.finding + "\": true}")), "wells_dvt");
    EXPECT_EQ(result.points[0], item.points_2003) << item.finding;
    EXPECT_EQ(result.points[1], item.points_1997) << item.finding;
  }
}

TEST(Wells, AbsentItemsScoreZeroAndUnknownItemsAreListed) {
  auto result = score(engine().assess(evidence(R"({"active_cancer": false, "previous_dvt": true})")), "wells_dvt");
  EXPECT_EQ(result.points[0], 1);
  size_t unknown = 0;
  for (const auto& item : result.items) unknown += item.unknown ? 1 : 0;
  EXPECT_EQ(unknown, 8u);  // 10 items, 2 known
}

// Builds evidence with the first `n` positive items present.
Evidence with_points(int n) {
  std::string json = "{";
  const char* positive[] = {"active_cancer", "leg_immobilised", "recent_surgery_or_bedridden", "deep_vein_tenderness",
                            "whole_leg_swollen", "calf_asymmetry_3cm", "pitting_oedema", "collateral_superficial_veins"};
  for (int i = 0; i < n; ++i) json += std::string(i ? "," : "") + "\"" + positive[i] + "\": true";
  return evidence(json + "}");
}

TEST(Wells, TwoLevelCutOffIsTwoPoints) {
  EXPECT_EQ(score(engine().assess(with_points(1)), "wells_dvt").categories[0], "unlikely");
  EXPECT_EQ(score(engine().assess(with_points(2)), "wells_dvt").categories[0], "likely");
  EXPECT_EQ(score(engine().assess(with_points(0)), "wells_dvt").categories[0], "unlikely");
}

TEST(Wells, ThreeTierCutOffsAreZeroAndThree) {
  const char* expected[] = {"low", "moderate", "moderate", "high", "high"};
  for (int n = 0; n <= 4; ++n) {
    EXPECT_EQ(score(engine().assess(with_points(n)), "wells_dvt").categories[1], expected[n]) << n << " points";
  }
  // An alternative diagnosis takes 1 point to -1: low.
  Evidence minus = with_points(1);
  minus.set(finding("alternative_diagnosis_as_likely"), 1);
  auto result = score(engine().assess(minus), "wells_dvt");
  EXPECT_EQ(result.points[1], -1);
  EXPECT_EQ(result.categories[1], "low");
  EXPECT_EQ(result.categories[0], "unlikely");
}

TEST(Wells, PreviousDvtCountsOnlyIn2003) {
  Evidence e = with_points(1);
  e.set(finding("previous_dvt"), 1);
  auto result = score(engine().assess(e), "wells_dvt");
  EXPECT_EQ(result.points[0], 2);
  EXPECT_EQ(result.categories[0], "likely");
  EXPECT_EQ(result.points[1], 1);
  EXPECT_EQ(result.categories[1], "moderate");
}

TEST(Ottawa, NotApplicableWithoutAnInjuryOrAfterSevenDays) {
  EXPECT_FALSE(score(engine().assess(evidence(R"({"age": 60})")), "ottawa_knee").applicable);
  EXPECT_FALSE(score(engine().assess(evidence(R"({"trauma": true, "duration_days": 8})")), "ottawa_knee").applicable);
  EXPECT_TRUE(score(engine().assess(evidence(R"({"trauma": true, "duration_days": 7})")), "ottawa_knee").applicable);
}

TEST(Ottawa, AnyCriterionIndicatesAnXray) {
  const char* criteria[] = {"isolated_patellar_tenderness", "fibular_head_tenderness", "unable_to_flex_90", "unable_to_bear_weight"};
  for (const char* criterion : criteria) {
    auto result = score(engine().assess(evidence(std::string(R"({"trauma": true, "duration_days": 1, ")") + criterion + "\": true}")), "ottawa_knee");
    ASSERT_TRUE(result.positive.has_value()) << criterion;
    EXPECT_TRUE(*result.positive) << criterion;
  }
}

TEST(Ottawa, AgeCutOffIs55) {
  auto at = [](int age) {
    return score(engine().assess(evidence("{\"trauma\": true, \"duration_days\": 1, \"age\": " + std::to_string(age) + "}")), "ottawa_knee");
  };
  EXPECT_EQ(at(55).positive, std::optional<bool>(true));
  EXPECT_NE(at(54).positive, std::optional<bool>(true));
}

TEST(Ottawa, NegativeOnlyWhenEveryCriterionIsKnownAbsent) {
  std::string all_absent = R"({"trauma": true, "duration_days": 1, "age": 30, "isolated_patellar_tenderness": false,
    "fibular_head_tenderness": false, "unable_to_flex_90": false, "unable_to_bear_weight": false})";
  EXPECT_EQ(score(engine().assess(evidence(all_absent)), "ottawa_knee").positive, std::optional<bool>(false));
  auto partial = score(engine().assess(evidence(R"({"trauma": true, "duration_days": 1, "age": 30})")), "ottawa_knee");
  EXPECT_FALSE(partial.positive.has_value());
}

}  // namespace
}  // namespace fossa::test
