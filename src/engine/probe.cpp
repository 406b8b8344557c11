// Look-ahead over tried answers (fossa/engine.h, Probe): the engine's disposition, recomputed only
// for what the tried findings move.
#include <algorithm>
#include <cmath>
#include <span>

#include "engine/evaluate.h"
#include "engine/index.h"
#include "engine/triage.h"
#include "fossa/engine.h"

namespace fossa {

Probe::Probe(const Engine& engine, const Evidence& evidence)
    : engine_(engine), evidence_(evidence), warnings_(engine.warning_findings(evidence)) {
  const KnowledgeBase& kb = engine.kb();
  closed_ = engine::closed_world(*engine_.index_, evidence, warnings_);
  engine::open_log_odds(*engine_.index_, evidence, log_odds_);
  engine::closed_log_odds(*engine_.index_, evidence, warnings_, closed_log_odds_);
  engine::RuledOut ruled;
  rules_level_ = engine::rules_level(kb, *engine_.index_, evidence, &ruled);
  ruled_out_ = std::move(ruled.conditions);
  finish();
}

Probe::Probe(const Probe& parent, const Evidence& evidence, const std::vector<int>& findings)
    : engine_(parent.engine_), evidence_(evidence), closed_(parent.closed_), warnings_(engine_.warning_findings(evidence)) {
  const KnowledgeBase& kb = engine_.kb();
  log_odds_ = parent.log_odds_;
  closed_log_odds_ = parent.closed_log_odds_;
  std::vector<Moved> moved_storage;
  size_t moved_count = 0;
  parent.moved_by(findings, moved_storage, moved_count);
  const std::span<const Moved> moved(moved_storage.data(), moved_count);
  for (const Moved& m : moved) {
    auto c = static_cast<size_t>(m.condition);
    log_odds_[c] = parent.moved_log_odds(m, parent.log_odds_[c], parent.evidence_, evidence);
  }
  if (warnings_ == parent.warnings_) {
    for (int finding : findings) closed_.answers[static_cast<size_t>(finding)] = evidence.answers[static_cast<size_t>(finding)];
    for (const Moved& m : moved) {
      auto c = static_cast<size_t>(m.condition);
      closed_log_odds_[c] = parent.moved_log_odds(m, parent.closed_log_odds_[c], parent.closed_, closed_);
    }
  } else {  // another warning sign fired: its findings leave the suspicion world
    closed_ = engine::closed_world(*engine_.index_, evidence, warnings_);
    engine::closed_log_odds(*engine_.index_, evidence, warnings_, closed_log_odds_);
  }
  engine::RuledOut ruled;
  rules_level_ = engine::rules_level(kb, *engine_.index_, evidence, &ruled);
  ruled_out_ = std::move(ruled.conditions);
  finish();
}

void Probe::finish() {
  tested_ = engine_.index_->tested(evidence_);
  results_floor_ = engine_.results_floor(evidence_, ruled_out_);
  disposition_ = std::max({rules_level_, engine::suspicion_level(engine_.kb(), closed_log_odds_, nullptr, ruled_out_), results_floor_});
  trial_ = evidence_;
  trial_closed_ = closed_;
  trial_log_odds_ = log_odds_;
  trial_closed_log_odds_ = closed_log_odds_;
}

void Probe::moved_by(const std::vector<int>& findings, std::vector<Moved>& out, size_t& count) const {
  count = 0;
  for (int finding : findings) {
    for (const engine::Index::Move& move : engine_.index_->moves[static_cast<size_t>(finding)]) {
      auto used = out.begin() + static_cast<std::ptrdiff_t>(count);
      auto found = std::find_if(out.begin(), used, [&](const Moved& m) { return m.condition == move.condition; });
      if (found == used) {
        if (count == out.size()) out.emplace_back();
        found = out.begin() + static_cast<std::ptrdiff_t>(count++);
        found->condition = move.condition;
        found->grouped = false;
        found->terms.clear();
      }
      found->grouped = found->grouped || move.term->group >= 0;
      found->terms.push_back(move.term);
    }
  }
}

double Probe::moved_log_odds(const Moved& moved, double base, const Evidence& before, const Evidence& after) const {
  auto condition = static_cast<size_t>(moved.condition);
  if (moved.grouped) return engine::log_odds(engine_.kb().conditions[condition], engine_.index_->models[condition], after);
  // Without dependence groups the log odds are a sum: swap the tried findings' terms.
  auto term = [](const engine::LogRatio& ratio, const Evidence& evidence) {
    const Answer& answer = evidence.answers[static_cast<size_t>(ratio.finding)];
    return answer.known ? ratio.at(answer.value) : 0.0;
  };
  for (const engine::LogRatio* ratio : moved.terms) base += term(*ratio, after) - term(*ratio, before);
  return base;
}

Disposition Probe::try_answers(const std::vector<int>& findings, const std::vector<double>& values) {
  const KnowledgeBase& kb = engine_.kb();
  tried_ = findings;
  moved_by(findings, moved_, moved_count_);
  const std::span<const Moved> moved(moved_.data(), moved_count_);
  trial_open_ready_ = false;
  bool rules = false;
  for (size_t i = 0; i < findings.size(); ++i) {
    trial_.set(findings[i], values[i]);
    trial_closed_.set(findings[i], values[i]);
    rules = rules || engine_.index_->read_by_rules[static_cast<size_t>(findings[i])];
  }
  std::vector<int> trial_warnings;
  std::vector<ScoreResult> scores;  // of trial_, when a rule reads a tried finding
  if (rules) {
    scores = engine::compute_scores(kb, trial_);
    trial_warnings = engine::warning_findings(kb, trial_, &scores);
  }
  trial_rebuilt_ = rules && trial_warnings != warnings_;
  if (trial_rebuilt_) {  // another warning sign fires: its findings leave the suspicion world
    trial_closed_ = engine::closed_world(*engine_.index_, trial_, trial_warnings);
    engine::closed_log_odds(*engine_.index_, trial_, trial_warnings, trial_closed_log_odds_);
  } else {
    for (const Moved& m : moved) {
      auto c = static_cast<size_t>(m.condition);
      trial_closed_log_odds_[c] = moved_log_odds(m, closed_log_odds_[c], closed_, trial_closed_);
    }
  }
  // The interview never tries a test result, but the evidence may hold some: their floor too, and
  // what their pathway steps rule out (a tried answer can move the Wells score, hence the step).
  bool tested = tested_;
  for (int finding : findings) tested = tested || kb.findings[static_cast<size_t>(finding)].investigation();
  if (!tested) {
    Disposition level = rules ? engine::rules_level(kb, *engine_.index_, trial_, scores) : rules_level_;
    return std::max(level, engine::suspicion_level(kb, trial_closed_log_odds_));
  }
  if (!rules) scores = engine::compute_scores(kb, trial_);
  engine::RuledOut ruled;
  Disposition level = engine::rules_level(kb, *engine_.index_, trial_, scores, &ruled);
  Disposition floor = engine_.results_floor(trial_, ruled.conditions);
  return std::max({level, engine::suspicion_level(kb, trial_closed_log_odds_, nullptr, ruled.conditions), floor});
}

const std::vector<double>& Probe::trial_log_odds() {
  if (!trial_open_ready_) {
    for (const Moved& m : std::span<const Moved>(moved_.data(), moved_count_)) {
      auto c = static_cast<size_t>(m.condition);
      trial_log_odds_[c] = moved_log_odds(m, log_odds_[c], evidence_, trial_);
    }
    trial_open_ready_ = true;
  }
  return trial_log_odds_;
}

void Probe::undo() {
  for (int finding : tried_) {
    auto f = static_cast<size_t>(finding);
    trial_.answers[f] = evidence_.answers[f];
    trial_closed_.answers[f] = closed_.answers[f];
  }
  for (const Moved& m : std::span<const Moved>(moved_.data(), moved_count_)) {
    auto c = static_cast<size_t>(m.condition);
    trial_log_odds_[c] = log_odds_[c];
    trial_closed_log_odds_[c] = closed_log_odds_[c];
  }
  if (trial_rebuilt_) {
    trial_closed_ = closed_;
    trial_closed_log_odds_ = closed_log_odds_;
    trial_rebuilt_ = false;
  }
  tried_.clear();
  moved_count_ = 0;
  trial_open_ready_ = false;
}

}  // namespace fossa
