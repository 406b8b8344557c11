// `fossa kb diff`: the cases and metrics of one knowledge base against another (fossa/evaluation.h).
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

#include "fossa/evaluation.h"
#include "fossa/json_writer.h"

namespace fossa {
namespace {

// The ids of the three most likely conditions; ties keep the knowledge base's order (by id).
std::vector<std::string> top3(const CaseOutcome& outcome, const KnowledgeBase& kb) {
  std::vector<size_t> order(outcome.probabilities.size());
  for (size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return outcome.probabilities[a] > outcome.probabilities[b]; });
  std::vector<std::string> out;
  for (size_t i = 0; i < order.size() && i < 3; ++i) out.push_back(kb.conditions[order[i]].id);
  return out;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

struct MetricRow {
  const char* name;
  double before;
  double after;
  bool count;  // a count, not a share
};

std::vector<MetricRow> rows(const Metrics& before, const Metrics& after) {
  return {{"top1", before.top1, after.top1, false},
          {"top3", before.top3, after.top3, false},
          {"disposition_exact", before.disposition_exact, after.disposition_exact, false},
          {"under_triage", before.under_triage, after.under_triage, false},
          {"over_triage", before.over_triage, after.over_triage, false},
          {"unsafe", static_cast<double>(before.unsafe), static_cast<double>(after.unsafe), true},
          {"brier", before.brier, after.brier, false}};
}

std::string metrics_table(const std::string& title, const Metrics& before, const Metrics& after) {
  char line[160];
  std::snprintf(line, sizeof line, "%s (%zu cases)\n", title.c_str(), before.cases);
  std::string out = line;
  for (const MetricRow& row : rows(before, after)) {
    if (row.count) {
      std::snprintf(line, sizeof line, "  %-18s %8.0f %8.0f %+9.0f\n", row.name, row.before, row.after, row.after - row.before);
    } else {
      std::snprintf(line, sizeof line, "  %-18s %8.4f %8.4f %+9.4f\n", row.name, row.before, row.after, row.after - row.before);
    }
    out += line;
  }
  return out;
}

boost::json::object metrics_object(const Metrics& before, const Metrics& after) {
  boost::json::object out;
  out["cases"] = before.cases;
  for (const MetricRow& row : rows(before, after)) {
    out[row.name] = {{"before", row.before}, {"after", row.after}, {"delta", row.after - row.before}};
  }
  return out;
}

}  // namespace

Result<KnowledgeDiff> diff_knowledge(const Engine& before, const Engine& after, const std::vector<std::string>& case_files) {
  KnowledgeDiff diff;
  std::vector<CaseOutcome> all_before;
  std::vector<CaseOutcome> all_after;
  for (const std::string& file : case_files) {
    auto cases_before = read_cases(file, before.kb());
    if (!cases_before) return cases_before.error();
    auto cases_after = read_cases(file, after.kb());
    if (!cases_after) return cases_after.error();
    CaseFileDiff file_diff{file, evaluate(before, *cases_before), evaluate(after, *cases_after)};
    const auto& old_outcomes = file_diff.before.outcomes;
    const auto& new_outcomes = file_diff.after.outcomes;
    for (size_t i = 0; i < old_outcomes.size() && i < new_outcomes.size(); ++i) {
      CaseChange change{file, old_outcomes[i].id, old_outcomes[i].disposition, new_outcomes[i].disposition,
                        top3(old_outcomes[i], before.kb()), top3(new_outcomes[i], after.kb())};
      if (change.disposition_before != change.disposition_after || change.top3_before != change.top3_after) {
        diff.changes.push_back(std::move(change));
      }
    }
    all_before.insert(all_before.end(), old_outcomes.begin(), old_outcomes.end());
    all_after.insert(all_after.end(), new_outcomes.begin(), new_outcomes.end());
    diff.files.push_back(std::move(file_diff));
  }
  // Condition indexes differ between the two knowledge bases, but each summary reads one only.
  diff.before = summarise(std::move(all_before));
  diff.after = summarise(std::move(all_after));
  return diff;
}

std::string knowledge_diff_text(const KnowledgeDiff& diff) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%zu case(s) whose disposition or top three changed\n", diff.changes.size());
  out += line;
  for (const CaseChange& change : diff.changes) {
    std::string disposition = std::string(disposition_id(change.disposition_before));
    if (change.disposition_after != change.disposition_before) {
      disposition += " -> " + std::string(disposition_id(change.disposition_after));
    }
    std::string ranking = joined(change.top3_before);
    if (change.top3_after != change.top3_before) ranking += " -> " + joined(change.top3_after);
    out += "  " + change.file + " " + change.id + "  " + disposition + "  | " + ranking + "\n";
  }
  out += "\nmetric               before    after     delta\n";
  for (const CaseFileDiff& file : diff.files) out += metrics_table(file.file, file.before, file.after);
  if (diff.files.size() > 1) out += metrics_table("all", diff.before, diff.after);
  return out;
}

std::string knowledge_diff_json(const KnowledgeDiff& diff) {
  boost::json::object out;
  boost::json::array changes;
  for (const CaseChange& change : diff.changes) {
    boost::json::array old_top;
    boost::json::array new_top;
    for (const auto& id : change.top3_before) old_top.emplace_back(id);
    for (const auto& id : change.top3_after) new_top.emplace_back(id);
    changes.push_back({{"file", change.file},
                       {"id", change.id},
                       {"disposition", {{"before", disposition_id(change.disposition_before)},
                                        {"after", disposition_id(change.disposition_after)}}},
                       {"top3", {{"before", std::move(old_top)}, {"after", std::move(new_top)}}}});
  }
  out["changes"] = std::move(changes);
  boost::json::array files;
  for (const CaseFileDiff& file : diff.files) {
    boost::json::object entry = metrics_object(file.before, file.after);
    entry["file"] = file.file;
    files.push_back(std::move(entry));
  }
  out["files"] = std::move(files);
  out["all"] = metrics_object(diff.before, diff.after);
  return to_json(out);
}

}  // namespace fossa
