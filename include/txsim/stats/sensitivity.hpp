#pragma once
// Variance-based (Sobol) sensitivity analysis: how much of the variance of an output each
// uncertain input carries, alone (first-order index S_i) and with all its interactions (total
// index ST_i).
//
// Sampling follows Saltelli (2002) and Saltelli et al. (2010), "Variance based sensitivity
// analysis of model output. Design and estimator for the total sensitivity index", Computer
// Physics Communications 181:259-270: two independent N x k matrices A and B of input points, and
// for each factor i the matrix A_B^(i), which is A with column i taken from B. The model is run
// on all N (k + 2) points. The estimators are
//
//   V     = variance of the 2N outputs f(A) and f(B) pooled (denominator 2N)
//   S_i   = mean_j( f(B)_j (f(A_B^(i))_j - f(A)_j) ) / V        Saltelli et al. 2010, table 2 (b)
//   ST_i  = mean_j( (f(A)_j - f(A_B^(i))_j)^2 ) / (2 V)        Jansen 1999, table 2 (f)
//
// Confidence intervals come from the bootstrap: the N base rows j are resampled with replacement
// (each row carries its A, B and every A_B^(i) output, so the design's pairing is kept) and the
// indices recomputed; the interval is the percentile interval of the resampled indices (Archer,
// Saltelli & Sobol 1997; SALib does the same).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace txsim::stats {

/// The points at which the model is run. Rows are grouped per base sample j, in SALib's order:
/// A_j, A_B^(1)_j, ..., A_B^(k)_j, B_j; so `points` holds base_samples x (factors + 2) rows of
/// `factors` coordinates, row-major. Outputs handed to `sobol_indices` follow the same order.
struct SaltelliDesign {
  std::size_t base_samples = 0;  ///< N, >= 1
  std::size_t factors = 0;       ///< k, >= 1
  std::vector<double> points;    ///< N (k + 2) rows x k columns, row-major

  [[nodiscard]] std::size_t rows() const noexcept { return base_samples * (factors + 2); }
  /// The coordinates of run `row` (0 <= row < rows()).
  [[nodiscard]] std::span<const double> point(std::size_t row) const noexcept {
    return {points.data() + row * factors, factors};
  }
};

/// The Saltelli design from N base points of dimension 2k (row-major, N x 2k): columns 0..k-1
/// of base row j are A_j, columns k..2k-1 are B_j. The base points are the caller's choice
/// (independent uniforms, a Sobol' sequence of dimension 2k, ...), already mapped to the inputs'
/// distributions or left in the unit cube for the caller to map row by row.
/// Throws std::invalid_argument when factors == 0 or base.size() is not a positive multiple of 2k.
[[nodiscard]] SaltelliDesign saltelli_design(std::span<const double> base, std::size_t factors);

/// N base points of dimension 2k for `saltelli_design`: independent uniforms on [0, 1) from
/// boost::random::mt19937_64 seeded with `seed` (row-major, N x 2k). Independent rows are what the
/// bootstrap of `sobol_indices` resamples; a quasi-random sequence would converge faster but make
/// its intervals too wide. Throws std::invalid_argument when base_samples or factors is 0.
[[nodiscard]] std::vector<double> random_unit_base(std::size_t base_samples, std::size_t factors, std::uint64_t seed);

/// Bootstrap settings of `sobol_indices`.
struct BootstrapOptions {
  std::size_t resamples = 1000;  ///< number of bootstrap resamples, >= 2
  double level = 0.95;           ///< confidence level of the percentile intervals, in (0, 1)
  std::uint64_t seed = 1;        ///< seed of the resampling engine (boost mt19937_64): same seed, same intervals
};

/// An index with its bootstrap interval and standard error (the standard deviation of the
/// resampled indices).
struct IndexEstimate {
  double estimate = 0;   ///< from the full sample
  double lo = 0;         ///< lower end of the percentile interval
  double hi = 0;         ///< upper end
  double std_error = 0;  ///< bootstrap standard error
};

/// The indices of one factor. Estimates may fall slightly outside [0, 1] by sampling error.
struct SobolIndex {
  IndexEstimate first_order;  ///< S_i, Saltelli et al. 2010
  IndexEstimate total;        ///< ST_i, Jansen 1999
};

struct SobolResult {
  std::vector<SobolIndex> factors;  ///< one per factor, in design column order
  double variance = 0;              ///< V, the pooled variance of f(A) and f(B), in the output's unit squared
  std::size_t base_samples = 0;     ///< N
  std::size_t resamples = 0;        ///< bootstrap resamples behind the intervals: those requested,
                                    ///< less any without variance (left out; see sobol_indices)
  double level = 0;                 ///< confidence level of the intervals
};

/// Sobol indices from the outputs of a Saltelli design (`outputs[r]` = f(design.point(r))).
/// When V is 0 (the output does not vary) the indices are undefined and every estimate, bound
/// and standard error is NaN. A bootstrap resample without variance (possible only for a few
/// base rows) is left out; with fewer than 2 resamples left the bounds and standard errors are
/// NaN. Resampling draws rows with boost::random::mt19937_64 seeded with options.seed, so the
/// result is a pure function of its arguments. Throws std::invalid_argument when outputs.size() !=
/// base_samples x (factors + 2), factors == 0, base_samples < 2, an output is not finite, or
/// the options are out of range.
[[nodiscard]] SobolResult sobol_indices(std::span<const double> outputs, std::size_t factors,
                                        const BootstrapOptions& options = {});

/// The p-quantile of `sorted` (ascending) by linear interpolation between order statistics
/// (Hyndman & Fan 1996, definition 7: position p (n - 1); R's and NumPy's default).
/// Throws std::invalid_argument when sorted is empty or p is outside [0, 1].
[[nodiscard]] double sample_quantile(std::span<const double> sorted, double p);

/// The spread of an uncertain output across draws (e.g. a CX difference over the priors).
struct DistributionSummary {
  double mean = 0;
  double p05 = 0;      ///< 5th percentile (sample_quantile)
  double p95 = 0;      ///< 95th percentile
  std::size_t n = 0;   ///< draws
};

/// Mean, 5th and 95th percentiles of `draws`. Throws std::invalid_argument when draws is empty
/// or a draw is not finite.
[[nodiscard]] DistributionSummary summarize_distribution(std::span<const double> draws);

}  // namespace txsim::stats
