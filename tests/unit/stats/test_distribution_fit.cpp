#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

#include "txsim/stats/distribution_fit.hpp"

using namespace txsim::stats;

TEST_CASE("the lognormal fit of a small sample matches the closed form") {
  const std::vector<double> x{std::exp(1.0), std::exp(2.0), std::exp(3.0)};
  const LognormalFit fit = fit_lognormal(x);
  CHECK(fit.mu == doctest::Approx(2.0));
  CHECK(fit.sigma == doctest::Approx(std::sqrt(2.0 / 3.0)));
  CHECK(fit.mean == doctest::Approx(std::exp(2.0 + 1.0 / 3.0)));
  CHECK(fit.cv == doctest::Approx(std::sqrt(std::exp(2.0 / 3.0) - 1.0)));
  // log L = sum log f(x_i) evaluated by hand at the estimates.
  double ll = 0.0;
  for (const double v : x) {
    const double z = (std::log(v) - fit.mu) / fit.sigma;
    ll += -0.5 * z * z - std::log(fit.sigma * v * std::sqrt(2.0 * M_PI));
  }
  CHECK(fit.log_likelihood == doctest::Approx(ll));
}

TEST_CASE("the lognormal fit recovers mu and sigma within 4 standard errors, and KS accepts its own family") {
  boost::random::mt19937_64 engine(11);
  boost::random::lognormal_distribution<double> draw(5.0, 0.8);
  std::vector<double> x(5000);
  for (double& v : x) v = draw(engine);
  const LognormalFit fit = fit_lognormal(x);
  CHECK(std::abs(fit.mu - 5.0) <= 4.0 * fit.mu_se);
  CHECK(std::abs(fit.sigma - 0.8) <= 4.0 * fit.sigma_se);
  CHECK(fit.mean_lo < std::exp(5.0 + 0.32));
  CHECK(fit.mean_hi > std::exp(5.0 + 0.32));
  // KS distance of a correct model is of order 1/sqrt(n) (0.014 here).
  CHECK(fit.ks_distance < 0.03);
  CHECK(fit.ks_p_value > 0.001);
}

TEST_CASE("the KS statistic rejects a lognormal for Weibull data with shape 3") {
  boost::random::mt19937_64 engine(12);
  boost::random::weibull_distribution<double> draw(3.0, 200.0);
  std::vector<double> x(5000);
  for (double& v : x) v = draw(engine);
  const LognormalFit fit = fit_lognormal(x);
  CHECK(fit.ks_distance > 0.03);
  CHECK(fit.ks_p_value < 0.001);
}

TEST_CASE("the lognormal fit rejects too few, non-positive and all-equal values") {
  CHECK_THROWS_AS((void)fit_lognormal(std::vector<double>{1.0}), std::invalid_argument);
  CHECK_THROWS_AS((void)fit_lognormal(std::vector<double>{1.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS((void)fit_lognormal(std::vector<double>{2.0, 2.0}), std::invalid_argument);
}

TEST_CASE("day-level overdispersion: Gamma-Poisson counts give back their shape") {
  boost::random::mt19937_64 engine(13);
  const double shape = 25.0;  // cv of the busyness 0.2
  boost::random::gamma_distribution<double> busyness(shape, 1.0 / shape);
  const std::vector<double> weekday_means{1400, 1450, 1380, 1420, 1300, 450, 180};
  std::vector<double> counts;
  std::vector<int> groups;
  for (int week = 0; week < 40; ++week) {
    for (int d = 0; d < 7; ++d) {
      boost::random::poisson_distribution<int> poisson(weekday_means[d] * busyness(engine));
      counts.push_back(poisson(engine));
      groups.push_back(d);
    }
  }
  const OverdispersionFit fit = fit_overdispersion(counts, groups);
  CHECK(fit.n == counts.size());
  CHECK(fit.shape_lo < shape);
  CHECK(fit.shape_hi > shape);
  CHECK(fit.shape_ml == doctest::Approx(shape).epsilon(0.35));
  CHECK(fit.shape_moments == doctest::Approx(shape).epsilon(0.35));
}

TEST_CASE("Poisson counts show no overdispersion: the interval reaches the Poisson limit") {
  boost::random::mt19937_64 engine(14);
  std::vector<double> counts;
  std::vector<int> groups;
  for (int i = 0; i < 200; ++i) {
    boost::random::poisson_distribution<int> poisson(i % 2 == 0 ? 300.0 : 80.0);
    counts.push_back(poisson(engine));
    groups.push_back(i % 2);
  }
  const OverdispersionFit fit = fit_overdispersion(counts, groups);
  CHECK(std::isinf(fit.shape_hi));
  CHECK(fit.shape_lo > 50.0);
  CHECK_THROWS_AS((void)fit_overdispersion(std::vector<double>{1.0}, std::vector<int>{0}), std::invalid_argument);
}
