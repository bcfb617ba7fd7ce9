#pragma once
// The heart of txsim: one replication of a scenario. No globals; everything random comes from
// streams keyed by (seed.master, seed.replication, purpose, entity), so the result is a pure
// function of its arguments.

#include "txsim/model/results.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/rng/stream.hpp"

namespace txsim::model {

/// Simulates `spec` (which must satisfy validate(spec).empty(), asserted) once.
RunResult simulate(const ScenarioSpec& spec, rng::RunSeed seed);

}  // namespace txsim::model
