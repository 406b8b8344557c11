// Free text in, findings out: what a person (or a clinician's note) says in their own words, read
// with the lexicon of knowledge/text/ (docs/extraction.md).
//
// Each mention is a phrase of the lexicon found in the text, with its finding and value, where it
// is, whether it is `definite` or `possible` (hedged: "maybe a bit warm"), and whose and when it is
// (the person's now, in the past, someone else's, or only feared or asked about). Negation comes
// from the words around the phrase ("no swelling or redness", "denies chest pain"). Only definite
// mentions about the person now set a finding; a possible one never does (it is listed in
// `to_confirm`, to be asked first), and a warning sign mentioned in any form is never dropped: when
// it cannot set its finding it is possible, and asked.
//
//   Extractor extractor(kb);
//   auto read = extractor.extract("no swelling but my calf feels tight", Setting::kPatient);
//   if (!read) return read.error();
//   Evidence evidence = merge_under(explicit_evidence, *read);
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/evidence.h"
#include "fossa/knowledge_base.h"
#include "fossa/result.h"

namespace fossa {

namespace extract {
struct Compiled;
}  // namespace extract

enum class Certainty { kDefinite, kPossible };

// Whose and when: the person now (or recently), in the past and over, someone else, or feared,
// asked about, planned or conditional.
enum class Subject { kCurrent, kPast, kOtherPerson, kHypothetical };

// A date, for reading "since Tuesday".
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

// "2024-05-31" -> the date; nullopt when it is not a valid date in that form.
std::optional<CivilDate> parse_date(std::string_view text);

struct Mention {
  int finding = -1;
  std::optional<double> value;  // as Answer::value (1/0, a number, a choice's index); none: a weekday without a reference date
  Certainty certainty = Certainty::kDefinite;
  Subject subject = Subject::kCurrent;
  bool negated = false;         // a negation turned the phrase's polarity
  bool misspelt = false;        // a word was matched at edit distance 1
  bool used = false;            // this mention set the finding's answer in Extraction::evidence
  size_t begin = 0;             // the phrase: bytes [begin, end) of the text
  size_t end = 0;
  std::string where;            // the lexicon phrase that matched ("file:line")
};

// Something the reader of an extraction should know, with a stable id.
struct ExtractionNote {
  std::string id;    // "empty", "not_english", "needs_date", "markup"
  std::string text;  // a sentence for a person
};

struct Extraction {
  Evidence evidence;                  // the findings set by definite mentions about the person now
  std::vector<Mention> mentions;      // every mention, in text order
  std::vector<int> to_confirm;        // findings mentioned only as possible and not set: warning signs first
  std::vector<ExtractionNote> notes;
};

struct ExtractOptions {
  std::optional<CivilDate> today;     // reference date for weekdays ("since Tuesday"); none: they are not converted
  size_t max_characters = 20000;      // longer text is refused (kOutOfRange)
};

// The negation, uncertainty and subject the context rules give one phrase of a sentence, for
// measuring the rules alone (the NegEx test set: bench/negex/).
struct Assertion {
  bool negated = false;
  bool possible = false;
  Subject subject = Subject::kCurrent;
};

class Extractor {
 public:
  // Compiles the lexicon of `kb` on first use (a few milliseconds), so a program that reads no
  // text never pays for it. Thread-safe: extract() may be called from any number of threads at
  // once, the first compiling for all. Keeps `kb` alive.
  explicit Extractor(std::shared_ptr<const KnowledgeBase> kb);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Reads `text` (UTF-8). Errors: kOutOfRange over options.max_characters characters;
  // kInvalidValue for text that is not UTF-8 or holds control characters (binary data). Empty text,
  // text in another language, emoji and HTML are read as well as they can be, with a note.
  // Deterministic; `evidence` has the setting given.
  Result<Extraction> extract(std::string_view text, Setting setting, const ExtractOptions& options = {}) const;

  // The context rules alone on the words at bytes [begin, end) of `sentence`.
  Assertion assertion(std::string_view sentence, size_t begin, size_t end) const;

  const KnowledgeBase& kb() const { return *kb_; }

 private:
  const extract::Compiled& compiled() const;

  std::shared_ptr<const KnowledgeBase> kb_;
  mutable std::once_flag compile_once_;
  mutable std::unique_ptr<const extract::Compiled> compiled_;
};

// `explicit_evidence` with the text's answers beneath it: every finding not asked in
// `explicit_evidence` (known, or answered "don't know") takes the extraction's answer. Explicit
// answers always win; possible mentions set nothing.
Evidence merge_under(const Evidence& explicit_evidence, const Extraction& extraction);

// What a case's `text` says, read in the case's setting (an empty extraction when it has none).
// Errors as Extractor::extract, with `where` "/text". Use with merge_under(c.evidence, ...).
Result<Extraction> read_case_text(const Case& c, const Extractor& extractor, const ExtractOptions& options = {});

// "definite"/"possible"; "current", "past", "other_person", "hypothetical".
std::string_view certainty_id(Certainty certainty);
std::string_view subject_id(Subject subject);

// The extraction as one line of JSON (docs/extraction.md): {"evidence": {...}, "mentions": [...],
// "to_confirm": [...], "notes": [...]}, each mention with its finding, value, certainty, subject,
// negation and span (start and end in characters, and the words themselves). `id`, when not
// empty, is echoed first. Deterministic.
std::string extraction_json(const Extraction& extraction, const KnowledgeBase& kb, std::string_view text,
                            std::string_view id = {});

// A request to read text (POST /v1/parse, `fossa parse --batch`): {"text": "...", "setting":
// "patient", "today": "2024-05-31", "id": "..."}; only `text` is required.
struct TextRequest {
  std::string id;
  std::string text;
  std::optional<Setting> setting;  // none: the caller's default
  ExtractOptions options;          // `today` when given
};

// Parses a request. Errors as parse_case (fossa/case_io.h): kMalformedJson, kTooDeep,
// kUnknownField, kWrongType, kMissingField, kInvalidValue, each with its JSON path.
Result<TextRequest> parse_text_request(std::string_view json, size_t max_depth = 16);

}  // namespace fossa
