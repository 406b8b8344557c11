// The CDS Hooks card of an assessment (server/cds.h, docs/fhir.md "Cards").
#include <algorithm>
#include <cmath>

#include "fossa/json_writer.h"
#include "fossa/version.h"
#include "server/cds.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

std::string_view indicator(Disposition level) {
  if (level >= Disposition::kEmergency) return "critical";
  return level == Disposition::kSameDay ? "warning" : "info";
}

std::string percent(double probability) {
  double value = std::round(probability * 100);
  if (value < 1) return "<1%";
  return std::to_string(static_cast<int>(value)) + "%";
}

double probability_of(const Assessment& assessment, int condition) {
  for (const auto& ranked : assessment.differential) {
    if (ranked.condition == condition) return ranked.probability;
  }
  return 0;
}

std::vector<int> suspected(const Assessment& assessment) {
  std::vector<int> out;
  for (const auto& ranked : assessment.differential) {
    if (ranked.suspected) out.push_back(ranked.condition);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Why the disposition is what it is, beside the warning signs listed below it: the other rules at
// its level, else the suspected conditions.
std::string reasons(const Assessment& assessment, const KnowledgeBase& kb) {
  std::string out;
  bool warning = false;
  for (const auto& fired : assessment.fired) {
    if (fired.level != assessment.disposition) continue;
    warning |= fired.red_flag;
    if (!fired.red_flag && !fired.reason_clinician.empty()) out += (out.empty() ? "" : " ") + fired.reason_clinician;
  }
  if (!out.empty() || warning) return out;
  if (!out.empty()) return out;
  for (const auto& ranked : assessment.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    if (ranked.suspected && condition.care == assessment.disposition) {
      out += (out.empty() ? "Suspected: " : ", ") + condition.name + " (" + percent(ranked.probability) + ")";
    }
  }
  return out.empty() ? out : out + ".";
}

std::string score_lines(const Assessment& assessment) {
  std::string out;
  for (const auto& result : assessment.scores) {
    const Score& score = *result.score;
    out += "**" + score.name + ":** ";
    if (score.kind == Score::Kind::kPoints) {
      for (size_t v = 0; v < score.versions.size(); ++v) {
        out += (v == 0 ? "" : "; " + score.versions[v].id + " version: ") + to_json(json::value(result.points[v])) + " (" +
               result.categories[v] + ")";
      }
    } else if (!result.applicable) {
      out += "does not apply";
    } else if (!result.positive) {
      out += "not known yet (a criterion is not known)";
    } else {
      out += *result.positive ? "positive" : "negative";
    }
    std::string unknown;
    size_t unknowns = 0;
    for (const auto& item : result.items) {
      if (item.unknown && (score.kind == Score::Kind::kPoints || result.applicable)) {
        unknown += (unknown.empty() ? "" : "; ") + item.item->label;
        ++unknowns;
      }
    }
    if (unknowns > 3) unknown = std::to_string(unknowns) + " of its " + std::to_string(result.items.size()) + " items";
    out += unknown.empty() ? ".\n\n" : ". Not known, counted as not met: " + unknown + ".\n\n";
  }
  return out;
}

// How an ordered test stands against the pathways that apply now (knowledge/pathways.yaml): the
// step that applies now orders it, a later or earlier step of an applying pathway does, or no
// applying pathway orders it at all.
struct Verdict {
  enum class Kind { kNow, kNotNow, kNoPathway };
  Kind kind = Kind::kNoPathway;
  const Pathway* pathway = nullptr;   // the pathway that orders it (kNow, kNotNow)
  const Pathway::Step* step = nullptr;  // the step that applies now in that pathway
};

bool orders_any(const Pathway::Step& step, const std::vector<int>& findings) {
  for (int f : findings) {
    if (std::find(step.orders.begin(), step.orders.end(), f) != step.orders.end()) return true;
  }
  return false;
}

Verdict verdict_of(const Assessment& assessment, const OrderedTest& order) {
  Verdict out;
  for (const auto& applied : assessment.pathways) {
    if (!applied.pathway || !applied.step) continue;
    if (orders_any(*applied.step, order.findings)) return {Verdict::Kind::kNow, applied.pathway, applied.step};
    if (out.kind == Verdict::Kind::kNoPathway) {
      for (const auto& step : applied.pathway->steps) {
        if (orders_any(step, order.findings)) out = {Verdict::Kind::kNotNow, applied.pathway, applied.step};
      }
    }
  }
  return out;
}

std::string verdict_words(const Verdict& verdict) {
  switch (verdict.kind) {
    case Verdict::Kind::kNow: return "the step now in " + verdict.pathway->name;
    case Verdict::Kind::kNotNow: return "not the step now in " + verdict.pathway->name;
    case Verdict::Kind::kNoPathway: break;
  }
  return "no pathway that applies now orders it";
}

std::string verdict_detail(const Verdict& verdict) {
  std::string step = verdict.step ? verdict.step->id : std::string();
  std::replace(step.begin(), step.end(), '_', ' ');
  switch (verdict.kind) {
    case Verdict::Kind::kNow: return "the step that applies now in " + verdict.pathway->name + " (" + step + ").";
    case Verdict::Kind::kNotNow:
      return "not the step that applies now in " + verdict.pathway->name + ", which says: " + verdict.step->text_clinician;
    case Verdict::Kind::kNoPathway: break;
  }
  return "no pathway that applies now orders it.";
}

// What a result of an ordered test could change, most important first.
enum class Change { kNothing, kCauses, kPathway, kDisposition };

std::vector<std::pair<const Pathway*, const Pathway::Step*>> steps_of(const Assessment& assessment) {
  std::vector<std::pair<const Pathway*, const Pathway::Step*>> out;
  for (const auto& pathway : assessment.pathways) out.emplace_back(pathway.pathway, pathway.step);
  return out;
}

// The Markdown for one test ordered: for each finding it reports, what a positive and a negative
// result would change (the disposition, the next step of a pathway, the condition it moves most).
// Raises `change` to the most important change a result could make.
std::string order_lines(const CardInput& input, const OrderedTest& order, Change& change) {
  const KnowledgeBase& kb = input.engine.kb();
  const Evidence& evidence = input.evidence.evidence;
  if (order.findings.empty()) return "- **" + order.label + "**: not a test Fossa knows (no finding has its code).\n";
  std::string out = "- **" + order.label + "**: " + verdict_detail(verdict_of(input.assessment, order)) + " It reports:\n";
  for (int f : order.findings) {
    const Finding& finding = kb.findings[static_cast<size_t>(f)];
    if (evidence.known(f)) {
      out += "  - " + finding.label + ": already known (" + answer_label(finding, evidence.answers[static_cast<size_t>(f)].value) + ").\n";
      continue;
    }
    std::string line = "  - " + finding.label + ":";
    for (double value : {1.0, 0.0}) {
      Evidence trial = evidence;
      trial.set(f, value);
      Assessment after = input.engine.assess(trial);
      // The condition whose probability this result moves most.
      int moved = -1;
      double most = 0;
      for (const auto& ranked : after.differential) {
        double moved_by = std::fabs(ranked.probability - probability_of(input.assessment, ranked.condition));
        if (moved_by > most) {
          most = moved_by;
          moved = ranked.condition;
        }
      }
      line += value != 0 ? " if positive, " : "; if negative, ";
      if (after.disposition != input.assessment.disposition) {
        line += kb.disposition(after.disposition).name + "; ";
        change = std::max(change, Change::kDisposition);
      }
      if (steps_of(after) != steps_of(input.assessment)) {
        for (const auto& pathway : after.pathways) {
          if (!pathway.pathway || !pathway.step) continue;
          std::string step = pathway.step->id;
          std::replace(step.begin(), step.end(), '_', ' ');
          line += pathway.pathway->name + " next: " + step + "; ";
        }
        change = std::max(change, Change::kPathway);
      }
      if (suspected(after) != suspected(input.assessment)) change = std::max(change, Change::kCauses);
      if (moved >= 0) {
        line += kb.conditions[static_cast<size_t>(moved)].name + " " + percent(probability_of(after, moved)) + " (now " +
                percent(probability_of(input.assessment, moved)) + ")";
      } else {
        line += "no cause moves";
      }
    }
    out += line + ".\n";
  }
  return out;
}

std::string_view change_words(Change change) {
  switch (change) {
    case Change::kDisposition: return "a result could change what to do now";
    case Change::kPathway: return "a result moves the pathway on";
    case Change::kCauses: return "a result could change the suspected causes";
    case Change::kNothing: break;
  }
  return "no result would change what to do, the pathway or the suspected causes now";
}

std::string source_url(const Assessment& assessment, const KnowledgeBase& kb) {
  std::vector<std::string> ids;
  for (const auto& fired : assessment.fired) {
    if (fired.level == assessment.disposition && fired.rule) {
      ids.insert(ids.end(), fired.rule->provenance.sources.begin(), fired.rule->provenance.sources.end());
    }
  }
  if (!assessment.differential.empty()) {
    const auto& top = kb.conditions[static_cast<size_t>(assessment.differential[0].condition)].sources;
    ids.insert(ids.end(), top.begin(), top.end());
  }
  for (const auto& id : ids) {
    for (const auto& source : kb.sources) {
      if (source.id == id && source.url.starts_with("http")) return source.url;
    }
  }
  return {};
}

}  // namespace

std::string shortened(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::string_view cut = text.substr(0, limit - 3);
  size_t space = cut.rfind(' ');
  if (space != std::string_view::npos && space > limit / 2) cut = cut.substr(0, space);
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.remove_suffix(1);  // whole UTF-8 characters
  if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.remove_suffix(1);
  while (!cut.empty() && (cut.back() == ',' || cut.back() == ';' || cut.back() == ':' || cut.back() == ' ')) cut.remove_suffix(1);
  return std::string(cut) + "...";
}

std::string evidence_query(const Evidence& evidence, const KnowledgeBase& kb) {
  std::string out;
  for (size_t f = 0; f < kb.findings.size(); ++f) {
    const Answer& answer = evidence.answers[f];
    if (!answer.known) continue;
    const Finding& finding = kb.findings[f];
    std::string value = finding.type == FindingType::kBool     ? (answer.value != 0 ? "true" : "false")
                        : finding.type == FindingType::kNumber ? to_json(json::value(answer.value))
                                                               : finding.values[static_cast<size_t>(answer.value)];
    out += (out.empty() ? "" : "&") + finding.id + "=" + value;  // ids and values are [a-z0-9_.-]
  }
  return out;
}

boost::json::object assessment_card(const CardInput& input) {
  const KnowledgeBase& kb = input.engine.kb();
  const Assessment& assessment = input.assessment;
  const DispositionInfo& disposition = kb.disposition(assessment.disposition);
  auto red_flags = assessment.red_flags();

  // The lead of the summary: the first warning sign, else the most likely cause.
  std::string lead;
  if (!red_flags.empty()) {
    lead = red_flags[0]->reason_clinician;
    lead = lead.substr(0, lead.find(':'));
  } else if (!assessment.differential.empty()) {
    const auto& top = assessment.differential[0];
    lead = "most likely " + kb.conditions[static_cast<size_t>(top.condition)].name + " (" + percent(top.probability) + ")";
  }
  std::string detail = "**" + disposition.name + "** (" + disposition.time_frame + ")." +
                       (reasons(assessment, kb).empty() ? "" : " " + reasons(assessment, kb)) + "\n\n";
  std::string summary = disposition.name + ": " + lead;

  if (!input.orders.empty()) {
    std::string orders;
    Change change = Change::kNothing;
    for (const auto& order : input.orders) orders += order_lines(input, order, change);
    std::string verdicts;
    for (const auto& order : input.orders) {
      verdicts += (verdicts.empty() ? "" : "; ") + order.label + ": " +
                  (order.findings.empty() ? std::string("not a test Fossa knows") : verdict_words(verdict_of(assessment, order)));
    }
    std::string words(change_words(change));
    summary = verdicts + ". " + disposition.name;
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    detail += "**The order now:** " + words + ".\n\n" + orders + "\n";
  }

  detail += "**Warning signs:**";
  if (red_flags.empty()) {
    detail += " none of the warning signs is present.";
  } else {
    detail += "\n";
    for (const auto* flag : red_flags) detail += "\n- " + flag->reason_clinician;
  }
  if (!assessment.screen.complete) {
    std::string unasked;
    for (size_t i = 0; i < assessment.screen.unasked.size() && i < 8; ++i) {
      unasked += (i == 0 ? "" : ", ") + kb.findings[static_cast<size_t>(assessment.screen.unasked[i])].label;
    }
    detail += "\n\nStill to check for a more urgent warning sign: " + unasked + ".";
  }
  detail += "\n\n" + score_lines(assessment);
  detail += "**Most likely causes:**\n\n";
  for (size_t i = 0; i < assessment.differential.size() && i < 3; ++i) {
    const auto& ranked = assessment.differential[i];
    detail += std::to_string(i + 1) + ". " + kb.conditions[static_cast<size_t>(ranked.condition)].name + ": " +
              percent(ranked.probability) + (ranked.suspected ? " (suspected)" : "") + "\n";
  }
  std::vector<fhir::ProposedOrder> orders = fhir::proposed_orders(assessment, kb);
  if (!assessment.pathways.empty()) {
    detail += "\n**Next step:**\n";
    for (const auto& pathway : assessment.pathways) {
      if (pathway.pathway && pathway.step) detail += "\n- " + pathway.pathway->name + ": " + pathway.step->text_clinician;
    }
    if (!orders.empty()) {
      std::string tests;
      for (const auto& order : orders) tests += (tests.empty() ? "" : ", ") + order.test;
      detail += "\n\nProposed in the suggestions: " + tests + ".";
    }
  }
  // Without a pathway the first work-up line is the next step, and the list goes on from there.
  size_t listed_from = 0;
  if (assessment.pathways.empty() && !assessment.workup.empty()) {
    detail += "\n**Next step:** " + assessment.workup.front();
    listed_from = 1;
  }
  if (assessment.workup.size() > listed_from) {
    detail += listed_from == 0 ? "\n\n**Work-up:**\n" : "\n\n**Then:**\n";
    for (size_t i = listed_from; i < assessment.workup.size(); ++i) detail += "\n- " + assessment.workup[i];
  }

  json::object card;
  card["uuid"] = fhir::uuid_from(input.seed + "#card");
  card["summary"] = shortened(summary, 139);
  card["indicator"] = indicator(assessment.disposition);
  card["detail"] = detail;
  json::object source{{"label", "Fossa " + std::string(kVersion) + ", knowledge base " + kb.name + " " + kb.version}};
  if (std::string url = source_url(assessment, kb); !url.empty()) source["url"] = url;
  card["source"] = std::move(source);
  if (!orders.empty()) {
    json::array suggestions;
    for (size_t i = 0; i < orders.size(); ++i) {
      const fhir::ProposedOrder& order = orders[i];
      json::object action{{"type", "create"},
                          {"description", "Propose: " + order.test},
                          {"resource", fhir::service_request(order, kb, assessment.disposition, input.subject)}};
      suggestions.push_back({{"label", shortened("Order: " + order.test, 100)},
                             {"uuid", fhir::uuid_from(input.seed + "#suggestion/" + std::to_string(i))},
                             {"actions", json::array{std::move(action)}}});
    }
    card["suggestions"] = std::move(suggestions);
    card["selectionBehavior"] = "any";
  }
  card["overrideReasons"] = json::array{
      {{"system", "urn:fossa:override-reason"}, {"code", "assessed"}, {"display", "Already assessed by a clinician"}},
      {{"system", "urn:fossa:override-reason"}, {"code", "not-current"}, {"display", "The answers are no longer current"}}};
  if (!input.base_url.empty()) {
    card["links"] = json::array{{{"label", "Open the case in Fossa's clinician view"},
                                 {"url", input.base_url + "/?" + evidence_query(input.evidence.evidence, kb) + "#clinician"},
                                 {"type", "absolute"}}};
  }
  return card;
}

}  // namespace fossa::server
