#pragma once
// Designs: which factor values make up point i. Every point is computed from (spec, i) alone, so
// points can be evaluated in any order, on any thread or rank, and resumed.
//
// Layouts (point index i, d factors):
//   grid            mixed radix over the factors' levels, the last factor fastest.
//   one_at_a_time   i = 0 is the base scenario (no factor set); then factor 0's levels, factor
//                   1's levels, ...; every other factor stays at the base.
//   random          u[i][k] = a keyed uniform of (seed, i, k): independent draws.
//   latin_hypercube stratum perm_k(i) of `samples` equal strata, position in it keyed by (seed, i, k);
//                   perm_k is a seeded Fisher-Yates permutation of 0..samples-1.
//   sobol           point i + 1 of Boost.Random's Sobol sequence (64-bit, Joe-Kuo directions; the
//                   all-zero first point is skipped), scrambled by a random digital shift: the
//                   64-bit integer of dimension k is XORed with a word keyed by (seed, k). A
//                   digital shift keeps the net's stratification and makes the points unbiased.
//   saltelli        block j = i / (d + 2) of `samples` rows, r = i % (d + 2): r = 0 is row j of A,
//                   r = 1 row j of B, r = 2 + k row j of A_B^(k) (A with column k taken from B).
//                   A and B are the first and last d columns of the scrambled Sobol points of
//                   dimension 2d (Saltelli 2002; Saltelli et al. 2010, Comput. Phys. Commun. 181).
//   uncertainty     points 0 .. N(d + 2) - 1 as saltelli, but A and B are independent uniform rows
//                   (stats::random_unit_base(N, d, seed)); then, as one_at_a_time, the base and
//                   each factor at each of its levels (for `txsim uncertainty`: its prior's 5th
//                   and 95th percentiles, the tornado).
// Sampled designs map u through each factor's distribution, or pick one of its levels uniformly.

#include <cstdint>
#include <optional>
#include <vector>

#include "txsim/sweep/sweep_spec.hpp"

namespace txsim::sweep {

/// Number of points of the spec's design.
std::uint64_t point_count(const SweepSpec& spec);

/// The Saltelli role of a point: its row j and its matrix (0 = A, 1 = B, 2 + k = A_B^(k)).
struct SaltelliRole {
  std::uint64_t row = 0;
  int matrix = 0;
};

/// Per-design state computed once (Latin hypercube permutations), then point values on demand.
class Design {
 public:
  explicit Design(const SweepSpec& spec);

  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }

  /// Factor values of point i, one per factor; nullopt for a factor left at the base
  /// (one-at-a-time). Precondition: i < size().
  [[nodiscard]] std::vector<std::optional<FactorValue>> point(std::uint64_t i) const;

  /// The point's Saltelli role; nullopt for other designs.
  [[nodiscard]] std::optional<SaltelliRole> saltelli_role(std::uint64_t i) const;

  /// The unit-cube coordinates of point i for sampled designs (one per factor), before the
  /// inverse transform; empty for grid, one-at-a-time and the one-at-a-time block of uncertainty.
  [[nodiscard]] std::vector<double> unit_point(std::uint64_t i) const;

 private:
  const SweepSpec& spec_;
  std::uint64_t size_ = 0;
  std::vector<std::vector<std::uint64_t>> strata_;  // Latin hypercube: per factor, stratum of each point
  std::vector<double> independent_base_;            // uncertainty: N rows of (A_j, B_j), 2d columns
  [[nodiscard]] std::vector<double> sobol(std::uint64_t index, std::size_t dimension) const;
};

/// The values that make point i from the base study: each factor's value at each of its paths
/// (or its case's set), in factor order.
std::vector<io::Override> point_overrides(const SweepSpec& spec, const std::vector<std::optional<FactorValue>>& values);

/// The study of a point: a copy of spec.base with point_overrides set one by one
/// (io::set_value), then checked as a whole (io::require_valid). Throws io::ConfigError.
experiment::StudySpec point_study(const SweepSpec& spec, const std::vector<std::optional<FactorValue>>& values);

}  // namespace txsim::sweep
