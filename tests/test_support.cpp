#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace fossa::test {

const Engine& engine() {
  static const Engine instance(builtin_knowledge_base());
  return instance;
}

const KnowledgeBase& kb() { return engine().kb(); }

const Extractor& extractor() {
  static const Extractor instance(builtin_knowledge_base());
  return instance;
}

Evidence case_evidence(const Case& c) {
  auto read = read_case_text(c, extractor());
  EXPECT_TRUE(read.ok()) << c.id << ": " << (read.ok() ? "" : read.error().to_string());
  return read.ok() ? merge_under(c.evidence, *read) : c.evidence;
}

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FOSSA_SOURCE_DIR) + "/tests/cases")) {
    if (entry.path().extension() == ".jsonl") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Case> cases(const std::string& name) {
  auto read = read_cases(std::string(FOSSA_SOURCE_DIR) + "/tests/cases/" + name, kb());
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().to_string());
  return read.ok() ? *read : std::vector<Case>{};
}

Evidence evidence(const std::string& json_evidence, Setting setting) {
  std::string text = std::string(R"({"setting": ")") + std::string(setting_id(setting)) + R"(", "evidence": )" +
                     json_evidence + "}";
  auto parsed = parse_case(text, kb());
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().to_string());
  return parsed.ok() ? parsed->evidence : Evidence(kb(), setting);
}

int finding(const std::string& id) {
  int index = kb().finding_index(id);
  EXPECT_GE(index, 0) << id;
  return index;
}

}  // namespace fossa::test
