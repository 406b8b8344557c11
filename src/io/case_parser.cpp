#include <boost/json.hpp>

#include <cmath>

#include "fossa/json_reader.h"
#include "fossa/text.h"
#include "fossa/case_io.h"
#include "io/case_fast.h"

namespace fossa {
namespace {

namespace json = boost::json;

Error wrong_type(const std::string& path, const std::string& expected, const json::value& value) {
  return Error{ErrorCode::kWrongType, "expected " + expected + ", got " + json_kind(value), path};
}

Result<json::value> parse_json(std::string_view text, const ParseOptions& options) {
  if (text.size() > options.max_bytes) {
    return Error{ErrorCode::kOutOfRange, "the input is " + std::to_string(text.size()) +
                                             " bytes; at most " + std::to_string(options.max_bytes) + " are accepted", ""};
  }
  return read_json(text, options.max_depth);
}

std::vector<std::string> finding_ids(const KnowledgeBase& kb) {
  std::vector<std::string> ids;
  for (const auto& finding : kb.findings) ids.push_back(finding.id);
  return ids;
}

Result<Ok> read_answer(const KnowledgeBase& kb, int index, const json::value& value, const std::string& path,
                       Evidence& evidence) {
  const Finding& finding = kb.findings[static_cast<size_t>(index)];
  if (value.is_null()) {  // explicitly unknown: asked, answered "don't know"
    evidence.set_unknown(index);
    return Ok{};
  }
  switch (finding.type) {
    case FindingType::kBool:
      if (!value.is_bool()) return wrong_type(path, "true, false or null (for a yes/no finding)", value);
      evidence.set(index, value.as_bool() ? 1.0 : 0.0);
      return Ok{};
    case FindingType::kNumber: {
      if (!value.is_number()) return wrong_type(path, "a number in " + finding.unit, value);
      double number = value.to_number<double>();
      if (!std::isfinite(number) || number < finding.min || number > finding.max) {
        char range[96];
        std::snprintf(range, sizeof range, "%g to %g", finding.min, finding.max);
        return Error{ErrorCode::kOutOfRange, finding.id + " must be between " + range + " " + finding.unit +
                                                 ", got " + json::serialize(value), path};
      }
      evidence.set(index, number);
      return Ok{};
    }
    case FindingType::kEnum: {
      if (!value.is_string()) return wrong_type(path, "one of " + text::join_or(finding.values), value);
      std::string given(value.as_string());
      for (size_t i = 0; i < finding.values.size(); ++i) {
        if (finding.values[i] == given) {
          evidence.set(index, static_cast<double>(i));
          return Ok{};
        }
      }
      return Error{ErrorCode::kInvalidValue, "`" + text::echo(given) + "` is not a value of " + finding.id + ": use " +
                                                 text::join_or(finding.values), path};
    }
  }
  return Ok{};
}

}  // namespace

Result<Case> parse_case(std::string_view text, const KnowledgeBase& kb, const ParseOptions& options) {
  // A well-formed case of the common shape (depth 2 at most) takes the fast path; anything else,
  // errors included, is read here, where each error gets its line, column or JSON path.
  if (options.fast_path && text.size() <= options.max_bytes && options.max_depth >= 3) {
    if (auto fast = io::parse_case_fast(text, kb)) return std::move(*fast);
  }
  auto parsed = parse_json(text, options);
  if (!parsed) return parsed.error();
  const json::value& root = *parsed;
  if (!root.is_object()) return wrong_type("/", "a JSON object (a case)", root);
  Case out;
  out.evidence = Evidence(kb);
  static const std::vector<std::string> kFields = {"id", "setting", "evidence", "text", "expected", "source"};
  for (const auto& field : root.as_object()) {
    std::string_view key = field.key();
    if (std::find(kFields.begin(), kFields.end(), key) != kFields.end()) continue;
    auto near = text::closest(key, kFields);
    return Error{ErrorCode::kUnknownField, "unknown field `" + text::echo(key) + "`" +
                                               (near.empty() ? "; a case has id, setting, evidence, text, expected and source"
                                                             : "; did you mean " + text::join_or(near) + "?"),
                 "/" + text::echo(key)};
  }
  const auto& object = root.as_object();
  if (const auto* id = object.if_contains("id")) {
    if (id->is_string()) {
      out.id = std::string(id->as_string());
    } else if (id->is_int64()) {
      out.id = std::to_string(id->as_int64());
    } else if (!id->is_null()) {
      return wrong_type("/id", "a string", *id);
    }
  }
  if (const auto* setting = object.if_contains("setting")) {
    if (!setting->is_string()) return wrong_type("/setting", "\"patient\" or \"clinician\"", *setting);
    std::optional<Setting> value = parse_setting(setting->as_string());
    if (!value) {
      return Error{ErrorCode::kInvalidValue, "unknown setting `" + text::echo(setting->as_string()) + "`: use patient or clinician", "/setting"};
    }
    out.evidence.setting = *value;
  }
  const auto* evidence = object.if_contains("evidence");
  if (!evidence) return Error{ErrorCode::kMissingField, "a case needs `evidence`: an object of finding ids and answers", "/evidence"};
  if (!evidence->is_object()) return wrong_type("/evidence", "an object of finding ids and answers", *evidence);
  for (const auto& entry : evidence->as_object()) {
    std::string_view id = entry.key();
    int index = kb.finding_index(id);
    if (index < 0) {
      auto near = text::closest(id, finding_ids(kb));
      return Error{ErrorCode::kUnknownField, "unknown finding `" + text::echo(id) + "`" +
                                                 (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"),
                   "/evidence/" + text::echo(id)};
    }
    std::string path = "/evidence/" + std::string(id);
    auto answered = read_answer(kb, index, entry.value(), path, out.evidence);
    if (!answered) return answered.error();
  }
  if (const auto* value = object.if_contains("text"); value && value->is_string()) out.text = std::string(value->as_string());
  if (const auto* value = object.if_contains("source"); value && value->is_string()) out.source = std::string(value->as_string());
  if (const auto* expected = object.if_contains("expected")) {
    if (!expected->is_object()) return wrong_type("/expected", "an object with diagnosis and disposition", *expected);
    if (const auto* diagnosis = expected->as_object().if_contains("diagnosis")) {
      if (!diagnosis->is_string()) return wrong_type("/expected/diagnosis", "a condition id", *diagnosis);
      int index = kb.condition_index(std::string(diagnosis->as_string()));
      if (index < 0) {
        return Error{ErrorCode::kUnknownField, "unknown condition `" + text::echo(diagnosis->as_string()) + "`", "/expected/diagnosis"};
      }
      out.expected_diagnosis = index;
    }
    if (const auto* disposition = expected->as_object().if_contains("disposition")) {
      if (!disposition->is_string()) return wrong_type("/expected/disposition", "a disposition id", *disposition);
      out.expected_disposition = parse_disposition(std::string(disposition->as_string()));
      if (!out.expected_disposition) {
        return Error{ErrorCode::kInvalidValue, "unknown disposition `" + text::echo(disposition->as_string()) +
                                                   "`: use ambulance, emergency, same_day, routine or self_care", "/expected/disposition"};
      }
    }
  }
  return out;
}

std::string case_id_of(std::string_view text) {
  auto parsed = read_json(text, ParseOptions{}.max_depth);
  if (!parsed || !parsed->is_object()) return {};
  const json::value* id = parsed->as_object().if_contains("id");
  if (!id) return {};
  if (id->is_string()) return std::string(id->as_string());
  if (id->is_int64()) return std::to_string(id->as_int64());
  return {};
}

std::string_view setting_id(Setting setting) { return setting == Setting::kClinician ? "clinician" : "patient"; }

std::optional<Setting> parse_setting(std::string_view id) {
  if (id == "patient") return Setting::kPatient;
  if (id == "clinician") return Setting::kClinician;
  return std::nullopt;
}

}  // namespace fossa
