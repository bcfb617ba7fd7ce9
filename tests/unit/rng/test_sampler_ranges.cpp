// Samplers over the whole parameter ranges the schema allows (distribution.hpp), edges
// included: never a throw, a NaN, an infinity or a negative duration, and the mean kept; and the
// tabulated gamma quantile against Boost.Math, to its stated error.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "txsim/rng/distribution.hpp"
#include "txsim/rng/stream.hpp"

using txsim::rng::Distribution;
using txsim::rng::GammaQuantile;
using txsim::rng::Sampler;

namespace {

// The smallest and largest values Stream::uniform() and keyed_uniform() return.
constexpr double kSmallestU = 0x1.0p-54;
constexpr double kLargestU = 0x1.fffffffffffffp-1;

const std::vector<double> kMeans{1e-300, 1e-3, 1.0, 300.0, 1e7};
const std::vector<double> kCvs{0.0, 1e-300, 1e-12, 1e-6, 0.003, 0.0032, 0.05, 0.5, 1.0, 2.0, 5.0};
const std::vector<double> kWeibullShapes{0.2, 0.35, 0.8, 1.0, 3.0, 20.0};

std::vector<Distribution> every_edge() {
  std::vector<Distribution> all;
  for (const double mean : kMeans) {
    all.push_back(Distribution::exponential(mean));
    all.push_back(Distribution::deterministic(mean));
    for (const double cv : kCvs) {
      all.push_back(Distribution::lognormal(mean, cv));
      all.push_back(Distribution::gamma(mean, cv));
    }
    for (const double k : kWeibullShapes) all.push_back(Distribution::weibull(mean, k));
  }
  all.push_back(Distribution::deterministic(0.0));
  all.push_back(Distribution::empirical({0.0, 1e7, 3.0}));
  return all;
}

// E[X] = integral of Q(Phi(z)) phi(z) dz over the z that 53-bit uniforms reach, by Simpson's rule.
double integrated_mean(const Sampler& s) {
  const double lo = -8.29;
  const double hi = 8.2;
  const int n = 20000;
  const double h = (hi - lo) / n;
  double sum = 0.0;
  for (int i = 0; i <= n; ++i) {
    const double z = lo + h * i;
    const double u = 0.5 * std::erfc(-z / std::sqrt(2.0));
    const double f = s.quantile(u) * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    sum += f * (i == 0 || i == n ? 1.0 : i % 2 == 1 ? 4.0 : 2.0);
  }
  return sum * h / 3.0;
}

}  // namespace

TEST_CASE("every sampler gives finite non-negative durations, monotone in u, over the whole parameter ranges") {
  std::vector<double> us{kSmallestU, 1e-300 + kSmallestU, 1e-12, 1e-6, 0.1, 0.5, 0.9, 1.0 - 1e-6, 1.0 - 1e-12, kLargestU};
  txsim::rng::Stream stream(11);
  for (int i = 0; i < 200; ++i) us.push_back(stream.uniform());
  std::sort(us.begin(), us.end());
  for (const Distribution& d : every_edge()) {
    CAPTURE(to_string(d.kind));
    CAPTURE(d.mean);
    CAPTURE(d.cv);
    CAPTURE(d.shape);
    Sampler s;
    REQUIRE_NOTHROW(s = Sampler(d));
    double previous = 0.0;
    for (const double u : us) {
      CAPTURE(u);
      const double x = s.quantile(u);
      REQUIRE(std::isfinite(x));
      REQUIRE(x >= 0.0);
      CHECK(x >= previous);
      previous = x;
    }
  }
}

TEST_CASE("every sampler keeps its mean over the parameter ranges") {
  for (const Distribution& d : every_edge()) {
    if (d.mean < 1e-3 || d.kind == txsim::rng::DistributionKind::Empirical) continue;  // underflow; empirical: tested apart
    CAPTURE(to_string(d.kind));
    CAPTURE(d.mean);
    CAPTURE(d.cv);
    CAPTURE(d.shape);
    const Sampler s(d);
    // Quadrature error and the mass beyond the uniforms' reach are below 1e-6 here.
    CHECK(integrated_mean(s) == doctest::Approx(d.mean).epsilon(1e-6));
  }
}

TEST_CASE("cv 0 samples the mean itself, for lognormal and gamma") {
  for (const auto& d : {Distribution::lognormal(42.0, 0.0), Distribution::gamma(42.0, 0.0), Distribution::gamma(42.0, 1e-300)}) {
    const Sampler s(d);
    CHECK(s.kind() == txsim::rng::DistributionKind::Deterministic);
    CHECK(s.quantile(kSmallestU) == 42.0);
    CHECK(s.quantile(kLargestU) == 42.0);
  }
}

TEST_CASE("the tabulated gamma quantile is within 1e-7 of Boost's over shapes 0.04 to 1e8") {
  // Shapes: cv from 5 (0.04) to 1e-4 (1e8), both sides of the switch to Cornish-Fisher at 1e5.
  std::vector<double> shapes;
  for (double a = 0.04; a < 1.5e8; a *= 2.7) shapes.push_back(a);
  for (const double a : {0.999999, 1.0, 99999.0, 100000.0}) shapes.push_back(a);
  // u from 1e-16 to 1 - 1e-15, densest in the tails.
  std::vector<double> us;
  for (int k = 0; k <= 60; ++k) us.push_back(std::pow(10.0, -16.0 + 15.0 * k / 60.0));
  for (int k = 1; k < 40; ++k) us.push_back(k / 40.0);
  for (int k = 0; k <= 60; ++k) us.push_back(1.0 - std::pow(10.0, -15.0 + 14.0 * k / 60.0));
  double worst = 0.0;
  for (const double a : shapes) {
    CAPTURE(a);
    const GammaQuantile q(a);
    for (const double u : us) {
      CAPTURE(u);
      const double reference = u < 0.5 ? boost::math::gamma_p_inv(a, u) : boost::math::gamma_q_inv(a, 1.0 - u);
      const double x = q(u);
      if (reference < std::numeric_limits<double>::min()) {
        CHECK(x < 1e-300);  // tail handling: below the normal doubles, 0 or nearly
        continue;
      }
      const double error = std::abs(x / reference - 1.0);
      worst = std::max(worst, error);
      CHECK(error < 1e-7);
    }
  }
  MESSAGE("largest relative error against Boost: " << worst);
}

TEST_CASE("the normal quantile agrees with Boost's erfc_inv to 1e-15 over the uniforms' range") {
  double worst = 0.0;
  for (int k = 0; k <= 4000; ++k) {
    double u = k < 1000 ? std::pow(10.0, -16.3 + 16.0 * k / 1000.0) : k < 3000 ? (k - 999) / 2002.0 : 1.0 - std::pow(10.0, -0.3 - 15.6 * (k - 3000) / 1000.0);
    u = std::clamp(u, kSmallestU, kLargestU);
    CAPTURE(u);
    const double reference = -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u);
    const double z = txsim::rng::normal_quantile(u);
    const double error = std::abs(z - reference) / std::max(std::abs(reference), 1e-300);
    worst = std::max(worst, error);
    CHECK(error < 1e-15);
  }
  CHECK(txsim::rng::normal_quantile(0.5) == 0.0);
  MESSAGE("largest relative error against Boost: " << worst);
}
