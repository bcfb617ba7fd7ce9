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
