#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "scenario_builders.hpp"
#include "txsim/staffing/hiring_plan.hpp"
#include "txsim/stats/confidence.hpp"

using txsim::model::Kpi;
using txsim::staffing::apportion_seats;
using txsim::staffing::conventional_seats;
using txsim::staffing::HiringPlanOptions;
using txsim::staffing::parse_target;
using txsim::staffing::plan_hiring;

namespace {

// Two months of a small centre (about 5 agents' work on one 08:00-16:00 shift every day) with
// every employee mechanism at its default. No breaks: on a single shift everybody would take them
// at once and leave the queue unattended, whatever the headcount.
txsim::model::ScenarioSpec small_centre() {
  auto spec = txsim::testing::workforce_centre(6, 300, 60);
  spec.agent_groups.front().shifts.front().breaks.clear();
  return spec;
}

HiringPlanOptions options_for(const char* target) {
  HiringPlanOptions options;
  options.targets = {parse_target(target)};
  options.replications = 4;
  options.seed = 11;
  return options;
}

}  // namespace

TEST_CASE("seats spread over shifts like the rota, reproduce it at its size and never leave a shift") {
  const std::vector<int> rota{3, 5, 0, 2};
  CHECK(apportion_seats(rota, 10) == rota);
  std::vector<int> previous(rota.size(), 0);
  for (int seats = 0; seats <= 40; ++seats) {
    const std::vector<int> counts = apportion_seats(rota, seats);
    CHECK(std::accumulate(counts.begin(), counts.end(), 0) == seats);
    CHECK(counts[2] == 0);
    for (std::size_t j = 0; j < rota.size(); ++j) CHECK(counts[j] >= previous[j]);
    previous = counts;
  }
  CHECK(apportion_seats(rota, 20) == std::vector<int>{6, 10, 0, 4});
}

TEST_CASE("the conventional plan divides the Erlang requirement by the kept share and grows with shrinkage") {
  auto spec = small_centre();
  auto options = options_for("service_level>=0.8");
  options.planner_shrinkage = 0.0;
  options.planner_annual_attrition = 0.0;
  const int bare = conventional_seats(spec, options);
  // Erlang A: 37.5 contacts/hour x 260 s = 2.7 erlangs in every open hour; the exact minimum
  // for 80% within 20 s with mean patience 180 s is 5 agents, and one shift covers every hour.
  CHECK(bare == 5);
  int previous = bare;
  for (double shrinkage : {0.05, 0.1, 0.2, 0.3}) {
    options.planner_shrinkage = shrinkage;
    const int seats = conventional_seats(spec, options);
    CHECK(seats >= previous);
    previous = seats;
  }
  options.planner_shrinkage = 0.0;
  options.planner_annual_attrition = 0.9;
  CHECK(conventional_seats(spec, options) >= bare);
}

TEST_CASE("hiring plans refuse unsuitable scenarios and options before simulating, naming the cause") {
  const auto options = options_for("service_level>=0.8");
  auto fixed = small_centre();
  fixed.workforce.reset();
  CHECK_THROWS_WITH_AS(plan_hiring(fixed, options), doctest::Contains("needs employee dynamics"),
                       std::invalid_argument);
  auto no_hiring = small_centre();
  no_hiring.workforce->hiring.mode = txsim::model::HiringMode::None;
  CHECK_THROWS_WITH_AS(plan_hiring(no_hiring, options), doctest::Contains("mode none never hires"),
                       std::invalid_argument);
  auto headcount = small_centre();
  headcount.agent_groups.front().shifts.clear();
  headcount.agent_groups.front().headcount = {6};
  CHECK_THROWS_WITH_AS(plan_hiring(headcount, options), doctest::Contains("no shift with agents"),
                       std::invalid_argument);
  auto short_shift = small_centre();
  short_shift.agent_groups.front().shifts.front().length_h = 4;
  CHECK_THROWS_WITH_AS(plan_hiring(short_shift, options),
                       doctest::Contains("contacts arrive on monday at 12:00 but no shift of the rota covers"),
                       std::invalid_argument);
  auto no_target = options;
  no_target.targets.clear();
  CHECK_THROWS_WITH_AS(plan_hiring(small_centre(), no_target), doctest::Contains("no target"), std::invalid_argument);
  auto bad_rate = options;
  bad_rate.planner_shrinkage = 1.0;
  CHECK_THROWS_WITH_AS(plan_hiring(small_centre(), bad_rate), doctest::Contains("shrinkage must be in [0, 1)"),
                       std::invalid_argument);
  auto tiny_cap = options;
  tiny_cap.max_seats = 2;
  CHECK_THROWS_WITH_AS(plan_hiring(small_centre(), tiny_cap), doctest::Contains("cap of 2 seats"),
                       std::domain_error);
}

TEST_CASE("a target no roster up to the seat cap meets in some month is an error naming target and month") {
  // One shift whose agents all take their breaks at once: for 45 minutes a day nobody answers,
  // whatever the headcount, so abandonment stays above 5% while Erlang (which spreads the break
  // over its interval) predicts a few seats enough.
  auto spec = txsim::testing::workforce_centre(6, 300, 60);
  auto options = options_for("abandon_rate<=0.05");
  options.max_seats = 12;
  REQUIRE(conventional_seats(spec, options) < 12);
  CHECK_THROWS_WITH_AS(plan_hiring(spec, options),
                       doctest::Contains("no hiring plan up to the cap of 12 seats meets every month's targets: "
                                         "abandon_rate<=0.05 in month"),
                       std::domain_error);
}

TEST_CASE("the optimised hiring plan meets the target in every month, by the stated test, at no more cost") {
  const auto spec = small_centre();
  const auto options = options_for("service_level>=0.8");
  const auto plan = plan_hiring(spec, options);
  REQUIRE(plan.optimised.months.size() == 2);
  CHECK(plan.optimised.failures.empty());
  // The stated test, recomputed here: the one-sided 95% Student t lower bound of each month's
  // service level over the replications clears 0.8.
  for (std::size_t m = 0; m < plan.optimised.months.size(); ++m) {
    std::vector<double> samples;
    for (const auto& r : plan.optimised.result.replications)
      samples.push_back(r.months[m][static_cast<std::size_t>(Kpi::ServiceLevel)]);
    CHECK(txsim::stats::mean_ci(samples, 0.90).lo >= 0.8);
    CHECK(plan.optimised.months[m].meets_targets);
  }
  if (plan.conventional.failures.empty())
    CHECK(plan.optimised.total_cost.mean <= plan.conventional.total_cost.mean);
  // A cautious planner (30% shrinkage) overstaffs and passes: the optimised plan costs no more.
  auto cautious = options;
  cautious.planner_shrinkage = 0.3;
  const auto overstaffed = plan_hiring(spec, cautious);
  REQUIRE(overstaffed.conventional.failures.empty());
  CHECK(overstaffed.conventional.seats > plan.conventional.seats);
  CHECK(overstaffed.optimised.seats <= overstaffed.conventional.seats);
  CHECK(overstaffed.optimised.total_cost.mean <= overstaffed.conventional.total_cost.mean);
  CHECK(overstaffed.cost_difference.mean <= 0.0);
  // The least passing roster: one seat fewer was simulated and fails some month, unless a
  // fuller roster was cheaper.
  const int fewer = plan.optimised.seats - 1;
  const bool fewer_tried =
      std::find(plan.seats_tried.begin(), plan.seats_tried.end(), fewer) != plan.seats_tried.end();
  CHECK((fewer_tried || plan.optimised.seats > plan.conventional.seats));
  CHECK(plan.evaluations == static_cast<int>(plan.seats_tried.size()));
  CHECK(plan.optimised.shift_counts == std::vector<int>{plan.optimised.seats});
}

TEST_CASE("a hiring plan is bit-identical whatever the thread count") {
  const auto spec = small_centre();
  auto options = options_for("abandon_rate<=0.05");
  options.threads = 1;
  const auto one = plan_hiring(spec, options);
  options.threads = 3;
  const auto three = plan_hiring(spec, options);
  CHECK(one.seats_tried == three.seats_tried);
  CHECK(one.optimised.seats == three.optimised.seats);
  CHECK(one.optimised.total_cost.mean == three.optimised.total_cost.mean);
  CHECK(one.conventional.months.back().service_level == three.conventional.months.back().service_level);
  CHECK(one.cost_difference.mean == three.cost_difference.mean);
}
