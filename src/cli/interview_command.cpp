// `fossa interview [--setting patient|clinician]`: the adaptive interview at a terminal, one
// question at a time. Reads one answer per line (a number, a word such as yes, no or don't know,
// or the start of an option's text), so it works over a plain terminal and with answers piped in.
// When the input ends before the interview does, it says so and which warning signs were not
// checked, prints the assessment so far, and exits 3.
#include <unistd.h>

#include <algorithm>
#include <cctype>
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

// Exit code when the input ended before the interview did.
constexpr int kUnfinished = 3;

struct InterviewOptions {
  std::string setting = "patient";
};

// What the person typed, once understood.
enum class Reply { kValue, kDontKnow, kWhy, kBack, kEnd };

struct Answer {
  Reply reply = Reply::kEnd;
  double value = 0;  // kValue: the number typed, or the choice's number from 1
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

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

// The words that mean "don't know", "yes" and "no", whatever the question.
bool is_dont_know(const std::string& word) {
  static const char* const kWords[] = {"d", "dk", "don't know", "dont know", "do not know", "not sure", "unknown", "i don't know"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}
int yes_or_no(const std::string& word) {
  static const char* const kYes[] = {"y", "yes", "yeah", "yep"};
  static const char* const kNo[] = {"n", "no", "nope", "none"};
  if (std::find(std::begin(kYes), std::end(kYes), word) != std::end(kYes)) return 1;
  if (std::find(std::begin(kNo), std::end(kNo), word) != std::end(kNo)) return 2;
  return 0;
}

// The choice (from 1) that `word` names: its number, its text, a unique start of its text, or for
// choices that start with yes/no a word meaning yes or no; 0 when none or several match.
int choice_of(const std::string& word, const std::vector<std::string>& choices) {
  char* end = nullptr;
  double number = std::strtod(word.c_str(), &end);
  if (!word.empty() && end && *end == '\0') {
    bool whole = std::isfinite(number) && number == std::floor(number);
    return whole && number >= 1 && number <= static_cast<double>(choices.size()) ? static_cast<int>(number) : 0;
  }
  if (int yes_no = yes_or_no(word)) {
    for (size_t i = 0; i < choices.size(); ++i) {
      if (lower(choices[i]).rfind(yes_no == 1 ? "yes" : "no", 0) == 0) return static_cast<int>(i) + 1;
    }
  }
  int found = 0;
  for (size_t i = 0; i < choices.size(); ++i) {
    std::string text = lower(choices[i]);
    if (text == word) return static_cast<int>(i) + 1;
    if (text.rfind(word, 0) == 0) found = found ? -1 : static_cast<int>(i) + 1;
  }
  return std::max(found, 0);
}

// Asks until the reply is understood. `choices` are numbered from 1 (the last is "don't know").
// For a number finding (`choices` empty) the reply is a number in its range.
Answer ask(const std::string& prompt, const std::vector<std::string>& choices, const Finding* number, const std::string& why) {
  for (;;) {
    std::printf("%s\n", prompt.c_str());
    if (number) {
      std::printf("  type a number (%s), or: don't know, ? why, b back: ", number->unit.c_str());
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
    std::string word = lower(line);
    if (word == "?" || word == "why") {
      std::printf("  We ask %s.\n", why.c_str());
      continue;
    }
    if (word == "b" || word == "back") return {Reply::kBack, 0};
    if (is_dont_know(word)) return {Reply::kDontKnow, 0};
    if (number) {
      char* end = nullptr;
      double value = std::strtod(word.c_str(), &end);
      if (!word.empty() && end && *end == '\0' && std::isfinite(value) && value >= number->min && value <= number->max) {
        return {Reply::kValue, value};
      }
      std::printf("  Please answer with a number from %d to %d, or don't know.\n", static_cast<int>(number->min),
                  static_cast<int>(number->max));
      continue;
    }
    if (int choice = choice_of(word, choices)) {
      if (static_cast<size_t>(choice) == choices.size()) return {Reply::kDontKnow, 0};
      return {Reply::kValue, static_cast<double>(choice)};
    }
    std::string options;
    for (size_t i = 0; i < choices.size(); ++i) options += (i ? (i + 1 == choices.size() ? " or " : ", ") : "") + choices[i];
    std::printf("  Please answer %s (or a number from 1 to %zu).\n", options.c_str(), choices.size());
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
  if (answer.reply == Reply::kDontKnow) {
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
  if (any.reply == Reply::kDontKnow || any.value == 2) {
    for (int finding : question.findings) any.reply == Reply::kDontKnow ? evidence.set_unknown(finding) : evidence.set(finding, 0);
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
  Setting setting = parse_setting(options.setting).value_or(Setting::kPatient);  // checked by the option
  const bool clinician = setting == Setting::kClinician;
  std::printf("%s\n\n%s\n\nAnswer yes, no or don't know (or the number of your choice) and press Enter; ? explains why a "
              "question is asked, b goes back.\n",
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
  if (!step.question) {
    std::printf("\n%s", assessment_text(step.assessment, *kb, setting).c_str());
    if (!step.causes_settled && step.unsettled_by) {
      std::printf("The likely causes above are uncertain: the answer to \"%s\" could change their order.\n",
                  step.unsettled_by->text.c_str());
    }
    return 0;
  }
  // The input ended first: never present the result as if the interview were complete.
  std::printf("\nTHE INTERVIEW WAS NOT FINISHED: the answers stopped before it could decide what to do.\n");
  if (!step.assessment.screen.unasked.empty()) {
    std::printf("These warning signs were not checked:\n");
    for (int finding : step.assessment.screen.unasked) {
      const Finding& info = kb->findings[static_cast<size_t>(finding)];
      std::printf("  - %s\n", (clinician ? info.question_clinician : info.question_person).c_str());
    }
  }
  std::printf("\nWhat the answers so far suggest (not a result: run the interview again to the end):\n\n%s",
              assessment_text(step.assessment, *kb, setting).c_str());
  return kUnfinished;
}

}  // namespace

void add_interview(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<InterviewOptions>();
  CLI::App* command = app.add_subcommand("interview", "Answer questions one at a time; Fossa asks the fewest that settle what to do");
  command->add_option("--setting", options->setting, "patient: questions a person can answer; clinician: examination findings too")
      ->check(CLI::IsMember({"patient", "clinician"}))
      ->capture_default_str();
  command->footer(
      "Answers: a number, yes/no/don't know (y, n, d), or the start of an option's text.\n"
      "Exit status: 0 when the interview ended with a result, 3 when the input ended first.\n"
      "Example:\n  printf 'no\\nno\\n34\\n' | fossa interview    (answers may be piped in, one per line)");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
