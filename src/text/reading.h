// A text as the matcher reads it (internal to src/text): its tokens with their word ids, the known
// words each misspelt word may stand for, and what each token says as a number, all worked out
// once per text (Compiled::text_of) so that matching looks nothing up by string.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "text/tokenizer.h"

namespace fossa::extract {

struct Text {
  // How a token reads as a number on its own, before any number word of several tokens.
  enum class Alone : uint8_t {
    kNo,      // not alone: a word read through the number words ("five", "twenty one")
    kDigits,  // digits: `number` is their value, or none ("1.2.3")
    kJoined,  // a hyphenated word: `number` is the sum of its two number words ("forty-five"), or none
  };
  struct Number {
    Alone alone = Alone::kNo;
    std::optional<double> value;  // kDigits, kJoined: the value read
    std::optional<double> word;   // the token as a one-word number ("five"), for "twenty one"
  };

  const std::vector<Token>* tokens = nullptr;
  std::vector<int> ids;              // per token: its word id, -1 when unknown
  std::vector<uint32_t> near_begin;  // per token, and one past the last: where its misspellings start
  std::vector<int> near_ids;         // candidate ids, per token in increasing order
  std::vector<Number> numbers;       // per token

  // The known words token `t` may be a misspelling of: empty unless it is an unknown word.
  std::span<const int> near(size_t t) const {
    return {near_ids.data() + near_begin[t], near_ids.data() + near_begin[t + 1]};
  }
};

}  // namespace fossa::extract
