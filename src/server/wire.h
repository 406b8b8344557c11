// HTTP/1.1 on the wire as pure functions, shared by the listener (server.h) and the tests and fuzz
// target that have no sockets: what the listener refuses before a route sees the request, the
// head it writes, and one whole exchange (request bytes in, response bytes out).
#pragma once

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "server/api.h"
#include "server/http.h"

namespace fossa::server {

struct ServerOptions;

// The number of empty-line bytes (CR, LF) at the start of `bytes`: RFC 9112 2.2 says a server
// should ignore empty lines received before the request line.
size_t leading_empty_line_bytes(std::string_view bytes);

// The answer to a request whose line and headers are read, when it cannot be served whatever its
// route: 400 for an HTTP/1.1 request without a Host header or any request with two; 501 for a
// transfer coding other than chunked (e.g. "gzip, chunked"). nullopt when the request may go on.
std::optional<Response> refuse_head(const boost::beast::http::request_header<>& head);

// The answer to a request that could not be read (Beast's parse error `error`), or nullopt when
// there is nobody to answer (the connection closed). `target` is the request target when the
// request line was read, else empty. 413 (body over the limit), 431 (headers), 400 (other).
std::optional<Response> read_error_response(boost::beast::error_code error, std::string_view target,
                                            size_t max_header_bytes, size_t max_body_bytes);

// The status line and headers the listener sends before `response`'s payload (which it describes
// with Content-Length, also for HEAD), ending with the empty line. Adds Server, nosniff,
// Referrer-Policy, and Cache-Control: no-store unless the response has its own; Connection: close
// unless `keep_alive` (keep-alive spelled out for HTTP/1.0, `version` 10).
std::string response_head(const Response& response, bool keep_alive, unsigned version);

// The Request a route sees for a parsed message: method, target, body, and the headers routes read.
// The body is moved out of `message`; the rest stays.
Request to_request(boost::beast::http::request<boost::beast::http::string_body>& message, bool from_loopback);

// One exchange without sockets, as the listener would answer the first request in `bytes` on a
// new connection from loopback: the response's head and body (no body for HEAD), or "" when the
// listener would close without answering (an incomplete request). Never throws.
std::string answer_bytes(const Api& api, std::string_view bytes, size_t max_header_bytes = 8 * 1024);

}  // namespace fossa::server
