#include "txsim/analytic/erlang.hpp"

#include "analytic/detail/require.hpp"

#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace txsim::analytic {

namespace {

constexpr double kTailMass = 1e-15;
constexpr int kMaxStates = 10'000'000;

// Number in system of M/M/c+M as a birth-death chain: births at lambda, deaths at
// min(n, c) mu (service) + max(n - c, 0) theta (abandonment).
struct ErlangAChain {
  double arrival_rate_per_s;
  double service_rate_per_s;
  double abandon_rate_per_s;
  int agents;

  double death_rate_per_s(int in_system) const {
    const int busy = std::min(in_system, agents);
    return busy * service_rate_per_s + (in_system - busy) * abandon_rate_per_s;
  }

  // A state at (or next to) the mode, where the birth rate stops exceeding the death
  // rate. Starting the recursion there keeps every unnormalised weight <= ~1, so
  // c = 1000 or heavy overload cannot overflow.
  int modal_state() const {
    const double all_busy_rate_per_s = agents * service_rate_per_s;
    const double mode =
        arrival_rate_per_s <= all_busy_rate_per_s
            ? arrival_rate_per_s / service_rate_per_s
            : agents + (arrival_rate_per_s - all_busy_rate_per_s) / abandon_rate_per_s;
    if (mode >= kMaxStates) {
      throw_too_many_states();
    }
    return static_cast<int>(mode);
  }

  [[noreturn]] void throw_too_many_states() const {
    throw std::domain_error(fmt::format(
        "Erlang A with arrival rate {} /s, service rate {} /s, abandonment rate {} /s and {} "
        "agents needs more than {} states (too many agents, or too long a patience for this "
        "overload)",
        arrival_rate_per_s, service_rate_per_s, abandon_rate_per_s, agents, kMaxStates));
  }

  // P(n in system), n = 0..N, N the first state at or above the mode whose tail beyond
  // it is below kTailMass. Death rates grow with n, so the ratio r of successive weights
  // shrinks and the tail beyond n is at most w_n r / (1 - r) once r < 1; relative to the
  // modal weight 1, which the total exceeds, that bounds the neglected probability.
  std::vector<double> stationary_distribution() const {
    const int mode = modal_state();
    std::vector<double> weight(mode + 1);
    weight[mode] = 1.0;
    for (int n = mode; n > 0; --n) {
      weight[n - 1] = weight[n] * death_rate_per_s(n) / arrival_rate_per_s;
    }
    for (int n = mode;; ++n) {
      const double ratio = arrival_rate_per_s / death_rate_per_s(n + 1);
      if (ratio < 1.0 && weight[n] * ratio / (1.0 - ratio) < kTailMass) {
        break;
      }
      if (n + 1 >= kMaxStates) {
        throw_too_many_states();
      }
      weight.push_back(weight[n] * ratio);
    }
    double total = 0.0;
    for (double w : weight) {
      total += w;
    }
    for (double& w : weight) {
      w /= total;
    }
    return weight;
  }
};

// Outcome of a tagged arrival who joins the queue at position j (j - 1 ahead of it).
// Until it reaches an agent its position drops at rate c mu + (k - 1) theta from
// position k, so its wait if it never abandoned is V = sum of exponentials with rates
// c mu + k theta, k = 0..j-1. Its Laplace transform prod_k (u + k) / (u + k + s / theta)
// equals E[X^(s / theta)] for X ~ Beta(u, j), u = c mu / theta, so exp(-theta V) ~ Beta(u, j).
// The tagged customer's own patience is Exp(theta) and independent, so with
// x0 = exp(-theta T) = P(patience > T):
//   P(served)                 = E[X]                         = u / (u + j)
//   P(served, wait <= T)      = E[X; X >= x0]                = u / (u + j) Ibc(u + 1, j, x0)
//   E[wait; served]           = E[V exp(-theta V)]           = P(served) sum_{k=1..j} 1 / (c mu + k theta)
//   E[min(V, patience)]       = P(abandon) / theta           = j / (c mu + j theta)
//   P(min(V, patience) <= T)  = 1 - P(V > T) P(patience > T) = 1 - x0 I(u, j, x0)
// where I is the regularised incomplete beta function and Ibc its complement.
// Abandonment within T is the last line minus the second.
struct TaggedOutcome {
  double prob_served;
  double prob_abandon;
  double prob_served_within_threshold;
  double prob_abandon_within_threshold;
  double partial_mean_wait_served_s;  // E[wait; served]: a wait counts only when served
  double mean_wait_s;                 // until served or abandoned
};

class TaggedCustomer {
 public:
  TaggedCustomer(const ErlangAChain& chain, double threshold_s)
      : all_busy_rate_per_s_(chain.agents * chain.service_rate_per_s),
        abandon_rate_per_s_(chain.abandon_rate_per_s),
        beta_u_(all_busy_rate_per_s_ / abandon_rate_per_s_),
        prob_patience_exceeds_threshold_(std::exp(-abandon_rate_per_s_ * threshold_s)),
        prob_patience_within_threshold_(-std::expm1(-abandon_rate_per_s_ * threshold_s)) {}

  // Call with position = 1, 2, 3, ... in order: the sum of inverse rates is carried over.
  TaggedOutcome join_at(int position) {
    const double j = position;
    const double advance_rate_per_s = all_busy_rate_per_s_ + j * abandon_rate_per_s_;
    sum_inverse_rates_s_ += 1.0 / advance_rate_per_s;
    TaggedOutcome outcome{};
    outcome.prob_served = all_busy_rate_per_s_ / advance_rate_per_s;
    // Not 1 - prob_served, which loses every digit when patience is long.
    outcome.prob_abandon = j * abandon_rate_per_s_ / advance_rate_per_s;
    // With long patience x0 rounds to nearly 1 and Ibc(a, b, x0) loses up to half its
    // digits; the symmetry Ibc(a, b, x) = I(b, a, 1 - x) with 1 - x0 from expm1 keeps them.
    const double x0 = prob_patience_exceeds_threshold_;
    const double one_minus_x0 = prob_patience_within_threshold_;
    outcome.prob_served_within_threshold =
        outcome.prob_served * boost::math::ibeta(j, beta_u_ + 1.0, one_minus_x0);
    outcome.prob_abandon_within_threshold = 1.0 -
                                            x0 * boost::math::ibetac(j, beta_u_, one_minus_x0) -
                                            outcome.prob_served_within_threshold;
    outcome.partial_mean_wait_served_s = outcome.prob_served * sum_inverse_rates_s_;
    outcome.mean_wait_s = j / advance_rate_per_s;
    return outcome;
  }

 private:
  double all_busy_rate_per_s_;
  double abandon_rate_per_s_;
  double beta_u_;
  double prob_patience_exceeds_threshold_;
  double prob_patience_within_threshold_;
  double sum_inverse_rates_s_ = 0.0;
};

// Arrivals see the stationary distribution (PASTA), so averaging the tagged outcomes
// over it gives per-offered-contact figures without dividing by lambda, which keeps
// lambda = 0 well defined and leaves theta E[queue] = lambda P(abandon) as a check.
QueueMetrics metrics_from_chain(const ErlangAChain& chain, double threshold_s) {
  const std::vector<double> prob = chain.stationary_distribution();
  TaggedCustomer tagged(chain, threshold_s);
  double prob_no_wait = 0.0;
  double mean_busy = 0.0;
  double prob_served_after_wait = 0.0;
  double partial_mean_wait_served_s = 0.0;
  QueueMetrics metrics;
  for (int n = 0; n < static_cast<int>(prob.size()); ++n) {
    const double p = prob[n];
    if (n < chain.agents) {
      prob_no_wait += p;
      mean_busy += n * p;
      continue;
    }
    const TaggedOutcome outcome = tagged.join_at(n - chain.agents + 1);
    mean_busy += chain.agents * p;
    metrics.prob_wait += p;
    metrics.mean_queue_length += (n - chain.agents) * p;
    prob_served_after_wait += p * outcome.prob_served;
    metrics.prob_abandon += p * outcome.prob_abandon;
    metrics.service_level += p * outcome.prob_served_within_threshold;
    metrics.prob_abandon_within_threshold += p * outcome.prob_abandon_within_threshold;
    partial_mean_wait_served_s += p * outcome.partial_mean_wait_served_s;
    metrics.mean_wait_all_s += p * outcome.mean_wait_s;
  }
  metrics.service_level += prob_no_wait;
  metrics.service_level_excl_short_abandons =
      metrics.service_level / (1.0 - metrics.prob_abandon_within_threshold);
  metrics.asa_s = partial_mean_wait_served_s / (prob_no_wait + prob_served_after_wait);
  metrics.occupancy = mean_busy / chain.agents;
  metrics.throughput_per_s = mean_busy * chain.service_rate_per_s;
  return metrics;
}

}  // namespace

QueueMetrics erlang_a_metrics(double arrival_rate_per_s, double mean_service_s,
                              double mean_patience_s, int agents, double threshold_s) {
  using detail::require_at_least;
  using detail::require_finite_non_negative;
  using detail::require_finite_positive;
  using detail::require_non_negative;
  using detail::require_positive;
  require_finite_non_negative("arrival_rate_per_s", arrival_rate_per_s);
  require_finite_positive("mean_service_s", mean_service_s);
  require_positive("mean_patience_s", mean_patience_s);
  require_at_least("agents", agents, 1);
  require_non_negative("threshold_s", threshold_s);
  if (std::isinf(mean_patience_s)) {
    return erlang_c_metrics(arrival_rate_per_s, mean_service_s, agents, threshold_s);
  }
  const ErlangAChain chain{arrival_rate_per_s, 1.0 / mean_service_s, 1.0 / mean_patience_s,
                           agents};
  return metrics_from_chain(chain, threshold_s);
}

}  // namespace txsim::analytic
