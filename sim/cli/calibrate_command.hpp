#pragma once
// `txsim calibrate`: fits a scenario to a per-contact call log.

#include <CLI/CLI.hpp>

namespace txsim::cli {

/// Registers the verb; the returned handler runs it once parsing succeeded (exit code).
std::function<int()> add_calibrate_command(CLI::App& app);

}  // namespace txsim::cli
