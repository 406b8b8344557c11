# fossa_embed_web(TARGET DIR): compiles every text file of the web page under DIR (html, js, css,
# json, svg) into TARGET, served by `fossa serve` (see src/server/embedded_web.h). Re-runs when
# any of those files changes.
function(fossa_embed_web target dir)
  file(GLOB_RECURSE web_files CONFIGURE_DEPENDS
    "${dir}/*.html" "${dir}/*.js" "${dir}/*.css" "${dir}/*.json" "${dir}/*.svg" "${dir}/*.txt")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_web.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DWEB_DIR=${dir} -DOUT=${out} -P ${PROJECT_SOURCE_DIR}/cmake/embed_web.cmake
    DEPENDS ${web_files} ${PROJECT_SOURCE_DIR}/cmake/embed_web.cmake
    COMMENT "Embedding the web page from ${dir}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
