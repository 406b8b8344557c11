// The Beast listener. Threads: N workers, each running its own io_context; one acceptor (on worker
// 0) hands new connections round-robin to the workers, and a connection stays on its worker for its
// whole life, so a session is only ever touched by one thread and needs no locks.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "fossa/version.h"
#include "server/problem.h"
#include "server/server.h"

namespace fossa::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kLingerBytes = 1 << 20;                   // unread request bytes drained before a close
constexpr std::chrono::milliseconds kLingerTime{2'000};    // ... for at most this long

class Session;

struct Worker {
  std::unordered_set<Session*> sessions;  // declared first: outlives the handlers io destroys
  asio::io_context io{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
};

// What every session reads; immutable but for `stopping`.
struct Context {
  const Api& api;
  const ServerOptions& options;
  spdlog::logger& log;
  std::atomic<bool> stopping{false};
};

// The method for the log: known verbs only, so a made-up method cannot write into the log.
std::string_view method_label(http::verb verb) {
  return verb == http::verb::unknown ? std::string_view("other") : std::string_view(http::to_string(verb));
}

// One connection: reads requests one after another (keep-alive), answers each with Api::handle.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Context& context, Worker& worker)
      : stream_(std::move(socket)), context_(context), worker_(worker) {
    worker_.sessions.insert(this);
  }
  ~Session() { worker_.sessions.erase(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

  // On the worker's thread, when the server stops: an idle connection closes now; a request being
  // received or answered finishes first, and its response closes the connection.
  void stop() {
    if (state_ == State::kReading && !parser_->got_some() && buffer_.size() == 0) stream_.cancel();
  }

 private:
  enum class State { kReading, kWriting, kClosing };

  void read_request() {
    if (context_.stopping && buffer_.size() == 0) return close();
    state_ = State::kReading;
    read_started_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.options.max_header_bytes));
    parser_->body_limit(context_.api.options().max_body_bytes);
    stream_.expires_after(context_.options.read_timeout);  // covers the whole request
    http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code error, size_t) {
    if (error) return on_read_error(error);
    if (parser_->is_done()) return on_request();
    auto self = shared_from_this();
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      // curl and others wait for this before sending a body over 1 KiB.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()), [self](beast::error_code write_error, size_t) {
        if (write_error) return self->close();
        self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code error, size_t) {
    if (error) return on_read_error(error);
    on_request();
  }

  void on_read_error(beast::error_code error) {
    if (error == http::error::end_of_stream || error == asio::error::operation_aborted ||
        error == asio::error::connection_reset || error == asio::error::eof) {
      return close();
    }
    if (error == beast::error::timeout) {
      // tcp_stream has closed the socket: nothing can be sent. Count it when a request had begun.
      if (parser_->got_some()) record(method(), route(), 408, read_started_, std::nullopt);
      return close();
    }
    started_ = Clock::now();
    if (error == http::error::body_limit) {
      Response response = problem_response(
          ErrorCode::kBodyTooLarge,
          "the body is over " + std::to_string(context_.api.options().max_body_bytes) + " bytes",
          start_line_read() ? path_of(std::string_view(parser_->get().target())) : std::string_view("/"));
      return send(std::move(response), route(), Send::kThenLinger);
    }
    if (error == http::error::header_limit) {
      Response response = problem_response(
          ErrorCode::kHeadersTooLarge,
          "the request line and headers are over " + std::to_string(context_.options.max_header_bytes) + " bytes", "/");
      return send(std::move(response), "unmatched", Send::kThenLinger);
    }
    if (error.category() == http::make_error_code(http::error::bad_target).category()) {
      Response response = problem_response(ErrorCode::kBadHttp, "the request could not be parsed: " + error.message(), "/");
      return send(std::move(response), "unmatched", Send::kThenLinger);
    }
    close();  // a socket error: nobody to answer
  }

  void on_request() {
    started_ = Clock::now();
    auto& message = parser_->get();
    head_request_ = message.method() == http::verb::head;
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    Request request{std::string(message.method_string()), std::string(message.target()), std::move(message.body())};
    static const std::array<std::pair<http::field, const char*>, 4> kRead = {
        {{http::field::accept, "accept"}, {http::field::authorization, "authorization"},
         {http::field::content_type, "content-type"}, {http::field::host, "host"}}};
    for (const auto& [field, name] : kRead) {
      auto found = message.find(field);
      if (found != message.end()) request.headers.push_back({name, std::string(found->value())});
    }
    Response response = context_.api.handle(request);
    std::string_view route = response.route;
    send(std::move(response), route, keep_alive_ ? Send::kThenRead : Send::kThenClose);
  }

  enum class Send { kThenRead, kThenClose, kThenLinger };

  // Writes the status line and headers into head_ and sends them with the body in one gathered
  // write. (Beast's serializer costs about as much again as the rest of a small request.) Every
  // header name and value comes from this file or from the routes, never from the request.
  void send(Response response, std::string_view route, Send then) {
    if (context_.stopping) then = then == Send::kThenRead ? Send::kThenClose : then;
    if (then != Send::kThenRead) keep_alive_ = false;
    response_ = std::move(response);
    response_.route = route;
    const int status = response_.status;
    const std::string_view payload = response_.payload();
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(status);
    head_ += ' ';
    head_ += std::string_view(http::obsolete_reason(static_cast<http::status>(status)));
    head_ += "\r\nServer: fossa/";
    head_ += kVersion;
    if (!response_.content_type.empty()) {
      head_ += "\r\nContent-Type: ";
      head_ += response_.content_type;
    }
    head_ += "\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer";
    for (const auto& header : response_.headers) {
      head_ += "\r\n";
      head_ += header.name;
      head_ += ": ";
      head_ += header.value;
    }
    const bool has_body = status != 204 && status != 304;  // these have no body and no length (RFC 9110 8.6)
    if (has_body) {
      head_ += "\r\nContent-Length: ";
      head_ += std::to_string(payload.size());  // also for HEAD: the length GET would have
    }
    if (!keep_alive_) {
      head_ += "\r\nConnection: close";
    } else if (version_ == 10) {
      head_ += "\r\nConnection: keep-alive";
    }
    head_ += "\r\n\r\n";
    const bool send_body = has_body && !head_request_;
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_),
                                              asio::buffer(payload.data(), send_body ? payload.size() : 0)};
    state_ = State::kWriting;
    then_ = then;
    stream_.expires_after(context_.options.write_timeout);
    asio::async_write(stream_, buffers, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code error, size_t) {
    record(method(), response_.route, response_.status, started_, response_.disposition);
    response_ = {};
    head_request_ = false;
    if (error) return close();
    switch (then_) {
      case Send::kThenRead: return read_request();
      case Send::kThenClose: return close();
      case Send::kThenLinger: return linger();
    }
  }

  // After an error answered before the request was read to its end: stop sending and read what the
  // client still sends for a moment, so the close does not reset the connection before the client
  // has read the answer (a reset can discard it).
  void linger() {
    state_ = State::kClosing;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    linger_until_ = Clock::now() + kLingerTime;
    drain();
  }

  void drain() {
    if (drained_ > kLingerBytes || Clock::now() >= linger_until_) return close();
    stream_.expires_at(linger_until_);
    stream_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code error, size_t bytes) {
      self->drained_ += bytes;
      if (error) return self->close();
      self->drain();
    });
  }

  void close() {
    state_ = State::kClosing;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  // Whether the request line has been parsed (the body limit is checked while the headers are read).
  bool start_line_read() const { return parser_ && !parser_->get().target().empty(); }
  std::string_view method() const {
    return start_line_read() ? method_label(parser_->get().method()) : std::string_view("-");
  }
  std::string_view route() const {
    return start_line_read() ? context_.api.route_of(std::string_view(parser_->get().target()))
                             : std::string_view("unmatched");
  }

  // Counts the request in the metrics and writes its access-log line (no personal data: the route
  // matched, never the path or query or body).
  void record(std::string_view method, std::string_view route, int status, Clock::time_point started,
              std::optional<Disposition> disposition) {
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    context_.api.metrics().observe(route, status, seconds, disposition);
    if (!context_.options.access_log) return;
    context_.log.info("method={} path={} status={} latency_ms={:.3f} disposition={}", method, route, status,
                      seconds * 1e3, disposition ? disposition_id(*disposition) : std::string_view("-"));
  }

  beast::tcp_stream stream_;
  Context& context_;
  Worker& worker_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string head_;    // the status line and headers being written
  Response response_;  // owns the body being written, until the write completes
  State state_ = State::kReading;
  Send then_ = Send::kThenRead;
  bool head_request_ = false;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  Clock::time_point read_started_;  // when reading the current request began
  Clock::time_point started_;       // when the current request was fully received
  Clock::time_point linger_until_;
  size_t drained_ = 0;
  std::array<char, 4096> discard_{};
};

}  // namespace

struct Server::Impl {
  Impl(const Api& api, ServerOptions options_in)
      : options(std::move(options_in)),
        log(std::make_shared<spdlog::logger>("fossa", std::make_shared<spdlog::sinks::stderr_sink_mt>())),
        context{api, options, *log} {
    log->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
    unsigned count = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) workers.push_back(std::make_unique<Worker>());
  }

  void accept() {
    Worker& target = *workers[next_worker++ % workers.size()];
    acceptor->async_accept(target.io, [this, &target](beast::error_code error, tcp::socket socket) {
      if (context.stopping || error == asio::error::operation_aborted) return;
      if (error) {
        // Out of file descriptors, most likely: try again shortly rather than spin.
        log->warn("accept failed: {}", error.message());
        accept_timer->expires_after(std::chrono::milliseconds(50));
        accept_timer->async_wait([this](beast::error_code wait_error) {
          if (!wait_error && !context.stopping) accept();
        });
        return;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      asio::post(target.io, [this, &target, socket = std::move(socket)]() mutable {
        auto session = std::make_shared<Session>(std::move(socket), context, target);
        if (context.stopping) return;  // the session closes as it goes out of scope
        session->start();
      });
      accept();
    });
  }

  void run(Worker& worker) {
    for (;;) {
      try {
        worker.io.run();
        return;
      } catch (const std::exception& error) {
        // Handlers do not throw by design; if one does, log it and keep the worker serving.
        log->error("worker error: {}", error.what());
      }
    }
  }

  ServerOptions options;
  std::shared_ptr<spdlog::logger> log;
  Context context;
  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_timer;
  size_t next_worker = 0;
  uint16_t port = 0;
  bool started = false;
  std::once_flag stop_once;
  std::mutex mutex;
  std::condition_variable finished_changed;
  bool finished = false;
  std::thread watchdog;
};

Server::Server(const Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() {
  stop();
  wait();
}

Status Server::start() {
  Impl& impl = *impl_;
  asio::io_context& io = impl.workers.front()->io;
  beast::error_code error;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) {
    return Error{ErrorCode::kIo, "cannot resolve the address: " + (error ? error.message() : "no address"), impl.options.host};
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  std::string where = impl.options.host + ":" + std::to_string(impl.options.port);
  impl.acceptor.emplace(io);
  impl.accept_timer.emplace(io);
  if (impl.acceptor->open(endpoint.protocol(), error) ||
      impl.acceptor->set_option(asio::socket_base::reuse_address(true), error) ||
      impl.acceptor->bind(endpoint, error) ||
      impl.acceptor->listen(asio::socket_base::max_listen_connections, error)) {
    impl.acceptor.reset();
    return Error{ErrorCode::kIo, "cannot listen: " + error.message(), where};
  }
  impl.port = impl.acceptor->local_endpoint().port();
  impl.started = true;
  impl.accept();
  for (auto& worker : impl.workers) {
    worker->guard.emplace(worker->io.get_executor());
    worker->thread = std::thread([&impl, &worker = *worker] { impl.run(worker); });
  }
  impl.log->info("listening on http://{}:{} threads={}", endpoint.address().to_string(), impl.port, impl.workers.size());
  return Ok{};
}

uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  Impl& impl = *impl_;
  if (!impl.started) return;
  std::call_once(impl.stop_once, [&impl] {
    impl.context.stopping = true;
    asio::post(impl.workers.front()->io, [&impl] {
      beast::error_code ignored;
      impl.acceptor->close(ignored);
      impl.accept_timer->cancel();
    });
    for (auto& worker : impl.workers) {
      asio::post(worker->io, [&worker = *worker] {
        // Copy: stop() may end a session, which erases itself from the set.
        std::vector<Session*> sessions(worker.sessions.begin(), worker.sessions.end());
        for (Session* session : sessions) session->stop();
        worker.guard.reset();
      });
    }
    impl.watchdog = std::thread([&impl] {
      std::unique_lock lock(impl.mutex);
      if (!impl.finished_changed.wait_for(lock, impl.options.shutdown_timeout, [&impl] { return impl.finished; })) {
        impl.log->warn("shutdown: requests still open after {} ms; closing them", impl.options.shutdown_timeout.count());
        for (auto& worker : impl.workers) worker->io.stop();
      }
    });
    impl.log->info("stopping: finishing the requests in flight");
  });
}

void Server::wait() {
  Impl& impl = *impl_;
  for (auto& worker : impl.workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  {
    std::lock_guard lock(impl.mutex);
    impl.finished = true;
  }
  impl.finished_changed.notify_all();
  if (impl.watchdog.joinable()) impl.watchdog.join();
}

}  // namespace fossa::server
