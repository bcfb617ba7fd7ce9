#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include "txsim/stats/wait_histogram.hpp"

using txsim::stats::WaitHistogram;

namespace {

std::vector<double> exponential_samples(std::size_t n, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_01<double> uniform;
  std::vector<double> values(n);
  for (double& x : values) x = -std::log1p(-uniform(engine));
  return values;
}

constexpr double probabilities[] = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999};

}  // namespace

TEST_CASE("quantiles of 1e5 exponential samples are within the documented error of -ln(1-p)") {
  const std::size_t n = 100000;
  WaitHistogram histogram;
  for (const double x : exponential_samples(n, 11)) histogram.add(x);
  // The sample itself strays from -ln(1-p), most in the tails: on top of the bucket
  // error allow four standard errors of the sample quantile, sqrt(p (1-p) / n) / density.
  for (const double p : probabilities) {
    CAPTURE(p);
    const double exact = -std::log1p(-p);
    const double sampling = 4.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n));
    CHECK(std::abs(histogram.quantile(p) - exact) <= WaitHistogram::max_relative_error * exact + sampling / (1.0 - p));
    CHECK(std::abs(histogram.fraction_at_or_below(exact) - p) <= sampling);
  }
}

TEST_CASE("every quantile is within the documented error of the sample order statistic") {
  // Log-uniform values from 6e-6 s to 4e5 s exercise the linear and the log buckets.
  boost::random::mt19937_64 engine(23);
  boost::random::uniform_01<double> uniform;
  std::vector<double> values(20000);
  for (double& x : values) x = std::exp(25.0 * uniform(engine) - 12.0);
  WaitHistogram histogram;
  for (const double x : values) histogram.add(x);
  std::sort(values.begin(), values.end());

  CHECK(histogram.quantile(0.0) == values.front());
  CHECK(histogram.quantile(1.0) == values.back());
  for (int i = 1; i < 1000; ++i) {
    const double p = i / 1000.0;
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    const double order_statistic = values[rank - 1];
    const double bound = std::max(order_statistic * WaitHistogram::max_relative_error, WaitHistogram::linear_width_s);
    CAPTURE(p);
    CHECK(std::abs(histogram.quantile(p) - order_statistic) <= bound);
  }
}

TEST_CASE("with 70% zero waits the median is zero and the 90th percentile is positive") {
  WaitHistogram histogram;
  for (int i = 0; i < 7000; ++i) histogram.add(0.0);
  for (const double x : exponential_samples(3000, 5)) histogram.add(x);
  CHECK(histogram.count() == 10000);
  CHECK(histogram.quantile(0.5) == 0.0);
  CHECK(histogram.quantile(0.9) > 0.0);
  CHECK(histogram.fraction_at_or_below(0.0) == 0.7);
}

TEST_CASE("merging two histograms gives the histogram of all their values") {
  const auto first_values = exponential_samples(5000, 1);
  const auto second_values = exponential_samples(7000, 2);
  WaitHistogram first, second, all;
  for (const double x : first_values) {
    first.add(x);
    all.add(x);
  }
  for (const double x : second_values) {
    second.add(60.0 * x);
    all.add(60.0 * x);
  }
  first.merge(second);
  CHECK(first.count() == all.count());
  CHECK(first.min() == all.min());
  CHECK(first.max() == all.max());
  for (const double p : probabilities) CHECK(first.quantile(p) == all.quantile(p));
  for (const double v_s : {0.5, 20.0, 45.0, 300.0}) CHECK(first.fraction_at_or_below(v_s) == all.fraction_at_or_below(v_s));
}

TEST_CASE("values above the tracked range go to the overflow bucket and still count") {
  WaitHistogram histogram;
  for (int i = 0; i < 9; ++i) histogram.add(1.0);
  histogram.add(1.0e7);
  CHECK(histogram.count() == 10);
  CHECK(histogram.max() == 1.0e7);
  CHECK(histogram.quantile(1.0) == 1.0e7);
  CHECK(histogram.quantile(0.95) > WaitHistogram::max_tracked_s);
  CHECK(histogram.quantile(0.95) < 1.0e7);
  CHECK(histogram.fraction_at_or_below(WaitHistogram::max_tracked_s) == 0.9);
}

TEST_CASE("the fraction answered within a threshold on a bucket edge such as 20 s is exact") {
  WaitHistogram histogram;
  histogram.add(19.99);
  histogram.add(20.0);
  histogram.add(20.25);  // shares the bucket (20, 20.5] above the threshold
  histogram.add(35.0);
  CHECK(histogram.fraction_at_or_below(20.0) == 0.5);
  CHECK(histogram.fraction_at_or_below(-1.0) == 0.0);
  CHECK(histogram.fraction_at_or_below(35.0) == 1.0);
}

TEST_CASE("a weighted add counts like the same number of single adds") {
  WaitHistogram weighted, repeated;
  weighted.add(3.0, 5);
  weighted.add(100.0, 0);
  weighted.add(0.25, 2);
  for (int i = 0; i < 5; ++i) repeated.add(3.0);
  for (int i = 0; i < 2; ++i) repeated.add(0.25);
  CHECK(weighted.count() == 7);
  CHECK(weighted.max() == 3.0);
  for (const double p : probabilities) CHECK(weighted.quantile(p) == repeated.quantile(p));
}

TEST_CASE("an empty histogram has NaN quantiles and a probability outside [0, 1] is rejected") {
  WaitHistogram histogram;
  CHECK(std::isnan(histogram.quantile(0.5)));
  CHECK(std::isnan(histogram.fraction_at_or_below(10.0)));
  histogram.add(1.0);
  CHECK_THROWS_AS((void)histogram.quantile(1.5), std::invalid_argument);
  CHECK_THROWS_AS((void)histogram.quantile(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS((void)histogram.fraction_at_or_below(std::nan("")), std::invalid_argument);
}
