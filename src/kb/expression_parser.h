// Parses the rule language of triage.yaml and scores.yaml into Expressions (see the comment at the
// top of knowledge/triage.yaml for the language).
#pragma once

#include "fossa/knowledge_base.h"
#include "kb/yaml_reader.h"

namespace fossa::kb {

// The index of the finding named `id` (read at `at`), or -1 with a problem naming the closest ids.
int resolve_finding(const Reader& reader, const YAML::Node& at, const std::string& id, const KnowledgeBase& kb);

// Parses `node`; ids are resolved against `kb`'s findings and scores (which must be indexed).
// Problems are reported through `reader`; the result is then a kTrue placeholder.
Expression parse_expression(const Reader& reader, const YAML::Node& node, const KnowledgeBase& kb);

// Appends the indexes of the findings `expression` reads to `out`.
void collect_findings(const Expression& expression, std::vector<int>& out);
// The same, and also the findings of every score an atom of `expression` reads (its items and when
// it applies): what the rule's truth depends on.
void collect_findings(const Expression& expression, const KnowledgeBase& kb, std::vector<int>& out);

}  // namespace fossa::kb
