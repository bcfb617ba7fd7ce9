#pragma once
// Management policies as data: a named set of lever values applied to the baseline scenario by
// apply_policy (policy.hpp). A lever left unset leaves the baseline as
// it is, so policies compose: one policy may pull silo and unified levers at once.
// docs/MODEL.md section "Policies" gives each lever's mechanism and the effect sizes' sources.

#include <optional>
#include <string>

namespace txsim::policy {

struct Levers {
  // --- silo: productivity levers
  /// Handle-time target as a multiplier of today's handle time, (0, 1] (0.85 = 15% shorter).
  std::optional<double> handle_time_target;
  /// Relative change of every shift count and headcount, (-1, inf) (-0.1 = 10% fewer agents).
  std::optional<double> headcount_change;
  /// Share of break minutes removed, [0, 1].
  std::optional<double> break_reduction;
  /// Share of after-call work removed, [0, 1].
  std::optional<double> after_call_work_cut;
  /// Strength of rigid scripting, [0, 1].
  std::optional<double> scripting;
  /// Eligible contacts must try self-service first (channel mode forced).
  std::optional<bool> digital_deflection;
  // --- unified: demand and people levers
  /// Customers choose between self-service and an agent (channel mode choice).
  std::optional<bool> digital_choice;
  /// Share of each type's avoidable demand removed by fixing its root cause, [0, 1].
  std::optional<double> root_cause_fix;
  /// Strength of agent empowerment (authority to resolve), [0, 1].
  std::optional<double> empowerment;
  /// Minutes of recovery break after a hard contact, >= 0 (needs employee dynamics).
  std::optional<double> recovery_breaks;
  /// Strength of flexible scheduling (agents swap and choose shifts), [0, 1].
  std::optional<double> flexible_scheduling;
  /// Strength of manager support and coaching, [0, 1].
  std::optional<double> manager_support;
};

/// Sizes of the levers' mechanisms. Each multiplies the lever value; see docs/MODEL.md.
struct LeverEffects {
  double pressure_resolution_loss = 0.6;    ///< resolution x (1 - this x (1 - target)), >= 0
  double pressure_fatigue_gain = 2.0;       ///< fatigue rate x (1 + this x (1 - target)), >= 0
  double after_call_work_resolution_loss = 0.15;  ///< resolution x (1 - this x cut), >= 0
  double scripting_resolution_loss = 0.3;   ///< resolution x (1 - this x s x complexity), >= 0
  double scripting_strain_gain = 0.5;       ///< strain per residual fatigue x (1 + this x s), >= 0
  double empowerment_resolution_gain = 0.5; ///< resolution + this x e x (1 - resolution), >= 0
  double empowerment_strain_relief = 0.3;   ///< strain per residual fatigue x (1 - this x e), [0, 1]
  double flexible_absence_relief = 0.3;     ///< absence probability x (1 - this x f), [0, 1]
  double support_attrition_relief = 0.3;    ///< attrition rates x (1 - this x m), [0, 1]
};

struct PolicySpec {
  std::string name;         ///< unique, non-empty, not "baseline"
  std::string description;
  Levers levers;
};

}  // namespace txsim::policy
