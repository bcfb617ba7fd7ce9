#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include "txsim/stats/running_stat.hpp"

using txsim::stats::RunningStat;

namespace {

// An offset ten times the spread is where the naive sum-of-squares formula loses digits.
std::vector<double> offset_uniforms(std::size_t n) {
  boost::random::mt19937_64 engine(20240611);
  boost::random::uniform_01<double> uniform;
  std::vector<double> values(n);
  for (double& x : values) x = 1000.0 + 100.0 * uniform(engine);
  return values;
}

}  // namespace

TEST_CASE("welford mean, variance, minimum and maximum agree with a two-pass computation") {
  const auto values = offset_uniforms(10000);
  RunningStat stat;
  for (const double x : values) stat.add(x);

  double sum = 0.0;
  for (const double x : values) sum += x;
  const double mean = sum / static_cast<double>(values.size());
  double squares = 0.0;
  for (const double x : values) squares += (x - mean) * (x - mean);
  const double variance = squares / static_cast<double>(values.size() - 1);

  CHECK(stat.count() == values.size());
  CHECK(stat.mean() == doctest::Approx(mean).epsilon(1e-12));
  CHECK(stat.variance() == doctest::Approx(variance).epsilon(1e-12));
  CHECK(stat.stddev() == doctest::Approx(std::sqrt(variance)).epsilon(1e-12));
  CHECK(stat.sum() == doctest::Approx(sum).epsilon(1e-12));
  CHECK(stat.min() == *std::min_element(values.begin(), values.end()));
  CHECK(stat.max() == *std::max_element(values.begin(), values.end()));
}

TEST_CASE("merging the statistics of two halves gives the statistics of the whole") {
  const auto values = offset_uniforms(10001);
  RunningStat whole, first, second;
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.add(values[i]);
    (i < 3000 ? first : second).add(values[i]);
  }
  first.merge(second);
  CHECK(first.count() == whole.count());
  CHECK(first.mean() == doctest::Approx(whole.mean()).epsilon(1e-12));
  CHECK(first.variance() == doctest::Approx(whole.variance()).epsilon(1e-12));
  CHECK(first.min() == whole.min());
  CHECK(first.max() == whole.max());
}

TEST_CASE("merging with an empty accumulator keeps the non-empty side on either side") {
  RunningStat filled, empty;
  filled.add(2.0);
  filled.add(6.0);

  RunningStat left = filled;
  left.merge(empty);
  RunningStat right = empty;
  right.merge(filled);
  for (const RunningStat& merged : {left, right}) {
    CHECK(merged.count() == 2);
    CHECK(merged.mean() == 4.0);
    CHECK(merged.variance() == 8.0);
    CHECK(merged.min() == 2.0);
    CHECK(merged.max() == 6.0);
  }
}

TEST_CASE("an empty accumulator has no mean and a single value has no variance") {
  RunningStat stat;
  CHECK(stat.count() == 0);
  CHECK(std::isnan(stat.mean()));
  CHECK(std::isnan(stat.min()));
  CHECK(stat.sum() == 0.0);
  stat.add(3.5);
  CHECK(stat.mean() == 3.5);
  CHECK(std::isnan(stat.variance()));
  CHECK(stat.min() == 3.5);
  CHECK(stat.max() == 3.5);
}
