#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "txsim/stats/prior.hpp"
#include "txsim/stats/proportion.hpp"
#include "txsim/stats/sensitivity.hpp"

using namespace txsim::stats;

namespace {

constexpr double kPi = std::numbers::pi;

// Ishigami & Homma 1990 with a = 7, b = 0.1, inputs uniform on [-pi, pi]. Exact partial
// variances (Sobol' & Levitan 1999): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8,
// V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
constexpr double kA = 7;
constexpr double kB = 0.1;
double ishigami(std::span<const double> x) {
  return std::sin(x[0]) + kA * std::sin(x[1]) * std::sin(x[1]) + kB * std::pow(x[2], 4) * std::sin(x[0]);
}
struct IshigamiTruth {
  double v1 = 0.5 * std::pow(1 + kB * std::pow(kPi, 4) / 5, 2);
  double v2 = kA * kA / 8;
  double v13 = kB * kB * std::pow(kPi, 8) * (1.0 / 18 - 1.0 / 50);
  double v = v1 + v2 + v13;
  double first[3] = {v1 / v, v2 / v, 0};
  double total[3] = {(v1 + v13) / v, v2 / v, v13 / v};
};

// Independent uniform base points (N x 2k) on [lo, hi], from the library's unit base.
std::vector<double> uniform_base(std::size_t n, std::size_t factors, double lo, double hi, std::uint64_t seed) {
  std::vector<double> base = random_unit_base(n, factors, seed);
  for (double& x : base) x = lo + x * (hi - lo);
  return base;
}

template <class F>
std::vector<double> run_design(const SaltelliDesign& design, F model) {
  std::vector<double> outputs(design.rows());
  for (std::size_t r = 0; r < design.rows(); ++r) outputs[r] = model(design.point(r));
  return outputs;
}

}  // namespace

TEST_CASE("the Saltelli design holds A, each A_B^(i) and B per base row") {
  // Two base rows, k = 3: A = (1, 2, 3), B = (4, 5, 6); then A = (7, 8, 9), B = (10, 11, 12).
  const std::vector<double> base{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const SaltelliDesign design = saltelli_design(base, 3);
  REQUIRE(design.base_samples == 2);
  REQUIRE(design.rows() == 10);
  const std::vector<double> expected{1, 2, 3, /**/ 4, 2, 3, /**/ 1, 5, 3, /**/ 1, 2, 6, /**/ 4, 5, 6,
                                     7, 8, 9, /**/ 10, 8, 9, /**/ 7, 11, 9, /**/ 7, 8, 12, /**/ 10, 11, 12};
  CHECK(design.points == expected);
  CHECK(design.point(7)[1] == 11);  // A_B^(2) of the second base row
}

TEST_CASE("random unit bases are reproducible from their seed and fill the unit cube") {
  const std::vector<double> base = random_unit_base(500, 3, 4);
  REQUIRE(base.size() == 3000);
  CHECK(base == random_unit_base(500, 3, 4));
  CHECK(base != random_unit_base(500, 3, 5));
  double sum = 0;
  for (double x : base) sum += x;
  CHECK(*std::min_element(base.begin(), base.end()) >= 0);
  CHECK(*std::max_element(base.begin(), base.end()) < 1);
  // Mean of 3000 uniforms: SE = sqrt(1/12 / 3000) = 0.0053; 4 SE.
  CHECK(std::abs(sum / 3000 - 0.5) <= 4 * 0.0053);
  CHECK_THROWS_AS((void)random_unit_base(0, 3, 1), std::invalid_argument);
}

TEST_CASE("a base that is not N rows of 2k values is rejected") {
  CHECK_THROWS_AS((void)saltelli_design(std::vector<double>{1, 2, 3}, 2), std::invalid_argument);
  CHECK_THROWS_AS((void)saltelli_design(std::vector<double>{}, 2), std::invalid_argument);
  CHECK_THROWS_AS((void)saltelli_design(std::vector<double>{1, 2}, 0), std::invalid_argument);
}

TEST_CASE("outputs that do not fit the design or are not finite are rejected") {
  CHECK_THROWS_AS((void)sobol_indices(std::vector<double>(9), 2), std::invalid_argument);
  CHECK_THROWS_AS((void)sobol_indices(std::vector<double>(4), 2), std::invalid_argument);  // N = 1
  std::vector<double> outputs{1, 2, 3, 4, 5, 6, 7, NAN};
  CHECK_THROWS_AS((void)sobol_indices(outputs, 2), std::invalid_argument);
  CHECK_THROWS_AS((void)sobol_indices(std::vector<double>(8, 1.0), 2, {.resamples = 1}), std::invalid_argument);
}

TEST_CASE("an output that does not vary has undefined indices") {
  const SobolResult result = sobol_indices(std::vector<double>(40, 3.0), 2);
  CHECK(result.variance == 0);
  CHECK(std::isnan(result.factors[0].first_order.estimate));
  CHECK(std::isnan(result.factors[1].total.hi));
}

TEST_CASE("a linear model's indices are its variance shares, and an unused factor gets exactly 0") {
  // Y = x1 + 2 x2 + 3 x3 + 0 x4, x uniform on [0, 1]: V_i = c_i^2 / 12 with no interactions, so
  // S_i = ST_i = c_i^2 / 14 = 1/14, 4/14, 9/14, 0.
  const double coefficients[4] = {1, 2, 3, 0};
  const SaltelliDesign design = saltelli_design(uniform_base(8192, 4, 0, 1, 11), 4);
  const std::vector<double> outputs = run_design(design, [&](std::span<const double> x) {
    double y = 0;
    for (std::size_t i = 0; i < 4; ++i) y += coefficients[i] * x[i];
    return y;
  });
  const SobolResult result = sobol_indices(outputs, 4, {.resamples = 300, .level = 0.95, .seed = 5});
  CHECK(result.base_samples == 8192);
  CHECK(result.resamples == 300);
  CHECK(result.variance == doctest::Approx(14.0 / 12).epsilon(0.05));
  // Tolerance: 4 bootstrap standard errors (a false alarm about once in 16,000 per check).
  for (std::size_t i = 0; i < 3; ++i) {
    const double share = coefficients[i] * coefficients[i] / 14;
    const SobolIndex& index = result.factors[i];
    INFO("factor " << i + 1 << ": S = " << index.first_order.estimate << " +- " << index.first_order.std_error
                   << ", ST = " << index.total.estimate << " +- " << index.total.std_error);
    CHECK(index.first_order.std_error > 0);
    CHECK(std::abs(index.first_order.estimate - share) <= 4 * index.first_order.std_error);
    CHECK(std::abs(index.total.estimate - share) <= 4 * index.total.std_error);
    CHECK(index.first_order.lo <= index.first_order.estimate);
    CHECK(index.first_order.estimate <= index.first_order.hi);
  }
  // f(A_B^(4)) == f(A) row by row, so both estimators are exactly 0.
  CHECK(result.factors[3].first_order.estimate == 0);
  CHECK(result.factors[3].total.estimate == 0);
  CHECK(result.factors[3].total.hi == 0);
}

TEST_CASE("the Ishigami function's indices are recovered within 4 bootstrap standard errors") {
  // S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437 (Saltelli et al. 2010).
  const IshigamiTruth truth;
  REQUIRE(truth.first[0] == doctest::Approx(0.3139).epsilon(1e-3));
  REQUIRE(truth.total[2] == doctest::Approx(0.2437).epsilon(1e-3));
  const SaltelliDesign design = saltelli_design(uniform_base(16384, 3, -kPi, kPi, 2026), 3);
  const SobolResult result = sobol_indices(run_design(design, ishigami), 3, {.resamples = 300, .level = 0.95, .seed = 9});
  CHECK(result.variance == doctest::Approx(truth.v).epsilon(0.05));
  for (std::size_t i = 0; i < 3; ++i) {
    const SobolIndex& index = result.factors[i];
    INFO("factor " << i + 1 << ": S = " << index.first_order.estimate << " +- " << index.first_order.std_error
                   << " (exact " << truth.first[i] << "), ST = " << index.total.estimate << " +- "
                   << index.total.std_error << " (exact " << truth.total[i] << ")");
    CHECK(std::abs(index.first_order.estimate - truth.first[i]) <= 4 * index.first_order.std_error);
    CHECK(std::abs(index.total.estimate - truth.total[i]) <= 4 * index.total.std_error);
    // The standard errors must be small enough for the checks above to mean something.
    CHECK(index.first_order.std_error < 0.03);
    CHECK(index.total.std_error < 0.03);
  }
}

TEST_CASE("over independent Ishigami designs the estimators are unbiased and the bootstrap error matches their spread") {
  // 40 designs of N = 1024. Each mean of 40 estimates must lie within 4 standard errors of the
  // exact index (SE = sd / sqrt(40)); the spread of the estimates (sd over designs) must agree
  // with the average bootstrap standard error: with 39 degrees of freedom sd / sigma lies in
  // [0.62, 1.43] with probability 0.999 (sqrt of chi-square quantiles / 39), so the ratio is
  // asserted inside [0.55, 1.5].
  const IshigamiTruth truth;
  constexpr std::size_t kDesigns = 40;
  double sum_first[3] = {}, sum_sq_first[3] = {}, sum_se_first[3] = {};
  double sum_total[3] = {}, sum_sq_total[3] = {}, sum_se_total[3] = {};
  for (std::size_t d = 0; d < kDesigns; ++d) {
    const SaltelliDesign design = saltelli_design(uniform_base(1024, 3, -kPi, kPi, 100 + d), 3);
    const SobolResult result =
        sobol_indices(run_design(design, ishigami), 3, {.resamples = 200, .level = 0.95, .seed = 7 + d});
    for (std::size_t i = 0; i < 3; ++i) {
      const SobolIndex& index = result.factors[i];
      sum_first[i] += index.first_order.estimate;
      sum_sq_first[i] += index.first_order.estimate * index.first_order.estimate;
      sum_se_first[i] += index.first_order.std_error;
      sum_total[i] += index.total.estimate;
      sum_sq_total[i] += index.total.estimate * index.total.estimate;
      sum_se_total[i] += index.total.std_error;
    }
  }
  const double n = kDesigns;
  for (std::size_t i = 0; i < 3; ++i) {
    const double mean_first = sum_first[i] / n;
    const double sd_first = std::sqrt((sum_sq_first[i] - n * mean_first * mean_first) / (n - 1));
    const double mean_total = sum_total[i] / n;
    const double sd_total = std::sqrt((sum_sq_total[i] - n * mean_total * mean_total) / (n - 1));
    INFO("factor " << i + 1 << ": mean S " << mean_first << " sd " << sd_first << " bootstrap SE "
                   << sum_se_first[i] / n << "; mean ST " << mean_total << " sd " << sd_total << " bootstrap SE "
                   << sum_se_total[i] / n);
    CHECK(std::abs(mean_first - truth.first[i]) <= 4 * sd_first / std::sqrt(n));
    CHECK(std::abs(mean_total - truth.total[i]) <= 4 * sd_total / std::sqrt(n));
    CHECK(sd_first / (sum_se_first[i] / n) >= 0.55);
    CHECK(sd_first / (sum_se_first[i] / n) <= 1.5);
    CHECK(sd_total / (sum_se_total[i] / n) >= 0.55);
    CHECK(sd_total / (sum_se_total[i] / n) <= 1.5);
  }
}

TEST_CASE("the same seed gives bit-identical intervals and another seed different ones") {
  const SaltelliDesign design = saltelli_design(uniform_base(256, 3, -kPi, kPi, 1), 3);
  const std::vector<double> outputs = run_design(design, ishigami);
  const SobolResult first = sobol_indices(outputs, 3, {.resamples = 100, .level = 0.9, .seed = 42});
  const SobolResult again = sobol_indices(outputs, 3, {.resamples = 100, .level = 0.9, .seed = 42});
  const SobolResult other = sobol_indices(outputs, 3, {.resamples = 100, .level = 0.9, .seed = 43});
  CHECK(first.factors[0].total.lo == again.factors[0].total.lo);
  CHECK(first.factors[2].first_order.std_error == again.factors[2].first_order.std_error);
  CHECK(first.factors[0].total.estimate == other.factors[0].total.estimate);
  CHECK(first.factors[0].total.lo != other.factors[0].total.lo);
}

TEST_CASE("sample quantiles interpolate between order statistics") {
  std::vector<double> values;
  for (int v = 1; v <= 101; ++v) values.push_back(v);
  CHECK(sample_quantile(values, 0.05) == 6);
  CHECK(sample_quantile(values, 0) == 1);
  CHECK(sample_quantile(values, 1) == 101);
  const std::vector<double> two{0, 10};
  CHECK(sample_quantile(two, 0.25) == doctest::Approx(2.5));
  CHECK_THROWS_AS((void)sample_quantile(two, 1.5), std::invalid_argument);
  CHECK_THROWS_AS((void)sample_quantile(std::vector<double>{}, 0.5), std::invalid_argument);
}

TEST_CASE("a distribution summary gives the mean and the 5th and 95th percentiles in any input order") {
  std::vector<double> draws;
  for (int v = 101; v >= 1; --v) draws.push_back(v);
  const DistributionSummary summary = summarize_distribution(draws);
  CHECK(summary.mean == 51);
  CHECK(summary.p05 == 6);
  CHECK(summary.p95 == 96);
  CHECK(summary.n == 101);
  draws.push_back(INFINITY);
  CHECK_THROWS_AS((void)summarize_distribution(draws), std::invalid_argument);
}

TEST_CASE("Wilson intervals match published values and stay inside 0 and 1") {
  // Brown, Cai & DasGupta 2001 / standard tables: 5 of 10 -> [0.2366, 0.7634]; 0 of 10 -> [0, 0.2775].
  const Proportion half = wilson_interval(5, 10);
  CHECK(half.estimate == 0.5);
  CHECK(half.lo == doctest::Approx(0.2366).epsilon(1e-3));
  CHECK(half.hi == doctest::Approx(0.7634).epsilon(1e-3));
  const Proportion none = wilson_interval(0, 10);
  CHECK(none.lo == 0);
  CHECK(none.hi == doctest::Approx(0.2775).epsilon(1e-3));
  const Proportion all = wilson_interval(10, 10);
  CHECK(all.hi == 1);
  CHECK(all.lo == doctest::Approx(1 - 0.2775).epsilon(1e-3));
  CHECK_THROWS_AS((void)wilson_interval(0, 0), std::invalid_argument);
  CHECK_THROWS_AS((void)wilson_interval(11, 10), std::invalid_argument);
  CHECK_THROWS_AS((void)wilson_interval(1, 10, 1.0), std::invalid_argument);
}

TEST_CASE("95% Wilson intervals cover a true probability of 0.2 in 95% +- 1.5% of 4000 experiments with 60 draws") {
  // Coverage of the Wilson interval near n = 60, p = 0.2 is within about a point of nominal
  // (Brown, Cai & DasGupta 2001, fig. 5); the Monte-Carlo SE of the coverage is 0.0034, so the
  // +-1.5% band is over 4 SE wide on each side of a point either way.
  boost::random::mt19937_64 engine(8);
  boost::random::uniform_real_distribution<double> uniform(0, 1);
  int covered = 0;
  constexpr int kExperiments = 4000;
  for (int e = 0; e < kExperiments; ++e) {
    std::size_t successes = 0;
    for (int d = 0; d < 60; ++d) successes += uniform(engine) < 0.2 ? 1 : 0;
    const Proportion p = wilson_interval(successes, 60);
    if (p.lo <= 0.2 && 0.2 <= p.hi) ++covered;
  }
  CHECK(static_cast<double>(covered) / kExperiments == doctest::Approx(0.95).epsilon(0.015 / 0.95));
}

TEST_CASE("verdict probabilities count each outcome, sum to 1 and carry Wilson intervals") {
  // Outcomes as indices of score::Verdict: dominates, is dominated, trade-off, no difference.
  const std::vector<std::size_t> verdicts{0, 0, 0, 2, 0, 3, 0, 2, 0, 0};
  const std::vector<Proportion> probabilities = category_probabilities(verdicts, 4);
  REQUIRE(probabilities.size() == 4);
  CHECK(probabilities[0].successes == 7);
  CHECK(probabilities[1].successes == 0);
  CHECK(probabilities[2].estimate == doctest::Approx(0.2));
  double sum = 0;
  for (const Proportion& p : probabilities) {
    sum += p.estimate;
    CHECK(p.n == 10);
    CHECK(p.lo <= p.estimate);
    CHECK(p.estimate <= p.hi);
  }
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(probabilities[1].hi == doctest::Approx(0.2775).epsilon(1e-3));
  CHECK_THROWS_AS((void)category_probabilities(std::vector<std::size_t>{0, 4}, 4), std::invalid_argument);
  CHECK_THROWS_AS((void)category_probabilities(std::vector<std::size_t>{}, 4), std::invalid_argument);
}

TEST_CASE("prior quantiles map the unit interval onto each distribution's support") {
  const Prior uniform{PriorKind::Uniform, 2, 2, 6};
  CHECK(uniform.quantile(0) == 2);
  CHECK(uniform.quantile(0.25) == 3);
  CHECK(uniform.quantile(1) == 6);
  // Triangular on [0, 4] with mode 1: F(1) = 1/4, and F(x) = 1 - (4 - x)^2 / 12 above the mode.
  const Prior triangular{PriorKind::Triangular, 0, 1, 4};
  CHECK(triangular.quantile(0.25) == doctest::Approx(1));
  CHECK(triangular.quantile(1 - 4.0 / 12) == doctest::Approx(2));
  CHECK(triangular.quantile(0.01) == doctest::Approx(std::sqrt(0.01 * 4)));
  const Prior at_low_mode{PriorKind::Triangular, 0, 0, 1};
  CHECK(at_low_mode.quantile(0) == 0);
  CHECK(at_low_mode.quantile(0.75) == doctest::Approx(0.5));
  // Log-uniform on [10, 1000]: the median is the geometric mean.
  const Prior log_uniform{PriorKind::LogUniform, 10, 10, 1000};
  CHECK(log_uniform.quantile(0.5) == doctest::Approx(100));
  CHECK(log_uniform.quantile(0) == 10);
  CHECK(log_uniform.quantile(1) == 1000);
  double previous = -1;
  for (int step = 0; step <= 100; ++step) {
    const double value = triangular.quantile(step / 100.0);
    CHECK(value >= previous);
    previous = value;
  }
}
