#pragma once
// The terminal tables of `txsim run` and `txsim compare`, as text. Every number goes through
// number_format.hpp; every table through TextTable, so that no line is wider than asked.

#include <cstddef>
#include <cstdint>
#include <string>

#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"

namespace txsim::present {

/// What the first line of a table says about the experiment.
struct TableHeading {
  std::string scenario;  ///< the scenario's name
  std::uint64_t seed = 1;
  int replications = 0;
  std::string currency{"EUR"};  ///< ISO 4217 code of every money figure
};

/// Terminal width the tables are made for unless told otherwise [columns].
inline constexpr std::size_t kTerminalWidth = 120;

/// Short name of a verdict for a table cell: "dominates", "dominated", "trade-off" or
/// "no difference".
[[nodiscard]] std::string_view verdict_label(score::Verdict verdict) noexcept;

/// `compare`'s default table: one row per policy with the CX, EX, cost and TX indices, the NPV
/// against the baseline and the verdict; a second table of key KPIs (service level, abandonment,
/// first-contact resolution, fatigue, attrition, wages, cost per issue); the levers and
/// verdict of each policy, wrapped. The baseline row shows means, policy rows the paired
/// differences; each cell carries its 95% CI half-width. No line is wider than `max_width`.
[[nodiscard]] std::string comparison_summary_table(const TableHeading& heading, const experiment::Comparison& c,
                                                   std::size_t max_width = kTerminalWidth);

/// `compare --detail full`: every index and headline KPI (and wages, cost per issue and
/// the NPV), one column per variant with mean [95% CI] and, below, the paired difference.
/// Columns that do not fit in `max_width` go to further pages.
[[nodiscard]] std::string comparison_full_table(const TableHeading& heading, const experiment::Comparison& c,
                                                std::size_t max_width = kTerminalWidth);

/// `run`'s table: every customer KPI (and employee KPI with employee dynamics) with its mean
/// and 95% CI.
[[nodiscard]] std::string run_table(const TableHeading& heading, const experiment::ExperimentResult& result,
                                    double service_level_threshold_s);

/// The closing line: "N events in X s (Y million events/s)".
[[nodiscard]] std::string throughput_line(std::uint64_t events, double wall_s);

}  // namespace txsim::present
