// Loads the knowledge base files into the model and validates them. Every problem is collected with
// its file and line, so one run of `fossa kb check` lists all of them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"
#include "fossa/knowledge_base.h"
#include "kb/embedded.h"
#include "kb/expression_parser.h"
#include "kb/vocabulary.h"
#include "kb/yaml_reader.h"

namespace fossa {
namespace {

using kb::Problems;
using kb::Reader;
using Files = std::map<std::string, std::string>;  // relative path -> text, sorted

std::string fnv1a_hex(const Files& files) {
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  };
  for (const auto& [path, text] : files) {
    mix(path);
    mix(std::string_view("\0", 1));
    mix(text);
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

std::optional<Disposition> read_level(const Reader& reader, const char* key) {
  std::string id = reader.text(key);
  auto level = parse_disposition(id);
  if (!level && !id.empty()) {
    reader.problem(reader.get(key), "`" + id +
                                        "` is not a disposition: use ambulance, emergency, "
                                        "same_day, routine or self_care");
  }
  return level;
}

class Loader {
 public:
  explicit Loader(Files files) : files_(std::move(files)) {}

  Result<std::shared_ptr<const KnowledgeBase>> run() {
    auto kb = std::make_shared<KnowledgeBase>();
    kb->hash = fnv1a_hex(files_);
    read_header(*kb);
    read_sources(*kb);
    read_findings(*kb);
    kb->build_indexes();
    read_conditions(*kb);
    kb->build_indexes();
    read_scores(*kb);
    kb->build_indexes();
    read_triage(*kb);
    read_interview(*kb);
    for (const auto& condition : kb->conditions) {
      for (const auto& id : condition.pathway_scores) {
        if (kb->score_index(id) < 0) problems_.add("conditions/" + condition.id + ".yaml", 0, "unknown score `" + id + "` in `pathway`");
      }
    }
    check_sources(*kb);
    check_vocabulary(*kb);
    if (!problems_.empty()) {
      return Error{ErrorCode::kInvalidKnowledge,
                   std::to_string(problems_.size()) + " problem(s) in the knowledge base:\n" +
                       problems_.joined(),
                   ""};
    }
    return std::shared_ptr<const KnowledgeBase>(std::move(kb));
  }

 private:
  // Parses one file; nullopt (with a problem) when it is missing or not YAML.
  std::optional<YAML::Node> parse(const std::string& path) {
    auto found = files_.find(path);
    if (found == files_.end()) {
      problems_.add(path, 0, "file is missing: the knowledge base needs it (see docs/knowledge-base.md)");
      return std::nullopt;
    }
    try {
      return YAML::Load(found->second);
    } catch (const YAML::Exception& error) {
      problems_.add(path, error.mark.line + 1, "not valid YAML: " + error.msg);
      return std::nullopt;
    }
  }

  std::vector<std::string> paths_under(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& [path, text] : files_) {
      if (path.rfind(prefix, 0) == 0 && path.size() > 5 && path.substr(path.size() - 5) == ".yaml") {
        out.push_back(path);
      }
    }
    return out;
  }

  void note_sources(const Provenance& provenance) {
    for (const auto& id : provenance.sources) cited_.emplace_back(id, provenance.where);
  }

  void read_header(KnowledgeBase& kb) {
    const std::string path = "knowledge_base.yaml";
    auto root = parse(path);
    if (!root) return;
    Reader reader(path, *root, problems_);
    kb.name = reader.text("name");
    kb.version = reader.text("version");
    kb.notice = reader.text("notice");
    kb.emergency_advice = reader.text("emergency_advice");
  }

  void read_sources(KnowledgeBase& kb) {
    std::set<std::string> seen;
    for (const auto& path : paths_under("sources/")) {
      auto root = parse(path);
      if (!root) continue;
      if (!root->IsSequence()) {
        problems_.add(path, 1, "must be a list of sources ({id, citation, year, url})");
        continue;
      }
      for (const auto& node : *root) {
        Reader reader(path, node, problems_);
        Source source;
        source.id = reader.text("id");
        source.citation = reader.text("citation");
        source.year = static_cast<int>(reader.number("year").value_or(0));
        source.url = reader.text("url", false);
        if (!seen.insert(source.id).second) {
          reader.problem("source id `" + source.id + "` is defined twice: keep one and cite it");
        }
        kb.sources.push_back(std::move(source));
      }
    }
  }

  void read_findings(KnowledgeBase& kb) {
    const std::string path = "findings.yaml";
    auto root = parse(path);
    if (!root) return;
    if (!root->IsSequence()) {
      problems_.add(path, 1, "must be a list of findings");
      return;
    }
    std::set<std::string> seen;
    for (const auto& node : *root) {
      Reader reader(path, node, problems_);
      Finding finding;
      finding.id = reader.text("id");
      if (!seen.insert(finding.id).second) reader.problem("finding `" + finding.id + "` is defined twice");
      std::string type = reader.text("type");
      if (type == "bool") {
        finding.type = FindingType::kBool;
      } else if (type == "number") {
        finding.type = FindingType::kNumber;
        finding.unit = reader.text("unit");
        finding.min = reader.number("min").value_or(0);
        finding.max = reader.number("max").value_or(0);
        if (finding.max <= finding.min) reader.problem("`max` must be greater than `min`");
      } else if (type == "enum") {
        finding.type = FindingType::kEnum;
        finding.values = reader.texts("values", true);
      } else {
        reader.problem(reader.get("type"), "`type` must be bool, number or enum");
      }
      finding.group = reader.text("group");
      if (finding.group != "history" && finding.group != "examination" && finding.group != "risk_factor") {
        reader.problem(reader.get("group"), "`group` must be history, examination or risk_factor");
      }
      std::string asked_of = reader.text("asked_of");
      if (asked_of == "clinician") {
        finding.asked_of = Responder::kClinician;
      } else if (asked_of != "person") {
        reader.problem(reader.get("asked_of"), "`asked_of` must be person or clinician");
      }
      finding.meaning = reader.text("meaning");
      Reader question = reader.child("question");
      finding.question_person = question.text("person");
      finding.question_clinician = question.text("clinician");
      finding.why = reader.text("why");
      kb.findings.push_back(std::move(finding));
    }
  }

  Likelihood read_likelihood(const Reader& reader, const KnowledgeBase& kb, Condition& condition) {
    Likelihood out;
    std::string id = reader.text("finding");
    out.finding = kb.finding_index(id);
    out.provenance = reader.provenance();
    note_sources(out.provenance);
    if (out.finding < 0) {
      std::vector<std::string> ids;
      for (const auto& finding : kb.findings) ids.push_back(finding.id);
      auto near = text::closest(id, ids);
      reader.problem(reader.get("finding"), "unknown finding `" + id + "`" +
                                                (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"));
      return out;
    }
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
      YAML::Node values = reader.get("values");
      out.value_ratio.assign(finding.values.size(), 1.0);
      if (!values.IsMap()) {
        reader.problem("`values` must map each value of `" + id + "` to a ratio");
      } else {
        for (const auto& entry : values) {
          std::string value = entry.first.Scalar();
          auto found = std::find(finding.values.begin(), finding.values.end(), value);
          if (found == finding.values.end()) {
            reader.problem(entry.first, "`" + value + "` is not a value of `" + id + "`");
            continue;
          }
          double ratio = entry.second.as<double>(1.0);
          check_ratio(ratio, entry.second);
          out.value_ratio[static_cast<size_t>(found - finding.values.begin())] = ratio;
        }
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

  void read_conditions(KnowledgeBase& kb) {
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
      YAML::Node codes = reader.get("codes");
      for (const char* system : {"snomed", "icd10"}) {
        Reader code_reader = reader.child("codes").child(system);
        if (!codes.IsMap() || !codes[system].IsDefined()) {
          reader.problem(std::string("missing `codes: ") + system + ": {code, display}`");
          continue;
        }
        condition.codes.push_back({system, code_reader.text("code"), code_reader.text("display")});
      }
      condition.care = read_level(reader, "care").value_or(Disposition::kRoutine);
      Reader prior = reader.child("prior");
      condition.prior = prior.number("value").value_or(0);
      condition.prior_provenance = prior.provenance();
      note_sources(condition.prior_provenance);
      if (!(condition.prior > 0 && condition.prior < 1)) {
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
      condition.treatment = reader.texts("treatment", true);
      condition.advice = reader.texts("advice", true);
      condition.sources = reader.texts("sources", true);
      condition.pathway_scores = reader.texts("pathway");
      for (const auto& id : condition.sources) cited_.emplace_back(id, reader.where(reader.get("sources")));
      if (condition.prior > 0 && condition.prior < 1) condition.prepare();
      kb.conditions.push_back(std::move(condition));
    }
    std::sort(kb.conditions.begin(), kb.conditions.end(),
              [](const Condition& a, const Condition& b) { return a.id < b.id; });
  }

  void read_scores(KnowledgeBase& kb) {
    const std::string path = "scores.yaml";
    auto root = parse(path);
    if (!root) return;
    Reader top(path, *root, problems_);
    auto nodes = top.list("scores");
    // Ids first, so scores can be referenced by rules in any order.
    for (const auto& node : nodes) {
      Score score;
      score.id = top.at(node).text("id");
      kb.scores.push_back(score);
    }
    kb.build_indexes();
    for (size_t s = 0; s < nodes.size(); ++s) {
      Reader reader = top.at(nodes[s]);
      Score& score = kb.scores[s];
      score.name = reader.text("name");
      score.sources = reader.texts("source", true);
      for (const auto& id : score.sources) cited_.emplace_back(id, reader.where(nodes[s]));
      std::string kind = reader.text("kind");
      if (kind == "any_criterion") {
        score.kind = Score::Kind::kAnyCriterion;
        score.result_field = reader.text("result_field");
        score.applies_when = kb::parse_expression(reader, reader.get("applies_when"), kb);
      } else if (kind == "points") {
        for (const auto& version_node : reader.list("versions")) {
          Reader version_reader = reader.at(version_node);
          Score::Version version;
          version.id = version_reader.text("id");
          version.points_field = version_reader.text("points_field");
          version.category_field = version_reader.text("category_field");
          for (const auto& tier_node : version_reader.list("tiers")) {
            Reader tier_reader = reader.at(tier_node);
            Score::Tier tier;
            tier.id = tier_reader.text("id");
            if (tier_reader.has("at_least")) tier.at_least = tier_reader.number("at_least");
            version.tiers.push_back(tier);
          }
          if (version.tiers.empty() || version.tiers.back().at_least) {
            version_reader.problem("the last tier must have no `at_least`: it catches every lower score");
          }
          score.versions.push_back(std::move(version));
        }
      } else {
        reader.problem(reader.get("kind"), "`kind` must be points or any_criterion");
      }
      for (const auto& item_node : reader.list("items")) {
        Reader item_reader = reader.at(item_node);
        Score::Item item;
        item.id = item_reader.text("id");
        item.label = item_reader.text("label");
        item.when = kb::parse_expression(item_reader, item_reader.get("when"), kb);
        kb::collect_findings(item.when, item.findings);
        if (score.kind == Score::Kind::kPoints) {
          for (const auto& points : item_reader.list("points")) item.points.push_back(points.as<double>(0));
          if (item.points.size() != score.versions.size()) {
            item_reader.problem("`points` needs one number per version (" +
                                std::to_string(score.versions.size()) + ")");
          }
        }
        score.items.push_back(std::move(item));
      }
      YAML::Node pathway = reader.get("pathway");
      if (pathway.IsMap()) {
        for (const auto& entry : pathway) {
          score.pathway[entry.first.Scalar()] = reader.at(pathway).texts(entry.first.Scalar().c_str(), true);
        }
      }
    }
  }

  void read_triage(KnowledgeBase& kb) {
    const std::string path = "triage.yaml";
    auto root = parse(path);
    if (!root) return;
    Reader top(path, *root, problems_);
    kb.dispositions.resize(5);
    std::set<int> seen_levels;
    for (const auto& node : top.list("dispositions")) {
      Reader reader = top.at(node);
      auto level = read_level(reader, "id");
      if (!level) continue;
      DispositionInfo& info = kb.dispositions[static_cast<size_t>(*level) - 1];
      info.level = *level;
      info.id = std::string(disposition_id(*level));
      info.name = reader.text("name");
      info.time_frame = reader.text("time_frame");
      info.action = reader.text("action");
      seen_levels.insert(static_cast<int>(*level));
    }
    if (seen_levels.size() != 5) top.problem("`dispositions` must describe all five dispositions");

    Reader suspicion = top.child("suspicion");
    kb.suspicion.default_threshold = suspicion.number("default_threshold").value_or(0.5);
    kb.suspicion.provenance = suspicion.provenance();
    note_sources(kb.suspicion.provenance);
    kb.suspicion.threshold.assign(kb.conditions.size(), kb.suspicion.default_threshold);
    YAML::Node thresholds = suspicion.get("thresholds");
    if (thresholds.IsMap()) {
      for (const auto& entry : thresholds) {
        int index = kb.condition_index(entry.first.Scalar());
        if (index < 0) {
          suspicion.problem(entry.first, "unknown condition `" + entry.first.Scalar() + "`");
          continue;
        }
        double threshold = entry.second.as<double>(-1);
        if (!(threshold > 0 && threshold <= 1)) suspicion.problem(entry.second, "a threshold is a probability in (0, 1]");
        kb.suspicion.threshold[static_cast<size_t>(index)] = threshold;
      }
    }

    std::set<std::string> seen;
    for (const auto& node : top.list("rules")) {
      Reader reader = top.at(node);
      Rule rule;
      rule.id = reader.text("id");
      if (!seen.insert(rule.id).second) reader.problem("rule `" + rule.id + "` is defined twice");
      rule.level = read_level(reader, "level").value_or(Disposition::kRoutine);
      rule.red_flag = reader.has("red_flag") && reader.get("red_flag").as<bool>(false);
      rule.reason = reader.text("reason");
      rule.reason_clinician = reader.text("reason_clinician");
      rule.when = kb::parse_expression(reader, reader.get("when"), kb);
      rule.workup = reader.texts("workup");
      rule.pathway_scores = reader.texts("pathway");
      for (const auto& id : rule.pathway_scores) {
        if (kb.score_index(id) < 0) reader.problem(reader.get("pathway"), "unknown score `" + id + "`");
      }
      rule.provenance = reader.provenance();
      note_sources(rule.provenance);
      kb.rules.push_back(std::move(rule));
    }
  }

  // The finding named `id` at `at`, or -1 with a problem naming the closest ids.
  int finding_at(const Reader& reader, const YAML::Node& at, const std::string& id, const KnowledgeBase& kb) {
    int index = kb.finding_index(id);
    if (index >= 0) return index;
    std::vector<std::string> ids;
    for (const auto& finding : kb.findings) ids.push_back(finding.id);
    auto near = text::closest(id, ids);
    reader.problem(at, "unknown finding `" + id + "`" + (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"));
    return -1;
  }

  // A number with its `source:`/`estimate:` in (low, high], or [low, high] when `low_allowed`.
  double read_cost(const Reader& parent, const char* key, double low, double high, double fallback, bool low_allowed = false) {
    Reader reader = parent.child(key);
    if (!parent.has(key)) {
      parent.problem(std::string("missing `") + key + "`: add {value, estimate}");
      return fallback;
    }
    double value = reader.number("value").value_or(fallback);
    note_sources(reader.provenance());
    if (!((value > low || (low_allowed && value == low)) && value <= high)) {
      reader.problem(reader.get("value"), std::string("`") + key + "` must lie in " + (low_allowed ? "[" : "(") + text_number(low) +
                                               ", " + text_number(high) + "]");
      return fallback;
    }
    return value;
  }

  static std::string text_number(double value) {
    char out[32];
    std::snprintf(out, sizeof out, "%g", value);
    return out;
  }

  void read_interview(KnowledgeBase& kb) {
    const std::string path = "interview.yaml";
    auto root = parse(path);
    if (!root) return;
    Reader top(path, *root, problems_);
    InterviewPlan& plan = kb.interview;
    plan.question_of.assign(kb.findings.size(), -1);

    std::set<int> red_flag_findings;
    for (const Rule& rule : kb.rules) {
      if (!rule.red_flag) continue;
      std::vector<int> read;
      kb::collect_findings(rule.when, read);
      red_flag_findings.insert(read.begin(), read.end());
    }
    std::set<std::string> ids;
    for (const auto& node : top.list("groups")) {
      Reader reader = top.at(node);
      QuestionGroup group;
      group.id = reader.text("id");
      if (!ids.insert(group.id).second) reader.problem("group `" + group.id + "` is defined twice");
      for (const auto& item : reader.list("findings")) {
        int index = finding_at(reader, item, item.Scalar(), kb);
        if (index < 0) continue;
        const Finding& finding = kb.findings[static_cast<size_t>(index)];
        if (finding.type != FindingType::kBool) {
          reader.problem(item, "`" + finding.id + "` is not a yes/no finding: only yes/no findings are asked in groups");
        } else if (plan.question_of[static_cast<size_t>(index)] >= 0) {
          reader.problem(item, "`" + finding.id + "` is already in group `" +
                                   plan.questions[static_cast<size_t>(plan.question_of[static_cast<size_t>(index)])].id +
                                   "`: a finding belongs to at most one group");
        } else {
          plan.question_of[static_cast<size_t>(index)] = static_cast<int>(plan.questions.size());
          group.findings.push_back(index);
          group.red_flag = group.red_flag || red_flag_findings.count(index) > 0;
        }
      }
      Reader question = reader.child("question");
      group.question_person = question.text("person");
      group.question_clinician = question.text("clinician");
      group.why = reader.text("why");
      if (reader.has("when")) group.ask_when = kb::parse_expression(reader, reader.get("when"), kb);
      if (reader.has("follow_up")) group.follow_up = kb::parse_expression(reader, reader.get("follow_up"), kb);
      plan.questions.push_back(std::move(group));
    }
    // Every other finding is asked alone.
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      if (plan.question_of[f] >= 0) continue;
      QuestionGroup single;
      single.id = kb.findings[f].id;
      single.findings.push_back(static_cast<int>(f));
      single.red_flag = red_flag_findings.count(static_cast<int>(f)) > 0;
      plan.question_of[f] = static_cast<int>(plan.questions.size());
      plan.questions.push_back(std::move(single));
    }

    // `first` and `early` name findings or groups; a group is stored as its first finding.
    auto read_ids = [&](const char* key, std::vector<int>& out) {
      YAML::Node list = top.get(key);
      if (!list.IsSequence()) {
        top.problem(list.IsDefined() ? list : top.node(), std::string("`") + key + "` must be a list of finding or group ids");
        return;
      }
      for (const auto& item : list) {
        auto group = std::find_if(plan.questions.begin(), plan.questions.end(),
                                  [&](const QuestionGroup& q) { return q.id == item.Scalar() && !q.findings.empty(); });
        int index = group != plan.questions.end() ? group->findings.front() : finding_at(top, item, item.Scalar(), kb);
        if (index >= 0) out.push_back(index);
      }
    };
    read_ids("first", plan.first);
    read_ids("early", plan.early);

    Reader costs = top.child("costs");
    plan.under_triage_cost = read_cost(costs, "under_triage", 0, 1000, 10);
    plan.time_critical_factor = read_cost(costs, "time_critical_factor", 0, 1000, 2);
    plan.over_triage_cost = read_cost(costs, "over_triage", 0, 1000, 1);
    plan.information_weight = read_cost(costs, "information", 0, 1000, 0.5, true);
    plan.question_cost = read_cost(costs, "question", 0, 1000, 0.5);
    plan.screen_value = read_cost(costs, "screen", 0, 1000, 2);
    Reader limits = top.child("limits");
    plan.max_questions = static_cast<int>(read_cost(limits, "max_questions", 0, 1000, 15));
    plan.leading_conditions = static_cast<int>(read_cost(limits, "leading_conditions", 0, 1000, 5));
    plan.red_flag_ends_at = read_level(limits, "red_flag_ends_at").value_or(Disposition::kEmergency);

    Reader rates = top.child("base_rates");
    double fallback = read_cost(rates, "default", 0, 0.999, 0.1);
    plan.base_rate.assign(kb.findings.size(), fallback);
    std::set<int> rated;
    for (const auto& node : rates.list("classes")) {
      Reader reader = rates.at(node);
      double value = reader.number("value").value_or(fallback);
      note_sources(reader.provenance());
      if (!(value > 0 && value < 1)) reader.problem(reader.get("value"), "a base rate is a probability strictly between 0 and 1");
      for (const auto& item : reader.list("findings")) {
        int index = finding_at(reader, item, item.Scalar(), kb);
        if (index < 0) continue;
        if (!rated.insert(index).second) reader.problem(item, "`" + item.Scalar() + "` has a base rate already");
        plan.base_rate[static_cast<size_t>(index)] = value;
      }
    }

    plan.number_answers.assign(kb.findings.size(), {});
    if (!top.has("numbers")) return;
    YAML::Node numbers = top.get("numbers");
    if (!numbers.IsMap()) {
      top.problem(numbers, "`numbers` must map number finding ids to their answers");
      return;
    }
    for (const auto& entry : numbers) {
      int index = finding_at(top, entry.first, entry.first.Scalar(), kb);
      if (index < 0) continue;
      const Finding& finding = kb.findings[static_cast<size_t>(index)];
      Reader reader = top.at(entry.second);
      note_sources(reader.provenance());
      if (finding.type != FindingType::kNumber) reader.problem("`" + finding.id + "` is not a number finding");
      auto& answers = plan.number_answers[static_cast<size_t>(index)];
      double total = 0;
      for (const auto& node : reader.list("answers")) {
        Reader answer = reader.at(node);
        double value = answer.number("value").value_or(finding.min);
        double rate = answer.number("rate").value_or(0);
        if (value < finding.min || value > finding.max) answer.problem("the value lies outside the finding's min and max");
        if (!(rate > 0 && rate <= 1)) answer.problem("`rate` is a probability in (0, 1]");
        answers.values.push_back(value);
        answers.rates.push_back(rate);
        total += rate;
      }
      if (!answers.rates.empty() && std::fabs(total - 1) > 0.01) reader.problem("the rates of the answers must add up to 1");
    }
  }

  void check_sources(const KnowledgeBase& kb) {
    std::set<std::string> known;
    for (const auto& source : kb.sources) known.insert(source.id);
    std::vector<std::string> ids(known.begin(), known.end());
    for (const auto& [id, where] : cited_) {
      if (known.count(id)) continue;
      auto near = text::closest(id, ids);
      problems_.add(where, 0, "cites unknown source `" + id + "`: add it to a file in sources/" +
                                  (near.empty() ? "" : " or use " + text::join_or(near)));
    }
  }

  void check_vocabulary(const KnowledgeBase& kb) {
    auto found = files_.find("vocabulary.json");
    if (found == files_.end()) {
      problems_.add("vocabulary.json", 0, "file is missing: copy the case vocabulary here");
      return;
    }
    for (const auto& message : kb::uncovered_vocabulary(kb, found->second)) {
      problems_.add("vocabulary.json", 0, message);
    }
  }

  Files files_;
  Problems problems_;
  std::vector<std::pair<std::string, std::string>> cited_;  // source id, where cited
};

}  // namespace

Result<std::shared_ptr<const KnowledgeBase>> load_knowledge_base(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return Error{ErrorCode::kIo, "not a directory: give the knowledge base directory (it holds knowledge_base.yaml)", directory};
  }
  Files files;
  for (auto it = fs::recursive_directory_iterator(directory, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    auto extension = it->path().extension().string();
    if (extension != ".yaml" && extension != ".json") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files[fs::relative(it->path(), directory).generic_string()] = text.str();
  }
  if (error) return Error{ErrorCode::kIo, "cannot read the directory: " + error.message(), directory};
  return Loader(std::move(files)).run();
}

std::shared_ptr<const KnowledgeBase> builtin_knowledge_base() {
  static const std::shared_ptr<const KnowledgeBase> kb = [] {
    Files files;
    for (const auto& file : kb::embedded_files()) files[std::string(file.path)] = std::string(file.text);
    auto loaded = Loader(std::move(files)).run();
    if (!loaded) {
      std::fprintf(stderr, "fossa: the built-in knowledge base is invalid:\n%s\n", loaded.error().to_string().c_str());
      std::abort();
    }
    return *loaded;
  }();
  return kb;
}

}  // namespace fossa
