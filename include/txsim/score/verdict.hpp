#pragma once
// One line that says whether a policy beats the baseline, from the paired differences of its
// indices. A difference counts only when its 95% confidence interval excludes 0.

#include <cstdint>
#include <string>

#include "txsim/stats/confidence.hpp"

namespace txsim::score {

enum class Verdict : std::uint8_t {
  Dominates,     ///< better on some index, worse on none
  IsDominated,   ///< worse on some index, better on none
  TradeOff,      ///< better on some, worse on others
  NoDifference,  ///< no significant difference (or none defined)
};

struct VerdictLine {
  Verdict verdict;
  std::string text;  ///< e.g. "trade-off: customers gain (CX +6.1), agents pay (EX -9.4), cost +2.0 (n.s.)"
};

/// Short name of a verdict ("dominates", "is_dominated", "trade_off", "no_difference").
const char* to_string(Verdict v) noexcept;

/// Verdict of a policy from the paired differences policy - baseline of its CX, EX and cost
/// indices (higher is better for each). A difference whose mean is NaN is ignored.
[[nodiscard]] VerdictLine verdict(const stats::Interval& d_cx, const stats::Interval& d_ex,
                                  const stats::Interval& d_cost);

}  // namespace txsim::score
