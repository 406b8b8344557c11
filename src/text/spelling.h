// Misspellings (internal to src/text): the words of the vocabulary one edit away from an unknown
// word (an insertion, deletion, substitution or swap of two neighbours), found through an index of
// every word with one letter deleted (symmetric delete; docs/extraction.md, "Misspellings").
//
// The index holds 64-bit hashes of each indexed word and of its one-letter deletions, sorted, with
// the word's id beside each. A query hashes the unknown word and its deletions in one pass (no
// string is built), and every candidate found is checked letter by letter, so a hash collision can
// only cost time, never add a wrong word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/vocabulary.h"

namespace fossa::extract {

class Spelling {
 public:
  // Indexes the words of `vocabulary` of at least `min_length` and at most 255 letters (a-z and
  // apostrophes only).
  // `vocabulary` must outlive this index and not change afterwards.
  void build(const Vocabulary& vocabulary, size_t min_length = 4);

  // Appends to `out` the ids of the indexed words at edit distance 1 from `word` that start with
  // its letter, in increasing order, each once; appends nothing when `word` is shorter than the
  // minimum or holds anything but letters and apostrophes. Thread-safe; does not allocate beyond
  // `out`'s growth.
  void near(std::string_view word, std::vector<int>& out) const;

 private:
  struct Entry {
    uint64_t key = 0;  // hash of the word or of the word less one letter
    int id = 0;
  };
  const Entry* first_with(uint64_t key) const;

  size_t min_length_ = 4;
  const Vocabulary* vocabulary_ = nullptr;
  std::vector<Entry> entries_;        // sorted by key, then id
  std::vector<uint32_t> directory_;   // by a key's top bits: the first entry with those bits or more
};

// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or adjacent swap.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace fossa::extract
