# fossa_embed_knowledge(TARGET DIR): compiles every YAML file under DIR into TARGET as the
# built-in knowledge base (see src/kb/embedded.h). Re-runs when any of those files changes.
function(fossa_embed_knowledge target dir)
  file(GLOB_RECURSE kb_files CONFIGURE_DEPENDS "${dir}/*.yaml" "${dir}/*.json")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_knowledge.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DKB_DIR=${dir} -DOUT=${out} -P ${PROJECT_SOURCE_DIR}/cmake/embed_knowledge.cmake
    DEPENDS ${kb_files} ${PROJECT_SOURCE_DIR}/cmake/embed_knowledge.cmake
    COMMENT "Embedding the knowledge base from ${dir}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
