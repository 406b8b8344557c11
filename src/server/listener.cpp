// The Beast listener. Threads: N workers, each running its own io_context; one acceptor (on worker
// 0) hands new connections round-robin to the workers, and a connection stays on its worker for its
// whole life, so a session is only ever touched by one thread and needs no locks. Each time the
// acceptor wakes it takes every connection already waiting (not one per turn of worker 0's loop),
// so new clients do not queue behind busy ones.
#include <sys/resource.h>

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

#include "server/problem.h"
#include "server/server.h"
#include "server/wire.h"

namespace fossa::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kLingerBytes = 1 << 20;                   // unread request bytes drained before a close
constexpr std::chrono::milliseconds kLingerTime{2'000};    // ... for at most this long
constexpr std::chrono::milliseconds kRejectTimeout{2'000};  // to read the request a 503 answers
constexpr size_t kAcceptBatch = 1024;                       // connections taken per wake, at most
constexpr size_t kDescriptorMargin = 64;                    // descriptors kept free of connections

class Session;

struct Worker {
  std::unordered_set<Session*> sessions;  // declared first: outlives the handlers io destroys
  asio::io_context io{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
};

// What every session reads; immutable but for `stopping` and the counts.
struct Context {
  const Api& api;
  const ServerOptions& options;
  spdlog::logger& log;
  std::atomic<bool> stopping{false};
  size_t max_connections = 0;            // options.max_connections, lowered to the descriptor limit
  std::atomic<size_t> connections{0};    // sessions serving, counted from accept to close
  std::atomic<size_t> rejecting{0};      // sessions answering 503, likewise
};

// What a session does with its connection.
enum class Mode {
  kServe,   // reads requests and answers them
  kReject,  // over max_connections: reads one request's headers, answers 503 and closes
};

bool is_loopback(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback();
  }
  return address.is_loopback();
}

// The method for the log: known verbs only, so a made-up method cannot write into the log.
std::string_view method_label(http::verb verb) {
  return verb == http::verb::unknown ? std::string_view("other") : std::string_view(http::to_string(verb));
}

// One connection: reads requests one after another (keep-alive), answers each with Api::handle.
class Session : public std::enable_shared_from_this<Session> {
 public:
  // Takes over one count of context.connections (kServe) or context.rejecting (kReject), made when
  // the connection was accepted; gives it back when destroyed.
  Session(tcp::socket socket, Context& context, Worker& worker, Mode mode)
      : stream_(std::move(socket)), context_(context), worker_(worker), mode_(mode) {
    worker_.sessions.insert(this);
    beast::error_code error;
    auto peer = stream_.socket().remote_endpoint(error);
    from_loopback_ = !error && is_loopback(peer.address());
  }
  ~Session() {
    worker_.sessions.erase(this);
    (mode_ == Mode::kServe ? context_.connections : context_.rejecting).fetch_sub(1, std::memory_order_relaxed);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

  // On the worker's thread, when the server stops: an idle connection closes now; a request being
  // received or answered finishes first, and its response closes the connection. A request already
  // sent on an idle kept-alive connection (its bytes wait in the socket) counts as being received.
  void stop() {
    if (state_ != State::kReading || request_begun() || waiting_bytes() > 0) return;
    stopped_idle_ = true;
    stream_.cancel();
  }

 private:
  enum class State { kReading, kWriting, kClosing };

  void read_request() {
    if (context_.stopping && buffer_.size() == 0 && waiting_bytes() == 0) return linger();
    state_ = State::kReading;
    read_started_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.options.max_header_bytes));
    parser_->body_limit(context_.api.options().max_body_bytes);
    // Covers the whole request (and the empty lines before it).
    stream_.expires_after(mode_ == Mode::kReject ? std::min(kRejectTimeout, context_.options.read_timeout)
                                                 : context_.options.read_timeout);
    skip_empty_lines();
  }

  // RFC 9112 2.2: empty lines before the request line are ignored (some clients send one after a
  // POST body). Reads until something else arrives, then hands over to Beast's parser.
  void skip_empty_lines() {
    while (buffer_.size() > 0) {
      char first = *static_cast<const char*>(buffer_.cdata().data());
      if (first != '\r' && first != '\n') break;
      buffer_.consume(1);
    }
    if (buffer_.size() == 0) {
      auto space = buffer_.prepare(beast::read_size(buffer_, 65536));
      stream_.async_read_some(space, [self = shared_from_this()](beast::error_code error, size_t bytes) {
        if (error) return self->on_read_error(error);
        self->buffer_.commit(bytes);
        self->skip_empty_lines();
      });
      return;
    }
    http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code error, size_t) {
    if (error) return on_read_error(error);
    started_ = Clock::now();
    if (std::optional<Response> refused = check_header()) return send(std::move(*refused), route(), Send::kThenLinger);
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

  // The request line and headers are read: a problem response when they cannot be served (a
  // connection over the limit, or refuse_head), else nullopt.
  std::optional<Response> check_header() const {
    const auto& message = parser_->get();
    if (mode_ == Mode::kReject) {
      Response response = problem_response(
          ErrorCode::kOverloaded,
          "the server holds " + std::to_string(context_.max_connections) + " connections, its most; try again shortly",
          path_of(std::string_view(message.target())));
      response.headers.push_back({"Retry-After", "1"});
      return response;
    }
    return refuse_head(message.base());
  }

  void on_read_error(beast::error_code error) {
    if (error == asio::error::operation_aborted && stopped_idle_) return linger();
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
    std::optional<Response> answer =
        read_error_response(error, start_line_read() ? std::string_view(parser_->get().target()) : std::string_view(),
                            context_.options.max_header_bytes, context_.api.options().max_body_bytes);
    if (answer) {
      std::string_view label = error == http::error::body_limit ? route() : std::string_view("unmatched");
      return send(std::move(*answer), label, Send::kThenLinger);
    }
    close();  // a socket error: nobody to answer
  }

  void on_request() {
    started_ = Clock::now();
    auto& message = parser_->get();
    head_request_ = message.method() == http::verb::head;
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    Request request = to_request(message, from_loopback_);
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
    head_ = response_head(response_, keep_alive_, version_);
    const bool has_body = status != 204 && status != 304;
    const bool send_body = has_body && !head_request_;
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_),
                                              asio::buffer(payload.data(), send_body ? payload.size() : 0)};
    state_ = State::kWriting;
    then_ = then;
    stream_.expires_after(context_.options.write_timeout);
    asio::async_write(stream_, buffers, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code error, size_t) {
    // A response that could not be sent is counted as failed, not as its status.
    record(method(), response_.route, error ? Metrics::kWriteFailed : response_.status, started_, response_.disposition);
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

  // Whether any byte of the next request has arrived (parsed, or waiting in the buffer).
  bool request_begun() const { return buffer_.size() > 0 || (parser_ && parser_->got_some()); }

  // Bytes received by the kernel and not yet read.
  size_t waiting_bytes() {
    beast::error_code error;
    size_t bytes = stream_.socket().available(error);
    return error ? 0 : bytes;
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
    std::string status_label = status == Metrics::kWriteFailed ? std::string("failed") : std::to_string(status);
    context_.log.info("method={} path={} status={} latency_ms={:.3f} disposition={}", method, route, status_label,
                      seconds * 1e3, disposition ? disposition_id(*disposition) : std::string_view("-"));
  }

  beast::tcp_stream stream_;
  Context& context_;
  Worker& worker_;
  const Mode mode_;
  bool from_loopback_ = false;
  bool stopped_idle_ = false;  // stop() closed this connection while it waited for a request
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

  Worker& next_target() { return *workers[next_worker++ % workers.size()]; }

  void accept() {
    Worker& target = next_target();
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
      admit(std::move(socket), target);
      // Take every connection already waiting now: one per turn of this worker's loop would leave
      // new clients queued behind the requests of busy ones.
      for (size_t i = 0; i < kAcceptBatch; ++i) {
        Worker& more_target = next_target();
        tcp::socket more(more_target.io);
        beast::error_code more_error;
        acceptor->accept(more, more_error);
        if (more_error) break;  // would_block: the queue is empty (other errors: the next async_accept reports them)
        admit(std::move(more), more_target);
      }
      accept();
    });
  }

  // Hands a new connection to `target`: served, answered 503 when max_connections are open, or
  // closed at once when kMaxRejecting are already being answered so.
  void admit(tcp::socket socket, Worker& target) {
    Mode mode = Mode::kServe;
    if (context.connections.load(std::memory_order_relaxed) >= context.max_connections) {
      if (context.rejecting.load(std::memory_order_relaxed) >= kMaxRejecting) {
        beast::error_code ignored;
        socket.close(ignored);
        return;
      }
      mode = Mode::kReject;
    }
    (mode == Mode::kServe ? context.connections : context.rejecting).fetch_add(1, std::memory_order_relaxed);
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    asio::post(target.io, [this, &target, mode, socket = std::move(socket)]() mutable {
      auto session = std::make_shared<Session>(std::move(socket), context, target, mode);
      if (context.stopping) return;  // the session closes as it goes out of scope
      session->start();
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
  impl.acceptor->non_blocking(true, error);  // the accept loop takes connections until none is waiting
  impl.port = impl.acceptor->local_endpoint().port();
  impl.context.max_connections = std::max<size_t>(1, impl.options.max_connections);
  rlimit descriptors{};
  if (getrlimit(RLIMIT_NOFILE, &descriptors) == 0 && descriptors.rlim_cur != RLIM_INFINITY &&
      descriptors.rlim_cur > kDescriptorMargin + kMaxRejecting + 16) {
    size_t room = static_cast<size_t>(descriptors.rlim_cur) - kDescriptorMargin - kMaxRejecting;
    if (room < impl.context.max_connections) {
      impl.log->warn("max connections lowered from {} to {}: the file descriptor limit is {}",
                     impl.context.max_connections, room, static_cast<size_t>(descriptors.rlim_cur));
      impl.context.max_connections = room;
    }
  }
  impl.started = true;
  impl.accept();
  for (auto& worker : impl.workers) {
    worker->guard.emplace(worker->io.get_executor());
    worker->thread = std::thread([&impl, &worker = *worker] { impl.run(worker); });
  }
  impl.log->info("listening on http://{}:{} threads={} max_connections={}", endpoint.address().to_string(), impl.port,
                 impl.workers.size(), impl.context.max_connections);
  return Ok{};
}

uint16_t Server::port() const { return impl_->port; }

size_t Server::connections() const { return impl_->context.connections.load(std::memory_order_relaxed); }

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
