#pragma once

// Argument checks shared by the analytic formulas. Each throws std::invalid_argument
// "<parameter> must be <rule>, got <value>": the message names the value, never the
// function, since front ends show it to users who never see our function names.

#include <string_view>

namespace txsim::analytic::detail {

// value >= 0 and finite (arrival rates, offered loads).
void require_finite_non_negative(std::string_view parameter, double value);

// value > 0 and finite (mean handle times).
void require_finite_positive(std::string_view parameter, double value);

// value > 0, +infinity allowed (mean patience: infinite means nobody abandons).
void require_positive(std::string_view parameter, double value);

// value >= 0, +infinity allowed (service-level thresholds).
void require_non_negative(std::string_view parameter, double value);

// minimum <= value.
void require_at_least(std::string_view parameter, int value,
                      int minimum);

}  // namespace txsim::analytic::detail
