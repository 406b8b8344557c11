// The context rules (internal to src/text; NegEx, Chapman 2001; ConText, Harkema 2009): which
// phrases a negation, hedge, past, other-person or hypothetical trigger reaches
// (knowledge/text/context.yaml, docs/extraction.md "Context").
#pragma once

#include <string_view>

#include <cstddef>
#include <vector>

#include "fossa/knowledge_base.h"
#include "text/matcher.h"

namespace fossa::extract {

// A span of tokens [begin, end).
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// What the triggers in scope say about one span.
struct Context {
  bool negated = false;
  bool negated_across_comma = false;  // every negation that reaches it does so across a comma
                                      // ("no fever, calf swollen": a list, or a new statement?)
  bool hedged = false;
  bool past = false;
  bool other_person = false;
  bool hypothetical = false;
};

struct ContextRules {
  Matcher triggers;                         // owner: index in `kinds` / `directions`
  std::vector<ContextTrigger::Kind> kinds;
  std::vector<ContextTrigger::Direction> directions;
  WordSet list_words;                       // word ids that join listed phrases
  WordSet alternatives;                     // list words that offer a choice ("or", "nor"): see contexts()
  int scope_before = 8;
  int scope_after = 6;
};

// The context of each of `spans` (the phrases found in `text`, in any order) under `rules`.
// Triggers overlapping a span are part of that phrase and act on nothing, with one exception: when
// `written` gives each span's phrase as written in the lexicon, a negation inside a span whose words
// the phrase does not write stood in one of its gaps (`~`) and denies the phrase ("there was no
// pop", "my calf isn't tight").
std::vector<Context> contexts(const Text& text, const std::vector<Span>& spans, const ContextRules& rules,
                              const Quantities& quantities, const std::vector<std::string_view>& written = {});

}  // namespace fossa::extract
