// JSON in, one way for every reader of untrusted input (cases, parse requests, FHIR, CDS Hooks):
// Boost.JSON with a nesting limit, nothing but whitespace after the value, and no object naming the
// same key twice (RFC 8259 leaves the meaning of a repeated key open; a case saying
// {"calf_swelling": true, "calf_swelling": false} must not be read as either answer).
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "fossa/result.h"

namespace fossa {

// Parses `text` as one JSON value. Errors: kMalformedJson (with line and column), kTooDeep (more
// than `max_depth` levels), kDuplicateKey (the message names the key, shortened as text::echo does;
// `where` is the JSON pointer of the second occurrence, e.g. "/evidence/calf_swelling"). Thread-safe.
// Costs one pass over the text: keys are compared as each object ends, sorted when it holds many.
Result<boost::json::value> read_json(std::string_view text, size_t max_depth);

// What kind of value `value` is, for a message: "a string", "a number", "an object", "null", ...
std::string json_kind(const boost::json::value& value);

}  // namespace fossa
