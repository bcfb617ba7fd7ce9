#include "txsim/rng/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "txsim/kernel/assert.hpp"

namespace txsim::rng {

namespace {

// Boost.Math's default policy throws on domain, pole, overflow and evaluation errors. The
// quantiles run inside noexcept functions, so they use a policy that reports such cases as a
// non-finite or clamped value instead; the results for valid arguments are the same.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

constexpr double kSqrt2 = 1.4142135623730951;
constexpr double kLogSqrt2Pi = 0.91893853320467274;

// Phi^-1(u) = -sqrt(2) erfc^-1(2u).
double normal_quantile(double u) noexcept { return -kSqrt2 * boost::math::erfc_inv(2.0 * u, NoThrow()); }

}  // namespace

GammaQuantile::GammaQuantile(double shape) : shape_(shape), sqrt_shape_(std::sqrt(shape)) {
  TXSIM_ASSERT(shape > 0.0 && std::isfinite(shape), "gamma shape must be positive and finite");
  if (shape >= kLargeShape) return;
  const double h = 2.0 * kZMax / kIntervals;
  const double log_gamma = std::lgamma(shape);
  const double log_gamma_1 = std::lgamma(shape + 1.0);
  log_x_.resize(kIntervals + 1);
  slope_.resize(kIntervals + 1);
  for (int i = 0; i <= kIntervals; ++i) {
    const double z = -kZMax + h * i;
    const double log_phi = -0.5 * z * z - kLogSqrt2Pi;
    // Lower and upper tail probabilities, each accurate where it is small.
    const double p = 0.5 * std::erfc(-z / kSqrt2);
    const double q = 0.5 * std::erfc(z / kSqrt2);
    const double log_p = std::log(p);
    const double series_log_x = (log_p + log_gamma_1) / shape;
    double y = 0.0;
    double dy = 0.0;
    if (z < 0.0 && series_log_x < -23.0) {
      y = series_log_x;
      dy = std::exp(log_phi - log_p) / shape;
    } else {
      const double x = z <= 0.0 ? boost::math::gamma_p_inv(shape, p, NoThrow()) : boost::math::gamma_q_inv(shape, q, NoThrow());
      TXSIM_ASSERT(x > 0.0 && std::isfinite(x), "gamma quantile node out of range");
      y = std::log(x);
      dy = std::exp(log_phi - (shape * y - x - log_gamma));  // phi(z) / (x f(x))
    }
    log_x_[static_cast<std::size_t>(i)] = y;
    slope_[static_cast<std::size_t>(i)] = dy * h;
  }
}

double GammaQuantile::operator()(double u) const noexcept {
  const double z = std::clamp(normal_quantile(u), -kZMax, kZMax);
  if (log_x_.empty()) {
    // Cornish-Fisher: skewness 2/sqrt(a), excess kurtosis 6/a; the neglected terms are
    // O(a^-3/2) in standard units. Positive for these shapes (a >= 1e5, |z| <= 8.5).
    const double w = z + (z * z - 1.0) / (3.0 * sqrt_shape_) + (z * z * z - 7.0 * z) / (36.0 * shape_);
    return shape_ + sqrt_shape_ * w;
  }
  const double s = (z + kZMax) * (kIntervals / (2.0 * kZMax));
  const int i = std::min(static_cast<int>(s), kIntervals - 1);
  const double t = s - i;
  const auto k = static_cast<std::size_t>(i);
  const double y0 = log_x_[k];
  const double y1 = log_x_[k + 1];
  // Cubic Hermite on [0, 1] with end values y0, y1 and end slopes slope_ (already times h).
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double y = (2.0 * t3 - 3.0 * t2 + 1.0) * y0 + (t3 - 2.0 * t2 + t) * slope_[k] + (3.0 * t2 - 2.0 * t3) * y1 +
                   (t3 - t2) * slope_[k + 1];
  return std::exp(y);
}

std::string_view to_string(DistributionKind kind) noexcept {
  switch (kind) {
    case DistributionKind::None: return "none";
    case DistributionKind::Deterministic: return "deterministic";
    case DistributionKind::Exponential: return "exponential";
    case DistributionKind::Lognormal: return "lognormal";
    case DistributionKind::Gamma: return "gamma";
    case DistributionKind::Weibull: return "weibull";
    case DistributionKind::Empirical: return "empirical";
  }
  return "unknown";
}

Distribution Distribution::empirical(std::vector<double> values) {
  Distribution d{DistributionKind::Empirical, 0.0, 1.0, 1.0, std::move(values)};
  if (!d.values.empty())
    d.mean = std::accumulate(d.values.begin(), d.values.end(), 0.0) / static_cast<double>(d.values.size());
  return d;
}

double Distribution::expected() const noexcept {
  return kind == DistributionKind::None ? std::numeric_limits<double>::infinity() : mean;
}

Sampler::Sampler(const Distribution& d) : kind_(d.kind), mean_(d.expected()) {
  switch (d.kind) {
    case DistributionKind::None:
    case DistributionKind::Deterministic:
    case DistributionKind::Exponential:
      break;
    case DistributionKind::Lognormal: {
      TXSIM_ASSERT(d.mean > 0 && d.cv >= 0 && d.cv <= 1e150, "lognormal needs mean > 0 and a finite cv >= 0");
      if (d.cv == 0.0) {
        kind_ = DistributionKind::Deterministic;
        break;
      }
      // mean = exp(mu + sigma^2/2), cv^2 = exp(sigma^2) - 1
      const double sigma2 = std::log1p(d.cv * d.cv);
      p1_ = std::log(d.mean) - 0.5 * sigma2;
      p2_ = std::sqrt(sigma2);
      break;
    }
    case DistributionKind::Gamma: {
      TXSIM_ASSERT(d.mean > 0 && d.cv >= 0 && d.cv <= 1e150, "gamma needs mean > 0 and a finite cv >= 0");
      if (d.cv == 0.0 || 1.0 / (d.cv * d.cv) > 1e300) {
        kind_ = DistributionKind::Deterministic;
        break;
      }
      const double shape = 1.0 / (d.cv * d.cv);
      p2_ = d.mean / shape;  // scale
      gamma_ = GammaQuantile(shape);
      break;
    }
    case DistributionKind::Weibull:
      TXSIM_ASSERT(d.mean > 0 && d.shape > 0, "Weibull needs mean > 0 and shape > 0");
      p1_ = d.mean / std::tgamma(1.0 + 1.0 / d.shape);  // scale
      p2_ = 1.0 / d.shape;
      TXSIM_ASSERT(p1_ > 0.0 && std::isfinite(p1_), "Weibull shape outside the range where its scale is finite");
      break;
    case DistributionKind::Empirical:
      TXSIM_ASSERT(!d.values.empty(), "empirical distribution without values");
      sorted_ = d.values;
      std::sort(sorted_.begin(), sorted_.end());
      break;
  }
}

double Sampler::special_quantile(double u) const noexcept {
  switch (kind_) {
    case DistributionKind::Lognormal: return std::exp(p1_ - p2_ * kSqrt2 * boost::math::erfc_inv(2.0 * u, NoThrow()));
    case DistributionKind::Gamma: return p2_ * gamma_(u);
    case DistributionKind::Weibull: return p1_ * std::pow(-std::log(1.0 - u), p2_);
    case DistributionKind::Empirical: {
      // Each observation carries probability 1/n: the empirical distribution itself, not a
      // smoothed version, so that its mean is exactly the sample mean.
      const auto i = static_cast<std::size_t>(u * static_cast<double>(sorted_.size()));
      return sorted_[std::min(i, sorted_.size() - 1)];
    }
    default: return quantile(u);
  }
}

}  // namespace txsim::rng
