#include "txsim/rng/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

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

}  // namespace

// Wichura's algorithm AS 241 (PPND16; Applied Statistics 37, 1988, 477-484): rational
// approximations in double arithmetic. It replaces Boost's erfc_inv, which works in long double
// and cost most of a lognormal draw.
double normal_quantile(double u) noexcept {
  const double q = u - 0.5;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r +
                4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r +
             1.3314166789178437745e+2) * r + 3.3871328727963666080e0) /
           (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r +
                2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r +
             4.2313330701600911252e+1) * r + 1.0);
  }
  // u >= 0.5 here makes 1 - u exact.
  double r = std::sqrt(-std::log(q < 0.0 ? u : 1.0 - u));
  double z = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    z = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
             1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r +
          4.63033784615654529590e0) * r + 1.42343711074968357734e0) /
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
             1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r +
          2.05319162663775882187e0) * r + 1.0);
  } else {
    r -= 5.0;
    z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
             2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r +
          5.46378491116411436990e0) * r + 6.65790464350110377720e0) /
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
             7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
          5.99832206555887937690e-1) * r + 1.0);
  }
  return q < 0.0 ? -z : z;
}

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
    case DistributionKind::Lognormal: return std::exp(p1_ + p2_ * normal_quantile(u));
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
