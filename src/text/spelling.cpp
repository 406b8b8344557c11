#include "text/spelling.h"

#include <algorithm>

namespace fossa::extract {
namespace {

bool letters_only(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; });
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
  deletions_.clear();
  for (size_t id = 0; id < vocabulary.size(); ++id) {
    const std::string& word = vocabulary.word(static_cast<int>(id));
    if (word.size() < min_length || !letters_only(word)) continue;
    deletions_[word].push_back(static_cast<int>(id));
    for (size_t i = 0; i < word.size(); ++i) {
      deletions_[word.substr(0, i) + word.substr(i + 1)].push_back(static_cast<int>(id));
    }
  }
}

std::vector<int> Spelling::near(std::string_view word) const {
  std::vector<int> out;
  if (word.size() < min_length_ || !letters_only(word) || vocabulary_ == nullptr) return out;
  auto consider = [&](const std::string& key) {
    auto found = deletions_.find(key);
    if (found == deletions_.end()) return;
    for (int id : found->second) {
      const std::string& candidate = vocabulary_->word(id);
      if (candidate[0] != word[0] || !one_edit_apart(candidate, word)) continue;
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
  };
  std::string whole(word);
  consider(whole);
  for (size_t i = 0; i < word.size(); ++i) consider(whole.substr(0, i) + whole.substr(i + 1));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fossa::extract
