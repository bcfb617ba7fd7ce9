#include "txsim/analytic/staffing.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>

using namespace txsim::analytic;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Case {
  QueueModel model;
  double arrival_rate_per_s;
  double mean_service_s;
  double mean_patience_s;
};

// Erlang C has no metrics below stable staffing; such staffing misses every target.
bool is_stable(const Case& c, int agents) {
  return c.model != QueueModel::ErlangC || c.arrival_rate_per_s * c.mean_service_s < agents;
}

double service_level(const Case& c, int agents, double threshold_s) {
  return queue_metrics(c.model, c.arrival_rate_per_s, c.mean_service_s, c.mean_patience_s, agents,
                       threshold_s)
      .service_level;
}

double lost_fraction(const Case& c, int agents) {
  const QueueMetrics m =
      queue_metrics(c.model, c.arrival_rate_per_s, c.mean_service_s, c.mean_patience_s, agents, 0.0);
  return m.prob_abandon + m.prob_blocked;
}

const Case kCases[] = {
    {QueueModel::ErlangB, 100.0 / 1800.0, 180.0, kInf},
    {QueueModel::ErlangC, 100.0 / 1800.0, 180.0, kInf},
    {QueueModel::ErlangA, 100.0 / 1800.0, 180.0, 120.0},
    {QueueModel::ErlangC, 3.0, 300.0, kInf},
    {QueueModel::ErlangA, 3.0, 300.0, 200.0},
    {QueueModel::ErlangA, 0.001, 300.0, 200.0},
};

}  // namespace

TEST_CASE("staffing for a service level returns the fewest agents that meet it") {
  for (const Case& c : kCases) {
    for (const double target : {0.5, 0.8, 0.95}) {
      CAPTURE(static_cast<int>(c.model));
      CAPTURE(c.arrival_rate_per_s);
      CAPTURE(target);
      const double threshold_s = 20.0;
      const int agents = agents_for_service_level(c.model, c.arrival_rate_per_s, c.mean_service_s,
                                                  c.mean_patience_s, threshold_s, target);
      CHECK(service_level(c, agents, threshold_s) >= target);
      if (agents > 1 && is_stable(c, agents - 1)) {
        CHECK(service_level(c, agents - 1, threshold_s) < target);
      }
    }
  }
}

TEST_CASE("the worked example needs 14 agents for 85 percent answered within 20 seconds") {
  CHECK(agents_for_service_level(QueueModel::ErlangC, 100.0 / 1800.0, 180.0, kInf, 20.0, 0.85) ==
        14);
}

TEST_CASE("staffing for an abandon rate returns the fewest agents that meet it") {
  for (const Case& c : kCases) {
    if (c.model == QueueModel::ErlangC) {
      continue;
    }
    for (const double max_rate : {0.01, 0.05, 0.2}) {
      CAPTURE(static_cast<int>(c.model));
      CAPTURE(c.arrival_rate_per_s);
      CAPTURE(max_rate);
      const int agents = agents_for_abandon_rate(c.model, c.arrival_rate_per_s, c.mean_service_s,
                                                 c.mean_patience_s, max_rate);
      CHECK(lost_fraction(c, agents) <= max_rate);
      if (agents > 1) {
        CHECK(lost_fraction(c, agents - 1) > max_rate);
      }
    }
  }
}

TEST_CASE("staffing erlang c for an abandon rate returns the smallest stable staffing") {
  CHECK(agents_for_abandon_rate(QueueModel::ErlangC, 3.0, 300.0, kInf, 0.01) == 901);
  CHECK(agents_for_abandon_rate(QueueModel::ErlangC, 1.0, 2.5, kInf, 0.01) == 3);
}

TEST_CASE("staffing rejects unreachable targets and invalid workloads") {
  CHECK_THROWS_AS(agents_for_service_level(QueueModel::ErlangC, 0.1, 60.0, kInf, 20.0, 1.0),
                  std::invalid_argument);
  CHECK_THROWS_AS(agents_for_service_level(QueueModel::ErlangC, 0.1, 60.0, kInf, 20.0, -0.1),
                  std::invalid_argument);
  CHECK_THROWS_AS(agents_for_abandon_rate(QueueModel::ErlangA, 0.1, 60.0, 30.0, 0.0),
                  std::invalid_argument);
  CHECK_THROWS_AS(agents_for_service_level(QueueModel::ErlangA, -0.1, 60.0, 30.0, 20.0, 0.8),
                  std::invalid_argument);
  CHECK_THROWS_AS(agents_for_service_level(QueueModel::ErlangA, 0.1, 60.0, -30.0, 20.0, 0.8),
                  std::invalid_argument);
  CHECK_THROWS_AS(agents_for_abandon_rate(QueueModel::ErlangB, 0.1, std::nan(""), kInf, 0.1),
                  std::invalid_argument);
}
