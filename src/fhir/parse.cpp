// JSON bodies in, dates and deterministic ids.
#include <chrono>
#include <cstdio>

#include "fhir/fhir_json.h"
#include "fossa/fhir.h"
#include "fossa/json_reader.h"

namespace fossa::fhir {
namespace {

namespace json = boost::json;

uint64_t fnv1a(std::string_view bytes, uint64_t hash) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

Result<boost::json::value> parse_json(std::string_view text, size_t max_depth) {
  return read_json(text, max_depth);
}

Result<FhirEvidence> read_evidence(std::string_view text, const KnowledgeBase& kb, const ReadOptions& options) {
  auto parsed = parse_json(text, options.max_depth);
  if (!parsed) return parsed.error();
  std::string root = "resource";
  if (parsed->is_object()) {
    const json::value* type = parsed->get_object().if_contains("resourceType");
    if (type && type->is_string()) root = std::string(type->get_string());
  }
  EvidenceReader reader(kb, options);
  if (auto read = reader.add(*parsed, root); !read) return read.error();
  return reader.take();
}

Date today_utc() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day date(days);
  return Date{static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
              static_cast<int>(static_cast<unsigned>(date.day()))};
}

std::string uuid_from(std::string_view seed) {
  uint64_t high = fnv1a(seed, 1469598103934665603ULL);
  uint64_t low = fnv1a(seed, high ^ 0x9e3779b97f4a7c15ULL);
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000008000ULL;  // version 8 (custom)
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // variant 10
  char out[37];
  std::snprintf(out, sizeof out, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF), static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return out;
}

}  // namespace fossa::fhir
