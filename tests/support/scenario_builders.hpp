#pragma once
// Scenarios built in code, for tests that need a precise, small set-up.

#include <string>

#include "txsim/model/scenario.hpp"

namespace txsim::testing {

/// A single-type, single-group queue with Poisson arrivals and a constant headcount:
/// M/G/c(+G) depending on the distributions. Runs for `arrivals` first attempts, then drains.
inline model::ScenarioSpec single_queue(double rate_per_hour, rng::Distribution handle_time, int agents,
                                        rng::Distribution patience = rng::Distribution::none(),
                                        std::uint64_t arrivals = 20000) {
  model::ScenarioSpec spec;
  spec.name = "single-queue";
  spec.interval_minutes = 60;
  spec.horizon.arrivals = arrivals;
  spec.demand.rate_per_hour = rate_per_hour;
  model::ContactTypeSpec type;
  type.name = "calls";
  type.handle_time = std::move(handle_time);
  type.patience = std::move(patience);
  spec.contact_types.push_back(type);
  model::AgentGroupSpec group;
  group.name = "agents";
  group.headcount = {agents};
  spec.agent_groups.push_back(group);
  return spec;
}

}  // namespace txsim::testing

namespace txsim::testing {

/// A centre with employee dynamics: one contact type, one group of `agents` agents on a single
/// daily shift (08:00, 8 h, two breaks), `days` days, `daily_volume` contacts a day spread over
/// the shift. The workforce section has its defaults.
inline model::ScenarioSpec workforce_centre(int agents, double daily_volume, double days) {
  model::ScenarioSpec spec;
  spec.name = "workforce";
  spec.interval_minutes = 60;
  spec.horizon.days = days;
  spec.demand.daily_volume = daily_volume;
  spec.demand.intraday_profile.assign(24, 0.0);
  for (int h = 8; h < 16; ++h) spec.demand.intraday_profile[static_cast<std::size_t>(h)] = 1.0;
  model::ContactTypeSpec type;
  type.name = "calls";
  type.handle_time = rng::Distribution::lognormal(240, 0.8);
  type.after_call_work = rng::Distribution::deterministic(20);
  type.patience = rng::Distribution::exponential(180);
  spec.contact_types.push_back(type);
  model::AgentGroupSpec group;
  group.name = "agents";
  model::ShiftSpec shift;
  shift.start_h = 8;
  shift.length_h = 8;
  shift.count = agents;
  shift.breaks = {{2.0, 15.0}, {4.0, 30.0}};
  group.shifts = {shift};
  spec.agent_groups.push_back(group);
  spec.workforce = model::WorkforceSpec{};
  return spec;
}

}  // namespace txsim::testing

namespace txsim::testing {

/// workforce_centre() with customers who remember: journeys, repeat contacts, and a contact type
/// of which 60% of issues are eligible for self-service, half of them avoidable.
inline model::ScenarioSpec journey_centre(int agents, double daily_volume, double days) {
  model::ScenarioSpec spec = workforce_centre(agents, daily_volume, days);
  auto& type = spec.contact_types[0];
  type.digital_eligible_share = 0.6;
  type.avoidable_share = 0.5;
  type.complexity = 0.6;
  spec.customers = model::CustomerSpec{};
  spec.customers->channels.segments = {{"seekers", 0.4, 1.0}, {"avoiders", 0.6, -1.5}};
  return spec;
}

}  // namespace txsim::testing
