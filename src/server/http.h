// Requests and responses as plain values. Every route is a function from a Request to a Response,
// so tests call routes without sockets (tests/server_test.cpp); the listener (server.h) only
// converts between these and the wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/knowledge_base.h"

namespace fossa::server {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method;  // as received, e.g. "GET", "POST"
  std::string target;  // path and query as received, e.g. "/v1/assess" or "/?x=1"
  std::string body;    // empty when none
  // The request headers the routes read (the listener copies Accept, Authorization, Content-Type
  // and Host, names in lower case); empty in tests that need none.
  std::vector<Header> headers = {};
  // Whether the connection comes from this machine (a loopback address); tests without sockets
  // leave it true.
  bool from_loopback = true;

  // The value of header `name` (lower case), or "" when absent.
  std::string_view header(std::string_view name) const {
    for (const auto& h : headers) {
      if (h.name == name) return h.value;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;                // the body, unless `shared_body` is set
  std::string_view shared_body;    // a body owned elsewhere that outlives the response (embedded
                                   // files, JSON built once at start); used when not empty
  std::vector<Header> headers;     // extra headers, e.g. Allow, Cache-Control

  // Not sent; read by the access log and the metrics. Neither holds personal data.
  std::string_view route = "unmatched";   // the route matched, e.g. "/v1/assess"
  std::optional<Disposition> disposition;  // set when the response gives a disposition

  std::string_view payload() const { return shared_body.empty() ? std::string_view(body) : shared_body; }
};

// The path of `target` without its query string ("/v1/assess?x" -> "/v1/assess"). An absolute-form
// target (RFC 9112 3.2.2, "http://host:8080/v1/assess?x") gives its path too ("/" when it has none).
inline std::string_view path_of(std::string_view target) {
  auto starts_with_nocase = [](std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (!starts_with_nocase(target, scheme)) continue;
    size_t slash = target.find_first_of("/?#", scheme.size());
    if (slash == std::string_view::npos || target[slash] != '/') return "/";
    target.remove_prefix(slash);
    break;
  }
  return target.substr(0, target.find('?'));
}

// The value of query parameter `name` in `target` ("/v1/assess?explain=all", "explain" -> "all"),
// as written (not percent-decoded); nullopt when the query does not name it. The first wins.
inline std::optional<std::string_view> query_parameter(std::string_view target, std::string_view name) {
  size_t mark = target.find('?');
  if (mark == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(mark + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name) return equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace fossa::server
