// The web page and the OpenAPI description, compiled into the binary from web/ by
// cmake/EmbedFiles.cmake, so `fossa serve` needs no files at run time and works offline.
#pragma once

#include <string_view>
#include <vector>

namespace fossa::server {

struct WebFile {
  std::string_view path;  // URL path, e.g. "/index.html", "/openapi.json"
  std::string_view text;
};

// The content type of a served file, from the extension of its path.
inline std::string_view content_type(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".json")) return "application/json";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "text/plain; charset=utf-8";
}

// Every embedded file, sorted by path. Static storage: the views never dangle.
const std::vector<WebFile>& web_files();

}  // namespace fossa::server
