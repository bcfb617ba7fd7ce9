#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

#include "txsim/stats/survival.hpp"

using namespace txsim::stats;

namespace {

// Remission times of the 6-MP group of Freireich et al. (1963), the worked example of Klein and
// Moeschberger (2003), Table 4.1A; "+" (event = false) marks a censored time.
std::vector<SurvivalObservation> six_mp() {
  return {{6, true},   {6, true},   {6, true},   {6, false},  {7, true},   {9, false},  {10, true},
          {10, false}, {11, false}, {13, true},  {16, true},  {17, false}, {19, false}, {20, false},
          {22, true},  {23, true},  {25, false}, {32, false}, {32, false}, {34, false}, {35, false}};
}

// Patience drawn from `draw`, censored by an independent exponential "answer" time with mean
// `censor_mean_s`, as in a queue where some callers are answered before they would give up.
template <class Draw>
std::vector<SurvivalObservation> censored_sample(Draw draw, double censor_mean_s, int n, unsigned seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::exponential_distribution<double> answer(1.0 / censor_mean_s);
  std::vector<SurvivalObservation> obs;
  for (int i = 0; i < n; ++i) {
    const double patience = draw(engine), served_after = answer(engine);
    obs.push_back({std::min(patience, served_after), patience <= served_after});
  }
  return obs;
}

}  // namespace

TEST_CASE("Kaplan-Meier reproduces the textbook 6-MP curve, Greenwood errors and restricted mean") {
  const KaplanMeier km = kaplan_meier(six_mp());
  const std::vector<double> times{6, 7, 10, 13, 16, 22, 23};
  const std::vector<double> survival{0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
  const std::vector<double> greenwood{0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346};
  REQUIRE(km.steps.size() == times.size());
  for (std::size_t j = 0; j < times.size(); ++j) {
    CHECK(km.steps[j].time_s == times[j]);
    CHECK(km.steps[j].survival == doctest::Approx(survival[j]).epsilon(0.001));
    CHECK(km.steps[j].std_error == doctest::Approx(greenwood[j]).epsilon(0.002));
  }
  CHECK(km.steps[0].at_risk == 21);
  CHECK(km.steps[0].events == 3);
  CHECK(km.survival_at(5.9) == 1.0);
  CHECK(km.survival_at(12.0) == doctest::Approx(0.753).epsilon(0.001));
  // Klein and Moeschberger, Example 4.2: mean restricted to 35 weeks, 23.287 (SE 2.827).
  CHECK(km.restricted_mean_s == doctest::Approx(23.287).epsilon(0.0005));
  CHECK(km.restricted_mean_se_s == doctest::Approx(2.827).epsilon(0.002));
}

TEST_CASE("Kaplan-Meier without censoring is one minus the empirical CDF") {
  const std::vector<SurvivalObservation> obs{{1, true}, {2, true}, {2, true}, {4, true}};
  const KaplanMeier km = kaplan_meier(obs);
  CHECK(km.survival_at(1) == doctest::Approx(0.75));
  CHECK(km.survival_at(3) == doctest::Approx(0.25));
  CHECK(km.survival_at(4) == doctest::Approx(0.0));
  CHECK(km.restricted_mean_s == doctest::Approx(9.0 / 4.0));
}

TEST_CASE("a negative time is rejected with its index") {
  const std::vector<SurvivalObservation> obs{{1, true}, {-2, true}};
  CHECK_THROWS_WITH_AS((void)kaplan_meier(obs), doctest::Contains("observation 1"), std::invalid_argument);
  CHECK_THROWS_AS((void)fit_exponential(std::vector<SurvivalObservation>{{3, false}}), std::invalid_argument);
}

TEST_CASE("the censored exponential fit is total time over events") {
  const std::vector<SurvivalObservation> obs{{10, true}, {20, false}, {30, true}, {0, false}};
  const SurvivalFit fit = fit_exponential(obs);
  CHECK(fit.parameters[0].value == doctest::Approx(30.0));
  CHECK(fit.observations == 3);
  CHECK(fit.events == 2);
  CHECK(fit.log_likelihood == doctest::Approx(-2.0 * std::log(30.0) - 2.0));
  CHECK(fit.aic == doctest::Approx(2.0 + 4.0 * std::log(30.0) + 4.0));
}

// Tolerances below: 4 standard errors of the estimate (a false failure has probability 6e-5).
TEST_CASE("maximum-likelihood fits recover known parameters from censored samples within 4 standard errors") {
  SUBCASE("exponential, mean 120 s") {
    boost::random::exponential_distribution<double> patience(1.0 / 120.0);
    const auto obs = censored_sample([&](auto& e) { return patience(e); }, 90.0, 4000, 1);
    const SurvivalFit fit = fit_exponential(obs);
    CHECK(std::abs(fit.parameters[0].value - 120.0) <= 4.0 * fit.parameters[0].std_error);
    CHECK(fit.mean_lo_s < fit.mean_s);
    CHECK(fit.mean_hi_s > fit.mean_s);
  }
  SUBCASE("Weibull, shape 1.6, scale 150 s") {
    boost::random::weibull_distribution<double> patience(1.6, 150.0);
    const auto obs = censored_sample([&](auto& e) { return patience(e); }, 120.0, 4000, 2);
    const SurvivalFit fit = fit_weibull(obs);
    CHECK(std::abs(fit.parameters[0].value - 1.6) <= 4.0 * fit.parameters[0].std_error);
    CHECK(std::abs(fit.parameters[1].value - 150.0) <= 4.0 * fit.parameters[1].std_error);
    const double true_mean = 150.0 * std::tgamma(1.0 + 1.0 / 1.6);
    const double mean_se = (fit.mean_hi_s - fit.mean_lo_s) / (2 * 1.96);
    CHECK(std::abs(fit.mean_s - true_mean) <= 4.0 * mean_se);
  }
  SUBCASE("lognormal, mu 4.5, sigma 0.9") {
    boost::random::lognormal_distribution<double> patience(4.5, 0.9);
    const auto obs = censored_sample([&](auto& e) { return patience(e); }, 100.0, 4000, 3);
    const SurvivalFit fit = fit_lognormal(obs);
    CHECK(std::abs(fit.parameters[0].value - 4.5) <= 4.0 * fit.parameters[0].std_error);
    CHECK(std::abs(fit.parameters[1].value - 0.9) <= 4.0 * fit.parameters[1].std_error);
    CHECK(fit.quantile(0.5) == doctest::Approx(std::exp(fit.parameters[0].value)));
    CHECK(fit.survival_at(fit.quantile(0.3)) == doctest::Approx(0.7));
  }
  SUBCASE("piecewise-constant hazard: 1/200 per s for 30 s, then 1/40, then 1/300") {
    const std::vector<double> b{0.0, 30.0, 60.0};
    const std::vector<double> h{1.0 / 200, 1.0 / 40, 1.0 / 300};
    boost::random::exponential_distribution<double> unit(1.0);
    // Inverse cumulative hazard of a unit exponential draw.
    const auto draw = [&](auto& e) {
      double target = unit(e);
      for (std::size_t j = 0; j < b.size(); ++j) {
        const double length = j + 1 < b.size() ? b[j + 1] - b[j] : std::numeric_limits<double>::infinity();
        if (target <= h[j] * length) return b[j] + target / h[j];
        target -= h[j] * length;
      }
      return std::numeric_limits<double>::infinity();
    };
    const auto obs = censored_sample(draw, 150.0, 6000, 4);
    const SurvivalFit fit = fit_piecewise_hazard(obs, b);
    REQUIRE(fit.parameters.size() == 3);
    for (std::size_t j = 0; j < 3; ++j)
      CHECK(std::abs(fit.parameters[j].value - h[j]) <= 4.0 * fit.parameters[j].std_error);
    CHECK(fit.survival_at(fit.quantile(0.4)) == doctest::Approx(0.6));
    // The non-monotone hazard is what AIC should prefer over the smooth families.
    CHECK(fit.aic < fit_weibull(obs).aic);
    CHECK(fit.aic < fit_lognormal(obs).aic);
    CHECK(fit.aic < fit_exponential(obs).aic);
  }
}

TEST_CASE("AIC prefers the Weibull over the exponential when the hazard rises") {
  boost::random::weibull_distribution<double> patience(2.0, 100.0);
  const auto obs = censored_sample([&](auto& e) { return patience(e); }, 100.0, 2000, 5);
  CHECK(fit_weibull(obs).aic < fit_exponential(obs).aic);
}

TEST_CASE("event-quantile breakpoints start at 0, increase and leave an event in every piece") {
  boost::random::exponential_distribution<double> patience(1.0 / 60.0);
  const auto obs = censored_sample([&](auto& e) { return std::round(patience(e)); }, 60.0, 1000, 6);
  const auto b = event_quantile_breakpoints(obs, 5);
  REQUIRE(b.size() >= 2);
  CHECK(b[0] == 0.0);
  for (std::size_t j = 1; j < b.size(); ++j) CHECK(b[j] > b[j - 1]);
  CHECK_NOTHROW((void)fit_piecewise_hazard(obs, b));
}
