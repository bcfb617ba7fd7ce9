// libFuzzer harness: arbitrary bytes through the scenario loader (YAML parsing, bounds,
// conversion, validation). Run by scripts/test for about a minute; see tests/fuzz/README.md.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load_scenario_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  txsim::fuzz::load_scenario_input(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
