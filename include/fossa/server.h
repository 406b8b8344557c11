// `fossa serve` as a library: the HTTP API and the web page (docs/api.md) on one port, until
// stopped. Routes, errors and limits are described in docs/api.md; this header is what a program
// embedding Fossa needs to run it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "fossa/knowledge_base.h"
#include "fossa/result.h"

namespace fossa {

struct ServeOptions {
  std::string host = "127.0.0.1";  // address (or name) to listen on
  uint16_t port = 8080;             // 0: any free port (HttpServer::port() tells which)
  unsigned threads = 0;             // worker threads; 0: one per core
  bool access_log = true;           // one line per request on stderr, without personal data
  size_t max_body_bytes = 64 * 1024;  // a larger request body gets 413
  size_t max_json_depth = 16;         // deeper JSON gets 400
  // The number the page offers to call in an emergency (tap to call).
  std::string emergency_number = "999";
  // The CDS Hooks trust list (`--cds-jwks`, docs/fhir.md): the record systems whose signed calls
  // are accepted. Empty: unsigned calls are accepted, for testing only.
  std::string cds_jwks_file;
  // Open connections at most; one more is answered 503 (overloaded) and closed. Lowered to fit the
  // file descriptor limit (ulimit -n) when that is lower.
  size_t max_connections = 10'000;
  // Serve GET /metrics only to connections from this machine (others get 403).
  bool metrics_loopback_only = false;
};

class HttpServer {
 public:
  // Serves `kb` (which it keeps). Nothing listens until start().
  HttpServer(std::shared_ptr<const KnowledgeBase> kb, const ServeOptions& options);
  ~HttpServer();  // stop() and wait()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the workers; returns at once. Error kIo when the address cannot be
  // resolved or bound (the message says which and why), or the error of the CDS Hooks trust list
  // when it cannot be read or is invalid (nothing listens then). Call at most once.
  Status start();
  uint16_t port() const;  // the port listened on, after start()
  // Stops gracefully (requests already being answered finish); thread-safe, returns at once.
  void stop();
  void wait();  // blocks until every worker has finished, after stop()

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fossa
