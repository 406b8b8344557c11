// What is known about one person: an answer (or nothing) for each finding of the knowledge base.
#pragma once

#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa {

// The answer to one finding. Bool findings: value 1 (present) or 0 (absent). Numbers: the value.
// Enums: the index of the value in Finding::values. `known == false` means never asked: unknown,
// which is never assumed absent.
struct Answer {
  bool known = false;
  double value = 0;
};

struct Evidence {
  Setting setting = Setting::kPatient;
  std::vector<Answer> answers;  // indexed like KnowledgeBase::findings

  Evidence() = default;
  explicit Evidence(const KnowledgeBase& kb, Setting setting_in = Setting::kPatient)
      : setting(setting_in), answers(kb.findings.size()) {}

  bool known(int finding) const { return answers[static_cast<size_t>(finding)].known; }
  bool present(int finding) const {
    const Answer& answer = answers[static_cast<size_t>(finding)];
    return answer.known && answer.value != 0;
  }
  bool absent(int finding) const {
    const Answer& answer = answers[static_cast<size_t>(finding)];
    return answer.known && answer.value == 0;
  }
  void set(int finding, double value) { answers[static_cast<size_t>(finding)] = {true, value}; }
  void forget(int finding) { answers[static_cast<size_t>(finding)] = {}; }
};

}  // namespace fossa
