#pragma once
// The `sweep` and `results` verbs: registration on the command line and their handlers.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace txsim::sweep {
class ResultStore;
}

namespace txsim::cli {

struct SweepArgs {
  std::string file;
  std::string out_dir;
  std::string db;
  int threads = 0;
  std::string shard;
  std::string format = "table";
  bool fresh = false;
  bool quiet = false;
};

struct ResultsArgs {
  std::string db;
  std::string format = "table";
  std::vector<std::string> kpis;
  std::string table;  ///< staffing stores: the one table to export
  std::string merge_out;
  std::vector<std::string> merge_inputs;
};

/// Adds `sweep` to `app`; returns the subcommand, to ask whether it was parsed.
CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args);
/// Adds `results` (and `results merge`); returns the `results` subcommand.
CLI::App* add_results_command(CLI::App& app, ResultsArgs& args);

/// Exit code per README.md: 0 done, 2 bad input or a store of another study, 3 the store could not
/// be written, 130 stopped by SIGINT/SIGTERM (finished points are kept: rerun to resume).
int sweep_command(const SweepArgs& args, const std::string& command_line);
int results_command(const ResultsArgs& args, const std::string& command_line);

/// The compact summary of a store on stdout: the study, points finished and invalid, and per
/// point its factor values with the verdicts (compare) or headline KPIs (run).
void print_store_summary(const sweep::ResultStore& store, const std::string& label);

/// The summary (format "table") or the markdown tables for docs (format "markdown").
void print_results(const sweep::ResultStore& store, const std::string& label, const std::string& format);

/// The command line as typed, words quoted when needed, for provenance.
std::string command_line(int argc, char** argv);

}  // namespace txsim::cli
