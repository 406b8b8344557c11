// `fossa interview [--setting patient|clinician]`: the adaptive interview at a terminal, one
// question at a time. Reads one answer per line, so it works over a plain terminal and with answers
// piped in; at the end of input it prints the assessment so far.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/interview.h"

namespace fossa::cli {
namespace {

struct InterviewOptions {
  std::string setting = "patient";
};

// What the person typed, once understood.
enum class Reply { kValue, kDontKnow, kWhy, kBack, kEnd, kInvalid };

struct Answer {
  Reply reply = Reply::kInvalid;
  double value = 0;
};

// Reads one line (false at the end of input). Piped answers are echoed, so the transcript reads
// like the terminal session.
bool read_line(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  static const bool piped = !isatty(STDIN_FILENO);
  if (piped) std::printf("%s\n", line.c_str());
  return true;
}

Answer control(const std::string& line) {
  if (line == "?") return {Reply::kWhy, 0};
  if (line == "b") return {Reply::kBack, 0};
  if (line == "d") return {Reply::kDontKnow, 0};
  return {Reply::kInvalid, 0};
}

// Asks until the reply is understood. `choices` numbered from 1; the last choice is "don't know"
// when `dont_know_choice` is set. For a number finding (`choices` empty) the reply is a number.
Answer ask(const std::string& prompt, const std::vector<std::string>& choices, const Finding* number, const std::string& why) {
  for (;;) {
    std::printf("%s\n", prompt.c_str());
    if (number) {
      std::printf("  type a number (%s), d don't know, ? why, b back: ", number->unit.c_str());
    } else {
      std::string line = " ";
      for (size_t i = 0; i < choices.size(); ++i) line += " " + std::to_string(i + 1) + " " + choices[i];
      std::printf("%s   (? why, b back): ", line.c_str());
    }
    std::fflush(stdout);
    std::string line;
    if (!read_line(line)) {
      std::printf("\n");
      return {Reply::kEnd, 0};
    }
    Answer answer = control(line);
    if (answer.reply == Reply::kWhy) {
      std::printf("  We ask %s.\n", why.c_str());
      continue;
    }
    if (answer.reply != Reply::kInvalid) return answer;
    char* end = nullptr;
    double value = std::strtod(line.c_str(), &end);
    bool numeric = !line.empty() && end && *end == '\0' && std::isfinite(value);
    if (number && numeric && value >= number->min && value <= number->max) return {Reply::kValue, value};
    if (!number && numeric && value == std::floor(value) && value >= 1 && value <= static_cast<double>(choices.size())) {
      return {Reply::kValue, value};
    }
    std::printf("  Please answer with %s.\n",
                number ? ("a number from " + std::to_string(static_cast<int>(number->min)) + " to " +
                          std::to_string(static_cast<int>(number->max)) + ", or d")
                             .c_str()
                       : ("a number from 1 to " + std::to_string(choices.size())).c_str());
  }
}

// Asks one finding and records the answer in `evidence`. Returns kBack, kEnd or kValue.
Reply ask_finding(const KnowledgeBase& kb, int index, const std::string& text, const std::string& why, Evidence& evidence) {
  const Finding& finding = kb.findings[static_cast<size_t>(index)];
  std::vector<std::string> choices;
  if (finding.type == FindingType::kBool) choices = {"yes", "no", "don't know"};
  if (finding.type == FindingType::kEnum) {
    choices = finding.values;
    choices.push_back("don't know");
  }
  Answer answer = ask(text, choices, finding.type == FindingType::kNumber ? &finding : nullptr, why);
  if (answer.reply == Reply::kBack || answer.reply == Reply::kEnd) return answer.reply;
  bool dont_know = answer.reply == Reply::kDontKnow ||
                   (finding.type != FindingType::kNumber && answer.value == static_cast<double>(choices.size()));
  if (dont_know) {
    evidence.set_unknown(index);
  } else if (finding.type == FindingType::kBool) {
    evidence.set(index, answer.value == 1 ? 1.0 : 0.0);
  } else if (finding.type == FindingType::kEnum) {
    evidence.set(index, answer.value - 1);
  } else {
    evidence.set(index, answer.value);
  }
  return Reply::kValue;
}

// Asks a question: one finding, or a group ("any of these?", then each one on "yes"). On kEnd the
// items answered so far stay in `evidence`.
Reply ask_question(const KnowledgeBase& kb, const Question& question, Evidence& evidence) {
  if (question.findings.size() == 1) {
    return ask_finding(kb, question.findings.front(), question.items.size() == 1 ? question.items.front() : question.text,
                       question.why, evidence);
  }
  std::string prompt = question.text;
  for (const auto& item : question.items) prompt += "\n  - " + item;
  Answer any = ask(prompt, {"yes, at least one", "no, none of them", "don't know"}, nullptr, question.why);
  if (any.reply == Reply::kBack || any.reply == Reply::kEnd) return any.reply;
  bool dont_know = any.reply == Reply::kDontKnow || any.value == 3;
  if (dont_know || any.value == 2) {
    for (int finding : question.findings) dont_know ? evidence.set_unknown(finding) : evidence.set(finding, 0);
    return Reply::kValue;
  }
  Evidence before = evidence;
  for (size_t i = 0; i < question.findings.size(); ++i) {
    Reply reply = ask_finding(kb, question.findings[i], question.items[i], question.why, evidence);
    if (reply == Reply::kEnd) return reply;
    if (reply == Reply::kBack) {
      evidence = before;  // back to the "any of these?" question
      return ask_question(kb, question, evidence);
    }
  }
  return Reply::kValue;
}

int run(const GlobalOptions& global, const InterviewOptions& options) {
  auto kb = load_kb(global);
  if (!kb) return 1;
  Engine engine(kb);
  Interview interview(engine);
  Setting setting = options.setting == "clinician" ? Setting::kClinician : Setting::kPatient;
  std::printf("%s\n\n%s\n\nAnswer with the number of your choice and Enter; ? explains why a question is asked, b goes "
              "back, d means don't know.\n",
              kb->notice.c_str(), kb->emergency_advice.c_str());
  std::vector<Evidence> history;
  Evidence evidence(*kb, setting);
  InterviewStep step = interview.next(evidence);
  while (step.question) {
    std::printf("\n[Question %d, at most %d]%s\n", step.questions_asked + 1, kb->interview.max_questions,
                step.question->red_flag ? " Checking for warning signs." : "");
    Evidence answered = evidence;
    Reply reply = ask_question(*kb, *step.question, answered);
    if (reply == Reply::kEnd) {
      step = interview.next(answered);  // keeps the items of a group answered before the input ended
      break;
    }
    if (reply == Reply::kBack) {
      if (!history.empty()) {
        evidence = history.back();
        history.pop_back();
      }
    } else {
      history.push_back(evidence);
      evidence = answered;
    }
    step = interview.next(evidence);
  }
  std::printf("\n%s", assessment_text(step.assessment, *kb, setting).c_str());
  return 0;
}

}  // namespace

void add_interview(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<InterviewOptions>();
  CLI::App* command = app.add_subcommand("interview", "Answer questions one at a time; Fossa asks the fewest that settle what to do");
  command->add_option("--setting", options->setting, "patient: questions a person can answer; clinician: examination findings too")
      ->check(CLI::IsMember({"patient", "clinician"}))
      ->capture_default_str();
  command->footer("Example:\n  printf '34\\n1\\n' | fossa interview    (answers may be piped in, one per line)");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
