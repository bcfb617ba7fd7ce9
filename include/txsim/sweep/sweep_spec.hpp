#pragma once
// Sweep files: a base scenario, the factors that vary, the design that picks their values, and
// what to do at each point. Read from YAML with every problem located in the sweep file:
//
//   scenarios/sweeps/bad.yaml:12:11: error: factors[2].range: expected lo <= hi, found 5:1:1
//
//   name: customer_value              # free text, stored with the results
//   scenario: ../default.yaml         # relative to the sweep file
//   set: {policies.hire_more: null}   # fixed overrides of the base, as `--set` (optional)
//   mode: compare                     # run (KPIs) | compare (policies vs baseline, verdicts)
//   replications: 4                   # per point, >= 1
//   seed: 1                           # master seed, shared by every point
//   design: one_at_a_time             # grid | one_at_a_time | random | latin_hypercube | sobol | saltelli
//   samples: 64                       # sampled designs: points (saltelli: base rows N)
//   max_points: 100000                # refuse designs larger than this (default 1000000)
//   factors:
//     - path: customers.satisfaction.customer_value
//       values: [0, 100, 200]         # or range: "0:800:100", or distribution: {kind: uniform, lo: 0, hi: 800}
//     - paths: [a.b, c.d]             # tied: one value written to every path
//       distribution: {kind: triangular, lo: 0, mode: 0.2, hi: 1}
//       integer: true                 # round sampled values to whole numbers
//     - name: assumptions             # cases: named sets of values changed together
//       cases:
//         - {name: default}
//         - {name: harmless_levers, set: {lever_effects.pressure_resolution_loss: 0, ...}}

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/experiment/study.hpp"
#include "txsim/io/scenario_loader.hpp"

namespace txsim::sweep {

/// What is done at each point.
enum class Mode : std::uint8_t {
  Run,      ///< run_replications: KPI means and CIs of the scenario
  Compare,  ///< run_comparison: every policy paired against the baseline, with verdicts
};

/// How factor values are combined into points.
enum class DesignKind : std::uint8_t {
  Grid,           ///< every combination of the factors' values (last factor fastest)
  OneAtATime,     ///< the base, then each factor over its values with the others at the base
  Random,         ///< independent draws from each factor's distribution
  LatinHypercube, ///< one draw in each of `samples` equal-probability strata per factor
  Sobol,          ///< scrambled Sobol low-discrepancy points mapped through each distribution
  Saltelli,       ///< Saltelli (2002) matrices A, B and A_B^(i) for Sobol sensitivity indices
  /// `txsim uncertainty` (sweep/uncertainty.hpp): Saltelli matrices built from independent
  /// uniform rows, then a one-at-a-time block at each factor's two levels. Not offered in sweep
  /// files: the priors file and the command line make it.
  Uncertainty,
};

/// A factor's distribution for sampled designs; values are drawn by inverse transform of a
/// uniform u in (0, 1).
enum class DistributionKind : std::uint8_t {
  Uniform,             ///< lo, hi: lo < hi
  LogUniform,          ///< lo, hi: 0 < lo < hi; log(x) uniform
  Triangular,          ///< lo, mode, hi: lo <= mode <= hi, lo < hi
  TruncatedNormal,     ///< mean, sd > 0, within [lo, hi] (default -inf, +inf)
  TruncatedLognormal,  ///< mean_log, sd_log > 0 of log(x), x within [lo, hi] (default 0, +inf)
  Choice,              ///< one of `choices` with probability proportional to `weights`
};

struct Distribution {
  DistributionKind kind = DistributionKind::Uniform;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  double mode = 0.0;  ///< triangular
  double mean = 0.0;  ///< truncated normal: mean; truncated lognormal: mean of log(x)
  double sd = 1.0;    ///< truncated normal: sd; truncated lognormal: sd of log(x)
  std::vector<std::string> choices;  ///< Choice: YAML values
  std::vector<double> weights;       ///< Choice: > 0, one per choice (default all 1)

  /// The value at quantile u in (0, 1), before rounding.
  [[nodiscard]] double quantile(double u) const;
};

/// A factor value as applied: YAML text for the override and, when it is a number, the number.
struct FactorValue {
  std::string text;
  double number = std::numeric_limits<double>::quiet_NaN();
};

/// Where a part of the sweep file sits, for diagnostics after reading.
struct Location {
  int line = 0;
  int column = 0;
};

struct Factor {
  std::string name;                ///< `name`, or the first path
  std::vector<std::string> paths;  ///< scenario key paths; more than one when tied
  /// Discrete levels (from `values` or `range`), used by grid and one-at-a-time, and sampled
  /// uniformly by sampled designs when there is no distribution.
  std::vector<FactorValue> levels;
  bool has_distribution = false;
  Distribution distribution;
  /// For a factor of `cases`: the overrides of each level (levels are the case names); empty
  /// otherwise.
  std::vector<std::vector<io::Override>> case_overrides;
  bool integer = false;  ///< round sampled numbers to the nearest whole number
  Location location;     ///< of the factor's map
  Location path_location;    ///< of `path` or `paths`
  Location values_location;  ///< of `values`, `range` or `distribution`

  /// The value at quantile u in (0, 1) for sampled designs.
  [[nodiscard]] FactorValue sample(double u) const;
};

struct SweepSpec {
  std::string file;              ///< as given by the user
  std::string text;              ///< the sweep file's text
  std::string name;
  std::filesystem::path scenario_file;  ///< resolved against the sweep file's directory
  std::string scenario_text;            ///< the base scenario file's text
  std::vector<io::Override> base_overrides;  ///< from `set`, in file order
  experiment::StudySpec base;           ///< the base scenario with `set` applied, checked
  std::string resolved_yaml;            ///< io::to_yaml(base): every default explicit
  std::string content_hash;             ///< SHA-256 of resolved_yaml
  Mode mode = Mode::Run;
  int replications = 10;
  std::uint64_t seed = 1;
  DesignKind design = DesignKind::Grid;
  std::uint64_t samples = 0;
  std::uint64_t max_points = 1'000'000;
  std::vector<Factor> factors;
};

/// The overrides that set `value` of `factor`: the value at each path, or the case's set.
std::vector<io::Override> factor_overrides(const Factor& factor, const FactorValue& value);

/// Formats a number so that reading it back gives the same double (shortest round-trip form).
std::string format_number(double value);

/// Reads a sweep file and its base scenario and checks, before anything runs, that the base
/// loads with `set` and that each factor set alone (io::set_value) at each of its levels (a
/// distribution: at its median) yields a valid study (io::require_valid); a problem there is
/// located at the factor. Throws
/// io::ConfigError with every diagnostic.
SweepSpec load_sweep(const std::filesystem::path& file);

/// As load_sweep, from text; `file_label` is used in diagnostics and `directory` resolves the
/// scenario path.
SweepSpec parse_sweep(std::string_view text, std::string_view file_label, const std::filesystem::path& directory);

const char* to_string(Mode mode) noexcept;
const char* to_string(DesignKind design) noexcept;

}  // namespace txsim::sweep
