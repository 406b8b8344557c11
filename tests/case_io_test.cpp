// Parsing cases: every kind of bad input gets a clear error, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fossa/input.h"
#include "fossa/json_reader.h"
#include "fossa/text.h"
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

TEST(CaseParser, ADuplicateKeyIsRefusedNamingIt) {
  // Read as the last value, this case was `routine`; as the first, `same_day`: neither is taken.
  Error error = error_of(R"({"evidence": {"calf_swelling": true, "calf_swelling": false}})");
  EXPECT_EQ(error.code, ErrorCode::kDuplicateKey);
  EXPECT_EQ(error.where, "/evidence/calf_swelling");
  EXPECT_NE(error.message.find("`calf_swelling`"), std::string::npos) << error.message;
  EXPECT_EQ(error_of(R"({"id": "a", "evidence": {}, "id": "b"})").where, "/id");
  EXPECT_EQ(error_of(R"({"evidence": {}, "expected": {"diagnosis": "dvt", "diagnosis": "dvt"}})").where,
            "/expected/diagnosis");
}

TEST(JsonReader, PointsAtADuplicateInsideArraysAndLargeObjects) {
  auto nested = read_json(R"({"a": [1, {"b": 2}, {"c/d": {"x": 1, "x": 2}}]})", 16);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().where, "/a/2/c~1d/x");
  std::string many = "{";
  for (int i = 0; i < 100; ++i) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  auto unique = read_json(many + "\"last\": 0}", 16);
  ASSERT_TRUE(unique.ok());
  EXPECT_EQ(unique->as_object().size(), 101u);
  auto repeated = read_json(many + "\"k57\": 0}", 16);
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().code, ErrorCode::kDuplicateKey);
  EXPECT_EQ(repeated.error().where, "/k57");
  // The same key in different objects, or escaped differently but equal, is judged by its value.
  EXPECT_TRUE(read_json(R"({"a": {"x": 1}, "b": {"x": 1}, "x": 3})", 16).ok());
  EXPECT_EQ(read_json(R"({"x": 1, "\u0078": 2})", 16).error().where, "/x");
  EXPECT_EQ(read_json(R"({"": 1, "": 2})", 16).error().code, ErrorCode::kDuplicateKey);
}

TEST(JsonReader, KeepsTheMessagesOfTheParser) {
  EXPECT_EQ(read_json("[1, 2", 16).error().code, ErrorCode::kMalformedJson);
  EXPECT_NE(read_json("[1, 2", 16).error().message.find("truncated"), std::string::npos);
  EXPECT_EQ(read_json(std::string(40, '['), 16).error().code, ErrorCode::kTooDeep);
  EXPECT_EQ(read_json("{} {}", 16).error().code, ErrorCode::kMalformedJson);
  EXPECT_TRUE(read_json(" {\"a\": [true, null, 1.5, \"s\"]} \n", 16).ok());
}

TEST(CaseParser, ALongUnknownIdIsNotComparedAndIsEchoedShortened) {
  const std::string id(60 * 1024, 'z');
  Error error = error_of(R"({"evidence": {")" + id + R"(": true}})");
  EXPECT_EQ(error.code, ErrorCode::kUnknownField);
  EXPECT_LT(error.message.size(), 200u);
  EXPECT_LT(error.where.size(), 128u);
  EXPECT_EQ(error.message.find("did you mean"), std::string::npos);
  EXPECT_TRUE(text::closest(std::string(65, 'a'), {std::string(65, 'a')}).empty());
  EXPECT_EQ(text::closest("calf_sweling", {"calf_swelling", "fever"}).front(), "calf_swelling");
  // A cut never falls inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xc3\xa9";
  EXPECT_EQ(text::echo(accents), accents.substr(0, 64) + "... (80 bytes)");
  EXPECT_EQ(text::echo("a" + accents), "a" + accents.substr(0, 62) + "... (81 bytes)");
}

TEST(CaseParser, TheIdOfAnInvalidCaseCanStillBeRead) {
  EXPECT_EQ(case_id_of(R"({"id": "c7", "evidence": {"nope": true}})"), "c7");
  EXPECT_EQ(case_id_of(R"({"id": 12, "evidence": 3})"), "12");
  EXPECT_EQ(case_id_of("{\"id\": \"c7\""), "");
  EXPECT_EQ(error_json(Error{ErrorCode::kUnknownField, "m", "/w"}, "c7").rfind("{\"id\":\"c7\",\"error\":{", 0), 0u);
}

TEST(Input, LinesAreBoundedAndTheByteOrderMarkIsDropped) {
  std::istringstream in("\xef\xbb\xbf{\"a\": 1}\r\n\n" + std::string(100, 'x') + "\nlast");
  LineReader reader(in, 10);
  std::string line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "{\"a\": 1}");
  EXPECT_FALSE(reader.too_long());
  ASSERT_TRUE(reader.next(line));
  EXPECT_TRUE(is_blank(line));
  ASSERT_TRUE(reader.next(line));
  EXPECT_TRUE(reader.too_long());
  EXPECT_EQ(line.size(), 10u);
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "last");
  EXPECT_EQ(reader.number(), 4u);
  EXPECT_FALSE(reader.next(line));
}

TEST(Input, AWholeInputIsReadOnlyUpToItsLimit) {
  std::istringstream small("\xef\xbb\xbf{}");
  EXPECT_EQ(*read_bounded(small, 2, "x"), "{}");
  std::istringstream big(std::string(1000, ' '));
  auto refused = read_bounded(big, 100, "x");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kOutOfRange);
  EXPECT_LT(big.tellg(), 1000);  // the rest was not read
  std::ifstream directory;
  auto opened = open_file(directory, "/tmp", "the case file");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("it is a directory"), std::string::npos);
  std::ifstream missing;
  EXPECT_NE(open_file(missing, "/nonexistent/x").error().message.find("no such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace fossa::test
