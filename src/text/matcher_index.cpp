// Compiling phrases into the flat arrays of Matcher and building its start index (matcher.h);
// matching them is in matcher.cpp.
#include "text/matcher.h"

#include <algorithm>
#include <bit>
#include <string_view>

namespace fossa::extract {

Matcher::Range Matcher::add_run(const Words& words) {
  Range run{static_cast<uint32_t>(words_.size()), static_cast<uint32_t>(words.size())};
  for (const Word& word : words) {
    FlatWord flat{word.id, -1, word.attached};
    if (!word.prefix.empty()) {
      flat.prefix = static_cast<int>(prefixes_.size());
      prefixes_.push_back(word.prefix);
    }
    words_.push_back(flat);
  }
  return run;
}

void Matcher::reserve(size_t patterns, size_t parts, size_t alternatives) {
  patterns_.reserve(patterns);
  parts_.reserve(parts);
  alternatives_.reserve(alternatives);
  firsts_.reserve(alternatives);
  written_.reserve(alternatives);  // an upper bound: many alternatives are written more than once
  written_runs_.reserve(alternatives);
}

Matcher::Range Matcher::compile_run(std::string_view written, Vocabulary& vocabulary) {
  const size_t known = written_.size();
  const auto index = static_cast<size_t>(written_.intern(written));
  if (index < known) return written_runs_[index];  // its words are interned already
  scratch_.clear();
  compile_words(written, vocabulary, scratch_);
  written_runs_.push_back(add_run(scratch_));
  return written_runs_.back();
}

void Matcher::add(const Phrase& phrase, int owner, Vocabulary& vocabulary) {
  Pattern pattern;
  pattern.owner = owner;
  pattern.parts.begin = static_cast<uint32_t>(parts_.size());
  for (const Phrase::Part& written : phrase.parts) {
    Part part;
    part.slot = written.slot;
    part.alternatives.begin = static_cast<uint32_t>(alternatives_.size());
    for (const std::string& alternative : written.alternatives) {
      const Range run = compile_run(alternative, vocabulary);
      if (run.size == 0) {
        part.optional = true;
        continue;
      }
      alternatives_.push_back(run);
    }
    part.alternatives.size = static_cast<uint32_t>(alternatives_.size()) - part.alternatives.begin;
    // The alternatives by their first word, each list in the order written.
    part.by_first.begin = static_cast<uint32_t>(firsts_.size());
    part.prefixed.begin = static_cast<uint32_t>(prefixed_.size());
    for (uint32_t a = 0; a < part.alternatives.size; ++a) {
      const FlatWord& first = words_[alternatives_[part.alternatives.begin + a].begin];
      if (first.prefix < 0) {
        firsts_.emplace_back(first.id, a);
        part.first_words |= word_bit(first.id);
      } else {
        prefixed_.push_back(a);
      }
    }
    part.by_first.size = static_cast<uint32_t>(firsts_.size()) - part.by_first.begin;
    part.prefixed.size = static_cast<uint32_t>(prefixed_.size()) - part.prefixed.begin;
    std::sort(firsts_.begin() + part.by_first.begin, firsts_.end());
    if (part.by_first.size == 1) {
      part.only_first = firsts_.back().first;
      part.only_alternative = firsts_.back().second;
    }
    parts_.push_back(part);
  }
  pattern.parts.size = static_cast<uint32_t>(parts_.size()) - pattern.parts.begin;
  pattern.excluded.begin = static_cast<uint32_t>(excluded_.size());
  for (const std::string& excluded : phrase.not_followed_by) {
    if (excluded == "<unit>") {
      pattern.not_unit = true;
    } else if (excluded == "<n>") {
      pattern.not_number = true;
    } else if (excluded == "<count>") {
      pattern.not_count = true;
    } else {
      excluded_.push_back(compile_run(excluded, vocabulary));
    }
  }
  pattern.excluded.size = static_cast<uint32_t>(excluded_.size()) - pattern.excluded.begin;
  patterns_.push_back(pattern);
}

void Matcher::add_words(const std::string& words, int owner, Vocabulary& vocabulary) {
  scratch_.clear();
  compile_words(words, vocabulary, scratch_);
  if (scratch_.empty()) return;
  Part part;
  part.alternatives = {static_cast<uint32_t>(alternatives_.size()), 1};
  alternatives_.push_back(add_run(scratch_));
  const FlatWord& first = words_[alternatives_.back().begin];
  if (first.prefix < 0) {
    part.by_first = {static_cast<uint32_t>(firsts_.size()), 1};
    part.first_words = word_bit(first.id);
    part.only_first = first.id;
    firsts_.emplace_back(first.id, 0);
  } else {
    part.prefixed = {static_cast<uint32_t>(prefixed_.size()), 1};
    prefixed_.push_back(0);
  }
  Pattern pattern;
  pattern.owner = owner;
  pattern.parts = {static_cast<uint32_t>(parts_.size()), 1};
  pattern.excluded = {static_cast<uint32_t>(excluded_.size()), 0};
  parts_.push_back(part);
  patterns_.push_back(pattern);
}

uint64_t Matcher::next_words(const Pattern& pattern, uint32_t part_index) const {
  if (part_index == pattern.parts.size) return kAnyWord;  // the match may end here
  const Part& part = parts_[pattern.parts.begin + part_index];
  if (part.slot != Phrase::Slot::kWords) return kAnyWord;
  uint64_t bits = part.optional ? next_words(pattern, part_index + 1) : 0;
  for (uint32_t a = 0; a < part.alternatives.size; ++a) {
    const FlatWord& first = words_[alternatives_[part.alternatives.begin + a].begin];
    bits |= first.prefix < 0 ? word_bit(first.id) : kAnyWord;
  }
  return bits;
}

void Matcher::set_needs(Pattern& pattern, const SlotReach& slot_reach) const {
  size_t reach = 0;
  for (uint32_t i = 0; i < pattern.parts.size; ++i) {
    const Part& part = parts_[pattern.parts.begin + i];
    if (part.slot != Phrase::Slot::kWords) {
      reach += slot_reach[static_cast<size_t>(part.slot)];
      continue;
    }
    size_t most = 0;  // the longest alternative
    for (uint32_t a = 0; a < part.alternatives.size; ++a) {
      most = std::max<size_t>(most, alternatives_[part.alternatives.begin + a].size);
    }
    reach += most;
    // Past the first part (the start index's): a part every match passes through, entered only
    // on one of its first words (walk()). The two with the fewest words reject the most.
    if (i == 0 || part.optional || part.prefixed.size > 0) continue;
    Pattern::Need need{part.first_words, 0};
    for (uint32_t k = 0; k < part.by_first.size; ++k) need.check |= check_bit(firsts_[part.by_first.begin + k].first);
    if (std::popcount(need.words) < std::popcount(pattern.needs[1].words)) pattern.needs[1] = need;
    if (std::popcount(pattern.needs[1].words) < std::popcount(pattern.needs[0].words)) {
      std::swap(pattern.needs[0], pattern.needs[1]);
    }
  }
  pattern.reach = static_cast<uint32_t>(reach);
}

void Matcher::finish(const Quantities& quantities, const Vocabulary& vocabulary) {
  // The most tokens each kind of slot reads (Quantities::read_number and the others).
  auto longest = [](const QuantityList& list) {
    size_t most = 0;
    for (const auto& entry : list.entries()) most = std::max(most, entry.words.size());
    return most;
  };
  SlotReach slot_reach{};
  const size_t number_reach = longest(quantities.numbers) + 1;  // "twenty one"; digits are one token
  slot_reach[static_cast<size_t>(Phrase::Slot::kGap)] = kGapWords;
  slot_reach[static_cast<size_t>(Phrase::Slot::kNumber)] = number_reach;
  slot_reach[static_cast<size_t>(Phrase::Slot::kCount)] = std::max(number_reach, longest(quantities.counts));
  slot_reach[static_cast<size_t>(Phrase::Slot::kUnit)] = longest(quantities.units);
  slot_reach[static_cast<size_t>(Phrase::Slot::kWeekday)] = longest(quantities.weekdays);
  slot_reach[static_cast<size_t>(Phrase::Slot::kDay)] = longest(quantities.days);
  for (Pattern& pattern : patterns_) set_needs(pattern, slot_reach);
  written_ = Vocabulary();
  written_runs_ = {};
  auto first_ids = [](const QuantityList& list, std::vector<std::pair<int, uint64_t>>& out) {
    for (const auto& entry : list.entries()) {
      if (!entry.words.empty()) out.emplace_back(entry.words.front().id, kAnyWord);
    }
  };
  std::vector<Start> starts;  // (word id, pattern, second words)
  std::vector<std::pair<int, uint64_t>> ids;  // (first word id, second words)
  for (uint32_t p = 0; p < patterns_.size(); ++p) {
    const Pattern& pattern = patterns_[p];
    ids.clear();
    bool number = false;
    bool gap = false;  // a gap before: any token may come second
    for (uint32_t i = 0; i < pattern.parts.size; ++i) {
      const Part& part = parts_[pattern.parts.begin + i];
      bool optional = part.optional;
      switch (part.slot) {
        case Phrase::Slot::kWords:
          for (uint32_t a = 0; a < part.alternatives.size; ++a) {
            const Range run = alternatives_[part.alternatives.begin + a];
            const FlatWord& first = words_[run.begin];
            if (first.prefix >= 0) {
              start_prefix_.emplace_back(first.prefix, p);
              continue;
            }
            uint64_t second = kAnyWord;
            if (!gap && run.size >= 2) {
              const FlatWord& word = words_[run.begin + 1];
              second = word.prefix < 0 ? word_bit(word.id) : kAnyWord;
            } else if (!gap) {
              second = next_words(pattern, i + 1);
            }
            ids.emplace_back(first.id, second);
          }
          break;
        case Phrase::Slot::kGap:
          optional = true;
          gap = true;
          break;
        case Phrase::Slot::kCount: first_ids(quantities.counts, ids); [[fallthrough]];
        case Phrase::Slot::kNumber:
          first_ids(quantities.numbers, ids);
          number = true;  // digits, and hyphenated number words ("forty-five")
          break;
        case Phrase::Slot::kUnit: first_ids(quantities.units, ids); break;
        case Phrase::Slot::kWeekday: first_ids(quantities.weekdays, ids); break;
        case Phrase::Slot::kDay: first_ids(quantities.days, ids); break;
      }
      if (!optional) break;
    }
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < ids.size();) {
      const int id = ids[i].first;
      uint64_t second = 0;
      for (; i < ids.size() && ids[i].first == id; ++i) second |= ids[i].second;
      if (id >= 0) {
        starts.push_back({second, p, id});
      } else {
        start_unknown_.push_back(p);  // a quantity's `*` word has no id: any unknown word may start it
      }
    }
    if (number) start_number_.push_back(p);
  }
  // By word id, each list in pattern order (a counting sort of `starts`).
  start_begin_.assign(vocabulary.size() + 1, 0);
  for (const Start& start : starts) ++start_begin_[static_cast<size_t>(start.id) + 1];
  for (size_t i = 1; i < start_begin_.size(); ++i) start_begin_[i] += start_begin_[i - 1];
  start_.resize(starts.size());
  std::vector<uint32_t> next(start_begin_.begin(), start_begin_.end() - 1);
  for (const Start& start : starts) start_[next[static_cast<size_t>(start.id)]++] = start;
  auto first_byte = [&](const std::pair<int, uint32_t>& entry) {
    return static_cast<unsigned char>(prefixes_[static_cast<size_t>(entry.first)][0]);
  };
  std::stable_sort(start_prefix_.begin(), start_prefix_.end(),
                   [&](const auto& a, const auto& b) { return first_byte(a) < first_byte(b); });
  start_prefix_begin_.assign(257, 0);
  for (const auto& entry : start_prefix_) ++start_prefix_begin_[first_byte(entry) + 1u];
  for (size_t i = 1; i < start_prefix_begin_.size(); ++i) start_prefix_begin_[i] += start_prefix_begin_[i - 1];
}

}  // namespace fossa::extract
