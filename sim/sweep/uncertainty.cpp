#include "txsim/sweep/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sweep/detail/sqlite_statement.hpp"
#include "txsim/io/content_hash.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/sweep/design.hpp"
#include "txsim/version.hpp"

namespace txsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Percentiles of the prior at which the tornado sets each parameter.
constexpr double kTornadoLow = 0.05;
constexpr double kTornadoHigh = 0.95;
// The stored metrics behind kUncertaintyMetrics: index differences are policy - baseline per
// replication; npv_vs_baseline is a difference already.
constexpr std::array<std::string_view, kUncertaintyMetricCount> kStoredMetric{"index.cx", "index.ex", "index.cost",
                                                                           "index.tx", "npv_vs_baseline"};
constexpr std::size_t kNpv = 4;

std::string read_file(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw io::ConfigError({{file.string(), 0, 0, {}, fmt::format("cannot read the {} file", what)}});
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

DistributionKind distribution_kind(stats::PriorKind kind) {
  switch (kind) {
    case stats::PriorKind::Uniform: return DistributionKind::Uniform;
    case stats::PriorKind::Triangular: return DistributionKind::Triangular;
    case stats::PriorKind::LogUniform: return DistributionKind::LogUniform;
  }
  return DistributionKind::Uniform;
}

// A factor that samples the prior as apply_prior_draw would, with the tornado's two levels.
Factor prior_factor(const io::UncertainParameter& p) {
  Factor f;
  f.name = p.key_path;
  f.paths = {p.key_path};
  f.has_distribution = true;
  f.distribution.kind = distribution_kind(p.prior.kind);
  f.distribution.lo = p.prior.low;
  f.distribution.hi = p.prior.high;
  f.distribution.mode = p.prior.mode;
  for (const double q : {kTornadoLow, kTornadoHigh}) {
    const double x = p.prior.quantile(q);
    f.levels.push_back({format_number(x), x});
  }
  f.location = {p.line, 1};
  return f;
}

std::string description(const std::filesystem::path& study_file, const std::filesystem::path& priors_file,
                        const std::string& priors_text, const UncertaintyOptions& options) {
  std::string text = "# txsim uncertainty: the inputs that make this study\n";
  text += fmt::format("study: {}\npriors: {}\nsamples: {}\nreplications: {}\nseed: {}\nset:\n", study_file.string(),
                      priors_file.string(), options.base_samples, options.replications, options.seed);
  for (const io::Override& o : options.overrides) text += fmt::format("  - {}={}\n", o.key_path, o.value);
  return text + "priors_text: |\n" + priors_text;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

std::size_t verdict_index(std::string_view name) {
  for (std::size_t i = 0; i < kVerdictOrder.size(); ++i)
    if (name == score::to_string(kVerdictOrder[i])) return i;
  throw std::runtime_error(fmt::format("result store: unknown verdict \"{}\"", name));
}

// The probability of each verdict among `outcomes` (indices into kVerdictOrder).
std::array<stats::Proportion, 4> verdict_probabilities(const std::vector<std::size_t>& outcomes) {
  const auto p = stats::category_probabilities(outcomes, kVerdictOrder.size());
  std::array<stats::Proportion, 4> out{};
  std::copy(p.begin(), p.end(), out.begin());
  return out;
}

std::size_t order_of(score::Verdict v) {
  return static_cast<std::size_t>(std::find(kVerdictOrder.begin(), kVerdictOrder.end(), v) - kVerdictOrder.begin());
}

}  // namespace

score::Verdict verdict_of_means(double cx, double ex, double cost) {
  const auto exact = [](double mean) { return stats::Interval{mean, 0.0, mean, mean, 1, 0.0}; };
  return score::verdict(exact(cx), exact(ex), exact(cost)).verdict;
}

double DifferenceDistribution::noise_ratio() const noexcept {
  return variance > 0 && std::isfinite(noise_variance) ? noise_variance / variance : kNaN;
}

UncertaintyStudy load_uncertainty_study(const std::filesystem::path& study_file,
                                        const std::filesystem::path& priors_file, const UncertaintyOptions& options) {
  std::vector<io::Diagnostic> problems;
  if (options.base_samples < kMinBaseSamples)
    problems.push_back({"--samples", 0, 0, {},
                        fmt::format("expected at least {} base samples (the bootstrap of fewer rows gives no interval), "
                                    "found {}",
                                    kMinBaseSamples, options.base_samples)});
  if (options.replications < 1)
    problems.push_back({"--replications", 0, 0, {}, fmt::format("expected at least 1, found {}", options.replications)});
  if (!problems.empty()) throw io::ConfigError(std::move(problems));

  UncertaintyStudy out;
  out.priors_file = priors_file.string();
  out.priors_text = read_file(priors_file, "priors");
  out.priors = io::parse_priors(out.priors_text, out.priors_file);
  io::LoadedStudy loaded = io::load_study(study_file, options.overrides);
  out.warnings = std::move(loaded.warnings);

  problems = io::check_priors(out.priors, loaded.study);
  if (loaded.study.policies.empty())
    problems.push_back({study_file.string(), 0, 0, "policies",
                        "expected at least one policy to compare with the baseline, found none"});
  if (!problems.empty()) throw io::ConfigError(std::move(problems));

  SweepSpec& s = out.sweep;
  s.file = out.priors_file;
  s.text = description(study_file, priors_file, out.priors_text, options);
  s.name = study_file.stem().string() + "-uncertainty";
  s.scenario_file = study_file;
  s.scenario_text = read_file(study_file, "study");
  s.base_overrides = options.overrides;
  s.base = std::move(loaded.study);
  s.resolved_yaml = std::move(loaded.resolved_yaml);
  s.content_hash = std::move(loaded.content_hash);
  s.mode = Mode::Compare;
  s.replications = options.replications;
  s.seed = options.seed;
  s.design = DesignKind::Uncertainty;
  s.samples = options.base_samples;
  s.max_points = options.max_points;
  for (const io::UncertainParameter& p : out.priors.parameters) s.factors.push_back(prior_factor(p));

  // Each parameter alone at its tornado values must give a valid study: a rule between fields
  // that a prior's range breaks is found here, at the prior, not as invalid points later.
  for (std::size_t k = 0; k < s.factors.size(); ++k) {
    for (const FactorValue& level : s.factors[k].levels) {
      std::vector<std::optional<FactorValue>> values(s.factors.size());
      values[k] = level;
      try {
        (void)point_study(s, values);
      } catch (const io::ConfigError& e) {
        for (const io::Diagnostic& d : e.diagnostics())
          problems.push_back({out.priors_file, out.priors.parameters[k].line, 1, "priors." + s.factors[k].name,
                              fmt::format("at {} = {} (the prior's {} percentile) the study is invalid: {}",
                                          s.factors[k].name, level.text, &level == &s.factors[k].levels.front() ? "5th" : "95th",
                                          io::to_string(d))});
      }
    }
  }
  const std::uint64_t points = point_count(s);
  if (points > s.max_points)
    problems.push_back({"--samples", 0, 0, {},
                        fmt::format("{} base samples x ({} parameters + 2) + tornado need {} points, more than {}",
                                    s.samples, s.factors.size(), points, s.max_points)});
  if (!problems.empty()) throw io::ConfigError(std::move(problems));

  if (options.base_samples < kAdvisedBaseSamples)
    out.warnings.push_back({"--samples", 0, 0, {},
                            fmt::format("{} base samples: the Sobol intervals will be wide (at least {} advised)",
                                        options.base_samples, kAdvisedBaseSamples),
                            true});
  if (options.replications < 2)
    out.warnings.push_back({"--replications", 0, 0, {},
                            "one replication per point: simulation noise cannot be separated from the parameters' "
                            "effect (noise_variance is undefined) and every verdict is no_difference",
                            true});
  return out;
}

StudyRecord uncertainty_study_record(const UncertaintyStudy& study, std::string command_line, std::string shard) {
  return study_record(study.sweep, std::move(command_line), std::move(shard));
}

UncertaintyAnalysis analyse_uncertainty(const UncertaintyInput& input, const stats::BootstrapOptions& bootstrap) {
  const std::size_t d = input.parameters.size();
  const std::size_t n = input.base_samples;
  const std::size_t block = d + 2;
  const std::size_t saltelli = n * block;
  if (d == 0 || n == 0) throw std::invalid_argument("analyse_uncertainty: no parameters or no base samples");
  if (input.tornado_low.size() != d || input.tornado_high.size() != d)
    throw std::invalid_argument("analyse_uncertainty: one tornado value per parameter expected");

  UncertaintyAnalysis out;
  out.base_samples = n;
  out.parameters = input.parameters;
  for (const auto& policy : input.policies) {
    const auto& points = policy.points;
    if (points.size() != saltelli + 2 * d + 1)
      throw std::invalid_argument(fmt::format("analyse_uncertainty: policy {} has {} points, the design {}", policy.name,
                                              points.size(), saltelli + 2 * d + 1));
    PolicyUncertainty result;
    result.name = policy.name;

    // The 2N draws A_j and B_j: independent draws from the priors.
    std::vector<std::size_t> outcomes;
    std::vector<std::size_t> outcomes_of_means;
    for (std::size_t j = 0; j < n; ++j)
      for (const std::size_t r : {std::size_t{0}, std::size_t{1}})
        if (const PointDifferences& p = points[j * block + r]; p.valid) {
          outcomes.push_back(order_of(p.verdict));
          outcomes_of_means.push_back(order_of(p.verdict_of_means));
        }
    if (outcomes.empty())
      throw std::invalid_argument(fmt::format("analyse_uncertainty: no valid draw for policy {}", policy.name));
    result.verdicts = verdict_probabilities(outcomes);
    result.verdicts_of_means = verdict_probabilities(outcomes_of_means);

    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      std::vector<double> draws;
      std::vector<double> noise;
      for (std::size_t j = 0; j < n; ++j) {
        for (const std::size_t r : {std::size_t{0}, std::size_t{1}}) {
          const PointDifferences& p = points[j * block + r];
          if (!p.valid || !std::isfinite(p.mean[m])) continue;
          draws.push_back(p.mean[m]);
          if (std::isfinite(p.noise_variance[m])) noise.push_back(p.noise_variance[m]);
        }
      }
      DifferenceDistribution& dist = result.differences[m];
      dist.draws = draws.size();
      dist.noise_variance = noise.size() == draws.size() && !noise.empty() ? mean_of(noise) : kNaN;
      if (draws.empty()) {
        dist.mean = dist.p05 = dist.p95 = dist.variance = kNaN;
      } else {
        const stats::DistributionSummary summary = stats::summarize_distribution(draws);
        dist.mean = summary.mean;
        dist.p05 = summary.p05;
        dist.p95 = summary.p95;
        // Equal draws (a difference no parameter touches, under common random numbers) have no
        // variance; the rounding of their mean must not invent one.
        const bool constant = std::all_of(draws.begin(), draws.end(), [&](double x) { return x == draws.front(); });
        double squares = 0;
        if (!constant)
          for (const double x : draws) squares += (x - summary.mean) * (x - summary.mean);
        dist.variance = draws.size() >= 2 ? squares / static_cast<double>(draws.size() - 1) : kNaN;
      }

      // Rows in sobol_indices' order (A, A_B^(1..d), B); a row with any undefined output is left out.
      std::vector<double> outputs;
      std::size_t rows = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t first = j * block;
        const auto usable = [&](std::size_t r) { return points[first + r].valid && std::isfinite(points[first + r].mean[m]); };
        bool complete = true;
        for (std::size_t r = 0; r < block && complete; ++r) complete = usable(r);
        if (!complete) continue;
        outputs.push_back(points[first].mean[m]);
        for (std::size_t k = 0; k < d; ++k) outputs.push_back(points[first + 2 + k].mean[m]);
        outputs.push_back(points[first + 1].mean[m]);
        ++rows;
      }
      result.sobol_rows[m] = rows;
      if (rows >= 2) {
        const stats::SobolResult sobol = stats::sobol_indices(outputs, d, bootstrap);
        for (std::size_t k = 0; k < d; ++k) result.sobol[m].push_back({input.parameters[k], sobol.factors[k]});
      }

      const auto at = [&](std::size_t point) {
        const PointDifferences& p = points[point];
        return p.valid ? p.mean[m] : kNaN;
      };
      result.at_base[m] = at(saltelli);
      auto& bars = result.tornado[m];
      for (std::size_t k = 0; k < d; ++k)
        bars.push_back({input.parameters[k], input.tornado_low[k], input.tornado_high[k], at(saltelli + 1 + 2 * k),
                        at(saltelli + 2 + 2 * k)});
      // Widest swing first; an undefined swing last; ties in design order.
      std::stable_sort(bars.begin(), bars.end(), [](const TornadoBar& a, const TornadoBar& b) {
        const double sa = std::abs(a.at_high - a.at_low);
        const double sb = std::abs(b.at_high - b.at_low);
        if (std::isnan(sb)) return !std::isnan(sa);
        return !std::isnan(sa) && sa > sb;
      });
    }
    out.policies.push_back(std::move(result));
  }
  return out;
}

UncertaintyInput read_uncertainty_input(const ResultStore& store, const UncertaintyStudy& study) {
  const StudyRecord& record = store.study();
  if (record.design != to_string(DesignKind::Uncertainty))
    throw std::runtime_error(fmt::format("the store holds a {} sweep, not an uncertainty study", record.design));
  const StoreCounts counts = store.counts();
  if (counts.points != record.point_count)
    throw std::runtime_error(fmt::format(
        "the store holds {} of the {} points; finish the run (or join the shards with `txsim results merge`) first",
        counts.points, record.point_count));

  const SweepSpec& spec = study.sweep;
  UncertaintyInput input;
  input.base_samples = spec.samples;
  for (const Factor& f : spec.factors) {
    input.parameters.push_back(f.name);
    input.tornado_low.push_back(f.levels.front().number);
    input.tornado_high.push_back(f.levels.back().number);
  }
  const std::size_t point_total = record.point_count;
  sqlite3* db = store.handle();

  std::vector<bool> valid(point_total, false);
  {
    detail::Statement s(db, "SELECT point, status FROM points");
    while (s.step())
      if (const auto p = static_cast<std::size_t>(s.integer(0)); p < point_total) valid[p] = s.text(1) == "ok";
  }
  std::map<int, std::string> variants;  // policies by variant
  {
    detail::Statement s(db, "SELECT DISTINCT variant, policy FROM verdicts ORDER BY variant");
    while (s.step()) variants.emplace(static_cast<int>(s.integer(0)), s.text(1));
  }
  if (variants.empty()) throw std::runtime_error("the store holds no valid point: nothing to analyse");
  std::map<int, std::size_t> slot;
  for (const auto& [variant, name] : variants) {
    slot.emplace(variant, input.policies.size());
    input.policies.push_back({name, std::vector<PointDifferences>(point_total)});
  }
  {
    detail::Statement s(db, "SELECT point, variant, verdict FROM verdicts");
    while (s.step()) {
      const auto p = static_cast<std::size_t>(s.integer(0));
      const auto it = slot.find(static_cast<int>(s.integer(1)));
      if (p >= point_total || it == slot.end()) continue;
      PointDifferences& pd = input.policies[it->second].points[p];
      pd.valid = valid[p];
      pd.verdict = kVerdictOrder[verdict_index(s.text(2))];
    }
  }

  // Replication values point by point: the baseline's indices, then each policy's.
  detail::Statement s(db,
                      "SELECT point, variant, metric, replication, value FROM replication_values WHERE metric IN "
                      "('index.cx', 'index.ex', 'index.cost', 'index.tx', 'npv_vs_baseline') "
                      "ORDER BY point, variant, metric_index, replication");
  using Values = std::array<std::vector<double>, kUncertaintyMetricCount>;
  std::map<int, Values> by_variant;
  std::size_t current = point_total;
  const auto finish_point = [&]() {
    if (current >= point_total) return;
    const Values& baseline = by_variant[0];
    for (const auto& [variant, values] : by_variant) {
      const auto it = slot.find(variant);
      if (it == slot.end()) continue;
      PointDifferences& pd = input.policies[it->second].points[current];
      for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
        std::vector<double> diff = values[m];
        if (m != kNpv) {
          if (baseline[m].size() != diff.size()) {
            diff.assign(1, kNaN);
          } else {
            for (std::size_t r = 0; r < diff.size(); ++r) diff[r] -= baseline[m][r];
          }
        }
        if (diff.empty()) {
          pd.mean[m] = pd.noise_variance[m] = kNaN;
          continue;
        }
        pd.mean[m] = mean_of(diff);
        double squares = 0;
        for (const double x : diff) squares += (x - pd.mean[m]) * (x - pd.mean[m]);
        const auto r = static_cast<double>(diff.size());
        pd.noise_variance[m] = diff.size() >= 2 ? squares / (r - 1) / r : kNaN;
      }
      pd.verdict_of_means = verdict_of_means(pd.mean[0], pd.mean[1], pd.mean[2]);
    }
    by_variant.clear();
  };
  while (s.step()) {
    const auto p = static_cast<std::size_t>(s.integer(0));
    if (p != current) {
      finish_point();
      current = p;
    }
    const std::string metric = s.text(2);
    const auto m = static_cast<std::size_t>(std::find(kStoredMetric.begin(), kStoredMetric.end(), metric) - kStoredMetric.begin());
    if (m < kUncertaintyMetricCount) by_variant[static_cast<int>(s.integer(1))][m].push_back(detail::real_or_nan(s.get(), 4));
  }
  finish_point();
  return input;
}

void write_uncertainty_tables(ResultStore& store, const UncertaintyAnalysis& analysis) {
  sqlite3* db = store.handle();
  detail::exec(db, "BEGIN IMMEDIATE");
  try {
    detail::exec(db,
                 "DELETE FROM uncertainty_verdicts; DELETE FROM uncertainty_differences; DELETE FROM uncertainty_sobol; "
                 "DELETE FROM uncertainty_tornado;");
    detail::Statement v(db,
                        "INSERT INTO uncertainty_verdicts(policy, basis, verdict, probability, lo, hi, count, draws) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    detail::Statement d(db,
                        "INSERT INTO uncertainty_differences(policy, metric, mean, p05, p95, variance, noise_variance, "
                        "draws) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    detail::Statement s(db,
                        "INSERT INTO uncertainty_sobol(policy, metric, parameter, first_order, first_order_lo, "
                        "first_order_hi, total, total_lo, total_hi, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    detail::Statement t(db,
                        "INSERT INTO uncertainty_tornado(policy, metric, parameter, low_value, high_value, at_low, "
                        "at_high, at_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const PolicyUncertainty& p : analysis.policies) {
      for (const auto& [basis, verdicts] : {std::pair{"paired_ci95", &p.verdicts}, std::pair{"means", &p.verdicts_of_means}})
        for (std::size_t i = 0; i < kVerdictOrder.size(); ++i) {
          const stats::Proportion& q = (*verdicts)[i];
          v.bind(1, p.name).bind(2, std::string(basis)).bind(3, std::string(score::to_string(kVerdictOrder[i])));
          v.bind(4, q.estimate).bind(5, q.lo).bind(6, q.hi).bind(7, static_cast<std::int64_t>(q.successes));
          v.bind(8, static_cast<std::int64_t>(q.n)).run();
        }
      for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
        const std::string metric(kUncertaintyMetrics[m]);
        const DifferenceDistribution& x = p.differences[m];
        d.bind(1, p.name).bind(2, metric).bind(3, x.mean).bind(4, x.p05).bind(5, x.p95).bind(6, x.variance);
        d.bind(7, x.noise_variance).bind(8, static_cast<std::int64_t>(x.draws)).run();
        for (const ParameterIndex& k : p.sobol[m]) {
          s.bind(1, p.name).bind(2, metric).bind(3, k.parameter).bind(4, k.index.first_order.estimate);
          s.bind(5, k.index.first_order.lo).bind(6, k.index.first_order.hi).bind(7, k.index.total.estimate);
          s.bind(8, k.index.total.lo).bind(9, k.index.total.hi).bind(10, static_cast<std::int64_t>(p.sobol_rows[m])).run();
        }
        for (const TornadoBar& b : p.tornado[m]) {
          t.bind(1, p.name).bind(2, metric).bind(3, b.parameter).bind(4, b.low_value).bind(5, b.high_value);
          t.bind(6, b.at_low).bind(7, b.at_high).bind(8, p.at_base[m]).run();
        }
      }
    }
    detail::exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

namespace {

nlohmann::ordered_json number(double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(); }

nlohmann::ordered_json estimate(const stats::IndexEstimate& e) {
  return {{"estimate", number(e.estimate)}, {"lo", number(e.lo)}, {"hi", number(e.hi)}};
}

std::string csv_number(double x) { return std::isfinite(x) ? format_number(x) : std::string(); }

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (const char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string uncertainty_json(const UncertaintyAnalysis& analysis, const UncertaintyStudy& study) {
  using Json = nlohmann::ordered_json;
  const SweepSpec& spec = study.sweep;
  Json parameters = Json::array();
  for (const io::UncertainParameter& p : study.priors.parameters)
    parameters.push_back({{"key_path", p.key_path},
                          {"distribution", std::string(stats::to_string(p.prior.kind))},
                          {"low", p.prior.low},
                          {"mode", p.prior.kind == stats::PriorKind::Triangular ? Json(p.prior.mode) : Json()},
                          {"high", p.prior.high},
                          {"why", p.why}});
  Json overrides = Json::array();
  for (const io::Override& o : spec.base_overrides) overrides.push_back(o.key_path + "=" + o.value);
  Json policies = Json::array();
  for (const PolicyUncertainty& p : analysis.policies) {
    const auto verdict_json = [](const std::array<stats::Proportion, 4>& probabilities) {
      Json out = Json::object();
      for (std::size_t i = 0; i < kVerdictOrder.size(); ++i)
        out[score::to_string(kVerdictOrder[i])] = {{"p", probabilities[i].estimate},
                                                   {"lo", probabilities[i].lo},
                                                   {"hi", probabilities[i].hi},
                                                   {"count", probabilities[i].successes},
                                                   {"draws", probabilities[i].n}};
      return out;
    };
    Json verdicts = verdict_json(p.verdicts);
    Json verdicts_of_means = verdict_json(p.verdicts_of_means);
    Json differences = Json::object();
    Json sobol = Json::object();
    Json tornado = Json::object();
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      const std::string metric(kUncertaintyMetrics[m]);
      const DifferenceDistribution& d = p.differences[m];
      differences[metric] = {{"mean", number(d.mean)},
                             {"p05", number(d.p05)},
                             {"p95", number(d.p95)},
                             {"variance", number(d.variance)},
                             {"noise_variance", number(d.noise_variance)},
                             {"noise_ratio", number(d.noise_ratio())},
                             {"draws", d.draws}};
      Json indices = Json::array();
      for (const ParameterIndex& k : p.sobol[m])
        indices.push_back({{"parameter", k.parameter},
                           {"first_order", estimate(k.index.first_order)},
                           {"total", estimate(k.index.total)}});
      sobol[metric] = std::move(indices);
      Json bars = Json::array();
      for (const TornadoBar& b : p.tornado[m])
        bars.push_back({{"parameter", b.parameter},
                        {"low_value", b.low_value},
                        {"high_value", b.high_value},
                        {"at_low", number(b.at_low)},
                        {"at_high", number(b.at_high)}});
      tornado[metric] = std::move(bars);
    }
    Json sobol_rows = Json::object();
    Json at_base = Json::object();
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      sobol_rows[std::string(kUncertaintyMetrics[m])] = p.sobol_rows[m];
      at_base[std::string(kUncertaintyMetrics[m])] = number(p.at_base[m]);
    }
    policies.push_back({{"name", p.name},
                        {"verdicts", std::move(verdicts)},
                        {"verdicts_of_means", std::move(verdicts_of_means)},
                        {"differences", std::move(differences)},
                        {"sobol", std::move(sobol)},
                        {"sobol_rows", std::move(sobol_rows)},
                        {"tornado", std::move(tornado)},
                        {"tornado_base", std::move(at_base)}});
  }
  const Json json{
      {"txsim_version", kVersion},
      {"study", {{"file", spec.scenario_file.string()}, {"sha256", spec.content_hash}, {"overrides", std::move(overrides)}}},
      {"priors", {{"file", study.priors_file}, {"sha256", io::sha256_hex(study.priors_text)}, {"parameters", std::move(parameters)}}},
      {"design",
       {{"base_samples", spec.samples},
        {"points", point_count(spec)},
        {"replications", spec.replications},
        {"seed", spec.seed},
        {"sampling", "independent uniform rows (Saltelli A, B, A_B^(i)); tornado at each prior's 5th and 95th percentile"},
        {"verdict_at_a_draw", "paired 95% CIs of the index differences over the replications, as txsim compare"}}},
      {"policies", std::move(policies)}};
  return io::json_text(json);
}

std::string verdict_probabilities_csv(const UncertaintyAnalysis& analysis) {
  std::string out = "policy,basis,verdict,probability,lo,hi,count,draws\n";
  for (const PolicyUncertainty& p : analysis.policies)
    for (const auto& [basis, verdicts] : {std::pair{"paired_ci95", &p.verdicts}, std::pair{"means", &p.verdicts_of_means}})
      for (std::size_t i = 0; i < kVerdictOrder.size(); ++i) {
        const stats::Proportion& q = (*verdicts)[i];
        out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_text(p.name), basis, score::to_string(kVerdictOrder[i]),
                           csv_number(q.estimate), csv_number(q.lo), csv_number(q.hi), q.successes, q.n);
      }
  return out;
}

std::string differences_csv(const UncertaintyAnalysis& analysis) {
  std::string out = "policy,metric,mean,p05,p95,variance,noise_variance,noise_ratio,draws\n";
  for (const PolicyUncertainty& p : analysis.policies)
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      const DifferenceDistribution& d = p.differences[m];
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_text(p.name), kUncertaintyMetrics[m], csv_number(d.mean),
                         csv_number(d.p05), csv_number(d.p95), csv_number(d.variance), csv_number(d.noise_variance),
                         csv_number(d.noise_ratio()), d.draws);
    }
  return out;
}

std::string sobol_csv(const UncertaintyAnalysis& analysis) {
  std::string out = "policy,metric,parameter,first_order,first_order_lo,first_order_hi,total,total_lo,total_hi,rows\n";
  for (const PolicyUncertainty& p : analysis.policies)
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m)
      for (const ParameterIndex& k : p.sobol[m])
        out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_text(p.name), kUncertaintyMetrics[m], k.parameter,
                           csv_number(k.index.first_order.estimate), csv_number(k.index.first_order.lo),
                           csv_number(k.index.first_order.hi), csv_number(k.index.total.estimate),
                           csv_number(k.index.total.lo), csv_number(k.index.total.hi), p.sobol_rows[m]);
  return out;
}

std::string tornado_csv(const UncertaintyAnalysis& analysis) {
  std::string out = "policy,metric,parameter,low_value,high_value,at_low,at_high,at_base,swing\n";
  for (const PolicyUncertainty& p : analysis.policies)
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m)
      for (const TornadoBar& b : p.tornado[m])
        out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_text(p.name), kUncertaintyMetrics[m], b.parameter,
                           csv_number(b.low_value), csv_number(b.high_value), csv_number(b.at_low),
                           csv_number(b.at_high), csv_number(p.at_base[m]), csv_number(std::abs(b.at_high - b.at_low)));
  return out;
}

void write_uncertainty_files(const std::filesystem::path& dir, const UncertaintyAnalysis& analysis,
                             const UncertaintyStudy& study, const std::string& command_line, bool replace,
                             const std::atomic<bool>* stop) {
  io::OutputSet set(dir, {replace, stop});
  const auto text = [](const std::string& body) { return [&body](std::ostream& out) { out << body; }; };
  set.write("uncertainty.json", text(uncertainty_json(analysis, study)));
  set.write("verdict_probabilities.csv", text(verdict_probabilities_csv(analysis)));
  set.write("differences.csv", text(differences_csv(analysis)));
  set.write("sobol.csv", text(sobol_csv(analysis)));
  set.write("tornado.csv", text(tornado_csv(analysis)));
  nlohmann::ordered_json overrides = nlohmann::ordered_json::array();
  for (const io::Override& o : study.sweep.base_overrides) overrides.push_back(o.key_path + "=" + o.value);
  set.commit({{"txsim_version", kVersion},
              {"scenario_file", study.sweep.scenario_file.string()},
              {"scenario_sha256", study.sweep.content_hash},
              {"priors_file", study.priors_file},
              {"priors_sha256", io::sha256_hex(study.priors_text)},
              {"seed", study.sweep.seed},
              {"replications", study.sweep.replications},
              {"base_samples", study.sweep.samples},
              {"overrides", std::move(overrides)},
              {"command_line", command_line}});
}

namespace {

// Index differences with two decimals; NPV (currency) in whole units.
std::string shown(std::size_t metric, double x) {
  if (!std::isfinite(x)) return "-";
  return metric == kNpv ? fmt::format("{:+.0f}", x) : fmt::format("{:+.2f}", x);
}

std::string interval(double estimate, double lo, double hi) {
  if (!std::isfinite(estimate)) return "-";
  return fmt::format("{:.2f} [{:.2f}, {:.2f}]", estimate, lo, hi);
}

// Simulation noise as the standard deviation of a draw's mean difference, in the difference's unit.
std::string noise_sd(std::size_t metric, double noise_variance) {
  if (!std::isfinite(noise_variance)) return "-";
  const double sd = std::sqrt(noise_variance);
  return metric == kNpv ? fmt::format("{:.0f}", sd) : fmt::format("{:.2f}", sd);
}

// Parameters by decreasing total index (undefined last), the first `top`.
std::vector<const ParameterIndex*> leading(const std::vector<ParameterIndex>& indices, std::size_t top) {
  std::vector<const ParameterIndex*> out;
  for (const ParameterIndex& k : indices) out.push_back(&k);
  std::stable_sort(out.begin(), out.end(), [](const ParameterIndex* a, const ParameterIndex* b) {
    const double x = a->index.total.estimate;
    const double y = b->index.total.estimate;
    if (std::isnan(y)) return !std::isnan(x);
    return !std::isnan(x) && x > y;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

std::string verdict_line(const char* label, const std::array<stats::Proportion, 4>& probabilities) {
  std::string line = fmt::format("  {:<10}", label);
  for (const stats::Proportion& q : probabilities) line += fmt::format(" {:<19}", interval(q.estimate, q.lo, q.hi));
  line.erase(line.find_last_not_of(' ') + 1);
  return line + "\n";
}

}  // namespace

std::string uncertainty_table(const UncertaintyAnalysis& analysis, std::size_t top) {
  std::string out;
  for (const PolicyUncertainty& p : analysis.policies) {
    out += fmt::format("{}  ({} draws from the priors)\n", p.name, p.verdicts[0].n);
    std::string header = fmt::format("  {:<10}", "verdict");
    for (const score::Verdict v : kVerdictOrder) header += fmt::format(" {:<19}", score::to_string(v));
    header.erase(header.find_last_not_of(' ') + 1);
    out += header + "\n";
    out += verdict_line("at a draw", p.verdicts);
    out += verdict_line("of means", p.verdicts_of_means);
    out += fmt::format("  {:<5} {:>9} {:>9} {:>9} {:>8}  {:<54} {}\n", "diff", "mean", "p05", "p95", "noise sd",
                       "parameters with the largest total Sobol index", "ST [95%]");
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      const DifferenceDistribution& d = p.differences[m];
      const auto lead = leading(p.sobol[m], top);
      const auto name = [&](std::size_t i) { return i < lead.size() ? lead[i]->parameter : std::string(); };
      const auto st = [&](std::size_t i) {
        return i < lead.size() ? interval(lead[i]->index.total.estimate, lead[i]->index.total.lo, lead[i]->index.total.hi)
                               : std::string();
      };
      out += fmt::format("  {:<5} {:>9} {:>9} {:>9} {:>8}  {:<54} {}\n", kUncertaintyMetrics[m], shown(m, d.mean),
                         shown(m, d.p05), shown(m, d.p95), noise_sd(m, d.noise_variance),
                         lead.empty() ? "(undefined)" : name(0), st(0));
      for (std::size_t i = 1; i < lead.size(); ++i) out += fmt::format("  {:<44}  {:<54} {}\n", "", name(i), st(i));
    }
    out += "\n";
  }
  out +=
      "at a draw: the verdict of txsim compare there (paired 95% CIs over the replications); of means: by the signs of the\n"
      "draw's mean differences alone. noise sd: simulation noise of a draw's mean difference. ST: total Sobol index.\n";
  return out;
}

std::string uncertainty_markdown(const UncertaintyAnalysis& analysis, std::size_t top) {
  std::string out =
      "| policy | verdict at a draw | draws | dominates | is dominated | trade-off | no difference |\n"
      "|---|---|---:|---|---|---|---|\n";
  for (const PolicyUncertainty& p : analysis.policies)
    for (const auto& [basis, verdicts] :
         {std::pair{"paired 95% CIs", &p.verdicts}, std::pair{"signs of the means", &p.verdicts_of_means}}) {
      out += fmt::format("| {} | {} | {} |", p.name, basis, (*verdicts)[0].n);
      for (const stats::Proportion& q : *verdicts) out += fmt::format(" {} |", interval(q.estimate, q.lo, q.hi));
      out += "\n";
    }
  for (const PolicyUncertainty& p : analysis.policies) {
    out += fmt::format(
        "\n**{}**\n\n| difference | mean | 5% | 95% | noise sd | parameters carrying most of it: ST [95% interval] |\n"
        "|---|---:|---:|---:|---:|---|\n",
        p.name);
    for (std::size_t m = 0; m < kUncertaintyMetricCount; ++m) {
      const DifferenceDistribution& d = p.differences[m];
      std::string lead;
      for (const ParameterIndex* k : leading(p.sobol[m], top))
        lead += fmt::format("{}`{}` {}", lead.empty() ? "" : "; ", k->parameter,
                            interval(k->index.total.estimate, k->index.total.lo, k->index.total.hi));
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", kUncertaintyMetrics[m], shown(m, d.mean), shown(m, d.p05),
                         shown(m, d.p95), noise_sd(m, d.noise_variance), lead.empty() ? "(undefined)" : lead);
    }
  }
  return out;
}

}  // namespace txsim::sweep
