#include "txsim/analytic/erlang.hpp"

#include "analytic/detail/require.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace txsim::analytic {

using detail::require_at_least;
using detail::require_finite_non_negative;
using detail::require_finite_positive;
using detail::require_non_negative;

double erlang_b(int servers, double offered_load_erlangs) {
  require_at_least("servers", servers, 0);
  require_finite_non_negative("offered_load_erlangs", offered_load_erlangs);
  // The textbook a^c/c! / sum a^k/k! overflows beyond ~170 servers; this recursion
  // (Jagerman 1974) only ever holds a probability.
  double blocking = 1.0;
  for (int n = 1; n <= servers; ++n) {
    const double carried = offered_load_erlangs * blocking;
    blocking = carried / (n + carried);
  }
  return blocking;
}

double erlang_c(int servers, double offered_load_erlangs) {
  require_at_least("servers", servers, 0);
  require_finite_non_negative("offered_load_erlangs", offered_load_erlangs);
  if (offered_load_erlangs >= servers) {
    return 1.0;
  }
  const double blocking = erlang_b(servers, offered_load_erlangs);
  const double utilisation = offered_load_erlangs / servers;
  return blocking / (1.0 - utilisation * (1.0 - blocking));
}

QueueMetrics erlang_b_metrics(double arrival_rate_per_s, double mean_service_s, int servers) {
  require_finite_non_negative("arrival_rate_per_s", arrival_rate_per_s);
  require_finite_positive("mean_service_s", mean_service_s);
  require_at_least("servers", servers, 1);
  const double load_erlangs = arrival_rate_per_s * mean_service_s;
  const double blocking = erlang_b(servers, load_erlangs);
  QueueMetrics metrics;
  metrics.prob_blocked = blocking;
  metrics.service_level = 1.0 - blocking;
  metrics.service_level_excl_short_abandons = 1.0 - blocking;
  metrics.occupancy = load_erlangs * (1.0 - blocking) / servers;
  metrics.throughput_per_s = arrival_rate_per_s * (1.0 - blocking);
  return metrics;
}

QueueMetrics erlang_c_metrics(double arrival_rate_per_s, double mean_service_s, int agents,
                              double threshold_s) {
  require_finite_non_negative("arrival_rate_per_s", arrival_rate_per_s);
  require_finite_positive("mean_service_s", mean_service_s);
  require_at_least("agents", agents, 1);
  require_non_negative("threshold_s", threshold_s);
  const double load_erlangs = arrival_rate_per_s * mean_service_s;
  if (load_erlangs >= agents) {
    throw std::domain_error(fmt::format(
        "offered load {} erlangs >= {} agents: without abandonment (Erlang C) the queue grows "
        "without bound; add agents, or model patience (Erlang A)",
        load_erlangs, agents));
  }
  // Waiting customers leave the queue at rate c mu - lambda, so the wait beyond zero is
  // exponential with that rate (Gross & Harris, Fundamentals of Queueing Theory, M/M/c).
  const double drain_rate_per_s = agents / mean_service_s - arrival_rate_per_s;
  const double prob_wait = erlang_c(agents, load_erlangs);
  const double mean_wait_s = prob_wait / drain_rate_per_s;
  QueueMetrics metrics;
  metrics.prob_wait = prob_wait;
  metrics.service_level = 1.0 - prob_wait * std::exp(-drain_rate_per_s * threshold_s);
  metrics.service_level_excl_short_abandons = metrics.service_level;
  metrics.asa_s = mean_wait_s;
  metrics.mean_wait_all_s = mean_wait_s;
  metrics.mean_queue_length = arrival_rate_per_s * mean_wait_s;
  metrics.occupancy = load_erlangs / agents;
  metrics.throughput_per_s = arrival_rate_per_s;
  return metrics;
}

}  // namespace txsim::analytic
