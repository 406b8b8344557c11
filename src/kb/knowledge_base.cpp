#include "fossa/knowledge_base.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fossa {
namespace {

template <typename Index>
int lookup(const Index& index, std::string_view id) {
  auto found = index.find(id);
  return found == index.end() ? -1 : found->second;
}

}  // namespace

int KnowledgeBase::finding_index(std::string_view id) const { return lookup(finding_by_id_, id); }
int KnowledgeBase::condition_index(std::string_view id) const { return lookup(condition_by_id_, id); }
int KnowledgeBase::score_index(std::string_view id) const { return lookup(score_by_id_, id); }

const Definition* KnowledgeBase::definition(std::string_view id) const {
  for (const Definition& entry : definitions) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

double Likelihood::ratio(double value) const {
  switch (type) {
    case FindingType::kBool:
      return value != 0 ? lr_present : lr_absent;
    case FindingType::kNumber:
      for (const auto& band : bands) {
        if (value < band.below) return band.ratio;
      }
      return 1.0;
    case FindingType::kEnum: {
      if (value < 0) return 1.0;
      auto index = static_cast<size_t>(value);
      return index < value_ratio.size() ? value_ratio[index] : 1.0;
    }
  }
  return 1.0;
}

std::vector<int> findings_read(const Expression& expression) {
  using Kind = Expression::Kind;
  std::vector<int> out;
  auto walk = [&out](const Expression& node, auto& self) -> void {
    bool atom = node.kind == Kind::kPresent || node.kind == Kind::kCompare || node.kind == Kind::kEquals ||
                node.kind == Kind::kKnown || node.kind == Kind::kAbsent;
    if (atom && node.index >= 0) out.push_back(node.index);
    for (const Expression& child : node.children) self(child, self);
  };
  walk(expression, walk);
  return out;
}

std::string_view provenance_id(FittedLikelihood::Provenance provenance) {
  switch (provenance) {
    case FittedLikelihood::Provenance::kPublished: return "published";
    case FittedLikelihood::Provenance::kFitted: return "fitted";
    case FittedLikelihood::Provenance::kEstimate: return "estimate";
  }
  return "estimate";
}

std::optional<FittedLikelihood::Provenance> parse_provenance(std::string_view id) {
  for (auto provenance : {FittedLikelihood::Provenance::kPublished, FittedLikelihood::Provenance::kFitted,
                          FittedLikelihood::Provenance::kEstimate}) {
    if (provenance_id(provenance) == id) return provenance;
  }
  return std::nullopt;
}

std::shared_ptr<KnowledgeBase> with_fitted(const KnowledgeBase& base, std::vector<FittedLikelihood> fitted) {
  auto out = std::make_shared<KnowledgeBase>(base);
  for (const FittedLikelihood& pair : fitted) {
    Condition& condition = out->conditions[static_cast<size_t>(pair.condition)];
    auto found = std::find_if(condition.likelihoods.begin(), condition.likelihoods.end(),
                              [&](const Likelihood& likelihood) { return likelihood.finding == pair.finding; });
    if (found == condition.likelihoods.end()) {
      Likelihood added;
      added.finding = pair.finding;
      added.type = FindingType::kBool;
      found = condition.likelihoods.insert(condition.likelihoods.end(), added);
    }
    found->lr_present = pair.lr_pos;
    found->lr_absent = pair.lr_neg;
    found->provenance.sources = pair.sources;
    found->provenance.estimate = std::string(provenance_id(pair.provenance)) + " (knowledge/fitted.yaml)";
  }
  out->fitted = std::move(fitted);
  return out;
}

const DispositionInfo& KnowledgeBase::disposition(Disposition level) const {
  return dispositions[static_cast<size_t>(level) - 1];
}

void KnowledgeBase::build_indexes() {
  finding_by_id_.clear();
  condition_by_id_.clear();
  score_by_id_.clear();
  for (size_t i = 0; i < findings.size(); ++i) finding_by_id_.emplace(findings[i].id, static_cast<int>(i));
  for (size_t i = 0; i < conditions.size(); ++i) condition_by_id_.emplace(conditions[i].id, static_cast<int>(i));
  for (size_t i = 0; i < scores.size(); ++i) score_by_id_.emplace(scores[i].id, static_cast<int>(i));
}

std::string_view finding_type_id(FindingType type) {
  switch (type) {
    case FindingType::kBool: return "bool";
    case FindingType::kNumber: return "number";
    case FindingType::kEnum: return "enum";
  }
  return "bool";
}

std::string_view disposition_id(Disposition level) {
  switch (level) {
    case Disposition::kSelfCare: return "self_care";
    case Disposition::kRoutine: return "routine";
    case Disposition::kSameDay: return "same_day";
    case Disposition::kEmergency: return "emergency";
    case Disposition::kAmbulance: return "ambulance";
  }
  return "routine";
}

std::optional<Disposition> parse_disposition(std::string_view id) {
  for (int rank = 1; rank <= 5; ++rank) {
    auto level = static_cast<Disposition>(rank);
    if (disposition_id(level) == id) return level;
  }
  return std::nullopt;
}

}  // namespace fossa

namespace fossa {

std::string answer_label(const Finding& finding, double value) {
  if (finding.type == FindingType::kBool) return value != 0 ? finding.label : finding.label_absent;
  std::string shown;
  if (finding.type == FindingType::kEnum) {
    auto index = static_cast<size_t>(value);
    shown = index < finding.values.size() ? finding.values[index] : "?";
  } else {
    char number[32];
    std::snprintf(number, sizeof number, "%g", value);
    shown = number;
  }
  std::string out = finding.label;
  auto at = out.find("{}");
  return at == std::string::npos ? out : out.replace(at, 2, shown);
}

}  // namespace fossa
