#pragma once
// Maximum-likelihood fits of fully observed samples: the lognormal (service times; Brown et al.
// 2005 found bank call-centre service times close to lognormal), its Kolmogorov-Smirnov
// distance, and the Gamma-Poisson (negative binomial) shape of day-level overdispersion.

#include <cstddef>
#include <span>

namespace txsim::stats {

/// Lognormal by maximum likelihood: mu and sigma are the mean and the (n denominator) standard
/// deviation of log x. Standard errors sigma / sqrt(n) and sigma / sqrt(2 n).
struct LognormalFit {
  std::size_t n = 0;
  double mu = 0.0;              ///< mean of log x [log s]
  double mu_se = 0.0;
  double sigma = 0.0;           ///< standard deviation of log x, > 0
  double sigma_se = 0.0;
  double mean = 0.0;            ///< exp(mu + sigma^2 / 2) [unit of x]
  double mean_lo = 0.0;         ///< 95% interval of the mean (delta method on log mean)
  double mean_hi = 0.0;
  double cv = 0.0;              ///< sqrt(exp(sigma^2) - 1)
  double cv_lo = 0.0;           ///< 95% interval of cv (from sigma's interval)
  double cv_hi = 0.0;
  double log_likelihood = 0.0;
  double ks_distance = 0.0;     ///< sup |F_n - F| against the fitted lognormal
  /// Lilliefors-type approximate p-value of ks_distance with estimated parameters (Stephens 1974
  /// modified statistic for the normal on log x); small means a poor fit.
  double ks_p_value = 0.0;
};

/// Throws std::invalid_argument when fewer than 2 values, a value <= 0 or not finite, or all
/// values equal.
[[nodiscard]] LognormalFit fit_lognormal(std::span<const double> values);

/// Overdispersion of counts N_i ~ Poisson(lambda_g X_i), X_i ~ Gamma(a, 1/a) (mean 1, variance
/// 1/a), i.e. negative binomial with mean lambda_g and shape a, where g is the group of count i
/// (e.g. its weekday) and lambda_g is the group's sample mean (its maximum-likelihood value).
struct OverdispersionFit {
  std::size_t n = 0;          ///< counts used
  /// Method of moments, pooled over groups: 1/a = sum_g (k_g - 1) (s_g^2 - m_g) / m_g^2 /
  /// sum_g (k_g - 1); +infinity when the counts are no more variable than Poisson.
  double shape_moments = 0.0;
  /// Maximum likelihood (profiled over the group means); +infinity when the likelihood keeps
  /// rising towards the Poisson limit.
  double shape_ml = 0.0;
  /// 95% profile-likelihood interval of shape_ml (log L within 1.92 of its maximum); hi may be
  /// +infinity (Poisson not excluded).
  double shape_lo = 0.0;
  double shape_hi = 0.0;
};

/// `counts[i]` belongs to group `groups[i]` (0-based, any number of groups). Groups with a
/// single count carry no information about the spread and are ignored. Throws
/// std::invalid_argument when the sizes differ or no group has two counts with a positive mean.
[[nodiscard]] OverdispersionFit fit_overdispersion(std::span<const double> counts, std::span<const int> groups);

}  // namespace txsim::stats
