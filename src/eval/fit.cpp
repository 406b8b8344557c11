// `fossa kb fit` (fossa/fit.h, docs/evidence.md): Beta posteriors for the sensitivity and the
// false-positive rate of every yes/no pair, from published figures or estimates and the corpus.
#include "fossa/fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "fossa/engine.h"

namespace fossa {
namespace {

// One person of the corpus: the evidence of every case with their id, merged (a presentation and
// its work-up), and the diagnosis.
struct Person {
  std::string id;
  int diagnosis = -1;
  Evidence evidence;
};

std::vector<Person> people_of(const std::vector<Case>& cases) {
  std::map<std::string, size_t> index;
  std::vector<Person> out;
  for (const Case& c : cases) {
    if (!c.expected_diagnosis) continue;
    auto [found, added] = index.emplace(c.id.empty() ? "#" + std::to_string(out.size()) : c.id, out.size());
    if (added) out.push_back({found->first, *c.expected_diagnosis, c.evidence});
    Person& person = out[found->second];
    for (size_t f = 0; f < c.evidence.answers.size(); ++f) {
      if (c.evidence.answers[f].known) person.evidence.answers[f] = c.evidence.answers[f];
    }
  }
  return out;
}

// The sensitivity and false-positive rate two ratios imply (LR+ = s / q, LR- = (1 - s) / (1 - q)).
// When one ratio is 1 the other alone cannot fix both: q is then the finding's base rate.
std::pair<double, double> from_ratios(double lr_pos, double lr_neg, double base_rate) {
  if (lr_pos != 1 && lr_neg != 1 && lr_pos != lr_neg) {
    double s = lr_pos * (1 - lr_neg) / (lr_pos - lr_neg);
    return {s, s / lr_pos};
  }
  if (lr_pos != 1) return {lr_pos * base_rate, base_rate};
  return {1 - lr_neg * (1 - base_rate), base_rate};
}

double clamp(double p) { return std::clamp(p, 0.005, 0.995); }

uint64_t fnv1a(const std::string& text) {
  uint64_t hash = 1469598103934665603ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string number(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%.4g", value);
  return out;
}

}  // namespace

std::vector<FittedLikelihood> fit_likelihoods(const KnowledgeBase& base, const std::vector<Case>& cases,
                                              const FitOptions& options) {
  std::vector<Person> people = people_of(cases);
  const size_t conditions = base.conditions.size();
  const size_t findings = base.findings.size();
  // Per condition and finding: recorded and present counts in the corpus.
  std::vector<std::vector<int>> recorded(conditions, std::vector<int>(findings, 0));
  std::vector<std::vector<int>> present(conditions, std::vector<int>(findings, 0));
  for (const Person& person : people) {
    auto c = static_cast<size_t>(person.diagnosis);
    for (size_t f = 0; f < findings; ++f) {
      if (!person.evidence.answers[f].known || base.findings[f].type != FindingType::kBool) continue;
      ++recorded[c][f];
      if (person.evidence.answers[f].value != 0) ++present[c][f];
    }
  }
  std::vector<FittedLikelihood> out;
  for (size_t c = 0; c < conditions; ++c) {
    const Condition& condition = base.conditions[c];
    for (size_t f = 0; f < findings; ++f) {
      if (base.findings[f].type != FindingType::kBool) continue;
      const int finding = static_cast<int>(f);
      const double base_rate = clamp(f < base.interview.base_rate.size() ? base.interview.base_rate[f] : 0.1);
      const Likelihood* estimate = nullptr;
      for (const Likelihood& likelihood : condition.likelihoods) {
        if (likelihood.finding == finding) estimate = &likelihood;
      }
      // The published figures for this pair.
      std::vector<double> sensitivities;
      std::vector<double> false_positives;
      std::set<std::string> sources;
      for (const PublishedFigure& figure : base.published.get()) {
        if (figure.condition != static_cast<int>(c) || figure.finding != finding) continue;
        if (figure.applies == PublishedFigure::Applies::kOtherTarget) continue;
        // How often a test result is positive in a series of people with the condition is its
        // sensitivity (without it, its false-positive rate). A history or examination finding's
        // prevalence in a case series is not: series report what drew attention.
        const bool test_prevalence = figure.prevalence && base.findings[f].investigation();
        if (figure.applies == PublishedFigure::Applies::kWithoutCondition) {
          if (figure.sensitivity) false_positives.push_back(*figure.sensitivity);
          else if (test_prevalence) false_positives.push_back(*figure.prevalence);
          else continue;
        } else if (test_prevalence && !figure.sensitivity && !figure.specificity) {
          sensitivities.push_back(*figure.prevalence);
        } else if (figure.sensitivity || figure.specificity) {
          if (figure.sensitivity) sensitivities.push_back(*figure.sensitivity);
          if (figure.specificity) false_positives.push_back(1 - *figure.specificity);
        } else if (figure.lr_pos && figure.lr_neg) {
          auto [s, q] = from_ratios(*figure.lr_pos, *figure.lr_neg, base_rate);
          sensitivities.push_back(s);
          false_positives.push_back(q);
        } else if (figure.lr_pos || figure.lr_neg) {
          auto [s, q] = from_ratios(figure.lr_pos.value_or(1), figure.lr_neg.value_or(1), base_rate);
          sensitivities.push_back(s);
        } else {
          continue;  // a prevalence or an AUC says nothing of this pair's ratios
        }
        sources.insert(figure.source);
      }
      // A ratio the condition file cites counts as published.
      bool cited = estimate && !estimate->provenance.sources.empty();
      if (cited) sources.insert(estimate->provenance.sources.begin(), estimate->provenance.sources.end());
      const int n = recorded[c][f];
      if (sources.empty() && (!options.fit_estimates || (!estimate && n < options.min_cases))) continue;
      if (!options.history && !base.findings[f].investigation() && !options.fit_estimates) continue;

      auto [s_estimate, q_estimate] = estimate ? from_ratios(estimate->lr_present, estimate->lr_absent, base_rate)
                                               : std::pair<double, double>{base_rate, base_rate};
      auto mean = [](const std::vector<double>& values) {
        double total = 0;
        for (double value : values) total += value;
        return total / static_cast<double>(values.size());
      };
      const bool published_s = !sensitivities.empty() || cited;
      double s0 = clamp(!sensitivities.empty() ? mean(sensitivities) : s_estimate);
      double q0 = clamp(!false_positives.empty() ? mean(false_positives) : q_estimate);
      double weight_s = published_s ? options.published_weight : options.estimate_weight;
      // The corpus moves the sensitivity only: case reports are chosen for their diagnosis and
      // mention a finding mostly when it is there, so the other conditions' reports say nothing
      // reliable of how often it comes without the condition (q stays published or estimated).
      double s = clamp((s0 * weight_s + present[c][f]) / (weight_s + n));
      double q = q0;
      FittedLikelihood pair;
      pair.condition = static_cast<int>(c);
      pair.finding = finding;
      pair.sensitivity = s;
      pair.false_positive = q;
      const double floor = options.ratio_floor;
      pair.lr_pos = std::clamp(s / q, floor, 1 / floor);
      pair.lr_neg = std::clamp((1 - s) / (1 - q), floor, 1 / floor);
      pair.cases_present = present[c][f];
      pair.cases_recorded = n;
      pair.sources.assign(sources.begin(), sources.end());
      pair.provenance = !sources.empty()            ? FittedLikelihood::Provenance::kPublished
                        : n >= options.min_cases    ? FittedLikelihood::Provenance::kFitted
                                                    : FittedLikelihood::Provenance::kEstimate;
      out.push_back(std::move(pair));
    }
  }
  return out;
}

std::string fitted_yaml(const std::vector<FittedLikelihood>& fitted, const KnowledgeBase& base, const FitOptions& options,
                        const std::vector<std::string>& case_files) {
  std::string out =
      "# Generated by `fossa kb fit` (docs/evidence.md): do not edit. Change an estimate in conditions/,\n"
      "# a published figure in evidence/ or a case of the corpus, then run the fit again (make fit).\n"
      "# Each pair: the fitted sensitivity and false-positive rate, the ratios the engine uses, their\n"
      "# provenance (published: a published figure is the prior; fitted: the estimate moved by at least\n"
      "# min_cases cases; estimate: neither), the corpus cases of the condition that record the finding\n"
      "# and those where it was present, and the sources.\n";
  out += "fit:\n  published_weight: " + number(options.published_weight) + "\n  estimate_weight: " +
         number(options.estimate_weight) + "\n  min_cases: " +
         std::to_string(options.min_cases) + "\n  fit_estimates: " + (options.fit_estimates ? "true" : "false") + "\n  history: " + (options.history ? "true" : "false") + "\n  ratio_floor: " + number(options.ratio_floor) + "\n  cases: [";
  for (size_t i = 0; i < case_files.size(); ++i) out += (i ? ", " : "") + case_files[i];
  out += "]\nlikelihoods:\n";
  for (const FittedLikelihood& pair : fitted) {
    out += "  - {condition: " + base.conditions[static_cast<size_t>(pair.condition)].id +
           ", finding: " + base.findings[static_cast<size_t>(pair.finding)].id + ", lr_pos: " + number(pair.lr_pos) +
           ", lr_neg: " + number(pair.lr_neg) + ", sensitivity: " + number(pair.sensitivity) +
           ", false_positive: " + number(pair.false_positive) + ", provenance: " +
           std::string(provenance_id(pair.provenance)) + ", cases_present: " + std::to_string(pair.cases_present) +
           ", cases_recorded: " + std::to_string(pair.cases_recorded) + ", sources: [";
    for (size_t i = 0; i < pair.sources.size(); ++i) out += (i ? ", " : "") + pair.sources[i];
    out += "]}\n";
  }
  return out;
}

CrossValidation cross_validate(const KnowledgeBase& base, const std::vector<Case>& cases, int folds,
                               const FitOptions& options) {
  CrossValidation out;
  out.folds = folds;
  std::vector<CaseOutcome> presentation;
  std::vector<CaseOutcome> workup;
  auto fold_of = [folds](const Case& c) { return static_cast<int>(fnv1a(c.id) % static_cast<uint64_t>(folds)); };
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<Case> training;
    std::vector<Case> held_out;
    for (const Case& c : cases) (fold_of(c) == fold ? held_out : training).push_back(c);
    auto fitted = with_fitted(base, fit_likelihoods(base, training, options));
    Engine engine(fitted);
    Metrics metrics = evaluate(engine, held_out);
    for (size_t i = 0; i < held_out.size(); ++i) {
      const Case& c = held_out[i];
      CaseOutcome& outcome = metrics.outcomes[i];
      bool tested = false;
      for (size_t f = 0; f < c.evidence.answers.size(); ++f) {
        tested = tested || (c.evidence.answers[f].known && base.findings[f].investigation());
      }
      (tested ? workup : presentation).push_back(std::move(outcome));
    }
  }
  out.presentation = summarise(std::move(presentation));
  out.workup = summarise(std::move(workup));
  return out;
}

}  // namespace fossa
