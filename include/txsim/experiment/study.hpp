#pragma once
// A study: a contact centre and what is done to it. The centre (model::ScenarioSpec) is all the
// model sees; the policies compared against it, the sizes of the levers' effects and the
// scorecard belong to the layers above the model. A scenario file holds a centre and,
// optionally, a study (keys policies, lever_effects, lever_costs, scorecard).

#include <vector>

#include "txsim/model/scenario.hpp"
#include "txsim/policy/policy_spec.hpp"
#include "txsim/score/scorecard_spec.hpp"

namespace txsim::experiment {

struct StudySpec {
  model::ScenarioSpec centre;
  /// Named policies compared against the centre as it is (the baseline) by `txsim compare`.
  std::vector<policy::PolicySpec> policies;
  policy::LeverEffects lever_effects;
  score::ScorecardSpec scorecard;
  /// What each lever costs to implement; the business case and NPV of every policy pay it.
  policy::LeverCosts lever_costs;
};

}  // namespace txsim::experiment
