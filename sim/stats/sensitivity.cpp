#include "txsim/stats/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_01.hpp>

namespace txsim::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Outputs of one base row j: f(A_j), f(A_B^(i)_j) for each i, f(B_j).
struct RowView {
  std::span<const double> outputs;
  std::size_t factors;
  std::size_t stride() const noexcept { return factors + 2; }
  double a(std::size_t j) const noexcept { return outputs[j * stride()]; }
  double ab(std::size_t j, std::size_t i) const noexcept { return outputs[j * stride() + 1 + i]; }
  double b(std::size_t j) const noexcept { return outputs[j * stride() + factors + 1]; }
};

struct PointIndices {
  std::vector<double> first_order;
  std::vector<double> total;
  double variance = 0;
};

// The estimators over the base rows listed in `rows` (all rows, or a bootstrap resample).
// Sums are accumulated in row order so that a given resample always gives the same bits.
void estimate(const RowView& view, std::span<const std::size_t> rows, PointIndices& out) {
  const double n = static_cast<double>(rows.size());
  double sum = 0;
  for (std::size_t j : rows) sum += view.a(j) + view.b(j);
  const double mean = sum / (2 * n);
  double squares = 0;
  for (std::size_t j : rows) {
    const double da = view.a(j) - mean;
    const double db = view.b(j) - mean;
    squares += da * da + db * db;
  }
  out.variance = squares / (2 * n);
  for (std::size_t i = 0; i < view.factors; ++i) {
    double first = 0;
    double total = 0;
    for (std::size_t j : rows) {
      const double fa = view.a(j);
      const double fab = view.ab(j, i);
      first += view.b(j) * (fab - fa);
      total += (fa - fab) * (fa - fab);
    }
    out.first_order[i] = out.variance > 0 ? first / n / out.variance : kNaN;
    out.total[i] = out.variance > 0 ? total / n / (2 * out.variance) : kNaN;
  }
}

IndexEstimate summarise_bootstrap(double point, std::vector<double>& resampled, double level) {
  std::sort(resampled.begin(), resampled.end());
  double mean = 0;
  for (double x : resampled) mean += x;
  mean /= static_cast<double>(resampled.size());
  double squares = 0;
  for (double x : resampled) squares += (x - mean) * (x - mean);
  const double alpha = 1 - level;
  return {point, sample_quantile(resampled, alpha / 2), sample_quantile(resampled, 1 - alpha / 2),
          std::sqrt(squares / static_cast<double>(resampled.size() - 1))};
}

}  // namespace

std::vector<double> random_unit_base(std::size_t base_samples, std::size_t factors, std::uint64_t seed) {
  if (base_samples == 0 || factors == 0)
    throw std::invalid_argument("random_unit_base: base_samples and factors must be >= 1");
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_01<double> uniform;
  std::vector<double> base(base_samples * 2 * factors);
  for (double& x : base) x = uniform(engine);
  return base;
}

SaltelliDesign saltelli_design(std::span<const double> base, std::size_t factors) {
  if (factors == 0) throw std::invalid_argument("saltelli_design: factors must be >= 1");
  if (base.empty() || base.size() % (2 * factors) != 0)
    throw std::invalid_argument("saltelli_design: base holds " + std::to_string(base.size()) +
                                " values, not a positive multiple of 2 x factors = " + std::to_string(2 * factors));
  SaltelliDesign design;
  design.factors = factors;
  design.base_samples = base.size() / (2 * factors);
  design.points.reserve(design.rows() * factors);
  for (std::size_t j = 0; j < design.base_samples; ++j) {
    const auto a = base.subspan(j * 2 * factors, factors);
    const auto b = base.subspan(j * 2 * factors + factors, factors);
    design.points.insert(design.points.end(), a.begin(), a.end());
    for (std::size_t i = 0; i < factors; ++i) {
      const std::size_t start = design.points.size();
      design.points.insert(design.points.end(), a.begin(), a.end());
      design.points[start + i] = b[i];
    }
    design.points.insert(design.points.end(), b.begin(), b.end());
  }
  return design;
}

SobolResult sobol_indices(std::span<const double> outputs, std::size_t factors, const BootstrapOptions& options) {
  if (factors == 0) throw std::invalid_argument("sobol_indices: factors must be >= 1");
  if (outputs.size() % (factors + 2) != 0 || outputs.size() / (factors + 2) < 2)
    throw std::invalid_argument("sobol_indices: " + std::to_string(outputs.size()) +
                                " outputs are not base_samples x (factors + 2) with base_samples >= 2, factors = " +
                                std::to_string(factors));
  if (options.resamples < 2) throw std::invalid_argument("sobol_indices: resamples must be >= 2");
  if (!(options.level > 0 && options.level < 1)) throw std::invalid_argument("sobol_indices: level must be in (0, 1)");
  for (std::size_t r = 0; r < outputs.size(); ++r)
    if (!std::isfinite(outputs[r]))
      throw std::invalid_argument("sobol_indices: output " + std::to_string(r) + " is not finite");

  const RowView view{outputs, factors};
  const std::size_t n = outputs.size() / (factors + 2);
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  PointIndices point{std::vector<double>(factors), std::vector<double>(factors), 0};
  estimate(view, rows, point);

  SobolResult result;
  result.variance = point.variance;
  result.base_samples = n;
  result.level = options.level;
  result.factors.resize(factors);
  if (!(point.variance > 0)) {
    for (SobolIndex& index : result.factors) index = {{kNaN, kNaN, kNaN, kNaN}, {kNaN, kNaN, kNaN, kNaN}};
    return result;
  }

  std::vector<std::vector<double>> first(factors);
  std::vector<std::vector<double>> total(factors);
  boost::random::mt19937_64 engine(options.seed);
  boost::random::uniform_int_distribution<std::size_t> pick(0, n - 1);
  PointIndices resampled{std::vector<double>(factors), std::vector<double>(factors), 0};
  for (std::size_t b = 0; b < options.resamples; ++b) {
    for (std::size_t& j : rows) j = pick(engine);
    estimate(view, rows, resampled);
    // A resample whose A and B outputs are all equal has no variance and defines no index (only
    // likely for a handful of base rows); it is left out rather than given a made-up value.
    if (!(resampled.variance > 0)) continue;
    for (std::size_t i = 0; i < factors; ++i) {
      first[i].push_back(resampled.first_order[i]);
      total[i].push_back(resampled.total[i]);
    }
  }
  result.resamples = first[0].size();
  if (result.resamples < 2) {
    for (std::size_t i = 0; i < factors; ++i)
      result.factors[i] = {{point.first_order[i], kNaN, kNaN, kNaN}, {point.total[i], kNaN, kNaN, kNaN}};
    return result;
  }
  for (std::size_t i = 0; i < factors; ++i) {
    result.factors[i].first_order = summarise_bootstrap(point.first_order[i], first[i], options.level);
    result.factors[i].total = summarise_bootstrap(point.total[i], total[i], options.level);
  }
  return result;
}

double sample_quantile(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw std::invalid_argument("sample_quantile: no values");
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("sample_quantile: p must be in [0, 1]");
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

DistributionSummary summarize_distribution(std::span<const double> draws) {
  if (draws.empty()) throw std::invalid_argument("summarize_distribution: no draws");
  std::vector<double> sorted(draws.begin(), draws.end());
  double sum = 0;
  for (std::size_t r = 0; r < sorted.size(); ++r) {
    if (!std::isfinite(sorted[r]))
      throw std::invalid_argument("summarize_distribution: draw " + std::to_string(r) + " is not finite");
    sum += sorted[r];
  }
  std::sort(sorted.begin(), sorted.end());
  return {sum / static_cast<double>(sorted.size()), sample_quantile(sorted, 0.05), sample_quantile(sorted, 0.95),
          sorted.size()};
}

}  // namespace txsim::stats
