// What is known about one person: an answer (or nothing) for each finding of the knowledge base.
#pragma once

#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa {

// The answer to one finding. Bool findings: value 1 (present) or 0 (absent). Numbers: the value.
// Enums: the index of the value in Finding::values. `known == false` means unknown, which is never
// assumed absent. `asked` records that the question was put: true for an answer to a question
// (Evidence::set) and for "I don't know" (asked, not known); false for what the person told without
// being asked (read from their own words: Evidence::tell). The engine reads only `known` and
// `value`, so an answer of "don't know" is exactly as unknown as a question never asked; the
// interview asks nothing known or asked again, and counts only questions put toward its limits.
struct Answer {
  bool known = false;
  double value = 0;
  bool asked = false;
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
  // Asked before or told: answered, answered "don't know", or read from the person's own words.
  bool asked(int finding) const {
    const Answer& answer = answers[static_cast<size_t>(finding)];
    return answer.known || answer.asked;
  }
  // A question was put for it (answered, or "don't know"); false for what was only told.
  bool questioned(int finding) const { return answers[static_cast<size_t>(finding)].asked; }
  // The answer to a question.
  void set(int finding, double value) { answers[static_cast<size_t>(finding)] = {true, value, true}; }
  // Told without a question (read from the person's own words): known, never asked, and not counted
  // as a question.
  void tell(int finding, double value) { answers[static_cast<size_t>(finding)] = {true, value, false}; }
  // Records "asked, answered I don't know": unknown to the engine, not asked again by the interview.
  void set_unknown(int finding) { answers[static_cast<size_t>(finding)] = {false, 0, true}; }
  void forget(int finding) { answers[static_cast<size_t>(finding)] = {}; }
};

}  // namespace fossa
