#include "text/matcher.h"

#include <algorithm>
#include <string_view>

namespace fossa::extract {

struct Matcher::Walk {
  const Text& text;
  const Quantities& quantities;
  const Pattern& pattern;
  bool misspellings = false;
  size_t start = 0;
  size_t best_end = 0;
  Capture best;
  bool found = false;
};

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

void Matcher::add(const Phrase& phrase, int owner, Vocabulary& vocabulary) {
  Pattern pattern;
  pattern.owner = owner;
  pattern.parts.begin = static_cast<uint32_t>(parts_.size());
  for (const Phrase::Part& written : phrase.parts) {
    Part part;
    part.slot = written.slot;
    part.alternatives.begin = static_cast<uint32_t>(alternatives_.size());
    for (const std::string& alternative : written.alternatives) {
      scratch_.clear();
      compile_words(alternative, vocabulary, scratch_);
      if (scratch_.empty()) {
        part.optional = true;
        continue;
      }
      alternatives_.push_back(add_run(scratch_));
    }
    part.alternatives.size = static_cast<uint32_t>(alternatives_.size()) - part.alternatives.begin;
    // The alternatives by their first word, each list in the order written.
    part.by_first.begin = static_cast<uint32_t>(firsts_.size());
    part.prefixed.begin = static_cast<uint32_t>(prefixed_.size());
    for (uint32_t a = 0; a < part.alternatives.size; ++a) {
      const FlatWord& first = words_[alternatives_[part.alternatives.begin + a].begin];
      if (first.prefix < 0) {
        firsts_.emplace_back(first.id, a);
      } else {
        prefixed_.push_back(a);
      }
    }
    part.by_first.size = static_cast<uint32_t>(firsts_.size()) - part.by_first.begin;
    part.prefixed.size = static_cast<uint32_t>(prefixed_.size()) - part.prefixed.begin;
    std::sort(firsts_.begin() + part.by_first.begin, firsts_.end());
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
      scratch_.clear();
      compile_words(excluded, vocabulary, scratch_);
      excluded_.push_back(add_run(scratch_));
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

uint64_t Matcher::word_bit(int id) {
  return uint64_t{1} << ((static_cast<uint64_t>(static_cast<uint32_t>(id)) * 0x9e3779b97f4a7c15ull) >> 58);
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

void Matcher::finish(const Quantities& quantities, const Vocabulary& vocabulary) {
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
  index_anchors(quantities, vocabulary);
  auto first_byte = [&](const std::pair<int, uint32_t>& entry) {
    return static_cast<unsigned char>(prefixes_[static_cast<size_t>(entry.first)][0]);
  };
  std::stable_sort(start_prefix_.begin(), start_prefix_.end(),
                   [&](const auto& a, const auto& b) { return first_byte(a) < first_byte(b); });
  start_prefix_begin_.assign(257, 0);
  for (const auto& entry : start_prefix_) ++start_prefix_begin_[first_byte(entry) + 1u];
  for (size_t i = 1; i < start_prefix_begin_.size(); ++i) start_prefix_begin_[i] += start_prefix_begin_[i - 1];
}

void Matcher::index_anchors(const Quantities& quantities, const Vocabulary& vocabulary) {
  // The most tokens each kind of part can take.
  auto longest_entry = [](const QuantityList& list) {
    size_t most = 0;
    for (const auto& entry : list.entries()) most = std::max(most, entry.words.size());
    return static_cast<uint32_t>(most);
  };
  const uint32_t number_tokens = std::max<uint32_t>(1, longest_entry(quantities.numbers) + 1);  // "twenty one"
  auto most_tokens = [&](const Part& part) -> uint32_t {
    switch (part.slot) {
      case Phrase::Slot::kWords: {
        uint32_t most = 0;
        for (uint32_t a = 0; a < part.alternatives.size; ++a) most = std::max(most, alternatives_[part.alternatives.begin + a].size);
        return most;
      }
      case Phrase::Slot::kGap: return 3;
      case Phrase::Slot::kNumber: return number_tokens;
      case Phrase::Slot::kCount: return std::max(number_tokens, longest_entry(quantities.counts));
      case Phrase::Slot::kUnit: return longest_entry(quantities.units);
      case Phrase::Slot::kWeekday: return longest_entry(quantities.weekdays);
      case Phrase::Slot::kDay: return longest_entry(quantities.days);
    }
    return 0;
  };
  // How often each word starts an alternative of some part, over all patterns: a rough measure of
  // how common it is, to choose anchors by rare words.
  std::vector<uint32_t> uses(vocabulary.size(), 0);
  for (const auto& [id, a] : firsts_) ++uses[static_cast<size_t>(id)];
  std::vector<std::pair<int, uint32_t>> anchors;  // (word id, pattern)
  anchorless_.assign(patterns_.size(), 1);
  anchor_reach_.assign(patterns_.size(), 0);
  for (uint32_t p = 0; p < patterns_.size(); ++p) {
    const Pattern& pattern = patterns_[p];
    const Part* anchor = nullptr;
    uint64_t anchor_cost = 0;
    uint32_t before = 0;  // the most tokens the parts before this one take
    for (uint32_t i = 0; i < pattern.parts.size; before += most_tokens(parts_[pattern.parts.begin + i]), ++i) {
      const Part& part = parts_[pattern.parts.begin + i];
      if (part.slot != Phrase::Slot::kWords || part.optional || part.prefixed.size > 0 || part.by_first.size == 0) continue;
      uint64_t cost = 0;
      for (uint32_t f = 0; f < part.by_first.size; ++f) cost += uses[static_cast<size_t>(firsts_[part.by_first.begin + f].first)];
      if (anchor == nullptr || cost <= anchor_cost) {
        anchor = &part;
        anchor_cost = cost;
        anchor_reach_[p] = before;
      }
    }
    if (anchor == nullptr) continue;
    anchorless_[p] = 0;
    for (uint32_t f = 0; f < anchor->by_first.size; ++f) anchors.emplace_back(firsts_[anchor->by_first.begin + f].first, p);
  }
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  anchor_begin_.assign(vocabulary.size() + 1, 0);
  for (const auto& [id, p] : anchors) ++anchor_begin_[static_cast<size_t>(id) + 1];
  for (size_t i = 1; i < anchor_begin_.size(); ++i) anchor_begin_[i] += anchor_begin_[i - 1];
  anchored_.resize(anchors.size());
  for (size_t i = 0; i < anchors.size(); ++i) anchored_[i] = anchors[i].second;
}

bool Matcher::words_at(const Text& text, Range run, size_t at, WordsRead& read, bool allow_misspelt) const {
  const std::vector<Token>& tokens = *text.tokens;
  if (at + run.size > tokens.size()) return false;
  for (uint32_t k = 0; k < run.size; ++k) {
    size_t position = at + k;
    const FlatWord& word = words_[run.begin + k];
    const Token& token = tokens[position];
    if (word.attached && !token.attached) return false;
    if (word.prefix >= 0) {
      if (token.kind == TokenKind::kBoundary ||
          !std::string_view(token.text).starts_with(prefixes_[static_cast<size_t>(word.prefix)])) {
        return false;
      }
      continue;
    }
    if (text.ids[position] == word.id) {
      if (token.kind == TokenKind::kWord && token.text.size() >= 4) read.long_exact = true;
      continue;
    }
    if (allow_misspelt && read.misspelt < 0) {
      auto near = text.near(position);
      if (std::find(near.begin(), near.end(), word.id) != near.end()) {
        read.misspelt = static_cast<int>(position);
        continue;
      }
    }
    return false;
  }
  return true;
}

bool Matcher::followed_by_excluded(const Walk& state, size_t at) const {
  const Pattern& pattern = state.pattern;
  WordsRead scratch;
  size_t end = at;
  for (uint32_t e = 0; e < pattern.excluded.size; ++e) {
    if (words_at(state.text, excluded_[pattern.excluded.begin + e], at, scratch, false)) return true;
  }
  if (pattern.not_unit && state.quantities.units.longest(state.text, at, end) >= 0) return true;
  if (pattern.not_number && state.quantities.read_number(state.text, at, end)) return true;
  if (pattern.not_count && state.quantities.read_count(state.text, at, end)) return true;
  return false;
}

void Matcher::walk(Walk& state, uint32_t part_index, size_t at, const Capture& capture) const {
  const Pattern& pattern = state.pattern;
  const Text& text = state.text;
  const std::vector<Token>& tokens = *text.tokens;
  if (part_index == pattern.parts.size) {
    // The end of the pattern: keep the longest match (an exact one over a misspelt one).
    if (at == state.start) return;
    if (capture.misspelt >= 0) {
      const Token& token = tokens[static_cast<size_t>(capture.misspelt)];
      if (token.text.size() < 6 && !capture.long_exact) return;
    }
    bool better = !state.found || at > state.best_end ||
                  (at == state.best_end && state.best.misspelt >= 0 && capture.misspelt < 0);
    if (!better || followed_by_excluded(state, at)) return;
    state.found = true;
    state.best_end = at;
    state.best = capture;
    return;
  }
  const Part& part = parts_[pattern.parts.begin + part_index];
  const Quantities& quantities = state.quantities;
  const size_t n = tokens.size();
  size_t end = at;
  switch (part.slot) {
    case Phrase::Slot::kWords: {
      if (part.optional) walk(state, part_index + 1, at, capture);
      if (at >= n) return;
      auto try_alternative = [&](uint32_t a) {
        const Range run = alternatives_[part.alternatives.begin + a];
        WordsRead read{capture.misspelt, capture.long_exact};
        if (!words_at(text, run, at, read, state.misspellings)) return;
        if (read.misspelt == capture.misspelt && read.long_exact == capture.long_exact) {
          walk(state, part_index + 1, at + run.size, capture);
          return;
        }
        Capture next = capture;
        next.misspelt = read.misspelt;
        next.long_exact = read.long_exact;
        walk(state, part_index + 1, at + run.size, next);
      };
      const auto firsts_begin = firsts_.begin() + part.by_first.begin;
      const auto firsts_end = firsts_begin + part.by_first.size;
      auto try_first = [&](int id) {
        auto it = std::lower_bound(firsts_begin, firsts_end, std::pair<int, uint32_t>{id, 0});
        for (; it != firsts_end && it->first == id; ++it) try_alternative(it->second);
      };
      if (text.ids[at] >= 0) try_first(text.ids[at]);
      if (state.misspellings && capture.misspelt < 0) {
        for (int near : text.near(at)) try_first(near);
      }
      for (uint32_t i = 0; i < part.prefixed.size; ++i) try_alternative(prefixed_[part.prefixed.begin + i]);
      return;
    }
    case Phrase::Slot::kGap:
      for (size_t k = 0; k <= 3 && at + k <= n; ++k) {
        if (k > 0 && tokens[at + k - 1].kind == TokenKind::kBoundary) break;
        walk(state, part_index + 1, at + k, capture);
      }
      return;
    case Phrase::Slot::kNumber:
    case Phrase::Slot::kCount: {
      auto value = part.slot == Phrase::Slot::kNumber ? quantities.read_number(text, at, end)
                                                      : quantities.read_count(text, at, end);
      if (!value) return;
      Capture next = capture;
      next.number = *value;
      walk(state, part_index + 1, end, next);
      return;
    }
    case Phrase::Slot::kUnit: {
      int unit = quantities.units.longest(text, at, end);
      if (unit < 0) return;
      const QuantityList::Entry& entry = quantities.units[static_cast<size_t>(unit)];
      if (entry.below > 0 && (!capture.number || *capture.number >= entry.below)) return;
      Capture next = capture;
      next.unit_days = entry.value;
      walk(state, part_index + 1, end, next);
      return;
    }
    case Phrase::Slot::kWeekday: {
      int weekday = quantities.weekdays.longest(text, at, end);
      if (weekday < 0) return;
      Capture next = capture;
      next.weekday = static_cast<int>(quantities.weekdays[static_cast<size_t>(weekday)].value);
      walk(state, part_index + 1, end, next);
      return;
    }
    case Phrase::Slot::kDay: {
      int day = quantities.days.longest(text, at, end);
      if (day < 0) return;
      Capture next = capture;
      next.day = quantities.days[static_cast<size_t>(day)].value;
      walk(state, part_index + 1, end, next);
      return;
    }
  }
}

std::vector<Match> Matcher::find(const Text& text, const Quantities& quantities, bool misspellings) const {
  std::vector<Match> out;
  const std::vector<Token>& tokens = *text.tokens;
  std::vector<uint32_t> candidates;
  candidates.reserve(64);
  const size_t known_words = start_begin_.empty() ? 0 : start_begin_.size() - 1;
  // Where each pattern's anchor is in the text: a list of positions per pattern, in text order.
  constexpr uint32_t kNone = UINT32_MAX;
  struct Position {
    uint32_t token = 0;
    uint32_t next = kNone;
  };
  std::vector<Position> positions;
  std::vector<uint32_t> head(patterns_.size(), kNone), tail(patterns_.size(), kNone);
  auto mark = [&](int id, uint32_t token) {
    if (id < 0 || static_cast<size_t>(id) >= known_words) return;
    for (uint32_t i = anchor_begin_[static_cast<size_t>(id)]; i < anchor_begin_[static_cast<size_t>(id) + 1]; ++i) {
      const uint32_t p = anchored_[i];
      const auto added = static_cast<uint32_t>(positions.size());
      positions.push_back({token, kNone});
      (tail[p] == kNone ? head[p] : positions[tail[p]].next) = added;
      tail[p] = added;
    }
  };
  for (size_t at = 0; at < tokens.size(); ++at) {
    mark(text.ids[at], static_cast<uint32_t>(at));
    if (misspellings) {
      for (int near : text.near(at)) mark(near, static_cast<uint32_t>(at));
    }
  }
  // Whether pattern `p` may match from token `at` (`at` never decreases): its anchor lies within
  // its reach. Patterns without an anchor always may.
  size_t at = 0;
  auto viable = [&](uint32_t p) {
    if (anchorless_[p]) return true;
    uint32_t& first = head[p];
    while (first != kNone && positions[first].token < at) first = positions[first].next;
    return first != kNone && positions[first].token <= at + anchor_reach_[p];
  };
  // The words token `t` may be, as bits (Start::second).
  auto words_of = [&](size_t t) {
    uint64_t bits = text.ids[t] >= 0 ? word_bit(text.ids[t]) : 0;
    if (misspellings) {
      for (int near : text.near(t)) bits |= word_bit(near);
    }
    return bits;
  };
  uint64_t second = 0;  // the words of the token after `at`
  auto add = [&](int id) {
    if (id < 0 || static_cast<size_t>(id) >= known_words) return;
    for (uint32_t i = start_begin_[static_cast<size_t>(id)]; i < start_begin_[static_cast<size_t>(id) + 1]; ++i) {
      const Start& start = start_[i];
      if ((start.second == kAnyWord || (start.second & second) != 0) && viable(start.pattern)) {
        candidates.push_back(start.pattern);
      }
    }
  };
  for (; at < tokens.size(); ++at) {
    candidates.clear();
    second = at + 1 < tokens.size() ? words_of(at + 1) : kAnyWord;
    if (text.ids[at] < 0) {
      for (uint32_t p : start_unknown_) {
        if (viable(p)) candidates.push_back(p);
      }
    }
    add(text.ids[at]);
    if (misspellings) {
      for (int near : text.near(at)) add(near);
    }
    const Token& token = tokens[at];
    if (token.kind == TokenKind::kNumber || text.numbers[at].alone == Text::Alone::kJoined) {
      for (uint32_t p : start_number_) {
        if (viable(p)) candidates.push_back(p);
      }
    }
    if (token.kind != TokenKind::kBoundary && !token.text.empty() && !start_prefix_begin_.empty()) {
      std::string_view word = token.text;
      const auto byte = static_cast<unsigned char>(word[0]);
      for (uint32_t i = start_prefix_begin_[byte]; i < start_prefix_begin_[byte + 1u]; ++i) {
        const auto& [prefix, pattern] = start_prefix_[i];
        if (word.starts_with(prefixes_[static_cast<size_t>(prefix)]) && viable(pattern)) candidates.push_back(pattern);
      }
    }
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (uint32_t p : candidates) {
      Walk state{text, quantities, patterns_[p], misspellings, at, at, {}, false};
      walk(state, 0, at, Capture{});
      if (state.found) out.push_back({patterns_[p].owner, at, state.best_end, state.best});
    }
  }
  return out;
}

}  // namespace fossa::extract
