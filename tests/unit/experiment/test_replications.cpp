#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

#include "scenario_builders.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/model/simulate.hpp"

using txsim::experiment::Detail;
using txsim::experiment::ReplicationOptions;
using txsim::experiment::run_replications;
using txsim::rng::Distribution;

namespace {

// Bitwise equality of every KPI of every replication and period.
bool identical(const txsim::experiment::ExperimentResult& a, const txsim::experiment::ExperimentResult& b) {
  if (a.replications.size() != b.replications.size()) return false;
  const auto same = [](const auto& x, const auto& y) {
    // memcmp must not see the null data() of an empty vector.
    return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0);
  };
  for (std::size_t r = 0; r < a.replications.size(); ++r) {
    const auto& x = a.replications[r];
    const auto& y = b.replications[r];
    if (std::memcmp(&x.total, &y.total, sizeof(x.total)) != 0) return false;
    if (!same(x.days, y.days) || !same(x.intervals, y.intervals) || !same(x.types, y.types)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("results are bit-identical whatever the number of threads") {
  auto spec = txsim::testing::single_queue(2000, Distribution::lognormal(100, 1.1), 55, Distribution::exponential(120), 5000);
  spec.contact_types[0].redial_probability = 0.4;
  ReplicationOptions options;
  options.seed = 77;
  options.replications = 7;
  options.detail = Detail::Interval;
  options.threads = 1;
  const auto one = run_replications(spec, options);
  options.threads = 2;
  const auto two = run_replications(spec, options);
  options.threads = 5;
  const auto five = run_replications(spec, options);
  CHECK(identical(one, two));
  CHECK(identical(one, five));
}

TEST_CASE("employee dynamics are bit-identical whatever the number of threads") {
  ReplicationOptions options;
  options.seed = 3;
  options.replications = 4;
  options.detail = Detail::Day;
  options.threads = 1;
  const auto spec = txsim::testing::workforce_centre(30, 1500, 60);
  const auto one = run_replications(spec, options);
  options.threads = 2;
  const auto two = run_replications(spec, options);
  CHECK(identical(one, two));
  for (std::size_t r = 0; r < one.replications.size(); ++r) {
    const auto& x = one.replications[r];
    const auto& y = two.replications[r];
    CHECK(std::memcmp(&x.ex_total, &y.ex_total, sizeof(x.ex_total)) == 0);
    REQUIRE(x.ex_days.size() == y.ex_days.size());
    REQUIRE_FALSE(x.ex_days.empty());
    CHECK(std::memcmp(x.ex_days.data(), y.ex_days.data(), x.ex_days.size() * sizeof(x.ex_days[0])) == 0);
    REQUIRE(x.agents.size() == y.agents.size());
    for (std::size_t a = 0; a < x.agents.size(); ++a) CHECK(x.agents[a].fatigue_integral == y.agents[a].fatigue_integral);
  }
}

TEST_CASE("replication r of an experiment equals a single run with RunSeed{seed, r}") {
  const auto spec = txsim::testing::single_queue(2000, Distribution::exponential(100), 60, Distribution::exponential(120), 3000);
  ReplicationOptions options;
  options.seed = 5;
  options.replications = 3;
  const auto all = run_replications(spec, options);
  const auto run = txsim::model::simulate(spec, {5, 2});
  const auto waits = run.total_waits();
  const auto direct = txsim::model::compute_kpis(run.total(), &waits);
  CHECK(std::memcmp(&direct, &all.replications[2].total, sizeof(direct)) == 0);
}

TEST_CASE("the summary is the mean of the replications with a Student-t interval") {
  const auto spec = txsim::testing::single_queue(2000, Distribution::exponential(100), 60, Distribution::exponential(120), 3000);
  ReplicationOptions options;
  options.replications = 6;
  const auto r = run_replications(spec, options);
  const auto k = static_cast<std::size_t>(txsim::model::Kpi::AsaS);
  std::vector<double> values;
  for (const auto& rep : r.replications) values.push_back(rep.total[k]);
  const auto expected = txsim::stats::mean_ci(values);
  CHECK(r.total[k].mean == doctest::Approx(expected.mean));
  CHECK(r.total[k].lo == doctest::Approx(expected.lo));
  CHECK(r.total[k].n == 6);
  CHECK(r.total[k].lo < r.total[k].mean);
}

TEST_CASE("parallel_for runs every index exactly once and passes exceptions on") {
  std::vector<std::atomic<int>> hits(100);
  txsim::experiment::parallel_for(100, 3, [&](int i) { ++hits[static_cast<std::size_t>(i)]; });
  for (const auto& h : hits) CHECK(h.load() == 1);
  CHECK_THROWS_AS(txsim::experiment::parallel_for(10, 2, [](int i) {
                    if (i == 7) throw std::runtime_error("boom");
                  }),
                  std::runtime_error);
}

TEST_CASE("a raised stop flag ends the experiment with Cancelled, and progress counts every run") {
  const auto spec = txsim::testing::single_queue(30.0, txsim::rng::Distribution::exponential(300.0), 5);
  std::atomic<bool> stop{false};
  txsim::experiment::ReplicationOptions options;
  options.replications = 6;
  options.threads = 2;
  std::vector<int> seen;
  options.progress = [&](int done, int total) {
    CHECK(total == 6);
    seen.push_back(done);
  };
  options.stop = &stop;
  (void)txsim::experiment::run_replications(spec, options);
  CHECK(seen == std::vector<int>{1, 2, 3, 4, 5, 6});
  stop = true;
  CHECK_THROWS_AS(txsim::experiment::run_replications(spec, options), txsim::experiment::Cancelled);
}

TEST_CASE("confidence intervals of bounded quantities stay within their range") {
  // Two replications of a fraction near 1 and of a count near 0: the t-interval would leave
  // [0, 1] and go below 0.
  txsim::model::KpiValues a{}, b{};
  const auto sl = static_cast<std::size_t>(txsim::model::Kpi::ServiceLevel);
  const auto blocked = static_cast<std::size_t>(txsim::model::Kpi::Blocked);
  a[sl] = 0.99;
  b[sl] = 1.0;
  a[blocked] = 0.0;
  b[blocked] = 3.0;
  const auto summary = txsim::experiment::summarise<txsim::model::kKpiCount>({&a, &b}, txsim::model::kKpiInfo);
  CHECK(summary[sl].hi == 1.0);
  CHECK(summary[sl].lo < 0.99);
  CHECK(summary[sl].mean == doctest::Approx(0.995));
  CHECK(summary[blocked].lo == 0.0);
  CHECK(summary[blocked].hi > 3.0);
}
