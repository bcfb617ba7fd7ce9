#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "txsim/present/comparison_table.hpp"
#include "txsim/present/text_table.hpp"

namespace {

using txsim::experiment::Comparison;
using txsim::experiment::Variant;
using txsim::stats::Interval;

Interval interval(double mean, double half_width) {
  return {mean, half_width, mean - half_width, mean + half_width, 10, std::numeric_limits<double>::quiet_NaN()};
}

template <std::size_t N>
void fill(std::array<Interval, N>& summary, double scale, double spread) {
  for (std::size_t k = 0; k < N; ++k) summary[k] = interval(scale * (1.0 + 0.37 * static_cast<double>(k)), spread);
}

// A comparison of `policies` policies with long names and large, wide-ranging numbers: the
// worst case for a table's width.
Comparison wide_comparison(int policies) {
  Comparison c;
  c.variants.resize(static_cast<std::size_t>(policies) + 1);
  for (std::size_t i = 0; i < c.variants.size(); ++i) {
    Variant& v = c.variants[i];
    v.name = i == 0 ? "baseline" : "policy_with_a_rather_long_name_" + std::to_string(i);
    v.levers.headcount_change = 0.1;
    v.levers.root_cause_fix = 0.5;
    v.result.has_workforce = true;
    fill(v.result.total, 12345678.9, 1234567.8);
    fill(v.result.ex_total, 0.123456, 0.000123);
    fill(v.score_summary, 55.5, 0.0123);
    fill(v.business_case_summary, 98765432.1, 0.5);
    if (i > 0) {
      fill(v.score_diff, -12.3, 45.6);
      fill(v.kpi_diff, -0.000123, 0.0000045);
      fill(v.ex_kpi_diff, 0.5, 0.25);
      fill(v.business_case_diff, -987654.3, 123.4);
      v.npv_summary = interval(-12345678.9, 9876543.2);
      v.npv_excl_churn_summary = interval(-2345678.9, 876543.2);
      v.break_even_budget_summary = interval(-11345678.9, 9876543.2);
      v.break_even_budget_excl_churn_summary = interval(-1345678.9, 876543.2);
      v.implementation = {1234567.0, 34567.0};
      v.verdict = txsim::score::VerdictLine{txsim::score::Verdict::TradeOff,
                                            "trade-off: customers gain (CX +6.1), agents pay (EX -9.4), cost +2.0 "
                                            "(n.s.), and a long explanation that has to wrap onto a second line"};
    }
  }
  return c;
}

std::size_t widest_line(const std::string& text) {
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) widest = std::max(widest, txsim::present::display_width(line));
  return widest;
}

const txsim::present::TableHeading kHeading{"a_scenario", 1, 10, "EUR"};

}  // namespace

TEST_CASE("the summary table of many policies with large numbers fits 120 columns") {
  for (int policies : {1, 5, 12}) {
    CAPTURE(policies);
    const std::string table = txsim::present::comparison_summary_table(kHeading, wide_comparison(policies));
    CHECK(widest_line(table) <= 120);
    CHECK(table.find("\u0394 policy_with_a_rather_long_name_" + std::to_string(policies)) != std::string::npos);
  }
}

TEST_CASE("the full table pages its policy columns instead of running off the edge") {
  const std::string table = txsim::present::comparison_full_table(kHeading, wide_comparison(8));
  CHECK(widest_line(table) <= 120);
  CHECK(table.find("policy_with_a_rather_long_name_8") != std::string::npos);
  CHECK(table.find("wages (EUR)") != std::string::npos);
  CHECK(table.find("cost_per_issue (EUR/issue)") != std::string::npos);
}

TEST_CASE("the summary table shows the verdict, wages and cost per issue with the currency") {
  const std::string table = txsim::present::comparison_summary_table({"s", 1, 10, "USD"}, wide_comparison(2));
  CHECK(table.find("trade-off") != std::string::npos);
  CHECK(table.find("wages") != std::string::npos);
  CHECK(table.find("cost/issue") != std::string::npos);
  CHECK(table.find("USD") != std::string::npos);
  CHECK(table.find("EUR") == std::string::npos);
}

TEST_CASE("a narrower terminal gets a narrower table") {
  const std::string table = txsim::present::comparison_summary_table(kHeading, wide_comparison(3), 80);
  CHECK(widest_line(table) <= 80);
}

TEST_CASE("the summary table's business case shows implementation costs, NPVs with and without churn and break-even") {
  const std::string table = txsim::present::comparison_summary_table(kHeading, wide_comparison(2));
  CHECK(table.find("business case") != std::string::npos);
  CHECK(table.find("break-even") != std::string::npos);
  CHECK(table.find("NPV excl.") != std::string::npos);
  CHECK(table.find("1.23M") != std::string::npos);  // the one-off, a stated cost: no interval
  CHECK(widest_line(table) <= 120);
}

TEST_CASE("the full table has a row for each NPV and break-even budget and for the implementation cost") {
  const std::string table = txsim::present::comparison_full_table(kHeading, wide_comparison(2));
  for (const auto& value : txsim::experiment::kPolicyValues)
    CHECK(table.find(std::string(value.name) + " (EUR)") != std::string::npos);
  CHECK(table.find("implementation (EUR)") != std::string::npos);
}
