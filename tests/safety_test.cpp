// Safety properties over every case of the case files and every finding:
//  - setting a red-flag finding present never lowers the disposition;
//  - a finding left unknown never gets a less urgent disposition than the more reassuring of its
//    two answers would.
#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace fossa::test {
namespace {

std::set<int> red_flag_findings() {
  std::set<int> out;
  std::function<void(const Expression&)> collect = [&](const Expression& e) {
    if (e.kind == Expression::Kind::kPresent) out.insert(e.index);
    for (const auto& child : e.children) {
      if (e.kind != Expression::Kind::kNot) collect(child);
    }
  };
  for (const auto& rule : kb().rules) {
    if (rule.red_flag) collect(rule.when);
  }
  return out;
}

class Safety : public ::testing::TestWithParam<std::string> {};

TEST_P(Safety, RedFlagPresentNeverLowersTheDisposition) {
  auto flags = red_flag_findings();
  ASSERT_GE(flags.size(), 15u);
  size_t checked = 0;
  for (const Case& c : cases(GetParam())) {
    Disposition before = engine().disposition(c.evidence);
    for (int flag : flags) {
      Evidence changed = c.evidence;
      changed.set(flag, 1);
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

INSTANTIATE_TEST_SUITE_P(CaseFiles, Safety, ::testing::Values("dev.jsonl", "reports.jsonl"),
                         [](const auto& param_info) { return param_info.param == "dev.jsonl" ? std::string("dev") : std::string("reports"); });

// The floor must also hold when nothing but one finding is known (the start of an interview).
TEST(SafetySingleFinding, EveryFindingAloneKeepsTheUnknownProperty) {
  for (size_t f = 0; f < kb().findings.size(); ++f) {
    if (kb().findings[f].type != FindingType::kBool) continue;
    for (size_t g = 0; g < kb().findings.size(); ++g) {
      if (g == f || kb().findings[g].type != FindingType::kBool) continue;
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
