// Phrases compiled for matching (internal to src/text): every word interned once, each phrase a
// sequence of parts, and an index from a word id to the phrases that can start with it, so a text is
// read in one pass over its words (docs/extraction.md, "Matching").
//
// Everything is stored flat (words, alternatives, parts and patterns in arrays, indexes sorted by
// word id): compiling is a few allocations per array rather than per phrase, and reading a text
// allocates only its list of matches and one list of candidates.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fossa/knowledge_base.h"
#include "text/quantities.h"
#include "text/reading.h"
#include "text/vocabulary.h"
#include "text/words.h"

namespace fossa::extract {

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

class Matcher {
 public:
  // Compiles `phrase` (parsed by the knowledge base loader) as standing for `owner`.
  void add(const Phrase& phrase, int owner, Vocabulary& vocabulary);
  // Compiles a plain word sequence (a context trigger) as standing for `owner`.
  void add_words(const std::string& words, int owner, Vocabulary& vocabulary);
  // Plans for `patterns` phrases of `parts` parts and `alternatives` alternatives in all, to spare
  // regrowing while adding them.
  void reserve(size_t patterns, size_t parts, size_t alternatives);
  // Builds the start index; call once after the last add(), with every word interned.
  void finish(const Quantities& quantities, const Vocabulary& vocabulary);

  // Every match of every phrase in `text`, by start token then phrase: for each phrase and start,
  // the longest. Misspellings count only where `misspellings` (at most one misspelt word per
  // match, and a short one only beside a long exactly matched word). Thread-safe.
  std::vector<Match> find(const Text& text, const Quantities& quantities, bool misspellings) const;

 private:
  struct Range {
    uint32_t begin = 0;
    uint32_t size = 0;
  };
  struct FlatWord {
    int id = -1;
    int prefix = -1;  // index in prefixes_ for a `*` word, else -1
    bool attached = false;
  };
  struct Part {
    Phrase::Slot slot = Phrase::Slot::kWords;
    bool optional = false;
    Range alternatives;  // in alternatives_: each a run of words_
    Range by_first;      // in firsts_: (first word id, alternative), sorted
    Range prefixed;      // in prefixed_: alternatives starting with a `*` word
    uint64_t first_words = 0;  // word_bit of each alternative's first word (not `*` words)
    int only_first = -1;       // when by_first holds one alternative: its first word, read
    uint32_t only_alternative = 0;  // without touching firsts_ (and that alternative)
  };
  struct Pattern {
    int owner = -1;
    Range parts;     // in parts_
    Range excluded;  // in excluded_: each a run of words_ that may not follow
    bool not_unit = false, not_number = false, not_count = false;
    // The most tokens a match spans, and up to two parts past the first that every match passes
    // through: a start none of whose next `reach` tokens may be one of a part's first words is
    // rejected without walking (within_reach).
    uint32_t reach = 0;
    struct Need {
      uint64_t words = kAnyWord;  // word_bit of the part's first words
      uint64_t check = kAnyWord;  // check_bit of the same words
    };
    Need needs[2];
  };
  struct Walk;
  struct WordsRead {  // what matching words adds to a capture
    int misspelt = -1;
    bool long_exact = false;
  };

  Range add_run(const Words& words);
  void walk(Walk& walk, uint32_t part, size_t at, const Capture& capture) const;
  // Whether the words of `run` are at `at` (then `read` has what they add; else it is garbage).
  bool words_at(const Text& text, Range run, size_t at, WordsRead& read, bool allow_misspelt) const;
  bool followed_by_excluded(const Walk& walk, size_t at) const;

  std::vector<std::string> prefixes_;
  std::vector<FlatWord> words_;
  std::vector<Range> alternatives_;
  std::vector<std::pair<int, uint32_t>> firsts_;
  std::vector<uint32_t> prefixed_;
  std::vector<Part> parts_;
  std::vector<Range> excluded_;
  std::vector<Pattern> patterns_;
  // The run of words of a word sequence as written, compiled once however often it is written
  // ("{i'm|i am|im}" recurs across phrases): runs are read-only, so they are shared.
  Range compile_run(std::string_view written, Vocabulary& vocabulary);
  Vocabulary written_;                // while compiling: each sequence written so far
  std::vector<Range> written_runs_;   // by index in written_: its run of words_
  Words scratch_;                     // compile_words' output, reused while compiling

  // A pattern that may start with a word, and the words that may follow that word in it: a bit per
  // word (word_bit), all bits when any may (a gap, a slot, a `*` word, or the end of the pattern).
  // Testing the next token's bits rejects most patterns without reading them.
  struct Start {
    uint64_t second = 0;
    uint32_t pattern = 0;
    int id = -1;  // the first word (only while indexing)
  };
  static constexpr uint64_t kAnyWord = ~uint64_t{0};
  static constexpr size_t kGapWords = 3;  // the most words a `~` takes
  static uint64_t word_bit(int id) {
    return uint64_t{1} << ((static_cast<uint64_t>(static_cast<uint32_t>(id)) * 0x9e3779b97f4a7c15ull) >> 58);
  }
  // A second bit per word, of another hash: a token one of whose words has both bits in a set of
  // words is rarely none of them (a Bloom filter of two hashes).
  static uint64_t check_bit(int id) {
    return uint64_t{1} << ((static_cast<uint64_t>(static_cast<uint32_t>(id)) * 0xc2b2ae3d27d4eb4full) >> 58);
  }
  // The bits of the words that may come first from part `part` on.
  uint64_t next_words(const Pattern& pattern, uint32_t part) const;
  // Sets `pattern.reach` and `pattern.needs`, given the most tokens each kind of slot reads.
  using SlotReach = std::array<size_t, 7>;  // by Phrase::Slot
  void set_needs(Pattern& pattern, const SlotReach& slot_reach) const;
  // Whether a match of `pattern` may start at token `at`, by the words of the tokens in its reach
  // (per token: the word_bit and the check_bit of the words it may be).
  static bool within_reach(const Pattern& pattern, const std::vector<uint64_t>& words,
                           const std::vector<uint64_t>& checks, size_t at);

  std::vector<uint32_t> start_begin_;     // by word id, and one past the last: where its patterns start
  std::vector<Start> start_;              // patterns that may start with a word, by word id
  std::vector<uint32_t> start_unknown_;   // patterns that may start with an unknown word (a `*` quantity)
  // (prefix, pattern) for `*` words that may start one, by the prefix's first byte, and where each
  // byte's run starts (256 + 1).
  std::vector<std::pair<int, uint32_t>> start_prefix_;
  std::vector<uint32_t> start_prefix_begin_;
  std::vector<uint32_t> start_number_;    // patterns that may start with a digit
};

}  // namespace fossa::extract
