#pragma once
// The business-case report of a policy comparison: one self-contained HTML file (styles, data,
// the ECharts library and the page script inlined; no network access) that a consultant can
// hand to a client. It is built from the comparison's JSON (io::comparison_json), whether fresh
// from `txsim compare --report` or read back from `compare --out`, so both give the same page.
//
// Sections, in order: executive summary (each policy's verdict and the mechanisms that moved),
// scorecard (indices; their component scores 0-100 with weights when the results carry them;
// the KPIs behind them; all with intervals and paired differences), trade-offs (chart), month
// by month (charts), business case (every line of the results' business-case block, the NPV,
// and monthly cash flows), robustness (with uncertainty results: verdict probabilities, the
// spread of each difference, Sobol indices, a tornado, the priors), policies (their levers),
// assumptions (when the study is at hand), provenance. A section that needs data the results
// lack is left out, never filled with placeholders: the employee charts need employee
// dynamics, the month-by-month and cash-flow charts need the JSON's "months".
//
// Every number in the page is written by the presentation layer (present::format_number) at
// the precision its interval deserves, inside a <span class="num"> that names its source: the
// JSON pointer into the results (data-path; into the uncertainty results when
// data-source="uncertainty"), the value there (data-value), the display factor (data-scale, 100
// for percentages) and the decimals (data-decimals), so that a test can check the page against
// the results. A share computed from two results (the part of a variance that is simulation
// noise) is a <span class="ratio"> naming both (data-numerator, data-denominator).

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "txsim/report/results.hpp"

namespace txsim::report {

/// Where and how a report was made, for its provenance section.
struct ReportContext {
  std::string generated_utc;  ///< ISO 8601, e.g. "2026-12-01T06:30:00Z"
  std::string command_line;   ///< the command that wrote the report
};

/// The current time as ISO 8601 UTC with seconds ("2026-12-01T06:30:00Z").
[[nodiscard]] std::string utc_now();

/// The report page. Throws ResultsError when data.comparison lacks what every report needs (the
/// policies with their scores).
[[nodiscard]] std::string render_html(const ReportData& data, const ReportContext& context);

/// Writes `html` to `file` through a temporary file in the same directory, renamed into place
/// once complete, so that a report is never left half-written. Throws std::runtime_error naming
/// the path when it cannot be written.
void write_report(const std::filesystem::path& file, std::string_view html);

}  // namespace txsim::report
