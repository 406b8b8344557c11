#include "text/quantities.h"

#include <algorithm>

namespace fossa::extract {

void QuantityList::finish() {
  by_first_.clear();
  for (uint32_t e = 0; e < entries_.size(); ++e) {
    if (!entries_[e].words.empty()) by_first_.emplace_back(entries_[e].words.front().id, e);
  }
  std::sort(by_first_.begin(), by_first_.end());
}

int QuantityList::longest(const Text& text, size_t at, size_t& end) const {
  int best = -1;
  size_t best_end = at;
  const size_t n = text.ids.size();
  if (at < n) {
    const int first = text.ids[at];
    auto it = std::lower_bound(by_first_.begin(), by_first_.end(), std::pair<int, uint32_t>{first, 0});
    for (; it != by_first_.end() && it->first == first; ++it) {
      const Words& words = entries_[it->second].words;
      if (at + words.size() > n || words.size() <= best_end - at) continue;
      bool ok = true;
      for (size_t k = 1; k < words.size() && ok; ++k) ok = text.ids[at + k] == words[k].id;
      if (ok) {
        best = static_cast<int>(it->second);
        best_end = at + words.size();
      }
    }
  }
  end = best_end;
  return best;
}

void Quantities::finish() {
  for (QuantityList* list : {&numbers, &counts, &units, &weekdays, &days}) list->finish();
}

void Quantities::add_number_word(std::string_view word, double value, const Vocabulary& vocabulary) {
  // A word the vocabulary lacks is no token's text: no text reads it.
  const int id = vocabulary.find(word);
  if (id < 0) return;
  if (static_cast<size_t>(id) >= number_words.size()) number_words.resize(static_cast<size_t>(id) + 1);
  number_words[static_cast<size_t>(id)] = value;
}

Text::Number Quantities::number_of(const Token& token, int id, const Vocabulary& vocabulary) const {
  Text::Number out;
  auto word_value = [&](int word) -> std::optional<double> {
    if (word < 0 || static_cast<size_t>(word) >= number_words.size()) return std::nullopt;
    return number_words[static_cast<size_t>(word)];
  };
  out.word = word_value(id);
  if (token.kind == TokenKind::kNumber) {
    out.alone = Text::Alone::kDigits;
    out.value = number_value(token.text);
  } else if (token.kind == TokenKind::kWord) {
    if (size_t dash = token.text.find('-'); dash != std::string::npos) {
      out.alone = Text::Alone::kJoined;
      const std::string_view text = token.text;
      auto tens = word_value(vocabulary.find(text.substr(0, dash)));
      auto ones = word_value(vocabulary.find(text.substr(dash + 1)));
      if (tens && ones) out.value = *tens + *ones;
    }
  }
  return out;
}

std::optional<double> Quantities::read_number(const Text& text, size_t at, size_t& end) const {
  const std::vector<Token>& tokens = *text.tokens;
  if (at >= tokens.size()) return std::nullopt;
  const Text::Number& number = text.numbers[at];
  switch (number.alone) {
    case Text::Alone::kDigits:
      end = at + 1;
      return number.value;
    case Text::Alone::kJoined:
      if (number.value) end = at + 1;
      return number.value;
    case Text::Alone::kNo: break;
  }
  if (tokens[at].kind != TokenKind::kWord) return std::nullopt;
  int found = numbers.longest(text, at, end);
  if (found < 0) return std::nullopt;
  double value = numbers[static_cast<size_t>(found)].value;
  if (value >= 20 && value < 100 && static_cast<int>(value) % 10 == 0 && end < tokens.size()) {
    const std::optional<double>& ones = text.numbers[end].word;
    if (ones && *ones >= 1 && *ones <= 9) {
      ++end;
      value += *ones;
    }
  }
  return value;
}

std::optional<double> Quantities::read_count(const Text& text, size_t at, size_t& end) const {
  size_t count_end = at;
  int count = counts.longest(text, at, count_end);
  size_t number_end = at;
  auto number = read_number(text, at, number_end);
  if (count >= 0 && (!number || count_end > number_end)) {
    end = count_end;
    return counts[static_cast<size_t>(count)].value;
  }
  end = number_end;
  return number;
}

}  // namespace fossa::extract
