// FHIR R4 in and out (docs/fhir.md): what a clinician's record system knows about a person, as
// FHIR resources, becomes Evidence; an assessment becomes FHIR resources the record can store.
//
// In: Patient (birthDate and gender give age and sex), Observation and Condition (their codes are
// the SNOMED CT and LOINC codes that knowledge/findings.yaml gives each finding), and a
// QuestionnaireResponse to Fossa's interview (linkId = finding id), alone or in Bundles. Errors
// name the FHIR path of the offending element (`where`, e.g. "QuestionnaireResponse.item[2].answer[0]").
//
// Out: the interview as a Questionnaire (questionnaire()), and an assessment as a Bundle of type
// collection (assessment_bundle()): a RiskAssessment with one prediction per condition, each score
// as an Observation, the work-up as ServiceRequests (intent proposal), and the evidence read as a
// QuestionnaireResponse. Ids are derived from a seed, so the same input gives the same bytes.
//
// Every function is a pure function of its arguments and may be called from any number of threads.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "fossa/assessment.h"
#include "fossa/evidence.h"
#include "fossa/knowledge_base.h"
#include "fossa/result.h"

namespace fossa::fhir {

// The Questionnaire of the interview: its id (GET /fhir/Questionnaire/fossa-interview) and its
// canonical URL, which a QuestionnaireResponse names in `questionnaire`.
inline constexpr std::string_view kQuestionnaireId = "fossa-interview";
inline constexpr std::string_view kQuestionnaireUrl = "urn:fossa:fhir:Questionnaire:fossa-interview";
// Fossa's own code systems: scores ("wells_dvt"), conditions ("dvt"), the answers of a choice
// finding (kAnswerSystem + finding id, e.g. "urn:fossa:answer:sex").
inline constexpr std::string_view kScoreSystem = "urn:fossa:score";
inline constexpr std::string_view kConditionSystem = "urn:fossa:condition";
inline constexpr std::string_view kAnswerSystem = "urn:fossa:answer:";

// The FHIR system URI of a knowledge base code system ("snomed" -> "http://snomed.info/sct",
// "loinc", "icd10", "icd10cm"), or "" for any other.
std::string_view system_uri(std::string_view kb_system);

// A calendar date (UTC), for ages from birth dates.
struct Date {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};
Date today_utc();

struct ReadOptions {
  Date today;              // ages are computed on this day (the caller passes today_utc())
  size_t max_depth = 32;   // JSON nesting accepted by read_evidence (FHIR nests deeper than a case)
  // When set, a Patient with another id, or a resource whose `subject` names another patient, is
  // refused (kInvalidValue): the record system sent someone else's data.
  std::string patient_id;
};

// What the resources said: the evidence (setting: patient, so findings no resource mentions stay
// unknown rather than absent for the examination), and where it came from.
struct FhirEvidence {
  Evidence evidence;
  std::string patient;             // "Patient/<id>" of the Patient read, or empty
  std::vector<std::string> basis;  // "Observation/<id>", ...: resources with an id that gave evidence
  int resources_read = 0;          // resources that gave evidence (a Patient alone does not count)
};

// Reads resources one by one into evidence (a CDS Hooks prefetch is several). Not thread-safe; the
// knowledge base must outlive it.
//
// How each resource is read (docs/fhir.md, "FHIR in"):
// - Patient: birthDate -> age (whole years on options.today; a missing month or day is taken as
//   the first), gender female/male -> sex (other and unknown leave it unknown).
// - Observation (status preliminary, final, amended or corrected; others are skipped) and Condition
//   (verificationStatus refuted -> absent; entered-in-error and unconfirmed skipped; clinicalStatus
//   inactive, remission or resolved skipped): the finding whose code matches a coding of `code`.
//   A code shared by several findings is narrowed by a value code matching one of them, then by the
//   Observation category (exam, laboratory, imaging...); a normal result (interpretation N or NEG)
//   of a test shared by several findings makes all of them absent; a code still naming several
//   findings is skipped (unknown is never less urgent than either answer). The value of a yes/no
//   finding: valueBoolean; a matching value code, or no value at all: present; interpretation
//   POS, DET, A, AA, H, HH, HU: present, N, NEG, ND: absent; dataAbsentReason: asked, unknown.
// - QuestionnaireResponse to kQuestionnaireUrl (or a reference ending in
//   "Questionnaire/fossa-interview"): each item's linkId is a finding id (or a group id holding
//   them); valueBoolean for yes/no findings, valueInteger or valueDecimal for numbers (in range),
//   valueCoding (a value of the finding) for choices; an item without an answer is "I don't know".
// - Bundle: each entry's resource, as above; OperationOutcome is skipped.
// When several resources answer one yes/no finding, present wins over absent (a warning sign
// recorded anywhere counts); otherwise the last one read wins.
//
// Errors (`where` is the FHIR path, prefixed by `path`): kWrongType (a value of the wrong JSON or
// FHIR type, an answer of the wrong type), kUnknownField (a code no finding has, a linkId that is
// not a finding or group, with the closest ids), kInvalidValue (another resourceType, another
// questionnaire, an unknown status or gender, another patient), kOutOfRange (an age or number out
// of range, a birth date in the future), kMissingField (resourceType, status, code, linkId,
// questionnaire).
class EvidenceReader {
 public:
  EvidenceReader(const KnowledgeBase& kb, ReadOptions options);

  // Reads one resource (or Bundle) named `path` in errors ("Bundle", "prefetch.patient").
  Status add(const boost::json::value& resource, const std::string& path);

  const FhirEvidence& result() const { return result_; }
  FhirEvidence take() { return std::move(result_); }

 private:
  const KnowledgeBase& kb_;
  ReadOptions options_;
  FhirEvidence result_;
};

// Parses `text` as JSON: kMalformedJson with the line and column, kTooDeep beyond `max_depth`.
Result<boost::json::value> parse_json(std::string_view text, size_t max_depth);

// Reads a body holding one resource or a Bundle (named by its resourceType in `where`).
Result<FhirEvidence> read_evidence(std::string_view json, const KnowledgeBase& kb, const ReadOptions& options);

// The test-result findings (group investigation) whose codes match a coding of `code` (a
// CodeableConcept, e.g. a ServiceRequest's): the tests an order asks for. Empty when none match.
std::vector<int> ordered_findings(const boost::json::value& code, const KnowledgeBase& kb);

// The interview as a Questionnaire (id kQuestionnaireId, url kQuestionnaireUrl, version the knowledge
// base version): one item per question of knowledge/interview.yaml (a group item holding its
// findings, or one finding), linkId = finding id (or group id), type boolean, integer (numbers with
// whole bounds), decimal or choice (answerOption valueCoding), the finding's codes as item.code, and
// enableWhen for a group asked only when its `when` holds (a finding present, a number compared, a
// value chosen, their all/any, or a finding not present; a `when` beyond these is left out, so the
// question is always enabled). Test results are not in it: they come as Observations.
boost::json::object questionnaire(const KnowledgeBase& kb);

struct BundleOptions {
  std::string seed;  // ids (urn:uuid) are derived from it, with the content
};

// The assessment as a Bundle (type collection): a Patient (only when `evidence.patient` is empty,
// with the sex known), a QuestionnaireResponse of the evidence (linkId = finding id, grouped as the
// Questionnaire), a RiskAssessment (status final; one prediction per condition, most likely first,
// with probabilityDecimal as a percentage 0-100 as R4 defines it, the condition's codes as outcome
// and the strongest findings as rationale; basis: the QuestionnaireResponse and evidence.basis), an
// Observation per score (points as valueInteger with each version's points and category as
// components; an any-criterion rule as valueBoolean, when it applies), and a ServiceRequest per
// proposed order (proposed_orders(), service_request(), reasonReference the RiskAssessment). The
// RiskAssessment's notes are the work-up in words (workup_steps()).
boost::json::object assessment_bundle(const Assessment& assessment, const KnowledgeBase& kb, const FhirEvidence& evidence,
                                      const BundleOptions& options);

// The work-up to propose: the next step of each pathway that applies (its clinician text), then
// the assessment's work-up, each once, in that order.
std::vector<std::string> workup_steps(const Assessment& assessment);

// A test to propose: the orders of the pathway steps that apply now (knowledge/pathways.yaml
// `orders`), one per test (Finding::test; "MRI of the knee" reports three results), in pathway
// order. Work-up lines that are not orders ("no imaging in the first weeks") are never proposed.
struct ProposedOrder {
  std::string test;           // as the knowledge base names it: "D-dimer"
  std::vector<int> findings;  // the test results it reports (group investigation)
};
std::vector<ProposedOrder> proposed_orders(const Assessment& assessment, const KnowledgeBase& kb);

// A proposed order as a ServiceRequest for `subject` ("Patient/123"): status draft, intent
// proposal, code the first verified LOINC code among its results (none when none is) with the test
// as text, priority stat (ambulance, emergency), urgent (same day) or routine.
boost::json::object service_request(const ProposedOrder& order, const KnowledgeBase& kb, Disposition level,
                                    std::string_view subject);

// A deterministic UUID (RFC 9562 version 8, the bits from two FNV-1a hashes of `seed`).
std::string uuid_from(std::string_view seed);

}  // namespace fossa::fhir
