#include "txsim/stats/proportion.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/normal.hpp>

namespace txsim::stats {

Proportion wilson_interval(std::size_t successes, std::size_t n, double level) {
  if (n == 0) throw std::invalid_argument("wilson_interval: n must be >= 1");
  if (successes > n)
    throw std::invalid_argument("wilson_interval: " + std::to_string(successes) + " successes out of " +
                                std::to_string(n));
  if (!(level > 0 && level < 1)) throw std::invalid_argument("wilson_interval: level must be in (0, 1)");
  const double z = boost::math::quantile(boost::math::normal(), (1 + level) / 2);
  const double count = static_cast<double>(n);
  const double p = static_cast<double>(successes) / count;
  const double z2n = z * z / count;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half_width = z * std::sqrt(p * (1 - p) / count + z2n / (4 * count)) / (1 + z2n);
  // Clamping only removes rounding: mathematically lo <= p <= hi and both lie in [0, 1].
  return {p, std::clamp(centre - half_width, 0.0, p), std::clamp(centre + half_width, p, 1.0), successes, n};
}

std::vector<Proportion> category_probabilities(std::span<const std::size_t> outcomes, std::size_t categories,
                                               double level) {
  if (outcomes.empty()) throw std::invalid_argument("category_probabilities: no outcomes");
  if (categories == 0) throw std::invalid_argument("category_probabilities: categories must be >= 1");
  std::vector<std::size_t> counts(categories, 0);
  for (std::size_t d = 0; d < outcomes.size(); ++d) {
    if (outcomes[d] >= categories)
      throw std::invalid_argument("category_probabilities: outcome " + std::to_string(outcomes[d]) + " of draw " +
                                  std::to_string(d) + " is not below " + std::to_string(categories));
    ++counts[outcomes[d]];
  }
  std::vector<Proportion> probabilities;
  probabilities.reserve(categories);
  for (std::size_t count : counts) probabilities.push_back(wilson_interval(count, outcomes.size(), level));
  return probabilities;
}

}  // namespace txsim::stats
