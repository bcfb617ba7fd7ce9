#include "txsim/present/number_format.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace txsim::present {
namespace {

constexpr int kMinDecimals = -15;
constexpr int kMaxDecimals = 6;

bool has_interval(const stats::Interval& s) {
  return s.n >= 2 && std::isfinite(s.half_width) && s.half_width > 0.0;
}

// Whether the bounds were cut to the quantity's range (model::unit_range), so that they are no
// longer mean -+ half-width.
bool clipped(const stats::Interval& s) {
  const double tolerance = 1e-9 * std::max({1.0, std::abs(s.mean), s.half_width});
  return std::abs(s.lo - (s.mean - s.half_width)) > tolerance || std::abs(s.hi - (s.mean + s.half_width)) > tolerance;
}

// The factor from the stored value to the displayed one, and the suffix of compact money.
struct Scale {
  double factor = 1.0;
  std::string_view suffix;
};

Scale display_scale(std::string_view unit, const stats::Interval& s, bool compact) {
  const UnitKind kind = unit_kind(unit);
  if (kind != UnitKind::Money || !compact) return {display_factor(unit), ""};
  const double magnitude = std::max(std::abs(s.mean), has_interval(s) ? s.half_width : 0.0);
  if (magnitude >= 1e6) return {1e-6, "M"};
  if (magnitude >= 1e4) return {1e-3, "k"};
  return {};
}

// Without an interval, compact money keeps three significant digits of the scaled value.
int fallback_decimals(std::string_view unit, const Scale& scale, double scaled_mean) {
  if (scale.suffix.empty() || scaled_mean == 0.0 || !std::isfinite(scaled_mean))
    return default_decimals(unit);
  return std::clamp(2 - static_cast<int>(std::floor(std::log10(std::abs(scaled_mean)))), 0, kMaxDecimals);
}

std::string group_thousands(std::string_view digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string currency_of(const model::ScenarioSpec& spec) { return spec.currency; }

UnitKind unit_kind(std::string_view unit) noexcept {
  if (unit.starts_with("fraction")) return UnitKind::Fraction;
  if (unit.starts_with("currency")) return UnitKind::Money;
  if (unit.starts_with("score")) return UnitKind::Score;
  if (unit == "contacts" || unit == "agents" || unit == "customers" || unit == "h") return UnitKind::Count;
  if (unit == "s") return UnitKind::Seconds;
  return UnitKind::Other;
}

std::string unit_label(std::string_view unit, std::string_view currency, bool difference) {
  switch (unit_kind(unit)) {
    case UnitKind::Fraction: {
      const std::string base = difference ? "pp" : "%";
      return unit == "fraction per year" ? base + "/yr" : base;
    }
    case UnitKind::Money: {
      const auto slash = unit.find('/');
      return std::string(currency) + (slash == std::string_view::npos ? "" : std::string(unit.substr(slash)));
    }
    case UnitKind::Score: return "score";
    default: return std::string(unit);
  }
}

int decimals_for(double half_width, int fallback) noexcept {
  if (!std::isfinite(half_width) || half_width <= 0.0) return fallback;
  const int d = 1 - static_cast<int>(std::floor(std::log10(half_width)));
  return std::clamp(d, kMinDecimals, kMaxDecimals);
}

int default_decimals(std::string_view unit) noexcept {
  switch (unit_kind(unit)) {
    case UnitKind::Fraction: return 1;
    case UnitKind::Money: return unit == "currency" ? 0 : 2;
    case UnitKind::Score: return 1;
    case UnitKind::Count: return 1;
    case UnitKind::Seconds: return 1;
    case UnitKind::Other: return 3;
  }
  return 2;
}

double display_factor(std::string_view unit) noexcept {
  return unit_kind(unit) == UnitKind::Fraction ? 100.0 : 1.0;
}

int estimate_decimals(const stats::Interval& s, std::string_view unit) noexcept {
  return has_interval(s) ? decimals_for(s.half_width * display_factor(unit), 0) : default_decimals(unit);
}

std::string format_number(double value, int decimals, bool sign) {
  if (std::isnan(value)) return "-";
  if (std::isinf(value)) return value > 0 ? (sign ? "+inf" : "inf") : "-inf";
  decimals = std::clamp(decimals, kMinDecimals, kMaxDecimals);
  double rounded = value;
  if (decimals < 0) {
    const double step = std::pow(10.0, -decimals);
    rounded = std::round(value / step) * step;
  }
  std::string text = fmt::format("{:.{}f}", std::abs(rounded), std::max(decimals, 0));
  const bool zero = text.find_first_not_of("0.") == std::string::npos;
  const auto point = text.find('.');
  const std::string integer = group_thousands(std::string_view(text).substr(0, point));
  const std::string fraction = point == std::string::npos ? "" : text.substr(point);
  const char* prefix = (rounded < 0 && !zero) ? "-" : (sign ? "+" : "");
  return prefix + integer + fraction;
}

std::string format_estimate(const stats::Interval& s, std::string_view unit, const EstimateStyle& style) {
  if (std::isnan(s.mean)) return "-";
  const Scale scale = display_scale(unit, s, style.compact);
  const double mean = s.mean * scale.factor;
  const int decimals = has_interval(s) ? decimals_for(s.half_width * scale.factor, 0)
                                       : fallback_decimals(unit, scale, mean);
  const auto number = [&](double v, bool sign) {
    return format_number(v, decimals, sign) + std::string(scale.suffix);
  };
  std::string text = number(mean, style.difference);
  if (s.n >= 2 && std::isfinite(s.half_width)) {
    if (style.compact && !clipped(s))
      text += " \u00b1" + number(s.half_width * scale.factor, false);
    else
      text += " [" + number(s.lo * scale.factor, style.difference) + ", " +
              number(s.hi * scale.factor, style.difference) + "]";
  }
  if (style.with_unit) {
    const std::string label = unit_label(unit, style.currency, style.difference);
    text = unit_kind(unit) == UnitKind::Money ? label + " " + text : text + " " + label;
  }
  return text;
}

std::string format_value(double value, std::string_view unit, bool sign) {
  return format_number(value * display_factor(unit), default_decimals(unit), sign);
}

}  // namespace txsim::present
