// Reading evidence/*.yaml: the published accuracy figures (fossa/knowledge_base.h, PublishedFigure).
// Every figure must name a condition, a finding (or `prior` for a prevalence), a source that
// exists, a sample size, a population, a setting, where it was seen and how it carries over;
// every number must be a probability or a positive ratio. Unknown keys are errors: a typo never
// drops a figure silently.
#include <set>
#include <vector>

#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {
namespace {

const std::vector<std::string> kKeys = {
    "condition", "finding", "sensitivity", "specificity", "lr_pos", "lr_neg", "prevalence",
    "sensitivity_range", "specificity_range", "prevalence_range", "auc", "applies_to", "n", "population",
    "setting", "source", "seen", "adaptation"};

}  // namespace

void Loader::read_published(KnowledgeBase& kb) {
  for (const auto& path : paths_under("evidence/")) {
    auto root = parse(path);
    if (!root) continue;
    Reader top(path, *root, problems_);
    for (const auto& node : top.list("entries")) {
      Reader reader = top.at(node);
      if (!node.IsMap()) {
        reader.problem("an entry must be a map (condition, finding, figures, source, ...)");
        continue;
      }
      reader.keys(kKeys);
      PublishedFigure figure;
      figure.where = reader.where(node);
      std::string condition = reader.text("condition");
      figure.condition = kb.condition_index(condition);
      if (figure.condition < 0) reader.problem(reader.get("condition"), "unknown condition `" + condition + "`");
      std::string finding = reader.text("finding");
      if (finding != "prior") figure.finding = resolve_finding(reader, reader.get("finding"), finding, kb);
      auto probability = [&](const char* key, std::optional<double>& out) {
        if (!reader.has(key)) return;
        out = reader.number(key);
        if (out && !(*out >= 0 && *out <= 1)) reader.problem(reader.get(key), std::string("`") + key + "` is a proportion from 0 to 1");
      };
      auto range = [&](const char* key, std::optional<double>& out) {
        if (!reader.has(key)) return;
        YAML::Node pair = reader.get(key);
        double low = -1;
        double high = -1;
        if (pair.IsSequence() && pair.size() == 2 && pair[0].IsScalar() && pair[1].IsScalar() &&
            !(YAML::convert<double>::decode(pair[0], low) && YAML::convert<double>::decode(pair[1], high))) {
          low = high = -1;
        }
        if (!(low >= 0 && high <= 1 && low <= high)) {
          reader.problem(pair, std::string("`") + key + "` is [low, high], proportions from 0 to 1");
          return;
        }
        if (out) reader.problem(pair, std::string("give `") + key + "` or the single figure, not both");
        out = (low + high) / 2;
      };
      probability("sensitivity", figure.sensitivity);
      probability("specificity", figure.specificity);
      probability("prevalence", figure.prevalence);
      probability("auc", figure.auc);
      range("sensitivity_range", figure.sensitivity);
      range("specificity_range", figure.specificity);
      range("prevalence_range", figure.prevalence);
      for (auto [key, out] : {std::pair{"lr_pos", &figure.lr_pos}, std::pair{"lr_neg", &figure.lr_neg}}) {
        if (!reader.has(key)) continue;
        *out = reader.number(key);
        if (*out && !(**out > 0 && **out <= 1000)) reader.problem(reader.get(key), std::string("`") + key + "` is a ratio above 0");
      }
      bool figures = figure.sensitivity || figure.specificity || figure.lr_pos || figure.lr_neg || figure.prevalence || figure.auc;
      if (!figures) reader.problem("no figure: give sensitivity, specificity, lr_pos, lr_neg, prevalence or auc");
      if (figure.finding < 0 && finding == "prior" && !figure.prevalence) reader.problem("a `prior` entry gives a `prevalence`");
      std::string applies = reader.text("applies_to", false);
      if (applies == "without_condition") {
        figure.applies = PublishedFigure::Applies::kWithoutCondition;
      } else if (applies == "target_not_in_vocabulary") {
        figure.applies = PublishedFigure::Applies::kOtherTarget;
      } else if (!applies.empty()) {
        reader.problem(reader.get("applies_to"), "`applies_to` is without_condition or target_not_in_vocabulary");
      }
      figure.n = reader.text("n");
      figure.population = reader.text("population");
      figure.setting = reader.text("setting");
      figure.seen = reader.text("seen");
      figure.adaptation = reader.text("adaptation");
      figure.source = reader.text("source");
      cited_.emplace_back(figure.source, figure.where);
      kb.published.mutable_get().push_back(std::move(figure));
    }
  }
}

}  // namespace fossa::kb

namespace fossa::kb {

// fitted.yaml (written by `fossa kb fit`, docs/evidence.md): optional; every pair names a condition,
// a yes/no finding, the fitted ratios and their provenance.
std::vector<FittedLikelihood> Loader::read_fitted(const KnowledgeBase& kb) {
  std::vector<FittedLikelihood> out;
  const std::string path = "fitted.yaml";
  if (!files_.count(path)) return out;
  auto root = parse(path);
  if (!root) return out;
  Reader top(path, *root, problems_);
  top.keys({"fit"});  // the settings of the fit that wrote the file, for a reader
  std::set<std::pair<int, int>> seen;
  for (const auto& node : top.list("likelihoods")) {
    Reader reader = top.at(node);
    FittedLikelihood pair;
    std::string condition = reader.text("condition");
    pair.condition = kb.condition_index(condition);
    if (pair.condition < 0) reader.problem(reader.get("condition"), "unknown condition `" + condition + "`");
    pair.finding = resolve_finding(reader, reader.get("finding"), reader.text("finding"), kb);
    if (pair.finding >= 0 && kb.findings[static_cast<size_t>(pair.finding)].type != FindingType::kBool) {
      reader.problem(reader.get("finding"), "only yes/no findings are fitted");
    }
    pair.sensitivity = reader.number("sensitivity").value_or(0.5);
    pair.false_positive = reader.number("false_positive").value_or(0.5);
    pair.lr_pos = reader.number("lr_pos").value_or(1);
    pair.lr_neg = reader.number("lr_neg").value_or(1);
    for (double p : {pair.sensitivity, pair.false_positive}) {
      if (!(p > 0 && p < 1)) reader.problem("sensitivity and false_positive lie strictly between 0 and 1");
    }
    for (double ratio : {pair.lr_pos, pair.lr_neg}) {
      if (!(ratio > 0 && ratio <= 1000)) reader.problem("a likelihood ratio lies above 0 and at most 1000");
    }
    auto provenance = parse_provenance(reader.text("provenance"));
    if (!provenance) reader.problem(reader.get("provenance"), "`provenance` is published, fitted or estimate");
    pair.provenance = provenance.value_or(FittedLikelihood::Provenance::kEstimate);
    pair.cases_present = reader.integer("cases_present", 0, 1000000).value_or(0);
    pair.cases_recorded = reader.integer("cases_recorded", 0, 1000000).value_or(0);
    if (pair.cases_present > pair.cases_recorded) reader.problem(reader.get("cases_present"), "`cases_present` cannot exceed `cases_recorded`");
    pair.sources = reader.texts("sources");
    for (const auto& id : pair.sources) cited_.emplace_back(id, reader.where(node));
    if (!seen.insert({pair.condition, pair.finding}).second) reader.problem("this condition and finding are fitted twice");
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace fossa::kb
