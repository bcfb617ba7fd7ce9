#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include "txsim/stats/confidence.hpp"

using namespace txsim::stats;

TEST_CASE("t quantiles match the published table") {
  CHECK(t_quantile(0.95, 9) == doctest::Approx(2.262157).epsilon(1e-6));
  CHECK(t_quantile(0.95, 1) == doctest::Approx(12.7062).epsilon(1e-5));
  CHECK(t_quantile(0.99, 30) == doctest::Approx(2.749996).epsilon(1e-6));
}

TEST_CASE("95% intervals from 10 normal samples cover the true mean in 95% +- 1.5% of 2000 experiments") {
  boost::random::mt19937_64 engine(42);
  boost::random::normal_distribution<double> normal(50.0, 8.0);
  const int experiments = 2000;
  int covered = 0;
  std::vector<double> samples(10);
  for (int e = 0; e < experiments; ++e) {
    for (double& x : samples) x = normal(engine);
    const Interval interval = mean_ci(samples);
    if (interval.lo <= 50.0 && 50.0 <= interval.hi) ++covered;
  }
  const double coverage = static_cast<double>(covered) / experiments;
  CAPTURE(coverage);
  CHECK(coverage >= 0.935);
  CHECK(coverage <= 0.965);
}

TEST_CASE("the interval of five hand-picked values matches a hand computation") {
  const std::vector<double> samples{1.0, 2.0, 3.0, 4.0, 5.0};
  const Interval interval = mean_ci(samples, 0.95);
  const double half_width = 2.776445 * std::sqrt(2.5) / std::sqrt(5.0);
  CHECK(interval.n == 5);
  CHECK(interval.mean == 3.0);
  CHECK(interval.stddev == doctest::Approx(std::sqrt(2.5)).epsilon(1e-12));
  CHECK(interval.half_width == doctest::Approx(half_width).epsilon(1e-6));
  CHECK(interval.lo == doctest::Approx(3.0 - half_width).epsilon(1e-6));
  CHECK(interval.hi == doctest::Approx(3.0 + half_width).epsilon(1e-6));
}

TEST_CASE("the paired difference of identical vectors is zero with zero width") {
  const std::vector<double> a{0.81, 0.77, 0.92, 0.85};
  const Interval interval = paired_difference_ci(a, a);
  CHECK(interval.mean == 0.0);
  CHECK(interval.half_width == 0.0);
  CHECK(interval.lo == 0.0);
  CHECK(interval.hi == 0.0);
}

TEST_CASE("the paired difference interval is the interval of the per-pair differences") {
  const std::vector<double> a{10.0, 12.0, 9.0, 14.0};
  const std::vector<double> b{8.0, 11.0, 9.5, 11.0};
  const std::vector<double> differences{2.0, 1.0, -0.5, 3.0};
  const Interval paired = paired_difference_ci(a, b, 0.9);
  const Interval direct = mean_ci(differences, 0.9);
  CHECK(paired.mean == direct.mean);
  CHECK(paired.half_width == direct.half_width);
  CHECK(paired.n == 4);
}

TEST_CASE("a single sample gives an interval that claims nothing and no samples are rejected") {
  const std::vector<double> one{7.0};
  const Interval interval = mean_ci(one);
  CHECK(interval.mean == 7.0);
  CHECK(interval.n == 1);
  CHECK(std::isinf(interval.half_width));
  CHECK(interval.lo == -INFINITY);
  CHECK(interval.hi == INFINITY);
  CHECK(std::isnan(interval.stddev));
  CHECK_THROWS_AS((void)mean_ci(std::vector<double>{}), std::invalid_argument);
}

TEST_CASE("mismatched pair counts, bad levels and bad degrees of freedom are rejected") {
  const std::vector<double> three{1.0, 2.0, 3.0};
  const std::vector<double> two{1.0, 2.0};
  CHECK_THROWS_AS((void)paired_difference_ci(three, two), std::invalid_argument);
  CHECK_THROWS_AS((void)mean_ci(three, 1.0), std::invalid_argument);
  CHECK_THROWS_AS((void)mean_ci(three, 0.0), std::invalid_argument);
  CHECK_THROWS_AS((void)t_quantile(0.95, 0), std::invalid_argument);
}

