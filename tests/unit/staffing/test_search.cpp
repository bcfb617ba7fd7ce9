#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scenario_builders.hpp"
#include "txsim/staffing/search.hpp"

using txsim::model::Kpi;
using txsim::rng::Distribution;
using txsim::staffing::parse_target;
using txsim::staffing::search_staffing;
using txsim::staffing::SearchOptions;
using txsim::staffing::with_headcount;

TEST_CASE("targets parse into a KPI, a direction and a value") {
  const auto sl = parse_target("service_level>=0.8");
  CHECK(sl.kpi == Kpi::ServiceLevel);
  CHECK(sl.at_least);
  CHECK(sl.value == 0.8);
  const auto abandon = parse_target("abandon_rate<=0.05");
  CHECK(abandon.kpi == Kpi::AbandonRate);
  CHECK_FALSE(abandon.at_least);
  CHECK(to_string(abandon) == "abandon_rate<=0.05");
}

TEST_CASE("unknown KPIs, wrong directions, impossible values and malformed text are refused with the text") {
  CHECK_THROWS_WITH_AS(parse_target("service_levle>=0.8"), doctest::Contains("unknown KPI \"service_levle\""),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("asa_s<=20"), doctest::Contains("cannot target"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("service_level<=0.8"), doctest::Contains("lower bound"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("service_level>=1"), doctest::Contains("[0, 1)"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("abandon_rate<=0"), doctest::Contains("(0, 1]"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("service_level=0.8"), doctest::Contains("KPI>=VALUE"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_target("service_level>=high"), doctest::Contains("not a number"),
                       std::invalid_argument);
}

TEST_CASE("a headcount replaces the group's shifts and collapses to one value when constant") {
  auto spec = txsim::testing::workforce_centre(10, 500, 5);
  spec.workforce.reset();
  const auto flat = with_headcount(spec, std::vector<int>(24, 3));
  CHECK(flat.agent_groups.front().shifts.empty());
  CHECK(flat.agent_groups.front().headcount == std::vector<int>{3});
  std::vector<int> varying(24, 0);
  varying[9] = 4;
  CHECK(with_headcount(spec, varying).agent_groups.front().headcount == varying);
}

TEST_CASE("several groups, employee dynamics and a cap below the Erlang answer are refused before simulating") {
  SearchOptions options;
  options.targets = {parse_target("service_level>=0.8")};
  auto two_groups = txsim::testing::single_queue(144, Distribution::exponential(60), 3);
  two_groups.agent_groups.push_back(two_groups.agent_groups.front());
  two_groups.agent_groups.back().name = "second";
  CHECK_THROWS_WITH_AS(search_staffing(two_groups, options), doctest::Contains("one agent group"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(search_staffing(txsim::testing::workforce_centre(10, 500, 5), options),
                       doctest::Contains("fixed roster"), std::invalid_argument);
  options.max_agents_per_interval = 3;
  CHECK_THROWS_WITH_AS(search_staffing(txsim::testing::single_queue(144, Distribution::exponential(60), 3), options),
                       doctest::Contains("above the cap of 3"), std::domain_error);
}

TEST_CASE("a target still failing at the cap is an error naming the target and the period") {
  SearchOptions options;
  options.targets = {parse_target("service_level>=0.95")};
  // Erlang C needs 5 agents (exact service level 0.952), too close to 0.95 for 4 short
  // replications to show, and the cap forbids a sixth.
  options.max_agents_per_interval = 5;
  options.replications = 4;
  const auto spec = txsim::testing::single_queue(144, Distribution::exponential(60), 3, Distribution::none(), 3000);
  CHECK_THROWS_WITH_AS(search_staffing(spec, options),
                       doctest::Contains("cap of 5 agents per interval: service_level>=0.95 in the horizon"),
                       std::domain_error);
}

TEST_CASE("the answer's checks are the test the search applied, and interval bounds lie on the target's side") {
  SearchOptions options;
  options.targets = {parse_target("service_level>=0.8"), parse_target("abandon_rate<=0.2")};
  options.scope = txsim::staffing::Scope::Interval;
  options.replications = 4;
  auto spec = txsim::testing::single_queue(144, Distribution::exponential(60), 3, Distribution::exponential(300), 3000);
  const auto plan = search_staffing(spec, options);
  const auto n = static_cast<std::size_t>(plan.result.intervals_per_day);
  // Every target in every interval of the day, targets first; all hold at the answer.
  REQUIRE(plan.checks.size() == 2 * n);
  CHECK(txsim::staffing::targets_hold(plan.result, options));
  for (std::size_t k = 0; k < plan.checks.size(); ++k) {
    const auto& c = plan.checks[k];
    CAPTURE(k);
    CHECK(c.target == k / n);
    CHECK(c.period == static_cast<int>(k % n));
    CHECK(c.holds);
  }
  REQUIRE(plan.interval_kpis.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& sl = plan.interval_kpis[i].service_level;
    const auto& ab = plan.interval_kpis[i].abandon_rate;
    CAPTURE(i);
    // The horizon (3000 arrivals) ends within the first day: late intervals lack samples.
    CHECK(sl.samples == plan.checks[i].estimate.samples);
    if (sl.samples < 2) {
      CHECK(std::isnan(sl.bound));
      continue;
    }
    CHECK(sl.bound <= sl.mean);
    CHECK(ab.bound >= ab.mean);
    // The interval checks of the service level target are these estimates.
    CHECK(plan.checks[i].estimate.mean == sl.mean);
    CHECK(plan.checks[i].estimate.bound == sl.bound);
    CHECK(plan.checks[n + i].estimate.bound == ab.bound);
  }
  // A staffing that fails somewhere shows it in the checks.
  txsim::experiment::ReplicationOptions run;
  run.replications = 4;
  run.detail = txsim::experiment::Detail::Interval;
  const auto thin = txsim::experiment::run_replications(with_headcount(spec, std::vector<int>(n, 1)), run);
  const auto checks = txsim::staffing::check_targets(thin, options);
  CHECK(std::any_of(checks.begin(), checks.end(), [](const auto& c) { return !c.holds; }));
  CHECK_FALSE(txsim::staffing::targets_hold(thin, options));
}
