// Replays every input the fuzzer ever crashed on (tests/fuzz/regressions/, one file each, kept
// for good) and the bundled scenarios it starts from, in the normal and the sanitizer builds.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load_scenario_input.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  return files;
}

void replay(const fs::path& dir) {
  const auto files = files_in(dir);
  CHECK(!files.empty());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    INFO(file.string());
    CHECK_NOTHROW(txsim::fuzz::load_scenario_input(bytes.str()));
  }
}

}  // namespace

TEST_CASE("every input the fuzzer found loads or is reported as bad input") {
  replay(fs::path(TXSIM_SOURCE_DIR) / "tests/fuzz/regressions");
}

TEST_CASE("the fuzzer's seeds, the bundled scenarios, load or are reported as bad input") {
  replay(fs::path(TXSIM_SOURCE_DIR) / "scenarios");
}
