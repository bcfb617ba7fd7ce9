#pragma once
// `txsim uncertainty`: how sure can one be of a policy's verdict when the parameters behind it
// are uncertain? A priors file gives a distribution to each uncertain parameter; the study is run
// as a compare sweep over draws from the priors (so the result store, resume, threads, --shard
// and MPI are those of `txsim sweep`), and the finished store is analysed per policy:
//
//   verdicts     the probability, over the priors, of each verdict (dominates, is_dominated,
//                trade_off, no_difference), with Wilson intervals (stats/proportion.hpp). The
//                verdict at a draw is the one `txsim compare` gives there: each index difference
//                counts only when its paired 95% CI over the R replications excludes 0. So the
//                probabilities answer "how often would a study with R replications find this?":
//                simulation noise enters through the CIs: a noisy difference stops counting, so
//                few replications push draws towards no_difference, or towards whatever the
//                precise differences alone say (a noisy gain beside a precise loss reads
//                is_dominated, a noisy loss beside a precise gain dominates).
//   verdicts of means  the same from the signs of the draw's mean differences alone (as if R were
//                infinite and the means exact): what the parameters decide. Noise still moves a
//                mean whose true value is near 0; compare with the noise variance.
//   differences  mean, 5th and 95th percentile of the policy - baseline difference of the CX,
//                EX, cost and TX indices and of the NPV, over the draws; its variance across
//                draws, and beside it the variance of simulation noise:
//                noise_variance = mean over draws of (within-draw variance of the paired
//                differences / R), the variance the draw's mean difference would have if the
//                parameters were fixed. Were the noise independent between draws, variance -
//                noise_variance would be the parameters' part; under common random numbers most
//                noise is shared by all draws, so it shifts the whole distribution (mean, p05, p95
//                together, by about sqrt(noise_variance)) more than it widens it. A noise_ratio
//                (noise_variance / variance) near or above 1 says the draws' differences are no
//                better known than their spread: run more replications.
//   sobol        first-order (Saltelli et al. 2010) and total (Jansen 1999) Sobol indices of each
//                difference for each parameter, with bootstrap percentile intervals
//                (stats/sensitivity.hpp). Noise that is not shared between the points of a row
//                shows as variance no parameter explains (the S_i sum below 1, each ST_i inflated).
//   tornado      one at a time: each parameter at its prior's 5th and 95th percentile, the others
//                at the study's own values; a quick look, blind to interactions.
//
// Design (sweep/design.hpp, DesignKind::Uncertainty): N base rows of independent uniforms, each
// giving A_j, B_j and the d rows A_B^(k)_j, then the base and the 2d tornado points; N (d + 2) +
// 2d + 1 points. Rows are independent, not quasi-random, so that the bootstrap (which resamples
// rows) and the Wilson intervals (which count the 2N draws A_j, B_j as independent) are honest.
// Every point runs replication r with the same seed (common random numbers): the differences
// between points are the parameters', not the noise's, and the within-row comparisons of the
// Sobol estimators cancel most noise.

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/io/priors.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/score/verdict.hpp"
#include "txsim/stats/proportion.hpp"
#include "txsim/stats/sensitivity.hpp"
#include "txsim/sweep/result_store.hpp"

namespace txsim::sweep {

/// The differences analysed, in this order: the CX, EX, cost and TX index differences (policy -
/// baseline, index points) and the NPV of the policy against the baseline (currency).
inline constexpr std::array<std::string_view, 5> kUncertaintyMetrics{"cx", "ex", "cost", "tx", "npv"};
inline constexpr std::size_t kUncertaintyMetricCount = kUncertaintyMetrics.size();

/// The verdicts in score::Verdict order.
inline constexpr std::array<score::Verdict, 4> kVerdictOrder{score::Verdict::Dominates, score::Verdict::IsDominated,
                                                             score::Verdict::TradeOff, score::Verdict::NoDifference};

/// Fewest base rows accepted: with fewer, the bootstrap has too few distinct resamples to give
/// an interval (3 rows have 10).
inline constexpr std::uint64_t kMinBaseSamples = 4;
/// Below this many base rows a warning says that the intervals will be wide.
inline constexpr std::uint64_t kAdvisedBaseSamples = 32;

struct UncertaintyOptions {
  std::uint64_t base_samples = 64;  ///< N, >= kMinBaseSamples
  int replications = 2;             ///< R per point, >= 1; >= 2 to estimate the noise
  std::uint64_t seed = 1;           ///< master seed: the design's draws and every point's runs
  std::vector<io::Override> overrides;  ///< `--set`, applied to the study before the priors
  std::uint64_t max_points = 1'000'000;
};

/// A study and priors file made into a sweep.
struct UncertaintyStudy {
  SweepSpec sweep;          ///< compare mode, DesignKind::Uncertainty, one factor per prior
  io::PriorsFile priors;
  std::string priors_file;  ///< as given
  std::string priors_text;
  std::vector<io::Diagnostic> warnings;  ///< the study's warnings and ours (few base rows, ...)
};

/// Reads the study and the priors and checks, before anything runs: the study loads with the
/// overrides and has policies, every prior names a numeric parameter of it with bounds inside the
/// parameter's range (io::check_priors), each parameter set alone to its tornado values gives a
/// valid study, N and R are in range. Throws io::ConfigError with every diagnostic, located in
/// the file it concerns (a bad N or R is reported against "--samples" / "--replications").
UncertaintyStudy load_uncertainty_study(const std::filesystem::path& study_file,
                                        const std::filesystem::path& priors_file, const UncertaintyOptions& options);

/// The study record of the store: the sweep text is a generated description of the command's
/// inputs (study file, priors text, N, R, seed, overrides), so a store resumes only the same
/// uncertainty study.
StudyRecord uncertainty_study_record(const UncertaintyStudy& study, std::string command_line, std::string shard);

// ---- analysis --------------------------------------------------------------------------------

/// One policy at one point of the design, as read from the store.
struct PointDifferences {
  bool valid = false;  ///< the point ran (its study was valid)
  /// Mean over replications of policy - baseline; NaN where undefined (left out of that metric).
  std::array<double, kUncertaintyMetricCount> mean{};
  /// Within-point variance of the paired differences / R: the variance of `mean` due to
  /// simulation noise; NaN when R == 1.
  std::array<double, kUncertaintyMetricCount> noise_variance{};
  score::Verdict verdict = score::Verdict::NoDifference;  ///< the point's verdict (paired 95% CIs)
  score::Verdict verdict_of_means = score::Verdict::NoDifference;  ///< from the signs of `mean` alone
};

/// The verdict that the CX, EX and cost differences give by their signs alone (score::verdict on
/// intervals of zero width): what infinitely many replications would find if these were the
/// expected differences.
[[nodiscard]] score::Verdict verdict_of_means(double cx, double ex, double cost);

/// The geometry of an uncertainty design and what each policy gave at each point.
struct UncertaintyInput {
  std::size_t base_samples = 0;          ///< N
  std::vector<std::string> parameters;   ///< d key paths, in design (priors file) order
  std::vector<double> tornado_low;       ///< per parameter, the value of its low tornado point
  std::vector<double> tornado_high;      ///< per parameter, the value of its high tornado point
  struct Policy {
    std::string name;
    std::vector<PointDifferences> points;  ///< one per design point, N (d + 2) + 2d + 1
  };
  std::vector<Policy> policies;
};

struct DifferenceDistribution {
  double mean = 0;            ///< NaN when no draw is valid
  double p05 = 0;
  double p95 = 0;
  double variance = 0;        ///< across draws (n - 1 denominator); NaN below 2 draws
  double noise_variance = 0;  ///< mean of the draws' noise variances; NaN when R == 1
  std::size_t draws = 0;
  /// noise_variance / variance; NaN when either is undefined or the difference does not vary.
  [[nodiscard]] double noise_ratio() const noexcept;
};

struct ParameterIndex {
  std::string parameter;
  stats::SobolIndex index;  ///< NaN estimates when the difference does not vary
};

struct TornadoBar {
  std::string parameter;
  double low_value = 0;   ///< the parameter's value at the low point (prior's 5th percentile)
  double high_value = 0;  ///< at the high point (95th percentile)
  double at_low = 0;      ///< the difference there; NaN when that point is invalid
  double at_high = 0;
};

struct PolicyUncertainty {
  std::string name;
  std::array<stats::Proportion, 4> verdicts{};  ///< kVerdictOrder; estimates sum to 1
  std::array<stats::Proportion, 4> verdicts_of_means{};  ///< the same from PointDifferences::verdict_of_means
  std::array<DifferenceDistribution, kUncertaintyMetricCount> differences{};
  /// Per metric, per parameter in design order; empty when fewer than 2 rows are complete.
  std::array<std::vector<ParameterIndex>, kUncertaintyMetricCount> sobol{};
  /// Per metric, the base rows whose every point is valid with that difference defined (the rows
  /// behind `sobol`).
  std::array<std::size_t, kUncertaintyMetricCount> sobol_rows{};
  std::array<double, kUncertaintyMetricCount> at_base{};  ///< the difference at the study's own values
  /// Per metric, bars by decreasing swing |at_high - at_low| (NaN swings last).
  std::array<std::vector<TornadoBar>, kUncertaintyMetricCount> tornado{};
};

struct UncertaintyAnalysis {
  std::size_t base_samples = 0;
  std::vector<std::string> parameters;
  std::vector<PolicyUncertainty> policies;
};

/// The analysis of a complete input. Verdict probabilities and distributions use the 2N draws
/// A_j, B_j (valid ones); Sobol indices use the complete rows. Throws std::invalid_argument when
/// a policy's point count does not match the geometry or no draw of some policy is valid.
[[nodiscard]] UncertaintyAnalysis analyse_uncertainty(const UncertaintyInput& input,
                                                      const stats::BootstrapOptions& bootstrap = {});

/// Reads the per-point differences of an uncertainty store. Throws std::runtime_error when the
/// store is not an uncertainty store or lacks points (an unfinished run or one shard).
[[nodiscard]] UncertaintyInput read_uncertainty_input(const ResultStore& store, const UncertaintyStudy& study);

/// Replaces the uncertainty_* tables of the store with `analysis`, in one transaction.
void write_uncertainty_tables(ResultStore& store, const UncertaintyAnalysis& analysis);

/// `uncertainty.json` of the output contract (README, "txsim uncertainty").
[[nodiscard]] std::string uncertainty_json(const UncertaintyAnalysis& analysis, const UncertaintyStudy& study);

/// The tidy files: verdict_probabilities.csv, differences.csv, sobol.csv, tornado.csv.
[[nodiscard]] std::string verdict_probabilities_csv(const UncertaintyAnalysis& analysis);
[[nodiscard]] std::string differences_csv(const UncertaintyAnalysis& analysis);
[[nodiscard]] std::string sobol_csv(const UncertaintyAnalysis& analysis);
[[nodiscard]] std::string tornado_csv(const UncertaintyAnalysis& analysis);

/// Writes uncertainty.json and the four tidy CSV files into `dir` as one set (io::OutputSet:
/// all or nothing, provenance.json last). Throws io::OutputConflict when `dir` holds an earlier
/// run's files and `replace` is false, io::OutputError when a file cannot be written.
void write_uncertainty_files(const std::filesystem::path& dir, const UncertaintyAnalysis& analysis,
                             const UncertaintyStudy& study, const std::string& command_line, bool replace,
                             const std::atomic<bool>* stop);

/// The compact terminal summary (fits 120 columns): per policy the verdict probabilities, and
/// per difference its distribution, noise share and the `top` parameters by total index.
[[nodiscard]] std::string uncertainty_table(const UncertaintyAnalysis& analysis, std::size_t top = 3);

/// Markdown tables for docs/SENSITIVITY.md: verdict probabilities and, per policy, the
/// differences with their `top` parameters.
[[nodiscard]] std::string uncertainty_markdown(const UncertaintyAnalysis& analysis, std::size_t top = 3);

}  // namespace txsim::sweep
