#include "txsim/stats/prior.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace txsim::stats {

std::string_view to_string(PriorKind kind) noexcept {
  static constexpr std::array<std::string_view, 3> kNames{"uniform", "triangular", "loguniform"};
  return kNames[static_cast<std::size_t>(kind)];
}

double Prior::quantile(double u) const noexcept {
  u = std::clamp(u, 0.0, 1.0);
  switch (kind) {
    case PriorKind::Uniform:
      return low + u * (high - low);
    case PriorKind::Triangular: {
      const double width = high - low;
      const double mode_cdf = (mode - low) / width;
      if (u <= mode_cdf) return low + std::sqrt(u * width * (mode - low));
      return high - std::sqrt((1 - u) * width * (high - mode));
    }
    case PriorKind::LogUniform: {
      // Pinned ends: exp(log(x)) need not give x back exactly.
      if (u == 0) return low;
      if (u == 1) return high;
      return std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
    }
  }
  return low;
}

}  // namespace txsim::stats
