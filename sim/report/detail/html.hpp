#pragma once
// The pieces every section of a report page is written with: escaping, reading the results by
// JSON pointer, and numbers tagged with their source (html_report.hpp: <span class="num">).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "txsim/stats/confidence.hpp"

namespace txsim::report::detail {

using json = nlohmann::ordered_json;

/// Text with the five HTML-special characters escaped, safe in element content and attributes.
[[nodiscard]] std::string escape(std::string_view text);

/// JSON embedded in a <script> element: "<" never appears raw, so no "</script>" can end it early.
[[nodiscard]] std::string script_safe(const json& data);

/// The value at `pointer` in `root`, or null when there is none (or the pointer is malformed).
[[nodiscard]] const json* find(const json& root, const std::string& pointer);

/// The number at `pointer`; NaN when there is none or it is not a number (JSON null).
[[nodiscard]] double number_at(const json& root, const std::string& pointer);

/// The string at `pointer`; another value as JSON text; "" when absent or null.
[[nodiscard]] std::string string_at(const json& root, const std::string& pointer);

/// `key` as one reference token of a JSON pointer ("~" -> "~0", "/" -> "~1").
[[nodiscard]] std::string pointer_token(std::string_view key);

/// `key` as words for a label when no better label is known: "new_hire_share" -> "new hire share".
[[nodiscard]] std::string humanise(std::string_view key);

/// Which document a number comes from: data-path is a JSON pointer into the comparison results
/// (no data-source attribute, for pages that show only a comparison) or into the uncertainty
/// results (data-source="uncertainty").
enum class Source { Comparison, Uncertainty };

/// Where an estimate lies in the results: the pointers to its mean and to the bounds of its
/// interval (empty when it has none), and those values read.
struct EstimatePaths {
  std::string mean;
  std::string lo;
  std::string hi;
};

/// Reads the estimate at `paths` from `root`. The half-width is half the distance between the
/// bounds as they are stored (clipped to the quantity's range where the writer clipped them),
/// infinite without bounds.
[[nodiscard]] stats::Interval read_estimate(const json& root, const EstimatePaths& paths);

/// {pointer/mean, pointer/ci95/0, pointer/ci95/1} or, for a paired difference,
/// {pointer/diff, pointer/diff_ci95/0, pointer/diff_ci95/1}: the layout of io::comparison_json.
[[nodiscard]] EstimatePaths estimate_paths(const std::string& pointer, bool difference);

/// One number of the page, tagged with where it came from: `value` (read from `pointer`) in the
/// unit's display scale with `decimals` places, an explicit sign when `sign`. NaN gives a "-".
[[nodiscard]] std::string number_span(const json& root, const std::string& pointer, std::string_view unit,
                                      int decimals, bool sign, Source source = Source::Comparison);

/// How estimate_html writes an estimate.
struct EstimateHtml {
  std::string_view unit;
  std::string_view currency;
  bool sign = false;       ///< explicit sign (a difference)
  bool with_unit = true;   ///< append (or, for money, prepend) the unit; table rows name it instead
  Source source = Source::Comparison;
};

/// "mean [lo, hi] unit", each number tagged, all at the precision the interval deserves
/// (present::estimate_decimals). "-" when the mean is NaN; no brackets without bounds.
[[nodiscard]] std::string estimate_html(const json& root, const EstimatePaths& paths, const EstimateHtml& style);

/// True when the interval excludes zero.
[[nodiscard]] inline bool significant(const stats::Interval& d) { return d.lo > 0.0 || d.hi < 0.0; }

}  // namespace txsim::report::detail
