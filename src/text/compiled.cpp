#include "text/compiled.h"

namespace fossa::extract {

Compiled::Compiled(const KnowledgeBase& kb) {
  const TextKnowledge& text = kb.text;
  auto entries = [&](const std::vector<TextKnowledge::Word>& words, std::vector<Quantities::Entry>& out) {
    for (const auto& word : words) out.push_back({compile_words(word.words, vocabulary), word.value, 0});
  };
  entries(text.numbers, quantities.numbers);
  entries(text.counts, quantities.counts);
  entries(text.weekdays, quantities.weekdays);
  entries(text.days, quantities.days);
  for (const auto& unit : text.units) quantities.units.push_back({compile_words(unit.words, vocabulary), unit.days, unit.below});
  for (const auto& word : text.numbers) {
    if (word.words.find(' ') == std::string::npos) quantities.number_words[word.words] = word.value;
  }

  for (size_t p = 0; p < text.phrases.size(); ++p) lexicon.add(text.phrases[p].phrase, static_cast<int>(p), vocabulary);
  for (size_t t = 0; t < text.triggers.size(); ++t) {
    const ContextTrigger& trigger = text.triggers[t];
    context.triggers.add_words(trigger.words, static_cast<int>(context.kinds.size()), vocabulary);
    context.kinds.push_back(trigger.kind);
    context.directions.push_back(trigger.direction);
  }
  context.scope_before = text.scope_before;
  context.scope_after = text.scope_after;
  for (const auto& word : text.list_words) {
    for (const Word& compiled : compile_words(word, vocabulary)) context.list_words.insert(compiled.id);
  }
  for (const char* word : {"or", "nor"}) {
    int id = vocabulary.find(word);
    if (id >= 0 && context.list_words.count(id) != 0) context.alternatives.insert(id);
  }
  for (const auto& word : text.english) {
    for (const Word& compiled : compile_words(word, vocabulary)) english.insert(compiled.id);
  }
  lexicon.finish(quantities);
  context.triggers.finish(quantities);
  spelling.build(vocabulary);

  warning_sign.assign(kb.findings.size(), false);
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag) continue;
    for (int finding : rule.findings) warning_sign[static_cast<size_t>(finding)] = true;
  }
}

Text Compiled::text_of(const Tokenized& tokenized) const {
  Text out;
  out.tokens = &tokenized.tokens;
  out.ids.reserve(tokenized.tokens.size());
  out.near.resize(tokenized.tokens.size());
  for (size_t t = 0; t < tokenized.tokens.size(); ++t) {
    const Token& token = tokenized.tokens[t];
    int id = vocabulary.find(token.text);
    out.ids.push_back(id);
    if (id < 0 && token.kind == TokenKind::kWord) out.near[t] = spelling.near(token.text);
  }
  return out;
}

}  // namespace fossa::extract
