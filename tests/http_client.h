// A small blocking HTTP/1.1 client over POSIX sockets for the socket tests: raw bytes out, one
// response in, every wait bounded by a timeout so a broken server fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fossa::test {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);  // connects to 127.0.0.1:port; fails the test on error
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends raw bytes; false when the server has closed the connection.
  bool send(std::string_view bytes);
  // Sends a request with Content-Length (and Connection: close when `close`).
  bool send_request(std::string_view method, std::string_view target, std::string_view body = {},
                    std::string_view extra_headers = {});
  // One response; nullopt when the connection closed or nothing complete came within `timeout`.
  // `head`: the response to a HEAD request (no body whatever Content-Length says).
  std::optional<HttpReply> read(std::chrono::milliseconds timeout = std::chrono::seconds(5), bool head = false);
  // Waits for the server to close the connection; true when it did within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  // Reads more bytes into buffer_; false on close, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

// Whether a connection to 127.0.0.1:port is accepted.
bool can_connect(uint16_t port);

// One request on a new connection.
std::optional<HttpReply> http_request(uint16_t port, std::string_view method, std::string_view target,
                                      std::string_view body = {});

}  // namespace fossa::test
