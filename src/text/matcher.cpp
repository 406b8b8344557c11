// Matching compiled phrases against a text (matcher.h): the candidates of each token, filtered by
// the next word, then a walk over each candidate's parts. Compiling is in
// matcher_index.cpp.
#include "text/matcher.h"

#include <algorithm>
#include <string_view>

namespace fossa::extract {

struct Matcher::Walk {
  const Text& text;
  const Quantities& quantities;
  const Pattern& pattern;
  const std::vector<uint64_t>& words;  // per token: the bits of the words it may be (word_bit)
  bool misspellings = false;
  size_t start = 0;
  size_t best_end = 0;
  Capture& best;  // valid when `found`; shared by the walks of one find(), so not cleared per walk
  bool found = false;
};

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
      // No alternative can start here: the token is none of their first words.
      if (part.prefixed.size == 0 && (part.first_words & state.words[at]) == 0) return;
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
        if (part.by_first.size == 1) {
          if (part.only_first == id) try_alternative(part.only_alternative);
          return;
        }
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
      for (size_t k = 0; k <= kGapWords && at + k <= n; ++k) {
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

bool Matcher::within_reach(const Pattern& pattern, const std::vector<uint64_t>& words,
                           const std::vector<uint64_t>& checks, size_t at) {
  if (pattern.needs[0].words == kAnyWord) return true;
  const size_t end = std::min(words.size(), at + pattern.reach);
  for (const Pattern::Need& need : pattern.needs) {
    if (need.words == kAnyWord) continue;
    size_t t = at;
    while (t < end && ((words[t] & need.words) == 0 || (checks[t] & need.check) == 0)) ++t;
    if (t == end) return false;
  }
  return true;
}

std::vector<Match> Matcher::find(const Text& text, const Quantities& quantities, bool misspellings) const {
  std::vector<Match> out;
  const std::vector<Token>& tokens = *text.tokens;
  std::vector<uint32_t> candidates;
  candidates.reserve(64);
  const size_t known_words = start_begin_.empty() ? 0 : start_begin_.size() - 1;
  // The words token `t` may be, as bits (Start::second).
  std::vector<uint64_t> words(tokens.size(), 0);
  std::vector<uint64_t> checks(tokens.size(), 0);  // and their check_bit
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (text.ids[t] >= 0) {
      words[t] = word_bit(text.ids[t]);
      checks[t] = check_bit(text.ids[t]);
    }
    if (misspellings) {
      for (int near : text.near(t)) {
        words[t] |= word_bit(near);
        checks[t] |= check_bit(near);
      }
    }
  }
  uint64_t second = 0;  // the words of the token after `at`
  const Capture none;
  Capture best;
  auto add = [&](int id) {
    if (id < 0 || static_cast<size_t>(id) >= known_words) return;
    for (uint32_t i = start_begin_[static_cast<size_t>(id)]; i < start_begin_[static_cast<size_t>(id) + 1]; ++i) {
      const Start& start = start_[i];
      if (start.second == kAnyWord || (start.second & second) != 0) candidates.push_back(start.pattern);
    }
  };
  for (size_t at = 0; at < tokens.size(); ++at) {
    candidates.clear();
    second = at + 1 < tokens.size() ? words[at + 1] : kAnyWord;
    // The lists are each in pattern order without repeats, but for the `*` words' (a pattern is
    // there once per `*` word): candidates from one list alone need no sorting.
    int lists = 0;
    auto from = [&](auto&& append, int counts = 1) {
      const size_t before = candidates.size();
      append();
      if (candidates.size() > before) lists += counts;
    };
    if (text.ids[at] < 0) {
      from([&] { candidates.insert(candidates.end(), start_unknown_.begin(), start_unknown_.end()); });
    }
    from([&] { add(text.ids[at]); });
    if (misspellings) {
      for (int near : text.near(at)) from([&] { add(near); });
    }
    const Token& token = tokens[at];
    if (token.kind == TokenKind::kNumber || text.numbers[at].alone == Text::Alone::kJoined) {
      from([&] { candidates.insert(candidates.end(), start_number_.begin(), start_number_.end()); });
    }
    if (token.kind != TokenKind::kBoundary && !token.text.empty() && !start_prefix_begin_.empty()) {
      std::string_view word = token.text;
      const auto byte = static_cast<unsigned char>(word[0]);
      auto prefixed = [&] {
        for (uint32_t i = start_prefix_begin_[byte]; i < start_prefix_begin_[byte + 1u]; ++i) {
          const auto& [prefix, pattern] = start_prefix_[i];
          if (word.starts_with(prefixes_[static_cast<size_t>(prefix)])) candidates.push_back(pattern);
        }
      };
      from(prefixed, 2);
    }
    if (candidates.empty()) continue;
    if (lists > 1) {
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    }
    for (uint32_t p : candidates) {
      if (!within_reach(patterns_[p], words, checks, at)) continue;
      Walk state{text, quantities, patterns_[p], words, misspellings, at, at, best, false};
      walk(state, 0, at, none);
      if (state.found) out.push_back({patterns_[p].owner, at, state.best_end, state.best});
    }
  }
  return out;
}

}  // namespace fossa::extract
