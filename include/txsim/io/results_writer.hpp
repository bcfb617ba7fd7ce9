#pragma once
// Tidy (long-format) CSV and a JSON summary of an experiment. One row per observation, so that
// pandas, R or a spreadsheet pivot without reshaping.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "txsim/experiment/replications.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/version.hpp"

namespace txsim::io {

/// Where an experiment's numbers come from, beyond RunInfo's file, seed and replications:
/// enough to run it again bit for bit.
struct Provenance {
  std::string txsim_version = kVersion;
  /// SHA-256 (hex) of the resolved scenario the experiment ran; empty when not known.
  std::string scenario_sha256;
  std::vector<std::string> overrides;     ///< every `--set key.path=value`, in order, as given
  std::vector<std::string> command_line;  ///< the program's arguments, the program named "txsim"
  /// The resolved scenario (io::LoadedStudy::resolved_yaml), whose SHA-256 is scenario_sha256;
  /// comparison outputs write it as kResolvedScenarioFileName when not empty. Not part of
  /// provenance_json.
  std::string resolved_yaml;
};

/// What identifies an experiment in its outputs.
struct RunInfo {
  std::string scenario;  ///< scenario name
  std::string file;      ///< scenario file as given
  std::uint64_t seed = 1;
  int replications = 1;
  double service_level_threshold_s = 20.0;
  Provenance provenance;
  std::string currency = "EUR";  ///< ISO 4217 code of every money figure (the scenario's currency)
};

/// {"txsim_version", "scenario", "scenario_file", "scenario_sha256", "seed", "replications",
///  "overrides": [...], "command_line": [...]}: the "provenance" block of every JSON output and
/// the content of provenance.json beside the CSV files.
nlohmann::ordered_json provenance_json(const RunInfo& info);

/// CSV text fields (contact type and group names) are quoted per RFC 4180 when they hold a comma,
/// a quote or a line break. Provenance is not in the CSV files (so that pandas and R read them
/// without options) but in provenance.json beside them.
///
/// Columns: replication,scope,day,interval,contact_type,start_s,kpi,value. scope is total,
/// contact_type (whole run, one type), month (30 days), week (7 days), day or interval; `day` is
/// the period's first day (0-based) and empty where it does not apply; NaN values (a ratio with
/// nothing to count) are empty cells. With employee dynamics the employee KPIs follow the
/// customer KPIs of each replication, in the same layout.
void write_replications_csv(std::ostream& out, const experiment::ExperimentResult& result);

/// Columns: scope,day,interval,contact_type,start_s,kpi,mean,ci95_lo,ci95_hi,n.
void write_summary_csv(std::ostream& out, const experiment::ExperimentResult& result);

/// One row per agent and replication: replication,agent,group,seat,initial,hire_day,phones_day,
/// exit_day,exit_cause,contacts_handled,mean_fatigue,logged_in_hours,days_worked,days_absent,strain.
void write_agents_csv(std::ostream& out, const experiment::ExperimentResult& result);
/// {"provenance" (provenance_json), "scenario", "file", "seed", "replications",
///  "service_level_threshold_s", "confidence_level", "events",
///  "kpis": {name: {"mean", "ci95": [lo, hi], "n", "unit"}}, "ex": {...} (employee KPIs, with
///  dynamics), "contact_types": {type: kpis}, "months" / "weeks" / "days": [kpis, ...],
///  "ex_months" / "ex_weeks" / "ex_days" (with dynamics)}
nlohmann::ordered_json summary_json(const RunInfo& info, const experiment::ExperimentResult& result);

/// Writes replications.csv, summary.csv, summary.json, with employee dynamics agents.csv, and
/// provenance.json into `dir` (created if needed) as one set (OutputSet: all files or none).
/// Throws OutputConflict when `dir` holds an earlier run's files and options.replace is false,
/// OutputError naming the path and the reason when a file cannot be written,
/// experiment::Cancelled when options.stop is raised before the set is complete.
void write_outputs(const std::filesystem::path& dir, const RunInfo& info, const experiment::ExperimentResult& result,
                   const OutputOptions& options = {});

}  // namespace txsim::io
