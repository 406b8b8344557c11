// The listener over real sockets on a free port (port 0): keep-alive, limits, timeouts, bad HTTP,
// concurrency and the graceful stop.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <sys/socket.h>

#include "http_client.h"
#include "server/server.h"

namespace fossa::server {
namespace {

using namespace std::chrono_literals;
using test::HttpClient;

const std::string kCase = R"({"setting": "patient", "evidence": {"age": 58, "calf_swelling": true, "long_travel": true}})";

const Api& api() {
  static const Api instance(builtin_knowledge_base());
  return instance;
}

struct Running {
  explicit Running(ServerOptions options = {}) : server(api(), adjust(options)) {
    auto started = server.start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().to_string());
  }
  static ServerOptions adjust(ServerOptions options) {
    options.port = 0;
    options.access_log = false;
    if (options.threads == 0) options.threads = 2;
    return options;
  }
  uint16_t port() const { return server.port(); }
  Server server;
};

TEST(Listener, AnswersOverKeepAliveAndPipelining) {
  Running running;
  HttpClient client(running.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.send_request("POST", "/v1/assess", kCase));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_NE(reply->body.find("\"level\":\"same_day\""), std::string::npos);
    EXPECT_EQ(reply->headers["content-type"], "application/json");
  }
  // Three requests in one write: three answers, in order.
  std::string three;
  for (const char* path : {"/v1/health", "/nope", "/v1/health"}) {
    three += std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }
  ASSERT_TRUE(client.send(three));
  EXPECT_EQ(client.read()->status, 200);
  EXPECT_EQ(client.read()->status, 404);
  EXPECT_EQ(client.read()->status, 200);
}

TEST(Listener, Http10ClosesUnlessAskedToKeepAlive) {
  Running running;
  HttpClient kept(running.port());
  ASSERT_TRUE(kept.send("GET /v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto reply = kept.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->headers["connection"], "keep-alive");
  ASSERT_TRUE(kept.send("GET /v1/health HTTP/1.0\r\n\r\n"));
  reply = kept.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["connection"], "close");
  EXPECT_TRUE(kept.wait_closed(2s));
}

TEST(Listener, NoContentHasNoLength) {
  Running running;
  HttpClient client(running.port());
  ASSERT_TRUE(client.send("OPTIONS /v1/assess HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 204);
  EXPECT_EQ(reply->headers["allow"], "POST, OPTIONS");
  EXPECT_EQ(reply->headers.count("content-length"), 0u);
  ASSERT_TRUE(client.send_request("GET", "/v1/health"));  // still in step
  EXPECT_EQ(client.read()->status, 200);
}

TEST(Listener, HeadSendsHeadersAlone) {
  Running running;
  HttpClient client(running.port());
  ASSERT_TRUE(client.send_request("HEAD", "/v1/knowledge"));
  auto reply = client.read(5s, /*head=*/true);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_GT(std::stoul(reply->headers["content-length"]), 1000u);
  ASSERT_TRUE(client.send_request("GET", "/v1/health"));  // nothing stray was sent before this
  EXPECT_EQ(client.read()->status, 200);
}

TEST(Listener, ErrorStatusesOverTheWire) {
  Running running;
  auto malformed = test::http_request(running.port(), "POST", "/v1/assess", "{\"evidence\": {\"age\": 40,}}");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(malformed->headers["content-type"], "application/problem+json");
  EXPECT_EQ(test::http_request(running.port(), "POST", "/v1/assess", R"({"evidence": {"calf_sweling": true}})")->status, 422);
  EXPECT_EQ(test::http_request(running.port(), "GET", "/nope")->status, 404);
  auto wrong_method = test::http_request(running.port(), "PUT", "/v1/assess", "{}");
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->headers["allow"], "POST, OPTIONS");
}

TEST(Listener, BodyOverTheLimitIs413EvenWhileTheClientSendsIt) {
  Running running;
  HttpClient client(running.port());
  std::string body(100 * 1024, ' ');
  ASSERT_TRUE(client.send_request("POST", "/v1/assess", body));  // the server reads only the headers
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(reply->headers["connection"], "close");
  EXPECT_NE(reply->body.find("body-too-large"), std::string::npos);
  EXPECT_EQ(reply->headers["cache-control"], "no-store");
  EXPECT_TRUE(client.wait_closed(5s));
  EXPECT_GE(api().metrics().count("/v1/assess", 413), 1u);
}

TEST(Listener, ChunkedBodyOverTheLimitIs413) {
  Running running;
  HttpClient client(running.port());
  std::string request = "POST /v1/assess HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string chunk(16 * 1024, ' ');
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  ASSERT_TRUE(client.send(request));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
}

TEST(Listener, HeadersOverTheLimitAre431) {
  Running running;
  HttpClient client(running.port());
  ASSERT_TRUE(client.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(20000, 'a') + "\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
  EXPECT_EQ(reply->headers["cache-control"], "no-store");
}

TEST(Listener, GarbageIs400AndClosed) {
  Running running;
  HttpClient client(running.port());
  ASSERT_TRUE(client.send("\x01\x02 hello\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(reply->headers["cache-control"], "no-store");
  EXPECT_TRUE(client.wait_closed(5s));
}

TEST(Listener, ASlowClientTimesOut) {
  ServerOptions options;
  options.read_timeout = 300ms;
  Running running(options);
  HttpClient client(running.port());
  ASSERT_TRUE(client.send("POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"evid"));
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.wait_closed(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  // A connection that never sends anything is closed too, and the server still answers others.
  HttpClient idle(running.port());
  EXPECT_TRUE(idle.wait_closed(5s));
  EXPECT_EQ(test::http_request(running.port(), "GET", "/v1/health")->status, 200);
}

TEST(Listener, ExpectContinueGetsAnInterimResponse) {
  Running running;
  HttpClient client(running.port());
  ASSERT_TRUE(client.send("POST /v1/assess HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
                          std::to_string(kCase.size()) + "\r\n\r\n"));
  auto interim = client.read(2s);
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send(kCase));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST(Listener, ManyClientsAtOnce) {
  Running running;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      HttpClient client(running.port());
      for (int i = 0; i < 50; ++i) {
        if (!client.send_request("POST", "/v1/assess", kCase)) return;
        auto reply = client.read();
        if (reply && reply->status == 200) ++ok;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(ok.load(), 400);
}

TEST(Listener, StopFinishesTheRequestInFlightAndClosesIdleConnections) {
  Running running;
  HttpClient idle(running.port());
  HttpClient busy(running.port());
  ASSERT_TRUE(idle.send_request("GET", "/v1/health"));
  ASSERT_TRUE(idle.read());  // now idle on a kept-alive connection
  // Half a request: the headers and part of the body.
  ASSERT_TRUE(busy.send("POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(kCase.size()) +
                        "\r\n\r\n" + kCase.substr(0, 10)));
  std::this_thread::sleep_for(100ms);
  running.server.stop();
  EXPECT_TRUE(idle.wait_closed(2s));
  ASSERT_TRUE(busy.send(kCase.substr(10)));
  auto reply = busy.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["connection"], "close");
  running.server.wait();
  EXPECT_FALSE(test::can_connect(running.port()));  // no longer listening
}

TEST(Listener, StopForcesSlowRequestsClosedAfterTheShutdownTimeout) {
  ServerOptions options;
  options.shutdown_timeout = 200ms;
  Running running(options);
  HttpClient stuck(running.port());
  ASSERT_TRUE(stuck.send("POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"));
  std::this_thread::sleep_for(50ms);
  auto started = std::chrono::steady_clock::now();
  running.server.stop();
  running.server.wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(Listener, ReportsAnAddressInUse) {
  Running running;
  ServerOptions options;
  options.port = running.port();
  options.access_log = false;
  Server second(api(), options);
  auto started = second.start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kIo);
}

TEST(Listener, ConformanceOverTheWire) {
  Running running;
  {
    HttpClient client(running.port());
    ASSERT_TRUE(client.send("GET /v1/health HTTP/1.1\r\n\r\n"));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 400);
    EXPECT_EQ(reply->headers["cache-control"], "no-store");
    EXPECT_TRUE(client.wait_closed(5s));
  }
  {
    HttpClient client(running.port());
    ASSERT_TRUE(client.send("POST /v1/assess HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 501);
  }
  {
    // An empty line after a body (as some clients send) and before the next request is ignored.
    HttpClient client(running.port());
    ASSERT_TRUE(client.send("\r\n"));
    ASSERT_TRUE(client.send_request("POST", "/v1/assess", kCase + "\r\n"));
    EXPECT_EQ(client.read()->status, 200);
    ASSERT_TRUE(client.send("\r\nGET http://localhost/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_NE(reply->body.find("\"status\""), std::string::npos);
  }
  {
    HttpClient client(running.port());
    ASSERT_TRUE(client.send("GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_TRUE(reply->status == 404 || reply->status == 400) << reply->status;
    for (char c : reply->body) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  }
}

TEST(Listener, OverTheConnectionCapIs503AndThenServesAgain) {
  ServerOptions options;
  options.max_connections = 2;
  Running running(options);
  auto first = std::make_unique<HttpClient>(running.port());
  HttpClient second(running.port());
  for (HttpClient* client : {first.get(), &second}) {
    ASSERT_TRUE(client->send_request("GET", "/v1/health"));
    ASSERT_EQ(client->read()->status, 200);
  }
  HttpClient third(running.port());
  ASSERT_TRUE(third.send_request("POST", "/v1/assess", kCase));
  auto refused = third.read();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->headers["retry-after"], "1");
  EXPECT_EQ(refused->headers["connection"], "close");
  EXPECT_NE(refused->body.find("urn:fossa:problem:overloaded"), std::string::npos);
  EXPECT_TRUE(third.wait_closed(5s));
  first.reset();  // one closes: there is room again
  for (int i = 0; i < 100 && running.server.connections() >= 2; ++i) std::this_thread::sleep_for(20ms);
  auto reply = test::http_request(running.port(), "GET", "/v1/health");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST(Listener, ManyNewConnectionsAreAcceptedWhileOthersAreBusy) {
  ServerOptions options;
  options.threads = 1;
  Running running(options);
  std::atomic<bool> done{false};
  std::vector<std::thread> busy;
  for (int c = 0; c < 4; ++c) {
    busy.emplace_back([&] {
      HttpClient client(running.port());
      while (!done) {
        if (!client.send_request("POST", "/v1/assess", kCase) || !client.read()) return;
      }
    });
  }
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int c = 0; c < 200; ++c) clients.push_back(std::make_unique<HttpClient>(running.port()));
  for (auto& client : clients) ASSERT_TRUE(client->send_request("GET", "/v1/health"));
  int ok = 0;
  for (auto& client : clients) {
    auto reply = client->read(10s);
    ok += reply && reply->status == 200;
  }
  done = true;
  for (auto& thread : busy) thread.join();
  EXPECT_EQ(ok, 200);
}

TEST(Listener, StopAnswersARequestAlreadySentOnAKeptAliveConnection) {
  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE(round);
    Running running;
    {
      HttpClient client(running.port());
      ASSERT_TRUE(client.send_request("GET", "/v1/health"));
      ASSERT_TRUE(client.read());  // idle on a kept-alive connection
      ASSERT_TRUE(client.send_request("POST", "/v1/assess", kCase));
      if (round % 2) std::this_thread::sleep_for(1ms);
      running.server.stop();
      auto reply = client.read();
      ASSERT_TRUE(reply) << "the request already sent was not answered";
      EXPECT_EQ(reply->status, 200);
    }  // the client closes as a browser would on the server's FIN
    running.server.wait();
  }
}

TEST(Listener, AResponseThatCannotBeSentIsCountedAsFailed) {
  ServerOptions options;
  options.write_timeout = 300ms;
  Running running(options);
  const uint64_t before = api().metrics().count("/v1/knowledge", Metrics::kWriteFailed);
  {
    HttpClient client(running.port());
    std::string many;
    for (int i = 0; i < 400; ++i) many += "GET /v1/knowledge HTTP/1.1\r\nHost: x\r\n\r\n";
    ASSERT_TRUE(client.send(many));  // and never read: the server's writes stall and time out
    for (int i = 0; i < 250 && api().metrics().count("/v1/knowledge", Metrics::kWriteFailed) == before; ++i) {
      std::this_thread::sleep_for(20ms);
    }
  }
  EXPECT_GT(api().metrics().count("/v1/knowledge", Metrics::kWriteFailed), before);
  EXPECT_NE(api().metrics().prometheus_text("").find("status=\"failed\""), std::string::npos);
}

TEST(Listener, MetricsForThisMachineOnlyAreServedOverLoopback) {
  static const Api local = [] {
    ApiOptions api_options;
    api_options.metrics_loopback_only = true;
    return Api(builtin_knowledge_base(), api_options);
  }();
  ServerOptions options;
  options.port = 0;
  options.access_log = false;
  options.threads = 1;
  Server server(local, options);
  ASSERT_TRUE(server.start().ok());
  auto reply = test::http_request(server.port(), "GET", "/metrics");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);  // the test connects from 127.0.0.1
}

}  // namespace
}  // namespace fossa::server
