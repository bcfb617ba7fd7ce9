#pragma once

// Minimum staffing for a service-level or abandonment target under one of the exact
// queueing models of erlang.hpp. Input conventions and exceptions are those of
// erlang.hpp.

#include "txsim/analytic/erlang.hpp"

namespace txsim::analytic {

// Which exact model describes the queue.
enum class QueueModel {
  ErlangB,  // M/M/c/c: no waiting room, arrivals finding all agents busy are lost
  ErlangC,  // M/M/c: infinite patience
  ErlangA,  // M/M/c+M: exponential patience
};

// Metrics of `model` with `agents` agents. mean_patience_s is read by ErlangA only
// (+infinity allowed, see erlang_a_metrics); threshold_s is ignored by ErlangB.
QueueMetrics queue_metrics(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                           double mean_patience_s, int agents, double threshold_s);

// Fewest agents (>= 1) whose service_level (answered within threshold_s over all
// offered) is >= target. Relies on the service level growing with the number of agents,
// which holds for all three models. target in [0, 1): a service level of 1 is never
// reached with Poisson arrivals. Searches upward from max(1, target * load), a lower
// bound because answered contacts cannot exceed agents * mu, then bisects. Throws
// std::domain_error if more than a million agents would be needed.
int agents_for_service_level(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                             double mean_patience_s, double threshold_s, double target);

// Fewest agents (>= 1) whose lost fraction, prob_abandon + prob_blocked, is
// <= max_abandon_rate. Under ErlangB the lost contacts are the blocked ones; under
// ErlangC nobody is lost, so the answer is the smallest stable staffing.
// max_abandon_rate in (0, 1]: with Poisson arrivals some contacts are always lost.
// Same search and limit as agents_for_service_level, from (1 - max_abandon_rate) * load.
int agents_for_abandon_rate(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                            double mean_patience_s, double max_abandon_rate);

}  // namespace txsim::analytic
