// An assessment as a FHIR R4 Bundle (fossa/fhir.h).
#include <algorithm>
#include <cmath>

#include "fhir/fhir_json.h"
#include "fossa/fhir.h"
#include "fossa/json_writer.h"
#include "fossa/version.h"

namespace fossa::fhir {
namespace {

namespace json = boost::json;

json::object reference(std::string_view to) { return {{"reference", to}}; }

std::string_view priority(Disposition level) {
  switch (level) {
    case Disposition::kAmbulance:
    case Disposition::kEmergency: return "stat";
    case Disposition::kSameDay: return "urgent";
    default: return "routine";
  }
}

// A number rounded to `decimals` places (written as people write it by to_json).
double rounded(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

json::value whole_or_decimal(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return json::value(static_cast<int64_t>(value));
  return json::value(rounded(value, 2));
}

json::value answer_value(const Finding& finding, double value) {
  switch (finding.type) {
    case FindingType::kBool: return {{"valueBoolean", value != 0}};
    case FindingType::kNumber:
      if (finding.min == std::floor(finding.min) && finding.max == std::floor(finding.max) && value == std::floor(value)) {
        return {{"valueInteger", static_cast<int64_t>(value)}};
      }
      return {{"valueDecimal", value}};
    case FindingType::kEnum: {
      const std::string& chosen = finding.values[static_cast<size_t>(value)];
      return {{"valueCoding", {{"system", std::string(kAnswerSystem) + finding.id}, {"code", chosen}, {"display", chosen}}}};
    }
  }
  return nullptr;
}

json::object answer_item(const Finding& finding, const Answer& answer) {
  json::object item{{"linkId", finding.id}};
  if (answer.known) item["answer"] = json::array{answer_value(finding, answer.value)};
  return item;
}

// The evidence as a QuestionnaireResponse to the interview, grouped as the Questionnaire.
json::object evidence_response(const KnowledgeBase& kb, const Evidence& evidence, std::string_view subject) {
  json::array items;
  for (int q : detail::question_order(kb)) {
    const QuestionGroup& question = kb.interview.questions[static_cast<size_t>(q)];
    json::array inner;
    for (int f : detail::asked_findings(kb, q)) {
      if (evidence.asked(f)) inner.push_back(answer_item(kb.findings[static_cast<size_t>(f)], evidence.answers[static_cast<size_t>(f)]));
    }
    if (inner.empty()) continue;
    if (question.findings.size() == 1) {
      items.push_back(std::move(inner[0]));
    } else {
      items.push_back({{"linkId", question.id}, {"item", std::move(inner)}});
    }
  }
  json::object out{{"resourceType", "QuestionnaireResponse"},
                   {"questionnaire", kQuestionnaireUrl},
                   {"status", "completed"},
                   {"subject", reference(subject)}};
  if (!items.empty()) out["item"] = std::move(items);
  return out;
}

json::object codeable(const std::vector<Code>& codes, std::string_view own_system, std::string_view own_code, std::string_view text) {
  json::array coding;
  if (!own_system.empty()) coding.push_back({{"system", own_system}, {"code", own_code}, {"display", text}});
  for (const auto& code : codes) {
    coding.push_back({{"system", system_uri(code.system)}, {"code", code.code}, {"display", code.display}});
  }
  return {{"coding", std::move(coding)}, {"text", text}};
}

// "Suspected. For: calf swelling (LR 3.5); against: no fever (LR 0.8)": the strongest findings.
std::string rationale(const RankedCondition& ranked, const KnowledgeBase& kb, const Evidence& evidence) {
  std::string for_it;
  std::string against;
  int n_for = 0;
  int n_against = 0;
  for (const auto& contribution : ranked.contributions) {
    if (!contribution.counted || contribution.ratio == 1) continue;
    const Finding& finding = kb.findings[static_cast<size_t>(contribution.finding)];
    std::string text = answer_label(finding, evidence.answers[static_cast<size_t>(contribution.finding)].value) +
                       " (LR " + to_json(json::value(rounded(contribution.ratio, 2))) + ")";
    if (contribution.ratio > 1 && n_for++ < 3) for_it += (for_it.empty() ? "" : ", ") + text;
    if (contribution.ratio < 1 && n_against++ < 3) against += (against.empty() ? "" : ", ") + text;
  }
  std::string out = ranked.suspected ? "Suspected." : "Not suspected.";
  if (!for_it.empty()) out += " For: " + for_it + ".";
  if (!against.empty()) out += " Against: " + against + ".";
  if (for_it.empty() && against.empty()) out += " No finding known moved it from its prior.";
  return out;
}

json::object score_observation(const ScoreResult& result, std::string_view subject, std::string_view response) {
  const Score& score = *result.score;
  json::object out{{"resourceType", "Observation"},
                   {"status", "final"},
                   {"category", json::array{{{"coding", json::array{{{"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
                                                                     {"code", "survey"},
                                                                     {"display", "Survey"}}}}}}},
                   {"code", codeable({}, kScoreSystem, score.id, score.name)},
                   {"subject", reference(subject)}};
  std::string unknown;
  for (const auto& item : result.items) {
    if (item.unknown) unknown += (unknown.empty() ? "" : "; ") + item.item->label;
  }
  if (score.kind == Score::Kind::kPoints) {
    out["valueInteger"] = static_cast<int64_t>(std::lround(result.points[0]));
    if (std::floor(result.points[0]) != result.points[0]) {
      out.erase("valueInteger");
      out["valueQuantity"] = {{"value", rounded(result.points[0], 2)}};
    }
    json::array components;
    for (size_t v = 0; v < score.versions.size(); ++v) {
      const std::string& version = score.versions[v].id;
      components.push_back({{"code", codeable({}, kScoreSystem, score.id + "." + version, score.name + " (" + version + "), points")},
                            {"valueQuantity", {{"value", whole_or_decimal(result.points[v])}}}});
      components.push_back({{"code", codeable({}, kScoreSystem, score.id + "." + version + ".category",
                                              score.name + " (" + version + "), category")},
                            {"valueString", result.categories[v]}});
    }
    out["component"] = std::move(components);
  } else if (result.positive) {
    out["valueBoolean"] = *result.positive;
  } else {
    out["dataAbsentReason"] = {{"coding", json::array{{{"system", "http://terminology.hl7.org/CodeSystem/data-absent-reason"},
                                                       {"code", "unknown"},
                                                       {"display", "Unknown"}}}},
                               {"text", "a criterion is not known"}};
  }
  if (!unknown.empty()) out["note"] = json::array{{{"text", "Not known, counted as not met: " + unknown + "."}}};
  out["derivedFrom"] = json::array{reference(response)};
  return out;
}

}  // namespace

std::vector<std::string> workup_steps(const Assessment& assessment) {
  std::vector<std::string> steps;
  auto add = [&](const std::string& step) {
    if (!step.empty() && std::find(steps.begin(), steps.end(), step) == steps.end()) steps.push_back(step);
  };
  for (const auto& pathway : assessment.pathways) {
    if (pathway.step) add(pathway.step->text_clinician);
  }
  for (const auto& step : assessment.workup) add(step);
  return steps;
}

std::vector<ProposedOrder> proposed_orders(const Assessment& assessment, const KnowledgeBase& kb) {
  std::vector<ProposedOrder> orders;
  for (const auto& pathway : assessment.pathways) {
    if (!pathway.step) continue;
    for (int finding : pathway.step->orders) {
      const std::string& test = kb.findings[static_cast<size_t>(finding)].test;
      auto same = std::find_if(orders.begin(), orders.end(), [&](const ProposedOrder& order) { return order.test == test; });
      if (same == orders.end()) same = orders.insert(orders.end(), ProposedOrder{test, {}});
      if (std::find(same->findings.begin(), same->findings.end(), finding) == same->findings.end()) same->findings.push_back(finding);
    }
  }
  return orders;
}

boost::json::object service_request(const ProposedOrder& order, const KnowledgeBase& kb, Disposition level,
                                    std::string_view subject) {
  json::object code{{"text", order.test}};
  for (int finding : order.findings) {
    const auto& codes = kb.findings[static_cast<size_t>(finding)].codes;
    auto loinc = std::find_if(codes.begin(), codes.end(), [](const Code& c) { return c.system == "loinc"; });
    if (loinc == codes.end()) continue;
    code = {{"coding", json::array{{{"system", system_uri(loinc->system)}, {"code", loinc->code}, {"display", loinc->display}}}},
            {"text", order.test}};
    break;
  }
  return {{"resourceType", "ServiceRequest"},
          {"status", "draft"},
          {"intent", "proposal"},
          {"priority", priority(level)},
          {"code", std::move(code)},
          {"subject", reference(subject)}};
}

boost::json::object assessment_bundle(const Assessment& assessment, const KnowledgeBase& kb, const FhirEvidence& evidence,
                                      const BundleOptions& options) {
  json::array entries;
  auto full_url = [&](std::string_view name) { return "urn:uuid:" + uuid_from(options.seed + "#" + std::string(name)); };
  auto add = [&](std::string url, json::object resource) {
    entries.push_back({{"fullUrl", std::move(url)}, {"resource", std::move(resource)}});
  };
  std::string subject = evidence.patient;
  if (subject.empty()) {
    subject = full_url("Patient");
    json::object patient{{"resourceType", "Patient"}};
    int sex = kb.finding_index("sex");
    if (sex >= 0 && evidence.evidence.known(sex)) {
      const std::string& value = kb.findings[static_cast<size_t>(sex)].values[static_cast<size_t>(evidence.evidence.answers[static_cast<size_t>(sex)].value)];
      if (value == "female" || value == "male") patient["gender"] = value;
    }
    add(subject, std::move(patient));
  }
  std::string response = full_url("QuestionnaireResponse");
  add(response, evidence_response(kb, evidence.evidence, subject));

  std::string risk = full_url("RiskAssessment");
  json::array basis{reference(response)};
  for (const auto& source : evidence.basis) basis.push_back(reference(source));
  json::array predictions;
  for (const auto& ranked : assessment.differential) {
    const Condition& condition = kb.conditions[static_cast<size_t>(ranked.condition)];
    predictions.push_back({{"outcome", codeable(condition.codes, kConditionSystem, condition.id, condition.name)},
                           {"probabilityDecimal", rounded(ranked.probability * 100, 2)},
                           {"rationale", rationale(ranked, kb, evidence.evidence)}});
  }
  const DispositionInfo& disposition = kb.disposition(assessment.disposition);
  std::string reasons;
  for (const auto& fired : assessment.fired) {
    if (fired.level == assessment.disposition) reasons += (reasons.empty() ? "" : "; ") + fired.reason_clinician;
  }
  json::object assessment_resource{
      {"resourceType", "RiskAssessment"},
      {"status", "final"},
      {"code", {{"text", "Differential diagnosis of pain behind the knee"}}},
      {"subject", reference(subject)},
      {"method", {{"text", "Fossa " + std::string(kVersion) + ", knowledge base " + kb.name + " " + kb.version + " (" + kb.hash + ")"}}},
      {"basis", std::move(basis)},
      {"prediction", std::move(predictions)},
      {"mitigation", disposition.name + " (" + disposition.time_frame + ")" + (reasons.empty() ? "" : ": " + reasons)}};
  json::array notes;
  for (const std::string& step : workup_steps(assessment)) notes.push_back(json::object{{"text", step}});
  if (!notes.empty()) assessment_resource["note"] = std::move(notes);
  add(risk, std::move(assessment_resource));

  for (const auto& score : assessment.scores) {
    if (score.score->kind == Score::Kind::kAnyCriterion && !score.applicable) continue;
    add(full_url("Observation/" + score.score->id), score_observation(score, subject, response));
  }
  std::vector<ProposedOrder> orders = proposed_orders(assessment, kb);
  for (size_t i = 0; i < orders.size(); ++i) {
    json::object request = service_request(orders[i], kb, assessment.disposition, subject);
    request["reasonReference"] = json::array{reference(risk)};
    add(full_url("ServiceRequest/" + std::to_string(i)), std::move(request));
  }
  return {{"resourceType", "Bundle"}, {"id", uuid_from(options.seed + "#Bundle")}, {"type", "collection"}, {"entry", std::move(entries)}};
}

}  // namespace fossa::fhir
