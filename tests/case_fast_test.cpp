// The case parser's fast path (src/io/case_fast.h) reads exactly what the tree parser reads: the
// same case for every case of every case file, and for each tricky input either the same case or
// the same error (the fast path hands every input it does not take to the tree parser).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/case_fast.h"
#include "test_support.h"

namespace fossa::test {
namespace {

void expect_same(const Result<Case>& fast, const Result<Case>& slow, const std::string& text) {
  ASSERT_EQ(fast.ok(), slow.ok()) << text;
  if (!fast.ok()) {
    EXPECT_EQ(fast.error().to_string(), slow.error().to_string()) << text;
    return;
  }
  EXPECT_EQ(fast->id, slow->id) << text;
  EXPECT_EQ(fast->text, slow->text) << text;
  EXPECT_EQ(fast->source, slow->source) << text;
  EXPECT_EQ(fast->expected_diagnosis, slow->expected_diagnosis) << text;
  EXPECT_EQ(fast->expected_disposition, slow->expected_disposition) << text;
  EXPECT_EQ(fast->evidence.setting, slow->evidence.setting) << text;
  ASSERT_EQ(fast->evidence.answers.size(), slow->evidence.answers.size());
  for (size_t i = 0; i < fast->evidence.answers.size(); ++i) {
    const Answer& a = fast->evidence.answers[i];
    const Answer& b = slow->evidence.answers[i];
    EXPECT_TRUE(a.known == b.known && a.value == b.value && a.asked == b.asked) << kb().findings[i].id << " in " << text;
  }
}

Result<Case> slow_parse(const std::string& text) {
  ParseOptions options;
  options.fast_path = false;
  return parse_case(text, kb(), options);
}

TEST(CaseParserFastPath, TakesEveryCaseOfTheCaseFilesAndReadsThemAsTheTreeParserDoes) {
  size_t lines = 0;
  for (const char* dir : {"/tests/cases", "/tests/locked"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(FOSSA_SOURCE_DIR) + dir)) {
      if (entry.path().extension() != ".jsonl") continue;
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        auto slow = slow_parse(line);
        if (!slow.ok()) continue;  // not a case (the labelled texts of the lay corpus)
        ++lines;
        EXPECT_TRUE(io::parse_case_fast(line, kb()).has_value()) << "the fast path left to the tree parser: " << line;
        expect_same(parse_case(line, kb()), slow, line);
      }
    }
  }
  EXPECT_GT(lines, 500u);
}

TEST(CaseParserFastPath, TrickyInputsGetTheSameCaseOrTheSameError) {
  const std::vector<std::string> inputs = {
      R"({"evidence": {}})",
      R"( {"evidence": {"calf_swelling": true}} )",
      R"({"evidence": {"calf\u005fswelling": true}})",
      R"({"evidence": {"calf_swelling": true, "calf_swelling": false}})",
      R"({"evidence": {}, "evidence": {}})",
      R"({"evidence": {"age": 45.0}})",
      R"({"evidence": {"age": 45.5}})",
      R"({"evidence": {"age": 1e2}})",
      R"({"evidence": {"age": -1}})",
      R"({"evidence": {"age": 9007199254740993}})",
      R"({"evidence": {"age": 99999999999999999999}})",
      R"({"evidence": {"age": "45"}})",
      R"({"evidence": {"sex": "female", "calf_swelling": null}})",
      R"({"evidence": {"sex": "Female"}})",
      R"({"evidence": {"calf_swelling": 1}})",
      R"({"evidence": {"calf_swellin": true}})",
      R"({"evidence": []})",
      R"({"evidence": {"calf_swelling": true}} x)",
      R"({"evidence": {"calf_swelling": true})",
      R"({"evidence": {"calf_swelling": true},})",
      R"([])",
      R"("case")",
      "",
      R"({"id": 5, "evidence": {}})",
      R"({"id": -0, "evidence": {}})",
      R"({"id": 5.5, "evidence": {}})",
      R"({"id": null, "evidence": {}})",
      R"({"id": 18446744073709551615, "evidence": {}})",
      R"({"id": "a\"b\\c\u00e9", "evidence": {}})",
      R"({"setting": "clinician", "evidence": {}})",
      R"({"setting": "nurse", "evidence": {}})",
      R"({"setting": null, "evidence": {}})",
      R"({"text": null, "evidence": {}})",
      R"({"text": 5, "source": {"a": 1}, "evidence": {}})",
      R"({"source": {"a": 1, "a": 2}, "evidence": {}})",
      R"({"text": "caf\u00e9 \ud83d\ude00", "evidence": {}})",
      "{\"text\": \"bad \xff byte\", \"evidence\": {}}",
      "{\"text\": \"\xc3\", \"evidence\": {}}",
      R"({"text": "unpaired \ud800", "evidence": {}})",
      R"({"expected": {"diagnosis": "dvt"}, "evidence": {}})",
      R"({"expected": {"diagnosis": "dvt", "diagnosis": "dvt"}, "evidence": {}})",
      R"({"expected": {"diagnosis": "dvt", "note": {"x": [1, 2]}}, "evidence": {}})",
      R"({"expected": {"disposition": "soon"}, "evidence": {}})",
      R"({"expected": {"diagnosis": "flu"}, "evidence": {}})",
      R"({"expected": [], "evidence": {}})",
      R"({"evidence": {"calf_swelling": true}, "extra": 1})",
      R"({"id": "x"})",
      "{\"evidence\": {\"calf_swelling\": true}}\n",
      "\xef\xbb\xbf{\"evidence\": {}}",
  };
  for (const std::string& text : inputs) expect_same(parse_case(text, kb()), slow_parse(text), text);
}

}  // namespace
}  // namespace fossa::test
