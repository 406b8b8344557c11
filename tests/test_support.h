// Shared helpers for the tests: the built-in knowledge base, case files and evidence builders.
#pragma once

#include <string>
#include <vector>

#include "fossa/case_io.h"
#include "fossa/engine.h"
#include "fossa/evaluation.h"
#include "fossa/extract.h"

namespace fossa::test {

const Engine& engine();
const KnowledgeBase& kb();
// The built-in lexicon, compiled once.
const Extractor& extractor();

// What `fossa assess` assesses for a case: its evidence with the findings of its `text` beneath.
Evidence case_evidence(const Case& c);

// The names of every case file of tests/cases (*.jsonl), sorted.
std::vector<std::string> case_files();

// Cases of tests/cases/<name>; fails the test on error.
std::vector<Case> cases(const std::string& name);

// Evidence from a JSON object of finding ids, e.g. R"({"age": 40, "calf_swelling": true})".
Evidence evidence(const std::string& json_evidence, Setting setting = Setting::kClinician);

int finding(const std::string& id);

}  // namespace fossa::test
