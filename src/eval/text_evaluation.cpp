// `fossa eval FILE --mode text`: the extractor against texts labelled by a written protocol.
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "eval/json_lines.h"
#include "fossa/evaluation.h"
#include "fossa/input.h"
#include "fossa/json_writer.h"

namespace fossa {
namespace {

namespace json = boost::json;

Result<LabelledText> parse_labelled(const std::string& line, const KnowledgeBase& kb) {
  boost::system::error_code error;
  json::value root = json::parse(line, error);
  if (error) return Error{ErrorCode::kMalformedJson, "not valid JSON: " + error.message(), ""};
  if (!root.is_object()) return Error{ErrorCode::kWrongType, "expected an object", "/"};
  const json::object& object = root.as_object();
  LabelledText out;
  const json::value* id = object.if_contains("id");
  const json::value* text = object.if_contains("text");
  const json::value* labels = object.if_contains("labels");
  if (!id || !id->is_string()) return Error{ErrorCode::kMissingField, "a labelled text needs an `id` string", "/id"};
  if (!text || !text->is_string()) return Error{ErrorCode::kMissingField, "a labelled text needs a `text` string", "/text"};
  if (!labels || !labels->is_array()) return Error{ErrorCode::kMissingField, "a labelled text needs a `labels` list", "/labels"};
  out.id = std::string(id->as_string());
  out.text = std::string(text->as_string());
  for (size_t i = 0; i < labels->as_array().size(); ++i) {
    const json::value& item = labels->as_array()[i];
    std::string path = "/labels/" + std::to_string(i);
    if (!item.is_object()) return Error{ErrorCode::kWrongType, "expected a label object", path};
    const json::object& label = item.as_object();
    const json::value* finding = label.if_contains("finding");
    const json::value* value = label.if_contains("value");
    if (!finding || !finding->is_string() || !value) {
      return Error{ErrorCode::kMissingField, "a label needs `finding` and `value`", path};
    }
    TextLabel parsed;
    parsed.finding = kb.finding_index(std::string(finding->as_string()));
    if (parsed.finding < 0) {
      return Error{ErrorCode::kUnknownField, "unknown finding `" + std::string(finding->as_string()) + "`", path + "/finding"};
    }
    const Finding& info = kb.findings[static_cast<size_t>(parsed.finding)];
    if (info.type == FindingType::kBool && value->is_bool()) {
      parsed.value = value->as_bool() ? 1 : 0;
    } else if (info.type == FindingType::kNumber && value->is_number()) {
      parsed.value = value->to_number<double>();
    } else if (info.type == FindingType::kEnum && value->is_string()) {
      auto at = std::find(info.values.begin(), info.values.end(), std::string(value->as_string()));
      if (at == info.values.end()) return Error{ErrorCode::kInvalidValue, "not a value of " + info.id, path + "/value"};
      parsed.value = static_cast<double>(at - info.values.begin());
    } else {
      return Error{ErrorCode::kWrongType, "the value does not fit " + info.id + "'s type", path + "/value"};
    }
    if (const json::value* certainty = label.if_contains("certainty"); certainty && certainty->is_string()) {
      parsed.definite = certainty->as_string() != "possible";
    }
    if (const json::value* quote = label.if_contains("quote"); quote && quote->is_string()) {
      parsed.quote = std::string(quote->as_string());
    }
    out.labels.push_back(std::move(parsed));
  }
  return out;
}

bool same_value(const Finding& finding, double expected, double read) {
  if (finding.type != FindingType::kNumber) return expected == read;
  double tolerance = finding.id == "duration_days" ? std::max(1.0, 0.25 * expected) : 1.0;
  return std::fabs(expected - read) <= tolerance;
}

std::string answer_text(const Finding& finding, double value) {
  if (finding.type == FindingType::kBool) return value != 0 ? "true" : "false";
  if (finding.type == FindingType::kEnum) return finding.values[static_cast<size_t>(value)];
  char out[32];
  std::snprintf(out, sizeof out, "%g", value);
  return out;
}

double share(size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

}  // namespace

double ExtractionCounts::precision() const { return share(true_positive, true_positive + false_positive); }
double ExtractionCounts::recall() const { return share(true_positive, true_positive + false_negative); }
double ExtractionCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

Result<std::vector<LabelledText>> read_labelled_texts(const std::string& path, const KnowledgeBase& kb) {
  return eval::read_json_lines<LabelledText>(
      path, "the labelled text file", [&](const std::string& line) { return parse_labelled(line, kb); },
      [](LabelledText&, size_t) {});
}

ExtractionMetrics evaluate_extraction(const Extractor& extractor, const std::vector<LabelledText>& texts) {
  const KnowledgeBase& kb = extractor.kb();
  std::vector<bool> warning(kb.findings.size(), false);
  for (const Rule& rule : kb.rules) {
    if (!rule.red_flag) continue;
    for (int finding : rule.findings) warning[static_cast<size_t>(finding)] = true;
  }
  ExtractionMetrics metrics;
  for (const LabelledText& labelled : texts) {
    ++metrics.texts;
    auto read = extractor.extract(labelled.text, Setting::kPatient);
    Extraction extraction = read ? *read : Extraction{Evidence(kb), {}, {}, {}};
    auto miss = [&](int finding, std::string kind, std::string expected, std::string got, std::string words) {
      metrics.misses.push_back({labelled.id, kb.findings[static_cast<size_t>(finding)].id, std::move(kind), std::move(expected),
                                std::move(got), std::move(words)});
    };
    std::vector<const TextLabel*> definite(kb.findings.size(), nullptr);
    std::vector<const TextLabel*> possible(kb.findings.size(), nullptr);
    for (const TextLabel& label : labelled.labels) {
      (label.definite ? definite : possible)[static_cast<size_t>(label.finding)] = &label;
    }
    // Per finding.
    for (size_t f = 0; f < kb.findings.size(); ++f) {
      const Finding& finding = kb.findings[f];
      const TextLabel* label = definite[f];
      bool known = extraction.evidence.answers[f].known;
      double value = extraction.evidence.answers[f].value;
      ExtractionCounts* counts[] = {&metrics.findings, warning[f] ? &metrics.warning_signs : nullptr};
      auto count = [&](size_t ExtractionCounts::*field) {
        for (ExtractionCounts* c : counts) {
          if (c) ++(c->*field);
        }
      };
      if (possible[f] && !label) {
        ++metrics.possible_labels;
        if (known) {
          ++metrics.possible_set;
        } else if (std::find(extraction.to_confirm.begin(), extraction.to_confirm.end(), static_cast<int>(f)) !=
                   extraction.to_confirm.end()) {
          ++metrics.possible_asked;
        }
        continue;
      }
      if (label && known && same_value(finding, label->value, value)) {
        count(&ExtractionCounts::true_positive);
      } else if (label && known) {
        count(&ExtractionCounts::false_positive);
        count(&ExtractionCounts::false_negative);
        bool polarity = finding.type == FindingType::kBool;
        if (polarity) ++metrics.wrong_polarity;
        miss(static_cast<int>(f), polarity ? "polarity" : "wrong", answer_text(finding, label->value), answer_text(finding, value),
             label->quote);
      } else if (label) {
        count(&ExtractionCounts::false_negative);
        miss(static_cast<int>(f), "missed", answer_text(finding, label->value), "-", label->quote);
      } else if (known) {
        count(&ExtractionCounts::false_positive);
        std::string words;
        for (const Mention& mention : extraction.mentions) {
          if (mention.used && mention.finding == static_cast<int>(f)) {
            words = labelled.text.substr(mention.begin, mention.end - mention.begin);
          }
        }
        miss(static_cast<int>(f), "extra", "-", answer_text(finding, value), words);
      }
    }
    // Per mention.
    for (const Mention& mention : extraction.mentions) {
      if (mention.certainty != Certainty::kDefinite || mention.subject != Subject::kCurrent || !mention.value) continue;
      auto f = static_cast<size_t>(mention.finding);
      if (possible[f] && !definite[f]) continue;
      if (definite[f] && same_value(kb.findings[f], definite[f]->value, *mention.value)) {
        ++metrics.mentions.true_positive;
      } else {
        ++metrics.mentions.false_positive;
      }
    }
    for (const TextLabel& label : labelled.labels) {
      if (!label.definite) continue;
      size_t at = label.quote.empty() ? std::string::npos : labelled.text.find(label.quote);
      size_t end = at == std::string::npos ? 0 : at + label.quote.size();
      bool found = std::any_of(extraction.mentions.begin(), extraction.mentions.end(), [&](const Mention& mention) {
        return mention.finding == label.finding && mention.certainty == Certainty::kDefinite && mention.value &&
               same_value(kb.findings[static_cast<size_t>(label.finding)], label.value, *mention.value) &&
               (at == std::string::npos || (mention.begin < end && at < mention.end));
      });
      if (!found) ++metrics.mentions.false_negative;
    }
  }
  return metrics;
}

std::string extraction_metrics_json(const ExtractionMetrics& metrics) {
  std::string out;
  JsonWriter w(out);
  auto counts = [&](std::string_view name, const ExtractionCounts& c) {
    w.key(name);
    w.begin_object();
    w.field("true_positive", c.true_positive);
    w.field("false_positive", c.false_positive);
    w.field("false_negative", c.false_negative);
    w.key("precision");
    w.fixed(c.precision(), 3);
    w.key("recall");
    w.fixed(c.recall(), 3);
    w.key("f1");
    w.fixed(c.f1(), 3);
    w.end_object();
  };
  w.begin_object();
  w.field("texts", metrics.texts);
  counts("findings", metrics.findings);
  counts("warning_signs", metrics.warning_signs);
  counts("mentions", metrics.mentions);
  w.field("wrong_polarity", metrics.wrong_polarity);
  w.field("possible_labels", metrics.possible_labels);
  w.field("possible_asked", metrics.possible_asked);
  w.field("possible_set", metrics.possible_set);
  w.end_object();
  return out;
}

std::string extraction_metrics_text(const ExtractionMetrics& metrics, bool details) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "texts %zu  wrong_polarity %zu\n", metrics.texts, metrics.wrong_polarity);
  out += line;
  auto row = [&](const char* name, const ExtractionCounts& c) {
    std::snprintf(line, sizeof line, "%-14s precision %.3f  recall %.3f  f1 %.3f  (tp %zu, fp %zu, fn %zu)\n", name,
                  c.precision(), c.recall(), c.f1(), c.true_positive, c.false_positive, c.false_negative);
    out += line;
  };
  row("findings", metrics.findings);
  row("warning_signs", metrics.warning_signs);
  row("mentions", metrics.mentions);
  std::snprintf(line, sizeof line, "possible labels %zu: asked to confirm %zu, set %zu, missed %zu\n", metrics.possible_labels,
                metrics.possible_asked, metrics.possible_set,
                metrics.possible_labels - metrics.possible_asked - metrics.possible_set);
  out += line;
  if (!details) return out;
  out += "\nmisses (text, finding, kind, labelled, read, words):\n";
  for (const auto& miss : metrics.misses) {
    out += miss.id + "  " + miss.finding + "  " + miss.kind + "  " + miss.expected + "  " + miss.read + "  | " + miss.words + "\n";
  }
  return out;
}

}  // namespace fossa
