// A scratch directory for one test: under the system's temporary directory, named by `prefix`, the
// process and the running test, so test processes running at the same time (ctest -j, two build
// trees) never share one. The caller removes it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace fossa::test {

inline std::filesystem::path scratch_dir(const std::string& prefix) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::filesystem::temp_directory_path() /
         (prefix + "-" + std::to_string(::getpid()) + "-" + (test ? test->name() : "setup"));
}

}  // namespace fossa::test
