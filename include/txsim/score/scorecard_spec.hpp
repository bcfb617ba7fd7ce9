#pragma once
// How a study scores the centre, as plain data: the anchors of the 0-100 components, the index
// weights and the discount rate of the business case. docs/MODEL.md section "Scorecard".

#include <array>
#include <string_view>

namespace txsim::score {

/// The 0-100 scorecard. A component scores 0 at its `worst` value and 100 at its `best` value,
/// linearly in between and clamped outside; an index is the weighted mean of its components.
struct ScoreAnchor {
  double worst = 0.0;
  double best = 1.0;
  double weight = 1.0;  ///< >= 0
};

struct ScorecardSpec {
  // Customer experience (CX)
  ScoreAnchor service_level{0.4, 0.9, 1.0};
  ScoreAnchor abandon_rate{0.25, 0.02, 1.0};
  ScoreAnchor first_contact_resolution{0.5, 0.85, 1.0};
  ScoreAnchor satisfaction{0.5, 0.9, 1.0};
  ScoreAnchor effort_per_resolved_issue{2.5, 1.0, 1.0};
  ScoreAnchor churn_rate{0.12, 0.02, 1.0};
  // Employee experience (EX)
  ScoreAnchor fatigue_mean{0.6, 0.1, 1.0};
  ScoreAnchor strain_mean{1.5, 0.1, 1.0};
  ScoreAnchor absence_rate{0.15, 0.03, 1.0};
  ScoreAnchor annualised_attrition{0.8, 0.15, 1.0};
  ScoreAnchor occupancy{0.95, 0.75, 1.0};
  // Cost: total cost (labour, hiring, training, digital, revenue lost to churn) per journey
  ScoreAnchor cost_per_issue{60.0, 20.0, 1.0};
  // Total Experience (TX)
  double cx_weight = 0.4;    ///< >= 0
  double ex_weight = 0.4;    ///< >= 0
  double cost_weight = 0.2;  ///< >= 0
  double discount_rate_per_year = 0.08;  ///< for the net present value of the business case, >= 0
};

/// The components of the scorecard by key, in ScorecardSpec order: the one list that the scoring,
/// the rules and the scenario schema share.
struct ScoreComponent {
  std::string_view key;
  ScoreAnchor ScorecardSpec::*anchor;
};
inline constexpr std::array<ScoreComponent, 12> kScoreComponents{{
    {"service_level", &ScorecardSpec::service_level},
    {"abandon_rate", &ScorecardSpec::abandon_rate},
    {"first_contact_resolution", &ScorecardSpec::first_contact_resolution},
    {"satisfaction", &ScorecardSpec::satisfaction},
    {"effort_per_resolved_issue", &ScorecardSpec::effort_per_resolved_issue},
    {"churn_rate", &ScorecardSpec::churn_rate},
    {"fatigue_mean", &ScorecardSpec::fatigue_mean},
    {"strain_mean", &ScorecardSpec::strain_mean},
    {"absence_rate", &ScorecardSpec::absence_rate},
    {"annualised_attrition", &ScorecardSpec::annualised_attrition},
    {"occupancy", &ScorecardSpec::occupancy},
    {"cost_per_issue", &ScorecardSpec::cost_per_issue},
}};

}  // namespace txsim::score
