#pragma once
// The heart of txsim: one replication of a scenario. No globals; everything random comes from
// streams keyed by (seed.master, seed.replication, purpose, entity), so the result is a pure
// function of its arguments.

#include <atomic>

#include "txsim/model/contact_trace.hpp"
#include "txsim/model/results.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/rng/stream.hpp"

namespace txsim::model {

/// What a caller may ask of a run in flight. `stop`, when set, is polled every
/// kEventsPerStopCheck events; once it reads true the run ends early and its RunResult has
/// `cancelled` set (its numbers are then partial and must not be reported).
struct RunControl {
  const std::atomic<bool>* stop = nullptr;
  /// When set, receives one record per contact attempt (see contact_trace.hpp).
  ContactTraceSink* trace = nullptr;
};
inline constexpr std::uint64_t kEventsPerStopCheck = 1U << 16;

/// Simulates `spec` (which must satisfy validate(spec).empty(), asserted) once.
RunResult simulate(const ScenarioSpec& spec, rng::RunSeed seed, const RunControl& control = {});

}  // namespace txsim::model
