#include "server/metrics.h"

#include <cstdio>

namespace fossa::server {
namespace {

size_t status_index(int status) {
  for (size_t i = 0; i < Metrics::kStatuses.size(); ++i) {
    if (Metrics::kStatuses[i] == status) return i;
  }
  return Metrics::kStatuses.size();
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

Metrics::Metrics(std::vector<std::string_view> routes, std::vector<std::string_view> feedback_services) {
  routes.push_back("unmatched");
  for (auto label : routes) {
    routes_.push_back(std::make_unique<RouteCounters>());
    routes_.back()->label = label;
  }
  for (auto service : feedback_services) {
    feedback_.push_back(std::make_unique<FeedbackCounters>());
    feedback_.back()->service = service;
  }
}

void Metrics::observe_feedback(std::string_view service, bool accepted) {
  for (auto& counters : feedback_) {
    if (counters->service == service) (accepted ? counters->accepted : counters->overridden).fetch_add(1, std::memory_order_relaxed);
  }
}

size_t Metrics::index_of(std::string_view route) const {
  for (size_t i = 0; i + 1 < routes_.size(); ++i) {
    if (routes_[i]->label == route) return i;
  }
  return routes_.size() - 1;
}

void Metrics::observe(std::string_view route, int status, double seconds, std::optional<Disposition> disposition) {
  RouteCounters& c = *routes_[index_of(route)];
  c.by_status[status_index(status)].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  c.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  c.nanoseconds.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  if (disposition && status != kWriteFailed) dispositions_[static_cast<size_t>(*disposition) - 1].fetch_add(1, std::memory_order_relaxed);
}

uint64_t Metrics::count(std::string_view route, int status) const {
  return routes_[index_of(route)]->by_status[status_index(status)].load(std::memory_order_relaxed);
}

std::string Metrics::prometheus_text(std::string_view info_labels) const {
  std::string out;
  out += "# HELP fossa_build_info The program and knowledge base versions.\n# TYPE fossa_build_info gauge\n";
  out += "fossa_build_info{" + std::string(info_labels) + "} 1\n";

  out += "# HELP fossa_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE fossa_http_requests_total counter\n";
  for (const auto& c : routes_) {
    for (size_t i = 0; i <= kStatuses.size(); ++i) {
      uint64_t value = c->by_status[i].load(std::memory_order_relaxed);
      if (value == 0) continue;
      std::string status = i == kStatuses.size() ? "other"
                           : kStatuses[i] == kWriteFailed ? "failed"
                                                          : std::to_string(kStatuses[i]);
      out += "fossa_http_requests_total{route=\"" + std::string(c->label) + "\",status=\"" + status + "\"} " +
             std::to_string(value) + "\n";
    }
  }

  out += "# HELP fossa_http_request_duration_seconds Time from a full request to its response sent, by route.\n"
         "# TYPE fossa_http_request_duration_seconds histogram\n";
  for (const auto& c : routes_) {
    uint64_t total = 0;
    for (const auto& bucket : c->buckets) total += bucket.load(std::memory_order_relaxed);
    if (total == 0) continue;  // routes not requested yet have no series
    std::string label = "route=\"" + std::string(c->label) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += c->buckets[i].load(std::memory_order_relaxed);
      std::string le = i < kBuckets.size() ? number(kBuckets[i]) : "+Inf";
      out += "fossa_http_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "fossa_http_request_duration_seconds_sum{" + label + "} " +
           number(static_cast<double>(c->nanoseconds.load(std::memory_order_relaxed)) / 1e9) + "\n";
    out += "fossa_http_request_duration_seconds_count{" + label + "} " + std::to_string(cumulative) + "\n";
  }

  out += "# HELP fossa_dispositions_total Dispositions given in answers, by level.\n"
         "# TYPE fossa_dispositions_total counter\n";
  for (size_t i = 0; i < dispositions_.size(); ++i) {
    auto level = static_cast<Disposition>(static_cast<int>(i) + 1);
    out += "fossa_dispositions_total{disposition=\"" + std::string(disposition_id(level)) + "\"} " +
           std::to_string(dispositions_[i].load(std::memory_order_relaxed)) + "\n";
  }
  if (!feedback_.empty()) {
    out += "# HELP fossa_cds_feedback_total CDS Hooks feedback received, by service and outcome.\n"
           "# TYPE fossa_cds_feedback_total counter\n";
    for (const auto& counters : feedback_) {
      std::string service = "service=\"" + std::string(counters->service) + "\"";
      out += "fossa_cds_feedback_total{" + service + ",outcome=\"accepted\"} " +
             std::to_string(counters->accepted.load(std::memory_order_relaxed)) + "\n";
      out += "fossa_cds_feedback_total{" + service + ",outcome=\"overridden\"} " +
             std::to_string(counters->overridden.load(std::memory_order_relaxed)) + "\n";
    }
  }
  return out;
}

}  // namespace fossa::server
