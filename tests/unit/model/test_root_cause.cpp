// Root-cause fixes remove first contacts (new issues) only, phased in by 30-day month.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

#include "scenario_builders.hpp"
#include "txsim/model/simulate.hpp"

using txsim::model::PeriodCounters;
using txsim::model::ScenarioSpec;
using txsim::model::simulate;
using txsim::rng::Distribution;
using txsim::rng::RunSeed;

namespace {

constexpr double kRatePerHour = 10.0;  // 240 first contacts a day, 7,200 a 30-day month
constexpr double kDays = 120.0;

// Customers who remember, agents enough that nobody waits or abandons, and issues that an agent
// resolves 30% of the time, so that most journeys repeat: P(another contact) = 0.7 x 0.8.
ScenarioSpec repeating_centre(double removed_share, double ramp_months) {
  ScenarioSpec spec = txsim::testing::single_queue(kRatePerHour, Distribution::deterministic(60.0), 60);
  spec.horizon.arrivals.reset();
  spec.horizon.days = kDays;
  auto& type = spec.contact_types[0];
  type.resolution_probability = 0.3;
  type.avoidable_share = 0.6;
  type.demand_removed_share = removed_share;
  type.demand_removed_ramp_months = ramp_months;
  spec.customers = txsim::model::CustomerSpec{};
  spec.customers->repeat_probability = 0.8;
  return spec;
}

PeriodCounters days(const txsim::model::RunResult& r, int first, int count) {
  PeriodCounters sum;
  for (int d = first; d < first + count; ++d) sum += r.day(d);
  return sum;
}

}  // namespace

TEST_CASE("a root-cause ramp removes (m + 1) / ramp of the share in month m, then all of it") {
  const double share = 0.6;
  const auto r = simulate(repeating_centre(share, 3.0), RunSeed{17, 0});
  for (int month = 0; month < 4; ++month) {
    CAPTURE(month);
    const PeriodCounters c = days(r, month * 30, 30);
    const double first_contacts = static_cast<double>(c.removed_contacts + c.journeys_started);
    const double expected = share * std::min(1.0, (month + 1) / 3.0);
    // Each first contact is removed independently with probability `expected`: binomial, z = 4.
    const double tolerance = 4.0 * std::sqrt(expected * (1.0 - expected) / first_contacts);
    CHECK(first_contacts > 6500.0);
    CHECK(std::abs(static_cast<double>(c.removed_contacts) / first_contacts - expected) <= tolerance);
  }
}

TEST_CASE("a ramp changes which month a first contact is removed in, not the draws: month 3 matches no ramp") {
  // From month `ramp` on, the threshold is the full share: the removed first contacts of the
  // last month are exactly those of a run without a ramp (same arrivals, same root-cause draws).
  const auto ramped = simulate(repeating_centre(0.6, 3.0), RunSeed{23, 0});
  const auto at_once = simulate(repeating_centre(0.6, 0.0), RunSeed{23, 0});
  CHECK(days(ramped, 90, 30).removed_contacts == days(at_once, 90, 30).removed_contacts);
  CHECK(days(ramped, 0, 30).removed_contacts < days(at_once, 0, 30).removed_contacts);
}

TEST_CASE("a root-cause fix never removes repeat contacts: repeats per issue stay as without the fix") {
  const auto without = simulate(repeating_centre(0.0, 0.0), RunSeed{31, 0}).total();
  const auto with = simulate(repeating_centre(0.6, 0.0), RunSeed{31, 0}).total();
  REQUIRE(with.removed_contacts > 0);
  CHECK(with.repeat_contacts > 0);
  const auto per_issue = [](const PeriodCounters& c) {
    return static_cast<double>(c.repeat_contacts) / static_cast<double>(c.journeys_started);
  };
  // Repeats per issue N: P(N >= k) = q^k with q = 0.7 x 0.8, so Var N = q / (1 - q)^2. Removing
  // 60% of repeats as well would cut the ratio from about 1.27 to 0.51; the test allows
  // 4 standard errors of the difference of two independent means.
  const double q = 0.7 * 0.8;
  const double variance = q / ((1.0 - q) * (1.0 - q));
  const double se = std::sqrt(variance / static_cast<double>(without.journeys_started) +
                              variance / static_cast<double>(with.journeys_started));
  CHECK(std::abs(per_issue(with) - per_issue(without)) <= 4.0 * se);
  // The level itself: q / (1 - q) = 1.27, less the repeats that fall after the horizon (about 1%
  // of journeys end in the last 1.3 days) and within about 3 standard errors (1.3% each).
  CHECK(per_issue(with) == doctest::Approx(q / (1.0 - q)).epsilon(0.05));
  // Every offered attempt is a first contact that was kept, or a repeat (no redials: no one waits).
  CHECK(with.offered == with.journeys_started + with.repeat_contacts);
}
