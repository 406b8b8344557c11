// fossa::HttpServer (fossa/server.h): the Api and the listener, wired together.
#include "fossa/server.h"

#include "server/api.h"
#include "server/server.h"

namespace fossa {

struct HttpServer::Impl {
  Impl(std::shared_ptr<const KnowledgeBase> kb, const ServeOptions& options)
      : api(std::move(kb), api_options(options)), server(api, server_options(options)) {}

  static server::ApiOptions api_options(const ServeOptions& options) {
    server::ApiOptions out;
    out.max_body_bytes = options.max_body_bytes;
    out.max_json_depth = options.max_json_depth;
    out.emergency_number = options.emergency_number;
    return out;
  }
  static server::ServerOptions server_options(const ServeOptions& options) {
    server::ServerOptions out;
    out.host = options.host;
    out.port = options.port;
    out.threads = options.threads;
    out.access_log = options.access_log;
    return out;
  }

  server::Api api;
  server::Server server;  // reads api
};

HttpServer::HttpServer(std::shared_ptr<const KnowledgeBase> kb, const ServeOptions& options)
    : impl_(std::make_unique<Impl>(std::move(kb), options)) {}
HttpServer::~HttpServer() = default;
Status HttpServer::start() { return impl_->server.start(); }
uint16_t HttpServer::port() const { return impl_->server.port(); }
void HttpServer::stop() { impl_->server.stop(); }
void HttpServer::wait() { impl_->server.wait(); }

}  // namespace fossa
