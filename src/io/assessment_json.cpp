// The assessment as JSON (docs/assessment.md), written in one pass with the streaming writer.
#include <algorithm>
#include <memory>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/json_writer.h"
#include "fossa/text.h"

namespace fossa {

namespace {

// What `write` writes, as members of an object (without its braces) or as one value.
template <typename Write>
std::string members(Write write) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  write(w);
  w.end_object();
  return out.substr(1, out.size() - 2);
}
template <typename Write>
std::string serialized(Write write) {
  std::string out;
  JsonWriter w(out);
  write(w);
  return out;
}

// What `write` writes as members, then "name": as JsonWriter::key writes it (for raw_key).
template <typename Write>
std::string members_then_key(Write write, std::string_view name) {
  std::string out = members([&](JsonWriter& w) {
    write(w);
    w.key(name);
    w.null();
  });
  out.resize(out.size() - 4);  // without the null
  return out;
}
std::string key_fragment(std::string_view name) {
  return members_then_key([](JsonWriter&) {}, name);
}

std::string item_state_fragment(bool met, bool unknown) {
  return members([&](JsonWriter& w) {
    w.field("met", met);
    w.field("unknown", unknown);
  });
}

}  // namespace

// The knowledge base's text as it appears in an assessment, serialized once (JSON escaping scans
// every byte; an assessment is mostly this text). Each fragment is what JsonWriter writes for it, so
// the bytes are the same as writing the strings one by one.
struct AssessmentJsonWriter::Fragments {
  std::vector<std::string> finding_key;                 // [finding] "id":
  std::vector<std::string> finding_id;                  // [finding] "id"
  std::vector<std::vector<std::string>> finding_value;  // [finding][value] "choice" (choice findings)
  std::vector<std::string> condition_head;              // [condition] "condition":..,"name":..,"probability":
  std::vector<std::string> treatment;                   // [condition] "treatment":{...}
  // A finding with a likelihood ratio of the knowledge base as it explains a condition.
  struct Moved {
    double ratio;
    std::string member;                                 // "id":ratio (3 decimals)
  };
  std::vector<std::vector<std::vector<Moved>>> moved;   // [condition][finding] every ratio it can apply
  std::vector<std::string> rule;                        // [rule] the fired rule's object
  struct ScoreText {
    std::string head;                                   // "name":..
    std::vector<std::string> points_key;                // [version] "points":
    std::vector<std::string> category_key;              // [version] "category":
    std::string result_key;                             // any-criterion: "xray_indicated":
    std::vector<std::string> item_head;                 // [item] "id":..,"label":..
    std::vector<std::string> item_id;                   // [item] "id"
    std::string sources;                                // "sources":[...]
  };
  std::vector<ScoreText> score;                         // [score]
  std::vector<std::vector<std::string>> pathway_step;   // [pathway][step] the step's members
  std::vector<std::string> disposition;                 // [rank - 1] "level":..,"name":..,"time_frame":..,"action":..
  std::string tail;                                     // "notice":..,"emergency_advice":..,"knowledge_base":{...}
  // Written for every condition and every score item.
  std::string suspected[2] = {members([](JsonWriter& w) { w.field("suspected", false); }),
                              members([](JsonWriter& w) { w.field("suspected", true); })};
  std::string raised_by_key = key_fragment("raised_by");
  std::string lowered_by_key = key_fragment("lowered_by");
  std::string item_state[2][2] = {  // [met][unknown] "met":..,"unknown":..
      {item_state_fragment(false, false), item_state_fragment(false, true)},
      {item_state_fragment(true, false), item_state_fragment(true, true)}};
};

namespace {

using Fragments = AssessmentJsonWriter::Fragments;

constexpr int kRatioDecimals = 3;  // the likelihood ratios that explain a condition

void write_strings(JsonWriter& w, const std::vector<std::string>& lines) {
  w.begin_array();
  for (const auto& line : lines) w.value(line);
  w.end_array();
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

std::unique_ptr<const Fragments> make_fragments(const KnowledgeBase& kb) {
  auto out = std::make_unique<Fragments>();
  for (const Finding& finding : kb.findings) {
    out->finding_key.push_back(key_fragment(finding.id));
    out->finding_id.push_back(serialized([&](JsonWriter& w) { w.value(finding.id); }));
    auto& values = out->finding_value.emplace_back();
    for (const auto& value : finding.values) values.push_back(serialized([&](JsonWriter& w) { w.value(value); }));
  }
  for (const Condition& condition : kb.conditions) {
    out->condition_head.push_back(members_then_key(
        [&](JsonWriter& w) {
          w.field("condition", condition.id);
          w.field("name", condition.name);
        },
        "probability"));
    out->treatment.push_back(members([&](JsonWriter& w) { write_treatment(w, condition); }));
    auto& moved = out->moved.emplace_back(kb.findings.size());
    for (const Likelihood& likelihood : condition.likelihoods) {
      std::vector<double> ratios = {likelihood.lr_present, likelihood.lr_absent};
      for (const auto& band : likelihood.bands) ratios.push_back(band.ratio);
      ratios.insert(ratios.end(), likelihood.value_ratio.begin(), likelihood.value_ratio.end());
      auto& texts = moved[static_cast<size_t>(likelihood.finding)];
      for (double ratio : ratios) {
        // A ratio of 1 moves nothing and is never shown.
        if (ratio == 1 || std::any_of(texts.begin(), texts.end(), [&](const Fragments::Moved& m) { return m.ratio == ratio; })) continue;
        // As write_moved writes it: the finding's key, then the number.
        texts.push_back({ratio, out->finding_key[static_cast<size_t>(likelihood.finding)] +
                                    serialized([&](JsonWriter& w) { w.fixed(ratio, kRatioDecimals); })});
      }
    }
  }
  for (const Rule& rule : kb.rules) {
    FiredRule fired{rule.id, rule.level, rule.red_flag, rule.reason, rule.reason_clinician, &rule};
    out->rule.push_back(serialized([&](JsonWriter& w) { write_rule(w, fired); }));
  }
  for (const Score& score : kb.scores) {
    Fragments::ScoreText& text = out->score.emplace_back();
    auto key_of = [](const std::string& name) { return key_fragment(name); };
    text.head = members([&](JsonWriter& w) { w.field("name", score.name); });
    for (size_t v = 0; v < score.versions.size(); ++v) {
      ScoreFieldNames names = score_field_names(score, v);
      text.points_key.push_back(key_of(names.points));
      text.category_key.push_back(key_of(names.category));
    }
    text.result_key = key_of(score_result_field(score));
    for (const Score::Item& item : score.items) {
      text.item_head.push_back(members([&](JsonWriter& w) {
        w.field("id", item.id);
        w.field("label", item.label);
      }));
      text.item_id.push_back(serialized([&](JsonWriter& w) { w.value(item.id); }));
    }
    text.sources = members([&](JsonWriter& w) {
      w.key("sources");
      write_strings(w, score.sources);
    });
  }
  for (const Pathway& pathway : kb.pathways) {
    auto& steps = out->pathway_step.emplace_back();
    for (const Pathway::Step& step : pathway.steps) {
      steps.push_back(members([&](JsonWriter& w) {
        w.field("id", pathway.id);
        w.field("name", pathway.name);
        w.field("next_step", step.id);
        w.field("text", step.text);
        w.field("text_clinician", step.text_clinician);
        w.key("source");
        write_strings(w, pathway.sources);
        if (!step.rules_out.empty()) {
          w.key("rules_out");
          w.begin_array();
          for (int c : step.rules_out) w.value(kb.conditions[static_cast<size_t>(c)].id);
          w.end_array();
        }
      }));
    }
  }
  for (const DispositionInfo& info : kb.dispositions) {
    out->disposition.push_back(members([&](JsonWriter& w) {
      w.field("level", info.id);
      w.field("name", info.name);
      w.field("time_frame", info.time_frame);
      w.field("action", info.action);
    }));
  }
  out->tail = members([&](JsonWriter& w) {
    w.field("notice", kb.notice);
    w.field("emergency_advice", kb.emergency_advice);
    w.key("knowledge_base");
    w.begin_object();
    w.field("name", kb.name);
    w.field("version", kb.version);
    w.field("hash", kb.hash);
    w.end_object();
  });
  return out;
}

void write_answer(JsonWriter& w, const Fragments& text, size_t f, const Finding& finding, const Answer& answer) {
  switch (finding.type) {
    case FindingType::kBool: w.value(answer.value != 0); return;
    case FindingType::kNumber: w.value(answer.value); return;
    case FindingType::kEnum: w.raw_value(text.finding_value[f][static_cast<size_t>(answer.value)]); return;
  }
}

void write_score(JsonWriter& w, const Fragments& fragments, const Fragments::ScoreText& text, const ScoreResult& result) {
  const Score& score = *result.score;
  w.begin_object();
  w.raw_members(text.head);
  if (score.kind == Score::Kind::kPoints) {
    for (size_t v = 0; v < score.versions.size(); ++v) {
      w.raw_key(text.points_key[v]);
      w.fixed(result.points[v], 2);
      w.raw_key(text.category_key[v]);
      w.value(result.categories[v]);
    }
  } else {
    w.field("applicable", result.applicable);
    w.raw_key(text.result_key);
    if (result.positive) {
      w.value(*result.positive);
    } else {
      w.null();
    }
  }
  w.key(score.kind == Score::Kind::kPoints ? "items" : "criteria");
  w.begin_array();
  for (size_t i = 0; i < result.items.size(); ++i) {
    const ScoreItemResult& item = result.items[i];
    w.begin_object();
    w.raw_members(text.item_head[i]);
    w.raw_members(fragments.item_state[item.met][item.unknown]);
    for (size_t v = 0; v < score.versions.size(); ++v) {
      w.raw_key(text.points_key[v]);
      w.fixed(item.met ? item.item->points[v] : 0.0, 2);
    }
    w.end_object();
  }
  w.end_array();
  w.key("unknown");
  w.begin_array();
  for (size_t i = 0; i < result.items.size(); ++i) {
    if (result.items[i].unknown) w.raw_value(text.item_id[i]);
  }
  w.end_array();
  w.raw_members(text.sources);
  w.end_object();
}

void write_fired(JsonWriter& w, const Fragments& text, const KnowledgeBase& kb, const FiredRule& rule) {
  if (rule.rule) {
    w.raw_value(text.rule[static_cast<size_t>(rule.rule - kb.rules.data())]);
  } else {
    write_rule(w, rule);
  }
}

// The findings that moved one condition: finding id -> likelihood ratio applied. Findings of a
// dependence group that a stronger one of the same group outweighed changed nothing: left out.
// The ratios are the knowledge base's, pre-rendered with their finding (Fragments::moved); any
// other is written as it comes.
void write_moved(JsonWriter& w, const Fragments& text, const RankedCondition& ranked, bool raised) {
  const auto& moved = text.moved[static_cast<size_t>(ranked.condition)];
  w.begin_object();
  for (const auto& contribution : ranked.contributions) {
    if (!contribution.counted || (contribution.ratio > 1) != raised) continue;
    const auto& texts = moved[static_cast<size_t>(contribution.finding)];
    auto known = std::find_if(texts.begin(), texts.end(), [&](const Fragments::Moved& m) { return m.ratio == contribution.ratio; });
    if (known != texts.end()) {
      w.raw_members(known->member);
    } else {
      w.raw_key(text.finding_key[static_cast<size_t>(contribution.finding)]);
      w.fixed(contribution.ratio, kRatioDecimals);
    }
  }
  w.end_object();
}

}  // namespace

AssessmentJsonWriter::AssessmentJsonWriter(const KnowledgeBase& kb) : kb_(kb), fragments_(make_fragments(kb)) {}

AssessmentJsonWriter::~AssessmentJsonWriter() = default;

std::string AssessmentJsonWriter::write(const Assessment& assessment, Setting setting, std::string_view case_id,
                                        const Evidence* evidence) const {
  const KnowledgeBase& kb = kb_;
  const Fragments& text = *fragments_;
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
      w.raw_key(text.finding_key[f]);
      write_answer(w, text, f, kb.findings[f], evidence->answers[f]);
    }
    w.end_object();
  }

  w.key("red_flags");
  w.begin_array();
  for (const auto& rule : assessment.fired) {
    if (rule.red_flag) write_fired(w, text, kb, rule);
  }
  w.end_array();

  w.key("scores");
  w.begin_object();
  for (const auto& result : assessment.scores) {
    w.key(result.score->id);
    write_score(w, text, text.score[static_cast<size_t>(result.score - kb.scores.data())], result);
  }
  w.end_object();

  w.key("differential");
  w.begin_array();
  size_t rank = 0;
  for (const auto& ranked : assessment.differential) {
    auto c = static_cast<size_t>(ranked.condition);
    w.begin_object();
    w.raw_key(text.condition_head[c]);
    w.fixed(ranked.probability, 4);
    w.raw_members(text.suspected[ranked.suspected]);
    // What moved it, for the conditions the engine explained (the leading and the suspected ones,
    // or every one with Explain::kAll).
    if (ranked.explained) {
      w.raw_key(text.raised_by_key);
      write_moved(w, text, ranked, true);
      w.raw_key(text.lowered_by_key);
      write_moved(w, text, ranked, false);
    }
    // How it is treated: for the leading conditions and every suspected one.
    if (rank++ < kLeadingConditions || ranked.suspected) w.raw_members(text.treatment[c]);
    w.end_object();
  }
  w.end_array();

  w.key("disposition");
  w.begin_object();
  w.raw_members(text.disposition[static_cast<size_t>(assessment.disposition) - 1]);
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
  for (int finding : assessment.screen.unasked) w.raw_value(text.finding_id[static_cast<size_t>(finding)]);
  w.end_array();

  // The pathways that apply, each with the step that applies now (knowledge/pathways.yaml).
  w.key("pathways");
  w.begin_array();
  for (const PathwayStep& entry : assessment.pathways) {
    auto p = static_cast<size_t>(entry.pathway - kb.pathways.data());
    w.begin_object();
    w.raw_members(text.pathway_step[p][static_cast<size_t>(entry.step - entry.pathway->steps.data())]);
    if (!entry.step->rules_out.empty()) {
      // The rules that held but no longer set the disposition: this step's results answered them.
      w.key("answered_rules");
      w.begin_array();
      for (const Rule* rule : entry.answered) w.value(rule->id);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();

  w.key("rules_fired");
  w.begin_array();
  for (const auto& rule : assessment.fired) write_fired(w, text, kb, rule);
  w.end_array();
  w.key("workup");
  write_strings(w, assessment.workup);
  w.key("advice");
  write_strings(w, assessment.advice);
  w.raw_members(text.tail);
  w.end_object();
  return out;
}

std::string assessment_json(const Assessment& assessment, const KnowledgeBase& kb, Setting setting,
                            std::string_view case_id, const Evidence* evidence) {
  return AssessmentJsonWriter(kb).write(assessment, setting, case_id, evidence);
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
