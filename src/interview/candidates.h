// The questions still open at one step of the interview, and what each is worth
// (docs/interview.md, "Choosing the next question").
#pragma once

#include <vector>

#include "fossa/assessment.h"
#include "fossa/engine.h"
#include "interview/answer_model.h"
#include "interview/lookahead.h"

namespace fossa::interview {

struct Candidate {
  int group = -1;             // index in InterviewPlan::questions
  std::vector<int> findings;  // its findings still open
  QuestionValue value;
};

// Every yes/no question with a finding still open (not asked, askable in the setting) whose
// `ask_when` holds, valued by `lookahead`. A question whose "yes" would open another question
// (through its `ask_when`) also gains that chance times the opened question's value, one step
// further ahead.
std::vector<Candidate> candidates(const Engine& engine, const AnswerModel& model, const Evidence& evidence,
                                  const Lookahead& lookahead);

}  // namespace fossa::interview
