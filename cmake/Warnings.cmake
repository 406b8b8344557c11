# Project-wide compile flags: strict warnings (errors when FOSSA_WERROR) and optional sanitizers.
add_library(fossa_flags INTERFACE)
target_compile_options(fossa_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false -Wrestrict positives inside libstdc++ string concatenation (GCC PR 105329).
  target_compile_options(fossa_flags INTERFACE -Wno-restrict)
endif()
if(FOSSA_WERROR)
  target_compile_options(fossa_flags INTERFACE -Werror)
endif()
if(FOSSA_SANITIZE)
  # -O1: the level the sanitizers' documentation recommends for speed; at -O0 each property test
  # over every case took minutes.
  # GCC 12 with the sanitizers at -O1 reports false -Wmaybe-uninitialized inside std::regex's
  # std::function members (a known false positive of GCC 12); the release build keeps the warning.
  target_compile_options(fossa_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all -O1 $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(fossa_flags INTERFACE -fsanitize=address,undefined)
endif()
if(FOSSA_FUZZ)
  # Coverage instrumentation everywhere, so libFuzzer sees inside the libraries it drives.
  target_compile_options(fossa_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
