# Script mode (see EmbedFiles.cmake): writes OUT, a C++ file defining NAMESPACE::FUNCTION() with
# the text of every file under DIR matching GLOBS ("|"-separated), each as one raw string literal,
# sorted by path so the output (and the knowledge base hash) is stable.
string(REPLACE "|" ";" globs "${GLOBS}")
set(patterns "")
foreach(glob IN LISTS globs)
  list(APPEND patterns "${DIR}/${glob}")
endforeach()
file(GLOB_RECURSE files RELATIVE "${DIR}" ${patterns})
list(SORT files)
set(body "")
foreach(rel IN LISTS files)
  file(READ "${DIR}/${rel}" content)
  string(FIND "${content}" ")FOSSA_EMBED\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${rel} contains the embedding delimiter )FOSSA_EMBED\"")
  endif()
  string(APPEND body "    {\"${PREFIX}${rel}\", R\"FOSSA_EMBED(${content})FOSSA_EMBED\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from ${DIR} by cmake/embed_files.cmake. Do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

const std::vector<${TYPE}>& ${FUNCTION}() {
  static const std::vector<${TYPE}> files = {
${body}  };
  return files;
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
