// Small text helpers shared by the layers: edit distance and "did you mean" suggestions for error
// messages, and lists joined in words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fossa::text {

// Edit distance (insertions, deletions, substitutions) between two strings.
size_t edit_distance(std::string_view a, std::string_view b);

// The longest word closest() compares (bytes). Every id in the knowledge base is far shorter, so a
// longer word has no near match; the bound keeps the cost of an unknown id flat whatever its length.
inline constexpr size_t kMaxSuggestedLength = 64;

// Up to `limit` candidates closest to `word`, most similar first, for "did you mean" messages.
// Candidates sharing a prefix or lying within a small edit distance are preferred. Empty when `word`
// is longer than kMaxSuggestedLength (no edit distance is computed).
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 size_t limit = 3);

// `word` as it may be echoed in a message: unchanged when at most `max_bytes` long, else its first
// bytes (never cutting a UTF-8 sequence) followed by "..." and the full length, e.g.
// "aaaa... (61440 bytes)". Untrusted ids pass through this before they are quoted.
std::string echo(std::string_view word, size_t max_bytes = kMaxSuggestedLength);

// `bytes` with every byte that is not printable ASCII percent-encoded ("%C3%A9"; a "%" is kept as
// it is, so a path already encoded reads the same), at most
// `max_bytes` of input read (then "..."): safe to put in JSON or a log whatever it held.
std::string printable(std::string_view bytes, size_t max_bytes = 256);

// "a, b or c" from a list; empty string for an empty list.
std::string join_or(const std::vector<std::string>& words);

}  // namespace fossa::text
