#pragma once
// Proportions estimated from Monte-Carlo draws, with intervals that stay inside [0, 1] and
// behave at 0 and n successes: the Wilson score interval (Wilson 1927, JASA 22:209-212;
// recommended over the Wald interval by Brown, Cai & DasGupta 2001, Statistical Science 16:101-133).
//
//   centre = (p + z^2 / 2n) / (1 + z^2 / n),  half-width = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n)
//
// with p = successes / n and z the (1 + level) / 2 normal quantile.

#include <cstddef>
#include <span>
#include <vector>

namespace txsim::stats {

/// A proportion and its interval.
struct Proportion {
  double estimate = 0;        ///< successes / n, in [0, 1]
  double lo = 0;              ///< lower end of the Wilson score interval, in [0, estimate]
  double hi = 0;              ///< upper end, in [estimate, 1]
  std::size_t successes = 0;
  std::size_t n = 0;          ///< draws, >= 1
};

/// The Wilson score interval for `successes` out of `n`.
/// Throws std::invalid_argument when n == 0, successes > n or level is outside (0, 1).
[[nodiscard]] Proportion wilson_interval(std::size_t successes, std::size_t n, double level = 0.95);

/// The probability of each of `categories` outcomes from one outcome per draw (each in
/// [0, categories)): e.g. the verdict of a policy under each draw of the priors, as the index of
/// score::Verdict. The estimates sum to 1; each interval is the Wilson interval of its own
/// count (marginal intervals, not a joint region).
/// Throws std::invalid_argument when outcomes is empty, categories == 0, an outcome is out of
/// range or level is outside (0, 1).
[[nodiscard]] std::vector<Proportion> category_probabilities(std::span<const std::size_t> outcomes,
                                                             std::size_t categories, double level = 0.95);

}  // namespace txsim::stats
