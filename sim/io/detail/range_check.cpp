#include "io/detail/range_check.hpp"

#include <fmt/format.h>

namespace txsim::io::detail {
namespace {

std::string number_text(double x) { return fmt::format("{}", x); }

}  // namespace

std::string range_text(const Range& range, bool integer) {
  if (!range.one_of.empty()) {
    std::string text = "one of ";
    for (std::size_t i = 0; i < range.one_of.size(); ++i) text += (i == 0 ? "" : ", ") + number_text(range.one_of[i]);
    return text;
  }
  const bool lo = std::isfinite(range.lo);
  const bool hi = std::isfinite(range.hi);
  if (!lo && !hi) return "any";
  if (!hi) return fmt::format("{} {}", range.lo_open ? ">" : ">=", number_text(range.lo));
  if (!lo) return fmt::format("{} {}", range.hi_open ? "<" : "<=", number_text(range.hi));
  // Integers are shown as closed ranges of the values they can take.
  if (integer)
    return fmt::format("[{}, {}]", number_text(range.lo_open ? range.lo + 1 : range.lo),
                       number_text(range.hi_open ? range.hi - 1 : range.hi));
  return fmt::format("{}{}, {}{}", range.lo_open ? "(" : "[", number_text(range.lo), number_text(range.hi),
                     range.hi_open ? ")" : "]");
}

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) return false;
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    }
    if ((byte & 0xE0) == 0xC0) extra = 1, code = byte & 0x1F;
    else if ((byte & 0xF0) == 0xE0) extra = 2, code = byte & 0x0F;
    else if ((byte & 0xF8) == 0xF0) extra = 3, code = byte & 0x07;
    else return false;
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
    if (code < kMin[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

void RangeChecker::distribution(const Field& f, const rng::Distribution& d, bool none_allowed) {
  using rng::DistributionKind;
  const std::string path = at(f);
  const auto param = [&](std::string_view key) { return child_path(path, key); };
  constexpr Range kMean = open_closed(0, kMaxDurationS);
  switch (d.kind) {
    case DistributionKind::None:
      if (!none_allowed)
        issues_.push_back({path, "expected a finite duration, found a none distribution (only patience may be none)"});
      break;
    case DistributionKind::Deterministic: check_number_at(param("mean_s"), closed(0, kMaxDurationS), d.mean, false); break;
    case DistributionKind::Exponential: check_number_at(param("mean_s"), kMean, d.mean, false); break;
    case DistributionKind::Lognormal:
    case DistributionKind::Gamma:
      check_number_at(param("mean_s"), kMean, d.mean, false);
      check_number_at(param("cv"), open_closed(0, kMaxCv), d.cv, false);
      break;
    case DistributionKind::Weibull:
      check_number_at(param("mean_s"), kMean, d.mean, false);
      check_number_at(param("shape"), closed(kMinWeibullShape, kMaxWeibullShape), d.shape, false);
      break;
    case DistributionKind::Empirical:
      if (d.values.empty()) issues_.push_back({param("values_s"), "expected at least one value, found none"});
      for (std::size_t i = 0; i < d.values.size(); ++i)
        check_number_at(item_path(param("values_s"), i), closed(0, kMaxDurationS), d.values[i], false);
      break;
  }
}

void RangeChecker::check_number_at(std::string path, const Range& range, double x, bool integer) {
  if (range.contains(x)) return;
  const std::string text = range_text(range, integer);
  const bool interval = text.starts_with('[') || text.starts_with('(');
  const std::string expected =
      range.one_of.empty() ? fmt::format("{} {}{}", integer ? "an integer" : "a number", interval ? "in " : "", text) : text;
  issues_.push_back({std::move(path), fmt::format("expected {}, found {}", expected, number_text(x))});
}

void RangeChecker::check_text(std::string path, const std::string& text) {
  if (!is_valid_utf8(text))
    issues_.push_back({std::move(path), "expected text in UTF-8, found bytes that are not (save the file as UTF-8)"});
}

}  // namespace txsim::io::detail
