#include "text/words.h"

#include <algorithm>
#include <charconv>

#include "text/tokenizer.h"

namespace fossa::extract {
namespace {

// Whether the tokenizer reads `piece` as one word of itself: runs of lowercase ASCII letters, each
// joined to the next by one apostrophe or hyphen ("knee", "i'm", "x-ray").
bool plain_word(std::string_view piece) {
  bool letter_before = false;
  for (char c : piece) {
    if (c >= 'a' && c <= 'z') {
      letter_before = true;
    } else if ((c == '\'' || c == '-') && letter_before) {
      letter_before = false;
    } else {
      return false;
    }
  }
  return letter_before;
}

}  // namespace

void compile_words(std::string_view text, Vocabulary& vocabulary, Words& out) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view piece = text.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    if (piece.back() == '*') {
      // A prefix is compared with one token, so it keeps its connectors ("d-dimer*", "50,*").
      Word word;
      for (const Token& token : tokenize(piece.substr(0, piece.size() - 1)).tokens) word.prefix += token.text;
      if (word.prefix.empty()) continue;
      out.push_back(std::move(word));
      continue;
    }
    if (plain_word(piece)) {  // the common case, without tokenizing
      out.push_back({vocabulary.intern(piece), {}, false});
      continue;
    }
    for (const Token& token : tokenize(piece).tokens) out.push_back({vocabulary.intern(token.text), {}, token.attached});
  }
}

Words compile_words(std::string_view text, Vocabulary& vocabulary) {
  Words out;
  compile_words(text, vocabulary, out);
  return out;
}

std::optional<double> number_value(std::string_view token) {
  if (token.empty() || token[0] < '0' || token[0] > '9') return std::nullopt;
  // "3-4": the larger end of a range.
  if (size_t dash = token.find('-'); dash != std::string_view::npos) {
    auto low = number_value(token.substr(0, dash));
    auto high = number_value(token.substr(dash + 1));
    if (!low || !high) return std::nullopt;
    return std::max(*low, *high);
  }
  std::string plain;
  plain.reserve(token.size());  // short tokens stay in the string itself
  for (char c : token) {
    if (c == ',') continue;  // "50,000"
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
    plain += c;
  }
  double value = 0;
  auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

}  // namespace fossa::extract
