#pragma once
// A fresh directory under the system temporary directory, named after the test and the process
// (CTest runs test cases as parallel processes), removed at the end of the test.

#include <filesystem>
#include <string>

#include <unistd.h>

namespace txsim::testing {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("txsim-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace txsim::testing
