#pragma once
// Management policies as data: a named set of lever values applied to the baseline scenario by
// apply_policy (policy.hpp). A lever left unset leaves the baseline as
// it is, so policies compose: one policy may pull silo and unified levers at once.
// docs/MODEL.md section "Policies" gives each lever's mechanism and the effect sizes' sources.

#include <array>
#include <cstddef>
#include <cstdint>
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
  /// Strength of the fix of agents' own tools (fewer systems, clicks and codes per contact), [0, 1].
  std::optional<double> tool_friction_fix;
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
  /// Months until a root-cause fix removes its full share [30-day months], >= 0: month m (from
  /// the start of the run) removes min(1, (m + 1) / this) of it; 0 = all of it from day 0.
  double root_cause_ramp_months = 6.0;
  /// Share of talk time and after-call work a complete tool-friction fix removes, [0, 1).
  double tool_friction_handle_time_reduction = 0.1;
  double tool_friction_strain_relief = 0.15;  ///< strain per residual fatigue x (1 - this x s), [0, 1]
};

/// How a lever's implementation cost grows with the policy.
enum class CostScaling : std::uint8_t {
  Fixed,              ///< the amounts as given
  Strength,           ///< x the lever's strength
  Agents,             ///< x the baseline's rostered agents
  StrengthAndAgents,  ///< x strength x agents
};

/// What a lever costs to implement [currency]; both amounts are multiplied as `scales_with`
/// says. The one-off is paid at the start (month 0), the running cost every 30-day month.
struct LeverCost {
  double one_off = 0.0;    ///< >= 0
  double per_month = 0.0;  ///< >= 0
  CostScaling scales_with = CostScaling::StrengthAndAgents;
};

/// Implementation cost of every lever, indexed by policy::Lever (kLeverInfo order). Defaults are
/// assumptions sized for a centre's agents (docs/MODEL.md, "Implementation costs"); every lever
/// costs something to implement.
struct LeverCosts {
  std::array<LeverCost, 13> costs = default_costs();

  /// The documented defaults.
  [[nodiscard]] static constexpr std::array<LeverCost, 13> default_costs() noexcept {
    using enum CostScaling;
    return {{
        {130.0, 40.0, Agents},              // handle_time_target: briefing on the target, then monitoring and supervision
        {7'500.0, 0.0, StrengthAndAgents},  // headcount_change: severance or recruiting per agent changed
        {100.0, 0.0, Agents},               // break_reduction: rota and break-schedule redesign, briefing
        {10'000.0, 0.0, Fixed},             // after_call_work_cut: process and disposition-code redesign
        {60'000.0, 2'000.0, Strength},      // scripting: script design, then upkeep
        {3'000.0, 120.0, Agents},           // digital_deflection: app and web self-service, then upkeep
        {3'000.0, 120.0, Agents},           // digital_choice: the same app and web self-service
        {4'000.0, 200.0, StrengthAndAgents},  // root_cause_fix: analysis and fixes, then an improvement team
        {1'500.0, 50.0, StrengthAndAgents},   // empowerment: training and authority limits
        {5'000.0, 0.0, Fixed},                // recovery_breaks: a policy and rota change (lost time is simulated)
        {250.0, 15.0, Agents},                // flexible_scheduling: self-scheduling software and its set-up
        {500.0, 400.0, StrengthAndAgents},    // manager_support: team-leader training, then coaching time
        {3'000.0, 60.0, StrengthAndAgents},   // tool_friction_fix: desktop integration, then licences
    }};
  }
};

struct PolicySpec {
  std::string name;         ///< unique, non-empty, not "baseline"
  std::string description;
  Levers levers;
};

}  // namespace txsim::policy
