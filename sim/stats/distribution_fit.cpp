#include "txsim/stats/distribution_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "detail/optimise.hpp"

namespace txsim::stats {
namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Approximate p-value of the Kolmogorov-Smirnov distance of a normal sample with estimated mean
// and variance (Lilliefors test): Dallal and Wilkinson (1986) for small p, and the polynomial
// fits to Stephens' (1974) modified statistic above 0.1, as in R's nortest::lillie.test.
double lilliefors_p_value(double distance, std::size_t sample_size) {
  const auto n = static_cast<double>(sample_size);
  const double kd = sample_size <= 100 ? distance : distance * std::pow(n / 100.0, 0.49);
  const double nd = std::min(n, 100.0);
  double p = std::exp(-7.01256 * kd * kd * (nd + 2.78019) + 2.99587 * kd * std::sqrt(nd + 2.78019) - 0.122119 +
                      0.974598 / std::sqrt(nd) + 1.67997 / nd);
  if (p <= 0.1) return p;
  const double kk = (std::sqrt(n) - 0.01 + 0.85 / std::sqrt(n)) * distance;
  if (kk <= 0.302) return 1.0;
  if (kk <= 0.5) p = 2.76773 - 19.828315 * kk + 80.709644 * kk * kk - 138.55152 * std::pow(kk, 3) + 81.218052 * std::pow(kk, 4);
  else if (kk <= 0.9) p = -4.901232 + 40.662806 * kk - 97.490286 * kk * kk + 94.029866 * std::pow(kk, 3) - 32.355711 * std::pow(kk, 4);
  else if (kk <= 1.31) p = 6.198765 - 19.558097 * kk + 23.186922 * kk * kk - 12.24319 * std::pow(kk, 3) + 2.422232 * std::pow(kk, 4);
  else p = 0.0;
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace

LognormalFit fit_lognormal(std::span<const double> values) {
  if (values.size() < 2) throw std::invalid_argument("fit_lognormal: need at least 2 values, got " + std::to_string(values.size()));
  std::vector<double> logs(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(values[i] > 0.0) || !std::isfinite(values[i]))
      throw std::invalid_argument("fit_lognormal: value " + std::to_string(i) + " = " + std::to_string(values[i]) +
                                  " is not a finite positive number");
    logs[i] = std::log(values[i]);
  }
  const auto n = static_cast<double>(values.size());
  double mu = 0.0;
  for (const double l : logs) mu += l;
  mu /= n;
  double ss = 0.0;
  for (const double l : logs) ss += (l - mu) * (l - mu);
  const double sigma = std::sqrt(ss / n);
  if (!(sigma > 0.0)) throw std::invalid_argument("fit_lognormal: all values are equal");
  LognormalFit fit;
  fit.n = values.size();
  fit.mu = mu;
  fit.sigma = sigma;
  fit.mu_se = sigma / std::sqrt(n);
  fit.sigma_se = sigma / std::sqrt(2.0 * n);
  fit.mean = std::exp(mu + sigma * sigma / 2.0);
  // log mean = mu + sigma^2 / 2; mu and sigma are independent for the normal.
  const double log_mean_se = std::sqrt(fit.mu_se * fit.mu_se + sigma * sigma * fit.sigma_se * fit.sigma_se);
  fit.mean_lo = fit.mean * std::exp(-kZ95 * log_mean_se);
  fit.mean_hi = fit.mean * std::exp(kZ95 * log_mean_se);
  const auto cv_of = [](double s) { return std::sqrt(std::expm1(s * s)); };
  fit.cv = cv_of(sigma);
  fit.cv_lo = cv_of(std::max(0.0, sigma - kZ95 * fit.sigma_se));
  fit.cv_hi = cv_of(sigma + kZ95 * fit.sigma_se);
  fit.log_likelihood = -n * (std::log(sigma) + 0.5 * std::log(2.0 * M_PI) + 0.5) - n * mu;  // the Jacobian of log x
  std::sort(logs.begin(), logs.end());
  double distance = 0.0;
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const double f = 0.5 * std::erfc(-(logs[i] - mu) / sigma / std::sqrt(2.0));
    // Ties (whole seconds) form one jump of the empirical CDF.
    const std::size_t last = i;
    std::size_t j = i;
    while (j + 1 < logs.size() && logs[j + 1] == logs[last]) ++j;
    const double below = static_cast<double>(i) / n, above = static_cast<double>(j + 1) / n;
    distance = std::max({distance, std::abs(f - below), std::abs(above - f)});
    i = j;
  }
  fit.ks_distance = distance;
  fit.ks_p_value = lilliefors_p_value(distance, values.size());
  return fit;
}

OverdispersionFit fit_overdispersion(std::span<const double> counts, std::span<const int> groups) {
  if (counts.size() != groups.size())
    throw std::invalid_argument("fit_overdispersion: " + std::to_string(counts.size()) + " counts but " +
                                std::to_string(groups.size()) + " groups");
  std::map<int, std::vector<double>> by_group;
  for (std::size_t i = 0; i < counts.size(); ++i) by_group[groups[i]].push_back(counts[i]);
  struct Group {
    std::vector<double> counts;
    double mean;
  };
  std::vector<Group> used;
  double inverse_shape_sum = 0.0, weight_sum = 0.0;
  OverdispersionFit fit;
  for (auto& [g, xs] : by_group) {
    if (xs.size() < 2) continue;
    const auto k = static_cast<double>(xs.size());
    double m = 0.0;
    for (const double x : xs) m += x;
    m /= k;
    if (!(m > 0.0)) continue;
    double s2 = 0.0;
    for (const double x : xs) s2 += (x - m) * (x - m);
    s2 /= k - 1.0;
    inverse_shape_sum += (k - 1.0) * (s2 - m) / (m * m);
    weight_sum += k - 1.0;
    fit.n += xs.size();
    used.push_back({std::move(xs), m});
  }
  if (used.empty())
    throw std::invalid_argument("fit_overdispersion: no group has two counts with a positive mean");
  const double inverse_shape = inverse_shape_sum / weight_sum;
  fit.shape_moments = inverse_shape > 0.0 ? 1.0 / inverse_shape : kInfinity;

  // Negative binomial log-likelihood in log a, with each group's mean at its sample mean.
  const auto log_likelihood = [&](double log_a) {
    const double a = std::exp(log_a);
    double ll = 0.0;
    for (const auto& g : used) {
      for (const double x : g.counts)
        ll += std::lgamma(x + a) - std::lgamma(a) - std::lgamma(x + 1.0) + a * std::log(a / (a + g.mean)) +
              x * std::log(g.mean / (a + g.mean));
    }
    return ll;
  };
  // Beyond a = e^16 the counts are Poisson to any precision the data can show.
  constexpr double kLo = -6.0, kHi = 16.0;
  const double best = detail::maximise_golden(log_likelihood, kLo, kHi, 1e-6);
  const double peak = log_likelihood(best);
  const double cut = peak - 0.5 * kZ95 * kZ95;
  const auto crossing = [&](double inside, double outside) {
    if (log_likelihood(outside) >= cut) return outside;
    for (int it = 0; it < 100; ++it) {
      const double mid = (inside + outside) / 2.0;
      (log_likelihood(mid) >= cut ? inside : outside) = mid;
    }
    return (inside + outside) / 2.0;
  };
  const bool at_poisson = best > kHi - 1e-3;
  fit.shape_ml = at_poisson ? kInfinity : std::exp(best);
  fit.shape_lo = std::exp(crossing(best, kLo));
  const double hi = crossing(best, kHi);
  fit.shape_hi = hi >= kHi ? kInfinity : std::exp(hi);
  return fit;
}

}  // namespace txsim::stats
