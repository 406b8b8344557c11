#include <cmath>
#include <cstdio>

#include "fossa/case_io.h"

namespace fossa {
namespace {

std::string percent(double probability) {
  char out[16];
  std::snprintf(out, sizeof out, "%3.0f%%", probability * 100.0);
  return out;
}

std::string bar(double probability) {
  auto filled = static_cast<size_t>(std::lround(probability * 20.0));
  return std::string(filled, '#') + std::string(20 - filled, '.');
}

std::string number(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%g", value);
  return out;
}

}  // namespace

std::string assessment_text(const Assessment& assessment, const KnowledgeBase& kb, Setting setting) {
  const bool clinician = setting == Setting::kClinician;
  const DispositionInfo& info = kb.disposition(assessment.disposition);
  std::string out;
  out += "WHAT TO DO: " + info.name + " (" + info.time_frame + ")\n";
  out += "  " + info.action + "\n";
  for (const auto& rule : assessment.fired) {
    if (rule.level != assessment.disposition || rule.red_flag) continue;  // red flags are listed below
    out += "  Why: " + (clinician ? rule.reason_clinician : rule.reason) + "\n";
  }
  auto flags = assessment.red_flags();
  if (!flags.empty()) {
    out += "\nWARNING SIGNS\n";
    for (const auto* rule : flags) out += "  ! " + (clinician ? rule->reason_clinician : rule->reason) + "\n";
  }
  out += "\nLIKELY CAUSES\n";
  size_t shown = 0;
  for (const auto& ranked : assessment.differential) {
    if (shown == 5) break;
    ++shown;
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    out += "  " + percent(ranked.probability) + " " + bar(ranked.probability) + " " +
           (clinician ? condition.name : condition.plain_name) + "\n";
    std::string because;
    size_t listed = 0;
    for (const auto& contribution : ranked.contributions) {
      if (!contribution.counted || listed == 3) continue;
      ++listed;
      const Finding& finding = kb.findings[static_cast<size_t>(contribution.finding)];
      if (!because.empty()) because += "; ";
      because += answer_label(finding, contribution.value) + " (x" + number(std::round(contribution.ratio * 100) / 100) + ")";
    }
    if (!because.empty()) out += "         " + because + "\n";
  }
  if (clinician) {
    out += "\nSCORES\n";
    for (const auto& result : assessment.scores) {
      const Score& score = *result.score;
      out += "  " + score.name + ": ";
      if (score.kind == Score::Kind::kPoints) {
        for (size_t v = 0; v < score.versions.size(); ++v) {
          if (v) out += "; ";
          out += score.versions[v].id + " " + number(result.points[v]) + " (" + result.categories[v] + ")";
        }
      } else if (!result.applicable) {
        out += "not applicable";
      } else {
        out += result.positive ? (*result.positive ? "positive" : "negative") : "not yet known";
      }
      size_t unknown = 0;
      for (const auto& item : result.items) unknown += item.unknown ? 1 : 0;
      if (unknown) out += " [" + std::to_string(unknown) + " item(s) unknown]";
      out += "\n";
    }
  }
  if (!assessment.pathways.empty()) {
    out += clinician ? "\nPATHWAYS: THE STEP THAT APPLIES NOW\n" : "\nWHAT HAPPENS NEXT\n";
    for (const PathwayStep& entry : assessment.pathways) {
      out += "  - " + (clinician ? entry.pathway->name + ": " + entry.step->text_clinician : entry.step->text) + "\n";
    }
  }
  if (!assessment.workup.empty() && clinician) {
    out += "\nWORK-UP\n";
    for (const auto& line : assessment.workup) out += "  - " + line + "\n";
  }
  if (!assessment.differential.empty()) {
    const Condition& top = kb.conditions[static_cast<size_t>(assessment.differential.front().condition)];
    const auto& statements = clinician ? top.treatment_clinician : top.treatment_person;
    if (!statements.empty()) {
      out += "\nTREATMENT OF THE LEADING CAUSE (" + (clinician ? top.name : top.plain_name) + ")\n";
      for (const auto& statement : statements) out += "  - " + statement.text + "\n";
    }
  }
  out += "\nADVICE\n";
  for (const auto& line : assessment.advice) out += "  - " + line + "\n";
  out += "\n" + kb.emergency_advice + "\n" + kb.notice + "\n";
  out += "Knowledge base " + kb.name + " " + kb.version + " (" + kb.hash + ")\n";
  return out;
}

}  // namespace fossa
