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
  // Scores are computed only for an expression that reads one.
  if (!engine::reads_scores(expression)) return engine::holds(expression, evidence, {});
  return engine::holds(expression, evidence, engine::compute_scores(*kb_, evidence));
}

Screen Engine::screen(const Evidence& evidence, Disposition level) const {
  return engine::screen(*this, *index_, evidence, level, engine::compute_scores(*kb_, evidence));
}

Screen engine::screen(const Engine& engine, const Index& index, const Evidence& evidence, Disposition level,
                      const std::vector<ScoreResult>& scores) {
  using engine::Truth;
  const KnowledgeBase& kb = engine.kb();
  Screen out;
  // Open: not asked, answerable in the setting, and its question may be asked now (a question
  // about the injury only after an injury).
  std::vector<char> open(kb.findings.size(), 0);
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    auto finding = static_cast<int>(f);
    if (evidence.asked(finding) || !engine.answerable(finding, evidence.setting)) continue;
    if (!index.asked_any_time[f]) {
      const QuestionGroup& question = kb.interview.questions[static_cast<size_t>(kb.interview.question_of[f])];
      if (!engine::holds(question.ask_when, evidence, scores)) continue;
    }
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
  std::vector<ScoreResult> yes_scores;  // reused: the scores of `yes` when last rescored
  int rescored = -1;                     // the finding `yes_scores` was last rescored for
  for (size_t r = 0; r < kb.rules.size(); ++r) {
    const Rule& rule = kb.rules[r];
    if (!rule.red_flag || rule.level <= level) continue;
    if (engine::holds(rule.when, evidence, scores)) continue;  // fires already
    if (engine::truth(rule.when, evidence, scores, open) != Truth::kUnknown) continue;  // ruled out
    out.open.push_back(&rule);
    bool decisive = false;
    const bool rule_reads_scores = index.rule_reads_scores[r] != 0;  // else a trial answer needs no scores
    for (int finding : rule.findings) {
      if (!open[static_cast<size_t>(finding)]) continue;
      bool fires = false;
      if (kb.findings[static_cast<size_t>(finding)].type == FindingType::kBool) {
        yes.set(finding, 1);
        if (rule_reads_scores && index.read_by_scores[static_cast<size_t>(finding)]) {
          engine::rescore(kb, index, scores, yes, finding, rescored, yes_scores);
          rescored = finding;
          fires = engine::holds(rule.when, yes, yes_scores);
        } else {  // the scores do not change
          fires = engine::holds(rule.when, yes, scores);
        }
        yes.answers[static_cast<size_t>(finding)] = evidence.answers[static_cast<size_t>(finding)];
      }
      // Both answers give the same truth unless the rule reads the answer itself (Index::rule_atoms).
      const auto& atoms = index.rule_atoms[r];
      bool decides = fires || engine::truth(rule.when, evidence, scores, open, finding, true) != Truth::kUnknown ||
                     (std::binary_search(atoms.begin(), atoms.end(), finding) &&
                      engine::truth(rule.when, evidence, scores, open, finding, false) != Truth::kUnknown);
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
  // `unasked` is in finding order, so ties between equals go by it: as a stable sort, in n log n.
  const auto& rank = kb.interview.screen_rank;
  std::sort(out.unasked.begin(), out.unasked.end(), [&](int a, int b) {
    auto x = static_cast<size_t>(a);
    auto y = static_cast<size_t>(b);
    if (wanted[x] != wanted[y]) return wanted[x] > wanted[y];
    if (rank[x] != rank[y]) return rank[x] < rank[y];
    return a < b;
  });
  out.complete = out.open.empty();
  return out;
}

}  // namespace fossa
