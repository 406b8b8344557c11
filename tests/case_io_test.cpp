// Parsing cases: every kind of bad input gets a clear error, never a crash.
#include <gtest/gtest.h>

#include "test_support.h"

namespace fossa::test {
namespace {

Error error_of(const std::string& text) {
  auto parsed = parse_case(text, kb());
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? Error{} : parsed.error();
}

TEST(CaseParser, ReadsTheCaseFormat) {
  auto parsed = parse_case(R"({"id": "X1", "setting": "clinician", "evidence": {"age": 58, "sex": "female", "calf_swelling": true,
      "fever": false, "warmth": null}, "expected": {"diagnosis": "dvt", "disposition": "same_day"}, "text": "t", "source": "s"})",
                           kb());
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ(parsed->id, "X1");
  EXPECT_EQ(parsed->evidence.setting, Setting::kClinician);
  EXPECT_TRUE(parsed->evidence.present(finding("calf_swelling")));
  EXPECT_TRUE(parsed->evidence.absent(finding("fever")));
  EXPECT_FALSE(parsed->evidence.known(finding("warmth")));
  EXPECT_EQ(parsed->evidence.answers[static_cast<size_t>(finding("age"))].value, 58);
  EXPECT_EQ(parsed->expected_disposition, Disposition::kSameDay);
}

TEST(CaseParser, MalformedJsonGivesThePosition) {
  Error error = error_of("{\"evidence\": {\"age\": 5,}\n}");
  EXPECT_EQ(error.code, ErrorCode::kMalformedJson);
  EXPECT_NE(error.message.find("line 1, column"), std::string::npos) << error.message;
}

TEST(CaseParser, TruncatedJson) {
  Error error = error_of(R"({"evidence": {"age": 5)");
  EXPECT_EQ(error.code, ErrorCode::kMalformedJson);
  EXPECT_NE(error.message.find("truncated"), std::string::npos) << error.message;
}

TEST(CaseParser, UnknownFindingSuggestsTheClosest) {
  Error error = error_of(R"({"evidence": {"calf_sweling": true}})");
  EXPECT_EQ(error.code, ErrorCode::kUnknownField);
  EXPECT_EQ(error.where, "/evidence/calf_sweling");
  EXPECT_NE(error.message.find("did you mean calf_swelling"), std::string::npos) << error.message;
}

TEST(CaseParser, WrongTypes) {
  EXPECT_EQ(error_of(R"({"evidence": {"calf_swelling": "yes"}})").code, ErrorCode::kWrongType);
  EXPECT_EQ(error_of(R"({"evidence": {"age": "forty"}})").code, ErrorCode::kWrongType);
  EXPECT_EQ(error_of(R"({"evidence": {"sex": 1}})").code, ErrorCode::kWrongType);
  EXPECT_EQ(error_of(R"({"evidence": []})").code, ErrorCode::kWrongType);
  EXPECT_EQ(error_of(R"([1, 2])").code, ErrorCode::kWrongType);
}

TEST(CaseParser, AgeOutOfRange) {
  Error error = error_of(R"({"evidence": {"age": 430}})");
  EXPECT_EQ(error.code, ErrorCode::kOutOfRange);
  EXPECT_EQ(error.where, "/evidence/age");
  EXPECT_EQ(error_of(R"({"evidence": {"age": -1}})").code, ErrorCode::kOutOfRange);
}

TEST(CaseParser, UnknownSettingAndSex) {
  EXPECT_EQ(error_of(R"({"setting": "doctor", "evidence": {}})").code, ErrorCode::kInvalidValue);
  EXPECT_EQ(error_of(R"({"evidence": {"sex": "other"}})").code, ErrorCode::kInvalidValue);
}

TEST(CaseParser, MissingEvidenceAndUnknownTopLevelField) {
  EXPECT_EQ(error_of(R"({"setting": "patient"})").code, ErrorCode::kMissingField);
  Error error = error_of(R"({"evidenc": {}})");
  EXPECT_EQ(error.code, ErrorCode::kUnknownField);
  EXPECT_NE(error.message.find("evidence"), std::string::npos);
}

TEST(CaseParser, AbsurdlyDeepNesting) {
  std::string deep = "{\"evidence\": {}, \"text\": " + std::string(10000, '[') + std::string(10000, ']') + "}";
  EXPECT_EQ(error_of(deep).code, ErrorCode::kTooDeep);
}

TEST(CaseParser, BinaryNoise) {
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919 + 13) % 256);
  EXPECT_FALSE(parse_case(noise, kb()).ok());
  EXPECT_EQ(error_of(std::string("{\"evidence\": {}, \"text\": \"\xff\xfe\"}")).code, ErrorCode::kMalformedJson);
  EXPECT_FALSE(parse_case(std::string("\0\0\0", 3), kb()).ok());
}

TEST(CaseParser, TrailingGarbage) { EXPECT_EQ(error_of(R"({"evidence": {}} x)").code, ErrorCode::kMalformedJson); }

}  // namespace
}  // namespace fossa::test
