// Reading pathways.yaml (fossa/knowledge_base.h, Pathway): ids, when each applies, its steps.
#include <set>

#include "kb/expression_parser.h"
#include "kb/loader.h"

namespace fossa::kb {
namespace {

// The index of the rule `id` of triage.yaml, or -1.
int rule_index(const KnowledgeBase& kb, const std::string& id) {
  for (size_t r = 0; r < kb.rules.size(); ++r) {
    if (kb.rules[r].id == id) return static_cast<int>(r);
  }
  return -1;
}

bool reads_a_test_result(const Pathway::Step& step, const KnowledgeBase& kb) {
  if (!step.when) return false;
  std::vector<int> read;
  collect_findings(*step.when, read);
  for (int f : read) {
    if (kb.findings[static_cast<size_t>(f)].investigation()) return true;
  }
  return false;
}

}  // namespace

void Loader::read_pathways(KnowledgeBase& kb) {
  const std::string path = "pathways.yaml";
  auto root = parse(path);
  if (!root) return;
  Reader top(path, *root, problems_);
  std::set<std::string> ids;
  for (const auto& node : top.list("pathways")) {
    Reader reader = top.at(node);
    Pathway pathway;
    pathway.id = reader.text("id");
    if (!ids.insert(pathway.id).second) reader.problem("pathway `" + pathway.id + "` is defined twice");
    pathway.name = reader.text("name");
    Reader applies = reader.child("applies", false);
    if (!reader.has("applies")) reader.problem("missing `applies` (rules, suspected or when)");
    pathway.rules = applies.texts("rules");
    for (const auto& id : pathway.rules) {
      if (rule_index(kb, id) < 0) applies.problem(applies.get("rules"), "unknown rule `" + id + "`: rules are in triage.yaml");
    }
    for (const auto& id : applies.texts("suspected")) {
      int index = kb.condition_index(id);
      if (index < 0) applies.problem(applies.get("suspected"), "unknown condition `" + id + "`");
      pathway.suspected.push_back(index);
    }
    if (applies.has("when")) pathway.when = parse_expression(applies, applies.get("when"), kb);
    if (pathway.rules.empty() && pathway.suspected.empty() && !pathway.when) {
      reader.problem("`applies` needs rules, suspected or when");
    }
    std::set<std::string> step_ids;
    auto steps = reader.list("steps");
    for (size_t i = 0; i < steps.size(); ++i) {
      Reader step_reader = reader.at(steps[i]);
      Pathway::Step step;
      step.id = step_reader.text("id");
      if (!step_ids.insert(step.id).second) step_reader.problem("step `" + step.id + "` is defined twice");
      if (step_reader.has("when")) step.when = parse_expression(step_reader, step_reader.get("when"), kb);
      if (i + 1 == steps.size() && step.when) step_reader.problem("the last step needs no `when`: it applies when no other does");
      if (i + 1 < steps.size() && !step.when) step_reader.problem("only the last step may have no `when`");
      step.text = step_reader.text("text");
      step.text_clinician = step_reader.text("text_clinician");
      for (const auto& id : step_reader.texts("orders")) {
        int index = kb.finding_index(id);
        if (index < 0 || !kb.findings[static_cast<size_t>(index)].investigation()) {
          step_reader.problem(step_reader.get("orders"), "`" + id + "` is not a test result: `orders` lists findings of group investigation");
          continue;
        }
        step.orders.push_back(index);
      }
      for (const auto& id : step_reader.texts("rules_out")) {
        int index = kb.condition_index(id);
        if (index < 0) {
          step_reader.problem(step_reader.get("rules_out"), "unknown condition `" + id + "`");
          continue;
        }
        step.rules_out.push_back(index);
      }
      for (const auto& id : step_reader.texts("answers")) {
        int index = rule_index(kb, id);
        if (index < 0) {
          step_reader.problem(step_reader.get("answers"), "unknown rule `" + id + "`: rules are in triage.yaml");
        } else if (kb.rules[static_cast<size_t>(index)].level >= Disposition::kEmergency) {
          step_reader.problem(step_reader.get("answers"), "rule `" + id + "` is at emergency level or above: a test never answers an emergency");
        } else {
          step.answers.push_back(index);
        }
      }
      if (!step.answers.empty() && step.rules_out.empty()) step_reader.problem(step_reader.get("answers"), "`answers` goes with `rules_out`");
      if (step_reader.has("answered_level") || !step.answers.empty()) {
        step.answered_level = read_level(step_reader, "answered_level").value_or(Disposition::kSelfCare);
        if (step.answers.empty()) step_reader.problem(step_reader.get("answered_level"), "`answered_level` goes with `answers`");
        if (step.answered_level >= Disposition::kEmergency) {
          step_reader.problem(step_reader.get("answered_level"), "`answered_level` is below emergency: an emergency is never answered by a test");
        }
      }
      if (!step.rules_out.empty() && !reads_a_test_result(step, kb)) {
        step_reader.problem(step_reader.get("rules_out"),
                            "a step that rules out a condition must read a test result in its `when`: findings alone "
                            "never rule out what the rules flagged");
      }
      pathway.steps.push_back(std::move(step));
    }
    pathway.sources = reader.texts("source", true);
    for (const auto& id : pathway.sources) cited_.emplace_back(id, reader.where(node));
    kb.pathways.push_back(std::move(pathway));
  }
}

}  // namespace fossa::kb

namespace fossa::kb {

// treatment.yaml: for every condition, statements for the person and for the clinician, each with
// at least one source; a condition without treatment is an error.
void Loader::read_treatment(KnowledgeBase& kb) {
  const std::string path = "treatment.yaml";
  auto root = parse(path);
  if (!root) return;
  Reader top(path, *root, problems_);
  if (!top.get("treatment").IsMap()) {
    YAML::Node all = top.get("treatment");
    top.problem(all.IsDefined() ? all : top.node(), "`treatment` must map condition ids to {person, clinician}");
    return;
  }
  std::set<int> seen;
  for (const auto& entry : top.entries("treatment")) {
    int index = kb.condition_index(entry.first.Scalar());
    if (index < 0) {
      top.problem(entry.first, "unknown condition `" + entry.first.Scalar() + "`");
      continue;
    }
    seen.insert(index);
    Reader reader = top.at(entry.second);
    Condition& condition = kb.conditions[static_cast<size_t>(index)];
    for (auto [key, out] : {std::pair{"person", &condition.treatment_person}, std::pair{"clinician", &condition.treatment_clinician}}) {
      for (const auto& node : reader.list(key)) {
        Reader statement = reader.at(node);
        Condition::Statement item{statement.text("text"), statement.texts("source", true)};
        if (item.sources.empty()) statement.problem("a treatment statement needs its `source`");
        for (const auto& id : item.sources) cited_.emplace_back(id, statement.where(node));
        out->push_back(std::move(item));
      }
    }
  }
  for (size_t c = 0; c < kb.conditions.size(); ++c) {
    if (!seen.count(static_cast<int>(c))) top.problem("no treatment for `" + kb.conditions[c].id + "`: add it");
  }
}

}  // namespace fossa::kb
