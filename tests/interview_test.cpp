// The adaptive interview: the warning-sign screen first (every red-flag rule more urgent than the
// disposition ruled in or out before it ends), the stop rules, "don't know" never asked again and
// never lowering urgency, the patient setting never asking examination findings, and the bar on
// every case file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "scratch.h"
#include "fossa/interview.h"
#include "interview/answer_model.h"
#include "test_support.h"

namespace fossa::test {
namespace {

const Interview& interview() {
  static const Interview instance(engine());
  return instance;
}

// Every case of every case file of tests/cases.
std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const std::string& file : case_files()) {
    for (Case& c : cases(file)) out.push_back(std::move(c));
  }
  return out;
}

TEST(Interview, EmergencyChecklistFirst) {
  // The first question is the checklist of emergency warning signs, ambulance-level ones first.
  Evidence evidence(kb(), Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "emergency_signs");
  EXPECT_TRUE(step.question->red_flag);
  EXPECT_EQ(step.questions_asked, 0);
  ASSERT_GE(step.question->findings.size(), 4u);
  for (const char* id : {"breathlessness", "chest_pain", "coughing_blood", "cold_pale_foot"}) {
    EXPECT_NE(std::find(step.question->findings.begin(), step.question->findings.begin() + 4, finding(id)),
              step.question->findings.begin() + 4) << id;
  }
  EXPECT_FALSE(step.assessment.screen.complete);
  for (int f : step.question->findings) evidence.set(f, 0);
  step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "trauma");
  EXPECT_EQ(step.questions_asked, 1);
}

TEST(Interview, ScreenBeforeOtherQuestions) {
  // While a warning sign more urgent than the disposition is open, every question screens.
  Evidence evidence = test::evidence(R"({"breathlessness": false, "chest_pain": false, "coughing_blood": false,
      "cold_pale_foot": false, "pain_out_of_proportion": false, "tense_calf": false,
      "saddle_numbness_or_bladder_change": false, "fever": false, "trauma": false})", Setting::kPatient);
  for (int step_count = 0; step_count < 12; ++step_count) {
    InterviewStep step = interview().next(evidence);
    ASSERT_TRUE(step.question);
    if (step.assessment.screen.complete) break;
    EXPECT_TRUE(step.question->red_flag) << step.question->id;
    for (int f : step.question->findings) evidence.set(f, 0);
  }
  EXPECT_TRUE(interview().next(evidence).assessment.screen.complete);
}

TEST(Interview, ConditionalScreenQuestionsOnlyWhereTheRuleNeedsThem) {
  // The weight-bearing question screens injuries: without an injury it is not asked.
  Evidence no_injury = test::evidence(R"({"trauma": false})", Setting::kPatient);
  for (InterviewRun run = simulate_interview(interview(), no_injury); const Question& q : run.questions) {
    EXPECT_NE(q.id, "injury_severity");
  }
  Evidence injury = test::evidence(R"({"trauma": true})", Setting::kPatient);
  bool asked = false;
  for (InterviewRun run = simulate_interview(interview(), injury); const Question& q : run.questions) asked = asked || q.id == "injury_severity";
  EXPECT_TRUE(asked);
}

TEST(Interview, EmergencyRedFlagEndsTheInterviewAtOnce) {
  Evidence evidence = test::evidence(R"({"breathlessness": true})", Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  EXPECT_FALSE(step.question);
  EXPECT_EQ(step.stop, StopReason::kRedFlag);
  EXPECT_EQ(step.assessment.disposition, Disposition::kAmbulance);
}

TEST(Interview, SameDayRedFlagDoesNotEndIt) {
  // A same-day warning sign leaves more urgent ones to rule out: the emergency checklist is next.
  Evidence evidence = test::evidence(R"({"age": 50, "sex": "female", "trauma": false, "calf_swelling": true})", Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  EXPECT_EQ(step.assessment.disposition, Disposition::kSameDay);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "emergency_signs");
}

TEST(Interview, GroupCountsAsOneQuestion) {
  Evidence evidence = test::evidence(R"({"breathlessness": false, "chest_pain": false, "coughing_blood": null})", Setting::kPatient);
  EXPECT_EQ(interview().questions_asked(evidence), 1);
}

TEST(Interview, WhatWasToldIsNoQuestion) {
  // Read from the person's own words: never asked again, and no question toward the limits.
  Evidence evidence(kb(), Setting::kPatient);
  evidence.tell(finding("breathlessness"), 0);
  evidence.tell(finding("calf_swelling"), 1);
  EXPECT_EQ(interview().questions_asked(evidence), 0);
  EXPECT_TRUE(evidence.asked(finding("breathlessness")));
  InterviewStep step = interview().next(evidence);
  EXPECT_EQ(step.questions_asked, 0);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(std::find(step.question->findings.begin(), step.question->findings.end(), finding("breathlessness")),
            step.question->findings.end());
  evidence.set(finding("chest_pain"), 0);
  EXPECT_EQ(interview().questions_asked(evidence), 1);
}

// Every finding of every red-flag rule answered "no", so the screen is complete.
Evidence screened(Setting setting) {
  Evidence evidence(kb(), setting);
  for (const Rule& rule : kb().rules) {
    if (!rule.red_flag) continue;
    for (int f : rule.findings) {
      if (kb().findings[static_cast<size_t>(f)].type == FindingType::kBool) evidence.set(f, 0);
      if (kb().findings[static_cast<size_t>(f)].id == "age") evidence.set(f, 40);
      if (kb().findings[static_cast<size_t>(f)].id == "duration_days") evidence.set(f, 3);
    }
  }
  return evidence;
}

TEST(Interview, StopsAtTheQuestionLimitOnlyOnceTheScreenIsComplete) {
  Evidence evidence = screened(Setting::kClinician);
  ASSERT_TRUE(interview().next(evidence).assessment.screen.complete);
  for (const QuestionGroup& group : kb().interview.questions) {
    if (interview().questions_asked(evidence) >= kb().interview.max_questions) break;
    evidence.set_unknown(group.findings.front());
  }
  InterviewStep step = interview().next(evidence);
  EXPECT_FALSE(step.question);
  EXPECT_EQ(step.stop, StopReason::kQuestionLimit);
  // The same number of questions with a warning sign still open: the screen goes on.
  Evidence open(kb(), Setting::kClinician);
  const int tense_calf = finding("tense_calf");
  for (const QuestionGroup& group : kb().interview.questions) {
    if (interview().questions_asked(open) >= kb().interview.max_questions) break;
    if (std::find(group.findings.begin(), group.findings.end(), tense_calf) != group.findings.end()) continue;
    for (int f : group.findings) open.set_unknown(f);
  }
  step = interview().next(open);
  ASSERT_TRUE(step.question) << stop_reason_id(step.stop);
  EXPECT_TRUE(step.question->red_flag);
}

TEST(Interview, EveryRedFlagRuleIsScreenedBeforeItEnds) {
  // At the end of every interview, no red-flag rule more urgent than its disposition is open, and
  // the person was told about every warning sign that fired.
  for (Setting setting : {Setting::kPatient, Setting::kClinician}) {
    for (Case c : all_cases()) {
      c.evidence.setting = setting;
      InterviewRun run = simulate_interview(interview(), c.evidence);
      std::string unasked;
      for (int f : run.last.assessment.screen.unasked) unasked += " " + kb().findings[static_cast<size_t>(f)].id;
      EXPECT_TRUE(run.last.assessment.screen.complete) << c.id << " (" << setting_id(setting) << "):" << unasked
                                                       << " stop " << stop_reason_id(run.last.stop);
      EXPECT_TRUE(run.last.assessment.screen.unasked.empty()) << c.id;
    }
  }
}

TEST(Interview, EveryInterviewStopsForAReasonWithinTheLimit) {
  for (const Case& c : all_cases()) {
    InterviewRun run = simulate_interview(interview(), c.evidence);
    EXPECT_NE(run.last.stop, StopReason::kNone) << c.id;
    EXPECT_LE(static_cast<int>(run.questions.size()), kb().interview.max_questions) << c.id;
    EXPECT_EQ(run.last.assessment.disposition, engine().disposition(run.evidence)) << c.id;
  }
}

TEST(Interview, DontKnowIsNeverAskedAgain) {
  // A person who answers "don't know" to everything: each finding is asked at most once, and the
  // interview ends.
  for (Setting setting : {Setting::kPatient, Setting::kClinician}) {
    InterviewRun run = simulate_interview(interview(), Evidence(kb(), setting));
    std::set<int> asked;
    for (const Question& question : run.questions) {
      for (int f : question.findings) EXPECT_TRUE(asked.insert(f).second) << kb().findings[static_cast<size_t>(f)].id;
    }
    EXPECT_NE(run.last.stop, StopReason::kNone);
  }
}

TEST(Interview, DontKnowNeverLowersUrgency) {
  // At every step of every interview, "don't know" to a yes/no question gives a disposition at
  // least as urgent as "no".
  size_t checked = 0;
  for (const Case& c : all_cases()) {
    InterviewRun run = simulate_interview(interview(), c.evidence);
    Evidence evidence(kb(), c.evidence.setting);
    for (const Question& question : run.questions) {
      Evidence unknown = evidence;
      Evidence absent = evidence;
      for (int f : question.findings) {
        if (kb().findings[static_cast<size_t>(f)].type != FindingType::kBool) continue;
        unknown.set_unknown(f);
        absent.set(f, 0);
      }
      EXPECT_GE(engine().disposition(unknown), engine().disposition(absent)) << c.id << " " << question.id;
      for (int f : question.findings) {
        if (c.evidence.known(f)) {
          evidence.set(f, c.evidence.answers[static_cast<size_t>(f)].value);
        } else {
          evidence.set_unknown(f);
        }
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
}

TEST(Interview, PatientSettingNeverAsksExaminationFindings) {
  for (Case c : all_cases()) {
    c.evidence.setting = Setting::kPatient;
    InterviewRun run = simulate_interview(interview(), c.evidence);
    for (const Question& question : run.questions) {
      for (size_t i = 0; i < question.findings.size(); ++i) {
        const Finding& asked = kb().findings[static_cast<size_t>(question.findings[i])];
        EXPECT_EQ(asked.asked_of, Responder::kPerson) << c.id << " " << asked.id;
        EXPECT_EQ(question.items[i], asked.question_person);
      }
      EXPECT_FALSE(question.why.empty()) << question.id;
    }
  }
}

TEST(Interview, ClinicianSettingUsesClinicianWording) {
  InterviewStep step = interview().next(Evidence(kb(), Setting::kClinician));
  ASSERT_TRUE(step.question);
  const QuestionGroup& group = kb().interview.questions[static_cast<size_t>(kb().interview.question_of[static_cast<size_t>(finding("breathlessness"))])];
  EXPECT_EQ(step.question->text, group.question_clinician);
  EXPECT_EQ(step.question->items.front(), kb().findings[static_cast<size_t>(finding("breathlessness"))].question_clinician);
  // The examination finding of the checklist is asked of a clinician only.
  EXPECT_NE(std::find(step.question->findings.begin(), step.question->findings.end(), finding("absent_foot_pulses")),
            step.question->findings.end());
}

TEST(Interview, ProbeGivesTheEngineDisposition) {
  // The look-ahead recomputes the disposition of each answer incrementally (fossa::Probe); it must
  // be exactly Engine::disposition, and its odds exactly the differential's.
  size_t checked = 0;
  for (const Case& c : all_cases()) {
    Evidence partial(kb(), c.evidence.setting);
    int seen = 0;
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      if (c.evidence.known(static_cast<int>(f)) && seen++ % 2 == 0) partial.set(static_cast<int>(f), c.evidence.answers[f].value);
    }
    Probe probe(engine(), partial);
    EXPECT_EQ(probe.disposition(), engine().disposition(partial)) << c.id;
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      int index = static_cast<int>(f);
      if (kb().findings[f].type != FindingType::kBool || partial.asked(index)) continue;
      for (double present : {0.0, 1.0}) {
        Evidence answered = partial;
        answered.set(index, present);
        ASSERT_EQ(probe.try_answers({index}, {present}), engine().disposition(answered)) << c.id << " " << kb().findings[f].id;
        Assessment full = engine().assess(answered);
        std::vector<double> shares;
        cause_shares(probe.trial_log_odds(), shares);
        for (const RankedCondition& ranked : full.differential) {
          ASSERT_NEAR(shares[static_cast<size_t>(ranked.condition)], ranked.probability, 1e-9) << c.id << " " << kb().findings[f].id;
        }
        probe.undo();
        ++checked;
      }
    }
    Probe child(probe, partial, {});
    EXPECT_EQ(child.disposition(), probe.disposition()) << c.id;
  }
  EXPECT_GT(checked, 1000u);
}

TEST(Interview, AnswerModelIsAProbability) {
  interview::AnswerModel model(kb());
  for (const auto& row : model.present_given) {
    for (double p : row) {
      EXPECT_GT(p, 0);
      EXPECT_LT(p, 1);
    }
  }
}

TEST(Interview, NullInACaseIsAskedButUnknown) {
  Evidence evidence = test::evidence(R"({"fever": null})", Setting::kPatient);
  EXPECT_FALSE(evidence.known(finding("fever")));
  EXPECT_TRUE(evidence.asked(finding("fever")));
}

// The bar of the interview on every case file: as safe as the full evidence, nearly as exact, and
// short (docs/interview.md).
class InterviewBar : public ::testing::TestWithParam<std::string> {};

TEST_P(InterviewBar, SafeExactAndShort) {
  std::vector<Case> all = cases(GetParam());
  Metrics full = evaluate(engine(), all);
  Metrics asked = evaluate_interview(interview(), all);
  std::string report = metrics_text(asked, kb());
  EXPECT_EQ(asked.unsafe, 0u) << report;
  EXPECT_GE(asked.disposition_exact, full.disposition_exact - 0.03) << report;
  EXPECT_LE(asked.questions_median, 7) << report;
  EXPECT_LE(asked.questions_median_emergency, 3) << report;
  EXPECT_GT(asked.findings_recall, 0) << report;
}

std::string file_name(const ::testing::TestParamInfo<std::string>& param) {
  return param.param.substr(0, param.param.find('.'));
}

// Every case file of first presentations: a *_workup file adds test results, which are entered by
// a clinician and never asked in an interview.
std::vector<std::string> presentation_files() {
  std::vector<std::string> out;
  for (const std::string& file : case_files()) {
    if (file.find("_workup") == std::string::npos) out.push_back(file);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(CaseFiles, InterviewBar, ::testing::ValuesIn(presentation_files()), file_name);

TEST(Interview, OneWarningSignWithoutItsCompanionsGetsItsLevel) {
  // The constructed presentations: one warning sign, its usual companions absent. The interview
  // gives exactly the policy's level, within 4 questions for an ambulance or emergency.
  for (const Case& c : cases("constructed.jsonl")) {
    InterviewRun run = simulate_interview(interview(), c.evidence);
    EXPECT_EQ(run.last.assessment.disposition, c.expected_disposition) << c.id;
    if (*c.expected_disposition >= Disposition::kEmergency) {
      EXPECT_LE(run.questions.size(), 4u) << c.id;
    }
  }
}

TEST(Interview, AMildStrainIsNotAskedEverything) {
  // A 25-year-old runner with a mild calf ache who answers no to everything else.
  Evidence runner = test::evidence(R"({"age": 25, "sex": "male", "duration_days": 4, "sports_or_exertion": true,
      "worse_with_activity": true, "better_with_rest": true, "pain_in_calf": true, "calf_stretch_pain": true})", Setting::kPatient);
  for (size_t f = 0; f < kb().findings.size(); ++f) {
    const Finding& info = kb().findings[f];
    if (info.type == FindingType::kBool && info.asked_of == Responder::kPerson && !runner.known(static_cast<int>(f))) runner.set(static_cast<int>(f), 0);
  }
  InterviewRun run = simulate_interview(interview(), runner);
  EXPECT_EQ(run.last.assessment.disposition, Disposition::kSelfCare);
  EXPECT_LT(static_cast<int>(run.questions.size()), kb().interview.max_questions);
}

// A copy of the built-in knowledge base with `from` replaced by `to` in `file`, loaded.
Result<std::shared_ptr<const KnowledgeBase>> load_edited(const std::string& file, const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::path dir = scratch_dir("fossa-edited-kb");
  fs::remove_all(dir);
  fs::copy(std::string(FOSSA_SOURCE_DIR) + "/knowledge", dir, fs::copy_options::recursive);
  std::string text;
  {
    std::ifstream in(dir / file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::ofstream(dir / file) << text;
  auto loaded = load_knowledge_base(dir.string());
  fs::remove_all(dir);
  return loaded;
}

TEST(InterviewKnowledge, ARedFlagRuleLeftOutOfTheScreenIsALoadError) {
  // Without the injury question in the screen, the injury red flags could not be screened.
  auto loaded = load_edited("interview.yaml", "screen: [emergency_signs, trauma, ", "screen: [emergency_signs, ");
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(std::regex_search(loaded.error().message,
                                std::regex(R"(interview\.yaml:\d+: red-flag rule `injury_unable_to_bear_weight` reads `trauma`, which no question of `screen` asks)")))
      << loaded.error().message;
  // A new red-flag rule on a finding no screen question asks.
  auto added = load_edited("triage.yaml", "  - id: claudication\n    level: routine\n", "  - id: claudication\n    level: routine\n    red_flag: true\n");
  ASSERT_FALSE(added.ok());
  EXPECT_NE(added.error().message.find("red-flag rule `claudication` reads `claudication`"), std::string::npos) << added.error().message;
}

TEST(InterviewKnowledge, NamedDefinitionsAreUsedByRulesAndCannotShadowAFinding) {
  // triage.yaml names `dvt_risk_factor` once; the suspected DVT rule reads every risk factor through it.
  const Rule* dvt = nullptr;
  for (const Rule& rule : kb().rules) {
    if (rule.id == "suspected_dvt") dvt = &rule;
  }
  ASSERT_NE(dvt, nullptr);
  for (const char* risk : {"active_cancer", "long_travel", "oestrogen_or_pregnancy", "pain_in_calf"}) {
    EXPECT_NE(std::find(dvt->findings.begin(), dvt->findings.end(), finding(risk)), dvt->findings.end()) << risk;
  }
  auto shadow = load_edited("triage.yaml", "  dvt_risk_factor:\n", "  fever:\n");
  ASSERT_FALSE(shadow.ok());
  EXPECT_NE(shadow.error().message.find("`fever` is already a finding or a definition"), std::string::npos) << shadow.error().message;
}

TEST(InterviewKnowledge, UnknownIdsAreReportedWithFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = scratch_dir("fossa-interview-kb");
  fs::remove_all(dir);
  fs::copy(std::string(FOSSA_SOURCE_DIR) + "/knowledge", dir, fs::copy_options::recursive);
  std::string text;
  {
    std::ifstream in(dir / "interview.yaml");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto at = text.find("[breathlessness, chest_pain");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 15, "[breathlesness");
  std::ofstream(dir / "interview.yaml") << text;
  auto loaded = load_knowledge_base(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(std::regex_search(loaded.error().message,
                                std::regex(R"(interview\.yaml:\d+: unknown finding `breathlesness`; did you mean breathlessness)")))
      << loaded.error().message;
}

}  // namespace
}  // namespace fossa::test

namespace fossa::test {
namespace {

TEST(InterviewToConfirm, AWarningSignFirstAnyOtherFindingOnlyAfterTheScreen) {
  Evidence nothing(kb(), Setting::kPatient);
  // A warning sign mentioned only as possible is asked at once, as screening.
  InterviewStep step = interview().next(nothing, {finding("breathlessness")});
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "breathlessness");
  EXPECT_TRUE(step.question->red_flag);
  // Any other possible finding waits for the warning-sign screen.
  step = interview().next(nothing, {finding("morning_stiffness_short")});
  ASSERT_TRUE(step.question);
  EXPECT_NE(step.question->id, "morning_stiffness_short");
  EXPECT_TRUE(step.question->red_flag) << step.question->id;
  // Once the screen is complete it is asked before anything else.
  Evidence screened = nothing;
  for (int guard = 0; guard < 40; ++guard) {
    InterviewStep next = interview().next(screened);
    if (next.assessment.screen.complete || !next.question) break;
    for (int f : next.question->findings) screened.set(f, 0);
  }
  ASSERT_TRUE(interview().next(screened).assessment.screen.complete);
  step = interview().next(screened, {finding("morning_stiffness_short")});
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "morning_stiffness_short");
  // A warning sign that ends the interview ends it, whatever is left to confirm.
  Evidence breathless = nothing;
  breathless.set(finding("breathlessness"), 1);
  step = interview().next(breathless, {finding("morning_stiffness_short")});
  EXPECT_FALSE(step.question);
  EXPECT_EQ(step.stop, StopReason::kRedFlag);
}

}  // namespace
}  // namespace fossa::test
