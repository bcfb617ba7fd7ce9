#pragma once
// The test both staffing searches apply to a target in one period, and the Erlang targets that
// match a list of KPI targets.

#include <optional>
#include <span>

#include "txsim/model/scenario.hpp"
#include "txsim/staffing/requirement.hpp"
#include "txsim/staffing/search.hpp"

namespace txsim::staffing::detail {

/// The one-sided `confidence` Student t bound on the mean of `samples` in the target's
/// direction (lower bound for >=, upper for <=), and whether it clears the target. With fewer
/// than two samples there is no bound: the single value (or 0) is returned and the target
/// fails, since one value says nothing about the spread.
struct TargetCheck {
  double bound = 0.0;
  bool holds = false;
};
TargetCheck check_target(std::span<const double> samples, const KpiTarget& target, double confidence);

/// The Erlang targets of a list of KPI targets: the highest service level and lowest
/// abandonment asked; an abandonment target is dropped under Erlang C (nobody abandons, so it
/// holds at any staffing), and a list left empty asks for stability only (service level 0).
RequirementTargets erlang_targets(const model::ScenarioSpec& spec, std::span<const KpiTarget> targets);

/// The options both searches judge targets with: at least one target, a one-sided confidence in
/// (0.5, 1), at least 2 replications for a bound. Throws std::invalid_argument naming the option.
void require_test_options(std::span<const KpiTarget> targets, double confidence, int replications);

}  // namespace txsim::staffing::detail
