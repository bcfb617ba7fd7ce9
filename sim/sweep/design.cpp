#include "txsim/sweep/design.hpp"

#include <boost/random/sobol.hpp>

#include "txsim/io/check.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/kernel/assert.hpp"
#include "txsim/rng/stream.hpp"
#include "txsim/stats/sensitivity.hpp"

namespace txsim::sweep {
namespace {

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > kSaturated / a) return kSaturated;
  return a * b;
}

bool is_sampled(DesignKind kind) { return kind != DesignKind::Grid && kind != DesignKind::OneAtATime; }

// Points of the Saltelli part of an uncertainty design; the one-at-a-time block follows.
std::uint64_t uncertainty_saltelli_points(const SweepSpec& spec) {
  return saturating_multiply(spec.samples, spec.factors.size() + 2);
}

// Uniforms in (0, 1) keyed by the study seed, the point and the dimension: independent of the
// order in which points are evaluated.
double keyed(std::uint64_t seed, std::uint64_t point, std::uint64_t dimension, std::string_view purpose) {
  // keyed_uniform's counter-based draw, with the purpose hashed at run time (sweep purposes are few).
  return rng::open_uniform(rng::mix64(seed ^ rng::mix64(rng::hash_purpose(purpose) + point * 1024 + dimension)));
}

}  // namespace

std::uint64_t point_count(const SweepSpec& spec) {
  switch (spec.design) {
    case DesignKind::Grid: {
      std::uint64_t n = 1;
      for (const Factor& f : spec.factors) n = saturating_multiply(n, f.levels.size());
      return n;
    }
    case DesignKind::OneAtATime: {
      std::uint64_t n = 1;
      for (const Factor& f : spec.factors) n += f.levels.size();
      return n;
    }
    case DesignKind::Random:
    case DesignKind::LatinHypercube:
    case DesignKind::Sobol: return spec.samples;
    case DesignKind::Saltelli: return saturating_multiply(spec.samples, spec.factors.size() + 2);
    case DesignKind::Uncertainty: {
      std::uint64_t n = uncertainty_saltelli_points(spec);
      for (const Factor& f : spec.factors) n = n == kSaturated ? n : n + f.levels.size();
      return n == kSaturated ? n : n + 1;
    }
  }
  return 0;
}

Design::Design(const SweepSpec& spec) : spec_(spec), size_(point_count(spec)) {
  if (spec.design == DesignKind::Uncertainty) {
    // Independent rows, not a quasi-random sequence: the bootstrap of the Sobol indices resamples
    // rows, and the verdict probabilities' Wilson intervals count the A and B rows as independent
    // draws; both hold only for independent rows (stats/sensitivity.hpp).
    independent_base_ = stats::random_unit_base(spec.samples, spec.factors.size(), spec.seed);
    return;
  }
  if (spec.design != DesignKind::LatinHypercube) return;
  // Fisher-Yates with keyed uniforms: each factor's strata in a seeded random order.
  strata_.resize(spec.factors.size());
  for (std::size_t k = 0; k < strata_.size(); ++k) {
    auto& perm = strata_[k];
    perm.resize(size_);
    for (std::uint64_t i = 0; i < size_; ++i) perm[i] = i;
    for (std::uint64_t i = size_; i > 1; --i) {
      const double u = keyed(spec.seed, i, k, "sweep/lhs-permutation");
      const auto j = std::min(static_cast<std::uint64_t>(u * static_cast<double>(i)), i - 1);
      std::swap(perm[i - 1], perm[j]);
    }
  }
}

std::vector<double> Design::sobol(std::uint64_t index, std::size_t dimension) const {
  boost::random::sobol_engine<std::uint64_t, 64> engine(dimension);
  engine.seed(index);
  std::vector<double> u(dimension);
  for (std::size_t k = 0; k < dimension; ++k) {
    // Random digital shift: XOR with a word keyed by (seed, dimension), the same for every point.
    const std::uint64_t shift = rng::mix64(spec_.seed ^ rng::mix64(0x5eed50b01ull + k));
    const std::uint64_t bits = engine() ^ shift;
    u[k] = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
  }
  return u;
}

std::vector<double> Design::unit_point(std::uint64_t i) const {
  const std::size_t d = spec_.factors.size();
  std::vector<double> u(d);
  switch (spec_.design) {
    case DesignKind::Grid:
    case DesignKind::OneAtATime: return {};
    case DesignKind::Random:
      for (std::size_t k = 0; k < d; ++k) u[k] = keyed(spec_.seed, i, k, "sweep/random");
      return u;
    case DesignKind::LatinHypercube:
      for (std::size_t k = 0; k < d; ++k)
        u[k] = (static_cast<double>(strata_[k][i]) + keyed(spec_.seed, i, k, "sweep/lhs-position")) /
               static_cast<double>(size_);
      return u;
    case DesignKind::Sobol: return sobol(i, d);
    case DesignKind::Saltelli: {
      const auto role = *saltelli_role(i);
      const std::vector<double> ab = sobol(role.row, 2 * d);
      for (std::size_t k = 0; k < d; ++k) {
        const bool from_b = role.matrix == 1 || (role.matrix >= 2 && static_cast<std::size_t>(role.matrix - 2) == k);
        u[k] = ab[from_b ? d + k : k];
      }
      return u;
    }
    case DesignKind::Uncertainty: {
      const auto role = saltelli_role(i);
      if (!role) return {};
      const double* a = independent_base_.data() + role->row * 2 * d;
      for (std::size_t k = 0; k < d; ++k) {
        const bool from_b = role->matrix == 1 || (role->matrix >= 2 && static_cast<std::size_t>(role->matrix - 2) == k);
        u[k] = a[from_b ? d + k : k];
      }
      return u;
    }
  }
  return u;
}

std::optional<SaltelliRole> Design::saltelli_role(std::uint64_t i) const {
  if (spec_.design == DesignKind::Uncertainty && i >= uncertainty_saltelli_points(spec_)) return std::nullopt;
  if (spec_.design != DesignKind::Saltelli && spec_.design != DesignKind::Uncertainty) return std::nullopt;
  const std::uint64_t block = spec_.factors.size() + 2;
  return SaltelliRole{i / block, static_cast<int>(i % block)};
}

std::vector<std::optional<FactorValue>> Design::point(std::uint64_t i) const {
  TXSIM_ASSERT(i < size_, "Design::point index out of range");
  const std::size_t d = spec_.factors.size();
  std::vector<std::optional<FactorValue>> out(d);
  std::uint64_t one_at_a_time = i;
  if (spec_.design == DesignKind::Uncertainty) {
    const std::uint64_t saltelli = uncertainty_saltelli_points(spec_);
    if (i < saltelli) {
      const auto u = unit_point(i);
      for (std::size_t k = 0; k < d; ++k) out[k] = spec_.factors[k].sample(u[k]);
      return out;
    }
    one_at_a_time = i - saltelli;
  } else if (is_sampled(spec_.design)) {
    const auto u = unit_point(i);
    for (std::size_t k = 0; k < d; ++k) out[k] = spec_.factors[k].sample(u[k]);
    return out;
  }
  if (spec_.design == DesignKind::Grid) {
    std::uint64_t rest = i;
    for (std::size_t k = d; k-- > 0;) {
      const auto& levels = spec_.factors[k].levels;
      out[k] = levels[rest % levels.size()];
      rest /= levels.size();
    }
    return out;
  }
  if (one_at_a_time == 0) return out;  // one at a time: the base
  std::uint64_t rest = one_at_a_time - 1;
  for (std::size_t k = 0; k < d; ++k) {
    const auto& levels = spec_.factors[k].levels;
    if (rest < levels.size()) {
      out[k] = levels[rest];
      return out;
    }
    rest -= levels.size();
  }
  return out;
}

std::vector<io::Override> point_overrides(const SweepSpec& spec, const std::vector<std::optional<FactorValue>>& values) {
  std::vector<io::Override> out;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!values[k]) continue;
    for (io::Override& o : factor_overrides(spec.factors[k], *values[k])) out.push_back(std::move(o));
  }
  return out;
}

experiment::StudySpec point_study(const SweepSpec& spec, const std::vector<std::optional<FactorValue>>& values) {
  experiment::StudySpec study = spec.base;
  for (const io::Override& o : point_overrides(spec, values)) io::set_value(study, o.key_path, o.value);
  io::require_valid(study, "point");
  return study;
}

}  // namespace txsim::sweep
