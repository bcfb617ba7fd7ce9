#pragma once
// The 0-100 scorecard: KPIs -> component scores -> Customer experience (CX), Employee experience
// (EX) and Cost indices, and their weighted mean, Total Experience (TX).
//
// A component against fixed anchors scores 100 x (value - worst) / (best - worst), clamped to
// [0, 100], so "lower is better" KPIs simply have worst > best. A cost component scores the
// ratio r of a run's cost to the baseline's cost in the same replication as 100 / (1 + r^k),
// which is 50 at the baseline and never clips (ScorecardSpec, CostAnchor). An index is the
// weighted mean of the components whose score is defined: a NaN KPI (no workforce section, no
// customer journeys, nothing offered) is left out and the remaining weights renormalised, never
// scored as 0 or 100. docs/MODEL.md section "Scorecard" lists the default anchors and their sources.

#include <array>
#include <string_view>
#include <vector>

#include "txsim/model/kpi.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard_spec.hpp"

namespace txsim::score {

/// Score of one KPI value against its anchor [0-100]; NaN when `value` is NaN.
/// Throws std::invalid_argument when anchor.worst == anchor.best or either is not finite.
[[nodiscard]] double component_score(const ScoreAnchor& anchor, double value);

/// Score of a cost against the baseline's [0-100]: 100 / (1 + (cost / baseline_cost)^k) with
/// k = ln 3 / -ln(1 - anchor.saving_scoring_75). NaN when either cost is NaN or the baseline's
/// cost is not > 0 (no scale to compare with). Throws std::invalid_argument when
/// saving_scoring_75 is not in (0, 1).
[[nodiscard]] double relative_cost_score(const CostAnchor& anchor, double cost, double baseline_cost);

/// The four indices of one run [0-100 each]. NaN when none of an index's components is defined.
struct Scores {
  double cx;    ///< service level, abandon rate, first-contact resolution, satisfaction, effort, churn
  double ex;    ///< absence, attrition, overtime, occupancy, new hires (fatigue and strain if weighted)
  double cost;  ///< cost per issue relative to the baseline's
  double tx;    ///< cx, ex and cost weighted by cx_weight, ex_weight and cost_weight
};

inline constexpr std::size_t kScoreCount = 4;

/// Names ("cx", "ex", "cost", "tx") and unit of the indices, in Scores field order.
inline constexpr std::array<model::KpiInfo, kScoreCount> kScoreInfo{{
    {"cx", "score (0-100)", "customer experience: service level, abandons, FCR, satisfaction, effort, churn"},
    {"ex", "score (0-100)", "employee experience: absence, attrition, overtime, occupancy, new-hire share"},
    {"cost", "score (0-100)", "cost per issue (churned revenue included) relative to the baseline's: 50 = equal"},
    {"tx", "score (0-100)", "total experience: weighted mean of the CX, EX and cost indices"},
}};

/// The indices as an array in kScoreInfo order.
[[nodiscard]] constexpr std::array<double, kScoreCount> values(const Scores& s) noexcept {
  return {s.cx, s.ex, s.cost, s.tx};
}

/// Every component: those with fixed anchors (kScoreComponents), then the cost components
/// (kCostComponents).
inline constexpr std::size_t kComponentCount = kScoreComponents.size() + kCostComponents.size();

/// Names and unit of the component scores, in the order above.
inline constexpr std::array<model::KpiInfo, kComponentCount> kComponentInfo{{
    {"service_level", "score (0-100)", "score of service_level (answered within T / offered)"},
    {"abandon_rate", "score (0-100)", "score of abandon_rate (abandoned / offered)"},
    {"first_contact_resolution", "score (0-100)", "score of first_contact_resolution"},
    {"satisfaction", "score (0-100)", "score of satisfaction (mean CSAT probability)"},
    {"effort_per_resolved_issue", "score (0-100)", "score of effort (contacts and switches per resolved issue)"},
    {"churn_rate", "score (0-100)", "score of churn_rate (mean churn probability per journey)"},
    {"absence_rate", "score (0-100)", "score of absence_rate (unplanned absent / scheduled agent-days)"},
    {"annualised_attrition", "score (0-100)", "score of annualised_attrition (quits per employed agent-year)"},
    {"overtime_share", "score (0-100)", "score of overtime_hours / paid_hours"},
    {"occupancy", "score (0-100)", "score of occupancy (busy / available time)"},
    {"new_hire_share", "score (0-100)", "score of share_tenure_under_90 (agent-days in the first 90 days)"},
    {"fatigue_mean", "score (0-100)", "score of fatigue_mean (model state; weight 0 by default)"},
    {"strain_mean", "score (0-100)", "score of strain_mean (model state; weight 0 by default)"},
    {"cost_per_issue", "score (0-100)", "cost per issue incl. churned revenue relative to the baseline's"},
    {"operating_cost_per_issue", "score (0-100)",
     "operating cost per issue relative to the baseline's (weight 0 by default)"},
}};

/// Index of component k (kComponentInfo order).
[[nodiscard]] constexpr ScoreIndex component_index(std::size_t k) noexcept {
  return k < kScoreComponents.size() ? kScoreComponents[k].index : ScoreIndex::Cost;
}

/// Weight of component k (kComponentInfo order) in `card`.
[[nodiscard]] constexpr double component_weight(const ScorecardSpec& card, std::size_t k) noexcept {
  return k < kScoreComponents.size() ? (card.*kScoreComponents[k].anchor).weight
                                     : (card.*kCostComponents[k - kScoreComponents.size()].anchor).weight;
}

/// The component scores of one run [0-100 each], in kComponentInfo order; NaN where undefined.
using ComponentScores = std::array<double, kComponentCount>;

/// The component scores of one run. `cx` are its customer KPIs; `ex` its employee KPIs, or null
/// without employee dynamics (the employee components are then NaN and EX rests on occupancy);
/// `cost` its business case and `baseline_cost` the baseline's in the same replication (the run's
/// own for the baseline; null scores no cost component).
/// Throws std::invalid_argument naming the component when an anchor is degenerate (worst == best,
/// not finite, saving not in (0, 1)) or a weight is negative or not finite.
[[nodiscard]] ComponentScores component_scores(const ScorecardSpec& card, const model::KpiValues& cx,
                                               const model::ExKpiValues* ex, const BusinessCase& cost,
                                               const BusinessCase* baseline_cost);

/// The indices from the component scores: each the weighted mean of its defined components, TX
/// the weighted mean of the defined indices. Throws std::invalid_argument on a negative or
/// non-finite weight.
[[nodiscard]] Scores score(const ScorecardSpec& card, const ComponentScores& components);

/// The rules between scorecard fields (each value's own range is the schema's): a component's
/// worst and best must differ, at least one index weight must be > 0, and an index with a
/// positive weight needs a component with a positive weight. Key paths "scorecard.<component>".
[[nodiscard]] std::vector<model::SpecIssue> validate_scorecard(const ScorecardSpec& card);

}  // namespace txsim::score
