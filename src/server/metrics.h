// Counters for GET /metrics (Prometheus text format 0.0.4): requests by route and status, a
// latency histogram by route, and the dispositions given. Lock-free: observe() may be called from
// any number of threads at once.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::server {

class Metrics {
 public:
  // `routes`: the route labels to count (strings that outlive the metrics); requests of any other
  // label are counted under "unmatched".
  // `feedback_services`: the CDS Hooks services whose feedback is counted (ids that outlive the
  // metrics).
  explicit Metrics(std::vector<std::string_view> routes, std::vector<std::string_view> feedback_services = {});

  // Counts one answered request that took `seconds` (from the full request to the response sent).
  // `status` kWriteFailed: the response could not be sent (counted as status="failed"; its
  // disposition is not counted).
  void observe(std::string_view route, int status, double seconds, std::optional<Disposition> disposition);

  // Counts one CDS Hooks feedback for `service`: the card accepted, or overridden. Other services
  // are not counted.
  void observe_feedback(std::string_view service, bool accepted);

  // The exposition text; `info` labels are added to the fossa_build_info gauge.
  std::string prometheus_text(std::string_view info_labels) const;

  // Requests counted for `route` and `status` (for tests).
  uint64_t count(std::string_view route, int status) const;

  static constexpr int kWriteFailed = 0;
  static constexpr std::array<int, 18> kStatuses = {200, 204, 304, 400, 401, 403, 404, 405, 408, 412,
                                                    413, 415, 422, 431, 500, 501, 503, kWriteFailed};
  static constexpr std::array<double, 15> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,     0.25,   0.5,   1,      2.5,   10};

 private:
  struct RouteCounters {
    std::string_view label;
    std::array<std::atomic<uint64_t>, kStatuses.size() + 1> by_status{};  // last: any other status
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};     // last: +Inf
    std::atomic<uint64_t> nanoseconds{0};
  };
  // Index in routes_ of `route`, or of "unmatched" (the last) when it is not counted.
  size_t index_of(std::string_view route) const;

  std::vector<std::unique_ptr<RouteCounters>> routes_;  // the last is "unmatched"
  std::array<std::atomic<uint64_t>, 5> dispositions_{};  // by rank - 1
  struct FeedbackCounters {
    std::string_view service;
    std::atomic<uint64_t> accepted{0};
    std::atomic<uint64_t> overridden{0};
  };
  std::vector<std::unique_ptr<FeedbackCounters>> feedback_;
};

}  // namespace fossa::server
