#include "txsim/stats/confidence.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

namespace txsim::stats {
namespace {

void check_level(const char* where, double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument(std::string(where) + ": level = " + std::to_string(level) +
                                " is outside (0, 1)");
}

}  // namespace

double t_quantile(double level, std::size_t dof) {
  check_level("t_quantile", level);
  if (dof == 0) throw std::invalid_argument("t_quantile: dof = 0, need at least 1");
  const boost::math::students_t distribution(static_cast<double>(dof));
  // The upper tail via complement keeps precision for levels close to 1.
  return boost::math::quantile(boost::math::complement(distribution, (1.0 - level) / 2.0));
}

Interval mean_ci(const RunningStat& stat, double level) {
  check_level("mean_ci", level);
  if (stat.count() == 0) throw std::invalid_argument("mean_ci: no samples");
  const double mean = stat.mean();
  const auto n = static_cast<std::size_t>(stat.count());
  if (n == 1) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return {mean, inf, -inf, inf, n, std::numeric_limits<double>::quiet_NaN()};
  }
  const double stddev = stat.stddev();
  const double half_width = t_quantile(level, n - 1) * stddev / std::sqrt(static_cast<double>(n));
  return {mean, half_width, mean - half_width, mean + half_width, n, stddev};
}

Interval mean_ci(std::span<const double> samples, double level) {
  RunningStat stat;
  for (const double x : samples) stat.add(x);
  return mean_ci(stat, level);
}

Interval paired_difference_ci(std::span<const double> a, std::span<const double> b, double level) {
  check_level("paired_difference_ci", level);
  if (a.size() != b.size())
    throw std::invalid_argument("paired_difference_ci: sizes differ (" + std::to_string(a.size()) + " vs " +
                                std::to_string(b.size()) + ")");
  RunningStat difference;
  for (std::size_t i = 0; i < a.size(); ++i) difference.add(a[i] - b[i]);
  return mean_ci(difference, level);
}

}  // namespace txsim::stats
