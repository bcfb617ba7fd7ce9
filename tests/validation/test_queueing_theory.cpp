// The simulator against exact queueing theory. Each bundled validation scenario is an
// M/M/c (Erlang C), M/M/c+M (Erlang A) or M/M/c/c (Erlang B) system; replications give a mean
// and its standard error for each KPI, and the exact value must lie within 4 estimated standard
// errors (with 19 degrees of freedom, P(|T| > 4) = 7.7e-4 per comparison; the seeds are fixed,
// so a pass is reproducible).

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "scenario_files.hpp"
#include "txsim/analytic/staffing.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/stats/confidence.hpp"

using txsim::analytic::QueueModel;
using txsim::experiment::Detail;
using txsim::experiment::ExperimentResult;
using txsim::model::Kpi;

namespace {

constexpr double kZ = 4.0;
constexpr int kReplications = 20;

struct Estimate {
  double mean;
  double standard_error;
};

Estimate estimate(const ExperimentResult& r, Kpi kpi) {
  const auto& s = r.total[static_cast<std::size_t>(kpi)];
  return {s.mean, s.half_width / txsim::stats::t_quantile(0.95, s.n - 1)};
}

// The exact metrics of the queue that a single-type, single-group validation scenario describes.
txsim::analytic::QueueMetrics exact_metrics(const txsim::model::ScenarioSpec& spec, QueueModel model) {
  const auto& type = spec.contact_types.at(0);
  const double patience = type.patience.expected();
  return txsim::analytic::queue_metrics(model, *spec.demand.rate_per_hour / 3600.0, type.handle_time.mean, patience,
                                        spec.agent_groups.at(0).headcount.at(0), spec.service_level_threshold_s);
}

ExperimentResult simulate(const txsim::model::ScenarioSpec& spec) {
  txsim::experiment::ReplicationOptions options;
  options.seed = 20261122;
  options.replications = kReplications;
  options.detail = Detail::Total;
  return txsim::experiment::run_replications(spec, options);
}

void check_close(const ExperimentResult& r, Kpi kpi, double exact) {
  const Estimate e = estimate(r, kpi);
  CAPTURE(txsim::model::info(kpi).name);
  CAPTURE(e.mean);
  CAPTURE(e.standard_error);
  CAPTURE(exact);
  CHECK(std::isfinite(e.mean));
  CHECK(std::abs(e.mean - exact) <= kZ * e.standard_error);
}

void validate_against(const std::string& file, QueueModel model) {
  const auto spec = txsim::testing::load_bundled("validation/" + file);
  const auto exact = exact_metrics(spec, model);
  const auto r = simulate(spec);
  check_close(r, Kpi::Occupancy, exact.occupancy);
  check_close(r, Kpi::MeanQueueLength, exact.mean_queue_length);
  check_close(r, Kpi::ServiceLevel, exact.service_level);
  check_close(r, Kpi::MeanWaitS, exact.mean_wait_all_s);
  if (model == QueueModel::ErlangB) {
    check_close(r, Kpi::BlockRate, exact.prob_blocked);
    return;
  }
  check_close(r, Kpi::AsaS, exact.asa_s);
  check_close(r, Kpi::AbandonRate, exact.prob_abandon);
  if (model == QueueModel::ErlangA) check_close(r, Kpi::ServiceLevelExclShortAbandons, exact.service_level_excl_short_abandons);
}

}  // namespace

TEST_CASE("Erlang C, small (3 agents, rho 0.8)") { validate_against("erlang_c_small.yaml", QueueModel::ErlangC); }
TEST_CASE("Erlang C, medium (40 agents, rho 0.9)") { validate_against("erlang_c_medium.yaml", QueueModel::ErlangC); }
TEST_CASE("Erlang C, large (250 agents, rho 0.96)") { validate_against("erlang_c_large.yaml", QueueModel::ErlangC); }
TEST_CASE("Erlang A, small, overloaded (2 agents, rho 1.2)") { validate_against("erlang_a_small.yaml", QueueModel::ErlangA); }
TEST_CASE("Erlang A, medium, overloaded (30 agents, rho 1.1)") { validate_against("erlang_a_medium.yaml", QueueModel::ErlangA); }
TEST_CASE("Erlang A, large (200 agents, rho 0.95)") { validate_against("erlang_a_large.yaml", QueueModel::ErlangA); }
TEST_CASE("Erlang B, small (5 agents, 4 Erlang)") { validate_against("erlang_b_small.yaml", QueueModel::ErlangB); }
TEST_CASE("Erlang B, medium (30 agents, 25 Erlang)") { validate_against("erlang_b_medium.yaml", QueueModel::ErlangB); }
TEST_CASE("Erlang B, large (200 agents, 190 Erlang)") { validate_against("erlang_b_large.yaml", QueueModel::ErlangB); }

TEST_CASE("with far more agents than load nobody ever waits (M/M/infinity)") {
  const auto r = simulate(txsim::testing::load_bundled("validation/infinite_servers.yaml"));
  for (const auto& rep : r.replications) {
    CHECK(rep.total[static_cast<std::size_t>(Kpi::ServiceLevel)] == 1.0);
    CHECK(rep.total[static_cast<std::size_t>(Kpi::MeanWaitS)] == 0.0);
    CHECK(rep.total[static_cast<std::size_t>(Kpi::MeanQueueLength)] == 0.0);
  }
  // Occupancy of 200 agents carrying 10 Erlang is 0.05.
  check_close(r, Kpi::Occupancy, 0.05);
}

TEST_CASE("Little's law: time-average queue length = arrival rate x mean wait") {
  // L and lambda*W are measured in the same replications, so their paired difference has a small
  // standard error; boundary effects (contacts waiting at the end of warm-up) are far below it.
  for (const char* file : {"erlang_c_medium.yaml", "erlang_a_small.yaml", "erlang_a_large.yaml"}) {
    CAPTURE(file);
    const auto spec = txsim::testing::load_bundled(std::string("validation/") + file);
    const auto r = simulate(spec);
    std::vector<double> queue_length, rate_times_wait;
    const double lambda = *spec.demand.rate_per_hour / 3600.0;
    for (const auto& rep : r.replications) {
      const auto& v = rep.total;
      queue_length.push_back(v[static_cast<std::size_t>(Kpi::MeanQueueLength)]);
      // Blocked contacts never queue; everyone else waits mean_wait on average.
      const double entering = 1.0 - v[static_cast<std::size_t>(Kpi::BlockRate)];
      rate_times_wait.push_back(lambda * entering * v[static_cast<std::size_t>(Kpi::MeanWaitS)]);
    }
    const auto diff = txsim::stats::paired_difference_ci(queue_length, rate_times_wait);
    const double se = diff.half_width / txsim::stats::t_quantile(0.95, diff.n - 1);
    CAPTURE(diff.mean);
    CAPTURE(se);
    CHECK(std::abs(diff.mean) <= kZ * se);
  }
}

TEST_CASE("wait percentiles follow the Erlang C waiting-time distribution") {
  // P(W > t) = C * exp(-(c mu - lambda) t): the p-quantile for p > 1 - C is
  // ln(C / (1 - p)) / (c mu - lambda). Answered-wait percentiles equal all-wait ones here.
  const auto spec = txsim::testing::load_bundled("validation/erlang_c_medium.yaml");
  const double lambda = *spec.demand.rate_per_hour / 3600.0;
  const double mu = 1.0 / spec.contact_types[0].handle_time.mean;
  const int c = spec.agent_groups[0].headcount[0];
  const double prob_wait = txsim::analytic::erlang_c(c, lambda / mu);
  const double decay = c * mu - lambda;
  const auto r = simulate(spec);
  for (const auto& [kpi, p] : {std::pair{Kpi::WaitP90S, 0.90}, std::pair{Kpi::WaitP95S, 0.95}}) {
    REQUIRE(p > 1.0 - prob_wait);
    check_close(r, kpi, std::log(prob_wait / (1.0 - p)) / decay);
  }
}
