// A compiled copy of a loaded knowledge base (internal to src/kb): every member of the model,
// written in declaration order, for the build to compile into the binary so a command starts
// without reading YAML. The fields of each struct are found by reflection (Boost.PFR), so a member
// added to the model is in the snapshot without a change here; the knowledge base class itself,
// which has private indexes, lists its members in snapshot.cpp and a size check there fails the
// build when one is added.
//
// The format is this build's memory layout of numbers (native endianness, IEEE doubles): a
// snapshot is read only by the build that wrote it, never exchanged.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "fossa/knowledge_base.h"

namespace fossa::kb {

// The snapshot of `kb`: a magic word, a format version, then every member.
std::string write_snapshot(const KnowledgeBase& kb);

// When read_snapshot reads the members only some commands need (ReadOnFirstUse in
// fossa/knowledge_base.h: the free-text lexicon, the published figures).
enum class Reading {
  kNow,         // with the rest: every byte is checked before read_snapshot returns
  kOnFirstUse,  // when first used: `bytes` must outlive the knowledge base, and damage to a member's
                // own bytes found then ends the process (for the snapshot built into the binary,
                // which the build wrote)
};

// The knowledge base written by write_snapshot, with its indexes built. An error when `bytes` is
// not a whole snapshot of this format (wrong magic or version, cut short, trailing bytes, a count
// beyond the bytes left, and with Reading::kNow a damaged member read on first use otherwise).
Result<std::shared_ptr<const KnowledgeBase>> read_snapshot(std::string_view bytes, Reading when = Reading::kNow);

}  // namespace fossa::kb
