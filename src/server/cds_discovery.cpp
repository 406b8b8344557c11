// The CDS Hooks services and their discovery document (server/cds.h).
#include <algorithm>

#include "fossa/json_writer.h"
#include "server/cds.h"

namespace fossa::server {
namespace {

namespace json = boost::json;

// "http://snomed.info/sct|267036007,http://loinc.org|48065-7,...": the codes of `findings`, once each.
std::string code_list(const KnowledgeBase& kb, bool investigations) {
  std::vector<std::string> codes;
  for (const auto& finding : kb.findings) {
    if (finding.investigation() && !investigations) continue;
    for (const auto& code : finding.codes) {
      std::string token = std::string(fhir::system_uri(code.system)) + "|" + code.code;
      if (std::find(codes.begin(), codes.end(), token) == codes.end()) codes.push_back(token);
    }
  }
  std::string out;
  for (const auto& token : codes) out += (out.empty() ? "" : ",") + token;
  return out;
}

}  // namespace

const std::vector<CdsService>& cds_services() {
  static const std::vector<CdsService> services = {
      {"fossa-patient-view", "patient-view", "/cds-services/fossa-patient-view", "/cds-services/fossa-patient-view/feedback",
       "Fossa: pain behind the knee",
       "When the chart opens: how urgently a person with pain behind the knee needs care (warning signs first), the "
       "Wells DVT score and the Ottawa knee rule, the most likely causes with probabilities, and the next step of the "
       "work-up, from the person's answers to Fossa's interview and the record's coded findings."},
      {"fossa-order-select", "order-select", "/cds-services/fossa-order-select",
       "/cds-services/fossa-order-select/feedback", "Fossa: is this test what the pathway says now?",
       "When a D-dimer, a leg vein ultrasound, a knee radiograph or a knee MRI is chosen for a person with pain behind "
       "the knee: whether it is the step that the pathway that applies gives now (NICE NG158, the Ottawa knee rule, "
       "...), what a positive or negative result would change, and Fossa's assessment with the work-up."},
  };
  return services;
}

const std::vector<std::string_view>& prefetch_keys() {
  static const std::vector<std::string_view> keys = {"patient", "conditions", "observations", "questionnaireResponse"};
  return keys;
}

std::string cds_discovery_json(const KnowledgeBase& kb) {
  json::object prefetch{
      {"patient", "Patient/{{context.patientId}}"},
      {"conditions", "Condition?patient={{context.patientId}}&code=" + code_list(kb, false)},
      {"observations", "Observation?patient={{context.patientId}}&code=" + code_list(kb, true)},
      {"questionnaireResponse", "QuestionnaireResponse?patient={{context.patientId}}&questionnaire=" +
                                    std::string(fhir::kQuestionnaireUrl) + "&_sort=-authored&_count=1"}};
  json::array services;
  for (const auto& service : cds_services()) {
    services.push_back({{"hook", service.hook},
                        {"title", service.title},
                        {"description", service.description},
                        {"id", service.id},
                        {"prefetch", prefetch},
                        {"usageRequirements",
                         "Send every prefetch key (null where the record has nothing): Fossa does not query the FHIR "
                         "server. The person's answers come as a QuestionnaireResponse to GET "
                         "/fhir/Questionnaire/fossa-interview (linkId = finding id)."}});
  }
  return to_json(json::object{{"services", std::move(services)}});
}

}  // namespace fossa::server
