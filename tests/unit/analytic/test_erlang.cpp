#include "txsim/analytic/erlang.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <utility>

using namespace txsim::analytic;

namespace {

// Erlang B from its definition, summed in log space so that it is independent of the
// recursion under test: B = 1 / sum_k c! / (k! a^(c-k)).
double erlang_b_by_direct_sum(int servers, double load) {
  long double inverse = 0.0L;
  for (int k = 0; k <= servers; ++k) {
    inverse += std::exp(std::lgamma(servers + 1.0L) - std::lgamma(k + 1.0L) -
                        (servers - k) * std::log(static_cast<long double>(load)));
  }
  return static_cast<double>(1.0L / inverse);
}

// Erlang C from its definition: the stationary mass of states n >= c in M/M/c.
double erlang_c_by_direct_sum(int servers, double load) {
  long double term = 1.0L;
  long double below = 0.0L;
  for (int k = 0; k < servers; ++k) {
    below += term;
    term *= load / (k + 1);
  }
  const long double waiting = term * servers / (servers - load);
  return static_cast<double>(waiting / (below + waiting));
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("the 100 calls per half hour worked example with 14 agents gives the published figures") {
  const double arrival_rate_per_s = 100.0 / 1800.0;
  const QueueMetrics metrics = erlang_c_metrics(arrival_rate_per_s, 180.0, 14, 20.0);
  CHECK(std::abs(metrics.prob_wait - 0.17413) <= 5e-5);
  CHECK(std::abs(metrics.service_level - 0.88835) <= 5e-5);
  CHECK(std::abs(metrics.asa_s - 7.836) <= 1e-3);
}

TEST_CASE("erlang b matches published table values") {
  CHECK(std::abs(erlang_b(10, 5.0) - 0.018385) <= 5e-7);
  CHECK(erlang_b(1, 1.0) == 0.5);
  CHECK(erlang_b(0, 3.0) == 1.0);
  CHECK(erlang_b(5, 0.0) == 0.0);
}

TEST_CASE("erlang b agrees with the direct sum from small to a thousand servers") {
  for (const auto& [servers, load] : {std::pair{3, 2.5}, std::pair{20, 15.0},
                                      std::pair{150, 170.0}, std::pair{1000, 1000.0},
                                      std::pair{1000, 950.0}, std::pair{2500, 3000.0}}) {
    CAPTURE(servers);
    CAPTURE(load);
    const double blocking = erlang_b(servers, load);
    REQUIRE(std::isfinite(blocking));
    CHECK(blocking == doctest::Approx(erlang_b_by_direct_sum(servers, load)).epsilon(1e-9));
  }
}

TEST_CASE("erlang c agrees with its definition and with b over one minus rho times one minus b") {
  for (const auto& [servers, load] :
       {std::pair{1, 0.5}, std::pair{14, 10.0}, std::pair{50, 49.0}, std::pair{500, 480.0}}) {
    CAPTURE(servers);
    CAPTURE(load);
    const double waiting = erlang_c(servers, load);
    CHECK(waiting == doctest::Approx(erlang_c_by_direct_sum(servers, load)).epsilon(1e-9));
    const double blocking = erlang_b(servers, load);
    const double rho = load / servers;
    CHECK(waiting == doctest::Approx(blocking / (1.0 - rho * (1.0 - blocking))).epsilon(1e-14));
    CHECK(waiting > blocking);
  }
}

TEST_CASE("erlang c is one once the load reaches the number of servers") {
  CHECK(erlang_c(10, 10.0) == 1.0);
  CHECK(erlang_c(10, 12.5) == 1.0);
  CHECK(erlang_c(0, 0.0) == 1.0);
  CHECK(erlang_c(10, 0.0) == 0.0);
}

TEST_CASE("erlang c metrics refuse an unstable queue with a domain error") {
  CHECK_THROWS_AS(erlang_c_metrics(1.0, 10.0, 10, 20.0), std::domain_error);
  CHECK_THROWS_AS(erlang_c_metrics(1.0, 12.0, 10, 20.0), std::domain_error);
  CHECK_NOTHROW(erlang_c_metrics(1.0, 9.99, 10, 20.0));
}

TEST_CASE("erlang c metrics satisfy little's law and the service level limits") {
  const double arrival_rate_per_s = 0.5;
  const double mean_service_s = 40.0;
  const int agents = 23;
  const QueueMetrics at_zero = erlang_c_metrics(arrival_rate_per_s, mean_service_s, agents, 0.0);
  CHECK(at_zero.service_level == doctest::Approx(1.0 - at_zero.prob_wait).epsilon(1e-14));
  const QueueMetrics forever = erlang_c_metrics(arrival_rate_per_s, mean_service_s, agents, kInf);
  CHECK(forever.service_level == 1.0);
  const QueueMetrics metrics = erlang_c_metrics(arrival_rate_per_s, mean_service_s, agents, 15.0);
  CHECK(metrics.mean_queue_length ==
        doctest::Approx(arrival_rate_per_s * metrics.mean_wait_all_s).epsilon(1e-14));
  CHECK(metrics.occupancy == doctest::Approx(20.0 / 23.0).epsilon(1e-14));
  CHECK(metrics.throughput_per_s == arrival_rate_per_s);
  CHECK(metrics.prob_abandon == 0.0);
  CHECK(metrics.prob_blocked == 0.0);
  CHECK(metrics.service_level_excl_short_abandons == metrics.service_level);
  CHECK(at_zero.service_level < metrics.service_level);
  CHECK(metrics.service_level < 1.0);
}

TEST_CASE("erlang b metrics carry exactly the load that is not blocked") {
  const double arrival_rate_per_s = 0.1;
  const double mean_service_s = 50.0;
  const QueueMetrics metrics = erlang_b_metrics(arrival_rate_per_s, mean_service_s, 10);
  const double blocking = erlang_b(10, 5.0);
  CHECK(metrics.prob_blocked == blocking);
  CHECK(metrics.service_level == doctest::Approx(1.0 - blocking).epsilon(1e-15));
  CHECK(metrics.throughput_per_s == doctest::Approx(0.1 * (1.0 - blocking)).epsilon(1e-15));
  CHECK(metrics.occupancy == doctest::Approx(0.5 * (1.0 - blocking)).epsilon(1e-15));
  CHECK(metrics.prob_wait == 0.0);
  CHECK(metrics.asa_s == 0.0);
  CHECK(metrics.mean_queue_length == 0.0);
}

TEST_CASE("invalid inputs to the erlang b and c functions throw and name the bad value") {
  CHECK_THROWS_AS(erlang_b(-1, 2.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(3, -0.5), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(3, kNaN), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(3, kInf), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(-2, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(2, kNaN), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b_metrics(-0.1, 60.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b_metrics(0.1, 0.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b_metrics(0.1, 60.0, 0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c_metrics(0.1, kInf, 30, 20.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c_metrics(0.1, 60.0, 30, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c_metrics(0.1, 60.0, 30, kNaN), std::invalid_argument);
  CHECK_THROWS_WITH(erlang_b(3, -0.5),
                    "offered_load_erlangs must be finite and >= 0, got -0.5");
  CHECK_THROWS_WITH(erlang_c_metrics(0.1, 60.0, -4, 20.0),
                    "agents must be >= 1, got -4");
}
