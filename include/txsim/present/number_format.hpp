#pragma once
// How txsim writes numbers for people: the terminal tables, the HTML report and, later, the
// Python module all format through here, so that a KPI reads the same everywhere.
//
// Rules:
// - An estimate is shown to the precision its 95% confidence interval deserves: the half-width
//   is rounded to two significant digits and the mean and bounds to the same decimal place
//   (e.g. "+0.70 [+0.62, +0.78]", never "+0.7 [+0.7, +0.7]"; "524,000 [476,000, 571,000]",
//   not "523,550"). Without an interval (one replication, or a zero-width one) a unit's
//   customary precision is used.
// - Fractions are shown as percentages, and their differences in percentage points.
// - Money carries thousands separators and the scenario's currency (ISO 4217 code); compact
//   cells scale it to thousands (k) or millions (M).
// - NaN (not defined, e.g. a service level with nothing offered) is shown as "-".

#include <string>
#include <string_view>

#include "txsim/model/scenario.hpp"
#include "txsim/stats/confidence.hpp"

namespace txsim::present {

/// The currency code shown when results do not name one.
inline constexpr std::string_view kDefaultCurrency = "EUR";

/// The currency of a scenario's money amounts, as an ISO 4217 code (the scenario's `currency`,
/// default "EUR"): every money figure of a scenario is in this one currency.
[[nodiscard]] std::string currency_of(const model::ScenarioSpec& spec);

/// How a quantity is shown, from the unit strings of model::KpiInfo ("fraction", "currency",
/// "currency/issue", "score (0-100)", "contacts", "s", ...).
enum class UnitKind {
  Fraction,  ///< shown as a percentage ("fraction", "fraction per year")
  Money,     ///< "currency", "currency/issue"
  Score,     ///< "score (0-100)"
  Count,     ///< contacts, agents, customers, hours
  Seconds,   ///< "s"
  Other,     ///< factors, fatigue, strain, frustration
};

[[nodiscard]] UnitKind unit_kind(std::string_view unit) noexcept;

/// The unit as a column heading or a suffix, e.g. "%" for a fraction, "pp" for a difference of
/// fractions, "EUR" or "EUR/issue" for money, "%/yr" for "fraction per year".
[[nodiscard]] std::string unit_label(std::string_view unit, std::string_view currency, bool difference = false);

/// Decimal places that show `half_width` with two significant digits; negative means rounding
/// to tens (-1), hundreds (-2), ... Returns `fallback` when half_width is 0, NaN or infinite.
/// The result is clamped to [-15, 6].
[[nodiscard]] int decimals_for(double half_width, int fallback) noexcept;

/// A unit's customary decimal places for a value without an interval, in the displayed scale
/// (percent for fractions).
[[nodiscard]] int default_decimals(std::string_view unit) noexcept;

/// `value` rounded to `decimals` places (negative: to tens, hundreds, ...), with "," between
/// thousands and "-" for negatives; "+" for positives (and zero) when `sign`. NaN gives "-".
/// "-0" never appears: a value that rounds to zero prints as "0" (or "+0").
[[nodiscard]] std::string format_number(double value, int decimals, bool sign = false);

/// The factor from a stored value to its displayed scale: 100 for fractions (percent), else 1.
[[nodiscard]] double display_factor(std::string_view unit) noexcept;

/// The decimal places (see decimals_for) of an estimate in the unit's display scale, as
/// format_estimate writes it without `compact`.
[[nodiscard]] int estimate_decimals(const stats::Interval& estimate, std::string_view unit) noexcept;

/// Options for format_estimate.
struct EstimateStyle {
  std::string currency{kDefaultCurrency};
  bool difference = false;  ///< a paired difference: explicit sign, fractions in points
  /// "mean ±half-width" with money in k / M, for narrow table cells, or "mean [lo, hi]" when
  /// the bounds were cut to the quantity's range (an abandonment rate's at 0) and so are not
  /// mean -+ half-width; otherwise "mean [lo, hi]" with full money amounts.
  bool compact = false;
  bool with_unit = false;   ///< append the unit label ("67.7 %" / "EUR 1,234")
};

/// An estimate in the unit's display scale, to the precision its interval deserves, e.g.
/// "67.7 [34.8, 100.7]", "+12.44 [+9.29, +15.59]" or, compact, "+524k ±47k". The interval is
/// left out when there is none (n < 2 or an infinite half-width). NaN mean gives "-".
[[nodiscard]] std::string format_estimate(const stats::Interval& estimate, std::string_view unit,
                                          const EstimateStyle& style = {});

/// One value in the unit's display scale at the unit's customary precision, e.g. 0.6772 as a
/// fraction -> "67.7", 4445314.2 as money -> "4,445,314".
[[nodiscard]] std::string format_value(double value, std::string_view unit, bool sign = false);

}  // namespace txsim::present
