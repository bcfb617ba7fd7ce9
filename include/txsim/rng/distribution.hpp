#pragma once
// Continuous non-negative distributions for durations (handle time, after-call work, patience,
// redial delay), sampled by inverse transform: a duration is quantile(u) for a uniform u drawn
// when the contact is created. Keeping u rather than the value lets the model apply
// multipliers (agent speed, policy levers) to the same customer's draw, so that compared
// variants see the same customers.
//
// Parameter ranges (the scenario schema enforces them; the Sampler asserts what it relies on):
// means in (0, 1e7] s (deterministic: [0, 1e7]); lognormal and gamma cv in [0, 5], where cv 0 is
// the deterministic mean; Weibull shape in [0.2, 20]; empirical values in [0, 1e7]. Over these
// ranges and every u in (0, 1), quantile() returns a finite duration >= 0, never throws, and
// the distribution keeps its stated mean.

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
  Lognormal,      ///< parameterised by mean and coefficient of variation; cv 0 = deterministic
  Gamma,          ///< parameterised by mean and coefficient of variation (shape = 1/cv^2); cv 0 = deterministic
  Weibull,        ///< parameterised by mean and shape k (scale = mean / Gamma(1 + 1/k))
  Empirical,      ///< equal-probability resampling of observed values
};

/// Name used in scenario files ("exponential", "lognormal", ...).
std::string_view to_string(DistributionKind kind) noexcept;

/// A duration distribution as the user states it. Plain data; validate() reports problems.
struct Distribution {
  DistributionKind kind = DistributionKind::Exponential;
  double mean = 0.0;           ///< mean [s]; >= 0 (> 0 for exponential, lognormal, gamma, Weibull)
  double cv = 1.0;             ///< coefficient of variation; [0, 5] (lognormal, gamma)
  double shape = 1.0;          ///< Weibull shape k; [0.2, 20]
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

/// The standard normal quantile Phi^-1(u) for u in (0, 1), with a relative error of about
/// 1e-16 (Wichura's AS 241).
[[nodiscard]] double normal_quantile(double u) noexcept;

/// Inverse CDF of the standard gamma distribution (scale 1) of one shape, tabulated for the hot
/// path. Boost's `gamma_p_inv` costs microseconds per call; this costs about what a lognormal
/// quantile does (one normal quantile, a cubic and an `exp`).
///
/// Method: with z = Phi^-1(u), the function y(z) = log Q(Phi(z)) is smooth over the whole range
/// of z that a 53-bit uniform reaches (|z| < 8.3), even where Q spans hundreds of orders of
/// magnitude (small shapes). y and its exact derivative dy/dz = phi(z) / (x f(x)) are stored at
/// kIntervals + 1 equally spaced z in [-kZMax, kZMax] and interpolated by cubic Hermite
/// polynomials. Nodes come from Boost (`gamma_p_inv` below the median, `gamma_q_inv` above it)
/// except in the far lower tail, where x < e^-23 and log x = (log u + log Gamma(a + 1)) / a to
/// within a relative 1e-10 (the first term of the series of P(a, x)). Shapes of kLargeShape and
/// more (cv <= 0.0032) use the Cornish-Fisher expansion of the gamma quantile to order 1/a
/// instead, which is closer still there.
///
/// Error (tests/unit/rng, against Boost over shapes 0.04 to 1e9 and u from 1e-16 to 1 - 1e-15):
/// relative error below 1e-7 everywhere, below 3e-8 for the shapes the schema allows (cv in (0,
/// 5]). Tail handling: quantiles below the smallest normal double (u below about 1e-8 at shape
/// 0.04, i.e. cv 5) are returned as 0; the mean is unaffected at this precision.
class GammaQuantile {
 public:
  static constexpr int kIntervals = 512;
  static constexpr double kZMax = 8.5;
  static constexpr double kLargeShape = 1e5;

  GammaQuantile() = default;
  /// Precondition: shape > 0 and finite.
  explicit GammaQuantile(double shape);
  /// The u-quantile of Gamma(shape, 1) as above, for u in (0, 1); finite and >= 0.
  [[nodiscard]] double operator()(double u) const noexcept;

 private:
  double shape_ = 1.0;
  double sqrt_shape_ = 1.0;
  std::vector<double> log_x_;   // y at the nodes; empty for large shapes
  std::vector<double> slope_;   // dy/dz at the nodes, times the node spacing
};

/// Inverse CDF of a Distribution with its parameters precomputed for the hot path.
class Sampler {
 public:
  Sampler() = default;
  /// Precondition: `d` is within the ranges above (the io layer has checked it); violations of
  /// what the arithmetic relies on are asserted.
  explicit Sampler(const Distribution& d);

  /// The u-quantile, u in (0, 1). Infinity for None. The cheap kinds are inline: this runs
  /// several times per contact.
  [[nodiscard]] double quantile(double u) const noexcept {
    switch (kind_) {
      case DistributionKind::None: return std::numeric_limits<double>::infinity();
      case DistributionKind::Deterministic: return mean_;
      // log(1 - u) rather than log1p(-u): u is never closer to 1 than 2^-53, where the two
      // agree to a few ulps, and log is about three times faster.
      case DistributionKind::Exponential: return -mean_ * std::log(1.0 - u);
      default: return special_quantile(u);
    }
  }
  /// The kind sampled: lognormal and gamma with cv 0 sample as Deterministic.
  [[nodiscard]] DistributionKind kind() const noexcept { return kind_; }
  [[nodiscard]] double mean() const noexcept { return mean_; }

 private:
  [[nodiscard]] double special_quantile(double u) const noexcept;

  DistributionKind kind_ = DistributionKind::None;
  double mean_ = std::numeric_limits<double>::infinity();
  double p1_ = 0.0;  // lognormal mu, Weibull scale
  double p2_ = 0.0;  // lognormal sigma, gamma scale, Weibull 1/shape
  GammaQuantile gamma_;
  std::vector<double> sorted_;
};

}  // namespace txsim::rng
