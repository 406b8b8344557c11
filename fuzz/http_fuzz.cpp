// Fuzz target: any bytes as what a client sends on a new connection. The HTTP request path the
// listener runs (empty lines skipped, Beast's parser with the server's limits, the head checks,
// the routes, the response head) must give exactly one well-formed response, or none for an
// incomplete request; nothing may crash, hang or leak. Built with libFuzzer by fuzz/run.sh (TARGET
// http), and replayed over fuzz/corpus/http by the tests with every build.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/api.h"
#include "server/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fossa::server::Api api(fossa::builtin_knowledge_base());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string answer = fossa::server::answer_bytes(api, bytes);
  if (answer.empty()) return 0;
  // One response: a status line, headers ending in an empty line, and a body of the length given.
  size_t end = answer.find("\r\n\r\n");
  if (!answer.starts_with("HTTP/1.1 ") || end == std::string::npos) std::abort();
  std::string_view head(answer.data(), end + 2);
  size_t length_at = head.find("\r\nContent-Length: ");
  if (length_at != std::string_view::npos) {
    size_t length = std::strtoull(head.data() + length_at + 18, nullptr, 10);
    size_t body = answer.size() - end - 4;
    if (body != length && body != 0) std::abort();  // 0: a HEAD request
  }
  // A response never carries bytes a client could not read as text in its head.
  for (char c : head) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (byte < 0x20 && c != '\r' && c != '\n')) std::abort();
  }
  return 0;
}
