// Loading: the header, sources and findings, the checks across files, and the two entry points
// (a directory, or the files embedded in the binary). See kb/loader.h.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "fossa/text.h"
#include "fossa/knowledge_base.h"
#include "kb/embedded.h"
#include "kb/expression_parser.h"
#include "kb/vocabulary.h"
#include "kb/loader.h"
#include "kb/yaml_reader.h"

namespace fossa {
namespace kb {
namespace {

std::string fnv1a_hex(const Files& files) {
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  };
  for (const auto& [path, text] : files) {
    mix(path);
    mix(std::string_view("\0", 1));
    mix(text);
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

}  // namespace

std::optional<Disposition> read_level(const Reader& reader, const char* key) {
  std::string id = reader.text(key);
  auto level = parse_disposition(id);
  if (!level && !id.empty()) {
    reader.problem(reader.get(key), "`" + id +
                                        "` is not a disposition: use ambulance, emergency, "
                                        "same_day, routine or self_care");
  }
  return level;
}

namespace {

// Whether `code` has the shape of a code of `system` (a typo check, not a terminology lookup).
bool looks_like(std::string_view system, std::string_view code) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto all_digits = [&](std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), digit);
  };
  if (system == "snomed") return code.size() >= 6 && code.size() <= 18 && all_digits(code) && code[0] != '0';
  if (system == "loinc") {
    size_t dash = code.find('-');
    return dash != std::string_view::npos && dash <= 7 && all_digits(code.substr(0, dash)) && code.size() == dash + 2 &&
           digit(code.back());
  }
  // ICD-10 and ICD-10-CM: a letter, two characters, then optionally a dot and up to four more.
  auto alnum = [&](char c) { return digit(c) || (c >= 'A' && c <= 'Z'); };
  if (code.size() < 3 || !(code[0] >= 'A' && code[0] <= 'Z') || !digit(code[1]) || !alnum(code[2])) return false;
  if (code.size() == 3) return true;
  std::string_view rest = code.substr(3);
  return rest[0] == '.' && rest.size() >= 2 && rest.size() <= 5 && std::all_of(rest.begin() + 1, rest.end(), alnum);
}

}  // namespace

std::vector<Code> read_codes(const Reader& reader, bool required) {
  std::vector<Code> out;
  YAML::Node codes = reader.get("codes");
  if (!codes.IsDefined() || codes.IsNull()) {
    if (required) reader.problem("missing `codes:` (snomed, loinc, icd10, icd10cm: {code, display, checked})");
    return out;
  }
  if (!codes.IsMap()) {
    reader.problem(codes, "`codes` must map a system (snomed, loinc, icd10, icd10cm) to {code, display, checked}");
    return out;
  }
  for (const auto& entry : reader.entries("codes")) {
    std::string system = entry.first.Scalar();
    if (system != "snomed" && system != "loinc" && system != "icd10" && system != "icd10cm") {
      reader.problem(entry.first, "unknown code system `" + system + "`: use snomed, loinc, icd10 or icd10cm");
      continue;
    }
    std::vector<YAML::Node> items;
    if (entry.second.IsSequence()) {
      for (const auto& item : entry.second) items.push_back(item);
    } else {
      items.push_back(entry.second);
    }
    for (const auto& item : items) {
      Reader code_reader = reader.at(item);
      if (!item.IsMap()) {
        reader.problem(item, "a code is {code, display, checked}");
        continue;
      }
      Code code;
      code.system = system;
      code.code = code_reader.text("code");
      code.display = code_reader.text("display");
      code.checked = code_reader.text("checked");
      if (!code.code.empty() && !looks_like(system, code.code)) {
        code_reader.problem(item["code"], "`" + code.code + "` is not a " + system + " code");
      }
      out.push_back(std::move(code));
    }
  }
  return out;
}

Result<std::shared_ptr<const KnowledgeBase>> Loader::run() {
  auto kb = std::make_shared<KnowledgeBase>();
  kb->hash = fnv1a_hex(files_);
  std::vector<FittedLikelihood> fitted;
  try {
    read_header(*kb);
    read_sources(*kb);
    read_findings(*kb);
    kb->build_indexes();
    read_conditions(*kb);
    kb->build_indexes();
    read_published(*kb);
    read_scores(*kb);
    kb->build_indexes();
    read_triage(*kb);
    read_pathways(*kb);
    read_treatment(*kb);
    read_interview(*kb);
    read_text(*kb);
    fitted = read_fitted(*kb);
    check_sources(*kb);
    check_vocabulary(*kb);
    problems_.report_unread();
    check_files();
  } catch (const YAML::Exception& error) {
    // The readers check every node before use, so this is a gap in them; still name the file.
    problems_.add(current_, error.mark.line + 1, "cannot read this entry (" + error.msg + "): check its keys and types");
  }
  if (problems_.empty() && options_.apply_fitted && !fitted.empty()) {
    std::string hash = kb->hash;
    kb = with_fitted(*kb, std::move(fitted));
    kb->hash = hash;
  }
  if (!problems_.empty()) {
    return Error{ErrorCode::kInvalidKnowledge,
                 std::to_string(problems_.size()) + " problem(s) in the knowledge base:\n" +
                     problems_.joined(),
                 ""};
  }
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

// Parses one file; nullopt (with a problem) when it is missing or not YAML.
std::optional<YAML::Node> Loader::parse(const std::string& path) {
  auto found = files_.find(path);
  if (found == files_.end()) {
    problems_.add(path, 0, "file is missing: the knowledge base needs it (see docs/knowledge-base.md)");
    return std::nullopt;
  }
  current_ = path;
  parsed_.insert(path);
  return problems_.parse(path, found->second);
}

// Every YAML file of the directory belongs to the knowledge base: a stray or misnamed file (say
// `condition/x.yaml`) would otherwise be left out silently.
void Loader::check_files() {
  for (const auto& [path, text] : files_) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".yaml" || parsed_.count(path)) continue;
    problems_.add(path, 0, "this file is not part of the knowledge base, so nothing in it is read: move it where it "
                           "belongs (conditions/, evidence/, sources/, text/) or remove it (docs/knowledge-base.md)");
  }
}

std::vector<std::string> Loader::paths_under(const std::string& prefix) const {
  std::vector<std::string> out;
  for (const auto& [path, text] : files_) {
    if (path.rfind(prefix, 0) == 0 && path.size() > 5 && path.substr(path.size() - 5) == ".yaml") {
      out.push_back(path);
    }
  }
  return out;
}

void Loader::note_sources(const Provenance& provenance) {
  for (const auto& id : provenance.sources) cited_.emplace_back(id, provenance.where);
}

void Loader::read_header(KnowledgeBase& kb) {
  const std::string path = "knowledge_base.yaml";
  auto root = parse(path);
  if (!root) return;
  Reader reader(path, *root, problems_);
  kb.name = reader.text("name");
  kb.version = reader.text("version");
  kb.notice = reader.text("notice");
  kb.emergency_advice = reader.text("emergency_advice");
}

void Loader::read_sources(KnowledgeBase& kb) {
  std::set<std::string> seen;
  for (const auto& path : paths_under("sources/")) {
    auto root = parse(path);
    if (!root) continue;
    if (!root->IsSequence()) {
      problems_.add(path, 1, "must be a list of sources ({id, citation, year, url})");
      continue;
    }
    for (const auto& node : *root) {
      Reader reader(path, node, problems_);
      Source source;
      source.id = reader.text("id");
      source.citation = reader.text("citation");
      source.year = reader.integer("year", 1800, 2100, false).value_or(0);
      source.url = reader.text("url", false);
      if (!seen.insert(source.id).second) {
        reader.problem("source id `" + source.id + "` is defined twice: keep one and cite it");
      }
      kb.sources.push_back(std::move(source));
    }
  }
}

void Loader::read_findings(KnowledgeBase& kb) {
  const std::string path = "findings.yaml";
  auto root = parse(path);
  if (!root) return;
  if (!root->IsSequence()) {
    problems_.add(path, 1, "must be a list of findings");
    return;
  }
  std::set<std::string> seen;
  for (const auto& node : *root) {
    Reader reader(path, node, problems_);
    Finding finding;
    finding.id = reader.text("id");
    if (!seen.insert(finding.id).second) reader.problem("finding `" + finding.id + "` is defined twice");
    std::string type = reader.text("type");
    if (type.empty()) {
      // reported as missing
    } else if (type == "bool") {
      finding.type = FindingType::kBool;
    } else if (type == "number") {
      finding.type = FindingType::kNumber;
      finding.unit = reader.text("unit");
      auto min = reader.number("min");
      auto max = reader.number("max");
      finding.min = min.value_or(0);
      finding.max = max.value_or(0);
      if (min && max && finding.max <= finding.min) reader.problem(reader.get("max"), "`max` must be greater than `min`");
    } else if (type == "enum") {
      finding.type = FindingType::kEnum;
      finding.values = reader.texts("values", true);
    } else {
      reader.problem(reader.get("type"), "`type` must be bool, number or enum");
    }
    finding.group = reader.text("group");
    if (!finding.group.empty() && finding.group != "history" && finding.group != "examination" && finding.group != "risk_factor" &&
        finding.group != "investigation") {
      reader.problem(reader.get("group"), "`group` must be history, examination, risk_factor or investigation");
    }
    std::string asked_of = reader.text("asked_of");
    if (asked_of == "clinician") {
      finding.asked_of = Responder::kClinician;
    } else if (!asked_of.empty() && asked_of != "person") {
      reader.problem(reader.get("asked_of"), "`asked_of` must be person or clinician");
    }
    finding.meaning = reader.text("meaning");
    finding.label = reader.text("label");
    bool placeholder = finding.label.find("{}") != std::string::npos;
    if (placeholder != (finding.type != FindingType::kBool)) {
      reader.problem(reader.get("label"), finding.type == FindingType::kBool
                                              ? "a yes/no finding's `label` has no {} (the value has none)"
                                              : "a number or choice finding's `label` needs {} where the value goes");
    }
    if (finding.group == "investigation") {
      finding.test = reader.text("test");
    } else if (reader.has("test")) {
      reader.problem(reader.get("test"), "only test results (group investigation) name a `test`");
    }
    finding.label_absent = reader.has("label_absent") ? reader.text("label_absent") : "no " + finding.label;
    if (finding.type != FindingType::kBool && reader.has("label_absent")) {
      reader.problem(reader.get("label_absent"), "only yes/no findings have `label_absent`");
    }
    Reader question = reader.child("question");
    finding.question_person = question.text("person");
    finding.question_clinician = question.text("clinician");
    finding.why = reader.text("why");
    finding.codes = read_codes(reader, false);
    kb.findings.push_back(std::move(finding));
  }
}

void Loader::check_sources(const KnowledgeBase& kb) {
  std::set<std::string> known;
  for (const auto& source : kb.sources) known.insert(source.id);
  std::vector<std::string> ids(known.begin(), known.end());
  for (const auto& [id, where] : cited_) {
    if (known.count(id)) continue;
    auto near = text::closest(id, ids);
    problems_.add(where, 0, "cites unknown source `" + id + "`: add it to a file in sources/" +
                                (near.empty() ? "" : " or use " + text::join_or(near)));
  }
}

void Loader::check_vocabulary(const KnowledgeBase& kb) {
  auto found = files_.find("vocabulary.json");
  if (found == files_.end()) {
    problems_.add("vocabulary.json", 0, "file is missing: copy the case vocabulary here");
    return;
  }
  for (const auto& message : kb::uncovered_vocabulary(kb, found->second)) {
    problems_.add("vocabulary.json", 0, message);
  }
}

}  // namespace kb

Result<std::shared_ptr<const KnowledgeBase>> load_knowledge_base(const std::string& directory, const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return Error{ErrorCode::kIo, "not a directory: give the knowledge base directory (it holds knowledge_base.yaml)", directory};
  }
  kb::Files files;
  for (auto it = fs::recursive_directory_iterator(directory, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    auto extension = it->path().extension().string();
    if (extension != ".yaml" && extension != ".json") continue;
    // A file that cannot be read is one error naming it and why, not an empty file and a
    // cascade of everything it should have defined.
    errno = 0;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return file_error(it->path().string(), "a knowledge base file");
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) return file_error(it->path().string(), "a knowledge base file");
    files[fs::relative(it->path(), directory).generic_string()] = text.str();
  }
  if (error) return Error{ErrorCode::kIo, "cannot read the directory: " + error.message(), directory};
  return kb::Loader(std::move(files), options).run();
}

}  // namespace fossa
