#pragma once
// Continuous non-negative distributions for durations (handle time, after-call work, patience,
// redial delay), sampled by inverse transform: a duration is quantile(u) for a uniform u drawn
// when the contact is created. Keeping u rather than the value lets the model apply
// multipliers (agent speed, policy levers) to the same customer's draw, so that compared
// variants see the same customers.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace txsim::rng {

enum class DistributionKind : std::uint8_t {
  None,           ///< never happens (infinite duration); e.g. customers who never abandon
  Deterministic,  ///< always `mean`
  Exponential,    ///< rate 1/mean
  Lognormal,      ///< parameterised by mean and coefficient of variation
  Gamma,          ///< parameterised by mean and coefficient of variation (shape = 1/cv^2)
  Weibull,        ///< parameterised by mean and shape k (scale = mean / Gamma(1 + 1/k))
  Empirical,      ///< equal-probability resampling of observed values
};

/// Name used in scenario files ("exponential", "lognormal", ...).
std::string_view to_string(DistributionKind kind) noexcept;

/// A duration distribution as the user states it. Plain data; validate() reports problems.
struct Distribution {
  DistributionKind kind = DistributionKind::Exponential;
  double mean = 0.0;           ///< mean [s]; >= 0 (> 0 for exponential, lognormal, gamma, Weibull)
  double cv = 1.0;             ///< coefficient of variation; > 0 (lognormal, gamma)
  double shape = 1.0;          ///< Weibull shape k; > 0
  std::vector<double> values;  ///< observations [s] (empirical); non-empty, each >= 0

  static Distribution none() { return {DistributionKind::None, 0.0, 1.0, 1.0, {}}; }
  static Distribution deterministic(double value) { return {DistributionKind::Deterministic, value, 0.0, 1.0, {}}; }
  static Distribution exponential(double mean) { return {DistributionKind::Exponential, mean, 1.0, 1.0, {}}; }
  static Distribution lognormal(double mean, double cv) { return {DistributionKind::Lognormal, mean, cv, 1.0, {}}; }
  static Distribution gamma(double mean, double cv) { return {DistributionKind::Gamma, mean, cv, 1.0, {}}; }
  static Distribution weibull(double mean, double shape) { return {DistributionKind::Weibull, mean, 1.0, shape, {}}; }
  static Distribution empirical(std::vector<double> values);

  /// Mean of the distribution [s] (infinity for None; the sample mean for Empirical).
  [[nodiscard]] double expected() const noexcept;
};

/// Inverse CDF of a Distribution with its parameters precomputed for the hot path.
class Sampler {
 public:
  Sampler() = default;
  /// Precondition: `d` is valid (the io layer has checked it); violations are asserted.
  explicit Sampler(const Distribution& d);

  /// The u-quantile, u in (0, 1). Infinity for None. The cheap kinds are inline: this runs
  /// several times per contact.
  [[nodiscard]] double quantile(double u) const noexcept {
    switch (kind_) {
      case DistributionKind::None: return std::numeric_limits<double>::infinity();
      case DistributionKind::Deterministic: return mean_;
      // log(1 - u) rather than log1p(-u): u is never closer to 1 than 2^-54, where the two
      // agree to a few ulps, and log is about three times faster.
      case DistributionKind::Exponential: return -mean_ * std::log(1.0 - u);
      default: return special_quantile(u);
    }
  }
  [[nodiscard]] DistributionKind kind() const noexcept { return kind_; }
  [[nodiscard]] double mean() const noexcept { return mean_; }

 private:
  [[nodiscard]] double special_quantile(double u) const noexcept;

  DistributionKind kind_ = DistributionKind::None;
  double mean_ = std::numeric_limits<double>::infinity();
  double p1_ = 0.0;  // lognormal mu, gamma shape, Weibull scale
  double p2_ = 0.0;  // lognormal sigma, gamma scale, Weibull 1/shape
  std::vector<double> sorted_;
};

}  // namespace txsim::rng
