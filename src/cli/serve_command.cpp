// `fossa serve`: the HTTP API and the web page (src/server), until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>

#include "cli/commands.h"
#include "fossa/server.h"

namespace fossa::cli {
namespace {

struct ServeCommandOptions {
  ServeOptions serve;
  bool quiet = false;
};

int run(const GlobalOptions& global, ServeCommandOptions& options) {
  auto kb = load_kb(global);
  if (!kb) return 1;
  // Block the stop signals in every thread (the workers inherit the mask) and wait for them here,
  // so no handler runs inside the server's threads.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A closed stderr (the log) must not kill the server; sockets never raise SIGPIPE (MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);

  options.serve.access_log = !options.quiet;
  HttpServer http(kb, options.serve);
  if (options.serve.cds_jwks_file.empty()) {
    std::fprintf(stderr, "cds-hooks: no --cds-jwks trust list: unsigned CDS Hooks calls are accepted, for testing only\n");
  }
  if (auto started = http.start(); !started) {
    print_error(started.error());
    return 1;
  }
  int signal = 0;
  sigwait(&stop_signals, &signal);
  http.stop();
  http.wait();
  return 0;
}

}  // namespace

void add_serve(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve the HTTP API and the web page until SIGTERM or SIGINT");
  command->add_option("--host", options->serve.host, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->serve.port, "Port to listen on (0: any free port, printed at start)")
      ->capture_default_str();
  command->add_option("--threads", options->serve.threads, "Worker threads (0: one per core)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  command->add_option("--max-connections", options->serve.max_connections,
                      "Open connections at most; one more is answered 503 and closed (lowered to fit ulimit -n)")
      ->check(CLI::Range(size_t{1}, size_t{1'000'000}))
      ->capture_default_str();
  command->add_flag("--metrics-loopback-only", options->serve.metrics_loopback_only,
                    "Serve GET /metrics only to connections from this machine (others get 403)");
  command->add_flag("--quiet", options->quiet, "No access log (one line per request on stderr)");
  command->add_option("--emergency-number", options->serve.emergency_number,
                      "The emergency number the page offers to call (tap to call); 112 and 911 are named beside it")
      ->check([](const std::string& number) {
        bool digits = !number.empty() && number.size() <= 6 && number.find_first_not_of("0123456789") == std::string::npos;
        return digits ? std::string() : std::string("an emergency number is 1 to 6 digits, e.g. 999, 112 or 911");
      })
      ->capture_default_str();
  command->add_option("--cds-jwks", options->serve.cds_jwks_file,
                      "CDS Hooks trust list (JSON: issuers and their public keys, docs/fhir.md): only calls with a "
                      "bearer JWT signed by one of them (RS384 or ES384) are accepted")
      ->check(CLI::ExistingFile);
  command->footer(
      "Routes: POST /v1/assess, POST /v1/interview, GET /v1/knowledge, GET /v1/health, GET /metrics, GET /openapi.json, and the web page at /.\n"
      "CDS Hooks 2.0.1 and FHIR R4 (docs/fhir.md): GET /cds-services, POST /cds-services/{id}, GET /fhir/Questionnaire/fossa-interview.\n"
      "Example:\n  fossa serve --port 8080 &\n  curl -s localhost:8080/v1/assess -H 'Content-Type: application/json' -d @examples/calf-after-flight.json");
  command->callback([&global, &exit_code, options] { exit_code = run(global, *options); });
}

}  // namespace fossa::cli
