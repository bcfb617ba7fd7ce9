#include "txsim/rng/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "txsim/kernel/assert.hpp"

namespace txsim::rng {

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
      TXSIM_ASSERT(d.mean > 0 && d.cv > 0, "lognormal needs mean > 0 and cv > 0");
      // mean = exp(mu + sigma^2/2), cv^2 = exp(sigma^2) - 1
      const double sigma2 = std::log1p(d.cv * d.cv);
      p1_ = std::log(d.mean) - 0.5 * sigma2;
      p2_ = std::sqrt(sigma2);
      break;
    }
    case DistributionKind::Gamma:
      TXSIM_ASSERT(d.mean > 0 && d.cv > 0, "gamma needs mean > 0 and cv > 0");
      p1_ = 1.0 / (d.cv * d.cv);  // shape
      p2_ = d.mean / p1_;         // scale
      break;
    case DistributionKind::Weibull:
      TXSIM_ASSERT(d.mean > 0 && d.shape > 0, "Weibull needs mean > 0 and shape > 0");
      p1_ = d.mean / std::tgamma(1.0 + 1.0 / d.shape);  // scale
      p2_ = 1.0 / d.shape;
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
    case DistributionKind::Lognormal:
      // Phi^{-1}(u) = -sqrt(2) erfc^{-1}(2u)
      return std::exp(p1_ - p2_ * 1.4142135623730951 * boost::math::erfc_inv(2.0 * u));
    case DistributionKind::Gamma: return p2_ * boost::math::gamma_p_inv(p1_, u);
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
