#include "fossa/evaluation.h"

#include "eval/json_lines.h"
#include "eval/outcome.h"
#include "fossa/input.h"
#include "fossa/json_writer.h"

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>

namespace fossa {

Result<std::vector<Case>> read_cases(const std::string& path, const KnowledgeBase& kb) {
  return eval::read_json_lines<Case>(
      path, "the case file", [&](const std::string& line) { return parse_case(line, kb); },
      [](Case& c, size_t number) {
        if (c.id.empty()) c.id = "line " + std::to_string(number);
      });
}

bool Metrics::correct(const CaseOutcome& outcome) const {
  bool diagnosis_ok = outcome.expected_diagnosis < 0 || outcome.rank == 1;
  bool disposition_ok = !outcome.expected_disposition || *outcome.expected_disposition == outcome.disposition;
  return diagnosis_ok && disposition_ok;
}

namespace {

void summarise_calibration(const std::vector<CaseOutcome>& outcomes, Metrics& metrics) {
  static const double kEdges[] = {0.0, 0.1, 0.3, 0.5, 0.7, 1.0};
  constexpr size_t kBands = 5;
  metrics.calibration.assign(kBands, {});
  double squared_error = 0;
  size_t pairs = 0;
  for (size_t b = 0; b < kBands; ++b) {
    metrics.calibration[b].from = kEdges[b];
    metrics.calibration[b].to = kEdges[b + 1];
  }
  for (const auto& outcome : outcomes) {
    if (outcome.expected_diagnosis < 0) continue;
    for (size_t c = 0; c < outcome.probabilities.size(); ++c) {
      double p = outcome.probabilities[c];
      double y = static_cast<int>(c) == outcome.expected_diagnosis ? 1.0 : 0.0;
      size_t b = 0;
      while (b + 1 < kBands && p >= kEdges[b + 1]) ++b;
      CalibrationBand& band = metrics.calibration[b];
      ++band.pairs;
      band.predicted += p;
      band.observed += y;
      squared_error += (p - y) * (p - y);
      ++pairs;
    }
  }
  for (auto& band : metrics.calibration) {
    if (band.pairs == 0) continue;
    band.predicted /= static_cast<double>(band.pairs);
    band.observed /= static_cast<double>(band.pairs);
  }
  metrics.brier = pairs ? squared_error / static_cast<double>(pairs) : 0.0;
}

}  // namespace

Metrics summarise(std::vector<CaseOutcome> outcomes) {
  Metrics metrics;
  metrics.cases = outcomes.size();
  size_t diagnosed = 0, top1 = 0, top3 = 0, triaged = 0, exact = 0, under = 0, over = 0;
  for (const auto& outcome : outcomes) {
    if (outcome.expected_diagnosis >= 0) {
      ++diagnosed;
      top1 += outcome.rank == 1 ? 1 : 0;
      top3 += (outcome.rank >= 1 && outcome.rank <= 3) ? 1 : 0;
    }
    if (outcome.expected_disposition) {
      ++triaged;
      Disposition expected = *outcome.expected_disposition;
      exact += outcome.disposition == expected ? 1 : 0;
      under += outcome.disposition < expected ? 1 : 0;
      over += outcome.disposition > expected ? 1 : 0;
      if (expected >= Disposition::kSameDay && outcome.disposition < expected) ++metrics.unsafe;
    }
  }
  auto share = [](size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; };
  metrics.top1 = share(top1, diagnosed);
  metrics.top3 = share(top3, diagnosed);
  metrics.disposition_exact = share(exact, triaged);
  metrics.under_triage = share(under, triaged);
  metrics.over_triage = share(over, triaged);
  summarise_calibration(outcomes, metrics);
  metrics.outcomes = std::move(outcomes);
  return metrics;
}

namespace eval {

CaseOutcome outcome_of(const Case& c, const Assessment& assessment) {
  CaseOutcome outcome;
  outcome.id = c.id;
  outcome.expected_diagnosis = c.expected_diagnosis.value_or(-1);
  outcome.top_condition = assessment.differential.front().condition;
  for (size_t i = 0; i < assessment.differential.size(); ++i) {
    if (assessment.differential[i].condition == outcome.expected_diagnosis) outcome.rank = static_cast<int>(i) + 1;
  }
  outcome.expected_disposition = c.expected_disposition;
  outcome.disposition = assessment.disposition;
  outcome.probabilities.assign(assessment.differential.size(), 0.0);
  for (const auto& ranked : assessment.differential) {
    outcome.probabilities[static_cast<size_t>(ranked.condition)] = ranked.probability;
  }
  return outcome;
}

}  // namespace eval

Metrics evaluate(const Engine& engine, const std::vector<Case>& cases) {
  std::vector<CaseOutcome> outcomes;
  for (const Case& c : cases) outcomes.push_back(eval::outcome_of(c, engine.assess(c.evidence)));
  return summarise(std::move(outcomes));
}

std::string metrics_json(const Metrics& metrics) {
  boost::json::object out;
  out["cases"] = metrics.cases;
  out["top1"] = metrics.top1;
  out["top3"] = metrics.top3;
  out["disposition_exact"] = metrics.disposition_exact;
  out["under_triage"] = metrics.under_triage;
  out["over_triage"] = metrics.over_triage;
  out["unsafe"] = metrics.unsafe;
  out["brier"] = metrics.brier;
  boost::json::array calibration;
  for (const auto& band : metrics.calibration) {
    calibration.push_back({{"from", band.from}, {"to", band.to}, {"pairs", band.pairs},
                           {"predicted", band.predicted}, {"observed", band.observed}});
  }
  out["calibration"] = std::move(calibration);
  if (metrics.interview) {
    out["questions_median"] = metrics.questions_median;
    out["questions_mean"] = metrics.questions_mean;
    out["questions_median_emergency"] = metrics.questions_median_emergency;
    out["findings_recall"] = metrics.findings_recall;
  }
  return to_json(out);
}

std::string metrics_text(const Metrics& metrics, const KnowledgeBase& kb) {
  char line[256];
  std::string out;
  std::snprintf(line, sizeof line,
                "cases %zu  top1 %.3f  top3 %.3f  disposition_exact %.3f  under_triage %.3f  over_triage %.3f  unsafe %zu\n",
                metrics.cases, metrics.top1, metrics.top3, metrics.disposition_exact, metrics.under_triage,
                metrics.over_triage, metrics.unsafe);
  out += line;
  if (metrics.interview) {
    std::snprintf(line, sizeof line,
                  "questions_median %.1f  questions_mean %.2f  questions_median_emergency %.1f  findings_recall %.3f\n",
                  metrics.questions_median, metrics.questions_mean, metrics.questions_median_emergency,
                  metrics.findings_recall);
    out += line;
  }
  std::snprintf(line, sizeof line, "calibration (brier %.4f): band, pairs, mean predicted, share that is the diagnosis\n",
                metrics.brier);
  out += line;
  for (const auto& band : metrics.calibration) {
    std::snprintf(line, sizeof line, "  %.1f-%.1f  %5zu  %.3f  %.3f\n", band.from, band.to, band.pairs, band.predicted,
                  band.observed);
    out += line;
  }
  std::string table;
  for (const auto& outcome : metrics.outcomes) {
    if (metrics.correct(outcome)) continue;
    auto name = [&](int index) { return index < 0 ? std::string("-") : kb.conditions[static_cast<size_t>(index)].id; };
    std::snprintf(line, sizeof line, "%-8s %-28s %-28s %4d  %-10s %-10s\n", outcome.id.c_str(),
                  name(outcome.expected_diagnosis).c_str(), name(outcome.top_condition).c_str(), outcome.rank,
                  outcome.expected_disposition ? std::string(disposition_id(*outcome.expected_disposition)).c_str() : "-",
                  std::string(disposition_id(outcome.disposition)).c_str());
    table += line;
  }
  if (!table.empty()) {
    std::snprintf(line, sizeof line, "\nwrong cases:\n%-8s %-28s %-28s %4s  %-10s %-10s\n", "id", "expected", "ranked first",
                  "rank", "expected", "given");
    out += line + table;
  }
  return out;
}

}  // namespace fossa
