// The HTTP/1.1 listener of `fossa serve`: Boost.Beast over Asio, one io_context per worker thread,
// keep-alive, TCP_NODELAY, limits on headers and body, timeouts, and a graceful stop. It only moves
// bytes: every answer comes from Api::handle (server/api.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "fossa/result.h"
#include "server/api.h"

namespace fossa::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // address (or name) to listen on
  uint16_t port = 8080;             // 0: any free port (Server::port() tells which)
  unsigned threads = 0;             // worker threads, each with its own io_context; 0: one per core
  size_t max_header_bytes = 8 * 1024;  // request line and headers; more gets 431 and a close
  // To receive a whole request, and the longest a kept-alive connection may sit idle. A client
  // slower than this is disconnected (counted and logged as 408).
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};     // to send one response
  std::chrono::milliseconds shutdown_timeout{10'000};  // after stop(), for in-flight requests to finish
  bool access_log = true;  // one line per request on stderr: method, route, status, latency, disposition
  // Open connections at most (lowered to the file descriptor limit less a margin, when that is
  // lower). A connection beyond it is answered 503 (overloaded, Retry-After) and closed; beyond
  // that and kMaxRejecting more, it is closed at once.
  size_t max_connections = 10'000;
};

// Connections being answered 503 for being over max_connections, at most; more are closed unanswered.
inline constexpr size_t kMaxRejecting = 256;

class Server {
 public:
  // `api` must outlive the server. The body limit is api.options().max_body_bytes (more gets 413).
  Server(const Api& api, ServerOptions options);
  ~Server();  // stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the worker threads; returns at once. Error kIo when the address
  // cannot be resolved or bound (the message says which and why). Call at most once.
  Status start();

  // The port listened on (after a successful start()).
  uint16_t port() const;

  // Connections open now (served, not counting those being refused with 503). Thread-safe.
  size_t connections() const;

  // Stops: accepts no more connections, closes idle ones, lets requests being received or answered
  // finish (their responses close the connection), answers a request already sent on an idle
  // kept-alive connection, and forces the rest closed after shutdown_timeout. Thread-safe and
  // idempotent; returns at once (wait() blocks).
  void stop();

  // Blocks until every worker thread has finished (after stop()).
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fossa::server
