// Phrases compiled for matching (internal to src/text): every word interned once, each phrase a
// sequence of parts, and an index from a word to the phrases that can start with it, so a text is
// read in one pass over its words (docs/extraction.md, "Matching").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fossa/knowledge_base.h"
#include "text/tokenizer.h"

namespace fossa::extract {

// Every word of the lexicon, the context triggers and the number words, by id.
class Vocabulary {
 public:
  int intern(const std::string& word);
  int find(std::string_view word) const;  // -1 when unknown
  const std::string& word(int id) const { return words_[static_cast<size_t>(id)]; }
  size_t size() const { return words_.size(); }

 private:
  std::unordered_map<std::string, int> ids_;
  std::vector<std::string> words_;
};

// One word of a compiled phrase: an exact word, or any word starting with `prefix` ("ultrasound*").
struct Word {
  int id = -1;
  std::string prefix;     // set for a `*` word; `id` is then -1
  bool attached = false;  // must follow a number with no space ("45yo")
};
using Words = std::vector<Word>;

// The tokens of a text with their word ids and, for unknown words, the known words at edit
// distance 1 (misspellings).
struct Text {
  const std::vector<Token>* tokens = nullptr;
  std::vector<int> ids;
  std::vector<std::vector<int>> near;  // per token: candidate ids, empty unless misspelt
};

// What a match read: the number, unit, weekday or day of its slots.
struct Capture {
  std::optional<double> number;
  std::optional<double> unit_days;
  std::optional<int> weekday;   // 1 Monday ... 7 Sunday
  std::optional<double> day;    // days ago
  int misspelt = -1;            // token matched at edit distance 1, or -1
  bool long_exact = false;      // a word of at least 4 letters matched exactly
};

struct Match {
  int owner = -1;     // what the phrase stands for (the caller's index)
  size_t begin = 0;   // tokens [begin, end)
  size_t end = 0;
  Capture capture;
};

// Number words, vague counts, units and days, for the slots of the phrases.
struct Quantities {
  struct Entry {
    Words words;
    double value = 0;
    double below = 0;  // units: reads only numbers under it (0: any)
  };
  std::vector<Entry> numbers, counts, units, weekdays, days;
  std::unordered_map<std::string, double> number_words;  // one-word numbers, for "forty-five"
};

class Matcher {
 public:
  // Compiles `phrase` (parsed by the knowledge base loader) as standing for `owner`.
  void add(const Phrase& phrase, int owner, Vocabulary& vocabulary);
  // Compiles a plain word sequence (a context trigger) as standing for `owner`.
  void add_words(const std::string& words, int owner, Vocabulary& vocabulary);
  // Builds the start index; call once after the last add().
  void finish(const Quantities& quantities);

  // Every match of every phrase in `text`: for each phrase and start, the longest. Misspellings
  // count only where `misspellings` (at most one misspelt word per match, and a short one only
  // beside a long exactly matched word).
  std::vector<Match> find(const Text& text, const Quantities& quantities, bool misspellings) const;

 private:
  struct Part {
    Phrase::Slot slot = Phrase::Slot::kWords;
    std::vector<Words> alternatives;
    bool optional = false;
    std::unordered_map<int, std::vector<uint32_t>> by_first;  // first word id -> alternatives
    std::vector<uint32_t> prefixed;                           // alternatives starting with a `*` word
  };
  struct Pattern {
    int owner = -1;
    std::vector<Part> parts;
    std::vector<Words> not_followed_by;
    bool not_unit = false, not_number = false, not_count = false;
  };
  struct Walk;

  void walk(Walk& walk, size_t part, size_t at, Capture capture) const;

  std::vector<Pattern> patterns_;
  std::unordered_map<int, std::vector<uint32_t>> start_;  // first word id -> patterns
  // `*` words that may start a pattern, by their first three letters (or fewer when shorter).
  std::unordered_map<std::string, std::vector<std::pair<std::string, uint32_t>>> start_prefix_;
  std::vector<uint32_t> start_number_;                    // patterns that may start with a digit
};

// Splits a word sequence as written in the knowledge base into compiled words (`*` words whole,
// others with the tokenizer).
Words compile_words(const std::string& text, Vocabulary& vocabulary);

// The value of a number token ("45", "2.5", "50,000"; "3-4" reads 4); nullopt when not a number.
std::optional<double> number_value(std::string_view token);

}  // namespace fossa::extract
