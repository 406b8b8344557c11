// The adaptive interview: the order of questions (age and sex first, red flags before the rest),
// the stop rules, "don't know" never asked again and never lowering urgency, the patient setting
// never asking examination findings, and the bar on both case files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "fossa/interview.h"
#include "interview/answer_model.h"
#include "interview/lookahead.h"
#include "test_support.h"

namespace fossa::test {
namespace {

const Interview& interview() {
  static const Interview instance(engine());
  return instance;
}

// The findings of every case of both case files, replayed in `setting` when given.
std::vector<Case> all_cases() {
  std::vector<Case> out = cases("dev.jsonl");
  for (Case& c : cases("reports.jsonl")) out.push_back(std::move(c));
  return out;
}

TEST(Interview, AgeThenSexFirst) {
  Evidence evidence(kb(), Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "age");
  EXPECT_EQ(step.questions_asked, 0);
  EXPECT_EQ(step.question->text, kb().findings[static_cast<size_t>(finding("age"))].question_person);
  EXPECT_FALSE(step.question->why.empty());
  evidence.set(finding("age"), 40);
  step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "sex");
  EXPECT_EQ(step.questions_asked, 1);
}

TEST(Interview, RedFlagScreeningBeforeOtherQuestions) {
  // Once the first questions are answered, the next one screens for a warning sign.
  Evidence evidence = test::evidence(R"({"age": 40, "sex": "male", "trauma": false})", Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_TRUE(step.question->red_flag) << step.question->id;
}

TEST(Interview, EmergencyRedFlagEndsTheInterviewAtOnce) {
  Evidence evidence = test::evidence(R"({"breathlessness": true})", Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  EXPECT_FALSE(step.question);
  EXPECT_EQ(step.stop, StopReason::kRedFlag);
  EXPECT_EQ(step.assessment.disposition, Disposition::kAmbulance);
}

TEST(Interview, SameDayRedFlagDoesNotEndIt) {
  // A same-day warning sign leaves more urgent ones to rule out.
  Evidence evidence = test::evidence(R"({"age": 50, "sex": "female", "trauma": false, "calf_swelling": true})", Setting::kPatient);
  InterviewStep step = interview().next(evidence);
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->id, "lung_clot_signs") << "a swollen calf is followed by the pulmonary embolism symptoms";
}

TEST(Interview, GroupCountsAsOneQuestion) {
  Evidence evidence = test::evidence(R"({"breathlessness": false, "chest_pain": false, "coughing_blood": null})", Setting::kPatient);
  EXPECT_EQ(interview().questions_asked(evidence), 1);
}

TEST(Interview, StopsAtTheQuestionLimit) {
  Evidence evidence(kb(), Setting::kClinician);
  int answered = 0;
  for (const QuestionGroup& group : kb().interview.questions) {
    if (answered == kb().interview.max_questions) break;
    evidence.set_unknown(group.findings.front());
    ++answered;
  }
  InterviewStep step = interview().next(evidence);
  EXPECT_FALSE(step.question);
  EXPECT_EQ(step.stop, StopReason::kQuestionLimit);
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
  EXPECT_EQ(step.question->text, kb().findings[static_cast<size_t>(finding("age"))].question_clinician);
}

TEST(Interview, LookaheadGivesTheEngineDisposition) {
  // The interview recomputes the disposition of each answer incrementally; it must be exactly
  // Engine::disposition.
  interview::AnswerModel model(kb());
  size_t checked = 0;
  for (const Case& c : all_cases()) {
    Evidence partial(kb(), c.evidence.setting);
    int seen = 0;
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      if (c.evidence.known(static_cast<int>(f)) && seen++ % 2 == 0) partial.set(static_cast<int>(f), c.evidence.answers[f].value);
    }
    interview::Lookahead lookahead(engine(), model, partial);
    EXPECT_EQ(lookahead.disposition(), engine().disposition(partial)) << c.id;
    for (size_t f = 0; f < kb().findings.size(); ++f) {
      int index = static_cast<int>(f);
      if (kb().findings[f].type != FindingType::kBool || partial.asked(index)) continue;
      for (unsigned present = 0; present < 2; ++present) {
        Evidence answered = partial;
        answered.set(index, present);
        ASSERT_EQ(lookahead.disposition_after({index}, present), engine().disposition(answered)) << c.id << " " << kb().findings[f].id;
        ++checked;
      }
    }
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

// The bar of the interview on both case files: as safe as the full evidence, nearly as exact, and
// short (docs/interview.md).
class InterviewBar : public ::testing::TestWithParam<std::string> {};

TEST_P(InterviewBar, SafeExactAndShort) {
  std::vector<Case> all = cases(GetParam());
  Metrics full = evaluate(engine(), all);
  Metrics asked = evaluate_interview(interview(), all);
  std::string report = metrics_text(asked, kb());
  EXPECT_EQ(asked.unsafe, 0u) << report;
  EXPECT_GE(asked.disposition_exact, full.disposition_exact - 0.05) << report;
  EXPECT_LE(asked.questions_median, 8) << report;
  EXPECT_LE(asked.questions_median_emergency, 5) << report;
  EXPECT_GT(asked.findings_recall, 0) << report;
}

std::string file_name(const ::testing::TestParamInfo<std::string>& param) {
  return param.param.substr(0, param.param.find('.'));
}

INSTANTIATE_TEST_SUITE_P(CaseFiles, InterviewBar, ::testing::Values("dev.jsonl", "reports.jsonl"), file_name);

TEST(InterviewKnowledge, UnknownIdsAreReportedWithFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("fossa-interview-kb-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
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
