// The fast path of parse_case (internal to src/io): simdjson's on-demand parser reads a case that
// is well formed, straight into a Case, without building a tree. It handles the common shape only
// and answers nullopt for anything else (any error, a duplicate key, an unknown id, a value of a
// type or range the case format refuses, a number that is not a whole number, an `id`, `text` or
// `source` that is not a string): parse_case then reads the text again with the slow path, which
// gives the error with its line, column and JSON path, so both paths agree on every input.
#pragma once

#include <optional>
#include <string_view>

#include "fossa/case_io.h"

namespace fossa::io {

// Thread-safe (one parser per thread).
std::optional<Case> parse_case_fast(std::string_view json, const KnowledgeBase& kb);

}  // namespace fossa::io
