#pragma once
// `txsim erlang`: exact Erlang B / C / A metrics and staffing for one queue, or the analytic
// requirement per weekday and interval of a scenario (--scenario).

#include <functional>

#include <CLI/CLI.hpp>

namespace txsim::cli {

/// A registered verb: its CLI11 subcommand and the handler to call when it was parsed, which
/// returns the exit code (bad input is thrown, as std::invalid_argument, std::domain_error,
/// CLI::ValidationError or io::ConfigError, for main to report).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_erlang_command(CLI::App& app);

}  // namespace txsim::cli
