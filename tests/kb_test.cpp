// Loading and validating the knowledge base: the built-in one is complete, and each kind of mistake
// in a knowledge base directory is reported with its file and line and a way to fix it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "scratch.h"
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
    dir_ = scratch_dir("fossa-kb");
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

TEST_F(BrokenKnowledgeBase, OnlyAStepThatReadsATestResultRulesOut) {
  // The last NG158 step (the D-dimer) has no `when`: findings alone would rule a DVT out.
  replace("pathways.yaml", "rules_out: [dvt]\n", "rules_out: [dvx]\n");
  replace("pathways.yaml", "        orders: [d_dimer_positive]\n", "        orders: [d_dimer_positive]\n        rules_out: [dvt]\n");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: a step that rules out a condition must read a test result)")))
      << message;
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: unknown condition `dvx`)"))) << message;
}

TEST_F(BrokenKnowledgeBase, ATestNeverAnswersAnEmergency) {
  replace("pathways.yaml", "answers: [wells_dvt_likely]", "answers: [wells_dvt_likely, pulmonary_embolism_symptoms, wells_dvt_likley]");
  replace("pathways.yaml", "answered_level: routine", "answered_level: emergency");
  replace("pathways.yaml", "        orders: [d_dimer_positive]\n", "        orders: [d_dimer_positive]\n        answers: [wells_dvt_likely]\n");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: rule `pulmonary_embolism_symptoms` is at emergency level or above)")))
      << message;
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: unknown rule `wells_dvt_likley`)"))) << message;
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: `answered_level` is below emergency)"))) << message;
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(pathways\.yaml:\d+: `answers` goes with `rules_out`)"))) << message;
}

TEST_F(BrokenKnowledgeBase, ATestResultNamesItsTestAndOnlyTestResultsDo) {
  replace("findings.yaml", "  test: \"D-dimer\"\n", "");
  replace("findings.yaml", "  label: calf swelling\n", "  label: calf swelling\n  test: \"Tape measure\"\n");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(findings\.yaml:\d+: missing `test`)"))) << message;
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(findings\.yaml:\d+: only test results \(group investigation\) name a `test`)")))
      << message;
}

TEST_F(BrokenKnowledgeBase, PointsThatAreNotNumbersAreNamed) {
  replace("scores.yaml", "when: active_cancer, points: [1, 1]", "when: active_cancer, points: [1x, 1]");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(scores\.yaml:\d+: each entry of `points` must be a number, not `1x`)")))
      << message;
}

TEST_F(BrokenKnowledgeBase, MisspelledRedFlagIsNamed) {
  replace("triage.yaml", "\n    red_flag: true", "\n    red_flag: ture");
  std::string message = problems();
  EXPECT_TRUE(std::regex_search(message, std::regex(R"(triage\.yaml:\d+: `red_flag` must be true or false, not `ture`)"))) << message;
}

// Mistakes in toy files: each test writes a few lines of YAML into an empty directory and checks the
// message for that mistake (file, line, key). The other files are missing, which is reported too.
class ToyKnowledgeBase : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir("fossa-toy");
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& file, const std::string& text) {
    fs::create_directories((dir_ / file).parent_path());
    std::ofstream(dir_ / file) << text;
  }

  // Whether the problems of loading the directory include one matching `pattern`.
  ::testing::AssertionResult reports(const std::string& pattern) {
    auto loaded = load_knowledge_base(dir_.string());
    if (loaded.ok()) return ::testing::AssertionFailure() << "loaded without problems";
    const std::string& message = loaded.error().message;
    if (message.find("internal error") != std::string::npos || message.find("cannot read this entry") != std::string::npos) {
      return ::testing::AssertionFailure() << "an unexpected error:\n" << message;
    }
    if (std::regex_search(message, std::regex(pattern))) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no match for " << pattern << " in:\n" << message;
  }

  fs::path dir_;
};

const char* const kHeader =
    "name: Toy\n"
    "version: '1'\n"
    "notice: n\n"
    "emergency_advice: e\n";

TEST_F(ToyKnowledgeBase, MistypedNumber) {
  write("sources/a.yaml", "- id: a\n  citation: c\n  year: 19x5\n");
  EXPECT_TRUE(reports(R"(sources/a\.yaml:3: `year` must be a number, not `19x5`)"));
}

TEST_F(ToyKnowledgeBase, MistypedNumberInAList) {
  write("scores.yaml",
        "scores:\n"
        "  - id: s\n"
        "    name: S\n"
        "    kind: points\n"
        "    source: a\n"
        "    versions:\n"
        "      - id: v\n"
        "        tiers: [{id: all}]\n"
        "    items:\n"
        "      - {id: i, label: I, when: x, points: [1x]}\n");
  EXPECT_TRUE(reports(R"(scores\.yaml:10: each entry of `points` must be a number, not `1x`)"));
}

TEST_F(ToyKnowledgeBase, MistypedFlag) {
  write("triage.yaml",
        "rules:\n"
        "  - id: r\n"
        "    level: emergency\n"
        "    red_flag: ture\n");
  EXPECT_TRUE(reports(R"(triage\.yaml:4: `red_flag` must be true or false, not `ture`)"));
}

TEST_F(ToyKnowledgeBase, YesIsNotAFlag) {
  write("triage.yaml", "rules:\n  - id: r\n    red_flag: yes\n");
  EXPECT_TRUE(reports(R"(triage\.yaml:3: `red_flag` must be true or false, not `yes`)"));
}

TEST_F(ToyKnowledgeBase, MistypedText) {
  write("knowledge_base.yaml", "name: [a, b]\nversion: '1'\nnotice: n\nemergency_advice: e\n");
  EXPECT_TRUE(reports(R"(knowledge_base\.yaml:1: `name` must be text, not a list)"));
}

TEST_F(ToyKnowledgeBase, UnknownKeyWithTheClosestKnownOne) {
  write("knowledge_base.yaml", std::string(kHeader) + "verison: '2'\n");
  EXPECT_TRUE(reports(R"(knowledge_base\.yaml:5: unknown key `verison` \(did you mean `version`\?\): this entry reads)"));
}

TEST_F(ToyKnowledgeBase, UnknownKeyInANestedEntry) {
  write("conditions/toy.yaml",
        "id: toy\n"
        "prior:\n"
        "  value: 0.1\n"
        "  estmate: a guess\n");
  EXPECT_TRUE(reports(R"(conditions/toy\.yaml:4: unknown key `estmate` \(did you mean `estimate`\?\))"));
}

TEST_F(ToyKnowledgeBase, DuplicateKey) {
  write("knowledge_base.yaml", std::string(kHeader) + "name: Other\n");
  EXPECT_TRUE(reports(R"(knowledge_base\.yaml:5: `name` appears twice in this entry \(first at line 1\))"));
}

TEST_F(ToyKnowledgeBase, DuplicateKeyInAFlowMap) {
  write("triage.yaml", "rules:\n  - {id: r, level: routine, level: emergency}\n");
  EXPECT_TRUE(reports(R"(triage\.yaml:2: `level` appears twice in this entry)"));
}

TEST_F(ToyKnowledgeBase, MissingKey) {
  write("knowledge_base.yaml", "name: Toy\nversion: '1'\nnotice: n\n");
  EXPECT_TRUE(reports(R"(knowledge_base\.yaml:1: missing `emergency_advice`: add it)"));
}

TEST_F(ToyKnowledgeBase, MissingNestedKey) {
  write("conditions/toy.yaml", "id: toy\nname: Toy\nprior:\n  estimate: a guess\n");
  EXPECT_TRUE(reports(R"(conditions/toy\.yaml:4: missing `value`: add a number)"));
}

TEST_F(ToyKnowledgeBase, MissingNestedMap) {
  write("interview.yaml", "groups: []\nscreen: []\nlimits:\n  max_questions: {value: 15, estimate: e}\n");
  EXPECT_TRUE(reports(R"(interview\.yaml:1: missing `costs`: add it)"));
  EXPECT_TRUE(reports(R"(interview\.yaml:4: missing `leading_conditions`: add \{value, estimate\})"));
}

TEST_F(ToyKnowledgeBase, AnEntryThatIsNotAMap) {
  write("findings.yaml", "- just_an_id\n");
  EXPECT_TRUE(reports(R"(findings\.yaml:1: this entry must be a map \(with `id` and the rest\), not just_an_id)"));
}

TEST_F(ToyKnowledgeBase, OutOfRangeNumber) {
  write("conditions/toy.yaml", "id: toy\nprior: {value: 1.5, estimate: e}\n");
  EXPECT_TRUE(reports(R"(conditions/toy\.yaml:2: the prior is a probability: it must lie strictly between 0 and 1)"));
}

TEST_F(ToyKnowledgeBase, FractionWhereAWholeNumberGoes) {
  write("interview.yaml", "limits:\n  max_questions: {value: 2.5, estimate: e}\n");
  EXPECT_TRUE(reports(R"(interview\.yaml:2: `max_questions` must be a whole number, not 2\.5)"));
}

TEST_F(ToyKnowledgeBase, YearOutOfRange) {
  write("sources/a.yaml", "- id: a\n  citation: c\n  year: 3020\n");
  EXPECT_TRUE(reports(R"(sources/a\.yaml:3: `year` must be a whole number from 1800 to 2100, not 3020)"));
}

TEST_F(ToyKnowledgeBase, StrayFile) {
  write("condition/toy.yaml", "id: toy\n");
  EXPECT_TRUE(reports(R"(condition/toy\.yaml: this file is not part of the knowledge base)"));
}

TEST_F(ToyKnowledgeBase, NotYaml) {
  write("knowledge_base.yaml", "name: [unclosed\n");
  EXPECT_TRUE(reports(R"(knowledge_base\.yaml:\d+: not valid YAML)"));
}

}  // namespace
}  // namespace fossa::test
