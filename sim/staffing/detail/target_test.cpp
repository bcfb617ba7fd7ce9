#include "staffing/detail/target_test.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "txsim/stats/confidence.hpp"

namespace txsim::staffing::detail {

TargetCheck check_target(std::span<const double> samples, const KpiTarget& target, double confidence) {
  if (samples.size() < 2) return {samples.empty() ? 0.0 : samples.front(), false};
  // The two-sided interval at level 2c - 1 has the one-sided c bounds as its ends.
  const stats::Interval ci = stats::mean_ci(samples, 2.0 * confidence - 1.0);
  const double bound = target.at_least ? ci.lo : ci.hi;
  return {bound, target.at_least ? bound >= target.value : bound <= target.value};
}

RequirementTargets erlang_targets(const model::ScenarioSpec& spec, std::span<const KpiTarget> targets) {
  RequirementTargets out;
  out.threshold_s = spec.service_level_threshold_s;
  const Workload workload = workload_of(spec);
  for (const auto& t : targets) {
    if (t.kpi == model::Kpi::ServiceLevel) out.service_level = std::max(out.service_level.value_or(0.0), t.value);
    if (t.kpi == model::Kpi::AbandonRate && workload.model != analytic::QueueModel::ErlangC)
      out.max_abandon_rate = std::min(out.max_abandon_rate.value_or(1.0), t.value);
  }
  if (!out.service_level && !out.max_abandon_rate) out.service_level = 0.0;
  return out;
}

void require_test_options(std::span<const KpiTarget> targets, double confidence, int replications) {
  if (targets.empty()) throw std::invalid_argument("no target: give at least one, e.g. service_level>=0.8");
  if (!(confidence > 0.5 && confidence < 1.0))
    throw std::invalid_argument(fmt::format("confidence must be in (0.5, 1), got {}", confidence));
  if (replications < 2)
    throw std::invalid_argument(fmt::format("replications must be >= 2 for a confidence bound, got {}", replications));
}

}  // namespace txsim::staffing::detail
