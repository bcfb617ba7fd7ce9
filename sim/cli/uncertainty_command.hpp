#pragma once
// The `uncertainty` verb: registration on the command line and its handler. The work is done by
// sweep/uncertainty.hpp (the design, the analysis and the files) and the sweep runner.

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace txsim::cli {

struct UncertaintyArgs {
  std::string file;
  std::string priors;
  std::uint64_t samples = 64;
  int replications = 2;
  std::uint64_t seed = 1;
  std::string store;
  std::string out_dir;
  int threads = 0;
  std::string shard;
  std::vector<std::string> sets;
  std::string format = "table";
  std::size_t resamples = 1000;
  bool force = false;
  bool fresh = false;
  bool quiet = false;
};

/// Adds `uncertainty` to `app`; returns the subcommand, to ask whether it was parsed.
CLI::App* add_uncertainty_command(CLI::App& app, UncertaintyArgs& args);

/// Exit codes as `txsim sweep` (README.md): 0 done, 2 bad input or a store of another study,
/// 3 a store or output file could not be written, 128 + signal when stopped (finished points are
/// kept: rerun to resume).
int uncertainty_command(const UncertaintyArgs& args, const std::string& command_line);

}  // namespace txsim::cli
