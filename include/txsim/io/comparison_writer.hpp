#pragma once
// CSV and JSON outputs of a policy comparison (`txsim compare`), in the tidy style of
// results_writer.hpp: one row per observation, NaN as an empty cell (CSV) or null (JSON), policy
// names quoted per RFC 4180 when they hold a comma, a quote or a line break, provenance in the
// JSON and in provenance.json beside the CSV files.

#include <filesystem>
#include <iosfwd>

#include <nlohmann/json_fwd.hpp>

#include "txsim/experiment/comparison.hpp"
#include "txsim/io/results_writer.hpp"

namespace txsim::io {

/// Columns: policy,replication,metric,value. For each variant (baseline first) and replication:
/// every customer KPI (kKpiInfo names), every employee KPI (kExKpiInfo names, with employee
/// dynamics), the indices ("score.cx", "score.ex", "score.cost", "score.tx"), the business-case
/// items ("business_case.labour", ..., "business_case.cost_per_issue") of the whole run and,
/// for policies, "npv_vs_baseline".
void write_comparison_csv(std::ostream& out, const experiment::Comparison& comparison);

/// Columns: policy,metric,mean,ci95_lo,ci95_hi,diff_mean,diff_ci95_lo,diff_ci95_hi,n. The same
/// metrics as write_comparison_csv, summarised over replications; diff_* is the paired
/// difference policy - baseline (empty for the baseline and for npv_vs_baseline, itself a
/// difference); n counts the replications behind the mean.
void write_comparison_summary_csv(std::ostream& out, const experiment::Comparison& comparison);

/// {"provenance" (provenance_json), "scenario", "file", "seed", "replications", "service_level_threshold_s", "currency",
///  "confidence_level", "discount_rate_per_year", "events", "policies": [{"name", "description", "levers" (policy::describe), "scores":
///  {"cx": {"mean", "ci95": [lo, hi], "diff", "diff_ci95": [lo, hi], "n"}, "ex", "cost", "tx"},
///  "kpis": {name: {... as scores, "unit"}}, "ex" (employee KPIs, with dynamics),
///  "business_case": {item: {...}}, "npv_vs_baseline": {"mean", "ci95", "n"} or null,
///  "verdict": {"verdict", "text"} or null, "months": [{"month", "start_day", "days", "kpis": {name:
///  {"mean", "ci95", "n"}} (a few customer KPIs), "ex" (a few employee KPIs, with dynamics),
///  "business_case": {item: {... as scores}}}]}]}. The baseline is the first entry of "policies",
///  with null diffs. A month's business-case diff is paired with the baseline's same month.
nlohmann::ordered_json comparison_json(const RunInfo& info, const experiment::Comparison& comparison);

/// Writes comparison.csv, comparison_summary.csv, comparison.json, the resolved scenario
/// (kResolvedScenarioFileName, when info.provenance.resolved_yaml is not empty) and
/// provenance.json into `dir` (created if needed) as one set, with the errors of write_outputs.
void write_comparison_outputs(const std::filesystem::path& dir, const RunInfo& info,
                              const experiment::Comparison& comparison, const OutputOptions& options = {});

}  // namespace txsim::io
