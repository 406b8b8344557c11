// simdjson on-demand for well-formed cases (case_fast.h). simdjson 3 dispatches at run time to the
// best kernel the CPU has (AVX2, SSE4.2, or portable code).
#include <boost/json.hpp>
#include <simdjson.h>

#include <array>
#include <cmath>
#include <vector>

#include "io/case_fast.h"

namespace fossa::io {
namespace {

namespace od = simdjson::ondemand;

// A JSON number as the tree parser reads it: whole numbers directly, others (durations such as 0.5
// days) through Boost.JSON's own conversion of the token, so both paths give the same double.
bool read_number(od::value value, double& number) {
  int64_t whole = 0;
  if (!value.get_int64().get(whole) && std::abs(whole) <= (int64_t{1} << 53)) {
    number = static_cast<double>(whole);
    return true;
  }
  auto type = value.type();
  if (type.error() || type.value_unsafe() != od::json_type::number) return false;
  boost::json::error_code error;
  boost::json::value parsed = boost::json::parse(value.raw_json_token(), error);
  if (error || !parsed.is_number()) return false;
  number = parsed.to_number<double>();
  return std::isfinite(number);
}

// False when the answer is one the slow path would refuse or read differently.
bool read_answer(const Finding& finding, int index, od::value value, Evidence& evidence) {
  auto type = value.type();
  if (type.error()) return false;
  if (type.value_unsafe() == od::json_type::null) {
    if (value.is_null().error()) return false;
    evidence.set_unknown(index);
    return true;
  }
  switch (finding.type) {
    case FindingType::kBool: {
      bool answer = false;
      if (value.get_bool().get(answer)) return false;
      evidence.set(index, answer ? 1.0 : 0.0);
      return true;
    }
    case FindingType::kNumber: {
      double number = 0;
      if (!read_number(value, number) || number < finding.min || number > finding.max) return false;
      evidence.set(index, number);
      return true;
    }
    case FindingType::kEnum: {
      std::string_view given;
      if (value.get_string().get(given)) return false;
      for (size_t i = 0; i < finding.values.size(); ++i) {
        if (finding.values[i] == given) {
          evidence.set(index, static_cast<double>(i));
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

bool read_string(od::value value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text)) return false;
  out.assign(text);
  return true;
}

bool read_evidence(od::value value, const KnowledgeBase& kb, Evidence& evidence, std::vector<bool>& seen) {
  od::object object;
  if (value.get_object().get(object)) return false;
  seen.assign(kb.findings.size(), false);
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    int index = kb.finding_index(key);
    if (index < 0 || seen[static_cast<size_t>(index)]) return false;
    seen[static_cast<size_t>(index)] = true;
    if (!read_answer(kb.findings[static_cast<size_t>(index)], index, field.value(), evidence)) return false;
  }
  return true;
}

bool read_expected(od::value value, const KnowledgeBase& kb, Case& out) {
  od::object object;
  if (value.get_object().get(object)) return false;
  bool diagnosis_seen = false;
  bool disposition_seen = false;
  for (auto field : object) {
    std::string_view key;
    std::string_view id;
    if (field.unescaped_key().get(key)) return false;
    if (key == "diagnosis" && !diagnosis_seen) {
      diagnosis_seen = true;
      if (field.value().get_string().get(id)) return false;
      int index = kb.condition_index(id);
      if (index < 0) return false;
      out.expected_diagnosis = index;
    } else if (key == "disposition" && !disposition_seen) {
      disposition_seen = true;
      if (field.value().get_string().get(id)) return false;
      out.expected_disposition = parse_disposition(id);
      if (!out.expected_disposition) return false;
    } else {
      return false;  // other keys are allowed, but may nest anything: the slow path checks them
    }
  }
  return true;
}

}  // namespace

std::optional<Case> parse_case_fast(std::string_view json, const KnowledgeBase& kb) {
  thread_local od::parser parser;
  thread_local std::string padded;
  thread_local std::vector<bool> seen;
  padded.assign(json);
  padded.resize(json.size() + simdjson::SIMDJSON_PADDING);
  od::document document;
  if (parser.iterate(padded.data(), json.size(), padded.size()).get(document)) return std::nullopt;
  od::object root;
  if (document.get_object().get(root)) return std::nullopt;
  Case out;
  out.evidence = Evidence(kb);
  enum Field { kId, kSetting, kEvidence, kText, kExpected, kSource, kFields };
  static constexpr std::array<std::string_view, kFields> kNames = {"id", "setting", "evidence", "text", "expected", "source"};
  std::array<bool, kFields> present{};
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return std::nullopt;
    size_t which = 0;
    while (which < kFields && kNames[which] != key) ++which;
    if (which == kFields || present[which]) return std::nullopt;
    present[which] = true;
    od::value value;
    if (field.value().get(value)) return std::nullopt;
    bool read = false;
    switch (which) {
      case kId: {
        int64_t number = 0;
        auto type = value.type();
        if (type.error()) return std::nullopt;
        if (type.value_unsafe() == od::json_type::string) {
          read = read_string(value, out.id);
        } else if (type.value_unsafe() == od::json_type::number && !value.get_int64().get(number)) {
          out.id = std::to_string(number);
          read = true;
        } else {
          read = type.value_unsafe() == od::json_type::null && !value.is_null().error();
        }
        break;
      }
      case kSetting: {
        std::string_view id;
        std::optional<Setting> setting = value.get_string().get(id) ? std::nullopt : parse_setting(id);
        read = setting.has_value();
        out.evidence.setting = setting.value_or(Setting::kPatient);
        break;
      }
      case kEvidence: read = read_evidence(value, kb, out.evidence, seen); break;
      case kText: read = read_string(value, out.text); break;
      case kSource: read = read_string(value, out.source); break;
      case kExpected: read = read_expected(value, kb, out); break;
      default: break;
    }
    if (!read) return std::nullopt;
  }
  // Nothing may follow the object: at the end, the current location is out of bounds.
  if (!present[kEvidence] || document.current_location().error() != simdjson::OUT_OF_BOUNDS) return std::nullopt;
  return out;
}

}  // namespace fossa::io
