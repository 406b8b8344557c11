// Reading knowledge/text/: the free-text lexicon (every file but context.yaml and words.yaml), the
// context triggers and the number words. Phrases are parsed here, so a mistake in one is reported
// with its file and line when the knowledge base loads; the text layer compiles the parsed form.
#include <algorithm>
#include <optional>

#include "fossa/text.h"
#include "kb/loader.h"

namespace fossa::kb {
namespace {

const std::string kContext = "text/context.yaml";
const std::string kWords = "text/words.yaml";

bool is_slot_name(std::string_view word) {
  return word.size() > 2 && word.front() == '<' && word.back() == '>' &&
         word.find_first_not_of("abcdefghijklmnopqrstuvwxyz", 1) == word.size() - 1;
}

// Checks one word of a phrase (inside or outside braces): lowercase, `*` only at its end.
std::string word_problem(std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') return "write phrases in lowercase";
    if (c == '*' && i + 1 != word.size()) return "`*` may only end a word (`hyperexten*`)";
    if (c == '~') return "`~` stands alone between words, outside braces";
    if (c == '!' && i == 0) return "`!{...}` may only end a phrase";
  }
  if (word == "*") return "`*` must follow the start of a word";
  return "";
}

// The alternatives of a brace group's inside ("a|b c|"), each checked; empty on error.
std::optional<std::vector<std::string>> split_alternatives(std::string_view inside, std::string& problem) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= inside.size(); ++i) {
    if (i < inside.size() && inside[i] != '|') continue;
    std::string alternative(inside.substr(start, i - start));
    // Collapse inner spaces, trim the ends.
    std::string clean;
    for (char c : alternative) {
      if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
      clean += c;
    }
    if (!clean.empty() && clean.back() == ' ') clean.pop_back();
    size_t word_start = 0;
    while (word_start < clean.size()) {
      size_t word_end = clean.find(' ', word_start);
      if (word_end == std::string::npos) word_end = clean.size();
      std::string_view word(clean.data() + word_start, word_end - word_start);
      if (is_slot_name(word)) {
        problem = "`" + std::string(word) + "` stands alone, outside braces";
        return std::nullopt;
      }
      problem = word_problem(word);
      if (!problem.empty()) return std::nullopt;
      word_start = word_end + 1;
    }
    out.push_back(clean);
    start = i + 1;
  }
  return out;
}

}  // namespace

std::optional<Phrase> parse_phrase(const std::string& text, std::string& problem) {
  Phrase phrase;
  phrase.text = text;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  if (i == text.size()) {
    problem = "empty phrase: write some words or remove the entry";
    return std::nullopt;
  }
  bool last_plain = false;  // the last part is plain words, so the next plain word joins it
  while (i < text.size()) {
    if (!phrase.not_followed_by.empty()) {
      problem = "`!{...}` may only end a phrase";
      return std::nullopt;
    }
    bool negative = text[i] == '!';
    if (negative) {
      ++i;
      if (i >= text.size() || text[i] != '{') {
        problem = "`!` must be followed by `{...}`: the words that may not follow the phrase";
        return std::nullopt;
      }
    }
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      size_t nested = text.find('{', i + 1);
      if (close == std::string::npos) {
        problem = "`{` is never closed: add `}`";
        return std::nullopt;
      }
      if (nested < close) {
        problem = "braces may not nest: write the alternatives of one `{...}` as plain words";
        return std::nullopt;
      }
      std::string_view inside(text.data() + i + 1, close - i - 1);
      if (negative) {
        // Lookahead alternatives may name a class of words.
        size_t start = 0;
        for (size_t k = 0; k <= inside.size(); ++k) {
          if (k < inside.size() && inside[k] != '|') continue;
          std::string alternative(inside.substr(start, k - start));
          while (!alternative.empty() && alternative.front() == ' ') alternative.erase(alternative.begin());
          while (!alternative.empty() && alternative.back() == ' ') alternative.pop_back();
          if (alternative.empty()) {
            problem = "`!{...}` needs words in every alternative";
            return std::nullopt;
          }
          if (is_slot_name(alternative) && alternative != "<unit>" && alternative != "<n>" && alternative != "<count>") {
            problem = "`!{...}` may name <unit>, <n> or <count>, not `" + alternative + "`";
            return std::nullopt;
          }
          if (!is_slot_name(alternative)) {
            problem = word_problem(alternative);
            if (!problem.empty()) return std::nullopt;
          }
          phrase.not_followed_by.push_back(alternative);
          start = k + 1;
        }
      } else {
        auto alternatives = split_alternatives(inside, problem);
        if (!alternatives) return std::nullopt;
        phrase.parts.push_back({Phrase::Slot::kWords, std::move(*alternatives)});
        last_plain = false;
      }
      i = close + 1;
      if (i < text.size() && text[i] != ' ') {
        problem = "put a space after `}`";
        return std::nullopt;
      }
      skip_spaces();
      continue;
    }
    size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    i = end;
    skip_spaces();
    if (word.find_first_of("{}|") != std::string::npos) {
      problem = "`" + word + "`: braces and `|` go around whole words, with spaces outside them";
      return std::nullopt;
    }
    if (word == "~") {
      if (phrase.parts.empty()) {
        problem = "a phrase may not start with `~`";
        return std::nullopt;
      }
      if (phrase.parts.back().slot == Phrase::Slot::kGap) {
        problem = "two `~` in a row: one already takes up to 3 words";
        return std::nullopt;
      }
      phrase.parts.push_back({Phrase::Slot::kGap, {}});
      last_plain = false;
      continue;
    }
    if (is_slot_name(word)) {
      static const std::pair<const char*, Phrase::Slot> kSlots[] = {
          {"<n>", Phrase::Slot::kNumber}, {"<count>", Phrase::Slot::kCount}, {"<unit>", Phrase::Slot::kUnit},
          {"<weekday>", Phrase::Slot::kWeekday}, {"<day>", Phrase::Slot::kDay}};
      bool known = false;
      for (const auto& [name, slot] : kSlots) {
        if (word == name) {
          phrase.parts.push_back({slot, {}});
          last_plain = false;
          known = true;
        }
      }
      if (!known) {
        problem = "unknown slot `" + word + "`: use <n>, <count>, <unit>, <weekday> or <day>";
        return std::nullopt;
      }
      continue;
    }
    problem = word_problem(word);
    if (!problem.empty()) return std::nullopt;
    // Consecutive plain words form one part with one alternative.
    if (last_plain) {
      phrase.parts.back().alternatives.front() += " " + word;
    } else {
      phrase.parts.push_back({Phrase::Slot::kWords, {word}});
    }
    last_plain = true;
  }
  if (!phrase.parts.empty() && phrase.parts.back().slot == Phrase::Slot::kGap) {
    problem = "a phrase may not end with `~`";
    return std::nullopt;
  }
  bool has_words = false;
  for (const auto& part : phrase.parts) {
    if (part.slot != Phrase::Slot::kGap) has_words = true;
  }
  if (!has_words) {
    problem = "a phrase needs at least one word";
    return std::nullopt;
  }
  return phrase;
}

namespace {

const std::pair<const char*, ContextTrigger::Kind> kCategories[] = {
    {"negation", ContextTrigger::Kind::kNegation},         {"pseudo", ContextTrigger::Kind::kPseudo},
    {"hedge", ContextTrigger::Kind::kHedge},               {"history", ContextTrigger::Kind::kHistory},
    {"other_person", ContextTrigger::Kind::kOtherPerson}, {"hypothetical", ContextTrigger::Kind::kHypothetical},
    {"terminators", ContextTrigger::Kind::kTerminator}};

// Declares the keys `reader`'s mapping may have; the others are reported as unknown when the load
// ends (Problems::report_unread).
void check_keys(const Reader& reader, const std::vector<std::string>& known) { reader.keys(known); }

// A word sequence of context.yaml or words.yaml: lowercase, no phrase syntax.
bool plain_words(const Reader& reader, const YAML::Node& node, const std::string& words) {
  if (words.empty()) {
    reader.problem(node, "empty entry: write some words or remove it");
    return false;
  }
  if (words.find_first_of("{}|~*") != std::string::npos && words != "~") {
    reader.problem(node, "`" + words + "`: plain words only here (no braces, `|`, `~` or `*`)");
    return false;
  }
  for (char c : words) {
    if (c >= 'A' && c <= 'Z') {
      reader.problem(node, "`" + words + "`: write it in lowercase");
      return false;
    }
  }
  return true;
}

}  // namespace

void Loader::read_text(KnowledgeBase& kb) {
  std::vector<std::string> lexicon_files;
  bool any = false;
  for (const auto& path : paths_under("text/")) {
    any = true;
    if (path != kContext && path != kWords) lexicon_files.push_back(path);
  }
  if (!any) return;  // a knowledge base without text/ reads no free text
  read_words(kb);
  read_context(kb);
  std::vector<std::string> seen(kb.findings.size());
  for (const auto& path : lexicon_files) read_lexicon(path, kb, seen);
}

void Loader::read_words(KnowledgeBase& kb) {
  auto root = parse(kWords);
  if (!root) return;
  Reader top(kWords, *root, problems_);
  TextKnowledge& text = kb.text.mutable_get();
  check_keys(top, {"numbers", "counts", "units", "weekdays", "days", "english"});
  auto read_map = [&](const char* key, std::vector<TextKnowledge::Word>& out) {
    YAML::Node map = top.get(key);
    if (!map.IsMap()) {
      top.problem(map.IsDefined() ? map : top.node(), std::string("`") + key + "` must map words to numbers");
      return;
    }
    for (const auto& entry : top.entries(key)) {
      std::string words = entry.first.Scalar();
      double value = 0;
      if (!entry.second.IsScalar() || !YAML::convert<double>::decode(entry.second, value) || value < 0) {
        top.problem(entry.second, "`" + words + "` must map to a number of at least 0");
        continue;
      }
      if (plain_words(top, entry.first, words)) out.push_back({words, value});
    }
  };
  read_map("numbers", text.numbers);
  read_map("counts", text.counts);
  read_map("days", text.days);
  read_map("weekdays", text.weekdays);
  for (const auto& weekday : text.weekdays) {
    if (weekday.value < 1 || weekday.value > 7 || weekday.value != static_cast<int>(weekday.value)) {
      top.problem(top.get("weekdays"), "`" + weekday.words + "` must be a day from 1 (Monday) to 7 (Sunday)");
    }
  }
  YAML::Node units = top.get("units");
  if (!units.IsMap()) {
    top.problem(units.IsDefined() ? units : top.node(), "`units` must map units of time to days");
  } else {
    for (const auto& entry : top.entries("units")) {
      TextKnowledge::Unit unit;
      unit.words = entry.first.Scalar();
      if (!plain_words(top, entry.first, unit.words)) continue;
      if (entry.second.IsMap()) {
        Reader reader = top.at(entry.second);
        check_keys(reader, {"days", "below"});
        unit.days = reader.number("days").value_or(1);
        unit.below = reader.number("below", false).value_or(0);
      } else if (!entry.second.IsScalar() || !YAML::convert<double>::decode(entry.second, unit.days)) {
        top.problem(entry.second, "`" + unit.words + "` must map to days, or to {days, below}");
        continue;
      }
      if (unit.days < 0 || unit.below < 0) top.problem(entry.second, "`" + unit.words + "`: days and below must be at least 0");
      text.units.push_back(unit);
    }
  }
  text.english = top.texts("english", true);
}

void Loader::read_context(KnowledgeBase& kb) {
  auto root = parse(kContext);
  if (!root) return;
  Reader top(kContext, *root, problems_);
  TextKnowledge& text = kb.text.mutable_get();
  std::vector<std::string> keys = {"scope", "list_words"};
  for (const auto& [name, kind] : kCategories) keys.push_back(name);
  check_keys(top, keys);
  Reader scope = top.child("scope");
  check_keys(scope, {"before", "after"});
  auto read_scope = [&](const char* key, int& out) {
    auto value = scope.number(key);
    if (!value) return;
    if (*value < 1 || *value > 30 || *value != static_cast<int>(*value)) {
      scope.problem(scope.get(key), std::string("`") + key + "` must be a whole number of words from 1 to 30");
      return;
    }
    out = static_cast<int>(*value);
  };
  read_scope("before", text.scope_before);
  read_scope("after", text.scope_after);
  text.list_words = top.texts("list_words", true);
  for (const auto& [name, kind] : kCategories) {
    YAML::Node node = top.get(name);
    if (!node.IsDefined()) {
      top.problem(std::string("missing `") + name + "`: add it (an empty list is fine)");
      continue;
    }
    auto add = [&, kind = kind](const YAML::Node& list, ContextTrigger::Direction direction) {
      if (!list.IsSequence()) {
        top.problem(list, "must be a list of word sequences");
        return;
      }
      for (const auto& item : list) {
        std::string words = item.IsScalar() ? item.Scalar() : "";
        if (!plain_words(top, item, words)) continue;
        text.triggers.push_back({kind, direction, words, top.where(item)});
      }
    };
    bool directed = kind != ContextTrigger::Kind::kPseudo && kind != ContextTrigger::Kind::kTerminator;
    if (!directed) {
      add(node, ContextTrigger::Direction::kBefore);
      continue;
    }
    Reader category = top.at(node);
    if (!node.IsMap()) {
      top.problem(node, std::string("`") + name + "` must have `before:` and/or `after:` lists");
      continue;
    }
    check_keys(category, {"before", "after"});
    if (category.has("before")) add(category.get("before"), ContextTrigger::Direction::kBefore);
    if (category.has("after")) add(category.get("after"), ContextTrigger::Direction::kAfter);
  }
}

void Loader::read_lexicon(const std::string& path, KnowledgeBase& kb, std::vector<std::string>& seen) {
  auto root = parse(path);
  if (!root) return;
  if (!root->IsMap()) {
    problems_.add(path, 1, "must map finding ids to their phrases (see knowledge/text/lexicon.yaml)");
    return;
  }
  Reader top(path, *root, problems_);
  std::vector<std::string> ids;
  for (const auto& finding : kb.findings) ids.push_back(finding.id);
  for (const auto& entry : top.entries()) {
    std::string id = entry.first.Scalar();
    int index = kb.finding_index(id);
    if (index < 0) {
      auto near = text::closest(id, ids);
      top.problem(entry.first, "unknown finding `" + id + "`" + (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"));
      continue;
    }
    std::string& first = seen[static_cast<size_t>(index)];
    if (!first.empty()) {
      top.problem(entry.first, "`" + id + "` already has phrases at " + first + ": keep them in one place");
      continue;
    }
    first = top.where(entry.first);
    const Finding& finding = kb.findings[static_cast<size_t>(index)];
    Reader reader = top.at(entry.second);
    if (!entry.second.IsMap()) {
      top.problem(entry.second, "`" + id + "` must map `present`/`absent` (or its values) to lists of phrases");
      continue;
    }
    // What each key of the entry means for this finding's type.
    std::vector<std::string> keys = {"past", "overrides"};
    if (finding.type == FindingType::kBool) {
      keys.insert(keys.end(), {"present", "absent", "denied", "implied", "suggested"});
    } else if (finding.type == FindingType::kEnum) {
      keys.insert(keys.end(), finding.values.begin(), finding.values.end());
    } else {
      keys.push_back("number");
    }
    bool past_counts = false;
    if (reader.has("past")) {
      past_counts = reader.text("past") == "counts";
      if (!past_counts) reader.problem(reader.get("past"), "`past` can only be `counts`");
    }
    std::vector<int> overrides;
    if (reader.has("overrides")) {
      YAML::Node list = reader.get("overrides");
      if (!list.IsSequence()) reader.problem(list, "`overrides` must be a list of finding ids");
      for (const auto& item : list) {
        int other = item.IsScalar() ? kb.finding_index(item.Scalar()) : -1;
        if (other < 0 || other == index) {
          reader.problem(item, "`overrides` lists another finding's id");
          continue;
        }
        overrides.push_back(other);
      }
    }
    for (const auto& field : reader.entries()) {
      std::string key = field.first.Scalar();
      if (key == "past" || key == "overrides") continue;
      LexiconPhrase base;
      base.finding = index;
      base.past_counts = past_counts;
      base.overrides = overrides;
      double fixed = 0;
      auto listed = std::find(keys.begin(), keys.end(), key);
      if (finding.type == FindingType::kNumber && listed == keys.end() && YAML::convert<double>::decode(field.first, fixed)) {
        if (fixed < finding.min || fixed > finding.max) {
          reader.problem(field.first, "`" + key + "` is outside " + id + "'s range " + text_number(finding.min) + " to " +
                                          text_number(finding.max));
          continue;
        }
        base.value = fixed;
      } else if (listed == keys.end()) {
        auto near = text::closest(key, keys);
        reader.problem(field.first, "unknown key `" + key + "` for " + finding_type_id(finding.type).data() + " finding `" + id +
                                        "`: use " + text::join_or(keys) + (finding.type == FindingType::kNumber ? " or a number" : ""));
        continue;
      } else if (key == "present") {
        base.value = 1;
      } else if (key == "absent") {
        base.value = 0;
      } else if (key == "denied") {
        base.value = 1;
        base.only_denied = true;
      } else if (key == "implied") {
        base.value = 1;
        base.only_affirmed = true;
      } else if (key == "suggested") {
        base.value = 1;
        base.only_possible = true;
      } else if (key == "number") {
        base.reads_number = true;
      } else {
        base.value = static_cast<double>(listed - keys.begin() - 2);  // enum value index (after "past" and "overrides")
      }
      if (!field.second.IsSequence()) {
        reader.problem(field.second, "`" + key + "` must be a list of phrases");
        continue;
      }
      for (const auto& item : field.second) {
        if (!item.IsScalar()) {
          reader.problem(item, "each phrase must be text (text containing \": \" reads as a map in YAML: put it in quotes)");
          continue;
        }
        std::string problem;
        auto phrase = parse_phrase(item.Scalar(), problem);
        if (!phrase) {
          reader.problem(item, "`" + item.Scalar() + "`: " + problem);
          continue;
        }
        phrase->where = reader.where(item);
        bool reads = false;
        for (const auto& part : phrase->parts) {
          reads |= part.slot == Phrase::Slot::kNumber || part.slot == Phrase::Slot::kCount ||
                   part.slot == Phrase::Slot::kWeekday || part.slot == Phrase::Slot::kDay;
        }
        if (base.reads_number && !reads) {
          reader.problem(item, "`" + item.Scalar() + "`: a `number` phrase needs <n>, <count>, <weekday> or <day> to read the value from");
          continue;
        }
        LexiconPhrase out = base;
        out.phrase = std::move(*phrase);
        kb.text.mutable_get().phrases.push_back(std::move(out));
      }
    }
  }
}

}  // namespace fossa::kb
