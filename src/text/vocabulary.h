// Every word the reader knows, by id (internal to src/text): the words of the lexicon, the context
// triggers, the number words and the commonest English words, interned once when the lexicon is
// compiled. Ids are dense, 0 ... size() - 1, in the order the words were first interned.
//
// A flat open-addressing table over one buffer of characters: find() neither allocates nor copies,
// so a text's words are looked up once each (docs/extraction.md, "Matching").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fossa::extract {

class Vocabulary {
 public:
  // The id of `word`, added when new. Not thread-safe; done before any find() from other threads.
  int intern(std::string_view word);
  // The id of `word`, or -1 when unknown. Thread-safe on a vocabulary no longer interned into.
  int find(std::string_view word) const;
  // The word of `id` (0 <= id < size()); valid until the next intern().
  std::string_view word(int id) const;
  size_t size() const { return spans_.size(); }

  // Plans for about `words` words, to spare regrowing.
  void reserve(size_t words);

 private:
  struct Span {
    uint32_t begin = 0;
    uint32_t size = 0;
  };
  void grow();

  struct Slot {
    int32_t id = -1;    // -1: empty
    uint32_t hash = 0;  // the word's, compared before the word itself
  };

  std::string characters_;   // every word, one after another
  std::vector<Span> spans_;  // by id: where its word is in `characters_`
  std::vector<Slot> slots_;  // open addressing with linear probing; size a power of two
};

// A set of word ids (of one vocabulary), -1 (an unknown word) included when inserted.
class WordSet {
 public:
  void insert(int id) {
    if (id < 0) {
      unknown_ = true;
      return;
    }
    if (static_cast<size_t>(id) >= members_.size()) members_.resize(static_cast<size_t>(id) + 1, false);
    members_[static_cast<size_t>(id)] = true;
  }
  bool contains(int id) const {
    return id < 0 ? unknown_ : static_cast<size_t>(id) < members_.size() && members_[static_cast<size_t>(id)];
  }

 private:
  std::vector<bool> members_;
  bool unknown_ = false;
};

// A 32-bit hash of `word`.
uint32_t word_hash(std::string_view word);

}  // namespace fossa::extract
