#include "text/matcher.h"

#include <algorithm>
#include <charconv>

namespace fossa::extract {

int Vocabulary::intern(const std::string& word) {
  auto [it, added] = ids_.emplace(word, static_cast<int>(words_.size()));
  if (added) words_.push_back(word);
  return it->second;
}

int Vocabulary::find(std::string_view word) const {
  auto it = ids_.find(std::string(word));
  return it == ids_.end() ? -1 : it->second;
}

Words compile_words(const std::string& text, Vocabulary& vocabulary) {
  Words out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string piece = text.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    if (piece.back() == '*') {
      // A prefix is compared with one token, so it keeps its connectors ("d-dimer*", "50,*").
      Word word;
      for (const Token& token : tokenize(piece.substr(0, piece.size() - 1)).tokens) word.prefix += token.text;
      if (word.prefix.empty()) continue;
      out.push_back(std::move(word));
      continue;
    }
    for (const Token& token : tokenize(piece).tokens) {
      Word word;
      word.id = vocabulary.intern(token.text);
      word.attached = token.attached;
      out.push_back(std::move(word));
    }
  }
  return out;
}

std::optional<double> number_value(std::string_view token) {
  if (token.empty() || token[0] < '0' || token[0] > '9') return std::nullopt;
  // "3-4": the larger end of a range.
  if (size_t dash = token.find('-'); dash != std::string_view::npos) {
    auto low = number_value(token.substr(0, dash));
    auto high = number_value(token.substr(dash + 1));
    if (!low || !high) return std::nullopt;
    return std::max(*low, *high);
  }
  std::string plain;
  for (char c : token) {
    if (c == ',') continue;  // "50,000"
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
    plain += c;
  }
  double value = 0;
  auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

namespace {

// The longest entry of `entries` at token `at`: its index and end, or -1.
int longest(const std::vector<Quantities::Entry>& entries, const Text& text, size_t at, size_t& end) {
  int best = -1;
  size_t best_end = at;
  const size_t n = text.ids.size();
  for (size_t e = 0; e < entries.size(); ++e) {
    const Words& words = entries[e].words;
    if (words.empty() || at + words.size() > n || words.size() <= best_end - at) continue;
    bool ok = true;
    for (size_t k = 0; k < words.size() && ok; ++k) ok = text.ids[at + k] == words[k].id;
    if (ok) {
      best = static_cast<int>(e);
      best_end = at + words.size();
    }
  }
  end = best_end;
  return best;
}

// A number at `at`: digits, a number word, or two joined ("twenty one", "forty-five").
std::optional<double> read_number(const Quantities& quantities, const Text& text, size_t at, size_t& end) {
  const std::vector<Token>& tokens = *text.tokens;
  if (at >= tokens.size()) return std::nullopt;
  const Token& token = tokens[at];
  if (token.kind == TokenKind::kNumber) {
    end = at + 1;
    return number_value(token.text);
  }
  if (token.kind != TokenKind::kWord) return std::nullopt;
  if (size_t dash = token.text.find('-'); dash != std::string::npos) {
    auto tens = quantities.number_words.find(token.text.substr(0, dash));
    auto ones = quantities.number_words.find(token.text.substr(dash + 1));
    if (tens == quantities.number_words.end() || ones == quantities.number_words.end()) return std::nullopt;
    end = at + 1;
    return tens->second + ones->second;
  }
  int found = longest(quantities.numbers, text, at, end);
  if (found < 0) return std::nullopt;
  double value = quantities.numbers[static_cast<size_t>(found)].value;
  if (value >= 20 && value < 100 && static_cast<int>(value) % 10 == 0 && end < tokens.size()) {
    auto ones = quantities.number_words.find(tokens[end].text);
    if (ones != quantities.number_words.end() && ones->second >= 1 && ones->second <= 9) {
      ++end;
      value += ones->second;
    }
  }
  return value;
}

std::optional<double> read_count(const Quantities& quantities, const Text& text, size_t at, size_t& end) {
  size_t count_end = at;
  int count = longest(quantities.counts, text, at, count_end);
  size_t number_end = at;
  auto number = read_number(quantities, text, at, number_end);
  if (count >= 0 && (!number || count_end > number_end)) {
    end = count_end;
    return quantities.counts[static_cast<size_t>(count)].value;
  }
  end = number_end;
  return number;
}

bool contains(const std::vector<int>& ids, int id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

}  // namespace

struct Matcher::Walk {
  const Text& text;
  const Quantities& quantities;
  const Pattern& pattern;
  bool misspellings = false;
  size_t start = 0;
  size_t best_end = 0;
  Capture best;
  bool found = false;

  // Matches `words` at `at`; `end` and `capture` are updated on success.
  bool words(const Words& words, size_t at, size_t& end, Capture& capture, bool allow_misspelt) const {
    const std::vector<Token>& tokens = *text.tokens;
    for (size_t k = 0; k < words.size(); ++k) {
      size_t position = at + k;
      if (position >= tokens.size()) return false;
      const Word& word = words[k];
      const Token& token = tokens[position];
      if (word.attached && !token.attached) return false;
      if (!word.prefix.empty()) {
        if (token.kind == TokenKind::kBoundary || token.text.compare(0, word.prefix.size(), word.prefix) != 0) return false;
        continue;
      }
      if (text.ids[position] == word.id) {
        if (token.kind == TokenKind::kWord && token.text.size() >= 4) capture.long_exact = true;
        continue;
      }
      if (allow_misspelt && capture.misspelt < 0 && contains(text.near[position], word.id)) {
        capture.misspelt = static_cast<int>(position);
        continue;
      }
      return false;
    }
    end = at + words.size();
    return true;
  }

  bool followed_by_excluded(size_t at) const {
    Capture scratch;
    size_t end = at;
    for (const Words& excluded : pattern.not_followed_by) {
      if (words(excluded, at, end, scratch, false)) return true;
    }
    if (pattern.not_unit && longest(quantities.units, text, at, end) >= 0) return true;
    if (pattern.not_number && read_number(quantities, text, at, end)) return true;
    if (pattern.not_count && read_count(quantities, text, at, end)) return true;
    return false;
  }

  void finish(size_t at, const Capture& capture) {
    if (at == start) return;
    if (capture.misspelt >= 0) {
      const Token& token = (*text.tokens)[static_cast<size_t>(capture.misspelt)];
      if (token.text.size() < 6 && !capture.long_exact) return;
    }
    bool better = !found || at > best_end || (at == best_end && best.misspelt >= 0 && capture.misspelt < 0);
    if (!better || followed_by_excluded(at)) return;
    found = true;
    best_end = at;
    best = capture;
  }
};

void Matcher::add(const Phrase& phrase, int owner, Vocabulary& vocabulary) {
  Pattern pattern;
  pattern.owner = owner;
  for (const Phrase::Part& written : phrase.parts) {
    Part part;
    part.slot = written.slot;
    for (const std::string& alternative : written.alternatives) {
      Words words = compile_words(alternative, vocabulary);
      if (words.empty()) {
        part.optional = true;
        continue;
      }
      part.alternatives.push_back(std::move(words));
    }
    pattern.parts.push_back(std::move(part));
  }
  for (const std::string& excluded : phrase.not_followed_by) {
    if (excluded == "<unit>") {
      pattern.not_unit = true;
    } else if (excluded == "<n>") {
      pattern.not_number = true;
    } else if (excluded == "<count>") {
      pattern.not_count = true;
    } else {
      pattern.not_followed_by.push_back(compile_words(excluded, vocabulary));
    }
  }
  patterns_.push_back(std::move(pattern));
}

void Matcher::add_words(const std::string& words, int owner, Vocabulary& vocabulary) {
  Pattern pattern;
  pattern.owner = owner;
  Part part;
  part.alternatives.push_back(compile_words(words, vocabulary));
  if (part.alternatives.front().empty()) return;
  pattern.parts.push_back(std::move(part));
  patterns_.push_back(std::move(pattern));
}

void Matcher::finish(const Quantities& quantities) {
  auto first_ids = [](const std::vector<Quantities::Entry>& entries, std::vector<int>& out) {
    for (const auto& entry : entries) {
      if (!entry.words.empty()) out.push_back(entry.words.front().id);
    }
  };
  for (uint32_t p = 0; p < patterns_.size(); ++p) {
    Pattern& pattern = patterns_[p];
    std::vector<int> ids;
    bool number = false;
    for (Part& part : pattern.parts) {
      for (uint32_t a = 0; a < part.alternatives.size(); ++a) {
        const Word& first = part.alternatives[a].front();
        if (first.prefix.empty()) {
          part.by_first[first.id].push_back(a);
        } else {
          part.prefixed.push_back(a);
        }
      }
    }
    for (const Part& part : pattern.parts) {
      bool optional = part.optional;
      switch (part.slot) {
        case Phrase::Slot::kWords:
          for (const Words& words : part.alternatives) {
            if (words.front().prefix.empty()) {
              ids.push_back(words.front().id);
            } else {
              const std::string& prefix = words.front().prefix;
              start_prefix_[prefix.substr(0, std::min<size_t>(3, prefix.size()))].emplace_back(prefix, p);
            }
          }
          break;
        case Phrase::Slot::kGap: optional = true; break;
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
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (int id : ids) start_[id].push_back(p);
    if (number) start_number_.push_back(p);
  }
}

void Matcher::walk(Walk& state, size_t part_index, size_t at, Capture capture) const {
  const Pattern& pattern = state.pattern;
  if (part_index == pattern.parts.size()) {
    state.finish(at, capture);
    return;
  }
  const Part& part = pattern.parts[part_index];
  const Text& text = state.text;
  const std::vector<Token>& tokens = *text.tokens;
  const size_t n = tokens.size();
  size_t end = at;
  switch (part.slot) {
    case Phrase::Slot::kWords: {
      if (part.optional) walk(state, part_index + 1, at, capture);
      if (at >= n) return;
      auto try_list = [&](const std::vector<uint32_t>& list) {
        for (uint32_t a : list) {
          Capture next = capture;
          if (state.words(part.alternatives[a], at, end, next, state.misspellings)) walk(state, part_index + 1, end, next);
        }
      };
      if (auto found = part.by_first.find(text.ids[at]); found != part.by_first.end()) try_list(found->second);
      if (state.misspellings && capture.misspelt < 0) {
        for (int near : text.near[at]) {
          if (auto found = part.by_first.find(near); found != part.by_first.end()) try_list(found->second);
        }
      }
      try_list(part.prefixed);
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
      auto value = part.slot == Phrase::Slot::kNumber ? read_number(state.quantities, text, at, end)
                                                      : read_count(state.quantities, text, at, end);
      if (!value) return;
      capture.number = *value;
      walk(state, part_index + 1, end, capture);
      return;
    }
    case Phrase::Slot::kUnit: {
      int unit = longest(state.quantities.units, text, at, end);
      if (unit < 0) return;
      const Quantities::Entry& entry = state.quantities.units[static_cast<size_t>(unit)];
      if (entry.below > 0 && (!capture.number || *capture.number >= entry.below)) return;
      capture.unit_days = entry.value;
      walk(state, part_index + 1, end, capture);
      return;
    }
    case Phrase::Slot::kWeekday: {
      int weekday = longest(state.quantities.weekdays, text, at, end);
      if (weekday < 0) return;
      capture.weekday = static_cast<int>(state.quantities.weekdays[static_cast<size_t>(weekday)].value);
      walk(state, part_index + 1, end, capture);
      return;
    }
    case Phrase::Slot::kDay: {
      int day = longest(state.quantities.days, text, at, end);
      if (day < 0) return;
      capture.day = state.quantities.days[static_cast<size_t>(day)].value;
      walk(state, part_index + 1, end, capture);
      return;
    }
  }
}

std::vector<Match> Matcher::find(const Text& text, const Quantities& quantities, bool misspellings) const {
  std::vector<Match> out;
  const std::vector<Token>& tokens = *text.tokens;
  std::vector<uint32_t> candidates;
  for (size_t at = 0; at < tokens.size(); ++at) {
    candidates.clear();
    auto add = [&](int id) {
      if (auto found = start_.find(id); found != start_.end()) {
        candidates.insert(candidates.end(), found->second.begin(), found->second.end());
      }
    };
    add(text.ids[at]);
    if (misspellings) {
      for (int near : text.near[at]) add(near);
    }
    const Token& token = tokens[at];
    if (token.kind == TokenKind::kNumber ||
        (token.kind == TokenKind::kWord && token.text.find('-') != std::string::npos)) {
      candidates.insert(candidates.end(), start_number_.begin(), start_number_.end());
    }
    if (token.kind != TokenKind::kBoundary) {
      for (size_t length = 1; length <= 3 && length <= token.text.size(); ++length) {
        auto found = start_prefix_.find(token.text.substr(0, length));
        if (found == start_prefix_.end()) continue;
        for (const auto& [prefix, pattern] : found->second) {
          if (token.text.compare(0, prefix.size(), prefix) == 0) candidates.push_back(pattern);
        }
      }
    }
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
