#include "kb/expression_parser.h"

#include <algorithm>

#include "fossa/text.h"

namespace fossa::kb {
namespace {

bool read_comparison(const Reader& item, Expression& out) {
  static const std::pair<const char*, Expression::Op> kOps[] = {
      {"at_least", Expression::Op::kAtLeast},
      {"above", Expression::Op::kAbove},
      {"below", Expression::Op::kBelow},
      {"at_most", Expression::Op::kAtMost}};
  for (const auto& [key, op] : kOps) {
    if (item.has(key)) {
      out.op = op;
      out.value = item.number(key).value_or(0);
      return true;
    }
  }
  return false;
}

}  // namespace

int resolve_finding(const Reader& reader, const YAML::Node& at, const std::string& id, const KnowledgeBase& kb) {
  int index = kb.finding_index(id);
  if (index >= 0) return index;
  std::vector<std::string> ids;
  for (const auto& finding : kb.findings) ids.push_back(finding.id);
  for (const auto& definition : kb.definitions) ids.push_back(definition.id);
  auto near = text::closest(id, ids);
  reader.problem(at, "unknown finding `" + id + "`" + (near.empty() ? "" : "; did you mean " + text::join_or(near) + "?"));
  return -1;
}

Expression parse_expression(const Reader& reader, const YAML::Node& node, const KnowledgeBase& kb) {
  Expression out;
  if (!node.IsDefined() || node.IsNull()) {
    reader.problem(node, "a condition is missing here: write a finding id or a map (all, any, not, finding, score)");
    return out;
  }
  if (node.IsScalar()) {
    if (const Definition* named = kb.definition(node.Scalar())) return named->when;
    out.kind = Expression::Kind::kPresent;
    out.index = resolve_finding(reader, node, node.Scalar(), kb);
    if (out.index >= 0 && kb.findings[static_cast<size_t>(out.index)].type != FindingType::kBool) {
      reader.problem(node, "`" + node.Scalar() +
                               "` is not a yes/no finding: compare it, e.g. {finding: " +
                               node.Scalar() + ", at_least: 1}");
    }
    return out;
  }
  if (!node.IsMap()) {
    reader.problem(node, "a condition must be a finding id or a map (all, any, not, finding, score)");
    return out;
  }
  Reader item = reader.at(node);
  auto children = [&](const char* key, Expression::Kind kind) {
    out.kind = kind;
    for (const auto& child : item.list(key)) out.children.push_back(parse_expression(reader, child, kb));
    if (out.children.empty()) item.problem(std::string("`") + key + "` needs at least one condition");
  };
  if (item.has("all")) {
    children("all", Expression::Kind::kAll);
  } else if (item.has("any")) {
    children("any", Expression::Kind::kAny);
  } else if (item.has("not")) {
    out.kind = Expression::Kind::kNot;
    out.children.push_back(parse_expression(reader, item.get("not"), kb));
  } else if (item.has("finding")) {
    std::string id = item.text("finding");
    out.index = resolve_finding(reader, item.get("finding"), id, kb);
    if (out.index < 0) return out;
    const Finding& finding = kb.findings[static_cast<size_t>(out.index)];
    if (item.has("is")) {
      out.kind = Expression::Kind::kEquals;
      std::string value = item.text("is");
      auto found = std::find(finding.values.begin(), finding.values.end(), value);
      if (finding.type != FindingType::kEnum || found == finding.values.end()) {
        item.problem("`" + value + "` is not a value of `" + id + "`");
      } else {
        out.value = static_cast<double>(found - finding.values.begin());
      }
    } else {
      out.kind = Expression::Kind::kCompare;
      if (finding.type != FindingType::kNumber) item.problem("`" + id + "` is not a number finding");
      if (!read_comparison(item, out)) {
        item.problem("compare `" + id + "` with at_least, above, below or at_most");
      }
    }
  } else if (item.has("known") || item.has("absent")) {
    const char* key = item.has("known") ? "known" : "absent";
    out.kind = item.has("known") ? Expression::Kind::kKnown : Expression::Kind::kAbsent;
    out.index = resolve_finding(reader, item.get(key), item.text(key), kb);
  } else if (item.has("score")) {
    std::string id = item.text("score");
    out.index = kb.score_index(id);
    if (out.index < 0) {
      item.problem("unknown score `" + id + "`: scores are defined in scores.yaml");
      return out;
    }
    if (item.has("is")) {
      out.kind = Expression::Kind::kScoreIs;
      out.label = item.text("is");
    } else {
      out.kind = Expression::Kind::kScoreAtLeast;
      out.value = item.number("at_least").value_or(0);
    }
  } else {
    item.problem("a condition map needs one of: all, any, not, finding, score, known, absent");
  }
  return out;
}

void collect_findings(const Expression& expression, std::vector<int>& out) {
  std::vector<int> read = findings_read(expression);
  out.insert(out.end(), read.begin(), read.end());
}

void collect_findings(const Expression& expression, const KnowledgeBase& kb, std::vector<int>& out) {
  collect_findings(expression, out);
  if ((expression.kind == Expression::Kind::kScoreAtLeast || expression.kind == Expression::Kind::kScoreIs) &&
      expression.index >= 0 && static_cast<size_t>(expression.index) < kb.scores.size()) {
    const Score& score = kb.scores[static_cast<size_t>(expression.index)];
    collect_findings(score.applies_when, out);
    for (const Score::Item& item : score.items) out.insert(out.end(), item.findings.begin(), item.findings.end());
  }
  for (const auto& child : expression.children) {
    if (child.kind == Expression::Kind::kScoreAtLeast || child.kind == Expression::Kind::kScoreIs || !child.children.empty()) {
      collect_findings(child, kb, out);
    }
  }
}

}  // namespace fossa::kb
