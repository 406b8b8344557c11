// Cases and assessments as JSON (the case format of shared/cases/README.md) and as readable text.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fossa/assessment.h"
#include "fossa/evidence.h"
#include "fossa/result.h"

namespace fossa {

struct Case {
  std::string id;                              // empty when not given
  Evidence evidence;
  std::string text;
  std::string source;
  std::optional<int> expected_diagnosis;       // condition index
  std::optional<Disposition> expected_disposition;
};

// Limits applied to untrusted input.
struct ParseOptions {
  size_t max_depth = 16;      // deeper nesting is rejected (kTooDeep)
  size_t max_bytes = 1 << 20; // longer input is rejected (kOutOfRange)
  // false: every input is read by the tree parser, never by the fast path for well-formed cases
  // (the result is the same; tests compare the two).
  bool fast_path = true;
};

// Parses one case. Errors: kMalformedJson (with line and column), kTooDeep, kUnknownField (with the
// closest known ids), kWrongType, kOutOfRange, kInvalidValue, kMissingField; `where` is the JSON
// path of the offending value (e.g. "/evidence/age"). Evidence values may be true, false, null
// (unknown), a number (number findings) or a string (enum findings).
Result<Case> parse_case(std::string_view json, const KnowledgeBase& kb, const ParseOptions& options = {});

// Writes assessments as one line of JSON each (format: docs/assessment.md). `case_id` is echoed
// when not empty; with `evidence`, the known findings are listed as given. `raised_by` and
// `lowered_by` are written for the conditions the engine explained (RankedCondition::explained),
// the treatment for the kLeadingConditions most likely and every suspected one. Deterministic:
// the same input gives the same bytes.
//
// The knowledge base's text (names, reasons, treatment, pathways, the notice) is escaped once, when
// the writer is built, not for every assessment: build one per knowledge base and keep it. Immutable
// once built, so any number of threads may share it; `kb` must outlive it, and every assessment it
// writes must come from an Engine of that same knowledge base (its rules, scores and pathways are
// found by their place in `kb`).
class AssessmentJsonWriter {
 public:
  explicit AssessmentJsonWriter(const KnowledgeBase& kb);
  ~AssessmentJsonWriter();
  AssessmentJsonWriter(const AssessmentJsonWriter&) = delete;
  AssessmentJsonWriter& operator=(const AssessmentJsonWriter&) = delete;

  std::string write(const Assessment& assessment, Setting setting, std::string_view case_id = {},
                    const Evidence* evidence = nullptr) const;

  struct Fragments;  // the escaped text (assessment_json.cpp)

 private:
  const KnowledgeBase& kb_;
  std::unique_ptr<const Fragments> fragments_;
};

// AssessmentJsonWriter(kb).write(...): the same bytes, for a single assessment (it escapes the
// knowledge base's text first, so it costs more than a kept writer).
std::string assessment_json(const Assessment& assessment, const KnowledgeBase& kb, Setting setting,
                            std::string_view case_id = {}, const Evidence* evidence = nullptr);

// The assessment as a readable summary for a person at a terminal, in plain words (patient
// setting) or with scores and work-up first (clinician setting).
std::string assessment_text(const Assessment& assessment, const KnowledgeBase& kb, Setting setting);

// The JSON field names of a score's results in an assessment and in GET /v1/knowledge
// (docs/assessment.md, web/openapi.json): per version of a points score, the points and the tier;
// for an any-criterion score, its result. They are the API's names, so they live here and not in
// the knowledge base: Wells 2003 `points`/`category`, Wells 1997 `points_1997`/`tier_1997`, Ottawa
// `xray_indicated`. A score the table does not name gets `points`/`category` for its first version,
// `points_<version>`/`category_<version>` for the others, and `positive`.
struct ScoreFieldNames {
  std::string points;
  std::string category;
};
ScoreFieldNames score_field_names(const Score& score, size_t version);
std::string score_result_field(const Score& score);

// An error as one line of JSON: {"id", "error": {"type", "title", "message", "where"}}, `id` (the
// case's, shortened as text::echo does) only when not empty.
std::string error_json(const Error& error, std::string_view case_id = {});

// The `id` of a case given as JSON text, also when the case is otherwise invalid (so an error line
// can name it); empty when the text is not a JSON object or has no string or integer id.
std::string case_id_of(std::string_view json);

// "patient" or "clinician"; and back (nullopt for any other text).
std::string_view setting_id(Setting setting);
std::optional<Setting> parse_setting(std::string_view id);

}  // namespace fossa
