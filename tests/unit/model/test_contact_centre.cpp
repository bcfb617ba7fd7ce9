#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "scenario_builders.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/model/simulate.hpp"

using txsim::model::Kpi;
using txsim::model::PeriodCounters;
using txsim::model::ScenarioSpec;
using txsim::model::simulate;
using txsim::rng::Distribution;
using txsim::rng::RunSeed;
using txsim::testing::single_queue;

namespace {

double kpi(const txsim::model::RunResult& r, Kpi k) {
  const auto waits = r.total_waits();
  return txsim::model::compute_kpis(r.total(), &waits)[static_cast<std::size_t>(k)];
}

ScenarioSpec one_agent_shift(double shift_h, double handle_s) {
  ScenarioSpec spec = single_queue(3600, Distribution::deterministic(handle_s), 0);
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 3.0;
  spec.agent_groups[0].headcount.clear();
  txsim::model::ShiftSpec shift;
  shift.start_h = 0.0;
  shift.length_h = shift_h;
  shift.count = 1;
  spec.agent_groups[0].shifts = {shift};
  return spec;
}

}  // namespace

TEST_CASE("an agent whose shift ends mid-contact finishes the contact, then leaves") {
  // One agent, one-hour shift, contacts of exactly 1000 s arriving about once a second: the
  // fourth contact starts before 3600 s and ends after it.
  const auto r = simulate(one_agent_shift(1.0, 1000.0), RunSeed{3, 0});
  const PeriodCounters total = r.total();
  CHECK(total.answered == 4);
  CHECK(total.busy_agent_s == doctest::Approx(4000.0));
  CHECK(total.staffed_agent_s > 3600.0);
  CHECK(total.staffed_agent_s < 4010.0);
  CHECK(total.staffed_agent_s == doctest::Approx(total.available_agent_s));
}

TEST_CASE("a break is taken after the current contact, and for its full length") {
  ScenarioSpec spec = one_agent_shift(2.0, 1000.0);
  spec.agent_groups[0].shifts[0].breaks = {{0.5, 10.0}};  // due at 1800 s, mid-contact
  const auto r = simulate(spec, RunSeed{3, 0});
  const PeriodCounters total = r.total();
  // Contacts start at a ~ 1 s and a+1000; the break runs a+2000..a+2600; then contacts at
  // a+2600, a+3600, a+4600, a+5600 and a+6600, during which the shift ends (7200 s).
  CHECK(total.answered == 7);
  CHECK(total.staffed_agent_s - total.available_agent_s == doctest::Approx(600.0));
  CHECK(total.busy_agent_s == doctest::Approx(7000.0));
}

TEST_CASE("offered attempts are answered, abandoned, blocked or still in the system") {
  ScenarioSpec spec = single_queue(3000, Distribution::lognormal(120, 1.2), 80, Distribution::exponential(60), 30000);
  spec.contact_types[0].balk_probability = 0.1;
  spec.contact_types[0].redial_probability = 0.5;
  spec.queue.capacity = 5;
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 8.0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const auto r = simulate(spec, RunSeed{seed, 0});
    const PeriodCounters c = r.total();
    CHECK(c.offered == c.answered + c.abandoned + c.blocked + r.waiting_at_end);
    CHECK(c.blocked > 0);
    CHECK(c.balked > 0);
    CHECK(c.redials > 0);
  }
}

TEST_CASE("the same seed gives bit-identical results and another seed does not") {
  const ScenarioSpec spec = single_queue(3000, Distribution::exponential(120), 95, Distribution::exponential(90), 20000);
  const auto a = simulate(spec, RunSeed{11, 2});
  const auto b = simulate(spec, RunSeed{11, 2});
  const auto c = simulate(spec, RunSeed{11, 3});
  CHECK(a.total().wait_answered_s == b.total().wait_answered_s);
  CHECK(a.total().busy_agent_s == b.total().busy_agent_s);
  CHECK(a.events == b.events);
  CHECK(a.total().wait_answered_s != c.total().wait_answered_s);
}

TEST_CASE("with enough agents nobody waits (M/M/infinity)") {
  const auto r = simulate(single_queue(600, Distribution::exponential(60), 200), RunSeed{1, 0});
  CHECK(r.total().answered == r.total().offered);
  CHECK(r.total().wait_answered_s == 0.0);
  CHECK(r.total().waiting_contact_s == 0.0);
  CHECK(kpi(r, Kpi::ServiceLevel) == 1.0);
}

TEST_CASE("a full waiting room blocks and capacity 0 makes a loss system") {
  ScenarioSpec spec = single_queue(600, Distribution::exponential(60), 5);
  spec.queue.capacity = 0;
  const auto r = simulate(spec, RunSeed{1, 0});
  const PeriodCounters c = r.total();
  CHECK(c.blocked > 0);
  CHECK(c.wait_answered_s == 0.0);
  CHECK(c.offered == c.answered + c.blocked + r.waiting_at_end);
}

TEST_CASE("balking happens only when all agents are busy, with the configured probability") {
  ScenarioSpec spec = single_queue(3300, Distribution::exponential(60), 55, Distribution::none(), 100000);
  spec.contact_types[0].balk_probability = 0.3;
  const auto r = simulate(spec, RunSeed{5, 0});
  const PeriodCounters c = r.total();
  // Without patience everyone who stays is answered; those who found all agents busy are the
  // balkers plus the answered who waited a positive time.
  const auto waits = r.total_waits();
  const double waited = static_cast<double>(c.answered) * (1.0 - waits.fraction_at_or_below(0.0));
  const double must_wait = static_cast<double>(c.balked) + waited;
  const double p = static_cast<double>(c.balked) / must_wait;
  CHECK(std::abs(p - 0.3) < 5.0 * std::sqrt(0.3 * 0.7 / must_wait));
  spec.agent_groups[0].headcount = {90};  // light load: nobody finds all agents busy
  CHECK(simulate(spec, RunSeed{5, 0}).total().balked == 0);
}

TEST_CASE("a redial probability of zero gives no redials and one of 0.6 gives the expected share") {
  ScenarioSpec spec = single_queue(1200, Distribution::exponential(60), 20, Distribution::exponential(30), 50000);
  spec.queue.capacity = 0;  // every attempt that finds all busy fails at once
  auto r = simulate(spec, RunSeed{9, 0});
  CHECK(r.total().redials == 0);
  spec.contact_types[0].redial_probability = 0.6;
  r = simulate(spec, RunSeed{9, 0});
  const PeriodCounters c = r.total();
  const double failed = static_cast<double>(c.blocked + c.abandoned);
  const double p = static_cast<double>(c.redials) / failed;
  const double se = std::sqrt(0.6 * 0.4 / failed);
  CHECK(std::abs(p - 0.6) < 5.0 * se + 5.0 / failed);
}

TEST_CASE("warm-up is excluded: only attempts arriving after it are counted") {
  ScenarioSpec spec = single_queue(3600, Distribution::exponential(60), 70);
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 10.0;
  spec.horizon.warmup_hours = 4.0;
  const auto r = simulate(spec, RunSeed{2, 0});
  const PeriodCounters c = r.total();
  // 6 hours at 3600/h: Poisson(21600), sd 147.
  CHECK(std::abs(static_cast<double>(c.offered) - 21600.0) < 5 * 147.0);
  CHECK(c.measured_s == doctest::Approx(6 * 3600.0));
  for (std::size_t i = 0; i < 4; ++i) CHECK(r.intervals[i].offered == 0);
}

TEST_CASE("the agent handle-time multiplier scales handle time") {
  ScenarioSpec spec = single_queue(600, Distribution::deterministic(100), 50);
  spec.agent_groups[0].handle_time_multiplier = 1.5;
  const auto r = simulate(spec, RunSeed{1, 0});
  CHECK(kpi(r, Kpi::AhtS) == doctest::Approx(150.0));
}

TEST_CASE("after-call work keeps the agent busy but not the customer") {
  ScenarioSpec spec = single_queue(600, Distribution::deterministic(100), 50);
  spec.contact_types[0].after_call_work = Distribution::deterministic(20);
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 10.0;
  const auto r = simulate(spec, RunSeed{1, 0});
  CHECK(kpi(r, Kpi::AhtS) == doctest::Approx(120.0));
  // 120 busy agent-seconds per answered contact, less what the contacts in progress at the end
  // (at most one per agent) had still to go.
  const double owed = 120.0 * static_cast<double>(r.total().answered) - r.total().busy_agent_s;
  CHECK(owed >= 0.0);
  CHECK(owed <= 120.0 * 50);
  // The customer leaves after 100 s: mean wait is 0 with 50 agents for 17 Erlang, so the
  // answered-within-threshold count equals answered.
  CHECK(r.total().answered_within_threshold == r.total().answered);
}

TEST_CASE("a higher-priority type waits less than a lower-priority one sharing the agents") {
  ScenarioSpec spec = single_queue(3400, Distribution::exponential(60), 60, Distribution::none(), 60000);
  spec.contact_types[0].share = 0.5;
  auto vip = spec.contact_types[0];
  vip.name = "vip";
  vip.priority = 1;
  spec.contact_types.push_back(vip);
  const auto r = simulate(spec, RunSeed{4, 0});
  const auto asa = [&](std::size_t t) {
    return r.type_totals[t].wait_answered_s / static_cast<double>(r.type_totals[t].answered);
  };
  CHECK(asa(1) * 3.0 < asa(0));
  CHECK(r.type_totals[0].offered + r.type_totals[1].offered == r.total().offered);
}

TEST_CASE("agents serve only the contact types in their skills") {
  ScenarioSpec spec = single_queue(1000, Distribution::exponential(60), 30, Distribution::none(), 20000);
  spec.contact_types[0].share = 0.5;
  auto other = spec.contact_types[0];
  other.name = "other";
  spec.contact_types.push_back(other);
  spec.agent_groups[0].skills = {"calls"};
  auto group = spec.agent_groups[0];
  group.name = "other-team";
  group.skills = {"other"};
  group.headcount = {1};  // far too few for 500 contacts/hour of 60 s
  spec.agent_groups.push_back(group);
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 5;
  const auto r = simulate(spec, RunSeed{4, 0});
  CHECK(r.type_totals[0].answered_within_threshold > 0.95 * static_cast<double>(r.type_totals[0].offered));
  CHECK(r.type_totals[1].answered < r.type_totals[1].offered / 4);
}

TEST_CASE("headcount per interval is followed: agents log on and off at interval boundaries") {
  ScenarioSpec spec = single_queue(60, Distribution::exponential(30), 0);
  spec.horizon.arrivals.reset();
  spec.horizon.days = 1;
  spec.interval_minutes = 60;
  spec.agent_groups[0].headcount.assign(24, 0);
  for (int h = 8; h < 18; ++h) spec.agent_groups[0].headcount[static_cast<std::size_t>(h)] = h < 12 ? 5 : 3;
  const auto r = simulate(spec, RunSeed{1, 0});
  const auto staffed = [&](std::size_t i) { return r.intervals[i].staffed_agent_s / r.intervals[i].measured_s; };
  CHECK(staffed(7) == 0.0);
  CHECK(staffed(9) == doctest::Approx(5.0));
  // Going down, busy agents finish their contact first: at least 3, at most 5.
  CHECK(staffed(12) >= 3.0);
  CHECK(staffed(12) < 3.1);
  CHECK(staffed(13) == doctest::Approx(3.0));
  CHECK(staffed(18) < 0.05);
}

TEST_CASE("arrivals follow the intraday profile and day-of-week factors") {
  ScenarioSpec spec = single_queue(1, Distribution::exponential(10), 50);
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 2400;
  spec.interval_minutes = 60;
  spec.demand.intraday_profile.assign(24, 0.0);
  spec.demand.intraday_profile[9] = 1.0;
  spec.demand.intraday_profile[14] = 3.0;
  spec.demand.day_of_week_factors = {1, 1, 1, 1, 1, 0.5, 0};
  spec.horizon.arrivals.reset();
  spec.horizon.days = 28;
  const auto r = simulate(spec, RunSeed{8, 0});
  double at9 = 0, at14 = 0, other = 0, saturdays = 0, sundays = 0;
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    const auto n = static_cast<double>(r.intervals[i].offered);
    const std::size_t day = i / 24;
    if (day % 7 == 5) saturdays += n;
    else if (day % 7 == 6) sundays += n;
    else if (i % 24 == 9) at9 += n;
    else if (i % 24 == 14) at14 += n;
    else other += n;
  }
  // 20 weekdays: 600 a day at 9:00 (12000, sd 110) and 1800 at 14:00 (36000, sd 190).
  CHECK(other == 0.0);
  CHECK(sundays == 0.0);
  CHECK(std::abs(at9 - 12000.0) < 5 * 110.0);
  CHECK(std::abs(at14 - 36000.0) < 5 * 190.0);
  CHECK(std::abs(saturdays - 4800.0) < 5 * 70.0);
}

TEST_CASE("day-level busyness adds overdispersion: daily volumes vary more than Poisson") {
  ScenarioSpec spec = single_queue(1, Distribution::exponential(10), 50);
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 5000;
  spec.horizon.arrivals.reset();
  spec.horizon.days = 200;
  const auto daily_cv = [&](double shape) {
    spec.demand.busyness_shape = shape;
    const auto r = simulate(spec, RunSeed{8, 0});
    std::vector<double> v;
    for (int d = 0; d < r.days(); ++d) v.push_back(static_cast<double>(r.day(d).offered));
    const double n = static_cast<double>(v.size());
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / (n - 1)) / mean;
  };
  // Poisson alone: cv = 1/sqrt(5000) = 0.014. Gamma(25): cv of the multiplier 0.2.
  CHECK(daily_cv(0.0) < 0.02);
  const double cv = daily_cv(25.0);
  CHECK(cv > 0.16);
  CHECK(cv < 0.24);
}

TEST_CASE("a break that falls due during a delayed break follows it, none is lost") {
  ScenarioSpec spec = one_agent_shift(2.0, 1000.0);
  // Due at 1800 s (during the contact a+1000..a+2000, so taken a+2000..a+2600) and at 2500 s,
  // during that delayed first break: the second follows it at once.
  spec.agent_groups[0].shifts[0].breaks = {{0.5, 10.0}, {2500.0 / 3600.0, 5.0}};
  const auto r = simulate(spec, RunSeed{3, 0});
  CHECK(r.total().staffed_agent_s - r.total().available_agent_s == doctest::Approx(900.0));
}

TEST_CASE("an agent's speed does not change when agents are added to another group") {
  ScenarioSpec spec = single_queue(600, Distribution::deterministic(100), 0);
  spec.agent_groups[0].headcount = {1};
  spec.agent_groups[0].handle_time_multiplier_cv = 0.5;
  const auto aht_of_single_agent = [](const ScenarioSpec& s) {
    const auto r = simulate(s, RunSeed{1, 0});
    return r.type_totals[0].handle_s / static_cast<double>(r.type_totals[0].answered);
  };
  const double alone = aht_of_single_agent(spec);
  auto other = spec.agent_groups[0];
  other.name = "another-team";
  other.skills = {"other"};
  other.headcount = {7};
  auto other_type = spec.contact_types[0];
  other_type.name = "other";
  other_type.share = 0.0;
  spec.contact_types.push_back(other_type);
  spec.agent_groups.insert(spec.agent_groups.begin(), other);
  spec.agent_groups[1].skills = {"calls"};
  CHECK(aht_of_single_agent(spec) == alone);
  CHECK(alone != 100.0);
}
