// The assessment engine: evidence in, assessment out.
//
// The model (docs/model.md): every condition is an independent yes/no variable whose posterior
// odds are its prior odds times the likelihood ratios of the known findings; triage rules over
// findings and scores set a floor on the disposition; conditions whose probability reaches their
// suspicion threshold raise it to their care level; and no unknown finding ever gets a less urgent
// disposition than the more reassuring of its two answers would.
#pragma once

#include <memory>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/evidence.h"
#include "fossa/knowledge_base.h"

namespace fossa {

class Engine {
 public:
  // Keeps a reference to `kb`, which must outlive the engine. Thread-safe: assess() may be called
  // from any number of threads at once.
  explicit Engine(std::shared_ptr<const KnowledgeBase> kb);

  const KnowledgeBase& kb() const { return *kb_; }
  std::shared_ptr<const KnowledgeBase> kb_ptr() const { return kb_; }

  // Assesses `evidence` (answers sized like kb().findings). Deterministic; never fails.
  Assessment assess(const Evidence& evidence) const;

  // The disposition alone, without explanations: cheaper, used by the interview and properties.
  Disposition disposition(const Evidence& evidence) const;

 private:
  struct Decision;
  Decision decide(const Evidence& evidence, const std::vector<double>& log_odds, Disposition rules) const;
  void add_workup_and_advice(Assessment& assessment) const;

  std::shared_ptr<const KnowledgeBase> kb_;
  std::vector<std::vector<int>> conditions_of_;  // per finding: conditions with a ratio for it
  std::vector<int> floor_findings_;              // yes/no findings that change some probability
};

}  // namespace fossa
