#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>

#include "txsim/rng/distribution.hpp"
#include "txsim/rng/stream.hpp"

using txsim::rng::Distribution;
using txsim::rng::Sampler;

namespace {

// Sample mean and variance of n inverse-transform draws.
std::pair<double, double> moments(const Sampler& s, int n, std::uint64_t seed) {
  txsim::rng::Stream stream(seed);
  double sum = 0.0;
  double sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = s.quantile(stream.uniform());
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, sum2 / n - mean * mean};
}

}  // namespace

TEST_CASE("quantiles match Boost.Math's reference distributions") {
  for (const double u : {0.001, 0.1, 0.37, 0.5, 0.9, 0.999}) {
    CAPTURE(u);
    const double sigma2 = std::log1p(0.8 * 0.8);
    const boost::math::lognormal_distribution<> lognormal(std::log(300.0) - sigma2 / 2, std::sqrt(sigma2));
    CHECK(Sampler(Distribution::lognormal(300, 0.8)).quantile(u) == doctest::Approx(quantile(lognormal, u)).epsilon(1e-12));
    const boost::math::gamma_distribution<> gamma(1.0 / (0.5 * 0.5), 200.0 * 0.5 * 0.5);
    CHECK(Sampler(Distribution::gamma(200, 0.5)).quantile(u) == doctest::Approx(quantile(gamma, u)).epsilon(1e-10));
    const boost::math::weibull_distribution<> weibull(0.8, 240.0 / std::tgamma(1.0 + 1.0 / 0.8));
    CHECK(Sampler(Distribution::weibull(240, 0.8)).quantile(u) == doctest::Approx(quantile(weibull, u)).epsilon(1e-12));
    CHECK(Sampler(Distribution::exponential(60)).quantile(u) == doctest::Approx(-60.0 * std::log(1.0 - u)).epsilon(1e-12));
  }
}

TEST_CASE("sampled means and coefficients of variation match the parameters") {
  const int n = 200000;
  struct Case {
    Distribution d;
    double mean;
    double cv;
  };
  const std::vector<Case> cases{{Distribution::exponential(180), 180, 1.0},
                                {Distribution::lognormal(300, 0.9), 300, 0.9},
                                {Distribution::gamma(420, 0.8), 420, 0.8},
                                {Distribution::weibull(240, 1.5), 240, std::sqrt(std::tgamma(1 + 2 / 1.5) / std::pow(std::tgamma(1 + 1 / 1.5), 2) - 1)}};
  for (const auto& c : cases) {
    CAPTURE(to_string(c.d.kind));
    const auto [mean, var] = moments(Sampler(c.d), n, 5);
    // 5 standard errors of the sample mean (sd = cv * mean).
    CHECK(std::abs(mean - c.mean) < 5.0 * c.cv * c.mean / std::sqrt(n));
    CHECK(std::sqrt(var) / mean == doctest::Approx(c.cv).epsilon(0.05));
  }
}

TEST_CASE("deterministic, none and empirical distributions") {
  CHECK(Sampler(Distribution::deterministic(30)).quantile(0.123) == 30.0);
  CHECK(std::isinf(Sampler(Distribution::none()).quantile(0.5)));
  const Sampler empirical(Distribution::empirical({30, 10, 20, 40}));
  CHECK(empirical.quantile(0.01) == 10.0);
  CHECK(empirical.quantile(0.26) == 20.0);
  CHECK(empirical.quantile(0.74) == 30.0);
  CHECK(empirical.quantile(0.99999) == 40.0);
  CHECK(empirical.mean() == 25.0);
}

TEST_CASE("a larger quantile never gives a shorter duration (monotone inverse transform)") {
  for (const auto& d : {Distribution::exponential(60), Distribution::lognormal(300, 1.2), Distribution::gamma(100, 2.0),
                        Distribution::weibull(200, 0.7), Distribution::empirical({5, 1, 3, 3, 9})}) {
    const Sampler s(d);
    double previous = 0.0;
    for (int i = 1; i < 1000; ++i) {
      const double x = s.quantile(i / 1000.0);
      CHECK(x >= previous);
      previous = x;
    }
  }
}
