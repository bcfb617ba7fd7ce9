#pragma once
// `txsim calibrate`: fits a scenario to a per-contact call log.

#include <CLI/CLI.hpp>

#include "txsim/model/scenario.hpp"

namespace txsim::cli {

/// Registers the verb; the returned handler runs it once parsing succeeded (exit code).
std::function<int()> add_calibrate_command(CLI::App& app);

/// Simulates replication 1 of `spec` (seed as for `run`) and writes its contacts to `path` as a
/// call log. Throws std::runtime_error naming the file when it cannot be written.
void write_trace(const model::ScenarioSpec& spec, std::uint64_t seed, const std::string& path);

}  // namespace txsim::cli
