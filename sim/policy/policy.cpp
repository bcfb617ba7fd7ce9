#include "txsim/policy/policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// Each lever is one small function below, applied to a copy of the baseline. The mechanisms and
// their effect sizes are those documented in model::LeverEffects and kLeverInfo; this file only
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

// The one place that maps a Lever to its field of model::Levers. Empty = not set.
std::string value_text(const model::Levers& levers, Lever lever) {
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
    case Lever::Count_: break;
  }
  return {};
}

// --- Range and applicability checks, all reported at once.

class Problems {
 public:
  void add(Lever lever, const std::string& message) {
    problems_.push_back(std::string(lever_info(lever).name) + ": " + message);
  }
  void expect_in(Lever lever, const std::optional<double>& value, bool ok, std::string_view expected) {
    if (value && !ok) add(lever, "expected " + std::string(expected) + ", found " + num(*value));
  }
  void expect_fraction(Lever lever, const std::optional<double>& value) {
    expect_in(lever, value, value && *value >= 0 && *value <= 1, "a fraction in [0, 1]");
  }
  void throw_if_any(const ScenarioSpec& baseline, const model::PolicySpec& policy) const {
    if (problems_.empty()) return;
    std::string message = "policy " + quoted(policy.name) + " cannot apply to scenario " + quoted(baseline.name) + ": ";
    for (std::size_t i = 0; i < problems_.size(); ++i) message += (i == 0 ? "" : "; ") + problems_[i];
    throw std::invalid_argument(message);
  }

 private:
  std::vector<std::string> problems_;
};

void check_ranges(Problems& problems, const model::Levers& l) {
  problems.expect_in(Lever::HandleTimeTarget, l.handle_time_target,
                     l.handle_time_target && *l.handle_time_target > 0 && *l.handle_time_target <= 1,
                     "a multiplier in (0, 1]");
  problems.expect_in(Lever::HeadcountChange, l.headcount_change,
                     l.headcount_change && *l.headcount_change > -1 && std::isfinite(*l.headcount_change),
                     "a relative change > -1");
  problems.expect_fraction(Lever::BreakReduction, l.break_reduction);
  problems.expect_fraction(Lever::AfterCallWorkCut, l.after_call_work_cut);
  problems.expect_fraction(Lever::Scripting, l.scripting);
  problems.expect_fraction(Lever::RootCauseFix, l.root_cause_fix);
  problems.expect_fraction(Lever::Empowerment, l.empowerment);
  problems.expect_in(Lever::RecoveryBreaks, l.recovery_breaks,
                     l.recovery_breaks && *l.recovery_breaks >= 0 && std::isfinite(*l.recovery_breaks),
                     "a number of minutes >= 0");
  problems.expect_fraction(Lever::FlexibleScheduling, l.flexible_scheduling);
  problems.expect_fraction(Lever::ManagerSupport, l.manager_support);
}

void check_sections(Problems& problems, const ScenarioSpec& baseline, const model::Levers& l) {
  // These levers act only through employee dynamics; without them they would be silently inert.
  const auto needs_workforce = [&](Lever lever, bool set) {
    if (set && !baseline.workforce) problems.add(lever, "needs a workforce section in the baseline scenario");
  };
  needs_workforce(Lever::RecoveryBreaks, l.recovery_breaks.has_value());
  needs_workforce(Lever::FlexibleScheduling, l.flexible_scheduling.has_value());
  needs_workforce(Lever::ManagerSupport, l.manager_support.has_value());

  const bool deflection = l.digital_deflection.value_or(false);
  const bool choice = l.digital_choice.value_or(false);
  const bool any_eligible = std::any_of(baseline.contact_types.begin(), baseline.contact_types.end(),
                                        [](const model::ContactTypeSpec& type) { return type.digital_eligible_share > 0; });
  const auto needs_self_service = [&](Lever lever, bool pulled) {
    if (!pulled) return;
    if (!baseline.customers) problems.add(lever, "needs a customers section in the baseline scenario");
    else if (!any_eligible) problems.add(lever, "needs a contact type with digital_eligible_share > 0 in the baseline scenario");
  };
  needs_self_service(Lever::DigitalDeflection, deflection);
  needs_self_service(Lever::DigitalChoice, choice);
  if (deflection && choice)
    problems.add(Lever::DigitalDeflection, "cannot combine with digital_choice: the channel mode is either forced or choice");
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

void apply_handle_time_target(ScenarioSpec& spec, double target) {
  const model::LeverEffects& effects = spec.lever_effects;
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

void apply_after_call_work_cut(ScenarioSpec& spec, double cut) {
  const double loss = spec.lever_effects.after_call_work_resolution_loss * cut;
  for (model::ContactTypeSpec& type : spec.contact_types) {
    scale_duration(type.after_call_work, 1.0 - cut);
    type.resolution_probability = probability(type.resolution_probability * (1.0 - loss));
  }
}

void apply_scripting(ScenarioSpec& spec, double strength) {
  const model::LeverEffects& effects = spec.lever_effects;
  for (model::ContactTypeSpec& type : spec.contact_types)
    type.resolution_probability = probability(
        type.resolution_probability * (1.0 - effects.scripting_resolution_loss * strength * type.complexity));
  if (spec.workforce) spec.workforce->strain.per_residual_fatigue *= 1.0 + effects.scripting_strain_gain * strength;
}

void apply_channel_mode(ScenarioSpec& spec, model::ChannelMode mode) { spec.customers->channels.mode = mode; }

void apply_root_cause_fix(ScenarioSpec& spec, double fix) {
  for (model::ContactTypeSpec& type : spec.contact_types) type.demand_removed_share = fix * type.avoidable_share;
}

void apply_empowerment(ScenarioSpec& spec, double strength) {
  const model::LeverEffects& effects = spec.lever_effects;
  for (model::ContactTypeSpec& type : spec.contact_types) {
    const double r = type.resolution_probability;
    type.resolution_probability = probability(r + effects.empowerment_resolution_gain * strength * (1.0 - r));
  }
  if (spec.workforce)
    spec.workforce->strain.per_residual_fatigue *= relief_factor(effects.empowerment_strain_relief, strength);
}

void apply_recovery_breaks(ScenarioSpec& spec, double minutes) { spec.workforce->recovery_break_min = minutes; }

void apply_flexible_scheduling(ScenarioSpec& spec, double strength) {
  spec.workforce->absence.daily_probability *= relief_factor(spec.lever_effects.flexible_absence_relief, strength);
}

void apply_manager_support(ScenarioSpec& spec, double strength) {
  const double factor = relief_factor(spec.lever_effects.support_attrition_relief, strength);
  spec.workforce->attrition.annual_rate *= factor;
  spec.workforce->attrition.early_annual_rate *= factor;
}

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

std::vector<Lever> levers_set(const model::Levers& levers) {
  std::vector<Lever> set;
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    const auto lever = static_cast<Lever>(i);
    if (!value_text(levers, lever).empty()) set.push_back(lever);
  }
  return set;
}

std::vector<std::string> lever_names(const model::Levers& levers) {
  std::vector<std::string> names;
  for (Lever lever : levers_set(levers)) names.emplace_back(lever_info(lever).name);
  return names;
}

std::string describe(const model::Levers& levers) {
  std::string line;
  for (Lever lever : levers_set(levers))
    line += (line.empty() ? "" : ", ") + std::string(lever_info(lever).name) + "=" + value_text(levers, lever);
  return line.empty() ? "none" : line;
}

model::ScenarioSpec apply_policy(const model::ScenarioSpec& baseline, const model::PolicySpec& policy) {
  const model::Levers& l = policy.levers;
  Problems problems;
  check_ranges(problems, l);
  check_sections(problems, baseline, l);
  problems.throw_if_any(baseline, policy);

  ScenarioSpec spec = baseline;
  spec.name = baseline.name + "/" + policy.name;
  spec.policies.clear();

  // kLeverInfo order: the documented order in which resolution changes compose.
  if (l.handle_time_target) apply_handle_time_target(spec, *l.handle_time_target);
  if (l.headcount_change) apply_headcount_change(spec, *l.headcount_change);
  if (l.break_reduction) apply_break_reduction(spec, *l.break_reduction);
  if (l.after_call_work_cut) apply_after_call_work_cut(spec, *l.after_call_work_cut);
  if (l.scripting) apply_scripting(spec, *l.scripting);
  if (l.digital_deflection.value_or(false)) apply_channel_mode(spec, model::ChannelMode::Forced);
  if (l.digital_choice.value_or(false)) apply_channel_mode(spec, model::ChannelMode::Choice);
  if (l.root_cause_fix) apply_root_cause_fix(spec, *l.root_cause_fix);
  if (l.empowerment) apply_empowerment(spec, *l.empowerment);
  if (l.recovery_breaks) apply_recovery_breaks(spec, *l.recovery_breaks);
  if (l.flexible_scheduling) apply_flexible_scheduling(spec, *l.flexible_scheduling);
  if (l.manager_support) apply_manager_support(spec, *l.manager_support);
  return spec;
}

}  // namespace txsim::policy
