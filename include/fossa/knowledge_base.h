// The knowledge base: everything Fossa knows about pain behind the knee, loaded from the YAML files
// of knowledge/ (format: docs/knowledge-base.md) and validated once. Immutable after load, so one
// KnowledgeBase may be shared read-only by any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fossa/read_on_first_use.h"
#include "fossa/result.h"

namespace fossa {

// The five dispositions, least urgent first; the numeric value is the rank of vocabulary.json.
enum class Disposition : int { kSelfCare = 1, kRoutine = 2, kSameDay = 3, kEmergency = 4, kAmbulance = 5 };

// Who is using Fossa: a person about themselves, or a clinician who can examine.
enum class Setting { kPatient, kClinician };

enum class FindingType { kBool, kNumber, kEnum };
enum class Responder { kPerson, kClinician };

// Where a number comes from: the ids of its sources, or the reasoning of an estimate.
struct Provenance {
  std::vector<std::string> sources;
  std::string estimate;
  std::string where;  // "file:line" in the knowledge base
};

struct Source {
  std::string id;
  std::string citation;
  int year = 0;  // 0: the copy read did not show it (the citation says so)
  std::string url;
};

// A code of a standard terminology for a finding or a condition, as the knowledge base gives it.
struct Code {
  std::string system;   // "snomed" (SNOMED CT), "loinc", "icd10" (WHO ICD-10) or "icd10cm" (ICD-10-CM)
  std::string code;
  std::string display;  // as the source that was checked lists it
  std::string checked;  // where the code and display were seen (a code list, value set or page)
};

struct Finding {
  std::string id;
  FindingType type = FindingType::kBool;
  std::string group;            // history | examination | risk_factor | investigation (a test result)
  Responder asked_of = Responder::kPerson;
  std::string meaning;
  // A few words for explanations: "calf swelling"; `label_absent` when answered no ("no calf
  // swelling" unless the file says otherwise). Number and choice findings put the value at "{}":
  // "age {}".
  std::string label;
  std::string label_absent;
  std::string test;             // test results only: the test that gives it, as ordered ("D-dimer")
  std::string question_person;
  std::string question_clinician;
  std::string why;              // why the question is asked, in plain words
  std::string unit;             // numbers only
  double min = 0;               // numbers only: inputs outside [min, max] are rejected
  double max = 0;
  std::vector<std::string> values;  // enums only
  // Standard codes (SNOMED CT for findings, LOINC for the test behind a test result), each checked
  // against a cited code list; empty where none could be verified. The first of a system is the
  // finding's own; knowledge/findings.yaml says how a test's true/false maps onto its result.
  std::vector<Code> codes;

  // A test result: entered by a clinician, never asked in an interview, and never taken as
  // negative when it is unknown (not done).
  bool investigation() const { return group == "investigation"; }
};

// A boolean expression over findings, scores and probabilities, used by triage rules and scores.
// Every atom is false while what it reads is unknown, so an unknown finding acts like an absent
// one (docs/model.md explains why this keeps the safety properties).
struct Expression {
  // kKnown: the finding was answered (a test was done); kAbsent: answered and absent (a test done
  // and negative). The other atoms are false while what they read is unknown.
  enum class Kind { kTrue, kPresent, kCompare, kEquals, kAll, kAny, kNot, kScoreAtLeast, kScoreIs, kKnown, kAbsent };
  enum class Op { kAtLeast, kAbove, kBelow, kAtMost };
  Kind kind = Kind::kTrue;
  int index = -1;        // finding (kPresent, kCompare, kEquals) or score (kScoreAtLeast, kScoreIs)
  Op op = Op::kAtLeast;
  double value = 0;      // threshold (kCompare, kScoreAtLeast) or enum value index (kEquals)
  std::string label;     // category or result (kScoreIs)
  std::vector<Expression> children;
};

// The findings `expression` reads directly (not through scores), in the order met, with repeats.
std::vector<int> findings_read(const Expression& expression);

// A likelihood ratio of one finding for one condition.
struct Likelihood {
  struct Band {
    double below = std::numeric_limits<double>::infinity();  // the band holds values < below
    double ratio = 1;
  };
  int finding = -1;
  FindingType type = FindingType::kBool;  // the finding's type
  double lr_present = 1;            // bool findings
  double lr_absent = 1;
  std::vector<Band> bands;          // number findings
  std::vector<double> value_ratio;  // enum findings, one per value
  int group = -1;                   // dependence group within the condition, or -1
  Provenance provenance;

  // The ratio for one answer: present/absent (bool), the band holding the value (number) or the
  // value's ratio (enum); 1 for a value no band or choice covers.
  double ratio(double value) const;
};

struct Condition {
  std::string id;
  std::string name;        // for clinicians
  std::string plain_name;  // for people
  std::vector<Code> codes;
  Disposition care = Disposition::kRoutine;  // least urgent disposition once suspected
  double prior = 0;
  Provenance prior_provenance;
  std::vector<Likelihood> likelihoods;
  std::vector<std::string> group_names;  // names of the dependence groups used above (at most 8)
  std::vector<std::string> workup;
  // How it is treated (knowledge/treatment.yaml): for the person in plain words, for the clinician
  // first-line management; every statement with its sources.
  struct Statement {
    std::string text;
    std::vector<std::string> sources;
  };
  std::vector<Statement> treatment_person;
  std::vector<Statement> treatment_clinician;
  std::vector<std::string> advice;
  std::vector<std::string> sources;
};

// A guideline pathway (knowledge/pathways.yaml): when it applies, and its steps in order; the
// first step whose `when` holds (or that has none) is the step that applies now.
struct Pathway {
  struct Step {
    std::string id;
    std::optional<Expression> when;
    std::string text;            // for the person
    std::string text_clinician;
    // The tests this step orders, as the test-result findings (group investigation) they report,
    // e.g. d_dimer_positive: the order-select service judges an order against them. Empty for a
    // step that orders no test (treat, refer, no X-ray needed).
    std::vector<int> orders;
    // The conditions this step rules out (NG158: DVT after negative tests). While it is the step
    // that applies, they are not suspected (docs/model.md). Only a step whose `when` reads a test
    // result may rule out (the loader checks).
    std::vector<int> rules_out;
    // With rules_out: the rules (indexes into KnowledgeBase::rules, each below emergency level)
    // that flag only the conditions ruled out, so the results answer them: they call for
    // `answered_level` at most (after a negative work-up a clinician still looks for the other
    // cause: routine).
    std::vector<int> answers;
    Disposition answered_level = Disposition::kSelfCare;
  };
  std::string id;
  std::string name;
  std::vector<std::string> rules;  // applies when one of these rules fires,
  std::vector<int> suspected;      // or one of these conditions is suspected,
  std::optional<Expression> when;  // or this holds
  std::vector<Step> steps;
  std::vector<std::string> sources;
};

// One figure a study published about one finding and one condition (knowledge/evidence/): what
// the study reported, exactly, with its population. `fossa kb fit` (docs/evidence.md) combines it
// with the estimates of the condition's file and the case corpus.
struct PublishedFigure {
  int condition = -1;
  int finding = -1;   // -1: a prevalence of the condition (`finding: prior`)
  // As published (each may be missing); a range when the study gave only a range: its middle.
  std::optional<double> sensitivity;
  std::optional<double> specificity;
  std::optional<double> lr_pos;
  std::optional<double> lr_neg;
  std::optional<double> prevalence;
  std::optional<double> auc;  // area under the ROC curve, when that is all the study gave
  // The figure describes people without the condition (a background frequency: `sensitivity` is
  // then the finding's frequency among them), or a target outside the vocabulary (not used).
  enum class Applies { kCondition, kWithoutCondition, kOtherTarget };
  Applies applies = Applies::kCondition;
  std::string n;             // sample size as published
  std::string population;
  std::string setting;       // primary care, emergency, specialist, meta-analysis, case series, ...
  std::string seen;          // abstract, full text, or secondary (which page)
  std::string adaptation;    // how it carries over to pain behind the knee
  std::string source;        // the source id
  std::string where;         // file:line
};

// A likelihood ratio pair fitted by `fossa kb fit` (docs/evidence.md) from the condition's
// estimate, the published figures and the case corpus: knowledge/fitted.yaml, which the loader
// applies over the conditions' own ratios.
struct FittedLikelihood {
  enum class Provenance { kPublished, kFitted, kEstimate };
  int condition = -1;
  int finding = -1;           // a yes/no finding
  double sensitivity = 0;     // P(present | condition), fitted
  double false_positive = 0;  // P(present | no condition), fitted
  double lr_pos = 1;          // sensitivity / false_positive
  double lr_neg = 1;          // (1 - sensitivity) / (1 - false_positive)
  Provenance provenance = Provenance::kEstimate;
  int cases_present = 0;      // corpus cases of the condition that record the finding: present
  int cases_recorded = 0;     //   ... and recorded at all
  std::vector<std::string> sources;  // the published figures' sources
};

// "published", "fitted" or "estimate"; and back.
std::string_view provenance_id(FittedLikelihood::Provenance provenance);
std::optional<FittedLikelihood::Provenance> parse_provenance(std::string_view id);

// A published clinical score: either points summed over items (Wells) with one or more versions,
// each with its own tiers, or a rule whose result is positive when any criterion holds (Ottawa).
struct Score {
  enum class Kind { kPoints, kAnyCriterion };
  struct Item {
    std::string id;
    std::string label;
    Expression when;
    std::vector<double> points;  // one per version (kPoints)
    std::vector<int> findings;   // findings `when` reads, to report unknown items
  };
  struct Tier {
    std::optional<double> at_least;  // the last tier has none
    std::string id;
  };
  struct Version {
    std::string id;
    std::vector<Tier> tiers;
  };
  std::string id;
  std::string name;
  Kind kind = Kind::kPoints;
  std::vector<Item> items;
  std::vector<Version> versions;                 // kPoints
  Expression applies_when;                       // kAnyCriterion
  std::vector<std::string> sources;
};

// A named condition of the rule language (triage.yaml `definitions`), written once and used by
// several rules or questions: a rule that names it reads a copy of `when`.
struct Definition {
  std::string id;
  Expression when;
};

struct Rule {
  std::string id;
  Disposition level = Disposition::kRoutine;
  bool red_flag = false;
  std::string reason;            // plain words, for a person
  std::string reason_clinician;  // for a clinician
  Expression when;
  std::vector<int> findings;     // the findings `when` reads (through scores too), each once, in index order
  std::vector<std::string> workup;
  Provenance provenance;
};

struct DispositionInfo {
  Disposition level = Disposition::kRoutine;
  std::string id;
  std::string name;
  std::string time_frame;
  std::string action;  // what to do, in plain words
};

// Probability-based suspicion: a condition whose probability reaches its threshold is suspected,
// and the disposition is at least its `care`.
struct Suspicion {
  double default_threshold = 0.5;
  std::vector<double> threshold;  // per condition index
  Provenance provenance;
};

// One question of the adaptive interview (knowledge/interview.yaml): one finding asked alone, or a
// few related yes/no findings asked together and counted as one question.
struct QuestionGroup {
  std::string id;                  // the group's id, or the finding's id when asked alone
  std::vector<int> findings;       // findings asked, in order
  std::string question_person;     // groups: the lead-in; empty for one finding (Finding's own text)
  std::string question_clinician;
  std::string why;                 // groups: why it is asked; empty for one finding (Finding::why)
  Expression ask_when;             // asked only while this holds (kTrue unless given)
  bool red_flag = false;           // reads a finding of a red-flag rule
};

// The adaptive interview's plan and the numbers its choice of question rests on (docs/interview.md).
// Every number has a source or an estimate in knowledge/interview.yaml.
struct InterviewPlan {
  std::vector<QuestionGroup> questions; // the groups, then every other finding alone, in file order
  std::vector<int> question_of;         // per finding: index in `questions`
  // The warning-sign screen: the questions that screen the red-flag rules of triage.yaml, in the
  // order they are asked (indexes in `questions`), and per finding its place in that order
  // (findings of no screen question: the number of screen questions).
  std::vector<int> screen;
  std::vector<int> screen_rank;
  std::vector<double> base_rate;        // per yes/no finding: P(present) where no likelihood says otherwise
  // Per number finding valued like a yes/no question: representative answers and how often each is
  // given where no likelihood says otherwise (rates sum to 1); empty for the others.
  struct NumberAnswers {
    std::vector<double> values;
    std::vector<double> rates;
  };
  std::vector<NumberAnswers> number_answers;
  // Per level (indexed by its rank): the cost of a disposition that falls one level short of it.
  std::array<double, 6> under_triage_cost = {0, 0, 3, 10, 20, 20};
  double over_triage_cost = 1;          // cost per level of a disposition more urgent than needed
  double information_weight = 0.5;      // value of one bit of entropy over the leading conditions
  double question_cost = 0.5;           // the least expected value worth one more question
  int leading_conditions = 5;           // how many leading conditions the entropy covers
  // The leading causes are settled when no remaining question has at least this chance of changing
  // the top three; until then questions go on, up to `settle_questions` in all.
  double settle_chance = 0.2;
  int settle_questions = 10;
  int max_questions = 15;               // the interview stops after this many questions (the screen excepted)
  Disposition red_flag_ends_at = Disposition::kEmergency;  // a red flag this urgent ends it at once
};

// The free-text lexicon and its context rules (knowledge/text/, docs/extraction.md), as written and
// checked by the loader; the text layer (fossa/extract.h) compiles them into a matcher.
//
// A phrase: a sequence of slots, each a choice of word sequences ({a|b}, "" when optional), a gap of
// 0-3 words (~), or a number, vague count, unit of time, weekday or day (<n>, <count>, <unit>,
// <weekday>, <day>); then words that must not follow it (!{a|b}).
struct Phrase {
  enum class Slot { kWords, kGap, kNumber, kCount, kUnit, kWeekday, kDay };
  struct Part {
    Slot slot = Slot::kWords;
    std::vector<std::string> alternatives;  // kWords: each a sequence of words as written ("x-ray", "d-dimer*")
  };
  std::vector<Part> parts;
  std::vector<std::string> not_followed_by;  // words as written, or "<unit>", "<n>", "<count>"
  std::string text;                          // the phrase as written
  std::string where;                         // "file:line"
};

// One phrase of the lexicon and what it says about its finding.
struct LexiconPhrase {
  int finding = -1;
  double value = 1;           // yes/no: 1 present, 0 absent; choice: the value's index; number: a fixed value
  bool reads_number = false;  // a number finding's `number:` phrase: the value is read from the text
  bool past_counts = false;   // the finding's `past: counts`: a mention in the past still counts
  bool only_denied = false;   // a `denied:` phrase: says the finding is absent when denied ("no swelling"), else nothing
  bool only_affirmed = false; // an `implied:` phrase: says the finding is present when affirmed ("felt a pop"), nothing when denied
  bool only_possible = false; // a `suggested:` phrase: says the finding only as possible, to confirm ("my Baker's cyst")
  std::vector<int> overrides; // the finding's `overrides:`: findings whose phrases inside one of its phrases are not read
  Phrase phrase;
};

// A word sequence around a phrase that changes what it says (context.yaml).
struct ContextTrigger {
  enum class Kind { kNegation, kPseudo, kHedge, kHistory, kOtherPerson, kHypothetical, kTerminator };
  enum class Direction { kBefore, kAfter };  // before: acts on the phrases that follow it
  Kind kind = Kind::kNegation;
  Direction direction = Direction::kBefore;
  std::string words;
  std::string where;
};

struct TextKnowledge {
  std::vector<LexiconPhrase> phrases;
  std::vector<ContextTrigger> triggers;
  int scope_before = 8;                  // words a `before` trigger reaches
  int scope_after = 6;                   // words an `after` trigger reaches back
  std::vector<std::string> list_words;   // words that join listed phrases under one trigger
  struct Word {
    std::string words;                   // one or more words
    double value = 0;
  };
  std::vector<Word> numbers;             // <n>: "two" 2
  std::vector<Word> counts;              // <count>, besides numbers: "a couple of" 2
  std::vector<Word> days;                // <day>: days ago ("yesterday" 1)
  std::vector<Word> weekdays;            // <weekday>: 1 Monday ... 7 Sunday
  struct Unit {
    std::string words;
    double days = 1;                     // days per unit
    double below = 0;                    // when > 0, the unit reads only numbers under it ("2/52")
  };
  std::vector<Unit> units;
  std::vector<std::string> english;      // the commonest English words
};

class KnowledgeBase {
 public:
  std::string name;
  std::string version;
  std::string hash;  // FNV-1a 64 of every file's path and text, hex
  std::string notice;
  std::string emergency_advice;

  std::vector<Source> sources;
  std::vector<Finding> findings;
  std::vector<Condition> conditions;
  // What studies published (for `fossa kb fit`), read on first use.
  ReadOnFirstUse<std::vector<PublishedFigure>> published;
  std::vector<FittedLikelihood> fitted;  // applied: each condition's likelihoods already hold them
  std::vector<Score> scores;
  std::vector<Definition> definitions;
  std::vector<Rule> rules;
  std::vector<Pathway> pathways;
  std::vector<DispositionInfo> dispositions;  // indexed by rank - 1
  Suspicion suspicion;
  InterviewPlan interview;
  // The free-text lexicon (empty when the directory has no text/): only reading free text needs
  // it, so it is read on first use.
  ReadOnFirstUse<TextKnowledge> text;

  // Index of the finding, condition or score with this id, or -1.
  int finding_index(std::string_view id) const;
  int condition_index(std::string_view id) const;
  int score_index(std::string_view id) const;
  // The definition with this id, or nullptr.
  const Definition* definition(std::string_view id) const;
  const DispositionInfo& disposition(Disposition level) const;

  // Builds the id indexes; called by the loader once all vectors are filled.
  void build_indexes();

 private:
  // Looked up by std::string_view without making a string.
  struct IdHash {
    using is_transparent = void;
    size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  using IdIndex = std::unordered_map<std::string, int, IdHash, std::equal_to<>>;
  IdIndex finding_by_id_;
  IdIndex condition_by_id_;
  IdIndex score_by_id_;
};

// The few words that say what was answered for `finding`: its label or label_absent (yes/no), or
// its label with the value in place of {}: "no injury", "age 62", "female".
std::string answer_label(const Finding& finding, double value);

// "bool", "number" or "enum", as in findings.yaml and the case vocabulary.
std::string_view finding_type_id(FindingType type);

// "self_care", "routine", ...; and back (nullopt for an unknown id).
std::string_view disposition_id(Disposition level);
std::optional<Disposition> parse_disposition(std::string_view id);

// `base` with `fitted` applied: each pair's ratios replace the condition's own (its dependence
// group kept), or are added when the condition had none for the finding. The fit's look at a
// knowledge base; the loader applies knowledge/fitted.yaml the same way.
std::shared_ptr<KnowledgeBase> with_fitted(const KnowledgeBase& base, std::vector<FittedLikelihood> fitted);

struct LoadOptions {
  bool apply_fitted = true;  // false: the inputs alone, without knowledge/fitted.yaml (for the fit)
};

// Loads and validates the knowledge base in `directory`: every id referenced exists, every
// probability and ratio is in range, every number has a source or an estimate, and every id of the
// case vocabulary (`vocabulary.json` in the same directory) is covered. On failure the error names the file and
// line and what to change; all problems found are listed in the message, one per line.
Result<std::shared_ptr<const KnowledgeBase>> load_knowledge_base(const std::string& directory, const LoadOptions& options = {});

// The knowledge base compiled into the binary: read on first use (thread-safe) from the snapshot
// the build wrote after validating knowledge/, in about a millisecond.
std::shared_ptr<const KnowledgeBase> builtin_knowledge_base();

// The built-in knowledge base checked the slow way: its YAML files (also compiled into the binary)
// loaded and validated again, and compared member by member with the compiled copy that
// builtin_knowledge_base() reads. An error lists the problems, or says the two differ.
Result<std::shared_ptr<const KnowledgeBase>> check_builtin_knowledge_base();

}  // namespace fossa
