#pragma once
// How a study scores the centre, as plain data: the anchors of the 0-100 components, the index
// weights and the discount rate of the business case. docs/MODEL.md section "Scorecard".

#include <array>
#include <cstdint>
#include <string_view>

namespace txsim::score {

/// A component scored against fixed anchors: 0 at its `worst` value and 100 at its `best` value,
/// linearly in between and clamped outside; "lower is better" KPIs have worst > best.
struct ScoreAnchor {
  double worst = 0.0;  ///< the KPI's unit; differs from best
  double best = 1.0;   ///< the KPI's unit
  double weight = 1.0;  ///< within its index, >= 0; 0 reports the component without scoring it
};

/// A cost component scored against the baseline's cost of the same replication, never against a
/// fixed amount: a fixed anchor clips every variant to the same score once costs leave its range
/// (as churned revenue does when the value of a customer changes). Cost ratio r = cost / baseline
/// cost scores 100 / (1 + r^k): 50 at the baseline, 75 at r = 1 - saving_scoring_75, 25 at
/// r = 1 / (1 - saving_scoring_75), strictly decreasing in r and never clipped.
struct CostAnchor {
  double saving_scoring_75 = 0.2;  ///< fraction of the baseline's cost saved that scores 75, in (0, 1)
  double weight = 1.0;             ///< within the cost index, >= 0
};

struct ScorecardSpec {
  // Customer experience (CX)
  ScoreAnchor service_level{0.4, 0.9, 1.0};
  ScoreAnchor abandon_rate{0.25, 0.02, 1.0};
  ScoreAnchor first_contact_resolution{0.5, 0.85, 1.0};
  ScoreAnchor satisfaction{0.5, 0.9, 1.0};
  ScoreAnchor effort_per_resolved_issue{2.5, 1.0, 1.0};
  ScoreAnchor churn_rate{0.12, 0.02, 1.0};
  // Employee experience (EX): observables scored by default; fatigue and strain are the model's
  // latent states, reported beside the index and scored only when a study gives them a weight.
  ScoreAnchor absence_rate{0.12, 0.02, 1.0};
  ScoreAnchor annualised_attrition{0.7, 0.1, 1.0};
  ScoreAnchor overtime_share{0.1, 0.0, 1.0};
  ScoreAnchor occupancy{0.95, 0.75, 1.0};
  ScoreAnchor new_hire_share{0.2, 0.03, 1.0};
  ScoreAnchor fatigue_mean{0.6, 0.1, 0.0};
  ScoreAnchor strain_mean{1.5, 0.1, 0.0};
  // Cost, relative to the baseline: the business case's cost per issue with churned revenue, and
  // without it (reported, scored only when given a weight).
  CostAnchor cost_per_issue{0.2, 1.0};
  CostAnchor operating_cost_per_issue{0.2, 0.0};
  // Total Experience (TX)
  double cx_weight = 0.4;    ///< >= 0
  double ex_weight = 0.4;    ///< >= 0
  double cost_weight = 0.2;  ///< >= 0
  double discount_rate_per_year = 0.08;  ///< for the net present value of the business case, >= 0
};

/// The index a component belongs to.
enum class ScoreIndex : std::uint8_t { Cx, Ex, Cost };

/// Short name of an index ("cx", "ex", "cost").
[[nodiscard]] constexpr std::string_view to_string(ScoreIndex index) noexcept {
  switch (index) {
    case ScoreIndex::Cx: return "cx";
    case ScoreIndex::Ex: return "ex";
    case ScoreIndex::Cost: return "cost";
  }
  return "";
}

/// The components scored against fixed anchors, by key, in ScorecardSpec order: the one list that
/// the scoring, the rules and the scenario schema share.
struct ScoreComponent {
  std::string_view key;
  ScoreIndex index;
  ScoreAnchor ScorecardSpec::*anchor;
};
inline constexpr std::array<ScoreComponent, 13> kScoreComponents{{
    {"service_level", ScoreIndex::Cx, &ScorecardSpec::service_level},
    {"abandon_rate", ScoreIndex::Cx, &ScorecardSpec::abandon_rate},
    {"first_contact_resolution", ScoreIndex::Cx, &ScorecardSpec::first_contact_resolution},
    {"satisfaction", ScoreIndex::Cx, &ScorecardSpec::satisfaction},
    {"effort_per_resolved_issue", ScoreIndex::Cx, &ScorecardSpec::effort_per_resolved_issue},
    {"churn_rate", ScoreIndex::Cx, &ScorecardSpec::churn_rate},
    {"absence_rate", ScoreIndex::Ex, &ScorecardSpec::absence_rate},
    {"annualised_attrition", ScoreIndex::Ex, &ScorecardSpec::annualised_attrition},
    {"overtime_share", ScoreIndex::Ex, &ScorecardSpec::overtime_share},
    {"occupancy", ScoreIndex::Ex, &ScorecardSpec::occupancy},
    {"new_hire_share", ScoreIndex::Ex, &ScorecardSpec::new_hire_share},
    {"fatigue_mean", ScoreIndex::Ex, &ScorecardSpec::fatigue_mean},
    {"strain_mean", ScoreIndex::Ex, &ScorecardSpec::strain_mean},
}};

/// The cost components, scored relative to the baseline, in ScorecardSpec order.
struct CostComponent {
  std::string_view key;
  CostAnchor ScorecardSpec::*anchor;
};
inline constexpr std::array<CostComponent, 2> kCostComponents{{
    {"cost_per_issue", &ScorecardSpec::cost_per_issue},
    {"operating_cost_per_issue", &ScorecardSpec::operating_cost_per_issue},
}};

}  // namespace txsim::score
