#include "analytic/detail/require.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace txsim::analytic::detail {

namespace {

template <typename Value>
void require(bool ok, std::string_view parameter, std::string_view rule, Value value) {
  if (!ok) {
    throw std::invalid_argument(fmt::format("{} must be {}, got {}", parameter, rule, value));
  }
}

}  // namespace

// Comparisons are written so that NaN fails every check.

void require_finite_non_negative(std::string_view parameter, double value) {
  require(std::isfinite(value) && value >= 0.0, parameter, "finite and >= 0", value);
}

void require_finite_positive(std::string_view parameter, double value) {
  require(std::isfinite(value) && value > 0.0, parameter, "finite and > 0", value);
}

void require_positive(std::string_view parameter, double value) {
  require(value > 0.0, parameter, "> 0 (+inf allowed)", value);
}

void require_non_negative(std::string_view parameter, double value) {
  require(value >= 0.0, parameter, ">= 0 (+inf allowed)", value);
}

void require_at_least(std::string_view parameter, int value,
                      int minimum) {
  require(value >= minimum, parameter, fmt::format(">= {}", minimum), value);
}

}  // namespace txsim::analytic::detail
