#pragma once
// `txsim report` and what `txsim compare` shares with it: the choice of table and the HTML
// report written next to a comparison.

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/study.hpp"
#include "txsim/present/comparison_table.hpp"

namespace txsim::cli {

/// `compare`'s presentation options.
struct CompareReportArgs {
  std::string detail = "summary";  ///< summary (fits 120 columns) or full
  std::string report_path;         ///< --report FILE; empty for none
  std::string pdf_path;            ///< --pdf FILE (with --report); empty for none
  std::string uncertainty;         ///< --uncertainty DIR (with --report); empty for none
};

/// Registers --detail, --report, --pdf and --uncertainty on the `compare` subcommand.
void add_compare_report_options(CLI::App& compare, CompareReportArgs& args);

/// The uncertainty results the report of `compare` shows (args.uncertainty read with
/// report::read_uncertainty), or null when none were asked for. Read before the comparison
/// runs, so that a bad path fails at once: throws CLI::ValidationError naming it (exit code 2).
[[nodiscard]] nlohmann::ordered_json read_compare_uncertainty(const CompareReportArgs& args);

/// The table `compare` prints for its --detail.
[[nodiscard]] std::string comparison_table(const CompareReportArgs& args, const present::TableHeading& heading,
                                           const experiment::Comparison& comparison);

/// Writes the HTML report of a comparison of `study` (`comparison` as io::comparison_json builds
/// it, to which the study's assumptions table is added, and `uncertainty`, from
/// read_compare_uncertainty, for the robustness section when not null) to args.report_path, and
/// its PDF to args.pdf_path when asked. Uncertainty results of another study or with other
/// policies are shown with a warning on stderr and a caution in the page, as `report` does.
/// Returns the exit code: 0, or 3 when a file cannot be written (or the browser that prints the
/// PDF fails).
[[nodiscard]] int write_compare_report(const CompareReportArgs& args, const nlohmann::ordered_json& comparison,
                                       const experiment::StudySpec& study, nlohmann::ordered_json uncertainty);

struct ReportArgs {
  std::string results;      ///< an output directory of `compare --out`, or its comparison.json
  std::string output;       ///< -o FILE
  std::string pdf_path;     ///< --pdf FILE; empty for none
  std::string uncertainty;  ///< --uncertainty DIR (or its uncertainty.json); empty: RESULTS' own, if any
};

/// Registers the `report` subcommand.
CLI::App* add_report_command(CLI::App& app, ReportArgs& args);

/// Runs `report` (report::read_results; its warnings go to stderr). Returns the exit code
/// (README "Exit codes"): 2 when the results cannot be read, are not a comparison's (or, with
/// uncertainty results, not those of `txsim uncertainty`) or mix files of different runs, 3 when
/// the report cannot be written.
[[nodiscard]] int report_command(const ReportArgs& args);

/// Remembers the command line, for the provenance of the reports this process writes.
void set_command_line(int argc, char** argv);

}  // namespace txsim::cli
