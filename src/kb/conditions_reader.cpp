// Reading conditions/*.yaml: names, codes, prior and likelihood ratios of each condition.
#include <algorithm>
#include <cmath>
#include <set>

#include "fossa/text.h"
#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {

Likelihood Loader::read_likelihood(const Reader& reader, const KnowledgeBase& kb, Condition& condition) {
  Likelihood out;
  std::string id = reader.text("finding");
  out.finding = resolve_finding(reader, reader.get("finding"), id, kb);
  out.provenance = reader.provenance();
  note_sources(out.provenance);
  if (out.finding < 0) return out;
  const Finding& finding = kb.findings[static_cast<size_t>(out.finding)];
  out.type = finding.type;
  auto check_ratio = [&](double ratio, const YAML::Node& at) {
    if (!(ratio > 0) || !std::isfinite(ratio) || ratio > 1000) {
      reader.problem(at, "likelihood ratio must be above 0 and at most 1000");
    }
  };
  if (finding.type == FindingType::kBool) {
    if (reader.has("sensitivity") || reader.has("specificity")) {
      double sensitivity = reader.number("sensitivity").value_or(0.5);
      double specificity = reader.number("specificity").value_or(0.5);
      if (sensitivity <= 0 || sensitivity >= 1 || specificity <= 0 || specificity >= 1) {
        reader.problem("sensitivity and specificity must lie strictly between 0 and 1");
      } else {
        out.lr_present = sensitivity / (1 - specificity);
        out.lr_absent = (1 - sensitivity) / specificity;
      }
    } else {
      out.lr_present = reader.number("lr_pos").value_or(1);
      out.lr_absent = reader.number("lr_neg").value_or(1);
      check_ratio(out.lr_present, reader.get("lr_pos"));
      check_ratio(out.lr_absent, reader.get("lr_neg"));
      if ((out.lr_present - 1) * (out.lr_absent - 1) > 0) {
        reader.problem("lr_pos and lr_neg point the same way (both above or both below 1): a "
                       "finding cannot make a condition more likely both when present and absent");
      }
    }
  } else if (finding.type == FindingType::kNumber) {
    auto bands = reader.list("bands");
    double previous = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < bands.size(); ++i) {
      Reader band_reader = reader.at(bands[i]);
      Likelihood::Band band;
      band.ratio = band_reader.number("lr").value_or(1);
      check_ratio(band.ratio, bands[i]);
      bool last = i + 1 == bands.size();
      if (!last) band.below = band_reader.number("below").value_or(0);
      if (last && band_reader.has("below")) band_reader.problem("the last band is open: remove `below`");
      if (band.below <= previous) band_reader.problem("bands must be in increasing order of `below`");
      previous = band.below;
      out.bands.push_back(band);
    }
  } else {
    out.value_ratio.assign(finding.values.size(), 1.0);
    for (const auto& [key, ratio_node] : reader.entries("values")) {
      std::string value = key.Scalar();
      auto found = std::find(finding.values.begin(), finding.values.end(), value);
      if (found == finding.values.end()) {
        reader.problem(key, "`" + value + "` is not a value of `" + id + "`: use " + text::join_or(finding.values));
        continue;
      }
      double ratio = 0;
      if (!ratio_node.IsScalar() || !YAML::convert<double>::decode(ratio_node, ratio)) {
        reader.problem(ratio_node, "the ratio of `" + value + "` must be a number, not `" + shown(ratio_node) + "`");
        continue;
      }
      check_ratio(ratio, ratio_node);
      out.value_ratio[static_cast<size_t>(found - finding.values.begin())] = ratio;
    }
  }
  std::string group = reader.text("group", false);
  if (!group.empty()) {
    auto found = std::find(condition.group_names.begin(), condition.group_names.end(), group);
    out.group = static_cast<int>(found - condition.group_names.begin());
    if (found == condition.group_names.end()) condition.group_names.push_back(group);
  }
  return out;
}

void Loader::read_conditions(KnowledgeBase& kb) {
  std::set<std::string> seen;
  for (const auto& path : paths_under("conditions/")) {
    auto root = parse(path);
    if (!root) continue;
    Reader reader(path, *root, problems_);
    Condition condition;
    condition.id = reader.text("id");
    std::string expected = path.substr(std::string("conditions/").size());
    expected = expected.substr(0, expected.size() - 5);
    if (condition.id != expected) {
      reader.problem("`id: " + condition.id + "` does not match the file name: rename one of them");
    }
    if (!seen.insert(condition.id).second) reader.problem("condition `" + condition.id + "` is defined twice");
    condition.name = reader.text("name");
    condition.plain_name = reader.text("plain_name");
    condition.codes = read_codes(reader, true);
    condition.care = read_level(reader, "care").value_or(Disposition::kRoutine);
    Reader prior = reader.child("prior");
    auto prior_value = prior.number("value");
    condition.prior = prior_value.value_or(0.5);  // a missing or mistyped value is reported
    condition.prior_provenance = prior.provenance();
    note_sources(condition.prior_provenance);
    if (prior_value && !(condition.prior > 0 && condition.prior < 1)) {
      prior.problem("the prior is a probability: it must lie strictly between 0 and 1");
    }
    std::set<int> listed;
    for (const auto& node : reader.list("likelihoods")) {
      Likelihood likelihood = read_likelihood(reader.at(node), kb, condition);
      if (likelihood.finding >= 0 && !listed.insert(likelihood.finding).second) {
        reader.problem(node, "finding `" + kb.findings[static_cast<size_t>(likelihood.finding)].id +
                                 "` is listed twice for this condition: merge the entries");
      }
      condition.likelihoods.push_back(std::move(likelihood));
    }
    if (condition.group_names.size() > 8) {
      reader.problem("at most 8 dependence groups per condition: merge some `group:` names");
    }
    condition.workup = reader.texts("workup", true);
    condition.advice = reader.texts("advice", true);
    condition.sources = reader.texts("sources", true);
    for (const auto& id : condition.sources) cited_.emplace_back(id, reader.where(reader.get("sources")));
    kb.conditions.push_back(std::move(condition));
  }
  std::sort(kb.conditions.begin(), kb.conditions.end(),
            [](const Condition& a, const Condition& b) { return a.id < b.id; });
}

}  // namespace fossa::kb
