# fossa_embed_files(TARGET NAME DIR HEADER NAMESPACE FUNCTION TYPE PREFIX GLOB...): compiles the
# text of every file under DIR matching a GLOB into TARGET, as NAMESPACE::FUNCTION() returning a
# sorted std::vector<TYPE> of {path, text} (path = PREFIX + the path relative to DIR; TYPE is
# declared in HEADER). Used for the knowledge base and for the web page; re-runs when any of the
# files changes.
function(fossa_embed_files target name dir header namespace function type prefix)
  set(globs ${ARGN})
  set(patterns "")
  foreach(glob IN LISTS globs)
    list(APPEND patterns "${dir}/${glob}")
  endforeach()
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${patterns})
  string(REPLACE ";" "|" glob_argument "${globs}")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DDIR=${dir}" "-DOUT=${out}" "-DHEADER=${header}" "-DNAMESPACE=${namespace}"
            "-DFUNCTION=${function}" "-DTYPE=${type}" "-DPREFIX=${prefix}" "-DGLOBS=${glob_argument}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${dir}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
