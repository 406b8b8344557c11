#include "text/vocabulary.h"

namespace fossa::extract {

uint32_t word_hash(std::string_view word) {
  uint32_t hash = 2166136261u;
  for (char c : word) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

std::string_view Vocabulary::word(int id) const {
  const Span& span = spans_[static_cast<size_t>(id)];
  return std::string_view(characters_).substr(span.begin, span.size);
}

void Vocabulary::reserve(size_t words) {
  spans_.reserve(words);
  hashes_.reserve(words);
  characters_.reserve(words * 8);
  size_t wanted = 16;
  while (wanted < words * 2) wanted *= 2;
  if (wanted > slots_.size()) {
    slots_.assign(wanted, -1);
    for (size_t id = 0; id < spans_.size(); ++id) {
      size_t mask = slots_.size() - 1;
      size_t slot = hashes_[id] & mask;
      while (slots_[slot] >= 0) slot = (slot + 1) & mask;
      slots_[slot] = static_cast<int32_t>(id);
    }
  }
}

void Vocabulary::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

int Vocabulary::find(std::string_view word) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  const uint32_t hash = word_hash(word);
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    int32_t id = slots_[slot];
    if (id < 0) return -1;
    const Span& span = spans_[static_cast<size_t>(id)];
    if (hashes_[static_cast<size_t>(id)] == hash && span.size == word.size() &&
        std::string_view(characters_).substr(span.begin, span.size) == word) {
      return id;
    }
  }
}

int Vocabulary::intern(std::string_view word) {
  if (int id = find(word); id >= 0) return id;
  if ((spans_.size() + 1) * 2 > slots_.size()) grow();
  const auto id = static_cast<int32_t>(spans_.size());
  const uint32_t hash = word_hash(word);
  spans_.push_back({static_cast<uint32_t>(characters_.size()), static_cast<uint32_t>(word.size())});
  hashes_.push_back(hash);
  characters_.append(word);
  const size_t mask = slots_.size() - 1;
  size_t slot = hash & mask;
  while (slots_[slot] >= 0) slot = (slot + 1) & mask;
  slots_[slot] = id;
  return id;
}

}  // namespace fossa::extract
