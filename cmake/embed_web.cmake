# Script mode: writes OUT, a C++ file defining fossa::server::web_files() with the text of every
# file of the web page under WEB_DIR, keyed by its URL path ("/" + its path relative to WEB_DIR),
# with its content type. Text files only: each becomes one raw string literal.
file(GLOB_RECURSE files RELATIVE "${WEB_DIR}"
  "${WEB_DIR}/*.html" "${WEB_DIR}/*.js" "${WEB_DIR}/*.css" "${WEB_DIR}/*.json" "${WEB_DIR}/*.svg" "${WEB_DIR}/*.txt")
list(SORT files)
set(body "")
foreach(rel IN LISTS files)
  file(READ "${WEB_DIR}/${rel}" content)
  string(FIND "${content}" ")FOSSA_WEB\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${rel} contains the embedding delimiter )FOSSA_WEB\"")
  endif()
  get_filename_component(ext "${rel}" LAST_EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".json")
    set(type "application/json")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  else()
    set(type "text/plain; charset=utf-8")
  endif()
  string(APPEND body "    {\"/${rel}\", \"${type}\", R\"FOSSA_WEB(${content})FOSSA_WEB\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from the web/ directory by cmake/embed_web.cmake. Do not edit.
#include \"server/embedded_web.h\"

namespace fossa::server {

const std::vector<WebFile>& web_files() {
  static const std::vector<WebFile> files = {
${body}  };
  return files;
}

}  // namespace fossa::server
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
