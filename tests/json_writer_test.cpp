// The streaming JSON writer: structure, escaping (byte by byte and eight bytes at a time) and
// numbers; everything it writes must parse back to the same values.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <random>

#include "fossa/json_writer.h"

namespace fossa {
namespace {

std::string write_string(const std::string& text) {
  std::string out;
  JsonWriter w(out);
  w.value(text);
  return out;
}

TEST(JsonWriter, NestedStructureHasCommasInTheRightPlaces) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("a", 1);
  w.key("b");
  w.begin_array();
  w.value(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.field("c", "x");
  w.end_object();
  EXPECT_EQ(out, R"({"a":1,"b":[true,null,{}],"c":"x"})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(write_string("a\"b\\c\n\t\r\x01"), R"("a\"b\\c\n\t\r\u0001")");
  EXPECT_EQ(write_string("caf\xc3\xa9 \xe2\x89\xa5 3 cm"), "\"caf\xc3\xa9 \xe2\x89\xa5 3 cm\"");
}

TEST(JsonWriter, EverySpecialByteAtEveryOffsetRoundTrips) {
  const std::string specials = std::string("\"\\\n\x1f", 4) + std::string(1, '\0');
  for (char special : specials) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = special;
      auto parsed = boost::json::parse(write_string(text));
      EXPECT_EQ(std::string(parsed.as_string()), text) << "byte " << int(special) << " at " << at;
    }
  }
}

// Bytes that need no escaping pass through at any offset, also where the scan takes 16 or 8 at a
// time: the space, DEL, and bytes of 0x80 and above (UTF-8).
TEST(JsonWriter, PlainBytesPassThroughAtEveryOffset) {
  for (char plain : {' ', '\x7f', '\x80', '\xa0', '\xff', '!', '#', '[', ']'}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = plain;
      EXPECT_EQ(write_string(text), "\"" + text + "\"") << "byte " << int(plain) << " at " << at;
    }
  }
}

TEST(JsonWriter, FixedNumbersDropTrailingZeros) {
  auto fixed = [](double number, int decimals) {
    std::string out;
    JsonWriter w(out);
    w.fixed(number, decimals);
    return out;
  };
  EXPECT_EQ(fixed(0.725, 4), "0.725");
  EXPECT_EQ(fixed(4, 2), "4");
  EXPECT_EQ(fixed(-2, 2), "-2");
  EXPECT_EQ(fixed(0.00004, 4), "0");
  EXPECT_EQ(fixed(0.00005, 4), "0.0001");
  EXPECT_EQ(fixed(1.0 / 3.0, 3), "0.333");
  EXPECT_EQ(fixed(12.05, 3), "12.05");
}

// fixed() rounds without std::llround: the same text as rounding with it, at every number of
// decimals, at halves (where llround rounds away from zero) and near them, and for random values.
TEST(JsonWriter, FixedNumbersRoundAsLlroundDoes) {
  auto expected = [](double number, int decimals) {
    int64_t scale = 1;
    for (int d = 0; d < decimals; ++d) scale *= 10;
    int64_t scaled = std::llround(number * static_cast<double>(scale));
    std::string out = scaled < 0 ? "-" : "";
    if (scaled < 0) scaled = -scaled;
    out += std::to_string(scaled / scale);
    std::string fraction = std::to_string(scaled % scale);
    if (scaled % scale == 0) return out;
    fraction.insert(0, static_cast<size_t>(decimals) - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    return out + "." + fraction;
  };
  auto fixed = [](double number, int decimals) {
    std::string out;
    JsonWriter w(out);
    w.fixed(number, decimals);
    return out;
  };
  std::mt19937_64 random(20261208);
  std::uniform_real_distribution<double> small(-20, 20);
  std::uniform_real_distribution<double> large(-1e9, 1e9);
  for (int decimals = 0; decimals <= 9; ++decimals) {
    for (double number : {0.0, -0.0, 0.5, -0.5, 1.5, -2.5, 0.49999999999999994, 0.00005, 0.00015, 12.05, 1e9, -1e9}) {
      // The neighbours, within the fixed range (beyond 1e9 it is the shortest form, as value()).
      for (double near : {number, std::nextafter(number, 1.0), std::nextafter(number, -1.0)}) {
        EXPECT_EQ(fixed(near, decimals), expected(near, decimals)) << near << " " << decimals;
      }
    }
    for (int i = 0; i < 2000; ++i) {
      double number = small(random);
      EXPECT_EQ(fixed(number, decimals), expected(number, decimals)) << number << " " << decimals;
      number = large(random);
      EXPECT_EQ(fixed(number, decimals), expected(number, decimals)) << number << " " << decimals;
    }
  }
}

TEST(JsonWriter, NumbersAsPeopleWriteThem) {
  auto number = [](double value) {
    std::string out;
    JsonWriter w(out);
    w.value(value);
    return out;
  };
  EXPECT_EQ(number(120), "120");
  EXPECT_EQ(number(0), "0");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(0.3125), "0.3125");
  EXPECT_EQ(number(-2.5), "-2.5");
  EXPECT_EQ(number(36500), "36500");
  EXPECT_EQ(number(1e-9), "1e-09");
  EXPECT_EQ(number(1e300), "1e+300");
  // Boost.JSON documents too: its own serializer writes 120.0 as 1.2E2.
  boost::json::value document = {{"min", 0.0}, {"max", 120.0}, {"p", 0.3125}, {"n", nullptr}};
  EXPECT_EQ(to_json(document), R"({"min":0,"max":120,"p":0.3125,"n":null})");
}

}  // namespace
}  // namespace fossa
