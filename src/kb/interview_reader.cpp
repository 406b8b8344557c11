// Reading interview.yaml: question groups, order, follow-ups, base rates and costs.
#include <algorithm>
#include <cmath>
#include <set>

#include "fossa/text.h"
#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {

// A number with its `source:`/`estimate:` in (low, high], or [low, high] when `low_allowed`.
double Loader::read_cost(const Reader& parent, const char* key, double low, double high, double fallback, bool low_allowed,
                         bool whole) {
  if (!parent.has(key)) {
    if (parent.present()) parent.problem(std::string("missing `") + key + "`: add {value, estimate}");
    return fallback;
  }
  Reader reader = parent.child(key);
  if (!reader.present()) return fallback;
  double value = reader.number("value").value_or(fallback);
  note_sources(reader.provenance());
  if (!((value > low || (low_allowed && value == low)) && value <= high)) {
    reader.problem(reader.get("value"), std::string("`") + key + "` must lie in " + (low_allowed ? "[" : "(") + text_number(low) +
                                             ", " + text_number(high) + "]");
    return fallback;
  }
  if (whole && value != std::floor(value)) {
    reader.problem(reader.get("value"), std::string("`") + key + "` must be a whole number, not " + text_number(value));
    return fallback;
  }
  return value;
}

std::string Loader::text_number(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%g", value);
  return out;
}

// `screen`: question (group or finding) ids in the order they are asked. Every finding of every
// red-flag rule that someone can answer must be asked by one of them, so that a new red-flag rule
// cannot be left out of the screen.
void Loader::read_screen(const Reader& top, KnowledgeBase& kb) {
  InterviewPlan& plan = kb.interview;
  YAML::Node list = top.get("screen");
  if (!list.IsSequence()) {
    top.problem(list.IsDefined() ? list : top.node(), "`screen` must be a list of question (group or finding) ids");
    return;
  }
  std::set<int> listed;
  for (const auto& item : top.scalars("screen")) {
    auto group = std::find_if(plan.questions.begin(), plan.questions.end(),
                              [&](const QuestionGroup& q) { return q.id == item.Scalar(); });
    if (group == plan.questions.end()) {
      top.problem(item, "`" + item.Scalar() + "` is not a question: name a group of `groups` or a finding asked alone");
      continue;
    }
    int index = static_cast<int>(group - plan.questions.begin());
    if (!listed.insert(index).second) top.problem(item, "`" + item.Scalar() + "` is listed twice in `screen`");
    plan.screen.push_back(index);
  }
  plan.screen_rank.assign(kb.findings.size(), static_cast<int>(plan.screen.size()));
  for (size_t rank = 0; rank < plan.screen.size(); ++rank) {
    for (int finding : plan.questions[static_cast<size_t>(plan.screen[rank])].findings) {
      plan.screen_rank[static_cast<size_t>(finding)] = static_cast<int>(rank);
    }
  }
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag) continue;
    for (int finding : rule.findings) {
      if (plan.screen_rank[static_cast<size_t>(finding)] < static_cast<int>(plan.screen.size())) continue;
      top.problem(list, "red-flag rule `" + rule.id + "` reads `" + kb.findings[static_cast<size_t>(finding)].id +
                            "`, which no question of `screen` asks: add its question to `screen`");
    }
  }
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
    for (const auto& item : reader.scalars("findings")) {
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

  read_screen(top, kb);

  Reader costs = top.child("costs");
  Reader under = costs.child("under_triage");
  for (Disposition level : {Disposition::kRoutine, Disposition::kSameDay, Disposition::kEmergency, Disposition::kAmbulance}) {
    std::string id(disposition_id(level));
    plan.under_triage_cost[static_cast<size_t>(level)] = read_cost(under, id.c_str(), 0, 1000, 10);
  }
  plan.over_triage_cost = read_cost(costs, "over_triage", 0, 1000, 1);
  plan.information_weight = read_cost(costs, "information", 0, 1000, 0.5, true);
  plan.question_cost = read_cost(costs, "question", 0, 1000, 0.5);
  Reader limits = top.child("limits");
  plan.max_questions = static_cast<int>(read_cost(limits, "max_questions", 0, 1000, 15, false, true));
  plan.leading_conditions = static_cast<int>(read_cost(limits, "leading_conditions", 0, 1000, 5, false, true));
  plan.settle_chance = read_cost(limits, "settle_chance", 0, 1, 0.2);
  plan.settle_questions = static_cast<int>(read_cost(limits, "settle_questions", 0, 1000, 10, false, true));
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
    for (const auto& item : reader.scalars("findings")) {
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
  for (const auto& entry : top.entries("numbers")) {
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
