#include "server/wire.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/string_body.hpp>

#include <array>

#include "fossa/text.h"
#include "fossa/version.h"
#include "server/problem.h"

namespace fossa::server {

namespace beast = boost::beast;
namespace http = beast::http;

size_t leading_empty_line_bytes(std::string_view bytes) {
  size_t count = 0;
  while (count < bytes.size() && (bytes[count] == '\r' || bytes[count] == '\n')) ++count;
  return count;
}

std::optional<Response> refuse_head(const http::request_header<>& head) {
  const std::string_view path = path_of(std::string_view(head.target()));
  size_t hosts = head.count(http::field::host);
  if (hosts > 1 || (hosts == 0 && head.version() >= 11)) {
    return problem_response(ErrorCode::kBadHttp,
                            hosts > 1 ? "the request has more than one Host header"
                                      : "an HTTP/1.1 request needs a Host header (RFC 9112 3.2)",
                            path);
  }
  auto coding = head.find(http::field::transfer_encoding);
  if (coding != head.end()) {
    for (auto name : http::token_list(coding->value())) {
      if (beast::iequals(name, "chunked")) continue;
      return problem_response(ErrorCode::kNotImplemented,
                              "the transfer coding `" + text::printable(std::string_view(name.data(), name.size()), 32) +
                                  "` is not implemented: send the body with Content-Length, or chunked alone",
                              path);
    }
  }
  return std::nullopt;
}

std::optional<Response> read_error_response(beast::error_code error, std::string_view target, size_t max_header_bytes,
                                            size_t max_body_bytes) {
  if (error == http::error::body_limit) {
    return problem_response(ErrorCode::kBodyTooLarge, "the body is over " + std::to_string(max_body_bytes) + " bytes",
                            target.empty() ? std::string_view("/") : path_of(target));
  }
  if (error == http::error::header_limit) {
    return problem_response(ErrorCode::kHeadersTooLarge,
                            "the request line and headers are over " + std::to_string(max_header_bytes) + " bytes", "/");
  }
  if (error.category() == http::make_error_code(http::error::bad_target).category() &&
      error != http::error::end_of_stream && error != http::error::partial_message && error != http::error::need_more) {
    return problem_response(ErrorCode::kBadHttp, "the request could not be parsed: " + error.message(), "/");
  }
  return std::nullopt;
}

std::string response_head(const Response& response, bool keep_alive, unsigned version) {
  const int status = response.status;
  std::string head;
  head.reserve(256);
  head += "HTTP/1.1 ";
  head += std::to_string(status);
  head += ' ';
  head += std::string_view(http::obsolete_reason(static_cast<http::status>(status)));
  head += "\r\nServer: fossa/";
  head += kVersion;
  if (!response.content_type.empty()) {
    head += "\r\nContent-Type: ";
    head += response.content_type;
  }
  head += "\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer";
  bool has_cache_control = false;
  for (const auto& header : response.headers) {
    has_cache_control |= header.name == "Cache-Control";
    head += "\r\n";
    head += header.name;
    head += ": ";
    head += header.value;
  }
  if (!has_cache_control) head += "\r\nCache-Control: no-store";  // the listener's own answers too
  if (status != 204 && status != 304) {  // these have no body and no length (RFC 9110 8.6)
    head += "\r\nContent-Length: ";
    head += std::to_string(response.payload().size());  // also for HEAD: the length GET would have
  }
  if (!keep_alive) {
    head += "\r\nConnection: close";
  } else if (version == 10) {
    head += "\r\nConnection: keep-alive";
  }
  head += "\r\n\r\n";
  return head;
}

Request to_request(http::request<http::string_body>& message, bool from_loopback) {
  Request request{std::string(message.method_string()), std::string(message.target()), std::move(message.body())};
  request.from_loopback = from_loopback;
  static const std::array<std::pair<http::field, const char*>, 4> kRead = {
      {{http::field::accept, "accept"}, {http::field::authorization, "authorization"},
       {http::field::content_type, "content-type"}, {http::field::host, "host"}}};
  for (const auto& [field, name] : kRead) {
    auto found = message.find(field);
    if (found != message.end()) request.headers.push_back({name, std::string(found->value())});
  }
  return request;
}

std::string answer_bytes(const Api& api, std::string_view bytes, size_t max_header_bytes) {
  bytes.remove_prefix(leading_empty_line_bytes(bytes));
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
  parser.body_limit(api.options().max_body_bytes);
  parser.eager(true);
  beast::error_code error;
  size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), error);
    if (error == http::error::need_more) {
      error = {};
      if (n == 0) break;  // the rest is not enough for the next step
    }
    if (error) break;
    used += n;
  }
  auto target = [&] { return parser.got_some() ? std::string_view(parser.get().target()) : std::string_view(); };
  if (error) {
    std::optional<Response> refused = read_error_response(error, target(), max_header_bytes, api.options().max_body_bytes);
    return refused ? response_head(*refused, false, 11) + std::string(refused->payload()) : std::string();
  }
  if (!parser.is_header_done()) return {};
  if (std::optional<Response> refused = refuse_head(parser.get().base())) {
    return response_head(*refused, false, 11) + std::string(refused->payload());
  }
  if (!parser.is_done()) return {};
  auto& message = parser.get();
  const bool head_request = message.method() == http::verb::head;
  const bool keep_alive = message.keep_alive();
  const unsigned version = message.version();
  Response response = api.handle(to_request(message, true));
  std::string out = response_head(response, keep_alive, version);
  if (!head_request && response.status != 204 && response.status != 304) out += response.payload();
  return out;
}

}  // namespace fossa::server
