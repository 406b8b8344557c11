#include "http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace fossa::test {

namespace {

// A socket connected to 127.0.0.1:port, or -1.
int connect_to(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

HttpClient::HttpClient(uint16_t port) : fd_(connect_to(port)) { EXPECT_GE(fd_, 0) << "connect to port " << port; }

bool can_connect(uint16_t port) {
  int fd = connect_to(port);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

HttpClient::~HttpClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool HttpClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

bool HttpClient::send_request(std::string_view method, std::string_view target, std::string_view body,
                              std::string_view extra_headers) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!body.empty() || method == "POST") request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  request += std::string(extra_headers) + "\r\n" + std::string(body);
  return send(request);
}

bool HttpClient::fill(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd waiting{fd_, POLLIN, 0};
  if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[16384];
  ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
  if (got <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(got));
  return true;
}

std::optional<HttpReply> HttpClient::read(std::chrono::milliseconds timeout, bool head) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  HttpReply reply;
  std::string head_text = buffer_.substr(0, end);
  size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  reply.status = std::stoi(status_line.substr(9, 3));
  size_t position = line_end;
  while (position != std::string::npos && position < head_text.size()) {
    size_t next = head_text.find("\r\n", position + 2);
    std::string line = head_text.substr(position + 2, next == std::string::npos ? std::string::npos : next - position - 2);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[name] = value;
    }
    position = next;
  }
  buffer_.erase(0, end + 4);
  size_t length = 0;
  if (!head && reply.headers.count("content-length")) length = std::stoul(reply.headers["content-length"]);
  if (reply.status == 100) return reply;
  while (buffer_.size() < length) {
    if (!fill(deadline)) return std::nullopt;
  }
  reply.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return reply;
}

bool HttpClient::wait_closed(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd waiting{fd_, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got <= 0) return true;
  }
}

std::optional<HttpReply> http_request(uint16_t port, std::string_view method, std::string_view target,
                                      std::string_view body) {
  HttpClient client(port);
  if (!client.send_request(method, target, body)) return std::nullopt;
  return client.read(std::chrono::seconds(5), method == "HEAD");
}

}  // namespace fossa::test
