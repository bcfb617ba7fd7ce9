#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace txsim::stats {

// Online count, mean, variance, minimum and maximum of a stream of values, in the unit
// of the values. Welford's update keeps the variance accurate when the mean is large
// compared with the spread (B. P. Welford, Technometrics 4(3), 1962); merge() combines
// two partial results with the pairwise formula of Chan, Golub and LeVeque (1979), so
// replications or threads can be reduced in any grouping.
// Plain data, no allocation: safe to update once per event.
class RunningStat {
public:
  void add(double x) noexcept {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }

  void merge(const RunningStat& other) noexcept {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(other.count_);
    const double n = n_a + n_b;
    const double delta = other.mean_ - mean_;
    mean_ += delta * (n_b / n);
    m2_ += other.m2_ + delta * delta * (n_a * n_b / n);
    count_ += other.count_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }

  // Number of values added.
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  // Arithmetic mean; NaN when empty.
  [[nodiscard]] double mean() const noexcept { return count_ == 0 ? nan() : mean_; }
  // Sample variance with the n - 1 denominator, in squared units; NaN when count() < 2.
  [[nodiscard]] double variance() const noexcept {
    return count_ < 2 ? nan() : m2_ / static_cast<double>(count_ - 1);
  }
  // Sample standard deviation, sqrt(variance()); NaN when count() < 2.
  [[nodiscard]] double stddev() const noexcept { return std::sqrt(variance()); }
  // Smallest and largest value added; NaN when empty.
  [[nodiscard]] double min() const noexcept { return count_ == 0 ? nan() : min_; }
  [[nodiscard]] double max() const noexcept { return count_ == 0 ? nan() : max_; }
  // Sum of the values, as mean * count (so it carries the mean's rounding); 0 when empty.
  [[nodiscard]] double sum() const noexcept { return mean_ * static_cast<double>(count_); }

private:
  static constexpr double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the current mean
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace txsim::stats
