// The assessment as JSON (docs/assessment.md), written in one pass with the streaming writer.
#include <algorithm>

#include "fossa/case_io.h"
#include "fossa/json_writer.h"
#include "fossa/text.h"

namespace fossa {
namespace {


void write_answer(JsonWriter& w, const Finding& finding, const Answer& answer) {
  switch (finding.type) {
    case FindingType::kBool: w.value(answer.value != 0); return;
    case FindingType::kNumber: w.value(answer.value); return;
    case FindingType::kEnum: w.value(finding.values[static_cast<size_t>(answer.value)]); return;
  }
}

void write_strings(JsonWriter& w, const std::vector<std::string>& lines) {
  w.begin_array();
  for (const auto& line : lines) w.value(line);
  w.end_array();
}

void write_score(JsonWriter& w, const ScoreResult& result) {
  const Score& score = *result.score;
  w.begin_object();
  w.field("name", score.name);
  if (score.kind == Score::Kind::kPoints) {
    for (size_t v = 0; v < score.versions.size(); ++v) {
      ScoreFieldNames names = score_field_names(score, v);
      w.key(names.points);
      w.fixed(result.points[v], 2);
      w.field(names.category, result.categories[v]);
    }
  } else {
    w.field("applicable", result.applicable);
    w.key(score_result_field(score));
    if (result.positive) {
      w.value(*result.positive);
    } else {
      w.null();
    }
  }
  w.key(score.kind == Score::Kind::kPoints ? "items" : "criteria");
  w.begin_array();
  for (const auto& item : result.items) {
    w.begin_object();
    w.field("id", item.item->id);
    w.field("label", item.item->label);
    w.field("met", item.met);
    w.field("unknown", item.unknown);
    for (size_t v = 0; v < score.versions.size(); ++v) {
      w.key(score_field_names(score, v).points);
      w.fixed(item.met ? item.item->points[v] : 0.0, 2);
    }
    w.end_object();
  }
  w.end_array();
  w.key("unknown");
  w.begin_array();
  for (const auto& item : result.items) {
    if (item.unknown) w.value(item.item->id);
  }
  w.end_array();
  w.key("sources");
  write_strings(w, score.sources);
  w.end_object();
}

void write_rule(JsonWriter& w, const FiredRule& rule) {
  w.begin_object();
  w.field("id", rule.id);
  w.field("disposition", disposition_id(rule.level));
  w.field("red_flag", rule.red_flag);
  w.field("reason", rule.reason);
  w.field("reason_clinician", rule.reason_clinician);
  w.key("sources");
  write_strings(w, rule.rule ? rule.rule->provenance.sources : std::vector<std::string>{});
  w.end_object();
}

// The findings that moved one condition: finding id -> likelihood ratio applied. Findings of a
// dependence group that a stronger one of the same group outweighed changed nothing: left out.
void write_moved(JsonWriter& w, const KnowledgeBase& kb, const RankedCondition& ranked, bool raised) {
  w.begin_object();
  for (const auto& contribution : ranked.contributions) {
    if (!contribution.counted || (contribution.ratio > 1) != raised) continue;
    w.key(kb.findings[static_cast<size_t>(contribution.finding)].id);
    w.fixed(contribution.ratio, 3);
  }
  w.end_object();
}

// {"person": [...], "clinician": [...], "sources": [...]}: the statements, and every source they cite.
void write_treatment(JsonWriter& w, const Condition& condition) {
  w.key("treatment");
  w.begin_object();
  std::vector<std::string> sources;
  for (auto [key, statements] : {std::pair{"person", &condition.treatment_person}, std::pair{"clinician", &condition.treatment_clinician}}) {
    w.key(key);
    w.begin_array();
    for (const auto& statement : *statements) {
      w.value(statement.text);
      for (const auto& id : statement.sources) {
        if (std::find(sources.begin(), sources.end(), id) == sources.end()) sources.push_back(id);
      }
    }
    w.end_array();
  }
  w.key("sources");
  write_strings(w, sources);
  w.end_object();
}

}  // namespace

std::string assessment_json(const Assessment& assessment, const KnowledgeBase& kb, Setting setting,
                            std::string_view case_id, const Evidence* evidence) {
  std::string out;
  out.reserve(16384);
  JsonWriter w(out);
  w.begin_object();
  if (!case_id.empty()) w.field("id", case_id);
  w.field("setting", setting_id(setting));
  if (evidence) {
    // What the assessment rests on: every known finding, as given.
    w.key("evidence");
    w.begin_object();
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      if (!evidence->answers[f].known) continue;
      w.key(kb.findings[f].id);
      write_answer(w, kb.findings[f], evidence->answers[f]);
    }
    w.end_object();
  }

  w.key("red_flags");
  w.begin_array();
  for (const auto* rule : assessment.red_flags()) write_rule(w, *rule);
  w.end_array();

  w.key("scores");
  w.begin_object();
  for (const auto& result : assessment.scores) {
    w.key(result.score->id);
    write_score(w, result);
  }
  w.end_object();

  w.key("differential");
  w.begin_array();
  size_t rank = 0;
  for (const auto& ranked : assessment.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    w.begin_object();
    w.field("condition", condition.id);
    w.field("name", condition.name);
    w.key("probability");
    w.fixed(ranked.probability, 4);
    w.field("suspected", ranked.suspected);
    w.key("raised_by");
    write_moved(w, kb, ranked, true);
    w.key("lowered_by");
    write_moved(w, kb, ranked, false);
    // How it is treated: for the five leading conditions and every suspected one.
    if (rank++ < 5 || ranked.suspected) write_treatment(w, condition);
    w.end_object();
  }
  w.end_array();

  const DispositionInfo& info = kb.disposition(assessment.disposition);
  w.key("disposition");
  w.begin_object();
  w.field("level", info.id);
  w.field("name", info.name);
  w.field("time_frame", info.time_frame);
  w.field("action", info.action);
  w.key("rules");
  w.begin_array();
  for (const auto& rule : assessment.fired) {
    if (rule.level == assessment.disposition) w.value(rule.id);
  }
  w.end_array();
  w.end_object();

  // The warning-sign screen against the disposition (docs/assessment.md).
  w.field("screen_complete", assessment.screen.complete);
  w.key("screen_unasked");
  w.begin_array();
  for (int finding : assessment.screen.unasked) w.value(kb.findings[static_cast<size_t>(finding)].id);
  w.end_array();

  // The pathways that apply, each with the step that applies now (knowledge/pathways.yaml).
  w.key("pathways");
  w.begin_array();
  for (const PathwayStep& entry : assessment.pathways) {
    w.begin_object();
    w.field("id", entry.pathway->id);
    w.field("name", entry.pathway->name);
    w.field("next_step", entry.step->id);
    w.field("text", entry.step->text);
    w.field("text_clinician", entry.step->text_clinician);
    w.key("source");
    write_strings(w, entry.pathway->sources);
    w.end_object();
  }
  w.end_array();

  w.key("rules_fired");
  w.begin_array();
  for (const auto& rule : assessment.fired) write_rule(w, rule);
  w.end_array();
  w.key("workup");
  write_strings(w, assessment.workup);
  w.key("advice");
  write_strings(w, assessment.advice);
  w.field("notice", kb.notice);
  w.field("emergency_advice", kb.emergency_advice);
  w.key("knowledge_base");
  w.begin_object();
  w.field("name", kb.name);
  w.field("version", kb.version);
  w.field("hash", kb.hash);
  w.end_object();
  w.end_object();
  return out;
}

std::string error_json(const Error& error, std::string_view case_id) {
  const ErrorInfo& info = error_info(error.code);
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  if (!case_id.empty()) w.field("id", text::echo(case_id));
  w.key("error");
  w.begin_object();
  w.field("type", info.slug);
  w.field("title", info.title);
  w.field("message", error.message);
  w.field("where", error.where);
  w.end_object();
  w.end_object();
  return out;
}

}  // namespace fossa
