// The JSON field names of score results (fossa/case_io.h).
#include <string_view>

#include "fossa/case_io.h"

namespace fossa {
namespace {

struct Named {
  std::string_view score;
  std::string_view version;  // empty: the any-criterion result
  std::string_view points;
  std::string_view category;
};

constexpr Named kNamed[] = {
    {"wells_dvt", "2003", "points", "category"},
    {"wells_dvt", "1997", "points_1997", "tier_1997"},
    {"ottawa_knee", "", "xray_indicated", ""},
};

}  // namespace

ScoreFieldNames score_field_names(const Score& score, size_t version) {
  const std::string& id = score.versions[version].id;
  for (const Named& named : kNamed) {
    if (named.score == score.id && named.version == id) return {std::string(named.points), std::string(named.category)};
  }
  if (version == 0) return {"points", "category"};
  return {"points_" + id, "category_" + id};
}

std::string score_result_field(const Score& score) {
  for (const Named& named : kNamed) {
    if (named.score == score.id && named.version.empty()) return std::string(named.points);
  }
  return "positive";
}

}  // namespace fossa
