// Cases and assessments as JSON (the case format of shared/cases/README.md) and as readable text.
#pragma once

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

// The assessment as one line of JSON (format: docs/assessment.md). `case_id` is echoed when not
// empty; with `evidence`, each explanation also shows the answer given. Deterministic: the same
// input gives the same bytes.
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

std::string_view setting_id(Setting setting);

}  // namespace fossa
