// Misspellings (internal to src/text): the words of the vocabulary one edit away from an unknown
// word (an insertion, deletion, substitution or swap of two neighbours), found through an index of
// every word with one letter deleted (docs/extraction.md, "Misspellings").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/matcher.h"

namespace fossa::extract {

class Spelling {
 public:
  // Indexes the words of `vocabulary` of at least `min_length` letters (a-z and apostrophes only).
  void build(const Vocabulary& vocabulary, size_t min_length = 4);

  // The ids of the indexed words at edit distance 1 from `word` that start with its letter; empty
  // when `word` is shorter than the minimum or holds anything but letters and apostrophes.
  std::vector<int> near(std::string_view word) const;

 private:
  size_t min_length_ = 4;
  const Vocabulary* vocabulary_ = nullptr;
  std::unordered_map<std::string, std::vector<int>> deletions_;  // word, or word less one letter -> ids
};

// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or adjacent swap.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace fossa::extract
