#include "txsim/analytic/erlang.hpp"

#include <Eigen/Dense>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace txsim::analytic;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Workload {
  double arrival_rate_per_s;
  double mean_service_s;
  double mean_patience_s;
  int agents;
};

QueueMetrics erlang_a(const Workload& w, double threshold_s) {
  return erlang_a_metrics(w.arrival_rate_per_s, w.mean_service_s, w.mean_patience_s, w.agents,
                          threshold_s);
}

// The figures the reference computation below produces, independently of the
// closed forms in erlang_a.cpp.
struct Reference {
  double service_level = 0.0;
  double prob_abandon_within_threshold = 0.0;
  double prob_abandon = 0.0;
  double asa_s = 0.0;
};

// Stationary law of the number in system, truncated at agents + max_queue, by a dense
// linear solve of pi Q = 0, sum pi = 1.
Eigen::VectorXd stationary_by_linear_solve(const Workload& w, int max_queue) {
  const int states = w.agents + max_queue + 1;
  Eigen::MatrixXd generator = Eigen::MatrixXd::Zero(states, states);
  for (int n = 0; n < states; ++n) {
    if (n + 1 < states) {
      generator(n, n + 1) = w.arrival_rate_per_s;
    }
    if (n > 0) {
      generator(n, n - 1) =
          std::min(n, w.agents) / w.mean_service_s + std::max(n - w.agents, 0) / w.mean_patience_s;
    }
    generator(n, n) = -generator.row(n).sum();
  }
  Eigen::MatrixXd system = generator.transpose();
  system.row(states - 1).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(states);
  rhs(states - 1) = 1.0;
  return system.fullPivLu().solve(rhs);
}

// Transient law of the tagged waiting customer, by uniformization of its absorbing chain
// (states: served, positions 1..max_queue, abandoned). Returns, for each start position,
// the probability of having been absorbed in `target` by time threshold_s; the Poisson
// sum is cut past its mode once a term drops below 1e-20, leaving a tail below 1e-19.
std::vector<double> absorbed_by(const Workload& w, int max_queue, double threshold_s,
                                bool target_is_served) {
  const double all_busy_rate = w.agents / w.mean_service_s;
  const double theta = 1.0 / w.mean_patience_s;
  const int served = 0;
  const int abandoned = max_queue + 1;
  const double uniform_rate = all_busy_rate + max_queue * theta;
  // value[k] = P(absorbed in target by t | start k), propagated backwards in t.
  std::vector<double> value(max_queue + 2, 0.0);
  value[target_is_served ? served : abandoned] = 1.0;
  std::vector<double> sum(value.size(), 0.0);
  const double mean_jumps = uniform_rate * threshold_s;
  double poisson = std::exp(-mean_jumps);
  for (int jumps = 0; jumps <= mean_jumps || poisson > 1e-20; ++jumps) {
    for (std::size_t k = 0; k < value.size(); ++k) {
      sum[k] += poisson * value[k];
    }
    std::vector<double> next = value;
    for (int k = 1; k <= max_queue; ++k) {
      const double advance = all_busy_rate + (k - 1) * theta;
      next[k] = (advance * value[k - 1] + theta * value[abandoned] +
                 (uniform_rate - advance - theta) * value[k]) /
                uniform_rate;
    }
    value = next;
    poisson *= mean_jumps / (jumps + 1);
  }
  return sum;
}

Reference reference_erlang_a(const Workload& w, double threshold_s) {
  const int max_queue = 200;
  const Eigen::VectorXd pi = stationary_by_linear_solve(w, max_queue);
  const std::vector<double> served_by = absorbed_by(w, max_queue, threshold_s, true);
  const std::vector<double> abandoned_by = absorbed_by(w, max_queue, threshold_s, false);
  const double all_busy_rate = w.agents / w.mean_service_s;
  const double theta = 1.0 / w.mean_patience_s;
  Reference ref;
  double prob_answered = 0.0;
  double wait_when_served_s = 0.0;
  // First-step analysis from position k: served with probability s_k, and
  // m_k = E[wait; served] = (advance / total) (s_(k-1) / total + m_(k-1)).
  double served_from_ahead = 1.0;
  double partial_wait_from_ahead_s = 0.0;
  for (int n = 0; n < pi.size(); ++n) {
    if (n < w.agents) {
      ref.service_level += pi(n);
      prob_answered += pi(n);
      continue;
    }
    const int position = n - w.agents + 1;
    const double advance = all_busy_rate + (position - 1) * theta;
    const double total = advance + theta;
    partial_wait_from_ahead_s =
        advance / total * (served_from_ahead / total + partial_wait_from_ahead_s);
    served_from_ahead *= advance / total;
    ref.service_level += pi(n) * served_by[position];
    ref.prob_abandon_within_threshold += pi(n) * abandoned_by[position];
    ref.prob_abandon += pi(n) * (1.0 - served_from_ahead);
    prob_answered += pi(n) * served_from_ahead;
    wait_when_served_s += pi(n) * partial_wait_from_ahead_s;
  }
  ref.asa_s = wait_when_served_s / prob_answered;
  return ref;
}

}  // namespace

TEST_CASE("erlang a matches an independent linear solve and uniformization to 1e-8") {
  // Overloaded (load 3.6 on 3 agents) and underloaded, short and long thresholds.
  for (const Workload w : {Workload{0.02, 180.0, 300.0, 3}, Workload{0.05, 100.0, 60.0, 6}}) {
    for (const double threshold_s : {20.0, 90.0}) {
      CAPTURE(w.arrival_rate_per_s);
      CAPTURE(threshold_s);
      const QueueMetrics metrics = erlang_a(w, threshold_s);
      const Reference ref = reference_erlang_a(w, threshold_s);
      CHECK(std::abs(metrics.service_level - ref.service_level) <= 1e-8);
      CHECK(std::abs(metrics.prob_abandon_within_threshold - ref.prob_abandon_within_threshold) <=
            1e-8);
      CHECK(std::abs(metrics.prob_abandon - ref.prob_abandon) <= 1e-8);
      CHECK(std::abs(metrics.asa_s - ref.asa_s) <= 1e-8);
    }
  }
}

TEST_CASE("erlang a with very patient customers agrees with erlang c") {
  // The ASA moves by about 3e3 s^2 / mean_patience_s here, hence 1e10 s for 1e-6.
  const double arrival_rate_per_s = 100.0 / 1800.0;
  const QueueMetrics c = erlang_c_metrics(arrival_rate_per_s, 180.0, 14, 20.0);
  const QueueMetrics a = erlang_a_metrics(arrival_rate_per_s, 180.0, 1e10, 14, 20.0);
  CHECK(std::abs(a.prob_wait - c.prob_wait) <= 1e-6);
  CHECK(std::abs(a.service_level - c.service_level) <= 1e-6);
  CHECK(std::abs(a.asa_s - c.asa_s) <= 1e-6);
  CHECK(std::abs(a.mean_queue_length - c.mean_queue_length) <= 1e-6);
  CHECK(std::abs(a.occupancy - c.occupancy) <= 1e-6);
  CHECK(a.prob_abandon > 0.0);
  CHECK(a.prob_abandon <= 1e-6);
}

TEST_CASE("erlang a keeps its digits when patience is a million times the handle time") {
  // The exact gap to Erlang C shrinks like 1 / mean_patience_s (about 2e-13 here);
  // evaluating the incomplete beta at the rounded exp(-theta T) ~ 1 would err by 1e-6.
  const double arrival_rate_per_s = 100.0 / 1800.0;
  const QueueMetrics c = erlang_c_metrics(arrival_rate_per_s, 180.0, 14, 20.0);
  const QueueMetrics a = erlang_a_metrics(arrival_rate_per_s, 180.0, 1e13, 14, 20.0);
  CHECK(std::abs(a.service_level - c.service_level) <= 1e-11);
  CHECK(std::abs(a.prob_abandon_within_threshold) <= 1e-11);
}

TEST_CASE("erlang a with infinite patience is exactly erlang c") {
  const QueueMetrics c = erlang_c_metrics(0.05, 180.0, 12, 30.0);
  const QueueMetrics a = erlang_a_metrics(0.05, 180.0, kInf, 12, 30.0);
  CHECK(a.prob_wait == c.prob_wait);
  CHECK(a.service_level == c.service_level);
  CHECK(a.asa_s == c.asa_s);
  CHECK(a.prob_abandon == 0.0);
  CHECK_THROWS_AS(erlang_a_metrics(0.05, 180.0, kInf, 9, 30.0), std::domain_error);
}

TEST_CASE("erlang a abandonment tends to erlang b blocking as customers become impatient") {
  const double arrival_rate_per_s = 0.1;
  const double mean_service_s = 50.0;
  const QueueMetrics a = erlang_a_metrics(arrival_rate_per_s, mean_service_s, 1e-7, 10, 20.0);
  const double blocking = erlang_b(10, arrival_rate_per_s * mean_service_s);
  CHECK(std::abs(a.prob_abandon - blocking) <= 1e-6);
  CHECK(std::abs(a.service_level - (1.0 - blocking)) <= 1e-6);
  CHECK(a.asa_s <= 1e-6);
}

TEST_CASE("erlang a in overload balances arrivals against answers and abandonments") {
  const int agents = 50;
  const double mean_service_s = 240.0;
  const double arrival_rate_per_s = 1.2 * agents / mean_service_s;
  const QueueMetrics m = erlang_a_metrics(arrival_rate_per_s, mean_service_s, 120.0, agents, 20.0);
  CHECK(m.throughput_per_s ==
        doctest::Approx(agents / mean_service_s * m.occupancy).epsilon(1e-12));
  CHECK(arrival_rate_per_s ==
        doctest::Approx(m.throughput_per_s + arrival_rate_per_s * m.prob_abandon).epsilon(1e-12));
  CHECK(m.occupancy < 1.0);
  CHECK(m.occupancy > 0.95);
  CHECK(m.prob_abandon > 1.0 / 6.0);
}

TEST_CASE("erlang a obeys little's law and abandons at theta times the queue length") {
  for (const Workload w : {Workload{0.05, 180.0, 120.0, 8}, Workload{0.3, 200.0, 90.0, 55},
                           Workload{0.01, 100.0, 30.0, 1}}) {
    CAPTURE(w.agents);
    const QueueMetrics m = erlang_a(w, 20.0);
    CHECK(m.mean_queue_length ==
          doctest::Approx(w.arrival_rate_per_s * m.mean_wait_all_s).epsilon(1e-12));
    CHECK(m.mean_queue_length / w.mean_patience_s ==
          doctest::Approx(w.arrival_rate_per_s * m.prob_abandon).epsilon(1e-12));
  }
}

TEST_CASE("erlang a service levels are ordered and bounded by the answered fraction") {
  for (const Workload w : {Workload{0.05, 180.0, 120.0, 8}, Workload{0.3, 200.0, 90.0, 55},
                           Workload{0.2, 300.0, 600.0, 70}}) {
    for (const double threshold_s : {0.0, 10.0, 60.0, 600.0}) {
      CAPTURE(w.agents);
      CAPTURE(threshold_s);
      const QueueMetrics m = erlang_a(w, threshold_s);
      CHECK(m.service_level <= 1.0 - m.prob_abandon + 1e-15);
      CHECK(m.service_level >= 1.0 - m.prob_wait - 1e-15);
      CHECK(m.service_level_excl_short_abandons >= m.service_level);
      CHECK(m.prob_abandon_within_threshold <= m.prob_abandon + 1e-15);
      CHECK(m.prob_abandon_within_threshold >= 0.0);
    }
  }
}

TEST_CASE("erlang a thresholds of zero and infinity give the waiting and answered fractions") {
  const Workload w{0.3, 200.0, 90.0, 55};
  const QueueMetrics at_zero = erlang_a(w, 0.0);
  CHECK(at_zero.service_level == doctest::Approx(1.0 - at_zero.prob_wait).epsilon(1e-13));
  CHECK(at_zero.prob_abandon_within_threshold == 0.0);
  const QueueMetrics forever = erlang_a(w, kInf);
  CHECK(forever.service_level == doctest::Approx(1.0 - forever.prob_abandon).epsilon(1e-13));
  CHECK(forever.prob_abandon_within_threshold ==
        doctest::Approx(forever.prob_abandon).epsilon(1e-13));
}

TEST_CASE("erlang a handles a thousand agents at and above critical load") {
  for (const double load_per_agent : {1.0, 1.2}) {
    CAPTURE(load_per_agent);
    const int agents = 1000;
    const double arrival_rate_per_s = load_per_agent * agents / 180.0;
    const QueueMetrics m = erlang_a_metrics(arrival_rate_per_s, 180.0, 180.0, agents, 20.0);
    CHECK(m.prob_wait > 0.0);
    CHECK(m.prob_wait <= 1.0);
    CHECK(m.service_level > 0.0);
    CHECK(m.service_level < 1.0);
    CHECK(std::isfinite(m.asa_s));
    CHECK(arrival_rate_per_s ==
          doctest::Approx(m.throughput_per_s + arrival_rate_per_s * m.prob_abandon).epsilon(1e-12));
  }
}

TEST_CASE("erlang a with no arrivals answers every contact at once") {
  const QueueMetrics m = erlang_a_metrics(0.0, 180.0, 60.0, 3, 20.0);
  CHECK(m.service_level == 1.0);
  CHECK(m.prob_wait == 0.0);
  CHECK(m.occupancy == 0.0);
}

TEST_CASE("erlang a refuses a queue too long to enumerate") {
  CHECK_THROWS_AS(erlang_a_metrics(1.0, 100.0, 1e12, 10, 20.0), std::domain_error);
}

TEST_CASE("invalid inputs to erlang a throw and name the bad value") {
  CHECK_THROWS_AS(erlang_a_metrics(-1.0, 180.0, 60.0, 3, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_a_metrics(0.1, -180.0, 60.0, 3, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_a_metrics(0.1, 180.0, 0.0, 3, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_a_metrics(0.1, 180.0, std::nan(""), 3, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_a_metrics(0.1, 180.0, 60.0, 0, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_a_metrics(0.1, 180.0, 60.0, 3, -20.0), std::invalid_argument);
  CHECK_THROWS_WITH(erlang_a_metrics(0.1, 180.0, -5.0, 3, 20.0),
                    "mean_patience_s must be > 0 (+inf allowed), got -5");
}
