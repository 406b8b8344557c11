// Small text helpers shared by the layers: edit distance and "did you mean" suggestions for error
// messages, and lists joined in words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fossa::text {

// Edit distance (insertions, deletions, substitutions) between two strings.
size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `word`, most similar first, for "did you mean" messages.
// Candidates sharing a prefix or lying within a small edit distance are preferred.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 size_t limit = 3);

// "a, b or c" from a list; empty string for an empty list.
std::string join_or(const std::vector<std::string>& words);

}  // namespace fossa::text
