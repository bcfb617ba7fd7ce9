#pragma once

#include <cstddef>
#include <span>

#include "txsim/stats/running_stat.hpp"

namespace txsim::stats {

// A two-sided Student-t confidence interval for a mean: mean +- t * stddev / sqrt(n),
// assuming the n values are independent and roughly normal (replication averages are,
// by the central limit theorem).
// With n == 1 the spread is unknown: half_width is +infinity, lo = -infinity,
// hi = +infinity (an interval that claims nothing) and stddev is NaN.
struct Interval {
  double mean;        // estimate, in the unit of the samples
  double half_width;  // >= 0, in the unit of the samples; +infinity when n == 1
  double lo;          // mean - half_width
  double hi;          // mean + half_width
  std::size_t n;      // number of independent values behind the interval (>= 1)
  double stddev;      // sample standard deviation of those values (n - 1 denominator)
};

// Two-sided critical value of Student's t with dof degrees of freedom: the
// (1 + level) / 2 quantile, e.g. t_quantile(0.95, 9) = 2.262157.
// Throws std::invalid_argument unless 0 < level < 1 and dof >= 1.
[[nodiscard]] double t_quantile(double level, std::size_t dof);

// Confidence interval for the mean of the values summarised by stat.
// Throws std::invalid_argument when stat is empty or level is outside (0, 1).
[[nodiscard]] Interval mean_ci(const RunningStat& stat, double level = 0.95);

// Confidence interval for the mean of independent samples (e.g. one KPI per replication).
// Throws std::invalid_argument when samples is empty or level is outside (0, 1).
[[nodiscard]] Interval mean_ci(std::span<const double> samples, double level = 0.95);

// Confidence interval for the mean of a[i] - b[i]: the comparison of two policies run
// with common random numbers, where pair i shares replication i's random streams.
// Throws std::invalid_argument when the sizes differ or as mean_ci.
[[nodiscard]] Interval paired_difference_ci(std::span<const double> a, std::span<const double> b,
                                            double level = 0.95);


}  // namespace txsim::stats
