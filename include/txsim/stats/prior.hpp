#pragma once
// A prior distribution of one uncertain parameter, and the inverse transform that maps a point of
// the unit interval to a value: a sampling design (Saltelli, Latin hypercube) is built in the unit
// cube and mapped coordinate by coordinate.

#include <cstdint>
#include <string_view>

namespace txsim::stats {

enum class PriorKind : std::uint8_t {
  Uniform,     ///< flat on [low, high]: evidence bounds the value but says nothing within
  Triangular,  ///< density rising linearly from low to mode and falling to high: a best guess with bounds
  LogUniform,  ///< log of the value flat on [log low, log high] (low > 0): the order of magnitude is unknown
};
[[nodiscard]] std::string_view to_string(PriorKind kind) noexcept;

/// Invariants (checked by whoever builds one, e.g. the priors loader): low < high, both finite;
/// Triangular: low <= mode <= high; LogUniform: low > 0. `mode` is used by Triangular only.
struct Prior {
  PriorKind kind = PriorKind::Uniform;
  double low = 0;
  double mode = 0;
  double high = 1;

  /// The value whose cumulative probability is u, for u in [0, 1]; quantile(0) = low,
  /// quantile(1) = high, increasing in u.
  [[nodiscard]] double quantile(double u) const noexcept;
};

}  // namespace txsim::stats
