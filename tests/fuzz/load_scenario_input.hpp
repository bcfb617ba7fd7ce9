#pragma once
// What the fuzzer feeds the scenario loader, shared by the libFuzzer harness and the test that
// replays every saved input: any bytes either load or give a ConfigError. Anything else (a
// crash, a sanitizer report, another exception, a hang) is a bug.

#include <string_view>

#include "txsim/io/scenario_loader.hpp"

namespace txsim::fuzz {

inline void load_scenario_input(std::string_view bytes) {
  try {
    io::parse_scenario(bytes, "fuzz.yaml");
  } catch (const io::ConfigError&) {
    // Bad input, reported as it should be.
  }
}

}  // namespace txsim::fuzz
