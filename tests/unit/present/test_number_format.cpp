#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "txsim/present/number_format.hpp"

using txsim::present::decimals_for;
using txsim::present::EstimateStyle;
using txsim::present::format_estimate;
using txsim::present::format_number;
using txsim::stats::Interval;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Interval interval(double mean, double half_width, std::size_t n = 10) {
  return {mean, half_width, mean - half_width, mean + half_width, n, kNaN};
}

}  // namespace

TEST_CASE("decimals show the half-width with two significant digits") {
  CHECK(decimals_for(0.1, 3) == 2);
  CHECK(decimals_for(0.0315, 3) == 3);
  CHECK(decimals_for(0.99, 3) == 2);
  CHECK(decimals_for(1.0, 3) == 1);
  CHECK(decimals_for(9.9, 3) == 1);
  CHECK(decimals_for(47218.0, 3) == -3);
}

TEST_CASE("without a usable half-width the fallback decides") {
  CHECK(decimals_for(0.0, 4) == 4);
  CHECK(decimals_for(kInf, 4) == 4);
  CHECK(decimals_for(kNaN, 4) == 4);
  CHECK(decimals_for(-1.0, 4) == 4);
}

TEST_CASE("numbers get thousands separators, signs on request, and no negative zero") {
  CHECK(format_number(27362324.4, 0) == "27,362,324");
  CHECK(format_number(-1234.5, 1) == "-1,234.5");
  CHECK(format_number(999.0, 0) == "999");
  CHECK(format_number(1000.0, 0) == "1,000");
  CHECK(format_number(0.5, 2, true) == "+0.50");
  CHECK(format_number(-0.0004, 2, true) == "+0.00");
  CHECK(format_number(-0.0004, 2) == "0.00");
  CHECK(format_number(523550.0, -3) == "524,000");
  CHECK(format_number(-523550.0, -3, true) == "-524,000");
  CHECK(format_number(kNaN, 2) == "-");
}

TEST_CASE("a difference whose interval is narrow is shown with the digits that tell it apart") {
  // Formerly printed "+0.7 [+0.7, +0.7]".
  const Interval effort{0.7, 0.02, 0.68, 0.72, 10, kNaN};
  CHECK(format_estimate(effort, "contacts", {.difference = true}) == "+0.700 [+0.680, +0.720]");
}

TEST_CASE("a wide interval rounds the mean to the digits it supports") {
  CHECK(format_estimate(interval(523550.0, 47218.0), "currency", {.difference = true}) ==
        "+524,000 [+476,000, +571,000]");
  CHECK(format_estimate(interval(48.63, 40.9), "score (0-100)") == "49 [8, 90]");
}

TEST_CASE("fractions are percentages and their differences percentage points") {
  CHECK(format_estimate(interval(0.6772, 0.01), "fraction") == "67.7 [66.7, 68.7]");
  CHECK(format_estimate(interval(0.1244, 0.0315), "fraction", {.difference = true, .with_unit = true}) ==
        "+12.4 [+9.3, +15.6] pp");
  CHECK(format_estimate(interval(0.32, 0.017), "fraction per year", {.with_unit = true}) == "32.0 [30.3, 33.7] %/yr");
}

TEST_CASE("money carries the currency and compact cells scale it") {
  EstimateStyle style{.currency = "GBP", .with_unit = true};
  CHECK(format_estimate(interval(4445314.0, 1710726.0), "currency", style) ==
        "GBP 4,400,000 [2,700,000, 6,200,000]");
  style.compact = true;
  CHECK(format_estimate(interval(4445314.0, 1710726.0), "currency", style) == "GBP 4.4M \u00b11.7M");
  CHECK(format_estimate(interval(571000.0, 52000.0), "currency", {.compact = true}) == "571k \u00b152k");
  CHECK(format_estimate(interval(39.3, 7.0), "currency/issue", style) == "GBP/issue 39.3 \u00b17.0");
}

TEST_CASE("a compact cell shows the bounds of an interval cut at the quantity's range, not a half-width beyond it") {
  // Attrition 38 %/yr with a t half-width of 63 points: the interval stops at 0.
  const Interval attrition{0.38, 0.63, 0.0, 1.01, 2, kNaN};
  CHECK(format_estimate(attrition, "fraction per year", {.compact = true}) == "38 [0, 101]");
  const Interval score{81.0, 23.0, 58.0, 100.0, 2, kNaN};
  CHECK(format_estimate(score, "score (0-100)", {.compact = true}) == "81 [58, 100]");
  const Interval money{12000.0, 20000.0, 0.0, 32000.0, 3, kNaN};
  CHECK(format_estimate(money, "currency", {.compact = true}) == "12k [0k, 32k]");
  // An interval inside the range keeps the half-width.
  CHECK(format_estimate(interval(0.38, 0.2), "fraction per year", {.compact = true}) == "38 \u00b120");
}

TEST_CASE("an estimate without an interval uses the unit's customary precision") {
  const Interval one{0.6772, kInf, -kInf, kInf, 1, kNaN};
  CHECK(format_estimate(one, "fraction") == "67.7");
  const Interval money{4445314.2, kInf, -kInf, kInf, 1, kNaN};
  CHECK(format_estimate(money, "currency") == "4,445,314");
  CHECK(format_estimate(money, "currency", {.compact = true}) == "4.45M");
}

TEST_CASE("an undefined estimate is a dash") {
  CHECK(format_estimate(interval(kNaN, kNaN), "fraction") == "-");
}

TEST_CASE("the currency is the scenario's, EUR unless it states one") {
  txsim::model::ScenarioSpec spec;
  CHECK(txsim::present::currency_of(spec) == "EUR");
  spec.currency = "CHF";
  CHECK(txsim::present::currency_of(spec) == "CHF");
}
