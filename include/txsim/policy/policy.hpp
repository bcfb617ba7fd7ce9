#pragma once
// Policies applied to a scenario. A policy is a set of lever values (policy::Levers); applying it
// to the baseline yields the scenario the policy would create, which the model then simulates
// like any other. Each lever works through the fields listed in kLeverInfo, with effect sizes
// from the study's lever_effects (policy::LeverEffects; docs/MODEL.md section "Policies").
//
// Levers come in two families. Silo levers push productivity inside the contact centre (shorter
// calls, fewer agents, fewer breaks, scripts, forced self-service); unified levers act on demand
// and on the people (fixing root causes, empowering agents, choice of channel, recovery,
// flexibility, coaching, agents' tools). No lever is free: each has an implementation cost
// (policy::LeverCosts), paid by the business case. Comparing the two is what `txsim compare` is for.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/model/scenario.hpp"
#include "txsim/policy/policy_spec.hpp"

namespace txsim::policy {

enum class LeverFamily : std::uint8_t {
  Silo,     ///< productivity levers inside the centre
  Unified,  ///< demand and people levers
};

/// "silo" or "unified".
std::string_view to_string(LeverFamily family) noexcept;

/// Every lever, in the order of policy::Levers (the order of lever_names and describe).
enum class Lever : std::uint8_t {
  HandleTimeTarget,
  HeadcountChange,
  BreakReduction,
  AfterCallWorkCut,
  Scripting,
  DigitalDeflection,
  DigitalChoice,
  RootCauseFix,
  Empowerment,
  RecoveryBreaks,
  FlexibleScheduling,
  ManagerSupport,
  ToolFrictionFix,
  Count_
};
inline constexpr std::size_t kLeverCount = static_cast<std::size_t>(Lever::Count_);
static_assert(std::tuple_size_v<decltype(LeverCosts::costs)> == kLeverCount, "one implementation cost per lever");

struct LeverInfo {
  std::string_view name;  ///< key in scenario files and reports (snake_case)
  LeverFamily family;
  std::string_view mechanism;  ///< the fields it changes and how, one line, for --help and docs
};

inline constexpr std::array<LeverInfo, kLeverCount> kLeverInfo{{
    {"handle_time_target", LeverFamily::Silo,
     "handle time x t; resolution x (1 - pressure_resolution_loss x (1 - t)); fatigue rate x (1 + pressure_fatigue_gain x (1 - t))"},
    {"headcount_change", LeverFamily::Silo, "every headcount x (1 + c) rounded; a group's shift counts by its total x (1 + c), shared by largest remainder"},
    {"break_reduction", LeverFamily::Silo, "every break x (1 - b); breaks of 0 minutes removed"},
    {"after_call_work_cut", LeverFamily::Silo,
     "after-call work x (1 - a); resolution x (1 - after_call_work_resolution_loss x a)"},
    {"scripting", LeverFamily::Silo,
     "resolution x (1 - scripting_resolution_loss x s x complexity); strain per residual fatigue x (1 + scripting_strain_gain x s)"},
    {"digital_deflection", LeverFamily::Silo, "channel mode forced: eligible contacts try self-service first"},
    {"digital_choice", LeverFamily::Unified, "channel mode choice: eligible customers choose self-service or an agent"},
    {"root_cause_fix", LeverFamily::Unified,
     "each type's demand_removed_share = f x avoidable_share (first contacts only), phased in over root_cause_ramp_months"},
    {"empowerment", LeverFamily::Unified,
     "resolution + empowerment_resolution_gain x e x (1 - resolution); strain per residual fatigue x (1 - empowerment_strain_relief x e)"},
    {"recovery_breaks", LeverFamily::Unified, "recovery break of m minutes after a hard contact"},
    {"flexible_scheduling", LeverFamily::Unified, "absence probability x (1 - flexible_absence_relief x f)"},
    {"manager_support", LeverFamily::Unified, "attrition rates x (1 - support_attrition_relief x m)"},
    {"tool_friction_fix", LeverFamily::Unified,
     "talk time and after-call work x (1 - tool_friction_handle_time_reduction x s); strain per residual fatigue x (1 - tool_friction_strain_relief x s)"},
}};

[[nodiscard]] constexpr const LeverInfo& lever_info(Lever lever) noexcept { return kLeverInfo[static_cast<std::size_t>(lever)]; }

/// The family of the lever called `name` (a kLeverInfo name). Throws std::invalid_argument
/// naming the unknown lever and the known ones.
LeverFamily lever_family(std::string_view name);

/// The levers a policy sets (has a value for, false included), in kLeverInfo order.
std::vector<Lever> levers_set(const Levers& levers);

/// Names of the levers a policy sets, in kLeverInfo order (for reports).
std::vector<std::string> lever_names(const Levers& levers);

/// One line naming each lever set with its value, in kLeverInfo order:
/// "handle_time_target=0.85, headcount_change=-0.1, digital_choice=true". Numbers use the
/// shortest text that reads back to the same double. An empty policy gives "none".
std::string describe(const Levers& levers);

/// The strength a lever's implementation cost scales with: its value, 1 for a boolean set to
/// true, 1 - t for handle_time_target, |c| for headcount_change; 0 when unset or false.
[[nodiscard]] double lever_strength(const Levers& levers, Lever lever) noexcept;

/// The agents a centre rosters, which per-agent implementation costs multiply: each group's
/// shift counts summed, or its largest interval headcount without shifts.
[[nodiscard]] double rostered_agents(const model::ScenarioSpec& centre) noexcept;

/// What a policy costs to implement [currency].
struct ImplementationCost {
  double one_off = 0.0;    ///< paid at the start (month 0)
  double per_month = 0.0;  ///< paid every 30-day month of the run
};

/// The implementation cost of a policy's levers: for each lever with a strength > 0, its
/// LeverCost amounts x strength and/or x `agents` as its scales_with says, summed.
[[nodiscard]] ImplementationCost implementation_cost(const Levers& levers, const LeverCosts& costs,
                                                     double agents) noexcept;

/// The baseline with the policy's levers applied, each as kLeverInfo describes with the effect
/// sizes `effects`; a pure function, the baseline is untouched. Levers apply in kLeverInfo order,
/// so resolution-probability changes compose multiplicatively in that order; each result is
/// clamped to [0, 1]. Durations are scaled, not reshaped (the mean of a parametric kind, every
/// value of an empirical one; `none` stays), and one scaled to 0 (a 100% after-call work cut)
/// becomes deterministic 0. A lever left unset changes nothing, and so does a boolean lever set
/// to false (the baseline's channel mode stays). The result is named "<baseline>/<policy>".
///
/// Precondition: validate_policies(baseline, {policy}) is empty and the levers and effects lie
/// in their schema ranges (the front door, io::check, makes sure; asserted under TXSIM_VALIDATE).
[[nodiscard]] model::ScenarioSpec apply_policy(const model::ScenarioSpec& baseline, const PolicySpec& policy,
                                              const LeverEffects& effects);

/// The rules between policies and the centre they apply to, each located by its scenario key
/// path: names unique and not "baseline"; recovery_breaks, flexible_scheduling and
/// manager_support need a workforce section; digital_deflection and digital_choice (when true)
/// need a customers section and a contact type eligible for self-service, and exclude each other.
/// Value ranges are the schema's (io layer).
[[nodiscard]] std::vector<model::SpecIssue> validate_policies(const model::ScenarioSpec& centre,
                                                             const std::vector<PolicySpec>& policies);

}  // namespace txsim::policy
