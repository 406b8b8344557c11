#include "text/vocabulary.h"

#include <bit>
#include <cstring>

namespace fossa::extract {

namespace {

uint64_t load(const char* at, size_t bytes) {  // `bytes` is a constant where inlined: no call
  uint64_t value = 0;
  std::memcpy(&value, at, bytes);
  return value;
}

}  // namespace

uint32_t word_hash(std::string_view word) {
  // Eight bytes at a time, each step a multiply and a rotation; the length is mixed in first. The
  // last bytes are read as fixed-size loads that may overlap what came before (no call to memcpy).
  const size_t n = word.size();
  const char* data = word.data();
  uint64_t hash = 0x9e3779b97f4a7c15ull ^ n;
  auto mix = [&](uint64_t chunk) { hash = std::rotl((hash ^ chunk) * 0xbf58476d1ce4e5b9ull, 31); };
  size_t at = 0;
  for (; at + 8 <= n; at += 8) mix(load(data + at, 8));
  if (n >= 8) {
    if (at < n) mix(load(data + n - 8, 8));
  } else if (n >= 4) {
    mix(load(data, 4) | (load(data + n - 4, 4) << 32));
  } else if (n > 0) {
    mix(static_cast<unsigned char>(data[0]) | (uint64_t{static_cast<unsigned char>(data[n / 2])} << 8) |
        (uint64_t{static_cast<unsigned char>(data[n - 1])} << 16));
  }
  hash ^= hash >> 29;
  hash *= 0x94d049bb133111ebull;
  hash ^= hash >> 32;
  return static_cast<uint32_t>(hash);
}

std::string_view Vocabulary::word(int id) const {
  const Span& span = spans_[static_cast<size_t>(id)];
  return std::string_view(characters_).substr(span.begin, span.size);
}

void Vocabulary::reserve(size_t words) {
  spans_.reserve(words);
  characters_.reserve(words * 8);
  size_t wanted = 16;
  while (wanted < words * 2) wanted *= 2;
  if (wanted <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(wanted, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id < 0) continue;
    size_t at = slot.hash & mask;
    while (slots_[at].id >= 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

void Vocabulary::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

int Vocabulary::find(std::string_view word) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  const uint32_t hash = word_hash(word);
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.id < 0) return -1;
    if (slot.hash != hash) continue;
    const Span& span = spans_[static_cast<size_t>(slot.id)];
    if (span.size == word.size() &&
        (word.empty() || std::memcmp(characters_.data() + span.begin, word.data(), word.size()) == 0)) {
      return slot.id;
    }
  }
}

int Vocabulary::intern(std::string_view word) {
  if (int id = find(word); id >= 0) return id;
  if ((spans_.size() + 1) * 2 > slots_.size()) grow();
  const auto id = static_cast<int32_t>(spans_.size());
  const uint32_t hash = word_hash(word);
  spans_.push_back({static_cast<uint32_t>(characters_.size()), static_cast<uint32_t>(word.size())});
  characters_.append(word);
  const size_t mask = slots_.size() - 1;
  size_t at = hash & mask;
  while (slots_[at].id >= 0) at = (at + 1) & mask;
  slots_[at] = {id, hash};
  return id;
}

}  // namespace fossa::extract
