#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include "txsim/kernel/assert.hpp"
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace txsim::stats {

// Fixed-memory histogram of non-negative values in seconds (waits, handle times) for
// quantiles and "fraction answered within T". Log-linear buckets in the manner of
// HdrHistogram (G. Tene), laid out for waits:
//   - one exact bucket for 0, since many contacts are answered without waiting;
//   - 32 linear buckets of width linear_width_s = 2^-11 s (about 0.5 ms) over (0, 2^-6 s];
//   - 32 buckets per power of two from 2^-6 s to max_tracked_s = 2^22 s (about 48.5 days),
//     each of relative width <= max_relative_error = 1/32;
//   - one overflow bucket for values above max_tracked_s, still counted.
// Buckets are intervals (lo, hi], so every bucket edge is resolved exactly: any value
// with at most 5 significant bits (15, 20, 30, 60, 120 s, ...) is an edge, and
// fraction_at_or_below() of such a threshold is exact.
// Quantile error: quantile(p) lies in the bucket of the order statistic x = x_(ceil(p n)),
// so |quantile(p) - x| <= max(x * max_relative_error, linear_width_s) for x <= max_tracked_s;
// above it the estimate lies between max_tracked_s and max().
// Storage is a std::array of 930 counters (about 7.4 kB) with no allocation; add() finds
// the bucket from the bits of the double and is meant to be called per answered contact.
class WaitHistogram {
public:
  static constexpr double max_relative_error = 1.0 / 32.0;
  static constexpr double linear_width_s = 1.0 / 2048.0;
  static constexpr double max_tracked_s = 4194304.0;  // 2^22

  // Counts v (seconds, finite and >= 0; checked by TXSIM_ASSERT) once.
  void add(double v) noexcept {
    ++counts_[bucket_index(v)];
    ++count_;
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  }

  // Counts v (seconds, finite and >= 0) weight times; weight 0 changes nothing.
  void add(double v, std::uint64_t weight) noexcept {
    if (weight == 0) return;
    counts_[bucket_index(v)] += weight;
    count_ += weight;
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  }

  // Afterwards *this is what adding both histograms' values to one histogram gives.
  void merge(const WaitHistogram& other) noexcept;

  // Total weight added.
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  // Smallest and largest value added, exact; NaN when empty.
  [[nodiscard]] double min() const noexcept { return count_ == 0 ? nan() : min_; }
  [[nodiscard]] double max() const noexcept { return count_ == 0 ? nan() : max_; }

  // The p-quantile, p in [0, 1], interpolated linearly inside its bucket and clamped to
  // [min(), max()]; quantile(0) = min(), quantile(1) = max(). NaN when empty.
  // Throws std::invalid_argument when p is outside [0, 1] or NaN.
  [[nodiscard]] double quantile(double p) const;

  // Estimated fraction of the weight with value <= v_s, interpolated linearly inside
  // the bucket holding v_s (exact when v_s is a bucket edge or 0). NaN when empty.
  // Throws std::invalid_argument when v_s is NaN.
  [[nodiscard]] double fraction_at_or_below(double v_s) const;

private:
  static constexpr int sub_bucket_bits = 5;
  static constexpr std::size_t sub_buckets = std::size_t{1} << sub_bucket_bits;
  static constexpr int min_exponent = -6;
  static constexpr int max_exponent = 22;
  static constexpr double log_start_s = 1.0 / 64.0;  // 2^min_exponent
  static constexpr std::size_t first_linear = 1;
  static constexpr std::size_t first_log = first_linear + sub_buckets;
  static constexpr std::size_t overflow = first_log + (max_exponent - min_exponent) * sub_buckets;
  static constexpr std::size_t bucket_count = overflow + 1;

  static constexpr double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

  static std::size_t bucket_index(double v) noexcept {
    TXSIM_ASSERT(v >= 0.0 && v <= std::numeric_limits<double>::max(), "WaitHistogram: value must be finite and >= 0");
    if (!(v > 0.0)) return 0;
    // Stepping one ulp down before bucketing makes the buckets (lo, hi] instead of
    // [lo, hi), so thresholds such as 20 s fall on an upper edge.
    const double below = std::bit_cast<double>(std::bit_cast<std::uint64_t>(v) - 1);
    if (below < log_start_s) return first_linear + static_cast<std::size_t>(below / linear_width_s);
    if (below >= max_tracked_s) return overflow;
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(below);
    const int exponent = static_cast<int>(bits >> 52) - 1023;
    const std::size_t sub = (bits >> (52 - sub_bucket_bits)) & (sub_buckets - 1);
    return first_log + static_cast<std::size_t>(exponent - min_exponent) * sub_buckets + sub;
  }

  [[nodiscard]] double lower_edge(std::size_t bucket) const noexcept;
  [[nodiscard]] double upper_edge(std::size_t bucket) const noexcept;

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace txsim::stats
