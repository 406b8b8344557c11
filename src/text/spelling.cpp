#include "text/spelling.h"

#include <algorithm>

namespace fossa::extract {
namespace {

constexpr int kDirectoryBits = 14;
constexpr uint64_t kBase = 0x100000001b3ull;  // odd: the polynomial's base, modulo 2^64
constexpr size_t kLongest = 255;  // longer words are not indexed (a lexicon word is a few letters)

bool letters_only(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; });
}

// A polynomial hash of `length` letters, mixed so that its top bits are spread.
uint64_t finish(uint64_t polynomial, size_t length) {
  uint64_t x = polynomial ^ (static_cast<uint64_t>(length) * 0x9e3779b97f4a7c15ull);
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 29;
  return x;
}

// Calls `visit(key)` with the key of `word` and of each of its one-letter deletions, in one pass:
// the deletion of letter i is the prefix [0, i) shifted past the suffix (i, n) plus that suffix.
template <typename Visit>
void keys_of(std::string_view word, Visit&& visit) {
  const size_t n = word.size();
  uint64_t power[kLongest + 2];
  uint64_t suffix[kLongest + 2];  // suffix[i]: the hash of word[i, n); n is at most kLongest + 1
  power[0] = 1;
  suffix[n] = 0;
  for (size_t i = 1; i <= n; ++i) power[i] = power[i - 1] * kBase;
  for (size_t i = n; i-- > 0;) suffix[i] = static_cast<unsigned char>(word[i]) * power[n - 1 - i] + suffix[i + 1];
  visit(finish(suffix[0], n));
  uint64_t prefix = 0;  // the hash of word[0, i)
  for (size_t i = 0; i < n; ++i) {
    visit(finish(prefix * power[n - 1 - i] + suffix[i + 1], n - 1));
    prefix = prefix * kBase + static_cast<unsigned char>(word[i]);
  }
}

}  // namespace

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1 || a == b) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);  // a swap
  }
  return a.substr(i) == b.substr(i + 1);  // one insertion
}

void Spelling::build(const Vocabulary& vocabulary, size_t min_length) {
  vocabulary_ = &vocabulary;
  min_length_ = min_length;
  // The entries by the top bits of their keys (a counting sort), then each bucket sorted: the
  // buckets hold a few entries each.
  std::vector<Entry> unsorted;
  unsorted.reserve(vocabulary.size() * 9);
  for (size_t id = 0; id < vocabulary.size(); ++id) {
    std::string_view word = vocabulary.word(static_cast<int>(id));
    if (word.size() < min_length || word.size() > kLongest || !letters_only(word)) continue;
    keys_of(word, [&](uint64_t key) { unsorted.push_back({key, static_cast<int>(id)}); });
  }
  auto bucket_of = [](const Entry& entry) { return static_cast<size_t>(entry.key >> (64 - kDirectoryBits)); };
  directory_.assign((size_t{1} << kDirectoryBits) + 1, 0);
  for (const Entry& entry : unsorted) ++directory_[bucket_of(entry) + 1];
  for (size_t bucket = 1; bucket < directory_.size(); ++bucket) directory_[bucket] += directory_[bucket - 1];
  entries_.resize(unsorted.size());
  std::vector<uint32_t> next(directory_.begin(), directory_.end() - 1);
  for (const Entry& entry : unsorted) entries_[next[bucket_of(entry)]++] = entry;
  auto by_key = [](const Entry& a, const Entry& b) { return a.key != b.key ? a.key < b.key : a.id < b.id; };
  for (size_t bucket = 0; bucket + 1 < directory_.size(); ++bucket) {
    std::sort(entries_.begin() + directory_[bucket], entries_.begin() + directory_[bucket + 1], by_key);
  }
}

const Spelling::Entry* Spelling::first_with(uint64_t key) const {
  size_t bucket = key >> (64 - kDirectoryBits);
  const Entry* e = entries_.data() + directory_[bucket];
  const Entry* end = entries_.data() + directory_[bucket + 1];
  while (e != end && e->key < key) ++e;
  return e != end && e->key == key ? e : nullptr;
}

void Spelling::near(std::string_view word, std::vector<int>& out) const {
  if (word.size() < min_length_ || word.size() > kLongest + 1 || !letters_only(word) || vocabulary_ == nullptr ||
      entries_.empty()) {
    return;
  }
  const size_t first = out.size();
  keys_of(word, [&](uint64_t key) {
    const Entry* end = entries_.data() + entries_.size();
    for (const Entry* e = first_with(key); e != nullptr && e != end && e->key == key; ++e) {
      std::string_view candidate = vocabulary_->word(e->id);
      if (candidate[0] != word[0] || !one_edit_apart(candidate, word)) continue;
      out.push_back(e->id);
    }
  });
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
}

}  // namespace fossa::extract
