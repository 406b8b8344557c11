// The lexicon of a knowledge base compiled for reading (internal to src/text): built once by
// Extractor, read-only afterwards (so shared by every thread).
#pragma once

#include <vector>

#include "fossa/extract.h"
#include "text/context.h"
#include "text/matcher.h"
#include "text/quantities.h"
#include "text/spelling.h"
#include "text/vocabulary.h"

namespace fossa::extract {

struct Compiled {
  Vocabulary vocabulary;
  Quantities quantities;
  Matcher lexicon;                    // owner: index in KnowledgeBase::text.phrases
  ContextRules context;
  Spelling spelling;
  WordSet english;                    // ids of the commonest English words
  std::vector<bool> warning_sign;     // per finding: read by a red-flag rule of triage.yaml

  explicit Compiled(const KnowledgeBase& kb);

  // The tokens of `tokenized` with their ids, misspelling candidates and number readings. The
  // result points into `tokenized`, which must outlive it.
  Text text_of(const Tokenized& tokenized) const;
};

}  // namespace fossa::extract
