// Extractor: the text's phrases (the lexicon), their context (negation, hedging, time, who), and
// the evidence they give (docs/extraction.md).
#include <algorithm>
#include <cmath>

#include "fossa/extract.h"
#include "text/compiled.h"

namespace fossa {
namespace {

using extract::Span;
using extract::Token;
using extract::TokenKind;

// 1 Monday ... 7 Sunday (days_from_civil, H. Hinnant).
int weekday_of(const CivilDate& date) {
  int y = date.year - (date.month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long days = static_cast<long>(era) * 146097 + doe - 719468;  // days since 1970-01-01, a Thursday
  long weekday = (days % 7 + 7 + 3) % 7;                       // 0 Monday
  return static_cast<int>(weekday) + 1;
}

// A mention as read, before the choice of the finding's answer.
struct Found {
  Mention mention;
  Span span;
  size_t phrase = 0;  // index in KnowledgeBase::text.phrases
  bool counts = false;  // about the person now (or a past that counts)
  bool silent = false;  // a `denied:` phrase not denied: it says nothing
};

ExtractionNote note(std::string id, std::string text) { return {std::move(id), std::move(text)}; }

}  // namespace

std::string_view certainty_id(Certainty certainty) {
  return certainty == Certainty::kPossible ? "possible" : "definite";
}

std::string_view subject_id(Subject subject) {
  switch (subject) {
    case Subject::kCurrent: return "current";
    case Subject::kPast: return "past";
    case Subject::kOtherPerson: return "other_person";
    case Subject::kHypothetical: return "hypothetical";
  }
  return "current";
}

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  CivilDate date{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (date.year < 1900 || date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  int month_days = date.month == 2 && !leap ? 28 : kDays[date.month - 1];
  if (date.day > month_days) return std::nullopt;
  return date;
}

Extractor::Extractor(std::shared_ptr<const KnowledgeBase> kb)
    : kb_(std::move(kb)) {}

const extract::Compiled& Extractor::compiled() const {
  std::call_once(compile_once_, [this] { compiled_ = std::make_unique<const extract::Compiled>(*kb_); });
  return *compiled_;
}

Extractor::~Extractor() = default;

Result<Extraction> Extractor::extract(std::string_view text, Setting setting, const ExtractOptions& options) const {
  if (const char* problem = extract::text_problem(text)) return Error{ErrorCode::kInvalidValue, problem, ""};
  size_t characters = extract::count_characters(text);
  if (characters > options.max_characters) {
    return Error{ErrorCode::kOutOfRange,
                 "the text is " + std::to_string(characters) + " characters long; at most " +
                     std::to_string(options.max_characters) + " are read: keep to what matters most about the pain",
                 ""};
  }
  const KnowledgeBase& kb = *kb_;
  const extract::Compiled& compiled = this->compiled();
  const std::vector<LexiconPhrase>& phrases = kb.text.get().phrases;  // once: get() synchronises
  Extraction out;
  out.evidence = Evidence(kb, setting);
  extract::Tokenized tokenized = extract::tokenize(text);
  const std::vector<Token>& tokens = tokenized.tokens;
  extract::Text words = compiled.text_of(tokenized);

  // The phrases found: for each finding, where two overlap, the longer (then the earlier phrase).
  const std::vector<extract::Match> matches = compiled.lexicon.find(words, compiled.quantities, true);
  std::vector<Found> found;
  found.reserve(matches.size());
  bool needs_date = false;
  for (const extract::Match& match : matches) {
    const LexiconPhrase& phrase = phrases[static_cast<size_t>(match.owner)];
    const Finding& finding = kb.findings[static_cast<size_t>(phrase.finding)];
    Found item;
    item.phrase = static_cast<size_t>(match.owner);
    item.span = {match.begin, match.end};
    item.mention.finding = phrase.finding;
    item.mention.misspelt = match.capture.misspelt >= 0;
    if (!phrase.reads_number) {
      item.mention.value = phrase.value;
    } else if (match.capture.weekday) {
      if (options.today) {
        int back = (weekday_of(*options.today) - *match.capture.weekday + 7) % 7;
        item.mention.value = back == 0 ? 7 : back;
      } else {
        needs_date = true;
      }
    } else if (match.capture.day) {
      item.mention.value = *match.capture.day;
    } else if (match.capture.number) {
      item.mention.value = std::round(*match.capture.number * match.capture.unit_days.value_or(1));
    }
    if (item.mention.value && (*item.mention.value < finding.min || *item.mention.value > finding.max) &&
        finding.type == FindingType::kNumber) {
      continue;
    }
    found.push_back(std::move(item));
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.mention.finding != b.mention.finding) return a.mention.finding < b.mention.finding;
    size_t la = a.span.end - a.span.begin, lb = b.span.end - b.span.begin;
    if (la != lb) return la > lb;
    return a.phrase < b.phrase;
  });
  std::vector<Found> kept;
  kept.reserve(found.size());
  for (Found& item : found) {
    bool covered = std::any_of(kept.begin(), kept.end(), [&](const Found& k) {
      return k.mention.finding == item.mention.finding && k.span.begin < item.span.end && item.span.begin < k.span.end;
    });
    if (!covered) kept.push_back(std::move(item));
  }
  // A bare word that only a denial gives meaning ("no swelling") is part of any other phrase it
  // overlaps ("no calf swelling" denies the calf swelling alone).
  auto only_denied = [&](const Found& item) { return phrases[item.phrase].only_denied; };
  std::vector<Found> specific;
  specific.reserve(kept.size());
  for (Found& item : kept) {
    bool inside = only_denied(item) && std::any_of(kept.begin(), kept.end(), [&](const Found& other) {
                    return !only_denied(other) && other.span.begin < item.span.end && item.span.begin < other.span.end;
                  });
    if (!inside) specific.push_back(std::move(item));
  }
  kept = std::move(specific);
  // A finding's phrase is the only reading of the words it covers for the findings it overrides
  // ("the back of my knee has become swollen" is a swelling behind the knee, not a swollen knee).
  specific.clear();
  for (const Found& item : kept) {
    bool overridden = std::any_of(kept.begin(), kept.end(), [&](const Found& other) {
      const LexiconPhrase& phrase = phrases[other.phrase];
      const std::vector<int>& over = phrase.overrides;
      return !phrase.only_denied && other.span.begin <= item.span.begin && item.span.end <= other.span.end &&
             std::find(over.begin(), over.end(), item.mention.finding) != over.end();
    });
    if (!overridden) specific.push_back(item);
  }
  kept = std::move(specific);
  std::sort(kept.begin(), kept.end(), [](const Found& a, const Found& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.mention.finding < b.mention.finding;
  });

  // Their context.
  std::vector<Span> spans;
  for (const Found& item : kept) spans.push_back(item.span);
  std::vector<std::string_view> written;
  for (const Found& item : kept) written.push_back(phrases[item.phrase].phrase.text);
  std::vector<extract::Context> contexts = extract::contexts(words, spans, compiled.context, compiled.quantities, written);
  for (size_t i = 0; i < kept.size(); ++i) {
    Found& item = kept[i];
    Mention& mention = item.mention;
    const extract::Context& context = contexts[i];
    const LexiconPhrase& phrase = phrases[item.phrase];
    const Finding& finding = kb.findings[static_cast<size_t>(mention.finding)];
    bool yes_no = finding.type == FindingType::kBool;
    mention.subject = context.other_person ? Subject::kOtherPerson
                      : context.hypothetical ? Subject::kHypothetical
                      : context.past && yes_no ? Subject::kPast
                                               : Subject::kCurrent;
    if (context.hedged || phrase.only_possible) mention.certainty = Certainty::kPossible;
    if (phrase.only_denied && !context.negated) {
      item.silent = true;  // "swelling" alone says nothing about which swelling
      continue;
    }
    if (phrase.only_affirmed && context.negated) {
      item.silent = true;  // "I didn't hear a pop" says nothing about how it started
      continue;
    }
    if (context.negated && yes_no) {
      mention.negated = true;
      if (*mention.value == 0) mention.certainty = Certainty::kPossible;  // "not pain-free": unclear
      mention.value = *mention.value == 0 ? 1 : 0;
      // "No fever, calf swollen": a list of what is absent, or a new statement? A warning sign is
      // not denied on that reading alone: it is asked.
      if (context.negated_across_comma && *mention.value == 0 && compiled.warning_sign[static_cast<size_t>(mention.finding)]) {
        mention.certainty = Certainty::kPossible;
      }
    }
    item.counts = mention.subject == Subject::kCurrent || (mention.subject == Subject::kPast && phrase.past_counts);
    // A test result is entered by a clinician: a person's account of one ("they found a clot") is
    // reported, and the questions go on.
    if (finding.investigation() && setting == Setting::kPatient) item.counts = false;
    // A warning sign is never dropped: when it cannot count, it is possible and asked.
    if (!item.counts && yes_no && *mention.value == 1 && compiled.warning_sign[static_cast<size_t>(mention.finding)]) {
      mention.certainty = Certainty::kPossible;
      item.counts = true;
    }
  }

  kept.erase(std::remove_if(kept.begin(), kept.end(), [](const Found& item) { return item.silent; }), kept.end());

  // The answers: a yes/no or choice finding takes its last definite mention (a later statement
  // corrects an earlier one); a number takes its first mention (people start with the complaint:
  // "swelling over the last ten days ... laid up for five months").
  std::vector<int> chosen(kb.findings.size(), -1);
  for (size_t i = 0; i < kept.size(); ++i) {
    const Found& item = kept[i];
    if (!item.counts || item.mention.certainty != Certainty::kDefinite || !item.mention.value) continue;
    int& best = chosen[static_cast<size_t>(item.mention.finding)];
    if (kb.findings[static_cast<size_t>(item.mention.finding)].type == FindingType::kNumber) {
      if (best < 0) best = static_cast<int>(i);
    } else {
      best = static_cast<int>(i);
    }
  }
  for (size_t f = 0; f < chosen.size(); ++f) {
    if (chosen[f] < 0) continue;
    Found& item = kept[static_cast<size_t>(chosen[f])];
    item.mention.used = true;
    out.evidence.tell(static_cast<int>(f), *item.mention.value);
  }
  // To confirm: findings mentioned as possible only, warning signs first (in the screen's order).
  std::vector<int> confirm;
  for (const Found& item : kept) {
    int f = item.mention.finding;
    if (!item.counts || item.mention.certainty != Certainty::kPossible || out.evidence.known(f)) continue;
    if (std::find(confirm.begin(), confirm.end(), f) == confirm.end()) confirm.push_back(f);
  }
  const auto& rank = kb.interview.screen_rank;
  std::stable_sort(confirm.begin(), confirm.end(), [&](int a, int b) {
    bool wa = compiled.warning_sign[static_cast<size_t>(a)], wb = compiled.warning_sign[static_cast<size_t>(b)];
    if (wa != wb) return wa;
    if (!wa || rank.empty()) return false;
    return rank[static_cast<size_t>(a)] < rank[static_cast<size_t>(b)];
  });
  out.to_confirm = std::move(confirm);

  out.mentions.reserve(kept.size());
  for (Found& item : kept) {
    item.mention.where = phrases[item.phrase].phrase.where;  // copied only for what is kept
    item.mention.begin = tokens[item.span.begin].begin;
    item.mention.end = tokens[item.span.end - 1].end;
    out.mentions.push_back(std::move(item.mention));
  }

  // Notes.
  size_t word_count = 0;
  size_t english_count = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].kind != TokenKind::kWord) continue;
    ++word_count;
    if (compiled.english.contains(words.ids[t])) ++english_count;
  }
  if (word_count == 0 && tokens.empty()) {
    out.notes.push_back(note("empty", "The text is empty: nothing was read from it."));
  } else if (out.mentions.empty() && tokenized.letters > 0 &&
             (tokenized.latin_letters * 2 < tokenized.letters || (word_count >= 3 && english_count * 4 < word_count))) {
    out.notes.push_back(note("not_english", "Only English is understood: nothing could be read from this text. "
                                            "The questions will ask about the pain instead."));
  }
  if (needs_date) {
    out.notes.push_back(note("needs_date", "A day of the week was named (\"since Tuesday\"), but no date for today was "
                                           "given, so how long the pain has lasted was not worked out."));
  }
  if (tokenized.markup) {
    out.notes.push_back(note("markup", "HTML tags and entities in the text were skipped."));
  }
  return out;
}

Assertion Extractor::assertion(std::string_view sentence, size_t begin, size_t end) const {
  Assertion out;
  if (extract::text_problem(sentence) != nullptr) return out;
  extract::Tokenized tokenized = extract::tokenize(sentence);
  extract::Text words = compiled().text_of(tokenized);
  Span span{tokenized.tokens.size(), 0};
  for (size_t t = 0; t < tokenized.tokens.size(); ++t) {
    const Token& token = tokenized.tokens[t];
    if (token.end <= begin || token.begin >= end) continue;
    span.begin = std::min(span.begin, t);
    span.end = t + 1;
  }
  if (span.begin >= span.end) return out;
  extract::Context context = extract::contexts(words, {span}, compiled().context, compiled().quantities).front();
  out.negated = context.negated;
  out.possible = context.hedged;
  out.subject = context.other_person ? Subject::kOtherPerson
                : context.hypothetical ? Subject::kHypothetical
                : context.past ? Subject::kPast
                               : Subject::kCurrent;
  return out;
}

Result<Extraction> read_case_text(const Case& c, const Extractor& extractor, const ExtractOptions& options) {
  if (c.text.empty()) {
    Extraction empty;
    empty.evidence = Evidence(extractor.kb(), c.evidence.setting);
    return empty;
  }
  auto read = extractor.extract(c.text, c.evidence.setting, options);
  if (!read) {
    Error error = read.error();
    error.where = "/text";
    return error;
  }
  return read;
}

Evidence merge_under(const Evidence& explicit_evidence, const Extraction& extraction) {
  Evidence out = explicit_evidence;
  for (size_t f = 0; f < out.answers.size() && f < extraction.evidence.answers.size(); ++f) {
    int finding = static_cast<int>(f);
    if (out.asked(finding) || !extraction.evidence.known(finding)) continue;
    out.tell(finding, extraction.evidence.answers[f].value);
  }
  return out;
}

}  // namespace fossa
