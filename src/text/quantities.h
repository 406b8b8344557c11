// Number words, vague counts, units and days (internal to src/text), for the slots of the phrases
// (`<n>`, `<count>`, `<unit>`, `<weekday>`, `<day>`; knowledge/text/words.yaml), and their reading at
// a token of a text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/reading.h"
#include "text/words.h"

namespace fossa::extract {

// Entries of one kind ("a couple of" 2), indexed by their first word.
class QuantityList {
 public:
  struct Entry {
    Words words;
    double value = 0;
    double below = 0;  // units: reads only numbers under it (0: any)
  };

  void add(Entry entry) { entries_.push_back(std::move(entry)); }
  // Builds the index; call once after the last add().
  void finish();

  const std::vector<Entry>& entries() const { return entries_; }
  const Entry& operator[](size_t index) const { return entries_[index]; }

  // The longest entry at token `at` of `text` (the first listed of equal length): its index, with
  // `end` one past its last token; -1 (and `end` = `at`) when none.
  int longest(const Text& text, size_t at, size_t& end) const;

 private:
  std::vector<Entry> entries_;
  std::vector<std::pair<int, uint32_t>> by_first_;  // (first word id, entry), sorted
};

struct Quantities {
  QuantityList numbers, counts, units, weekdays, days;
  // One-word numbers by word id, for "forty-five" and "twenty one": each word as written in the
  // knowledge base, the last written of equal words.
  std::vector<std::optional<double>> number_words;

  // Records `word` (as written) as a one-word number; `vocabulary` holds the words of the lexicon.
  void add_number_word(std::string_view word, double value, const Vocabulary& vocabulary);
  void finish();
  // What `token` (with word id `id`) reads as a number alone (Text::Number).
  Text::Number number_of(const Token& token, int id, const Vocabulary& vocabulary) const;
  // A number at `at`: digits, a number word, or two joined ("twenty one", "forty-five"); `end` is
  // set past it on success.
  std::optional<double> read_number(const Text& text, size_t at, size_t& end) const;
  // A number or a vague count ("a couple of"), whichever is longer.
  std::optional<double> read_count(const Text& text, size_t at, size_t& end) const;
};

}  // namespace fossa::extract
