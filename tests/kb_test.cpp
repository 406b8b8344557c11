// Loading and validating the knowledge base: the built-in one is complete, and each kind of mistake
// in a knowledge base directory is reported with its file and line and a way to fix it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "test_support.h"

namespace fossa::test {
namespace {

namespace fs = std::filesystem;

TEST(KnowledgeBase, BuiltInCoversTheVocabulary) {
  EXPECT_EQ(kb().conditions.size(), 22u);
  EXPECT_GE(kb().findings.size(), 82u);
  EXPECT_EQ(kb().hash.size(), 16u);
  EXPECT_FALSE(kb().version.empty());
  for (const auto& condition : kb().conditions) {
    EXPECT_GT(condition.prior, 0) << condition.id;
    EXPECT_FALSE(condition.workup.empty()) << condition.id;
    EXPECT_FALSE(condition.advice.empty()) << condition.id;
    EXPECT_FALSE(condition.codes.empty()) << condition.id;
    for (const auto& code : condition.codes) {
      EXPECT_FALSE(code.display.empty() || code.checked.empty()) << condition.id << " " << code.code;
    }
  }
}

TEST(KnowledgeBase, EveryNumberHasASourceOrAnEstimate) {
  for (const auto& condition : kb().conditions) {
    EXPECT_FALSE(condition.prior_provenance.sources.empty() && condition.prior_provenance.estimate.empty()) << condition.id;
    for (const auto& likelihood : condition.likelihoods) {
      EXPECT_FALSE(likelihood.provenance.sources.empty() && likelihood.provenance.estimate.empty())
          << condition.id << " " << likelihood.provenance.where;
    }
  }
}

// A copy of the knowledge base in a temporary directory, to break on purpose.
class BrokenKnowledgeBase : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fossa-kb-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(std::string(FOSSA_SOURCE_DIR) + "/knowledge", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void replace(const std::string& file, const std::string& from, const std::string& to) {
    fs::path path = dir_ / file;
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << file;
    text.replace(at, from.size(), to);
    std::ofstream(path) << text;
  }

  std::string problems() {
    auto loaded = load_knowledge_base(dir_.string());
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.error().message;
  }

  fs::path dir_;
};

TEST_F(BrokenKnowledgeBase, CopyLoads) { EXPECT_TRUE(load_knowledge_base(dir_.string()).ok()); }

TEST_F(BrokenKnowledgeBase, UnknownFindingInARuleIsNamedWithSuggestions) {
  replace("triage.yaml", "when: saddle_numbness_or_bladder_change", "when: saddle_numbnes");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(triage\.yaml:\d+: unknown finding `saddle_numbnes`; did you mean saddle_numbness_or_bladder_change)")))
      << message;
}

TEST_F(BrokenKnowledgeBase, ProbabilityOutOfRange) {
  replace("triage.yaml", "default_threshold: 0.35", "default_threshold: 0.35\n  thresholds_typo: 1");
  replace("triage.yaml", "    dvt: 0.15", "    dvt: 1.5");
  EXPECT_NE(problems().find("a threshold is a probability"), std::string::npos);
}

TEST_F(BrokenKnowledgeBase, NumberWithoutSource) {
  // Remove every source and estimate of the first likelihood in dvt.yaml by renaming the keys.
  fs::path path = dir_ / "conditions/dvt.yaml";
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = std::regex_replace(text, std::regex(R"(\n(\s+)(source|estimate):)"), "\n$1note:");
  std::ofstream(path) << text;
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(conditions/dvt\.yaml:\d+: this number has no `source:` or `estimate:`)"))) << message;
}

TEST_F(BrokenKnowledgeBase, UnknownSourceId) {
  replace("triage.yaml", "source: [ulmer_2002, shared_triage_policy]", "source: [ulmer_2020, shared_triage_policy]");
  EXPECT_NE(problems().find("cites unknown source `ulmer_2020`"), std::string::npos);
}

TEST_F(BrokenKnowledgeBase, MissingVocabularyCondition) {
  fs::remove(dir_ / "conditions/tumour.yaml");
  EXPECT_NE(problems().find("condition `tumour` has no file conditions/tumour.yaml"), std::string::npos);
}

TEST_F(BrokenKnowledgeBase, InvalidYamlNamesTheLine) {
  replace("scores.yaml", "scores:", "scores: [");
  EXPECT_NE(problems().find("scores.yaml:"), std::string::npos);
}

TEST_F(BrokenKnowledgeBase, WrongDispositionLevel) {
  replace("triage.yaml", "level: ambulance", "level: urgent");
  EXPECT_NE(problems().find("`urgent` is not a disposition"), std::string::npos);
}

TEST_F(BrokenKnowledgeBase, APathwayStepOrdersOnlyTestResults) {
  replace("pathways.yaml", "orders: [d_dimer_positive]", "orders: [calf_swelling]");
  EXPECT_TRUE(std::regex_search(problems(), std::regex(R"(pathways\.yaml:\d+: `calf_swelling` is not a test result)")));
}

}  // namespace
}  // namespace fossa::test
