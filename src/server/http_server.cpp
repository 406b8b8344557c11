// fossa::HttpServer (fossa/server.h): the Api and the listener, wired together.
#include "fossa/server.h"

#include "server/api.h"
#include "server/cds_auth.h"
#include "server/server.h"

namespace fossa {

struct HttpServer::Impl {
  Impl(std::shared_ptr<const KnowledgeBase> kb, const ServeOptions& options)
      : trust(load_trust(options)), api(std::move(kb), api_options(options, trust)), server(api, server_options(options)) {}

  static Result<std::shared_ptr<const server::CdsTrust>> load_trust(const ServeOptions& options) {
    if (options.cds_jwks_file.empty()) return std::shared_ptr<const server::CdsTrust>();
    return server::CdsTrust::load(options.cds_jwks_file);
  }
  static server::ApiOptions api_options(const ServeOptions& options,
                                        const Result<std::shared_ptr<const server::CdsTrust>>& trust) {
    server::ApiOptions out;
    out.max_body_bytes = options.max_body_bytes;
    out.max_json_depth = options.max_json_depth;
    out.emergency_number = options.emergency_number;
    out.metrics_loopback_only = options.metrics_loopback_only;
    if (trust) out.cds_trust = *trust;
    return out;
  }
  static server::ServerOptions server_options(const ServeOptions& options) {
    server::ServerOptions out;
    out.host = options.host;
    out.port = options.port;
    out.threads = options.threads;
    out.access_log = options.access_log;
    out.max_connections = options.max_connections;
    return out;
  }

  Result<std::shared_ptr<const server::CdsTrust>> trust;  // the error is reported by start()
  server::Api api;
  server::Server server;  // reads api
};

HttpServer::HttpServer(std::shared_ptr<const KnowledgeBase> kb, const ServeOptions& options)
    : impl_(std::make_unique<Impl>(std::move(kb), options)) {}
HttpServer::~HttpServer() = default;
Status HttpServer::start() {
  if (!impl_->trust) return impl_->trust.error();
  return impl_->server.start();
}
uint16_t HttpServer::port() const { return impl_->server.port(); }
void HttpServer::stop() { impl_->server.stop(); }
void HttpServer::wait() { impl_->server.wait(); }

}  // namespace fossa
