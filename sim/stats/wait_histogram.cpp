#include "txsim/stats/wait_histogram.hpp"

#include <stdexcept>
#include <string>

namespace txsim::stats {

void WaitHistogram::merge(const WaitHistogram& other) noexcept {
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double WaitHistogram::lower_edge(std::size_t bucket) const noexcept {
  if (bucket == 0) return 0.0;
  if (bucket < first_log) return static_cast<double>(bucket - first_linear) * linear_width_s;
  if (bucket == overflow) return max_tracked_s;
  const std::size_t offset = bucket - first_log;
  const int exponent = min_exponent + static_cast<int>(offset / sub_buckets);
  const double mantissa = 1.0 + static_cast<double>(offset % sub_buckets) / static_cast<double>(sub_buckets);
  return std::ldexp(mantissa, exponent);
}

double WaitHistogram::upper_edge(std::size_t bucket) const noexcept {
  if (bucket == 0) return 0.0;
  // The overflow bucket has no natural top; the largest value seen bounds it.
  if (bucket == overflow) return max_;
  return lower_edge(bucket + 1);
}

double WaitHistogram::quantile(double p) const {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("WaitHistogram::quantile: p = " + std::to_string(p) + " is outside [0, 1]");
  if (count_ == 0) return nan();
  const double target = p * static_cast<double>(count_);
  if (target <= 0.0) return min_;
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    const std::uint64_t in_bucket = counts_[i];
    if (in_bucket == 0) continue;
    if (static_cast<double>(before + in_bucket) >= target) {
      const double share = (target - static_cast<double>(before)) / static_cast<double>(in_bucket);
      const double lo = lower_edge(i);
      return std::clamp(lo + (upper_edge(i) - lo) * share, min_, max_);
    }
    before += in_bucket;
  }
  return max_;
}

double WaitHistogram::fraction_at_or_below(double v_s) const {
  if (std::isnan(v_s)) throw std::invalid_argument("WaitHistogram::fraction_at_or_below: threshold is NaN");
  if (count_ == 0) return nan();
  if (v_s < 0.0) return 0.0;
  if (v_s >= max_) return 1.0;
  const std::size_t bucket = bucket_index(v_s);
  std::uint64_t below = 0;
  for (std::size_t i = 0; i < bucket; ++i) below += counts_[i];
  const double lo = lower_edge(bucket);
  const double share = bucket == 0 ? 1.0 : (v_s - lo) / (upper_edge(bucket) - lo);
  return (static_cast<double>(below) + static_cast<double>(counts_[bucket]) * share) /
         static_cast<double>(count_);
}

}  // namespace txsim::stats
