// The warning-sign screen (docs/model.md): which red-flag rules are still open, and which
// unasked findings can decide them.
#include <algorithm>

#include "engine/evaluate.h"
#include "engine/index.h"
#include "engine/triage.h"
#include "fossa/engine.h"

namespace fossa {

bool Engine::answerable(int finding, Setting setting) const {
  return index_->answerable[engine::setting_slot(setting)][static_cast<size_t>(finding)] != 0;
}

bool Engine::holds(const Expression& expression, const Evidence& evidence) const {
  return engine::holds(expression, evidence, engine::compute_scores(*kb_, evidence));
}

Screen Engine::screen(const Evidence& evidence, Disposition level) const {
  return engine::screen(*this, evidence, level, engine::compute_scores(*kb_, evidence));
}

Screen engine::screen(const Engine& engine, const Evidence& evidence, Disposition level, const std::vector<ScoreResult>& scores) {
  using engine::Truth;
  const KnowledgeBase& kb = engine.kb();
  Screen out;
  // Open: not asked, answerable in the setting, and its question may be asked now (a question
  // about the injury only after an injury).
  std::vector<char> open(kb.findings.size(), 0);
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    auto finding = static_cast<int>(f);
    if (evidence.asked(finding) || !engine.answerable(finding, evidence.setting)) continue;
    int question = f < kb.interview.question_of.size() ? kb.interview.question_of[f] : -1;
    if (question >= 0 && !engine::holds(kb.interview.questions[static_cast<size_t>(question)].ask_when, evidence, scores)) continue;
    open[f] = 1;
  }
  // Per finding: twice the level of the most urgent open rule its answer can decide, plus one
  // when a "yes" would make that rule fire now (0: none). Those are asked first.
  std::vector<int> wanted(kb.findings.size(), 0);
  auto want = [&wanted](int finding, Disposition urgency, bool fires) {
    auto& slot = wanted[static_cast<size_t>(finding)];
    slot = std::max(slot, 2 * static_cast<int>(urgency) + (fires ? 1 : 0));
  };
  Evidence yes = evidence;
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag || rule.level <= level) continue;
    if (engine::holds(rule.when, evidence, scores)) continue;  // fires already
    if (engine::truth(rule.when, evidence, scores, open) != Truth::kUnknown) continue;  // ruled out
    out.open.push_back(&rule);
    bool decisive = false;
    const bool rule_reads_scores = engine::reads_scores(rule.when);  // else a trial answer needs no scores
    for (int finding : rule.findings) {
      if (!open[static_cast<size_t>(finding)]) continue;
      bool fires = false;
      if (kb.findings[static_cast<size_t>(finding)].type == FindingType::kBool) {
        yes.set(finding, 1);
        fires = rule_reads_scores ? engine::holds(rule.when, yes, engine::compute_scores(kb, yes))
                                  : engine::holds(rule.when, yes, scores);
        yes.answers[static_cast<size_t>(finding)] = evidence.answers[static_cast<size_t>(finding)];
      }
      bool decides = fires || engine::truth(rule.when, evidence, scores, open, finding, true) != Truth::kUnknown ||
                     engine::truth(rule.when, evidence, scores, open, finding, false) != Truth::kUnknown;
      if (decides) want(finding, rule.level, fires);
      decisive = decisive || decides;
    }
    // Only a combination of answers can decide it: every open finding of the rule is wanted.
    if (!decisive) {
      for (int finding : rule.findings) {
        if (open[static_cast<size_t>(finding)]) want(finding, rule.level, false);
      }
    }
  }
  engine::stable_sort_small(out.open, [](const Rule* a, const Rule* b) { return a->level > b->level; });
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    if (wanted[f]) out.unasked.push_back(static_cast<int>(f));
  }
  // The most urgent rules first (ambulance before emergency), a "yes" that fires one before an
  // answer that rules one out, then the screen order.
  const auto& rank = kb.interview.screen_rank;
  engine::stable_sort_small(out.unasked, [&](int a, int b) {
    auto x = static_cast<size_t>(a);
    auto y = static_cast<size_t>(b);
    if (wanted[x] != wanted[y]) return wanted[x] > wanted[y];
    return rank[x] < rank[y];
  });
  out.complete = out.open.empty();
  return out;
}

}  // namespace fossa
