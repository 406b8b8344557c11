// Pathways (knowledge/pathways.yaml): the NICE NG158 step for every combination of the Wells
// category, the D-dimer and the scan, item by item; the other pathways' steps; treatment for every
// condition; and test results never lowering the disposition (safety with results).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "test_support.h"

namespace fossa::test {
namespace {

// The step of pathway `id` for `evidence`, or "" when the pathway does not apply.
std::string step_of(const std::string& id, const Evidence& evidence) {
  for (const PathwayStep& entry : engine().assess(evidence).pathways) {
    if (entry.pathway->id == id) return entry.step->id;
  }
  return "";
}

TEST(Ng158, EveryCombinationOfWellsDdimerAndScan) {
  // Wells likely: calf 3 cm larger and the whole leg swollen (2 points); unlikely: a swollen calf
  // alone (0 points, but the suspected-DVT rule fires, so the pathway applies).
  const char* likely = R"("calf_swelling": true, "calf_asymmetry_3cm": true, "whole_leg_swollen": true)";
  const char* unlikely = R"("calf_swelling": true)";
  struct Row {
    const char* wells;
    const char* d_dimer;  // "": not done
    const char* scan;
    const char* step;
  };
  const Row rows[] = {
      {likely, "", "", "ultrasound_within_4h"},
      {likely, "true", "", "ultrasound_within_4h"},
      {likely, "false", "", "ultrasound_within_4h"},
      {likely, "", "true", "treat_dvt"},
      {likely, "true", "true", "treat_dvt"},
      {likely, "false", "true", "treat_dvt"},
      {likely, "", "false", "d_dimer"},
      {likely, "true", "false", "repeat_ultrasound_6_to_8_days"},
      {likely, "false", "false", "consider_alternative_diagnosis"},
      {unlikely, "", "", "d_dimer"},
      {unlikely, "true", "", "ultrasound_within_4h"},
      {unlikely, "false", "", "consider_alternative_diagnosis"},
      {unlikely, "", "true", "treat_dvt"},
      {unlikely, "true", "true", "treat_dvt"},
      {unlikely, "false", "true", "treat_dvt"},
      {unlikely, "true", "false", "consider_alternative_diagnosis"},
      {unlikely, "false", "false", "consider_alternative_diagnosis"},
  };
  for (const Row& row : rows) {
    std::string json = std::string("{") + row.wells;
    if (*row.d_dimer) json += std::string(R"(, "d_dimer_positive": )") + row.d_dimer;
    if (*row.scan) json += std::string(R"(, "ultrasound_dvt": )") + row.scan;
    json += "}";
    Evidence evidence = test::evidence(json);
    EXPECT_EQ(step_of("nice_ng158_dvt", evidence), row.step) << json;
  }
  // The category the rows assume.
  Assessment a = engine().assess(test::evidence(std::string("{") + likely + "}"));
  EXPECT_EQ(a.scores.front().categories.front(), "likely");
}

TEST(Ng158, AppliesOnlyWhenAClotIsInPlayOrATestWasDone) {
  EXPECT_EQ(step_of("nice_ng158_dvt", test::evidence(R"({"trauma": true, "pop_felt": true})")), "");
  EXPECT_EQ(step_of("nice_ng158_dvt", test::evidence(R"({"d_dimer_positive": false})")), "consider_alternative_diagnosis");
}

TEST(Pathways, OtherGuidanceGivesItsStep) {
  EXPECT_EQ(step_of("ottawa_knee_radiograph", test::evidence(R"({"trauma": true, "duration_days": 1, "fibular_head_tenderness": true})")),
            "radiograph");
  EXPECT_EQ(step_of("ottawa_knee_radiograph",
                    test::evidence(R"({"trauma": true, "duration_days": 1, "fibular_head_tenderness": true, "xray_fracture": true})")),
            "treat_fracture");
  EXPECT_EQ(step_of("septic_joint_aspiration", test::evidence(R"({"hot_swollen_joint": true, "fever": true})")),
            "aspirate_before_antibiotics");
  EXPECT_EQ(step_of("septic_joint_aspiration",
                    test::evidence(R"({"hot_swollen_joint": true, "fever": true, "synovial_or_blood_culture_positive": true})")),
            "treat_septic_arthritis");
  EXPECT_EQ(step_of("compartment_pressure", test::evidence(R"({"tense_calf": true})")), "measure_pressure");
  EXPECT_EQ(step_of("nice_ng12_bone_sarcoma", test::evidence(R"({"age": 16, "night_pain": true})")), "very_urgent_radiograph");
  EXPECT_EQ(step_of("claudication_abi", test::evidence(R"({"claudication": true})")), "ankle_brachial_index");
  EXPECT_EQ(step_of("pulsatile_lump_duplex", test::evidence(R"({"pulsatile_lump": true})")), "duplex_ultrasound");
}

// The tests each step orders (the order-select service judges orders against them).
TEST(Pathways, StepsNameTheTestsTheyOrder) {
  std::map<std::string, std::vector<std::string>> ordered;
  size_t steps = 0;
  for (const auto& pathway : kb().pathways) {
    for (const auto& step : pathway.steps) {
      for (int f : step.orders) ordered[pathway.id + "/" + step.id].push_back(kb().findings[static_cast<size_t>(f)].id);
      steps += step.orders.empty() ? 0u : 1u;
    }
  }
  EXPECT_EQ(ordered["nice_ng158_dvt/d_dimer"], std::vector<std::string>{"d_dimer_positive"});
  EXPECT_EQ(ordered["nice_ng158_dvt/ultrasound_within_4h"], std::vector<std::string>{"ultrasound_dvt"});
  EXPECT_EQ(ordered["ottawa_knee_radiograph/radiograph"], std::vector<std::string>{"xray_fracture"});
  EXPECT_TRUE(ordered["ottawa_knee_radiograph/no_radiograph_needed"].empty());
  EXPECT_EQ(ordered["knee_injury_mri/mri_if_it_matters"].size(), 3u);
  EXPECT_EQ(steps, 11u);
}

TEST(Treatment, EveryConditionHasItForThePersonAndTheClinicianWithSources) {
  for (const Condition& condition : kb().conditions) {
    EXPECT_FALSE(condition.treatment_person.empty()) << condition.id;
    EXPECT_FALSE(condition.treatment_clinician.empty()) << condition.id;
    for (const auto* list : {&condition.treatment_person, &condition.treatment_clinician}) {
      for (const auto& statement : *list) EXPECT_FALSE(statement.sources.empty()) << condition.id << ": " << statement.text;
    }
  }
}

TEST(Treatment, TheLeadingFiveAndEverySuspectedConditionCarryItInTheJson) {
  for (const Case& c : cases("dev.jsonl")) {
    Assessment assessment = engine().assess(c.evidence);
    std::string json = assessment_json(assessment, kb(), c.evidence.setting);
    size_t count = 0;
    for (size_t at = json.find("\"treatment\":{"); at != std::string::npos; at = json.find("\"treatment\":{", at + 1)) ++count;
    size_t suspected_below_five = 0;
    for (size_t i = 5; i < assessment.differential.size(); ++i) suspected_below_five += assessment.differential[i].suspected ? 1u : 0u;
    EXPECT_EQ(count, 5 + suspected_below_five) << c.id;
  }
}

// Safety with results: a test result never lowers the disposition below what the findings alone
// give, whatever the case and whatever the result.
TEST(SafetyWithResults, NoTestResultLowersTheDisposition) {
  size_t checked = 0;
  for (const std::string& file : case_files()) {
    for (const Case& c : cases(file)) {
      Evidence base = c.evidence;
      for (size_t f = 0; f < kb().findings.size(); ++f) {
        if (kb().findings[f].investigation()) base.forget(static_cast<int>(f));
      }
      Disposition before = engine().disposition(base);
      for (size_t f = 0; f < kb().findings.size(); ++f) {
        if (!kb().findings[f].investigation()) continue;
        for (double value : {0.0, 1.0}) {
          Evidence with = base;
          with.set(static_cast<int>(f), value);
          EXPECT_GE(engine().disposition(with), before) << c.id << ": " << kb().findings[f].id << " = " << value;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 10000u);
}

}  // namespace
}  // namespace fossa::test
