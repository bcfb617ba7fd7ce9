#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "scenario_builders.hpp"
#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"

using txsim::experiment::Comparison;
using txsim::experiment::ReplicationOptions;
using txsim::experiment::run_comparison;
using txsim::experiment::run_replications;
using txsim::model::Kpi;

namespace {

template <class T>
bool same_bits(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

txsim::policy::PolicySpec headcount_policy(double change) {
  txsim::policy::PolicySpec p;
  p.name = "fewer_agents";
  p.levers.headcount_change = change;
  return p;
}

// Two weeks of a 20-agent centre at a busy but stable load.
txsim::model::ScenarioSpec small_centre() { return txsim::testing::workforce_centre(20, 1100, 14); }

double variance(const std::vector<double>& x) {
  double mean = 0.0;
  for (const double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double sum = 0.0;
  for (const double v : x) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(x.size() - 1);
}

double kpi(const txsim::experiment::ReplicationKpis& r, Kpi k) { return r.total[static_cast<std::size_t>(k)]; }

}  // namespace

TEST_CASE("a comparison is bit-identical whatever the number of threads") {
  txsim::experiment::StudySpec spec{small_centre(), {}, {}, {}, {}};
  spec.policies = {headcount_policy(-0.1)};
  ReplicationOptions options;
  options.seed = 11;
  options.replications = 3;
  options.threads = 1;
  const Comparison one = run_comparison(spec, options);
  options.threads = 2;
  const Comparison two = run_comparison(spec, options);
  REQUIRE(one.variants.size() == 2);
  REQUIRE(two.variants.size() == 2);
  for (std::size_t v = 0; v < 2; ++v) {
    const auto& a = one.variants[v];
    const auto& b = two.variants[v];
    for (std::size_t r = 0; r < 3; ++r) {
      CHECK(same_bits(a.result.replications[r].total, b.result.replications[r].total));
      CHECK(same_bits(a.result.replications[r].ex_total, b.result.replications[r].ex_total));
      CHECK(same_bits(a.result.replications[r].months, b.result.replications[r].months));
    }
    CHECK(same_bits(a.scores, b.scores));
    CHECK(same_bits(a.business_cases, b.business_cases));
    CHECK(same_bits(a.npv_vs_baseline, b.npv_vs_baseline));
    CHECK(same_bits(a.score_diff, b.score_diff));
    CHECK(same_bits(a.component_scores, b.component_scores));
    CHECK(same_bits(a.component_diff, b.component_diff));
  }
}

TEST_CASE("the baseline of a comparison is run_replications of the scenario") {
  txsim::experiment::StudySpec spec{small_centre(), {}, {}, {}, {}};
  spec.policies = {headcount_policy(0.1)};
  ReplicationOptions options;
  options.seed = 4;
  options.replications = 2;
  const Comparison c = run_comparison(spec, options);
  const auto direct = run_replications(spec.centre, options);
  const auto& base = c.variants.front();
  CHECK(base.name == "baseline");
  CHECK_FALSE(base.verdict.has_value());
  CHECK(std::isnan(base.score_diff[0].mean));
  CHECK(base.npv_vs_baseline.empty());
  REQUIRE(base.result.replications.size() == direct.replications.size());
  for (std::size_t r = 0; r < direct.replications.size(); ++r) {
    const auto& x = base.result.replications[r];
    const auto& y = direct.replications[r];
    CHECK(same_bits(x.total, y.total));
    CHECK(same_bits(x.ex_total, y.ex_total));
    CHECK(same_bits(x.days, y.days));
    CHECK(same_bits(x.months, y.months));
    CHECK(same_bits(x.ex_months, y.ex_months));
  }
  CHECK(same_bits(base.result.total, direct.total));
  CHECK(c.variants[1].name == "fewer_agents");
  CHECK(c.variants[1].verdict.has_value());
}

TEST_CASE("a policy with no levers differs from the baseline by exactly zero") {
  txsim::experiment::StudySpec spec{small_centre(), {}, {}, {}, {}};
  txsim::policy::PolicySpec nothing;
  nothing.name = "nothing";
  spec.policies = {nothing};
  ReplicationOptions options;
  options.seed = 9;
  options.replications = 3;
  const Comparison c = run_comparison(spec, options);
  const auto& v = c.variants[1];
  for (const auto& d : v.score_diff) {
    if (d.n == 0) continue;
    CHECK(d.mean == 0.0);
    CHECK(d.half_width == 0.0);
  }
  CHECK(v.score_diff[3].n == 3);  // TX is defined
  for (const auto& d : v.kpi_diff)
    if (d.n > 0) CHECK(d.mean == 0.0);
  for (const auto& d : v.ex_kpi_diff)
    if (d.n > 0) CHECK(d.mean == 0.0);
  for (const auto& d : v.business_case_diff)
    if (d.n > 0) CHECK(d.mean == 0.0);
  for (const double npv : v.npv_vs_baseline) CHECK(npv == 0.0);
  REQUIRE(v.verdict.has_value());
  CHECK(v.verdict->verdict == txsim::score::Verdict::NoDifference);
}

TEST_CASE("implementation costs enter the business case and the NPV exactly, and the break-even budget zeroes it") {
  // A lever with no effect (tool friction with zero effect sizes) but a cost: the centre runs as
  // the baseline, so every difference is the implementation cost alone, computable by hand.
  txsim::experiment::StudySpec spec{small_centre(), {}, {}, {}, {}};  // 14 days, 20 agents
  spec.lever_effects.tool_friction_handle_time_reduction = 0.0;
  spec.lever_effects.tool_friction_strain_relief = 0.0;
  auto& cost = spec.lever_costs.costs[static_cast<std::size_t>(txsim::policy::Lever::ToolFrictionFix)];
  cost = {500.0, 30.0, txsim::policy::CostScaling::StrengthAndAgents};
  txsim::policy::PolicySpec desktop;
  desktop.name = "desktop";
  desktop.levers.tool_friction_fix = 0.5;
  spec.policies = {desktop};
  ReplicationOptions options;
  options.seed = 5;
  options.replications = 2;
  const Comparison c = run_comparison(spec, options);
  const auto& v = c.variants[1];
  // By hand: one-off 500 x 0.5 x 20 = 5,000; running 30 x 0.5 x 20 = 300 a month, 140 over 14
  // days, paid mid-month (t = 15/365 years) at the scorecard's 8% a year.
  CHECK(v.implementation.one_off == 5000.0);
  CHECK(v.implementation.per_month == 300.0);
  const double running = 300.0 * 14.0 / 30.0;
  const double discounted_running = running / std::pow(1.08, 15.0 / 365.0);
  const std::size_t implementation = 4;
  REQUIRE(v.business_cases.size() == 2);
  for (std::size_t r = 0; r < 2; ++r) {
    CAPTURE(r);
    CHECK(v.business_cases[r].implementation == doctest::Approx(5000.0 + running).epsilon(1e-14));
    CHECK(v.business_cases[r].operating - c.variants[0].business_cases[r].operating ==
          doctest::Approx(5000.0 + running).epsilon(1e-12));
    CHECK(v.npv_vs_baseline[r] == doctest::Approx(-5000.0 - discounted_running).epsilon(1e-12));
    CHECK(v.npv_excl_churn_vs_baseline[r] == doctest::Approx(-5000.0 - discounted_running).epsilon(1e-12));
    CHECK(v.break_even_budget[r] == doctest::Approx(-discounted_running).epsilon(1e-12));
  }
  CHECK(v.business_case_diff[implementation].mean == doctest::Approx(5000.0 + running).epsilon(1e-14));
  CHECK(c.variants[0].implementation.one_off == 0.0);
  CHECK(c.variants[0].break_even_budget.empty());

  // With the one-off set to the break-even budget the NPV is 0. Shorter contacts save nothing on a
  // fixed roster without customers, so take a lever that saves wages: a 10% headcount cut.
  txsim::policy::PolicySpec leaner;
  leaner.name = "leaner";
  leaner.levers.headcount_change = -0.1;
  spec.policies = {leaner};
  auto& severance = spec.lever_costs.costs[static_cast<std::size_t>(txsim::policy::Lever::HeadcountChange)];
  severance = {500.0, 30.0, txsim::policy::CostScaling::StrengthAndAgents};  // strength 0.1 x 20 agents: 1,000 and 60
  const Comparison saving = run_comparison(spec, options);
  const auto& s = saving.variants[1];
  CHECK(s.implementation.one_off == doctest::Approx(1000.0).epsilon(1e-15));
  REQUIRE(s.break_even_budget_summary.mean > 0.0);
  for (std::size_t r = 0; r < 2; ++r)
    CHECK(s.break_even_budget[r] == doctest::Approx(s.npv_vs_baseline[r] + 1000.0).epsilon(1e-12));
  severance.one_off = s.break_even_budget_summary.mean / (0.1 * 20.0);
  const Comparison even = run_comparison(spec, options);
  CHECK(std::abs(even.variants[1].npv_summary.mean) <= 1e-9 * s.break_even_budget_summary.mean);
}

TEST_CASE("common random numbers shrink the variance of paired differences") {
  // Measured with this set-up (20 replications, seed 21): variance of the per-replication
  // differences with shared seeds / with independent seeds = 0.17 for the service level and 0.15
  // for TX; across seeds 1..7 the service-level ratio stays between 0.07 and 0.29.
  txsim::experiment::StudySpec spec{txsim::testing::workforce_centre(20, 1400, 14), {}, {}, {}, {}};
  spec.policies = {headcount_policy(-0.1)};
  ReplicationOptions options;
  options.seed = 21;
  options.replications = 20;
  const Comparison shared = run_comparison(spec, options);
  options.seed += 1000;
  const Comparison independent = run_comparison(spec, options);
  const auto& base = shared.variants[0];
  const auto& policy_shared = shared.variants[1];
  const auto& policy_independent = independent.variants[1];
  std::vector<double> sl_shared;
  std::vector<double> sl_independent;
  std::vector<double> tx_shared;
  std::vector<double> tx_independent;
  for (std::size_t r = 0; r < base.scores.size(); ++r) {
    const double sl = kpi(base.result.replications[r], Kpi::ServiceLevel);
    sl_shared.push_back(kpi(policy_shared.result.replications[r], Kpi::ServiceLevel) - sl);
    sl_independent.push_back(kpi(policy_independent.result.replications[r], Kpi::ServiceLevel) - sl);
    tx_shared.push_back(policy_shared.scores[r].tx - base.scores[r].tx);
    tx_independent.push_back(policy_independent.scores[r].tx - base.scores[r].tx);
  }
  const double sl_ratio = variance(sl_shared) / variance(sl_independent);
  const double tx_ratio = variance(tx_shared) / variance(tx_independent);
  MESSAGE("variance ratio shared / independent seeds: service level " << sl_ratio << ", TX " << tx_ratio);
  CHECK(sl_ratio < 0.5);
  CHECK(tx_ratio < 0.5);
  // Fewer agents: a lower service level, seen clearly thanks to the paired design.
  CHECK(policy_shared.kpi_diff[static_cast<std::size_t>(Kpi::ServiceLevel)].hi < 0.0);
}

TEST_CASE("component scores: the indices are their weighted means and the cost components are relative to the baseline") {
  txsim::experiment::StudySpec spec{txsim::testing::journey_centre(20, 1100, 14), {}, {}, {}, {}};
  spec.policies = {headcount_policy(-0.1)};
  spec.scorecard.fatigue_mean.weight = 0.0;  // the default: reported, not scored
  ReplicationOptions options;
  options.seed = 5;
  options.replications = 3;
  const Comparison c = run_comparison(spec, options);
  const std::size_t cost = txsim::score::kScoreComponents.size();  // cost_per_issue
  const std::size_t operating = cost + 1;                          // operating_cost_per_issue
  REQUIRE(txsim::score::kComponentInfo[cost].name == "cost_per_issue");
  for (std::size_t i = 0; i < c.variants.size(); ++i) {
    const auto& v = c.variants[i];
    REQUIRE(v.component_scores.size() == 3);
    for (std::size_t r = 0; r < 3; ++r) {
      // The baseline is its own reference: exactly 50 on each cost component.
      if (i == 0) {
        CHECK(v.component_scores[r][cost] == 50.0);
        CHECK(v.component_scores[r][operating] == 50.0);
      }
      CHECK(v.scores[r].cost == v.component_scores[r][cost]);  // the only cost component with weight
      CHECK(txsim::score::score(spec.scorecard, v.component_scores[r]).tx == v.scores[r].tx);
    }
  }
  CHECK(c.component_weights[operating] == 0.0);
  CHECK(c.component_weights[cost] == 1.0);
  const auto& fewer = c.variants[1];
  CHECK(std::isnan(c.variants[0].component_diff[cost].mean));
  CHECK(fewer.component_diff[cost].n == 3);
  CHECK(fewer.component_diff[cost].mean == doctest::Approx(fewer.score_diff[2].mean));
}
