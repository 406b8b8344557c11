// Reading interview.yaml: question groups, order, follow-ups, base rates and costs.
#include <algorithm>
#include <cmath>
#include <set>

#include "core/text.h"
#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {

// A number with its `source:`/`estimate:` in (low, high], or [low, high] when `low_allowed`.
double Loader::read_cost(const Reader& parent, const char* key, double low, double high, double fallback, bool low_allowed) {
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

std::string Loader::text_number(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%g", value);
  return out;
}

void Loader::read_interview(KnowledgeBase& kb) {
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
      int index = resolve_finding(reader, item, item.Scalar(), kb);
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
      int index = group != plan.questions.end() ? group->findings.front() : resolve_finding(top, item, item.Scalar(), kb);
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
      int index = resolve_finding(reader, item, item.Scalar(), kb);
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
    int index = resolve_finding(top, entry.first, entry.first.Scalar(), kb);
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

}  // namespace fossa::kb
