#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "scenario_builders.hpp"
#include "txsim/analytic/staffing.hpp"
#include "txsim/staffing/requirement.hpp"

using txsim::analytic::QueueModel;
using txsim::model::Weekday;
using txsim::rng::Distribution;
using txsim::staffing::erlang_requirement;
using txsim::staffing::RequirementTargets;
using txsim::staffing::workload_of;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

RequirementTargets service_level_target(double target) {
  RequirementTargets t;
  t.service_level = target;
  return t;
}

// 1 000 contacts on a day with factor 1, over 08:00-16:00 with a peak at 10:00.
txsim::model::ScenarioSpec profiled_centre() {
  auto spec = txsim::testing::single_queue(0.0, Distribution::exponential(240), 10, Distribution::exponential(120));
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 1000;
  spec.demand.intraday_profile.assign(24, 0.0);
  const double weights[] = {1, 2, 4, 3, 2, 2, 1, 1};
  for (int h = 0; h < 8; ++h) spec.demand.intraday_profile[static_cast<std::size_t>(8 + h)] = weights[h];
  spec.demand.day_of_week_factors = {1.0, 1.0, 1.0, 1.0, 1.2, 0.5, 0.0};
  return spec;
}

}  // namespace

TEST_CASE("constant demand gives one day of the exact Erlang C minimum in every interval") {
  const auto spec = txsim::testing::single_queue(144, Distribution::exponential(60), 3);
  const auto plan = erlang_requirement(spec, service_level_target(0.8));
  CHECK(plan.workload.model == QueueModel::ErlangC);
  REQUIRE(plan.intervals.size() == 24);
  const int exact = txsim::analytic::agents_for_service_level(QueueModel::ErlangC, 144 / 3600.0, 60, kInf, 20, 0.8);
  for (const auto& r : plan.intervals) {
    CHECK_FALSE(r.weekday.has_value());
    CHECK(r.agents == exact);
    CHECK(r.offered_load_erlangs == doctest::Approx(2.4));
  }
}

TEST_CASE("exponential patience gives the exact Erlang A minimum for both targets") {
  const auto spec = txsim::testing::single_queue(144, Distribution::exponential(60), 2, Distribution::exponential(60));
  RequirementTargets targets = service_level_target(0.8);
  targets.max_abandon_rate = 0.02;
  const auto plan = erlang_requirement(spec, targets);
  CHECK(plan.workload.model == QueueModel::ErlangA);
  CHECK(plan.workload.mean_patience_s == 60);
  const double rate = 144 / 3600.0;
  const int exact = std::max(txsim::analytic::agents_for_service_level(QueueModel::ErlangA, rate, 60, 60, 20, 0.8),
                             txsim::analytic::agents_for_abandon_rate(QueueModel::ErlangA, rate, 60, 60, 0.02));
  CHECK(plan.intervals.front().agents == exact);
  CHECK(plan.intervals.front().service_level >= 0.8);
  CHECK(plan.intervals.front().abandon_rate <= 0.02);
}

TEST_CASE("a patience that is not exponential is replaced by an exponential of the same mean and the reason says so") {
  const auto spec =
      txsim::testing::single_queue(144, Distribution::exponential(60), 2, Distribution::weibull(90, 0.8));
  const auto workload = workload_of(spec);
  CHECK(workload.model == QueueModel::ErlangA);
  CHECK(workload.mean_patience_s == doctest::Approx(90));
  CHECK(workload.reason.find("approximation") != std::string::npos);
}

TEST_CASE("the mean service time adds wrap-up, weights contact types by share and groups by staffed hours") {
  auto spec = txsim::testing::single_queue(144, Distribution::exponential(200), 3);
  spec.contact_types.front().share = 0.25;
  spec.contact_types.front().after_call_work = Distribution::deterministic(40);
  auto second = spec.contact_types.front();
  second.name = "billing";
  second.share = 0.75;
  second.handle_time = Distribution::lognormal(400, 0.5);
  second.after_call_work = Distribution::deterministic(0);
  spec.contact_types.push_back(second);
  auto slow = spec.agent_groups.front();
  slow.name = "new";
  slow.headcount = {1};
  slow.handle_time_multiplier = 1.4;
  spec.agent_groups.push_back(slow);
  // 3 agents at speed 1 and 1 agent at 1.4, all day: mean multiplier 1.1.
  CHECK(workload_of(spec).mean_service_s == doctest::Approx((0.25 * 240 + 0.75 * 400) * 1.1));
}

TEST_CASE("profiled demand spreads each weekday's volume over the profile and needs nobody where there is none") {
  const auto spec = profiled_centre();
  const auto plan = erlang_requirement(spec, service_level_target(0.8));
  REQUIRE(plan.intervals.size() == 7 * 24);
  for (int d = 0; d < 7; ++d) {
    double volume = 0.0;
    for (int i = 0; i < 24; ++i) {
      const auto& r = plan.intervals[static_cast<std::size_t>(d * 24 + i)];
      CHECK(r.weekday == static_cast<Weekday>(d));
      volume += r.arrival_rate_per_hour;
      if (r.arrival_rate_per_hour == 0.0) CHECK(r.agents == 0);
      else CHECK(r.agents >= 1);
    }
    CHECK(volume == doctest::Approx(1000 * spec.demand.day_of_week_factors[static_cast<std::size_t>(d)]));
  }
  // Monday 10:00 holds 4/16 of 1 000 contacts in its hour.
  CHECK(plan.intervals[10].arrival_rate_per_hour == doctest::Approx(250));
  CHECK(plan.intervals[10].agents ==
        txsim::analytic::agents_for_service_level(QueueModel::ErlangA, 250 / 3600.0, 240, 120, 20, 0.8));
}

TEST_CASE("shrinkage inflates scheduled agents and the occupancy cap adds agents until it holds") {
  const auto spec = txsim::testing::single_queue(600, Distribution::exponential(300), 60);
  RequirementTargets loose = service_level_target(0.5);
  const auto base = erlang_requirement(spec, loose).intervals.front();
  loose.shrinkage = 0.3;
  loose.max_occupancy = 0.85;
  const auto capped = erlang_requirement(spec, loose).intervals.front();
  // 50 erlangs: a cap of 0.85 needs ceil(50 / 0.85) = 59 agents under Erlang C.
  CHECK(base.agents < 59);
  CHECK(capped.agents == 59);
  CHECK(capped.occupancy <= 0.85);
  CHECK(capped.scheduled == static_cast<int>(std::ceil(59 / 0.7)));
}

TEST_CASE("targets out of range, missing, or abandonment under Erlang C are refused with the target named") {
  const auto spec = txsim::testing::single_queue(144, Distribution::exponential(60), 3);
  CHECK_THROWS_WITH_AS(erlang_requirement(spec, RequirementTargets{}), doctest::Contains("no target"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(erlang_requirement(spec, service_level_target(1.0)), doctest::Contains("service level target"),
                       std::invalid_argument);
  RequirementTargets abandon;
  abandon.max_abandon_rate = 0.05;
  CHECK_THROWS_WITH_AS(erlang_requirement(spec, abandon), doctest::Contains("Erlang C"), std::invalid_argument);
  RequirementTargets shrink = service_level_target(0.8);
  shrink.shrinkage = 1.0;
  CHECK_THROWS_WITH_AS(erlang_requirement(spec, shrink), doctest::Contains("shrinkage"), std::invalid_argument);
}
