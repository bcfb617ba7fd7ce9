#pragma once
// The robustness section of a report: what uncertainty results (uncertainty.json of
// `txsim uncertainty`) say about the comparison's verdicts.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace txsim::report::detail {

/// At most this many parameters are drawn in a Sobol or tornado chart: those with the largest
/// total index, or the widest swing. report.js draws the same ones.
inline constexpr std::size_t kTopParameters = 8;

/// Rows of the table of what carries each difference: the parameters with the largest total
/// Sobol index.
inline constexpr std::size_t kTopDrivers = 3;

/// The section (id "robustness"): the design of the analysis, `cautions` (e.g. another study's
/// hash), verdict probabilities (table and stacked-bar chart), the spread of each difference
/// (mean, 5th and 95th percentiles, the share of its variance that is simulation noise), Sobol
/// indices (the strongest parameters per difference, charts of the top kTopParameters), the
/// one-at-a-time tornado charts and the priors. Parts the results lack are left out. Numbers are
/// tagged with data-source="uncertainty"; charts are <div data-chart="verdicts|sobol|tornado">
/// with data-policy (index into "policies") and data-metric.
[[nodiscard]] std::string robustness_section(const nlohmann::ordered_json& uncertainty,
                                             const std::vector<std::string>& cautions, std::string_view currency);

}  // namespace txsim::report::detail
