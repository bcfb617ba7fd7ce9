// The uncertainty design and analysis on synthetic models: no simulation, exact expectations.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "txsim/sweep/design.hpp"
#include "txsim/sweep/uncertainty.hpp"

namespace {

using namespace txsim;
using sweep::kUncertaintyMetricCount;
using Differences = std::array<double, kUncertaintyMetricCount>;

// The uncertainty design over d factors uniform on [0, 1] with tornado levels 0.05 and 0.95; the
// design needs no study.
sweep::SweepSpec synthetic_spec(std::size_t d, std::uint64_t base_samples, std::uint64_t seed) {
  sweep::SweepSpec spec;
  spec.mode = sweep::Mode::Compare;
  spec.design = sweep::DesignKind::Uncertainty;
  spec.samples = base_samples;
  spec.seed = seed;
  for (std::size_t k = 0; k < d; ++k) {
    sweep::Factor f;
    f.name = "p";
    f.name += static_cast<char>('0' + k);  // d <= 10
    f.paths = {f.name};
    f.has_distribution = true;
    f.distribution.kind = sweep::DistributionKind::Uniform;
    f.distribution.lo = 0;
    f.distribution.hi = 1;
    f.levels = {{"0.05", 0.05}, {"0.95", 0.95}};
    spec.factors.push_back(f);
  }
  return spec;
}

// What a synthetic policy gives at the point of parameters x (0.5 where the design leaves a
// factor at the base).
struct SyntheticPolicy {
  std::function<Differences(const std::vector<double>&)> differences;
  std::function<score::Verdict(const std::vector<double>&)> verdict;
  double noise_variance = 0.0;
};

sweep::UncertaintyInput synthetic_input(const sweep::SweepSpec& spec, const std::vector<SyntheticPolicy>& policies) {
  const sweep::Design design(spec);
  sweep::UncertaintyInput input;
  input.base_samples = spec.samples;
  for (const auto& f : spec.factors) {
    input.parameters.push_back(f.name);
    input.tornado_low.push_back(f.levels.front().number);
    input.tornado_high.push_back(f.levels.back().number);
  }
  for (std::size_t p = 0; p < policies.size(); ++p) {
    sweep::UncertaintyInput::Policy policy{"policy", {}};
    policy.name += static_cast<char>('0' + p);
    for (std::uint64_t i = 0; i < design.size(); ++i) {
      const auto values = design.point(i);
      std::vector<double> x(values.size(), 0.5);
      for (std::size_t k = 0; k < values.size(); ++k)
        if (values[k]) x[k] = values[k]->number;
      sweep::PointDifferences point;
      point.valid = true;
      point.mean = policies[p].differences(x);
      point.noise_variance.fill(policies[p].noise_variance);
      point.verdict = policies[p].verdict(x);
      point.verdict_of_means = sweep::verdict_of_means(point.mean[0], point.mean[1], point.mean[2]);
      policy.points.push_back(point);
    }
    input.policies.push_back(std::move(policy));
  }
  return input;
}

Differences all(double v) {
  Differences d;
  d.fill(v);
  return d;
}

}  // namespace

TEST_CASE("the uncertainty design: A_B^(k) takes column k from B and the rest from A, and the tornado follows") {
  const std::size_t d = 3;
  const std::uint64_t n = 5;
  const auto spec = synthetic_spec(d, n, 11);
  const sweep::Design design(spec);
  const std::uint64_t saltelli = n * (d + 2);
  REQUIRE(design.size() == saltelli + 2 * d + 1);
  REQUIRE(sweep::point_count(spec) == design.size());
  for (std::uint64_t j = 0; j < n; ++j) {
    const auto a = design.unit_point(j * (d + 2));
    const auto b = design.unit_point(j * (d + 2) + 1);
    CHECK(design.saltelli_role(j * (d + 2) + 1)->matrix == 1);
    for (std::size_t k = 0; k < d; ++k) {
      CHECK(a[k] != b[k]);
      const auto ab = design.unit_point(j * (d + 2) + 2 + k);
      for (std::size_t c = 0; c < d; ++c) CHECK(ab[c] == (c == k ? b[c] : a[c]));
    }
  }
  // The base rows are stats::random_unit_base's: independent uniforms, not a quasi-random net.
  const auto base = stats::random_unit_base(n, d, 11);
  CHECK(design.unit_point(0)[0] == base[0]);
  CHECK(design.unit_point(d + 2 + 1)[2] == base[2 * d + d + 2]);

  CHECK_FALSE(design.saltelli_role(saltelli).has_value());
  const auto base_point = design.point(saltelli);
  CHECK(std::none_of(base_point.begin(), base_point.end(), [](const auto& v) { return v.has_value(); }));
  for (std::size_t k = 0; k < d; ++k) {
    const auto low = design.point(saltelli + 1 + 2 * k);
    const auto high = design.point(saltelli + 2 + 2 * k);
    for (std::size_t c = 0; c < d; ++c) {
      CHECK(low[c].has_value() == (c == k));
      CHECK(high[c].has_value() == (c == k));
    }
    CHECK(low[k]->number == 0.05);
    CHECK(high[k]->number == 0.95);
  }
}

TEST_CASE("a study with priors: each factor samples its prior's quantiles and the tornado sits at 5% and 95%") {
  const std::filesystem::path scenarios = std::filesystem::path(TXSIM_SOURCE_DIR) / "scenarios";
  sweep::UncertaintyOptions options;
  options.base_samples = 4;
  const auto study = sweep::load_uncertainty_study(scenarios / "default.yaml", scenarios / "priors/evidence.yaml", options);
  REQUIRE(study.sweep.factors.size() == study.priors.parameters.size());
  CHECK(study.sweep.design == sweep::DesignKind::Uncertainty);
  CHECK(study.sweep.mode == sweep::Mode::Compare);
  for (std::size_t k = 0; k < study.sweep.factors.size(); ++k) {
    const auto& factor = study.sweep.factors[k];
    const auto& prior = study.priors.parameters[k].prior;
    CAPTURE(factor.name);
    CHECK(factor.paths.front() == study.priors.parameters[k].key_path);
    for (const double u : {0.01, 0.2, 0.5, 0.77, 0.99}) CHECK(factor.sample(u).number == doctest::Approx(prior.quantile(u)).epsilon(1e-14));
    CHECK(factor.levels.front().number == prior.quantile(0.05));
    CHECK(factor.levels.back().number == prior.quantile(0.95));
  }
  // Few base rows and one replication are allowed, with warnings.
  CHECK(std::any_of(study.warnings.begin(), study.warnings.end(),
                    [](const io::Diagnostic& d) { return d.warning && d.file == "--samples"; }));
}

TEST_CASE("too few base samples and unknown priors are refused before anything runs") {
  const std::filesystem::path scenarios = std::filesystem::path(TXSIM_SOURCE_DIR) / "scenarios";
  sweep::UncertaintyOptions options;
  options.base_samples = 3;
  CHECK_THROWS_AS(sweep::load_uncertainty_study(scenarios / "default.yaml", scenarios / "priors/evidence.yaml", options),
                  io::ConfigError);
  options.base_samples = 8;
  // The evidence priors name contact types that this study lacks.
  CHECK_THROWS_AS(sweep::load_uncertainty_study(scenarios / "validation/erlang_c_small.yaml",
                                                scenarios / "priors/evidence.yaml", options),
                  io::ConfigError);
}

TEST_CASE("verdict probabilities count the A and B draws and sum to 1") {
  const auto spec = synthetic_spec(2, 50, 3);
  const SyntheticPolicy mixed{[](const std::vector<double>& x) { return all(x[0] - 0.5); },
                              [](const std::vector<double>& x) {
                                return x[0] < 0.25 ? score::Verdict::IsDominated
                                       : x[0] < 0.5 ? score::Verdict::NoDifference
                                       : x[1] < 0.5 ? score::Verdict::TradeOff
                                                    : score::Verdict::Dominates;
                              },
                              0.0};
  const auto input = synthetic_input(spec, {mixed});
  const auto analysis = sweep::analyse_uncertainty(input);
  REQUIRE(analysis.policies.size() == 1);
  const auto& v = analysis.policies[0].verdicts;
  double sum = 0;
  std::size_t count = 0;
  for (const auto& q : v) {
    sum += q.estimate;
    count += q.successes;
    CHECK(q.n == 100);
    CHECK(q.lo <= q.estimate);
    CHECK(q.estimate <= q.hi);
  }
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(count == 100);
  // The count of each verdict among the A and B rows, recomputed from the design.
  const sweep::Design design(spec);
  std::size_t dominated = 0;
  for (std::uint64_t j = 0; j < 50; ++j)
    for (const std::uint64_t r : {0, 1})
      if (design.point(j * 4 + r)[0]->number < 0.25) ++dominated;
  CHECK(v[1].successes == dominated);
  // By the signs of the means (x0 - 0.5 on every index): dominated below 0.5, dominating above.
  std::size_t below = 0;
  for (std::uint64_t j = 0; j < 50; ++j)
    for (const std::uint64_t r : {0, 1})
      if (design.point(j * 4 + r)[0]->number < 0.5) ++below;
  const auto& means = analysis.policies[0].verdicts_of_means;
  CHECK(means[1].successes == below);
  CHECK(means[0].successes == 100 - below);
  CHECK(means[0].estimate + means[1].estimate + means[2].estimate + means[3].estimate == doctest::Approx(1.0));
}

TEST_CASE("the verdict of means follows the signs of the CX, EX and cost differences") {
  CHECK(sweep::verdict_of_means(0.1, 0.0, 2.0) == score::Verdict::Dominates);
  CHECK(sweep::verdict_of_means(-0.1, 0.0, -2.0) == score::Verdict::IsDominated);
  CHECK(sweep::verdict_of_means(0.1, -0.2, 2.0) == score::Verdict::TradeOff);
  CHECK(sweep::verdict_of_means(0.0, 0.0, 0.0) == score::Verdict::NoDifference);
}

TEST_CASE("a policy that dominates at every draw has probability 1 of dominating") {
  const auto spec = synthetic_spec(2, 64, 5);
  const SyntheticPolicy always{[](const std::vector<double>& x) { return all(1 + x[0]); },
                               [](const std::vector<double>&) { return score::Verdict::Dominates; }, 0.0};
  const auto analysis = sweep::analyse_uncertainty(synthetic_input(spec, {always}));
  const auto& v = analysis.policies[0].verdicts;
  CHECK(v[0].estimate == 1.0);
  CHECK(v[0].hi == 1.0);
  // Wilson lower bound for 128 of 128: n / (n + z^2) = 0.9709.
  CHECK(v[0].lo == doctest::Approx(128.0 / (128.0 + 1.959963984540054 * 1.959963984540054)).epsilon(1e-9));
  for (std::size_t i = 1; i < 4; ++i) CHECK(v[i].estimate == 0.0);
}

TEST_CASE("Sobol indices put the whole effect on the only parameter that matters") {
  // Difference = 10 x0 + x0^2 whatever the others: S_0 = ST_0 = 1 and every other index is 0. The
  // others' A_B rows reproduce f(A) exactly, so their estimates are exactly 0; for parameter 0
  // the tolerance is 4 bootstrap standard errors.
  const auto spec = synthetic_spec(4, 256, 9);
  const SyntheticPolicy one{[](const std::vector<double>& x) { return all(10 * x[0] + x[0] * x[0]); },
                            [](const std::vector<double>&) { return score::Verdict::Dominates; }, 0.0};
  const auto analysis = sweep::analyse_uncertainty(synthetic_input(spec, {one}));
  const auto& p = analysis.policies[0];
  for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
    CAPTURE(m);
    REQUIRE(p.sobol[m].size() == 4);
    CHECK(p.sobol_rows[m] == 256);
    const auto& first = p.sobol[m][0];
    CHECK(first.parameter == "p0");
    CHECK(std::abs(first.index.total.estimate - 1) <= 4 * first.index.total.std_error);
    CHECK(std::abs(first.index.first_order.estimate - 1) <= 4 * first.index.first_order.std_error);
    CHECK(first.index.total.lo <= 1.0);
    CHECK(first.index.total.hi >= 0.9);
    for (std::size_t k = 1; k < 4; ++k) {
      CHECK(p.sobol[m][k].index.total.estimate == 0.0);
      CHECK(p.sobol[m][k].index.first_order.estimate == 0.0);
    }
    // The tornado agrees: only p0 swings, by 10 (0.95 - 0.05) + 0.95^2 - 0.05^2 = 9.9.
    CHECK(p.tornado[m].front().parameter == "p0");
    CHECK(p.tornado[m].front().at_high - p.tornado[m].front().at_low == doctest::Approx(9.9));
    CHECK(p.tornado[m][1].at_high == p.tornado[m][1].at_low);
    CHECK(p.at_base[m] == doctest::Approx(5.25));
  }
}

TEST_CASE("the differences' distribution is over the A and B draws, with the noise variance beside it") {
  const auto spec = synthetic_spec(2, 40, 13);
  const SyntheticPolicy linear{[](const std::vector<double>& x) { return all(2 * x[1] - 1); },
                               [](const std::vector<double>&) { return score::Verdict::TradeOff; }, 0.03};
  const auto input = synthetic_input(spec, {linear});
  const auto analysis = sweep::analyse_uncertainty(input);
  std::vector<double> draws;
  for (std::size_t j = 0; j < 40; ++j)
    for (const std::size_t r : {0, 1}) draws.push_back(input.policies[0].points[j * 4 + r].mean[0]);
  const auto summary = stats::summarize_distribution(draws);
  double squares = 0;
  for (const double x : draws) squares += (x - summary.mean) * (x - summary.mean);
  for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
    const auto& d = analysis.policies[0].differences[m];
    CHECK(d.draws == 80);
    CHECK(d.mean == summary.mean);
    CHECK(d.p05 == summary.p05);
    CHECK(d.p95 == summary.p95);
    CHECK(d.variance == doctest::Approx(squares / 79));
    CHECK(d.noise_variance == doctest::Approx(0.03));
  }
}

TEST_CASE("undefined differences and invalid points are left out, row by row for the Sobol indices") {
  const auto spec = synthetic_spec(2, 20, 17);
  const SyntheticPolicy policy{[](const std::vector<double>& x) { return all(x[0]); },
                               [](const std::vector<double>&) { return score::Verdict::Dominates; }, 0.0};
  auto input = synthetic_input(spec, {policy});
  auto& points = input.policies[0].points;
  points[0].mean[4] = std::numeric_limits<double>::quiet_NaN();  // row 0's A: npv undefined
  points[4 + 2].valid = false;                                   // row 1's A_B^(1): invalid point
  points[4 + 1].valid = false;                                   // row 1's B: invalid point
  const auto analysis = sweep::analyse_uncertainty(input);
  const auto& p = analysis.policies[0];
  CHECK(p.verdicts[0].n == 39);
  CHECK(p.differences[0].draws == 39);
  CHECK(p.differences[4].draws == 38);
  CHECK(p.sobol_rows[0] == 19);
  CHECK(p.sobol_rows[4] == 18);
}

TEST_CASE("the tidy files and the JSON carry one row per policy, metric and parameter") {
  const auto spec = synthetic_spec(3, 8, 19);
  const SyntheticPolicy policy{[](const std::vector<double>& x) { return all(x[0] + x[2]); },
                               [](const std::vector<double>&) { return score::Verdict::Dominates; }, 0.01};
  auto input = synthetic_input(spec, {policy, policy});
  input.parameters[0] = "contact_types.cancellation.digital_success_probability";  // the longest bundled key path
  const auto analysis = sweep::analyse_uncertainty(input);
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  CHECK(lines(sweep::verdict_probabilities_csv(analysis)) == 1 + 2 * 2 * 4);
  CHECK(lines(sweep::differences_csv(analysis)) == 1 + 2 * 5);
  CHECK(lines(sweep::sobol_csv(analysis)) == 1 + 2 * 5 * 3);
  CHECK(lines(sweep::tornado_csv(analysis)) == 1 + 2 * 5 * 3);
  const std::string table = sweep::uncertainty_table(analysis);
  std::size_t start = 0;
  while (start < table.size()) {
    const std::size_t end = table.find('\n', start);
    CHECK(end - start <= 120);
    CHECK(table[end - 1] != ' ');
    start = end + 1;
  }
}
