// Safety properties over every case of the case files and every finding:
//  - setting a red-flag finding present never lowers the disposition;
//  - a finding left unknown never gets a less urgent disposition than the more reassuring of its
//    two answers would.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_support.h"

namespace fossa::test {
namespace {

// The ids of the red-flag rules that fire on `evidence`.
std::set<std::string> red_flags_fired(const Evidence& evidence) {
  std::set<std::string> out;
  Assessment assessment = engine().assess(evidence);
  for (const auto* rule : assessment.red_flags()) out.insert(rule->id);
  return out;
}

class Safety : public ::testing::TestWithParam<std::string> {};

// A red-flag finding is one whose presence makes a red-flag rule fire that did not fire before.
TEST_P(Safety, RedFlagPresentNeverLowersTheDisposition) {
  size_t checked = 0;
  for (const Case& c : cases(GetParam())) {
    Disposition before = engine().disposition(c.evidence);
    auto fired_before = red_flags_fired(c.evidence);
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      if (kb().findings[f].type != FindingType::kBool || c.evidence.present(static_cast<int>(f))) continue;
      int flag = static_cast<int>(f);
      Evidence changed = c.evidence;
      changed.set(flag, 1);
      auto fired_after = red_flags_fired(changed);
      if (std::includes(fired_before.begin(), fired_before.end(), fired_after.begin(), fired_after.end())) continue;
      Disposition after = engine().disposition(changed);
      EXPECT_GE(after, before) << c.id << ": setting " << kb().findings[static_cast<size_t>(flag)].id << " present lowered "
                               << disposition_id(before) << " to " << disposition_id(after);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST_P(Safety, UnknownNeverLessUrgentThanTheMoreReassuringAnswer) {
  size_t checked = 0;
  for (const Case& c : cases(GetParam())) {
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      if (kb().findings[f].type != FindingType::kBool) continue;
      // A person cannot answer an examination finding: in the patient setting it is never asked.
      if (c.evidence.setting == Setting::kPatient && kb().findings[f].asked_of == Responder::kClinician) continue;
      int index = static_cast<int>(f);
      Evidence unknown = c.evidence;
      unknown.forget(index);
      Evidence present = unknown;
      present.set(index, 1);
      Evidence absent = unknown;
      absent.set(index, 0);
      Disposition reassuring = std::min(engine().disposition(present), engine().disposition(absent));
      Disposition given = engine().disposition(unknown);
      EXPECT_GE(given, reassuring) << c.id << ": " << kb().findings[f].id << " unknown gave " << disposition_id(given)
                                   << " but both answers give at least " << disposition_id(reassuring);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST_P(Safety, AssessAndDispositionAgree) {
  for (const Case& c : cases(GetParam())) {
    EXPECT_EQ(engine().assess(c.evidence).disposition, engine().disposition(c.evidence)) << c.id;
  }
}

INSTANTIATE_TEST_SUITE_P(CaseFiles, Safety, ::testing::ValuesIn(case_files()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           return name.substr(0, name.find('.'));
                         });

// The floor must also hold when nothing but one finding is known (the start of an interview).
TEST(SafetySingleFinding, EveryFindingAloneKeepsTheUnknownProperty) {
  for (size_t f = 0; f < kb().findings.size(); ++f) {
    if (kb().findings[f].type != FindingType::kBool) continue;
    for (size_t g = 0; g < kb().findings.size(); ++g) {
      if (g == f || kb().findings[g].type != FindingType::kBool) continue;
      if (kb().findings[g].asked_of == Responder::kClinician) continue;  // never asked of a person
      Evidence base(kb(), Setting::kPatient);
      base.set(static_cast<int>(f), 1);
      Evidence present = base, absent = base;
      present.set(static_cast<int>(g), 1);
      absent.set(static_cast<int>(g), 0);
      Disposition reassuring = std::min(engine().disposition(present), engine().disposition(absent));
      EXPECT_GE(engine().disposition(base), reassuring) << kb().findings[f].id << " present, " << kb().findings[g].id << " unknown";
    }
  }
}

}  // namespace
}  // namespace fossa::test
