// Word sequences as written in the knowledge base, compiled to word ids (internal to src/text),
// and the value of a number token.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/vocabulary.h"

namespace fossa::extract {

// One word of a compiled phrase: an exact word, or any word starting with `prefix` ("ultrasound*").
struct Word {
  int id = -1;
  std::string prefix;     // set for a `*` word; `id` is then -1
  bool attached = false;  // must follow a number with no space ("45yo")
};
using Words = std::vector<Word>;

// Splits a word sequence as written in the knowledge base into compiled words (`*` words whole,
// others with the tokenizer), interning each exact word in `vocabulary`. Appends to `out`.
void compile_words(std::string_view text, Vocabulary& vocabulary, Words& out);
Words compile_words(std::string_view text, Vocabulary& vocabulary);

// The value of a number token ("45", "2.5", "50,000"; "3-4" reads 4); nullopt when not a number.
std::optional<double> number_value(std::string_view token);

}  // namespace fossa::extract
