#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/model/scenario.hpp"

// Semantic checks of a ScenarioSpec. Key paths are those of the scenario file
// (contact_types.billing.handle_time.cv, agents.groups.frontline.shifts[1].breaks[0].duration_min)
// so that the io layer can point each issue at its line; messages say what was expected and what
// was found. The model layer has no formatting library, hence the small helpers below.

namespace txsim::model {
namespace {

constexpr double kShareTolerance = 1e-6;
constexpr double kHoursPerDay = 24.0;

std::string num(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 9);
  return std::string(buffer, result.ptr);
}

std::string quoted(std::string_view text) {
  std::string result(1, '"');
  result.append(text).push_back('"');
  return result;
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

std::string child(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
std::string item(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

// Entries of contact_types and agents.groups are keyed by name; an unnamed one (possible only
// in specs built in code) is named by its position.
std::string entry_path(std::string_view collection, std::size_t index, const std::string& name) {
  return name.empty() ? item(std::string(collection), index) : child(std::string(collection), name);
}

class Checker {
 public:
  void fail(std::string path, std::string message) { issues_.push_back({std::move(path), std::move(message)}); }

  void expect(bool ok, std::string path, std::string_view expected, double found) {
    if (!ok) fail(std::move(path), "expected " + std::string(expected) + ", found " + num(found));
  }
  void positive(std::string path, double value) { expect(std::isfinite(value) && value > 0, std::move(path), "a number > 0", value); }
  void non_negative(std::string path, double value) {
    expect(std::isfinite(value) && value >= 0, std::move(path), "a number >= 0", value);
  }
  void probability(std::string path, double value) {
    expect(value >= 0 && value <= 1, std::move(path), "a probability in [0, 1]", value);
  }
  /// [0, 1): a probability that must leave room for its complement (logit, geometric rates).
  void probability_below_1(std::string path, double value) {
    expect(value >= 0 && value < 1, std::move(path), "a probability in [0, 1)", value);
  }
  void at_least_1(std::string path, double value) {
    expect(std::isfinite(value) && value >= 1, std::move(path), "a number >= 1", value);
  }
  void share(std::string path, double value) { expect(value >= 0 && value <= 1, std::move(path), "a share in [0, 1]", value); }
  void fraction(std::string path, double value) {
    expect(value >= 0 && value <= 1, std::move(path), "a fraction in [0, 1]", value);
  }

  std::vector<SpecIssue> take() { return std::move(issues_); }

 private:
  std::vector<SpecIssue> issues_;
};

// "give exactly one of days, hours, arrivals (found days, hours)"
void expect_exactly_one(Checker& check, const std::string& path, const std::vector<std::string>& keys,
                        const std::vector<std::string>& given) {
  if (given.size() != 1) check.fail(path, "give exactly one of " + join(keys) + " (found " + (given.empty() ? "none" : join(given)) + ")");
}

bool interval_is_valid(double minutes) { return minutes == 15.0 || minutes == 30.0 || minutes == 60.0; }

std::string per_interval(const ScenarioSpec& spec) {
  return "one per " + num(spec.interval_minutes) + "-minute interval";
}

void check_general(Checker& check, const ScenarioSpec& spec) {
  if (spec.name.empty()) check.fail("name", "expected a scenario name, found an empty string");
  check.expect(interval_is_valid(spec.interval_minutes), "interval_minutes", "one of 15, 30, 60", spec.interval_minutes);
  check.non_negative("service_level_threshold_s", spec.service_level_threshold_s);
  if (spec.queue.capacity) check.non_negative("queue.capacity", *spec.queue.capacity);
}

void check_horizon(Checker& check, const HorizonSpec& horizon) {
  std::vector<std::string> given;
  if (horizon.days) given.emplace_back("days");
  if (horizon.hours) given.emplace_back("hours");
  if (horizon.arrivals) given.emplace_back("arrivals");
  expect_exactly_one(check, "horizon", {"days", "hours", "arrivals"}, given);
  if (horizon.days) check.positive("horizon.days", *horizon.days);
  if (horizon.hours) check.positive("horizon.hours", *horizon.hours);
  if (horizon.arrivals && *horizon.arrivals == 0) check.fail("horizon.arrivals", "expected a number > 0, found 0");
  check.non_negative("horizon.warmup_hours", horizon.warmup_hours);

  std::optional<double> length_h;
  if (horizon.days && !horizon.hours) length_h = *horizon.days * kHoursPerDay;
  if (horizon.hours && !horizon.days) length_h = *horizon.hours;
  if (length_h && *length_h > 0 && horizon.warmup_hours >= *length_h)
    check.fail("horizon.warmup_hours", "expected less than the horizon of " + num(*length_h) + " h, found " +
                                           num(horizon.warmup_hours));
}

void check_demand(Checker& check, const ScenarioSpec& spec) {
  const DemandSpec& demand = spec.demand;
  if (demand.rate_per_hour && demand.daily_volume != 0.0)
    check.fail("demand", "give exactly one of rate_per_hour, daily_volume (found both)");
  else if (!demand.rate_per_hour && demand.daily_volume == 0.0)
    check.fail("demand", "give exactly one of rate_per_hour, daily_volume (found none)");
  else if (demand.rate_per_hour)
    check.positive("demand.rate_per_hour", *demand.rate_per_hour);
  else
    check.positive("demand.daily_volume", demand.daily_volume);

  const std::vector<double>& profile = demand.intraday_profile;
  const std::string profile_path = "demand.intraday_profile";
  if (!profile.empty() && interval_is_valid(spec.interval_minutes) &&
      profile.size() != static_cast<std::size_t>(spec.intervals_per_day()))
    check.fail(profile_path, "expected " + std::to_string(spec.intervals_per_day()) + " values (" + per_interval(spec) +
                                 "), found " + std::to_string(profile.size()));
  for (std::size_t i = 0; i < profile.size(); ++i) check.non_negative(item(profile_path, i), profile[i]);
  const bool all_non_negative = std::all_of(profile.begin(), profile.end(), [](double w) { return w >= 0; });
  if (!profile.empty() && all_non_negative && !(std::accumulate(profile.begin(), profile.end(), 0.0) > 0))
    check.fail(profile_path, "expected weights with a positive sum, found only zeros");

  for (int day = 0; day < kDaysPerWeek; ++day)
    check.non_negative(child("demand.day_of_week_factors", to_string(static_cast<Weekday>(day))),
                       demand.day_of_week_factors[static_cast<std::size_t>(day)]);
  const auto& factors = demand.day_of_week_factors;
  if (std::all_of(factors.begin(), factors.end(), [](double f) { return f == 0.0; }))
    check.fail("demand.day_of_week_factors", "expected at least one weekday with a factor > 0, found all 0");
  check.non_negative("demand.busyness_shape", demand.busyness_shape);

  // A constant rate is constant: the shaping keys belong to daily_volume, and accepting them
  // silently would let a user believe a profile was applied.
  if (demand.rate_per_hour) {
    const char* why = " applies to demand.daily_volume only; rate_per_hour is a constant rate";
    if (!profile.empty()) check.fail(profile_path, std::string("intraday_profile") + why);
    if (std::any_of(factors.begin(), factors.end(), [](double f) { return f != 1.0; }))
      check.fail("demand.day_of_week_factors", std::string("day_of_week_factors") + why);
    if (demand.busyness_shape != 0.0) check.fail("demand.busyness_shape", std::string("busyness_shape") + why);
  }
}

void check_distribution(Checker& check, const std::string& path, const rng::Distribution& d, bool none_allowed) {
  using rng::DistributionKind;
  switch (d.kind) {
    case DistributionKind::None:
      if (!none_allowed) check.fail(path, "expected a finite duration, found a none distribution (only patience may be none)");
      break;
    case DistributionKind::Deterministic: check.non_negative(child(path, "mean_s"), d.mean); break;
    case DistributionKind::Exponential: check.positive(child(path, "mean_s"), d.mean); break;
    case DistributionKind::Lognormal:
    case DistributionKind::Gamma:
      check.positive(child(path, "mean_s"), d.mean);
      check.positive(child(path, "cv"), d.cv);
      break;
    case DistributionKind::Weibull:
      check.positive(child(path, "mean_s"), d.mean);
      check.positive(child(path, "shape"), d.shape);
      break;
    case DistributionKind::Empirical:
      if (d.values.empty()) check.fail(child(path, "values_s"), "expected at least one value, found none");
      for (std::size_t i = 0; i < d.values.size(); ++i) check.non_negative(item(child(path, "values_s"), i), d.values[i]);
      break;
  }
}

// Names must be non-empty and unique (a YAML map guarantees both; specs built in code do not).
void check_names(Checker& check, std::string_view collection, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = entry_path(collection, i, names[i]);
    if (names[i].empty()) check.fail(path, "expected a name, found an empty string");
    else if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) != names.begin() + static_cast<std::ptrdiff_t>(i))
      check.fail(path, "expected a unique name, found " + quoted(names[i]) + " twice");
  }
}

void check_contact_type(Checker& check, const std::string& path, const ContactTypeSpec& type) {
  check.expect(type.share >= 0 && type.share <= 1, child(path, "share"), "a share in [0, 1]", type.share);
  check_distribution(check, child(path, "handle_time"), type.handle_time, false);
  check_distribution(check, child(path, "after_call_work"), type.after_call_work, false);
  check_distribution(check, child(path, "patience"), type.patience, true);
  check.probability(child(path, "balk_probability"), type.balk_probability);
  check.probability_below_1(child(path, "redial.probability"), type.redial_probability);
  check_distribution(check, child(path, "redial.delay"), type.redial_delay, false);
  check.non_negative(child(path, "emotional_load"), type.emotional_load);
  check.probability(child(path, "resolution_probability"), type.resolution_probability);
  check.share(child(path, "complexity"), type.complexity);
  check.share(child(path, "avoidable_share"), type.avoidable_share);
  // The root_cause_fix lever removes a part of the avoidable demand, never more than all of it.
  const bool avoidable_ok = type.avoidable_share >= 0 && type.avoidable_share <= 1;
  const double removed_max = avoidable_ok ? type.avoidable_share : 1.0;
  check.expect(type.demand_removed_share >= 0 && type.demand_removed_share <= removed_max,
               child(path, "demand_removed_share"),
               avoidable_ok ? "a share in [0, avoidable_share = " + num(removed_max) + "]" : "a share in [0, 1]",
               type.demand_removed_share);
  check.share(child(path, "digital_eligible_share"), type.digital_eligible_share);
  check.probability(child(path, "digital_success_probability"), type.digital_success_probability);
  check.non_negative(child(path, "digital_cost"), type.digital_cost);
  check.non_negative(child(path, "digital_time_s"), type.digital_time_s);
}

std::vector<std::string> type_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const ContactTypeSpec& type : spec.contact_types) names.push_back(type.name);
  return names;
}

void check_contact_types(Checker& check, const ScenarioSpec& spec) {
  if (spec.contact_types.empty()) {
    check.fail("contact_types", "expected at least one contact type, found none");
    return;
  }
  check_names(check, "contact_types", type_names(spec));
  double share_sum = 0.0;
  for (std::size_t i = 0; i < spec.contact_types.size(); ++i) {
    const ContactTypeSpec& type = spec.contact_types[i];
    check_contact_type(check, entry_path("contact_types", i, type.name), type);
    share_sum += type.share;
  }
  if (!(std::abs(share_sum - 1.0) <= kShareTolerance))
    check.fail("contact_types", "expected shares summing to 1, found a sum of " + num(share_sum));
}

void check_breaks(Checker& check, const std::string& shift_path, const ShiftSpec& shift) {
  const std::string path = child(shift_path, "breaks");
  std::vector<std::size_t> by_start;
  for (std::size_t i = 0; i < shift.breaks.size(); ++i) {
    const BreakSpec& pause = shift.breaks[i];
    const std::string break_path = item(path, i);
    check.expect(pause.start_after_h >= 0 && pause.start_after_h < shift.length_h, child(break_path, "start_after_h"),
                 "an offset in [0, " + num(shift.length_h) + ") h, within the shift", pause.start_after_h);
    check.positive(child(break_path, "duration_min"), pause.duration_min);
    const double end_h = pause.start_after_h + pause.duration_min / 60.0;
    if (pause.start_after_h >= 0 && pause.start_after_h < shift.length_h && pause.duration_min > 0) {
      if (end_h > shift.length_h)
        check.fail(child(break_path, "duration_min"), "expected the break to end within the shift of " +
                                                          num(shift.length_h) + " h, found an end at " + num(end_h) + " h");
      by_start.push_back(i);
    }
  }
  std::sort(by_start.begin(), by_start.end(),
            [&](std::size_t a, std::size_t b) { return shift.breaks[a].start_after_h < shift.breaks[b].start_after_h; });
  for (std::size_t k = 1; k < by_start.size(); ++k) {
    const BreakSpec& earlier = shift.breaks[by_start[k - 1]];
    const BreakSpec& later = shift.breaks[by_start[k]];
    const double earlier_end_h = earlier.start_after_h + earlier.duration_min / 60.0;
    if (later.start_after_h < earlier_end_h)
      check.fail(child(item(path, by_start[k]), "start_after_h"),
                 "expected a start after the end of breaks[" + std::to_string(by_start[k - 1]) + "] at " +
                     num(earlier_end_h) + " h, found " + num(later.start_after_h));
  }
}

void check_shift(Checker& check, const std::string& path, const ShiftSpec& shift) {
  check.expect(shift.start_h >= 0 && shift.start_h < kHoursPerDay, child(path, "start_h"), "a time of day in [0, 24)",
               shift.start_h);
  check.expect(shift.length_h > 0 && shift.length_h <= kHoursPerDay, child(path, "length_h"), "a length in (0, 24]",
               shift.length_h);
  check.expect(shift.count >= 0, child(path, "count"), "a count >= 0", shift.count);
  check_breaks(check, path, shift);
}

void check_staffing(Checker& check, const ScenarioSpec& spec, const std::string& path, const AgentGroupSpec& group) {
  std::vector<std::string> given;
  if (!group.headcount.empty()) given.emplace_back("headcount");
  if (!group.shifts.empty()) given.emplace_back("shifts");
  expect_exactly_one(check, path, {"headcount", "shifts"}, given);

  const std::string headcount_path = child(path, "headcount");
  const std::size_t intervals = static_cast<std::size_t>(spec.intervals_per_day());
  if (group.headcount.size() > 1 && group.headcount.size() != intervals && interval_is_valid(spec.interval_minutes))
    check.fail(headcount_path, "expected 1 or " + std::to_string(intervals) + " values (" + per_interval(spec) +
                                   "), found " + std::to_string(group.headcount.size()));
  for (std::size_t i = 0; i < group.headcount.size(); ++i)
    check.expect(group.headcount[i] >= 0, item(headcount_path, i), "a headcount >= 0", group.headcount[i]);
  for (std::size_t i = 0; i < group.shifts.size(); ++i) check_shift(check, item(child(path, "shifts"), i), group.shifts[i]);
}

void check_skills(Checker& check, const std::vector<std::string>& known, const std::string& path,
                  const AgentGroupSpec& group) {
  if (known.empty()) return;  // the missing contact types are reported already
  for (std::size_t i = 0; i < group.skills.size(); ++i) {
    if (std::find(known.begin(), known.end(), group.skills[i]) == known.end())
      check.fail(item(child(path, "skills"), i),
                 "unknown contact type " + quoted(group.skills[i]) + " (known: " + join(known) + ")");
  }
}

bool serves(const AgentGroupSpec& group, const std::string& type) {
  return group.skills.empty() || std::find(group.skills.begin(), group.skills.end(), type) != group.skills.end();
}

int agent_count(const AgentGroupSpec& group) {
  int count = 0;
  for (int headcount : group.headcount) count += std::max(headcount, 0);
  for (const ShiftSpec& shift : group.shifts) count += std::max(shift.count, 0);
  return count;
}

void check_agent_groups(Checker& check, const ScenarioSpec& spec) {
  if (spec.agent_groups.empty()) {
    check.fail("agents.groups", "expected at least one agent group, found none");
    return;
  }
  std::vector<std::string> names;
  for (const AgentGroupSpec& group : spec.agent_groups) names.push_back(group.name);
  check_names(check, "agents.groups", names);
  const std::vector<std::string> known_types = type_names(spec);
  for (std::size_t i = 0; i < spec.agent_groups.size(); ++i) {
    const AgentGroupSpec& group = spec.agent_groups[i];
    const std::string path = entry_path("agents.groups", i, group.name);
    check_skills(check, known_types, path, group);
    check_staffing(check, spec, path, group);
    check.positive(child(path, "handle_time_multiplier"), group.handle_time_multiplier);
    check.non_negative(child(path, "handle_time_multiplier_cv"), group.handle_time_multiplier_cv);
  }
  const bool any_agent = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                     [](const AgentGroupSpec& group) { return agent_count(group) > 0; });
  if (!any_agent) check.fail("agents.groups", "expected at least one agent, found only headcounts and shift counts of 0");
}

void check_coverage(Checker& check, const ScenarioSpec& spec) {
  const bool any_agent = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                     [](const AgentGroupSpec& group) { return agent_count(group) > 0; });
  if (!any_agent) return;  // reported once for agents.groups
  for (std::size_t i = 0; i < spec.contact_types.size(); ++i) {
    const std::string& type = spec.contact_types[i].name;
    const bool has_skill = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                       [&](const AgentGroupSpec& group) { return serves(group, type); });
    // A type nobody can ever answer would wait forever (and an arrival-count run never drain).
    const bool staffed = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(), [&](const AgentGroupSpec& group) {
      return serves(group, type) && agent_count(group) > 0;
    });
    if (!has_skill)
      check.fail(entry_path("contact_types", i, type),
                 "expected at least one agent group with the skill " + quoted(type) + ", found none");
    else if (!staffed)
      check.fail(entry_path("contact_types", i, type),
                 "expected at least one agent able to serve " + quoted(type) + ", found only groups without agents");
  }
}

// Ranges as documented in workforce.hpp.
void check_workforce_ranges(Checker& check, const WorkforceSpec& w) {
  const FatigueSpec& fatigue = w.fatigue;
  check.non_negative("workforce.fatigue.rate_per_hour", fatigue.rate_per_hour);
  check.non_negative("workforce.fatigue.after_call_work_load", fatigue.after_call_work_load);
  check.non_negative("workforce.fatigue.back_to_back_gap_s", fatigue.back_to_back_gap_s);
  check.at_least_1("workforce.fatigue.back_to_back_factor", fatigue.back_to_back_factor);
  check.positive("workforce.fatigue.idle_recovery_h", fatigue.idle_recovery_h);
  check.positive("workforce.fatigue.break_recovery_h", fatigue.break_recovery_h);
  check.positive("workforce.fatigue.off_recovery_h", fatigue.off_recovery_h);

  const StrainSpec& strain = w.strain;
  check.non_negative("workforce.strain.per_residual_fatigue", strain.per_residual_fatigue);
  check.non_negative("workforce.strain.per_overtime_hour", strain.per_overtime_hour);
  check.positive("workforce.strain.work_day_recovery_days", strain.work_day_recovery_days);
  check.positive("workforce.strain.rest_day_recovery_days", strain.rest_day_recovery_days);
  check.positive("workforce.strain.burnout_threshold", strain.burnout_threshold);

  const EffectsSpec& effects = w.effects;
  check.expect(effects.slowdown_fatigue_threshold >= 0 && effects.slowdown_fatigue_threshold <= 1,
               "workforce.effects.slowdown_fatigue_threshold", "a fatigue level in [0, 1]",
               effects.slowdown_fatigue_threshold);
  check.non_negative("workforce.effects.slowdown_per_fatigue", effects.slowdown_per_fatigue);
  check.non_negative("workforce.effects.speedup_per_waiting_per_agent", effects.speedup_per_waiting_per_agent);
  check.expect(effects.max_speedup >= 0 && effects.max_speedup < 1, "workforce.effects.max_speedup",
               "a fraction in [0, 1)", effects.max_speedup);
  check.expect(effects.resolution_loss_per_fatigue >= 0 && effects.resolution_loss_per_fatigue <= 1,
               "workforce.effects.resolution_loss_per_fatigue", "a fraction in [0, 1]",
               effects.resolution_loss_per_fatigue);
  check.non_negative("workforce.effects.absence_strain_coefficient", effects.absence_strain_coefficient);
  check.non_negative("workforce.effects.attrition_strain_coefficient", effects.attrition_strain_coefficient);

  check.probability_below_1("workforce.absence.daily_probability", w.absence.daily_probability);

  check.probability_below_1("workforce.attrition.annual_rate", w.attrition.annual_rate);
  check.probability_below_1("workforce.attrition.early_annual_rate", w.attrition.early_annual_rate);
  check.non_negative("workforce.attrition.early_tenure_days", w.attrition.early_tenure_days);
  // Without any attrition past early tenure there is no steady state to draw initial tenures from.
  if (w.steady_state_initial_tenure && w.attrition.annual_rate == 0.0)
    check.fail("workforce.attrition.annual_rate",
               "expected a rate > 0 with steady_state_initial_tenure: true (no steady state without attrition), "
               "found 0; set steady_state_initial_tenure: false and initial_tenure_days instead");

  const HiringSpec& hiring = w.hiring;
  check.non_negative("workforce.hiring.lead_time_days", hiring.lead_time_days);
  check.probability_below_1("workforce.hiring.no_show_probability", hiring.no_show_probability);
  check.non_negative("workforce.hiring.training_days", hiring.training_days);
  check.at_least_1("workforce.hiring.class_interval_days", hiring.class_interval_days);

  const LearningSpec& learning = w.learning;
  check.at_least_1("workforce.learning.initial_handle_time_multiplier", learning.initial_handle_time_multiplier);
  check.expect(learning.initial_resolution_multiplier > 0 && learning.initial_resolution_multiplier <= 1,
               "workforce.learning.initial_resolution_multiplier", "a multiplier in (0, 1]",
               learning.initial_resolution_multiplier);
  check.positive("workforce.learning.half_life_days", learning.half_life_days);

  const CostSpec& costs = w.costs;
  check.non_negative("workforce.costs.wage_per_hour", costs.wage_per_hour);
  check.non_negative("workforce.costs.hiring_cost_per_hire", costs.hiring_cost_per_hire);
  check.non_negative("workforce.costs.training_cost_per_hire", costs.training_cost_per_hire);
  check.expect(costs.training_hours_per_day >= 0 && costs.training_hours_per_day <= kHoursPerDay,
               "workforce.costs.training_hours_per_day", "a number of hours in [0, 24]", costs.training_hours_per_day);

  check.non_negative("workforce.initial_tenure_days", w.initial_tenure_days);
  check.non_negative("workforce.recovery_break_min", w.recovery_break_min);
  check.positive("workforce.hard_contact_load", w.hard_contact_load);
}

void check_workforce(Checker& check, const ScenarioSpec& spec) {
  if (!spec.workforce) return;
  // Fatigue, strain, absence and attrition advance with the clock and the roster day by day; a
  // run that stops after a number of arrivals has no calendar for them.
  if (spec.horizon.arrivals)
    check.fail("workforce", "employee dynamics need a horizon in days or hours, found arrivals");
  check_workforce_ranges(check, *spec.workforce);
}

bool any_digital_eligible(const ScenarioSpec& spec) {
  return std::any_of(spec.contact_types.begin(), spec.contact_types.end(),
                     [](const ContactTypeSpec& type) { return type.digital_eligible_share > 0; });
}

const char* channel_mode_name(ChannelMode mode) {
  switch (mode) {
    case ChannelMode::None: return "none";
    case ChannelMode::Forced: return "forced";
    case ChannelMode::Choice: return "choice";
  }
  return "unknown";
}

// Self-service that no contact type can use would leave a channel mode or lever without effect
// while the user believes it applied.
std::string no_eligible_type(std::string_view what) {
  return "no contact type is eligible for self-service (" + std::string(what) + " needs a digital_eligible_share > 0)";
}

// Ranges as documented in customers.hpp.
void check_customers(Checker& check, const ScenarioSpec& spec) {
  if (!spec.customers) return;
  const CustomerSpec& c = *spec.customers;
  const FrustrationSpec& frustration = c.frustration;
  check.non_negative("customers.frustration.per_minute_over_expected_wait", frustration.per_minute_over_expected_wait);
  check.non_negative("customers.frustration.expected_wait_s", frustration.expected_wait_s);
  check.non_negative("customers.frustration.per_abandonment", frustration.per_abandonment);
  check.non_negative("customers.frustration.per_repeat_contact", frustration.per_repeat_contact);
  check.non_negative("customers.frustration.per_forced_channel", frustration.per_forced_channel);
  check.non_negative("customers.frustration.per_failed_self_service", frustration.per_failed_self_service);
  check.non_negative("customers.frustration.handle_time_per_unit", frustration.handle_time_per_unit);
  check.non_negative("customers.frustration.emotional_load_per_unit", frustration.emotional_load_per_unit);

  const SatisfactionSpec& satisfaction = c.satisfaction;
  check.non_negative("customers.satisfaction.unresolved_penalty", satisfaction.unresolved_penalty);
  check.non_negative("customers.satisfaction.per_extra_contact", satisfaction.per_extra_contact);
  check.non_negative("customers.satisfaction.per_frustration", satisfaction.per_frustration);
  check.non_negative("customers.satisfaction.per_agent_fatigue", satisfaction.per_agent_fatigue);
  check.probability("customers.satisfaction.churn_if_satisfied", satisfaction.churn_if_satisfied);
  check.probability("customers.satisfaction.churn_if_dissatisfied", satisfaction.churn_if_dissatisfied);
  check.non_negative("customers.satisfaction.customer_value", satisfaction.customer_value);

  const ChannelSpec& channels = c.channels;
  if (channels.mode != ChannelMode::None && !spec.contact_types.empty() && !any_digital_eligible(spec))
    check.fail("customers.channels.mode", no_eligible_type(std::string("mode ") + channel_mode_name(channels.mode)));
  check.non_negative("customers.channels.wait_sensitivity_per_minute", channels.wait_sensitivity_per_minute);
  check.expect(channels.forced_success_multiplier >= 0 && channels.forced_success_multiplier <= 1,
               "customers.channels.forced_success_multiplier", "a multiplier in [0, 1]", channels.forced_success_multiplier);
  const std::string segments_path = "customers.channels.segments";
  std::vector<std::string> names;
  for (const SegmentSpec& segment : channels.segments) names.push_back(segment.name);
  check_names(check, segments_path, names);
  double share_sum = 0.0;
  for (std::size_t i = 0; i < channels.segments.size(); ++i) {
    const SegmentSpec& segment = channels.segments[i];
    check.share(child(entry_path(segments_path, i, segment.name), "share"), segment.share);
    share_sum += segment.share;
  }
  if (!channels.segments.empty() && !(std::abs(share_sum - 1.0) <= kShareTolerance))
    check.fail(segments_path, "expected shares summing to 1, found a sum of " + num(share_sum));

  check.probability("customers.repeat_probability", c.repeat_probability);
  check.non_negative("customers.repeat_delay_mean_days", c.repeat_delay_mean_days);
}

// Ranges as documented in policy_spec.hpp, and the sections a lever acts on.
void check_levers(Checker& check, const ScenarioSpec& spec, const std::string& path, const Levers& levers) {
  const auto at = [&](std::string_view lever) { return child(path, lever); };
  if (levers.handle_time_target)
    check.expect(*levers.handle_time_target > 0 && *levers.handle_time_target <= 1, at("handle_time_target"),
                 "a multiplier in (0, 1]", *levers.handle_time_target);
  if (levers.headcount_change)
    check.expect(std::isfinite(*levers.headcount_change) && *levers.headcount_change > -1, at("headcount_change"),
                 "a relative change > -1", *levers.headcount_change);
  if (levers.break_reduction) check.share(at("break_reduction"), *levers.break_reduction);
  if (levers.after_call_work_cut) check.share(at("after_call_work_cut"), *levers.after_call_work_cut);
  if (levers.root_cause_fix) check.share(at("root_cause_fix"), *levers.root_cause_fix);
  const auto strength = [&](std::string_view lever, const std::optional<double>& value) {
    if (value) check.expect(*value >= 0 && *value <= 1, at(lever), "a strength in [0, 1]", *value);
  };
  strength("scripting", levers.scripting);
  strength("empowerment", levers.empowerment);
  strength("flexible_scheduling", levers.flexible_scheduling);
  strength("manager_support", levers.manager_support);
  if (levers.recovery_breaks) check.non_negative(at("recovery_breaks"), *levers.recovery_breaks);

  // A lever on a mechanism the scenario has switched off would silently do nothing.
  const auto needs_workforce = [&](std::string_view lever, bool pulled) {
    if (pulled && !spec.workforce) check.fail(at(lever), std::string(lever) + " needs a workforce section, found none");
  };
  needs_workforce("recovery_breaks", levers.recovery_breaks.has_value());
  needs_workforce("flexible_scheduling", levers.flexible_scheduling.has_value());
  needs_workforce("manager_support", levers.manager_support.has_value());
  // `false` asks for no self-service, which every scenario can honour.
  const auto needs_self_service = [&](std::string_view lever, const std::optional<bool>& value) {
    if (!value.value_or(false)) return;
    if (!spec.customers)
      check.fail(at(lever), std::string(lever) + " needs a customers section, found none");
    else if (!spec.contact_types.empty() && !any_digital_eligible(spec))
      check.fail(at(lever), no_eligible_type(lever));
  };
  needs_self_service("digital_deflection", levers.digital_deflection);
  needs_self_service("digital_choice", levers.digital_choice);
  if (levers.digital_deflection.value_or(false) && levers.digital_choice.value_or(false))
    check.fail(path, "set at most one of digital_deflection, digital_choice to true (found both)");
}

void check_policies(Checker& check, const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const PolicySpec& policy : spec.policies) names.push_back(policy.name);
  check_names(check, "policies", names);
  for (std::size_t i = 0; i < spec.policies.size(); ++i) {
    const PolicySpec& policy = spec.policies[i];
    const std::string path = entry_path("policies", i, policy.name);
    // Comparisons report the scenario itself under this name.
    if (policy.name == "baseline")
      check.fail(path, "expected a policy name other than \"baseline\" (the scenario itself), found \"baseline\"");
    check_levers(check, spec, child(path, "levers"), policy.levers);
  }
}

void check_lever_effects(Checker& check, const LeverEffects& e) {
  check.non_negative("lever_effects.pressure_resolution_loss", e.pressure_resolution_loss);
  check.non_negative("lever_effects.pressure_fatigue_gain", e.pressure_fatigue_gain);
  check.non_negative("lever_effects.after_call_work_resolution_loss", e.after_call_work_resolution_loss);
  check.non_negative("lever_effects.scripting_resolution_loss", e.scripting_resolution_loss);
  check.non_negative("lever_effects.scripting_strain_gain", e.scripting_strain_gain);
  check.non_negative("lever_effects.empowerment_resolution_gain", e.empowerment_resolution_gain);
  check.fraction("lever_effects.empowerment_strain_relief", e.empowerment_strain_relief);
  check.fraction("lever_effects.flexible_absence_relief", e.flexible_absence_relief);
  check.fraction("lever_effects.support_attrition_relief", e.support_attrition_relief);
}

struct AnchorEntry {
  const char* key;
  ScoreAnchor ScorecardSpec::*anchor;
};
constexpr std::array<AnchorEntry, 12> kScoreAnchors{{
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

void check_scorecard(Checker& check, const ScorecardSpec& card) {
  for (const auto& [key, member] : kScoreAnchors) {
    const ScoreAnchor& anchor = card.*member;
    const std::string path = child("scorecard", key);
    // A component scores linearly between its anchors; equal anchors leave no line to score on.
    if (anchor.worst == anchor.best)
      check.fail(path, "expected different worst and best values, found " + num(anchor.worst) + " for both");
    check.non_negative(child(path, "weight"), anchor.weight);
  }
  check.non_negative("scorecard.cx_weight", card.cx_weight);
  check.non_negative("scorecard.ex_weight", card.ex_weight);
  check.non_negative("scorecard.cost_weight", card.cost_weight);
  if (card.cx_weight == 0 && card.ex_weight == 0 && card.cost_weight == 0)
    check.fail("scorecard", "expected at least one of cx_weight, ex_weight, cost_weight > 0, found all 0");
  check.non_negative("scorecard.discount_rate_per_year", card.discount_rate_per_year);
}

}  // namespace

std::vector<SpecIssue> validate(const ScenarioSpec& spec) {
  Checker check;
  check_general(check, spec);
  check_horizon(check, spec.horizon);
  check_demand(check, spec);
  check_contact_types(check, spec);
  check_agent_groups(check, spec);
  check_coverage(check, spec);
  check_workforce(check, spec);
  check_customers(check, spec);
  check_policies(check, spec);
  check_lever_effects(check, spec.lever_effects);
  check_scorecard(check, spec.scorecard);
  return check.take();
}

const char* to_string(Weekday day) noexcept {
  switch (day) {
    case Weekday::Monday: return "monday";
    case Weekday::Tuesday: return "tuesday";
    case Weekday::Wednesday: return "wednesday";
    case Weekday::Thursday: return "thursday";
    case Weekday::Friday: return "friday";
    case Weekday::Saturday: return "saturday";
    case Weekday::Sunday: return "sunday";
  }
  return "unknown";
}

}  // namespace txsim::model
