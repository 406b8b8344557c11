#include "text/compiled.h"

namespace fossa::extract {

Compiled::Compiled(const KnowledgeBase& kb) {
  const TextKnowledge& text = kb.text.get();
  vocabulary.reserve(8192);
  auto entries = [&](const std::vector<TextKnowledge::Word>& words, QuantityList& out) {
    for (const auto& word : words) out.add({compile_words(word.words, vocabulary), word.value, 0});
  };
  entries(text.numbers, quantities.numbers);
  entries(text.counts, quantities.counts);
  entries(text.weekdays, quantities.weekdays);
  entries(text.days, quantities.days);
  for (const auto& unit : text.units) quantities.units.add({compile_words(unit.words, vocabulary), unit.days, unit.below});
  for (const auto& word : text.numbers) {
    if (word.words.find(' ') == std::string::npos) quantities.add_number_word(word.words, word.value, vocabulary);
  }
  quantities.finish();

  size_t parts = 0, alternatives = 0;
  for (const LexiconPhrase& phrase : text.phrases) {
    parts += phrase.phrase.parts.size();
    for (const Phrase::Part& part : phrase.phrase.parts) alternatives += part.alternatives.size();
  }
  lexicon.reserve(text.phrases.size(), parts, alternatives);
  for (size_t p = 0; p < text.phrases.size(); ++p) lexicon.add(text.phrases[p].phrase, static_cast<int>(p), vocabulary);
  context.kinds.reserve(text.triggers.size());
  context.directions.reserve(text.triggers.size());
  for (const ContextTrigger& trigger : text.triggers) {
    context.triggers.add_words(trigger.words, static_cast<int>(context.kinds.size()), vocabulary);
    context.kinds.push_back(trigger.kind);
    context.directions.push_back(trigger.direction);
  }
  context.scope_before = text.scope_before;
  context.scope_after = text.scope_after;
  Words words;
  for (const auto& word : text.list_words) {
    words.clear();
    compile_words(word, vocabulary, words);
    for (const Word& compiled : words) context.list_words.insert(compiled.id);
  }
  for (const char* word : {"or", "nor"}) {
    int id = vocabulary.find(word);
    if (id >= 0 && context.list_words.contains(id)) context.alternatives.insert(id);
  }
  for (const auto& word : text.english) {
    words.clear();
    compile_words(word, vocabulary, words);
    for (const Word& compiled : words) english.insert(compiled.id);
  }
  lexicon.finish(quantities, vocabulary);
  context.triggers.finish(quantities, vocabulary);
  spelling.build(vocabulary);

  warning_sign.assign(kb.findings.size(), false);
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag) continue;
    for (int finding : rule.findings) warning_sign[static_cast<size_t>(finding)] = true;
  }
}

Text Compiled::text_of(const Tokenized& tokenized) const {
  const std::vector<Token>& tokens = tokenized.tokens;
  Text out;
  out.tokens = &tokens;
  out.ids.reserve(tokens.size());
  out.near_begin.reserve(tokens.size() + 1);
  out.numbers.reserve(tokens.size());
  for (const Token& token : tokens) {
    int id = vocabulary.find(token.text);
    out.ids.push_back(id);
    out.near_begin.push_back(static_cast<uint32_t>(out.near_ids.size()));
    if (id < 0 && token.kind == TokenKind::kWord) spelling.near(token.text, out.near_ids);
    out.numbers.push_back(quantities.number_of(token, id, vocabulary));
  }
  out.near_begin.push_back(static_cast<uint32_t>(out.near_ids.size()));
  return out;
}

}  // namespace fossa::extract
