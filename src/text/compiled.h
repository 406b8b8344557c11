// The lexicon of a knowledge base compiled for reading (internal to src/text): built once by
// Extractor, read-only afterwards.
#pragma once

#include <unordered_set>
#include <vector>

#include "fossa/extract.h"
#include "text/context.h"
#include "text/matcher.h"
#include "text/spelling.h"

namespace fossa::extract {

struct Compiled {
  Vocabulary vocabulary;
  Quantities quantities;
  Matcher lexicon;                    // owner: index in KnowledgeBase::text.phrases
  ContextRules context;
  Spelling spelling;
  std::unordered_set<int> english;    // ids of the commonest English words
  std::vector<bool> warning_sign;     // per finding: read by a red-flag rule of triage.yaml

  explicit Compiled(const KnowledgeBase& kb);

  // The tokens of `tokenized` with their ids and misspelling candidates.
  Text text_of(const Tokenized& tokenized) const;
};

}  // namespace fossa::extract
