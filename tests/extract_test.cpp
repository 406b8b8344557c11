// The free-text reader's mechanism on toy lexicons written here (fossa/extract.h): phrases and
// their syntax, negation scope, hedges, time, other people, numbers, misspellings, bad input and
// the JSON. The built-in lexicon's medicine is tested with data: tests/text/phrases.jsonl
// (extract_cases_test.cpp) and the labelled corpus.
#include <gtest/gtest.h>

#include "fossa/extract.h"
#include "kb/loader.h"
#include "text/tokenizer.h"
#include "text/vocabulary.h"
#include "text/words.h"

namespace fossa {
namespace {

using Kind = ContextTrigger::Kind;
using Direction = ContextTrigger::Direction;

// A knowledge base of a few findings, with phrases and triggers given by each test.
class Toy {
 public:
  Toy() {
    kb_ = std::make_shared<KnowledgeBase>();
    for (const char* id : {"swelling", "redness", "walking_difficulty", "cyst", "clot_before", "fever"}) add_finding(id);
    Finding age;
    age.id = "age";
    age.type = FindingType::kNumber;
    age.min = 0;
    age.max = 120;
    kb_->findings.push_back(age);
    Finding days = age;
    days.id = "days";
    days.max = 36500;
    kb_->findings.push_back(days);
    Finding sex;
    sex.id = "sex";
    sex.type = FindingType::kEnum;
    sex.values = {"female", "male"};
    kb_->findings.push_back(sex);
    kb_->build_indexes();
    TextKnowledge& text = kb_->text.mutable_get();
    text.numbers = {{"two", 2}, {"three", 3}, {"forty", 40}, {"five", 5}};
    text.counts = {{"a couple of", 2}, {"a", 1}};
    text.units = {{"day", 1, 0}, {"days", 1, 0}, {"week", 7, 0}, {"weeks", 7, 0}, {"/ 52", 7, 52}, {"/ 7", 1, 7}};
    text.weekdays = {{"monday", 1}, {"tuesday", 2}, {"sunday", 7}};
    text.days = {{"yesterday", 1}};
    text.list_words = {",", "or", "and", "any"};
    text.english = {"the", "and", "my", "is", "i"};
    trigger(Kind::kNegation, Direction::kBefore, "no");
    trigger(Kind::kNegation, Direction::kBefore, "not");
    trigger(Kind::kNegation, Direction::kAfter, "ruled out");
    trigger(Kind::kPseudo, Direction::kBefore, "not sure if");
    trigger(Kind::kHedge, Direction::kBefore, "not sure if");
    trigger(Kind::kHedge, Direction::kBefore, "maybe");
    trigger(Kind::kHistory, Direction::kAfter, "years ago");
    trigger(Kind::kOtherPerson, Direction::kBefore, "my mother");
    trigger(Kind::kHypothetical, Direction::kBefore, "worried about");
    trigger(Kind::kTerminator, Direction::kBefore, "but");
    phrase("swelling", "{swollen|swelling} {calf|leg|}");
    phrase("swelling", "calf ~ swollen");
    phrase("redness", "{red|redness}");
    phrase("walking_difficulty", "{can't|cannot} walk");
    phrase("walking_difficulty", "walk fine", 0);
    phrase("cyst", "{baker's|bakers} cyst");
    phrase("cyst", "lump ~ knee");
    phrase("clot_before", "had a clot", 1, true);
    phrase("fever", "fever");
    number("age", "<n> {year|years} old");
    number("days", "for <count> <unit>");
    number("days", "since <weekday>");
    number("days", "<day>");
    phrase("sex", "{woman|female}", 0);
    // A warning sign: fever, read by a red-flag rule.
    Rule rule;
    rule.id = "fever_flag";
    rule.red_flag = true;
    rule.findings = {kb_->finding_index("fever")};
    kb_->rules.push_back(rule);
  }

  void trigger(Kind kind, Direction direction, const std::string& words) {
    kb_->text.mutable_get().triggers.push_back({kind, direction, words, "test"});
  }
  void phrase(const std::string& finding, const std::string& text, double value = 1, bool past_counts = false) {
    std::string problem;
    auto parsed = kb::parse_phrase(text, problem);
    ASSERT_TRUE(parsed) << text << ": " << problem;
    LexiconPhrase entry;
    entry.finding = kb_->finding_index(finding);
    entry.value = value;
    entry.past_counts = past_counts;
    entry.phrase = *parsed;
    kb_->text.mutable_get().phrases.push_back(entry);
  }
  void number(const std::string& finding, const std::string& text) {
    phrase(finding, text);
    kb_->text.mutable_get().phrases.back().reads_number = true;
  }
  int id(const std::string& finding) const { return kb_->finding_index(finding); }
  // The phrase added last, to mark before the first read.
  LexiconPhrase& last_phrase() { return kb_->text.mutable_get().phrases.back(); }

  Extraction read(const std::string& text, const ExtractOptions& options = {}) {
    if (!extractor_) extractor_ = std::make_unique<Extractor>(kb_);
    auto read = extractor_->extract(text, Setting::kPatient, options);
    EXPECT_TRUE(read.ok()) << text;
    return read.ok() ? *read : Extraction{};
  }
  Result<Extraction> try_read(const std::string& text, const ExtractOptions& options = {}) {
    if (!extractor_) extractor_ = std::make_unique<Extractor>(kb_);
    return extractor_->extract(text, Setting::kPatient, options);
  }
  const Extractor& extractor() {
    if (!extractor_) extractor_ = std::make_unique<Extractor>(kb_);
    return *extractor_;
  }
  const KnowledgeBase& kb() const { return *kb_; }

  // "present", "absent", "unknown" or the number, for one finding of an extraction.
  std::string answer(const Extraction& read, const std::string& finding) const {
    const Answer& answer = read.evidence.answers[static_cast<size_t>(id(finding))];
    if (!answer.known) return "unknown";
    if (kb_->findings[static_cast<size_t>(id(finding))].type == FindingType::kBool) return answer.value != 0 ? "present" : "absent";
    char out[32];
    std::snprintf(out, sizeof out, "%g", answer.value);
    return out;
  }

 private:
  void add_finding(const char* id) {
    Finding finding;
    finding.id = id;
    kb_->findings.push_back(finding);
  }
  std::shared_ptr<KnowledgeBase> kb_;
  std::unique_ptr<Extractor> extractor_;
};

TEST(ExtractWords, TokenizerKeepsWordsTogetherAndMarksAttachedUnits) {
  auto tokens = extract::tokenize("I’m 45yo, x-ray 2.5 don't 3-4 weeks.").tokens;
  std::vector<std::string> texts;
  for (const auto& token : tokens) texts.push_back(token.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"i'm", "45", "yo", ",", "x-ray", "2.5", "don't", "3-4", "weeks", "."}));
  EXPECT_TRUE(tokens[2].attached);
  EXPECT_FALSE(tokens[4].attached);
  EXPECT_EQ(tokens.back().kind, extract::TokenKind::kBoundary);
}

TEST(ExtractWords, PhraseWordsCompileAsTheTokenizerReadsThem) {
  // compile_words skips the tokenizer for plain words: the result must be the tokenizer's.
  for (const char* piece : {"knee", "i'm", "x-ray", "don't", "baker's", "rock-'n'-roll", "a--b", "knee-", "-knee",
                            "'em", "o'", "45yo", "d-dimer", "i\xE2\x80\x99m", "Knee", "3-4", "x-", "a'-b"}) {
    extract::Vocabulary vocabulary;
    extract::Words words = extract::compile_words(piece, vocabulary);
    std::vector<extract::Token> tokens = extract::tokenize(piece).tokens;
    ASSERT_EQ(words.size(), tokens.size()) << piece;
    for (size_t i = 0; i < words.size(); ++i) {
      EXPECT_EQ(vocabulary.word(words[i].id), tokens[i].text) << piece;
      EXPECT_EQ(words[i].attached, tokens[i].attached) << piece;
    }
  }
}

TEST(ExtractWords, TheVocabularyTellsWordsOfEveryLengthApart) {
  // Words of 0 to 20 bytes, differing only at their first, middle or last byte.
  extract::Vocabulary vocabulary;
  std::vector<std::string> words;
  for (size_t n = 0; n <= 20; ++n) {
    std::string word(n, 'a');
    words.push_back(word);
    for (size_t at : {size_t{0}, n / 2, n - 1}) {
      if (n == 0) break;
      std::string other = word;
      other[at] = 'b';
      words.push_back(other);
    }
  }
  std::vector<int> ids;
  for (const std::string& word : words) ids.push_back(vocabulary.intern(word));
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(vocabulary.find(words[i]), ids[i]) << words[i];
    EXPECT_EQ(vocabulary.word(ids[i]), words[i]);
  }
  EXPECT_EQ(vocabulary.find("c"), -1);
  EXPECT_EQ(vocabulary.find("aaaaaaaaaaaaaaaaaaaaa"), -1);  // 21 bytes
}

TEST(ExtractPhrases, AlternativesOptionalWordsAndGaps) {
  Toy toy;
  EXPECT_EQ(toy.answer(toy.read("a swollen calf"), "swelling"), "present");
  EXPECT_EQ(toy.answer(toy.read("swelling"), "swelling"), "present");
  EXPECT_EQ(toy.answer(toy.read("a lump behind my knee"), "cyst"), "present");           // ~ takes up to 3 words
  EXPECT_EQ(toy.answer(toy.read("a lump at the back of my knee"), "cyst"), "unknown");    // 5 words: no match
  EXPECT_EQ(toy.answer(toy.read("a lump. knee"), "cyst"), "unknown");                     // never across a sentence
}

TEST(ExtractPhrases, AMatchAsLongAsThePhraseReachesIsFound) {
  // A start is rejected when a word the phrase needs is not among the tokens a match can reach:
  // here 1 + 3 + 1 + 3 + 1 tokens, misspelt or not.
  Toy toy;
  toy.phrase("clot_before", "clot ~ {in|on} ~ calf");
  EXPECT_EQ(toy.answer(toy.read("a clot deep down there in the left lower calf"), "clot_before"), "present");
  EXPECT_EQ(toy.answer(toy.read("a clot deep down there in the left lower calff"), "clot_before"), "present");
  EXPECT_EQ(toy.answer(toy.read("a clot deep down there in the left lower outer calf"), "clot_before"), "unknown");
  EXPECT_EQ(toy.answer(toy.read("forty five years old"), "age"), "45");  // a number of two words, then words
}

TEST(ExtractPhrases, PhraseSyntaxErrorsAreExplained) {
  std::string problem;
  EXPECT_FALSE(kb::parse_phrase("{a|b", problem));
  EXPECT_NE(problem.find("never closed"), std::string::npos);
  EXPECT_FALSE(kb::parse_phrase("~ calf", problem));
  EXPECT_FALSE(kb::parse_phrase("Calf", problem));
  EXPECT_NE(problem.find("lowercase"), std::string::npos);
  EXPECT_FALSE(kb::parse_phrase("<age> old", problem));
  EXPECT_NE(problem.find("unknown slot"), std::string::npos);
  EXPECT_FALSE(kb::parse_phrase("{a|{b}}", problem));
  EXPECT_FALSE(kb::parse_phrase("ca*lf", problem));
  EXPECT_TRUE(kb::parse_phrase("<n> {year|years} old !{son|<unit>}", problem)) << problem;
}

TEST(ExtractContext, NegationReachesListedPhrasesOnly) {
  Toy toy;
  Extraction both = toy.read("no swelling or redness");
  EXPECT_EQ(toy.answer(both, "swelling"), "absent");
  EXPECT_EQ(toy.answer(both, "redness"), "absent");
  Extraction first = toy.read("no swelling and my leg is red");
  EXPECT_EQ(toy.answer(first, "swelling"), "absent");
  EXPECT_EQ(toy.answer(first, "redness"), "present");
  EXPECT_EQ(toy.answer(toy.read("no swelling but red"), "redness"), "present");  // a terminator ends the scope
  EXPECT_EQ(toy.answer(toy.read("no. red"), "redness"), "present");              // so does the sentence
  EXPECT_EQ(toy.answer(toy.read("swelling ruled out"), "swelling"), "absent");   // an `after` trigger
  EXPECT_EQ(toy.answer(toy.read("No, red"), "redness"), "present");              // "No," answers: it reaches nothing
}

TEST(ExtractContext, ATriggerInsideAPhraseIsPartOfIt) {
  Toy toy;
  toy.trigger(Kind::kNegation, Direction::kBefore, "can't");
  Extraction read = toy.read("I can't walk");
  EXPECT_EQ(toy.answer(read, "walking_difficulty"), "present");
  EXPECT_EQ(toy.answer(toy.read("I walk fine"), "walking_difficulty"), "absent");
}

TEST(ExtractContext, HedgesArePossibleAndNeverSet) {
  Toy toy;
  Extraction read = toy.read("maybe a swollen leg");
  EXPECT_EQ(toy.answer(read, "swelling"), "unknown");
  ASSERT_EQ(read.mentions.size(), 1u);
  EXPECT_EQ(read.mentions[0].certainty, Certainty::kPossible);
  EXPECT_EQ(read.to_confirm, std::vector<int>{toy.id("swelling")});
  // A pseudo-trigger blocks the negation it overlaps, and is a hedge here.
  Extraction unsure = toy.read("not sure if swollen");
  EXPECT_FALSE(unsure.mentions.at(0).negated);
  EXPECT_EQ(unsure.mentions.at(0).certainty, Certainty::kPossible);
}

TEST(ExtractContext, PastOtherPeopleAndHypotheticalsAreNotCurrent) {
  Toy toy;
  EXPECT_EQ(toy.answer(toy.read("my mother has a swollen leg"), "swelling"), "unknown");
  EXPECT_EQ(toy.read("my mother has a swollen leg").mentions.at(0).subject, Subject::kOtherPerson);
  EXPECT_EQ(toy.answer(toy.read("swollen leg years ago"), "swelling"), "unknown");
  EXPECT_EQ(toy.answer(toy.read("I had a clot years ago"), "clot_before"), "present");  // `past: counts`
  EXPECT_EQ(toy.answer(toy.read("worried about swelling"), "swelling"), "unknown");
}

TEST(ExtractContext, AWarningSignInAnyFormIsAskedNotDropped) {
  Toy toy;
  for (const char* text : {"my mother had a fever", "maybe a fever", "worried about fever", "fever years ago"}) {
    Extraction read = toy.read(text);
    EXPECT_EQ(toy.answer(read, "fever"), "unknown") << text;
    EXPECT_EQ(read.to_confirm, std::vector<int>{toy.id("fever")}) << text;
  }
  EXPECT_EQ(toy.answer(toy.read("no fever"), "fever"), "absent");
}

TEST(ExtractAnswers, ALaterStatementCorrectsAnEarlierOne) {
  Toy toy;
  Extraction read = toy.read("My leg was red. Now it is not red.");
  EXPECT_EQ(toy.answer(read, "redness"), "absent");
  EXPECT_FALSE(read.mentions[0].used);
  EXPECT_TRUE(read.mentions[1].used);
}

TEST(ExtractNumbers, AgesDurationsWeekdaysAndShorthand) {
  Toy toy;
  EXPECT_EQ(toy.answer(toy.read("45 years old"), "age"), "45");
  EXPECT_EQ(toy.answer(toy.read("forty-five years old"), "age"), "45");
  EXPECT_EQ(toy.answer(toy.read("forty five years old"), "age"), "45");
  EXPECT_EQ(toy.answer(toy.read("a woman"), "sex"), "0");
  EXPECT_EQ(toy.answer(toy.read("for a couple of days"), "days"), "2");
  EXPECT_EQ(toy.answer(toy.read("for 3 weeks"), "days"), "21");
  EXPECT_EQ(toy.answer(toy.read("for 2/52"), "days"), "14");
  EXPECT_EQ(toy.answer(toy.read("for 24/7"), "days"), "unknown");  // /7 reads only numbers under 7
  EXPECT_EQ(toy.answer(toy.read("yesterday"), "days"), "1");
  ExtractOptions friday;
  friday.today = parse_date("2024-05-31");  // a Friday
  EXPECT_EQ(toy.answer(toy.read("since Tuesday", friday), "days"), "3");
  EXPECT_EQ(toy.answer(toy.read("since Monday", friday), "days"), "4");
  Extraction undated = toy.read("since Tuesday");
  EXPECT_EQ(toy.answer(undated, "days"), "unknown");
  ASSERT_EQ(undated.notes.size(), 1u);
  EXPECT_EQ(undated.notes[0].id, "needs_date");
  EXPECT_FALSE(parse_date("2024-02-30"));
  EXPECT_FALSE(parse_date("31/05/2024"));
}

TEST(ExtractSpelling, LongWordsAtEditDistanceOne) {
  Toy toy;
  EXPECT_EQ(toy.answer(toy.read("a swolen leg"), "swelling"), "present");   // 6 letters: alone
  EXPECT_TRUE(toy.read("a swolen leg").mentions.at(0).misspelt);
  EXPECT_EQ(toy.answer(toy.read("bakers cist"), "cyst"), "present");        // 4 letters beside an exact word
  EXPECT_EQ(toy.answer(toy.read("a cist"), "cyst"), "unknown");
  EXPECT_EQ(toy.answer(toy.read("a welling leg"), "swelling"), "unknown");  // the first letter differs
  EXPECT_TRUE(extract::text_problem("ok") == nullptr);
}

TEST(ExtractInput, BadInputIsAnsweredNeverACrash) {
  Toy toy;
  auto binary = toy.try_read(std::string("\xff\xfe\x00\x01", 4));
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.error().code, ErrorCode::kInvalidValue);
  auto control = toy.try_read(std::string("swollen\x01", 8));
  ASSERT_FALSE(control.ok());
  EXPECT_NE(control.error().message.find("control characters"), std::string::npos);
  auto long_text = toy.try_read(std::string(20001, 'a'));
  ASSERT_FALSE(long_text.ok());
  EXPECT_EQ(long_text.error().code, ErrorCode::kOutOfRange);
  EXPECT_NE(long_text.error().message.find("at most 20000"), std::string::npos);
  EXPECT_TRUE(toy.try_read(std::string(20000, 'a')).ok());
  EXPECT_EQ(toy.read("").notes.at(0).id, "empty");
  EXPECT_EQ(toy.read("Mi rodilla me duele mucho desde ayer").notes.at(0).id, "not_english");
  EXPECT_EQ(toy.read("Моё колено болит").notes.at(0).id, "not_english");
  EXPECT_EQ(toy.answer(toy.read("😭🦵 swollen leg 🔥"), "swelling"), "present");
  Extraction html = toy.read("<p>no swelling</p><p>red</p> &amp; more");
  EXPECT_EQ(toy.answer(html, "swelling"), "absent");
  EXPECT_EQ(toy.answer(html, "redness"), "present");  // the </p> ends the sentence
  EXPECT_EQ(html.notes.back().id, "markup");
}

TEST(ExtractJson, SpansCountCharactersAndTheTextIsQuoted) {
  Toy toy;
  std::string text = "Ça fait mal: no swelling";
  Extraction read = toy.read(text);
  std::string json = extraction_json(read, toy.kb(), text, "x1");
  EXPECT_EQ(json,
            "{\"id\":\"x1\",\"evidence\":{\"swelling\":false},\"mentions\":[{\"finding\":\"swelling\",\"value\":false,"
            "\"certainty\":\"definite\",\"subject\":\"current\",\"negated\":true,\"misspelt\":false,\"used\":true,"
            "\"start\":16,\"end\":24,\"text\":\"swelling\"}],\"to_confirm\":[],\"notes\":[]}");
}

TEST(ExtractMerge, ExplicitAnswersWinAndPossibleOnesSetNothing) {
  Toy toy;
  Extraction read = toy.read("no swelling, maybe red, 45 years old");
  Evidence given(toy.kb());
  given.set(toy.id("swelling"), 1);
  given.set_unknown(toy.id("age"));  // asked, "don't know": still wins
  Evidence merged = merge_under(given, read);
  EXPECT_TRUE(merged.present(toy.id("swelling")));
  EXPECT_FALSE(merged.known(toy.id("redness")));
  EXPECT_FALSE(merged.known(toy.id("age")));
  EXPECT_TRUE(merged.asked(toy.id("age")));
  Evidence told = merge_under(Evidence(toy.kb()), read);  // what the text told is known, and no question
  EXPECT_TRUE(told.absent(toy.id("swelling")) && told.asked(toy.id("swelling")) && !told.questioned(toy.id("swelling")));
}

TEST(ExtractRequest, RequestsAreCheckedFieldByField) {
  auto ok = parse_text_request(R"({"text": "swollen", "setting": "clinician", "today": "2024-05-31", "id": 7})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->id, "7");
  EXPECT_EQ(ok->setting, Setting::kClinician);
  ASSERT_TRUE(ok->options.today);
  EXPECT_EQ(ok->options.today->day, 31);
  EXPECT_EQ(parse_text_request(R"({"txt": "a"})").error().code, ErrorCode::kUnknownField);
  EXPECT_EQ(parse_text_request(R"({"id": "a"})").error().where, "/text");
  EXPECT_EQ(parse_text_request(R"({"text": 3})").error().code, ErrorCode::kWrongType);
  EXPECT_EQ(parse_text_request(R"({"text": "a", "today": "yesterday"})").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(parse_text_request("{").error().code, ErrorCode::kMalformedJson);
}

TEST(ExtractAssertion, TheContextRulesAloneOnASentence) {
  Toy toy;
  std::string sentence = "There is no evidence of pneumonia";
  size_t at = sentence.find("pneumonia");
  EXPECT_TRUE(toy.extractor().assertion(sentence, at, at + 9).negated);
  EXPECT_FALSE(toy.extractor().assertion("pneumonia, but no cough", 0, 9).negated);
  EXPECT_TRUE(toy.extractor().assertion("maybe pneumonia", 6, 15).possible);
  EXPECT_EQ(toy.extractor().assertion("my mother had pneumonia", 14, 23).subject, Subject::kOtherPerson);
}

}  // namespace
TEST(Extract, ImpliedSuggestedAndOverriddenPhrases) {
  Toy toy;
  toy.phrase("redness", "felt a pop");
  toy.last_phrase().only_affirmed = true;  // implied: a denial says nothing
  toy.phrase("fever", "feel hot");
  toy.last_phrase().only_possible = true;  // suggested: asked, never set
  toy.phrase("cyst", "back of my knee ~ swollen");
  toy.last_phrase().overrides = {toy.id("swelling")};
  EXPECT_EQ(toy.answer(toy.read("I felt a pop"), "redness"), "present");
  EXPECT_EQ(toy.answer(toy.read("not felt a pop"), "redness"), "unknown");
  Extraction hot = toy.read("I feel hot");
  EXPECT_EQ(toy.answer(hot, "fever"), "unknown");
  EXPECT_EQ(hot.to_confirm, std::vector<int>{toy.id("fever")});
  Extraction knee = toy.read("the back of my knee is swollen");
  EXPECT_EQ(toy.answer(knee, "cyst"), "present");
  EXPECT_EQ(toy.answer(knee, "swelling"), "unknown");
  EXPECT_EQ(toy.answer(toy.read("my calf is swollen"), "swelling"), "present");
}

}  // namespace fossa
