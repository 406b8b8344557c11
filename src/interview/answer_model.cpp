#include "interview/answer_model.h"

#include <algorithm>
#include <cmath>

namespace fossa::interview {
namespace {

constexpr double kFloor = 0.001;  // no answer is impossible: a rare answer still weighs a little
constexpr double kCeiling = 0.999;

double clamp(double probability) { return std::clamp(probability, kFloor, kCeiling); }

// P(present | condition) from the ratios of a yes/no finding and its base rate. The base rate is
// taken as the finding's frequency without the condition, so P(present | condition) = base rate x
// LR+; when both ratios are given, never more than the sensitivity they imply together
// (LR+ = s / (1 - sp) and LR- = (1 - s) / sp solved for s), which keeps a strong ratio on a common
// finding below 1. Weak ratios near 1 say little about the sensitivity, so they only scale the base
// rate.
double sensitivity(const Likelihood& likelihood, double base_rate) {
  double positive = likelihood.lr_present;
  double negative = likelihood.lr_absent;
  if (positive == 1.0) return clamp(negative == 1.0 ? base_rate : 1.0 - negative * (1.0 - base_rate));
  double scaled = positive * base_rate;
  if (positive > 1.0 && negative < 1.0) scaled = std::min(scaled, positive * (1.0 - negative) / (positive - negative));
  return clamp(scaled);
}

}  // namespace

AnswerModel::AnswerModel(const KnowledgeBase& kb) {
  const InterviewPlan& plan = kb.interview;
  present_given.resize(kb.conditions.size());
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    present_given[c].resize(kb.findings.size());
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      present_given[c][f] = clamp(f < plan.base_rate.size() ? plan.base_rate[f] : 0.1);
    }
    for (const Likelihood& likelihood : kb.conditions[c].likelihoods) {
      auto f = static_cast<size_t>(likelihood.finding);
      if (kb.findings[f].type != FindingType::kBool) continue;
      present_given[c][f] = sensitivity(likelihood, present_given[c][f]);
    }
  }
  number_given.assign(kb.conditions.size(), std::vector<std::vector<double>>(kb.findings.size()));
  for (size_t f = 0; f < kb.findings.size() && f < plan.number_answers.size(); ++f) {
    const auto& answers = plan.number_answers[f];
    if (answers.values.empty()) continue;
    for (size_t c = 0; c < kb.conditions.size(); ++c) {
      const Likelihood* ratio = nullptr;
      for (const Likelihood& likelihood : kb.conditions[c].likelihoods) {
        if (likelihood.finding == static_cast<int>(f)) ratio = &likelihood;
      }
      auto& given = number_given[c][f];
      double total = 0;
      for (size_t k = 0; k < answers.values.size(); ++k) {
        double weight = answers.rates[k] * (ratio ? ratio->ratio(answers.values[k]) : 1.0);
        given.push_back(weight);
        total += weight;
      }
      for (double& p : given) p = total > 0 ? p / total : 1.0 / static_cast<double>(given.size());
    }
  }
  opens.resize(kb.findings.size());
  for (size_t g = 0; g < plan.questions.size(); ++g) {
    std::vector<int> read = findings_read(plan.questions[g].ask_when);
    std::sort(read.begin(), read.end());
    read.erase(std::unique(read.begin(), read.end()), read.end());
    for (int finding : read) opens[static_cast<size_t>(finding)].push_back(static_cast<int>(g));
  }
}

std::vector<Outcome> outcomes(const std::vector<int>& findings, const std::vector<double>& weights,
                              const std::vector<std::vector<double>>& present_given) {
  const size_t n = findings.size();
  std::vector<unsigned> masks;
  if (n <= 3) {
    for (unsigned mask = 0; mask < (1u << n); ++mask) masks.push_back(mask);
  } else {
    masks.push_back(0);
    for (size_t i = 0; i < n; ++i) masks.push_back(1u << i);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) masks.push_back((1u << i) | (1u << j));
    }
  }
  std::vector<Outcome> out;
  out.reserve(masks.size());
  double total = 0;
  for (unsigned mask : masks) {
    Outcome outcome;
    outcome.present = mask;
    outcome.posterior.resize(weights.size());
    for (size_t c = 0; c < weights.size(); ++c) {
      double given = weights[c];
      for (size_t i = 0; i < n; ++i) {
        double present = present_given[c][static_cast<size_t>(findings[i])];
        given *= (mask >> i) & 1u ? present : 1.0 - present;
      }
      outcome.posterior[c] = given;
      outcome.probability += given;
    }
    if (outcome.probability > 0) {
      for (double& weight : outcome.posterior) weight /= outcome.probability;
    }
    total += outcome.probability;
    out.push_back(std::move(outcome));
  }
  if (total > 0) {
    for (Outcome& outcome : out) outcome.probability /= total;
  }
  return out;
}

std::vector<Outcome> number_outcomes(int finding, const std::vector<double>& weights, const AnswerModel& model,
                                     const KnowledgeBase& kb) {
  const auto& answers = kb.interview.number_answers[static_cast<size_t>(finding)];
  std::vector<Outcome> out(answers.values.size());
  for (size_t k = 0; k < answers.values.size(); ++k) {
    Outcome& outcome = out[k];
    outcome.number = answers.values[k];
    outcome.posterior.resize(weights.size());
    for (size_t c = 0; c < weights.size(); ++c) {
      outcome.posterior[c] = weights[c] * model.number_given[c][static_cast<size_t>(finding)][k];
      outcome.probability += outcome.posterior[c];
    }
    if (outcome.probability > 0) {
      for (double& weight : outcome.posterior) weight /= outcome.probability;
    }
  }
  return out;
}

double leading_entropy(const std::vector<double>& weights, const std::vector<int>& leading) {
  double rest = 1.0;
  double entropy = 0;
  auto add = [&entropy](double p) {
    if (p > 0) entropy -= p * std::log2(p);
  };
  for (int c : leading) {
    double p = weights[static_cast<size_t>(c)];
    rest -= p;
    add(p);
  }
  add(std::max(rest, 0.0));
  return entropy;
}

}  // namespace fossa::interview
