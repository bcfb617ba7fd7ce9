#include "txsim/policy/policy.hpp"

#include "txsim/kernel/assert.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// Each lever is one small function below, applied to a copy of the baseline. The mechanisms and
// their effect sizes are those documented in policy::LeverEffects and kLeverInfo; this file only
// decides the order (kLeverInfo order) and what happens at the edges of the ranges.

namespace txsim::policy {
namespace {

using model::ScenarioSpec;

std::string num(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string quoted(std::string_view text) {
  std::string result(1, '"');
  result.append(text).push_back('"');
  return result;
}

std::string text(const std::optional<double>& value) { return value ? num(*value) : std::string(); }
std::string text(const std::optional<bool>& value) { return value ? (*value ? "true" : "false") : std::string(); }

// The one place that maps a Lever to its field of Levers. Empty = not set.
std::string value_text(const Levers& levers, Lever lever) {
  switch (lever) {
    case Lever::HandleTimeTarget: return text(levers.handle_time_target);
    case Lever::HeadcountChange: return text(levers.headcount_change);
    case Lever::BreakReduction: return text(levers.break_reduction);
    case Lever::AfterCallWorkCut: return text(levers.after_call_work_cut);
    case Lever::Scripting: return text(levers.scripting);
    case Lever::DigitalDeflection: return text(levers.digital_deflection);
    case Lever::DigitalChoice: return text(levers.digital_choice);
    case Lever::RootCauseFix: return text(levers.root_cause_fix);
    case Lever::Empowerment: return text(levers.empowerment);
    case Lever::RecoveryBreaks: return text(levers.recovery_breaks);
    case Lever::FlexibleScheduling: return text(levers.flexible_scheduling);
    case Lever::ManagerSupport: return text(levers.manager_support);
    case Lever::ToolFrictionFix: return text(levers.tool_friction_fix);
    case Lever::Count_: break;
  }
  return {};
}

// --- Rules between a policy and the centre. Ranges are the schema's; these are the cases where a
// lever would act on a mechanism the centre has switched off and so silently do nothing.

bool any_digital_eligible(const ScenarioSpec& centre) {
  return std::any_of(centre.contact_types.begin(), centre.contact_types.end(),
                     [](const model::ContactTypeSpec& type) { return type.digital_eligible_share > 0; });
}

void check_sections(std::vector<model::SpecIssue>& issues, const ScenarioSpec& centre, const std::string& path,
                    const Levers& l) {
  const auto at = [&](const LeverInfo& lever) { return path + "." + std::string(lever.name); };
  const auto needs_workforce = [&](Lever lever, bool set) {
    if (set && !centre.workforce)
      issues.push_back({at(lever_info(lever)), std::string(lever_info(lever).name) + " needs a workforce section, found none"});
  };
  needs_workforce(Lever::RecoveryBreaks, l.recovery_breaks.has_value());
  needs_workforce(Lever::FlexibleScheduling, l.flexible_scheduling.has_value());
  needs_workforce(Lever::ManagerSupport, l.manager_support.has_value());
  // `false` asks for no self-service, which every centre can honour.
  const auto needs_self_service = [&](Lever lever, const std::optional<bool>& value) {
    if (!value.value_or(false)) return;
    const std::string name(lever_info(lever).name);
    if (!centre.customers)
      issues.push_back({at(lever_info(lever)), name + " needs a customers section, found none"});
    else if (!centre.contact_types.empty() && !any_digital_eligible(centre))
      issues.push_back({at(lever_info(lever)), "no contact type is eligible for self-service (" + name +
                                                   " needs a digital_eligible_share > 0)"});
  };
  needs_self_service(Lever::DigitalDeflection, l.digital_deflection);
  needs_self_service(Lever::DigitalChoice, l.digital_choice);
  if (l.digital_deflection.value_or(false) && l.digital_choice.value_or(false))
    issues.push_back({path, "set at most one of digital_deflection, digital_choice to true (found both)"});
}

// --- The mechanisms.

double probability(double p) { return std::clamp(p, 0.0, 1.0); }

// Reliefs are documented in [0, 1] and strengths too; the floor keeps a rate non-negative should
// an out-of-range effect size slip through.
double relief_factor(double relief, double strength) { return std::max(0.0, 1.0 - relief * strength); }

// Every duration kind is a scale family in its mean (cv and Weibull shape fixed), and an
// empirical distribution scales with its values, so scaling never reshapes a distribution: a
// contact's drawn quantile keeps its rank under the policy. Scaling to nothing leaves no
// duration at all, which only the deterministic kind can express (the others need a mean > 0).
void scale_duration(rng::Distribution& d, double factor) {
  if (d.kind == rng::DistributionKind::None) return;
  if (factor == 0.0) {
    d = rng::Distribution::deterministic(0.0);
    return;
  }
  d.mean *= factor;
  for (double& value : d.values) value *= factor;
}

void apply_handle_time_target(ScenarioSpec& spec, const LeverEffects& effects, double target) {
  const double pressure = 1.0 - target;
  for (model::ContactTypeSpec& type : spec.contact_types) {
    scale_duration(type.handle_time, target);
    type.resolution_probability =
        probability(type.resolution_probability * (1.0 - effects.pressure_resolution_loss * pressure));
  }
  if (spec.workforce) spec.workforce->fatigue.rate_per_hour *= 1.0 + effects.pressure_fatigue_gain * pressure;
}

int scaled_count(int count, double factor) { return std::max(0, static_cast<int>(std::lround(count * factor))); }

// Shift counts change by the group's total, shared out by largest remainder (Hamilton's
// apportionment): rounding each shift alone would let -10% of many shifts of 3 round to nothing.
void apportion_shift_counts(std::vector<model::ShiftSpec>& shifts, double factor) {
  long total = 0;
  for (const model::ShiftSpec& shift : shifts) total += shift.count;
  const long target = std::max(0L, std::lround(static_cast<double>(total) * factor));
  std::vector<std::pair<double, std::size_t>> remainders;
  long assigned = 0;
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const double ideal = shifts[i].count * factor;
    shifts[i].count = static_cast<int>(std::floor(ideal));
    assigned += shifts[i].count;
    remainders.emplace_back(ideal - std::floor(ideal), i);
  }
  // Largest remainder first; equal remainders in file order, so the result is deterministic.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; assigned < target && k < remainders.size(); ++k, ++assigned) ++shifts[remainders[k].second].count;
}

void apply_headcount_change(ScenarioSpec& spec, double change) {
  const double factor = 1.0 + change;
  for (model::AgentGroupSpec& group : spec.agent_groups) {
    for (int& headcount : group.headcount) headcount = scaled_count(headcount, factor);
    apportion_shift_counts(group.shifts, factor);
  }
}

void apply_break_reduction(ScenarioSpec& spec, double reduction) {
  for (model::AgentGroupSpec& group : spec.agent_groups) {
    for (model::ShiftSpec& shift : group.shifts) {
      for (model::BreakSpec& pause : shift.breaks) pause.duration_min *= 1.0 - reduction;
      // A break of 0 minutes is invalid in a scenario (and means no break at all).
      std::erase_if(shift.breaks, [](const model::BreakSpec& pause) { return !(pause.duration_min > 0); });
    }
  }
}

void apply_after_call_work_cut(ScenarioSpec& spec, const LeverEffects& effects, double cut) {
  const double loss = effects.after_call_work_resolution_loss * cut;
  for (model::ContactTypeSpec& type : spec.contact_types) {
    scale_duration(type.after_call_work, 1.0 - cut);
    type.resolution_probability = probability(type.resolution_probability * (1.0 - loss));
  }
}

void apply_scripting(ScenarioSpec& spec, const LeverEffects& effects, double strength) {
  for (model::ContactTypeSpec& type : spec.contact_types)
    type.resolution_probability = probability(
        type.resolution_probability * (1.0 - effects.scripting_resolution_loss * strength * type.complexity));
  if (spec.workforce) spec.workforce->strain.per_residual_fatigue *= 1.0 + effects.scripting_strain_gain * strength;
}

void apply_channel_mode(ScenarioSpec& spec, model::ChannelMode mode) { spec.customers->channels.mode = mode; }

void apply_root_cause_fix(ScenarioSpec& spec, const LeverEffects& effects, double fix) {
  for (model::ContactTypeSpec& type : spec.contact_types) {
    type.demand_removed_share = fix * type.avoidable_share;
    type.demand_removed_ramp_months = effects.root_cause_ramp_months;
  }
}

void apply_empowerment(ScenarioSpec& spec, const LeverEffects& effects, double strength) {
  for (model::ContactTypeSpec& type : spec.contact_types) {
    const double r = type.resolution_probability;
    type.resolution_probability = probability(r + effects.empowerment_resolution_gain * strength * (1.0 - r));
  }
  if (spec.workforce)
    spec.workforce->strain.per_residual_fatigue *= relief_factor(effects.empowerment_strain_relief, strength);
}

void apply_recovery_breaks(ScenarioSpec& spec, double minutes) { spec.workforce->recovery_break_min = minutes; }

void apply_flexible_scheduling(ScenarioSpec& spec, const LeverEffects& effects, double strength) {
  spec.workforce->absence.daily_probability *= relief_factor(effects.flexible_absence_relief, strength);
}

void apply_manager_support(ScenarioSpec& spec, const LeverEffects& effects, double strength) {
  const double factor = relief_factor(effects.support_attrition_relief, strength);
  spec.workforce->attrition.annual_rate *= factor;
  spec.workforce->attrition.early_annual_rate *= factor;
}

// Less time hunting across systems shortens the contact itself and its wrap-up (codes,
// notes); the contact's drawn quantile keeps its rank (scale_duration).
void apply_tool_friction_fix(ScenarioSpec& spec, const LeverEffects& effects, double strength) {
  const double factor = relief_factor(effects.tool_friction_handle_time_reduction, strength);
  for (model::ContactTypeSpec& type : spec.contact_types) {
    scale_duration(type.handle_time, factor);
    scale_duration(type.after_call_work, factor);
  }
  if (spec.workforce)
    spec.workforce->strain.per_residual_fatigue *= relief_factor(effects.tool_friction_strain_relief, strength);
}

double strength_of(const std::optional<double>& value) { return value.value_or(0.0); }
double strength_of(const std::optional<bool>& value) { return value.value_or(false) ? 1.0 : 0.0; }

}  // namespace

std::string_view to_string(LeverFamily family) noexcept {
  switch (family) {
    case LeverFamily::Silo: return "silo";
    case LeverFamily::Unified: return "unified";
  }
  return "unknown";
}

LeverFamily lever_family(std::string_view name) {
  std::string known;
  for (const LeverInfo& lever : kLeverInfo) {
    if (lever.name == name) return lever.family;
    known += (known.empty() ? "" : ", ") + std::string(lever.name);
  }
  throw std::invalid_argument("unknown lever " + quoted(name) + " (known: " + known + ")");
}

std::vector<Lever> levers_set(const Levers& levers) {
  std::vector<Lever> set;
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    const auto lever = static_cast<Lever>(i);
    if (!value_text(levers, lever).empty()) set.push_back(lever);
  }
  return set;
}

std::vector<std::string> lever_names(const Levers& levers) {
  std::vector<std::string> names;
  for (Lever lever : levers_set(levers)) names.emplace_back(lever_info(lever).name);
  return names;
}

std::string describe(const Levers& levers) {
  std::string line;
  for (Lever lever : levers_set(levers))
    line += (line.empty() ? "" : ", ") + std::string(lever_info(lever).name) + "=" + value_text(levers, lever);
  return line.empty() ? "none" : line;
}

double lever_strength(const Levers& l, Lever lever) noexcept {
  switch (lever) {
    case Lever::HandleTimeTarget: return l.handle_time_target ? 1.0 - *l.handle_time_target : 0.0;
    case Lever::HeadcountChange: return std::abs(strength_of(l.headcount_change));
    case Lever::BreakReduction: return strength_of(l.break_reduction);
    case Lever::AfterCallWorkCut: return strength_of(l.after_call_work_cut);
    case Lever::Scripting: return strength_of(l.scripting);
    case Lever::DigitalDeflection: return strength_of(l.digital_deflection);
    case Lever::DigitalChoice: return strength_of(l.digital_choice);
    case Lever::RootCauseFix: return strength_of(l.root_cause_fix);
    case Lever::Empowerment: return strength_of(l.empowerment);
    case Lever::RecoveryBreaks: return strength_of(l.recovery_breaks);
    case Lever::FlexibleScheduling: return strength_of(l.flexible_scheduling);
    case Lever::ManagerSupport: return strength_of(l.manager_support);
    case Lever::ToolFrictionFix: return strength_of(l.tool_friction_fix);
    case Lever::Count_: break;
  }
  return 0.0;
}

double rostered_agents(const model::ScenarioSpec& centre) noexcept {
  double agents = 0.0;
  for (const model::AgentGroupSpec& group : centre.agent_groups) {
    if (!group.shifts.empty()) {
      for (const model::ShiftSpec& shift : group.shifts) agents += shift.count;
    } else if (!group.headcount.empty()) {
      agents += *std::max_element(group.headcount.begin(), group.headcount.end());
    }
  }
  return agents;
}

ImplementationCost implementation_cost(const Levers& levers, const LeverCosts& costs, double agents) noexcept {
  ImplementationCost total;
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    const double strength = lever_strength(levers, static_cast<Lever>(i));
    // A lever left unset, false or at 0 is not implemented at all.
    if (!(strength > 0.0)) continue;
    const LeverCost& cost = costs.costs[i];
    double scale = 1.0;
    switch (cost.scales_with) {
      case CostScaling::Fixed: break;
      case CostScaling::Strength: scale = strength; break;
      case CostScaling::Agents: scale = agents; break;
      case CostScaling::StrengthAndAgents: scale = strength * agents; break;
    }
    total.one_off += cost.one_off * scale;
    total.per_month += cost.per_month * scale;
  }
  return total;
}

model::ScenarioSpec apply_policy(const model::ScenarioSpec& baseline, const PolicySpec& policy,
                                 const LeverEffects& effects) {
  const Levers& l = policy.levers;
  TXSIM_VALIDATE_ASSERT(validate_policies(baseline, {policy}).empty(), "apply_policy() called with a policy that cannot apply");
  ScenarioSpec spec = baseline;
  spec.name = baseline.name + "/" + policy.name;

  // kLeverInfo order: the documented order in which resolution changes compose.
  if (l.handle_time_target) apply_handle_time_target(spec, effects, *l.handle_time_target);
  if (l.headcount_change) apply_headcount_change(spec, *l.headcount_change);
  if (l.break_reduction) apply_break_reduction(spec, *l.break_reduction);
  if (l.after_call_work_cut) apply_after_call_work_cut(spec, effects, *l.after_call_work_cut);
  if (l.scripting) apply_scripting(spec, effects, *l.scripting);
  if (l.digital_deflection.value_or(false)) apply_channel_mode(spec, model::ChannelMode::Forced);
  if (l.digital_choice.value_or(false)) apply_channel_mode(spec, model::ChannelMode::Choice);
  if (l.root_cause_fix) apply_root_cause_fix(spec, effects, *l.root_cause_fix);
  if (l.empowerment) apply_empowerment(spec, effects, *l.empowerment);
  if (l.recovery_breaks) apply_recovery_breaks(spec, *l.recovery_breaks);
  if (l.flexible_scheduling) apply_flexible_scheduling(spec, effects, *l.flexible_scheduling);
  if (l.manager_support) apply_manager_support(spec, effects, *l.manager_support);
  if (l.tool_friction_fix) apply_tool_friction_fix(spec, effects, *l.tool_friction_fix);
  return spec;
}

std::vector<model::SpecIssue> validate_policies(const model::ScenarioSpec& centre, const std::vector<PolicySpec>& policies) {
  std::vector<model::SpecIssue> issues;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const PolicySpec& policy = policies[i];
    const std::string path = policy.name.empty() ? "policies[" + std::to_string(i) + "]" : "policies." + policy.name;
    if (policy.name.empty()) issues.push_back({path, "expected a name, found an empty string"});
    const auto earlier = policies.begin() + static_cast<std::ptrdiff_t>(i);
    if (!policy.name.empty() &&
        std::find_if(policies.begin(), earlier, [&](const PolicySpec& p) { return p.name == policy.name; }) != earlier)
      issues.push_back({path, "expected a unique name, found " + quoted(policy.name) + " twice"});
    // Comparisons report the centre itself under this name.
    if (policy.name == "baseline")
      issues.push_back({path, "expected a policy name other than \"baseline\" (the scenario itself), found \"baseline\""});
    check_sections(issues, centre, path + ".levers", policy.levers);
  }
  return issues;
}

}  // namespace txsim::policy
