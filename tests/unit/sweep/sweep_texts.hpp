#pragma once
// Sweep files for the sweep tests, over small versions of the bundled scenarios.

#include <filesystem>
#include <string>
#include <string_view>

#include "txsim/sweep/sweep_spec.hpp"

namespace txsim::testing {

inline std::filesystem::path scenarios_dir() { return std::filesystem::path(TXSIM_SOURCE_DIR) / "scenarios"; }

/// Parses `text` as a sweep file living in scenarios/ (so `scenario: default.yaml` works).
inline sweep::SweepSpec sweep_from(std::string_view text) {
  return sweep::parse_sweep(text, "test.yaml", scenarios_dir());
}

/// An M/M/3 queue, 2000 arrivals: a point takes milliseconds.
inline constexpr std::string_view kSmallRunSweep = R"(
scenario: validation/erlang_c_small.yaml
set: {horizon.arrivals: 2000, horizon.warmup_hours: 0}
mode: run
replications: 3
seed: 7
design: grid
factors:
  - name: agents
    path: agents.groups.agents.headcount
    values: [3, 4, 5]
  - name: aht_s
    path: contact_types.calls.handle_time.mean_s
    range: "50:70:10"
)";

/// The default story over three days, compared: baseline and three policies.
inline constexpr std::string_view kSmallCompareSweep = R"(
scenario: default.yaml
set: {horizon.days: 3, policies.deflection_only: null, policies.root_cause_only: null, policies.hire_more: null}
mode: compare
replications: 2
seed: 1
design: one_at_a_time
factors:
  - path: customers.satisfaction.customer_value
    values: [0, 600]
)";

}  // namespace txsim::testing
