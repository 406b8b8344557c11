// The JSON bodies of GET /v1/knowledge and GET /v1/health. Built once at start: the knowledge base
// is immutable, so they never change while the server runs.
#pragma once

#include <string>
#include <string_view>

#include "fossa/knowledge_base.h"

namespace fossa::server {

// Findings with their questions (person and clinician wording, why, group, asked_of, type) and
// labels, conditions (ids, names, codes, care), dispositions, scores with their items, the knowledge
// base name/version/hash, the notice, the emergency advice and the number to call.
std::string knowledge_json(const KnowledgeBase& kb, std::string_view emergency_number);

// {"status": "ok", "version", "knowledge_base": {name, version, hash}}.
std::string health_json(const KnowledgeBase& kb);

}  // namespace fossa::server
