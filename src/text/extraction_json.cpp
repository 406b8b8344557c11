// The extraction as JSON, and requests to read text as JSON (POST /v1/parse, fossa parse --batch).
#include <boost/json.hpp>

#include <cstdio>

#include "fossa/extract.h"
#include "fossa/json_reader.h"
#include "fossa/json_writer.h"
#include "fossa/text.h"

namespace fossa {
namespace {

namespace json = boost::json;

void write_answer(JsonWriter& w, const Finding& finding, double value) {
  switch (finding.type) {
    case FindingType::kBool: w.value(value != 0); break;
    case FindingType::kNumber: w.value(value); break;
    case FindingType::kEnum: w.value(finding.values[static_cast<size_t>(value)]); break;
  }
}

// Characters (code points) before byte `offset` of valid UTF-8 `text`.
size_t characters_before(std::string_view text, size_t offset) {
  size_t count = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? size_t{1} : size_t{0};
  return count;
}

}  // namespace

std::string extraction_json(const Extraction& extraction, const KnowledgeBase& kb, std::string_view text, std::string_view id) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  if (!id.empty()) w.field("id", id);
  w.key("evidence");
  w.begin_object();
  for (size_t f = 0; f < extraction.evidence.answers.size(); ++f) {
    const Answer& answer = extraction.evidence.answers[f];
    if (!answer.known) continue;
    w.key(kb.findings[f].id);
    write_answer(w, kb.findings[f], answer.value);
  }
  w.end_object();
  w.key("mentions");
  w.begin_array();
  for (const Mention& mention : extraction.mentions) {
    const Finding& finding = kb.findings[static_cast<size_t>(mention.finding)];
    w.begin_object();
    w.field("finding", finding.id);
    w.key("value");
    if (mention.value) {
      write_answer(w, finding, *mention.value);
    } else {
      w.null();
    }
    w.field("certainty", certainty_id(mention.certainty));
    w.field("subject", subject_id(mention.subject));
    w.field("negated", mention.negated);
    w.field("misspelt", mention.misspelt);
    w.field("used", mention.used);
    w.field("start", characters_before(text, mention.begin));
    w.field("end", characters_before(text, mention.end));
    w.field("text", text.substr(mention.begin, mention.end - mention.begin));
    w.end_object();
  }
  w.end_array();
  w.key("to_confirm");
  w.begin_array();
  for (int finding : extraction.to_confirm) w.value(kb.findings[static_cast<size_t>(finding)].id);
  w.end_array();
  w.key("notes");
  w.begin_array();
  for (const ExtractionNote& note : extraction.notes) {
    w.begin_object();
    w.field("id", note.id);
    w.field("text", note.text);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

Result<TextRequest> parse_text_request(std::string_view text, size_t max_depth) {
  auto parsed = read_json(text, max_depth);
  if (!parsed) return parsed.error();
  const json::value& root = *parsed;
  if (!root.is_object()) return Error{ErrorCode::kWrongType, "expected a JSON object with `text`, got " + json_kind(root), "/"};
  static const std::vector<std::string> kFields = {"id", "text", "setting", "today"};
  TextRequest out;
  for (const auto& field : root.as_object()) {
    std::string key(field.key());
    const json::value& value = field.value();
    std::string path = "/" + text::echo(key);
    if (key == "id") {
      if (value.is_string()) {
        out.id = std::string(value.as_string());
      } else if (value.is_int64()) {
        out.id = std::to_string(value.as_int64());
      } else if (!value.is_null()) {
        return Error{ErrorCode::kWrongType, "expected a string, got " + json_kind(value), path};
      }
    } else if (key == "text") {
      if (!value.is_string()) return Error{ErrorCode::kWrongType, "expected the text as a string, got " + json_kind(value), path};
      out.text = std::string(value.as_string());
    } else if (key == "setting") {
      if (!value.is_string()) {
        return Error{ErrorCode::kWrongType, "expected \"patient\" or \"clinician\", got " + json_kind(value), path};
      }
      out.setting = parse_setting(value.as_string());
      if (!out.setting) {
        return Error{ErrorCode::kInvalidValue, "unknown setting `" + text::echo(value.as_string()) + "`: use patient or clinician", path};
      }
    } else if (key == "today") {
      if (value.is_null()) continue;
      if (!value.is_string()) return Error{ErrorCode::kWrongType, "expected a date as \"YYYY-MM-DD\", got " + json_kind(value), path};
      out.options.today = parse_date(std::string_view(value.as_string()));
      if (!out.options.today) {
        return Error{ErrorCode::kInvalidValue, "`" + text::echo(value.as_string()) + "` is not a date: write it as YYYY-MM-DD", path};
      }
    } else {
      auto near = text::closest(key, kFields);
      return Error{ErrorCode::kUnknownField, "unknown field `" + text::echo(key) + "`" +
                                                 (near.empty() ? "; a request has text, and may have id, setting and today"
                                                               : "; did you mean " + text::join_or(near) + "?"),
                   path};
    }
  }
  if (!root.as_object().contains("text")) {
    return Error{ErrorCode::kMissingField, "a request needs `text`: the words to read", "/text"};
  }
  return out;
}

}  // namespace fossa
