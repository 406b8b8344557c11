// The assessment engine: evidence in, assessment out.
//
// The model (docs/model.md): every condition is an independent yes/no variable whose posterior
// odds are its prior odds times the likelihood ratios of the known findings (unknown findings
// change nothing). The disposition is the most urgent of the triage rules that fire and the care
// levels of the suspected conditions. For the disposition alone, an unknown finding the person
// could answer counts as absent, so it never gets less urgent advice than its reassuring answer.
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

  // `evidence` with every unknown yes/no finding the setting's responder can answer set absent:
  // the closed world the disposition reads (examination findings stay unknown for a person).
  Evidence closed_world(const Evidence& evidence) const;

 private:
  // The disposition: the rules' level raised to the care of the conditions suspected in the closed
  // world; `suspected` receives which conditions those are.
  Disposition triage(const Evidence& evidence, Disposition rules, std::vector<bool>* suspected) const;
  void add_workup_and_advice(Assessment& assessment) const;

  std::shared_ptr<const KnowledgeBase> kb_;
};

}  // namespace fossa
