#include "text/context.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <map>

namespace fossa::extract {
namespace {

using Kind = ContextTrigger::Kind;
using Direction = ContextTrigger::Direction;

// One selected trigger: its span and every (category, direction) written for those words.
struct Selected {
  Span span;
  std::vector<std::pair<Kind, Direction>> roles;
  bool terminator = false;
};

bool overlaps(const Span& a, const Span& b) { return a.begin < b.end && b.begin < a.end; }

// Spans that overlap one another form one group: the phrases said together ("swollen calf").
struct Group {
  Span span;
  std::vector<size_t> members;
};

std::vector<Group> groups_of(const std::vector<Span>& spans) {
  std::vector<size_t> order(spans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return spans[a].begin != spans[b].begin ? spans[a].begin < spans[b].begin : spans[a].end < spans[b].end;
  });
  std::vector<Group> out;
  for (size_t i : order) {
    if (!out.empty() && spans[i].begin < out.back().span.end) {
      out.back().span.end = std::max(out.back().span.end, spans[i].end);
      out.back().members.push_back(i);
    } else {
      out.push_back({spans[i], {i}});
    }
  }
  return out;
}

// Whether every word of tokens [begin, end) is written in `phrase` (a lexicon phrase as written:
// words between braces, bars, gaps and spaces).
bool written_in(std::string_view written, const std::vector<Token>& tokens, size_t begin, size_t end) {
  auto is_separator = [](char c) { return c == ' ' || c == '{' || c == '}' || c == '|' || c == '~' || c == '!'; };
  std::string phrase(written);  // apostrophes as the tokenizer writes them
  for (size_t at = phrase.find("\xE2\x80\x99"); at != std::string::npos; at = phrase.find("\xE2\x80\x99", at)) {
    phrase.replace(at, 3, "'");
  }
  for (size_t t = begin; t < end; ++t) {
    std::string word;
    for (char c : tokens[t].text) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool found = false;
    for (size_t at = phrase.find(word); !found && at != std::string_view::npos; at = phrase.find(word, at + 1)) {
      size_t after = at + word.size();
      found = (at == 0 || is_separator(phrase[at - 1])) && (after == phrase.size() || is_separator(phrase[after]));
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

std::vector<Context> contexts(const Text& text, const std::vector<Span>& spans, const ContextRules& rules,
                              const Quantities& quantities, const std::vector<std::string_view>& written) {
  const std::vector<Token>& tokens = *text.tokens;
  std::vector<Context> out(spans.size());
  // Every trigger match, its roles merged by span, then the longest first where two overlap.
  std::map<std::pair<size_t, size_t>, Selected> by_span;
  // A phrase that holds a negation of its own, or a word listed as pseudo ("couldn't straighten",
  // "hasn't gone away", "no pain walking"), already says which way it goes: a negation outside it
  // does not turn it again.
  std::vector<bool> own_negation(spans.size(), false);
  std::vector<bool> gap_negation(spans.size(), false);  // a negation in a gap of the phrase: it is denied
  for (const Match& match : rules.triggers.find(text, quantities, false)) {
    Span span{match.begin, match.end};
    bool inside_phrase = false;
    for (size_t i = 0; i < spans.size(); ++i) {
      if (!overlaps(spans[i], span)) continue;
      inside_phrase = true;
      bool within = spans[i].begin <= span.begin && span.end <= spans[i].end;
      Kind kind = rules.kinds[static_cast<size_t>(match.owner)];
      if (within && (kind == Kind::kNegation || kind == Kind::kPseudo)) own_negation[i] = true;
      if (within && kind == Kind::kNegation && i < written.size() && !written_in(written[i], tokens, span.begin, span.end)) {
        gap_negation[i] = true;
      }
    }
    if (inside_phrase) continue;
    Selected& selected = by_span[{span.begin, span.end}];
    selected.span = span;
    auto owner = static_cast<size_t>(match.owner);
    selected.roles.emplace_back(rules.kinds[owner], rules.directions[owner]);
    selected.terminator |= rules.kinds[owner] == Kind::kTerminator;
  }
  std::vector<Selected> candidates;
  for (auto& [key, selected] : by_span) candidates.push_back(std::move(selected));
  std::stable_sort(candidates.begin(), candidates.end(), [](const Selected& a, const Selected& b) {
    size_t la = a.span.end - a.span.begin, lb = b.span.end - b.span.begin;
    return la != lb ? la > lb : a.span.begin < b.span.begin;
  });
  std::vector<Selected> chosen;
  for (auto& candidate : candidates) {
    bool clash = std::any_of(chosen.begin(), chosen.end(), [&](const Selected& c) { return overlaps(c.span, candidate.span); });
    if (!clash) chosen.push_back(std::move(candidate));
  }

  std::vector<Group> groups = groups_of(spans);
  // Whether tokens [from, to) may lie between a trigger and the phrase it reaches.
  auto open_gap = [&](size_t from, size_t to, int max_words) {
    int words = 0;
    for (size_t t = from; t < to; ++t) {
      if (tokens[t].kind == TokenKind::kBoundary) return false;
      if (tokens[t].kind == TokenKind::kWord || tokens[t].kind == TokenKind::kNumber) ++words;
    }
    if (words > max_words) return false;
    for (const Selected& other : chosen) {
      if (other.terminator && other.span.begin >= from && other.span.begin < to) return false;
    }
    return true;
  };
  // Whether tokens [from, to) only join two listed phrases ("swelling, redness or warmth").
  // Items of the list that are not phrases of the lexicon may stand between them ("no fever,
  // chills, night sweats or bladder problems"): runs of at most two other words, each between list
  // words, no trigger among them ("no fever, but calf swelling"), and only in a list that offers a
  // choice ("or", "nor"): "no swelling, just pain, calf red" denies the swelling alone, so a
  // warning sign said after it is not lost.
  auto list_gap = [&](size_t from, size_t to) {
    int run = 0;
    bool unknown = false, choice = false;
    for (size_t t = from; t < to; ++t) {
      if (tokens[t].kind == TokenKind::kBoundary) return false;
      if (rules.list_words.contains(text.ids[t])) {
        run = 0;
        choice = choice || rules.alternatives.contains(text.ids[t]);
        continue;
      }
      unknown = true;
      if (t == from || t + 1 == to || ++run > 2) return false;
    }
    if (unknown && !choice) return false;
    for (const Selected& other : chosen) {
      if (other.span.begin < to && from < other.span.end) return false;
    }
    return true;
  };
  // Whether tokens [from, to) hold a comma.
  auto comma_between = [&](size_t from, size_t to) {
    for (size_t t = from; t < to && t < tokens.size(); ++t) {
      if (tokens[t].text == ",") return true;
    }
    return false;
  };
  // Whether tokens [from, to) hold a word that offers a choice ("or", "nor").
  auto has_alternative = [&](size_t from, size_t to) {
    for (size_t t = from; t < to && t < tokens.size(); ++t) {
      if (rules.alternatives.contains(text.ids[t])) return true;
    }
    return false;
  };
  std::vector<bool> negated_directly(spans.size(), false);
  auto apply = [&](const Group& group, Kind kind, bool across_comma = false) {
    for (size_t member : group.members) {
      Context& context = out[member];
      switch (kind) {
        case Kind::kNegation:
          if (own_negation[member]) break;
          context.negated = true;
          if (!across_comma) negated_directly[member] = true;
          context.negated_across_comma = !negated_directly[member];
          break;
        case Kind::kHedge: context.hedged = true; break;
        case Kind::kHistory: context.past = true; break;
        case Kind::kOtherPerson: context.other_person = true; break;
        case Kind::kHypothetical: context.hypothetical = true; break;
        case Kind::kPseudo:
        case Kind::kTerminator: break;
      }
    }
  };
  for (const Selected& trigger : chosen) {
    for (const auto& [kind, direction] : trigger.roles) {
      if (kind == Kind::kPseudo || kind == Kind::kTerminator) continue;
      if (direction == Direction::kBefore) {
        size_t from = trigger.span.end;
        // A sentence end that is a trigger ("?") hedges what follows it only where it opens the
        // words ("Impression: ?DVT"); after a word it closes a question and reaches nothing.
        const Token& first_token = tokens[trigger.span.begin];
        if (first_token.kind == TokenKind::kBoundary && trigger.span.begin > 0 &&
            (tokens[trigger.span.begin - 1].kind == TokenKind::kWord ||
             tokens[trigger.span.begin - 1].kind == TokenKind::kNumber ||
             tokens[trigger.span.begin - 1].text == ")")) {
          continue;
        }
        if (from < tokens.size() && tokens[from].text == ",") continue;  // "No, ..." answers; it reaches nothing
        auto first = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.span.begin >= from; });
        if (first == groups.end() || !open_gap(from, first->span.begin, rules.scope_before)) continue;
        // The groups the trigger reaches: the first, then those listed after it. A list that offers
        // a choice ("no fever, chills or swelling") is plainly a list; without one, a comma may
        // start a new statement ("no fever, calf swollen"), so what lies past it is marked.
        auto last = first + 1;
        while (last != groups.end() && list_gap((last - 1)->span.end, last->span.begin)) ++last;
        bool choice = has_alternative(from, first->span.begin);
        for (auto g = first + 1; g != last; ++g) choice = choice || has_alternative((g - 1)->span.end, g->span.begin);
        bool across = comma_between(from, first->span.begin);
        apply(*first, kind, across && !choice);
        for (auto next = first + 1; next != last; ++next) {
          across = across || comma_between((next - 1)->span.end, next->span.begin);
          apply(*next, kind, across && !choice);
        }
      } else {
        size_t to = trigger.span.begin;
        auto last = std::find_if(groups.rbegin(), groups.rend(), [&](const Group& g) { return g.span.end <= to; });
        if (last == groups.rend() || !open_gap(last->span.end, to, rules.scope_after)) continue;
        apply(*last, kind);
        for (auto next = last + 1; next != groups.rend() && list_gap(next->span.end, (next - 1)->span.begin); ++next) {
          apply(*next, kind);
        }
      }
    }
  }
  for (size_t i = 0; i < spans.size(); ++i) {
    if (gap_negation[i]) out[i].negated = true;
  }
  return out;
}

}  // namespace fossa::extract
