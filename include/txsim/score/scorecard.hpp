#pragma once
// The 0-100 scorecard: KPIs -> Customer experience (CX), Employee experience (EX) and Cost
// indices, and their weighted mean, Total Experience (TX).
//
// A component scores 100 x (value - worst) / (best - worst), clamped to [0, 100], so "lower is
// better" KPIs simply have worst > best. An index is the weighted mean of the components whose
// KPI is defined: a NaN KPI (no workforce section, no customer journeys, nothing offered) is
// left out and the remaining weights renormalised, never scored as 0 or 100. docs/MODEL.md
// section "Scorecard" lists the default anchors and where they come from.

#include <array>
#include <string_view>
#include <vector>

#include "txsim/model/kpi.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/score/scorecard_spec.hpp"

namespace txsim::score {

/// Score of one KPI value against its anchor [0-100]; NaN when `value` is NaN.
/// Throws std::invalid_argument when anchor.worst == anchor.best or either is not finite.
[[nodiscard]] double component_score(const ScoreAnchor& anchor, double value);

/// The four indices of one run [0-100 each]. NaN when none of an index's components is defined.
struct Scores {
  double cx;    ///< service level, abandon rate, first-contact resolution, satisfaction, effort, churn
  double ex;    ///< fatigue, strain, absence, attrition (employee dynamics only) and occupancy
  double cost;  ///< total business-case cost per journey
  double tx;    ///< cx, ex and cost weighted by cx_weight, ex_weight and cost_weight
};

inline constexpr std::size_t kScoreCount = 4;

/// Names ("cx", "ex", "cost", "tx") and unit of the indices, in Scores field order.
inline constexpr std::array<model::KpiInfo, kScoreCount> kScoreInfo{{
    {"cx", "score (0-100)", "customer experience: service level, abandons, FCR, satisfaction, effort, churn"},
    {"ex", "score (0-100)", "employee experience: fatigue, strain, absence, attrition, occupancy"},
    {"cost", "score (0-100)", "total cost (labour, hiring, training, digital, churned revenue) per journey"},
    {"tx", "score (0-100)", "total experience: weighted mean of the CX, EX and cost indices"},
}};

/// The indices as an array in kScoreInfo order.
[[nodiscard]] constexpr std::array<double, kScoreCount> values(const Scores& s) noexcept {
  return {s.cx, s.ex, s.cost, s.tx};
}

/// Scores one run. `cx` are its customer KPIs; `ex` its employee KPIs, or null without employee
/// dynamics (then EX rests on occupancy alone); `cost_per_issue` [currency/journey] may be NaN.
/// Throws std::invalid_argument naming the component when an anchor is degenerate (worst == best,
/// not finite) or a weight is negative or not finite.
/// The rules between scorecard fields (each value's own range is the schema's): a component's
/// worst and best must differ, and at least one index weight must be > 0. Key paths
/// "scorecard.<component>".
[[nodiscard]] std::vector<model::SpecIssue> validate_scorecard(const ScorecardSpec& card);

[[nodiscard]] Scores score(const ScorecardSpec& card, const model::KpiValues& cx,
                           const model::ExKpiValues* ex, double cost_per_issue);

}  // namespace txsim::score
