// The web page and the OpenAPI description, compiled into the binary from web/ by
// cmake/EmbedWeb.cmake, so `fossa serve` needs no files at run time and works offline.
#pragma once

#include <string_view>
#include <vector>

namespace fossa::server {

struct WebFile {
  std::string_view path;          // URL path, e.g. "/index.html", "/openapi.json"
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view text;
};

// Every embedded file, sorted by path. Static storage: the views never dangle.
const std::vector<WebFile>& web_files();

}  // namespace fossa::server
