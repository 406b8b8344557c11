// The program version (the knowledge base has its own, see KnowledgeBase::version).
#pragma once

namespace fossa {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace fossa
