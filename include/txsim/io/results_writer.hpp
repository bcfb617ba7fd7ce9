#pragma once
// Tidy (long-format) CSV and a JSON summary of an experiment. One row per observation, so that
// pandas, R or a spreadsheet pivot without reshaping.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "txsim/experiment/replications.hpp"

namespace txsim::io {

/// What identifies an experiment in its outputs.
struct RunInfo {
  std::string scenario;  ///< scenario name
  std::string file;      ///< scenario file as given
  std::uint64_t seed = 1;
  int replications = 1;
  double service_level_threshold_s = 20.0;
};

/// Columns: replication,scope,day,interval,contact_type,start_s,kpi,value. scope is total,
/// contact_type (whole run, one type), day or interval; day and interval are 0-based and empty
/// where they do not apply; NaN values (a ratio with nothing to count) are empty cells.
void write_replications_csv(std::ostream& out, const experiment::ExperimentResult& result);

/// Columns: scope,day,interval,contact_type,start_s,kpi,mean,ci95_lo,ci95_hi,n.
void write_summary_csv(std::ostream& out, const experiment::ExperimentResult& result);

/// {"scenario", "file", "seed", "replications", "service_level_threshold_s", "events",
///  "kpis": {name: {"mean", "ci95": [lo, hi], "n", "unit"}}, "contact_types": {type: kpis},
///  "days": [kpis, ...]}
nlohmann::ordered_json summary_json(const RunInfo& info, const experiment::ExperimentResult& result);

/// Writes replications.csv, summary.csv and summary.json into `dir` (created if needed).
/// Throws std::runtime_error naming the path when a file cannot be written.
void write_outputs(const std::filesystem::path& dir, const RunInfo& info, const experiment::ExperimentResult& result);

}  // namespace txsim::io
