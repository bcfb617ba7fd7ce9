// Properties that must hold for every scenario, checked over random scenarios and seeds.
// A failure prints the seed that produced it (CAPTURE), so it can be replayed.

#include <doctest/doctest.h>

#include <cmath>

#include "scenario_builders.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/model/simulate.hpp"
#include "txsim/rng/stream.hpp"

using txsim::model::PeriodCounters;
using txsim::model::ScenarioSpec;
using txsim::rng::Distribution;
using txsim::rng::Stream;

namespace {

Distribution random_duration(Stream& s, double mean_low, double mean_high) {
  const double mean = mean_low + s.uniform() * (mean_high - mean_low);
  switch (static_cast<int>(s.uniform() * 5)) {
    case 0: return Distribution::exponential(mean);
    case 1: return Distribution::lognormal(mean, 0.2 + 1.5 * s.uniform());
    case 2: return Distribution::gamma(mean, 0.2 + 1.5 * s.uniform());
    case 3: return Distribution::weibull(mean, 0.5 + 2.0 * s.uniform());
    default: return Distribution::deterministic(mean);
  }
}

// A random multi-type, multi-group scenario over one to three days, with shifts or headcounts,
// breaks, balking, redials, a waiting-room limit and warm-up drawn at random.
ScenarioSpec random_scenario(std::uint64_t seed) {
  Stream s(seed);
  ScenarioSpec spec;
  spec.name = "random";
  spec.interval_minutes = s.uniform() < 0.5 ? 30 : 60;
  spec.horizon.days = 1 + static_cast<int>(s.uniform() * 3);
  spec.horizon.warmup_hours = s.uniform() < 0.5 ? 0.0 : 2.0;
  spec.demand.daily_volume = 500 + 3000 * s.uniform();
  spec.demand.busyness_shape = s.uniform() < 0.5 ? 0.0 : 20.0;
  const int types = 1 + static_cast<int>(s.uniform() * 3);
  for (int t = 0; t < types; ++t) {
    txsim::model::ContactTypeSpec type;
    type.name = "type" + std::to_string(t);
    type.share = 1.0 / types;
    type.priority = static_cast<int>(s.uniform() * 2);
    type.handle_time = random_duration(s, 60, 400);
    type.after_call_work = s.uniform() < 0.5 ? Distribution::deterministic(0) : random_duration(s, 5, 60);
    type.patience = s.uniform() < 0.2 ? Distribution::none() : random_duration(s, 30, 300);
    type.balk_probability = s.uniform() < 0.5 ? 0.0 : 0.2 * s.uniform();
    type.redial_probability = s.uniform() < 0.5 ? 0.0 : 0.8 * s.uniform();
    type.redial_delay = random_duration(s, 60, 1800);
    spec.contact_types.push_back(type);
  }
  if (s.uniform() < 0.5) spec.queue.capacity = static_cast<int>(s.uniform() * 30);
  const int groups = 1 + static_cast<int>(s.uniform() * 2);
  for (int g = 0; g < groups; ++g) {
    txsim::model::AgentGroupSpec group;
    group.name = "group" + std::to_string(g);
    group.handle_time_multiplier = 0.8 + 0.4 * s.uniform();
    group.handle_time_multiplier_cv = s.uniform() < 0.5 ? 0.0 : 0.3;
    if (g > 0) group.skills = {"type0"};
    if (s.uniform() < 0.5) {
      group.headcount.assign(static_cast<std::size_t>(spec.intervals_per_day()), 0);
      for (auto& h : group.headcount) h = static_cast<int>(s.uniform() * 25);
    } else {
      for (int k = 0; k < 2; ++k) {
        txsim::model::ShiftSpec shift;
        shift.start_h = std::floor(s.uniform() * 16);
        shift.length_h = 4 + std::floor(s.uniform() * 5);
        shift.count = 1 + static_cast<int>(s.uniform() * 15);
        shift.breaks = {{1.5, 15.0}, {3.0, 20.0}};
        group.shifts.push_back(shift);
      }
    }
    spec.agent_groups.push_back(group);
  }
  return spec;
}

}  // namespace

TEST_CASE("conservation and bounds hold for random scenarios") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    const ScenarioSpec spec = random_scenario(seed);
    REQUIRE(txsim::model::validate(spec).empty());
    const auto r = txsim::model::simulate(spec, {seed, 0});
    const PeriodCounters c = r.total();
    CHECK(c.offered == c.answered + c.abandoned + c.blocked + r.waiting_at_end);
    CHECK(c.balked <= c.abandoned);
    CHECK(c.redials <= c.offered);
    CHECK(c.answered_within_threshold <= c.answered);
    CHECK(c.abandoned_within_threshold <= c.abandoned);
    CHECK(c.wait_answered_s >= 0.0);
    CHECK(c.wait_abandoned_s >= 0.0);
    const auto waits = r.total_waits();
    CHECK(waits.count() == c.answered);
    if (waits.count() > 0) CHECK(waits.min() >= 0.0);
    for (const PeriodCounters& i : r.intervals) {
      // Busy time never exceeds time logged in, which never exceeds time on shift.
      CHECK(i.busy_agent_s <= i.available_agent_s * (1 + 1e-12) + 1e-9);
      CHECK(i.available_agent_s <= i.staffed_agent_s * (1 + 1e-12) + 1e-9);
      CHECK(i.measured_s <= r.interval_s * (1 + 1e-12));
    }
    PeriodCounters by_type;
    for (const auto& t : r.type_totals) by_type += t;
    CHECK(by_type.offered == c.offered);
    CHECK(by_type.answered == c.answered);
  }
}

TEST_CASE("one more agent never lowers the service level under common random numbers") {
  // With FIFO service, homogeneous agents and each customer's handle time fixed by the seed, an
  // extra server can only shorten every wait (sample-path monotonicity of FCFS multi-server
  // queues, Wolff 1989 ch. 11). With abandonment the property is checked on the aggregates.
  Stream params(2024);
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    CAPTURE(seed);
    const int agents = 5 + static_cast<int>(params.uniform() * 40);
    const double load = agents * (0.7 + 0.6 * params.uniform());
    const double aht = 60 + 300 * params.uniform();
    const Distribution patience = params.uniform() < 0.3 ? Distribution::none() : Distribution::exponential(60 + 300 * params.uniform());
    auto spec = txsim::testing::single_queue(load / aht * 3600.0, Distribution::lognormal(aht, 1.0), agents, patience, 4000);
    const auto kpis = [&](int c) {
      spec.agent_groups[0].headcount = {c};
      const auto r = txsim::model::simulate(spec, {seed, 0});
      return txsim::model::compute_kpis(r.total(), nullptr);
    };
    const auto fewer = kpis(agents);
    const auto more = kpis(agents + 1);
    const auto sl = static_cast<std::size_t>(txsim::model::Kpi::ServiceLevel);
    const auto abandon = static_cast<std::size_t>(txsim::model::Kpi::AbandonRate);
    const auto wait = static_cast<std::size_t>(txsim::model::Kpi::AsaS);
    CHECK(more[sl] >= fewer[sl]);
    CHECK(more[abandon] <= fewer[abandon]);
    if (patience.kind == txsim::rng::DistributionKind::None) CHECK(more[wait] <= fewer[wait]);
  }
}

TEST_CASE("common random numbers: changing agents leaves the customers' arrivals unchanged") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    ScenarioSpec spec = random_scenario(seed);
    const auto a = txsim::model::simulate(spec, {seed, 0});
    for (auto& g : spec.agent_groups) g.handle_time_multiplier *= 0.7;
    const auto b = txsim::model::simulate(spec, {seed, 0});
    // First attempts arrive at the same times in both variants; only redials may differ.
    const auto first = [](const PeriodCounters& c) { return c.offered - c.redials; };
    for (std::size_t i = 0; i < a.intervals.size(); ++i) CHECK(first(a.intervals[i]) == first(b.intervals[i]));
  }
}
