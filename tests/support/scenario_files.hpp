#pragma once
// Loads the bundled scenario files, the same ones the CLI, benchmarks and docs use.

#include <string>
#include <vector>

#include "txsim/io/scenario_loader.hpp"

namespace txsim::testing {

inline model::ScenarioSpec load_bundled(const std::string& relative, std::vector<io::Override> overrides = {}) {
  return io::load_scenario(std::string(TXSIM_SOURCE_DIR) + "/scenarios/" + relative, overrides);
}

/// The whole study of a bundled file: the centre with its policies, lever effects and scorecard.
inline experiment::StudySpec load_bundled_study(const std::string& relative, std::vector<io::Override> overrides = {}) {
  return io::load_study(std::string(TXSIM_SOURCE_DIR) + "/scenarios/" + relative, overrides).study;
}

}  // namespace txsim::testing
