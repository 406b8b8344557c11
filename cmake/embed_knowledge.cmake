# Script mode: writes OUT, a C++ file defining fossa::kb::embedded_files() with the text of every
# YAML file under KB_DIR, keyed by its path relative to KB_DIR, sorted for a stable hash.
file(GLOB_RECURSE files RELATIVE "${KB_DIR}" "${KB_DIR}/*.yaml" "${KB_DIR}/*.json")
list(SORT files)
set(body "")
foreach(rel IN LISTS files)
  file(READ "${KB_DIR}/${rel}" content)
  string(FIND "${content}" ")FOSSA_KB\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${rel} contains the embedding delimiter )FOSSA_KB\"")
  endif()
  string(APPEND body "    {\"${rel}\", R\"FOSSA_KB(${content})FOSSA_KB\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from the knowledge/ directory by cmake/embed_knowledge.cmake. Do not edit.
#include \"kb/embedded.h\"

namespace fossa::kb {

const std::vector<SourceFile>& embedded_files() {
  static const std::vector<SourceFile> files = {
${body}  };
  return files;
}

}  // namespace fossa::kb
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
