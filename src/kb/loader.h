// The knowledge base loader (internal to src/kb): reads every file into the model and validates
// it, collecting each problem with its file and line so one run of `fossa kb check` lists them
// all. Its readers are split by file: loader.cpp (header, sources, findings, checks),
// conditions_reader.cpp, rules_reader.cpp (scores and triage), interview_reader.cpp and
// lexicon_reader.cpp (text/).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fossa/knowledge_base.h"
#include "kb/yaml_reader.h"

namespace fossa::kb {

using Files = std::map<std::string, std::string>;  // relative path -> text, sorted

// Parses one phrase of the free-text lexicon (syntax: knowledge/text/lexicon.yaml); nullopt with
// `problem` saying what to change.
std::optional<Phrase> parse_phrase(const std::string& text, std::string& problem);

// The disposition named by `key`, or nullopt with a problem when it is not one.
std::optional<Disposition> read_level(const Reader& reader, const char* key);

// The `codes:` map of a finding or condition: system (snomed, loinc, icd10, icd10cm) -> one
// {code, display, checked} or a list of them (an empty list where no code could be verified).
// Reports a problem for an unknown system, a code that does not look like one of its system, or a
// code without its display or the source it was checked against. Absent: none, or a problem when
// `required`.
std::vector<Code> read_codes(const Reader& reader, bool required);

class Loader {
 public:
  explicit Loader(Files files, LoadOptions options = {}) : files_(std::move(files)), options_(options) {}

  // Reads and validates everything. Not reentrant: call once per Loader.
  Result<std::shared_ptr<const KnowledgeBase>> run();

 private:
  // Parses one file; nullopt (with a problem) when it is missing or not YAML.
  std::optional<YAML::Node> parse(const std::string& path);
  std::vector<std::string> paths_under(const std::string& prefix) const;
  void note_sources(const Provenance& provenance);

  void read_header(KnowledgeBase& kb);
  void read_sources(KnowledgeBase& kb);
  void read_findings(KnowledgeBase& kb);
  Likelihood read_likelihood(const Reader& reader, const KnowledgeBase& kb, Condition& condition);
  void read_conditions(KnowledgeBase& kb);
  void read_scores(KnowledgeBase& kb);
  void read_triage(KnowledgeBase& kb);
  // A number with its `source:`/`estimate:` in (low, high], or [low, high] when `low_allowed`;
  // a whole number when `whole`.
  double read_cost(const Reader& parent, const char* key, double low, double high, double fallback,
                   bool low_allowed = false, bool whole = false);
  static std::string text_number(double value);
  void read_published(KnowledgeBase& kb);
  void read_pathways(KnowledgeBase& kb);
  void read_treatment(KnowledgeBase& kb);
  std::vector<FittedLikelihood> read_fitted(const KnowledgeBase& kb);
  void read_screen(const Reader& top, KnowledgeBase& kb);
  void read_interview(KnowledgeBase& kb);
  // knowledge/text/ (lexicon_reader.cpp): the free-text lexicon, its context triggers and number words.
  void read_text(KnowledgeBase& kb);
  void read_words(KnowledgeBase& kb);
  void read_context(KnowledgeBase& kb);
  void read_lexicon(const std::string& path, KnowledgeBase& kb, std::vector<std::string>& seen);
  void check_sources(const KnowledgeBase& kb);
  void check_vocabulary(const KnowledgeBase& kb);
  void check_files();

  Files files_;
  Problems problems_;
  std::vector<std::pair<std::string, std::string>> cited_;  // source id, where cited
  LoadOptions options_;
  std::string current_;            // the file being read, for an unexpected error
  std::set<std::string> parsed_;   // every file a reader asked for
};

}  // namespace fossa::kb
