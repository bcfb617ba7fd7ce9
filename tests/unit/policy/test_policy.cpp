// Each lever moves exactly the fields documented in policy.hpp by the documented amount, and
// nothing else: every test compares the whole transformed scenario with the baseline, field by
// field.
#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario_builders.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/policy/policy.hpp"

// Levers are written with designated initializers ({.scripting = 0.5}) so that each test shows
// exactly the levers it pulls; leaving the others unset is the point, yet GCC before 14 warns about
// them under -Wextra.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

using namespace txsim;
using model::ScenarioSpec;
using policy::LeverEffects;
using policy::Levers;
using policy::PolicySpec;

namespace {

// --- A scenario flattened to (key path, value) pairs, so that two can be compared field by field.
// Lists every field of ScenarioSpec and the structs it holds; a field added to the model must be
// added here too, or a lever touching it would go unnoticed.

class Fields {
 public:
  explicit Fields(const ScenarioSpec& spec) { put(spec); }
  explicit Fields(const Levers& levers) { put("levers", levers); }
  const std::map<std::string, std::string>& map() const { return map_; }

 private:
  void set(const std::string& key, std::string value) { map_[key] = std::move(value); }
  void set(const std::string& key, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // round-trips exactly
    set(key, std::string(buffer, result.ptr));
  }
  void set(const std::string& key, int value) { set(key, std::to_string(value)); }
  void set(const std::string& key, bool value) { set(key, std::string(value ? "true" : "false")); }
  void set(const std::string& key, const char* value) { set(key, std::string(value)); }
  template <typename T>
  void set(const std::string& key, const std::optional<T>& value) {
    if (value) set(key, *value);
    else set(key, std::string("absent"));
  }
  void set(const std::string& key, const std::optional<std::uint64_t>& value) {
    set(key, value ? std::to_string(*value) : std::string("absent"));
  }
  template <typename Range, typename Put>
  void list(const std::string& key, const Range& range, Put put_one) {
    set(key + ".size", static_cast<int>(std::size(range)));
    int i = 0;
    for (const auto& element : range) put_one(key + "[" + std::to_string(i++) + "]", element);
  }
  template <typename Range>
  void values(const std::string& key, const Range& range) {
    list(key, range, [this](const std::string& k, const auto& v) { set(k, v); });
  }

  void put(const std::string& key, const rng::Distribution& d) {
    set(key + ".kind", static_cast<int>(d.kind));
    set(key + ".mean", d.mean);
    set(key + ".cv", d.cv);
    set(key + ".shape", d.shape);
    values(key + ".values", d.values);
  }
  void put(const std::string& key, const model::ContactTypeSpec& t) {
    set(key + ".name", t.name);
    set(key + ".share", t.share);
    set(key + ".priority", t.priority);
    put(key + ".handle_time", t.handle_time);
    put(key + ".after_call_work", t.after_call_work);
    put(key + ".patience", t.patience);
    set(key + ".balk_probability", t.balk_probability);
    set(key + ".redial_probability", t.redial_probability);
    put(key + ".redial_delay", t.redial_delay);
    set(key + ".emotional_load", t.emotional_load);
    set(key + ".resolution_probability", t.resolution_probability);
    set(key + ".complexity", t.complexity);
    set(key + ".avoidable_share", t.avoidable_share);
    set(key + ".demand_removed_share", t.demand_removed_share);
    set(key + ".demand_removed_ramp_months", t.demand_removed_ramp_months);
    set(key + ".digital_eligible_share", t.digital_eligible_share);
    set(key + ".digital_success_probability", t.digital_success_probability);
    set(key + ".digital_cost", t.digital_cost);
    set(key + ".digital_time_s", t.digital_time_s);
  }
  void put(const std::string& key, const model::ShiftSpec& s) {
    set(key + ".start_h", s.start_h);
    set(key + ".length_h", s.length_h);
    set(key + ".count", s.count);
    values(key + ".weekdays", s.weekdays);
    list(key + ".breaks", s.breaks, [this](const std::string& k, const model::BreakSpec& b) {
      set(k + ".start_after_h", b.start_after_h);
      set(k + ".duration_min", b.duration_min);
    });
  }
  void put(const std::string& key, const model::AgentGroupSpec& g) {
    set(key + ".name", g.name);
    values(key + ".skills", g.skills);
    values(key + ".headcount", g.headcount);
    list(key + ".shifts", g.shifts, [this](const std::string& k, const model::ShiftSpec& s) { put(k, s); });
    set(key + ".handle_time_multiplier", g.handle_time_multiplier);
    set(key + ".handle_time_multiplier_cv", g.handle_time_multiplier_cv);
  }
  void put(const std::string& key, const model::WorkforceSpec& w) {
    const std::string f = key + ".fatigue.";
    set(f + "rate_per_hour", w.fatigue.rate_per_hour);
    set(f + "after_call_work_load", w.fatigue.after_call_work_load);
    set(f + "back_to_back_gap_s", w.fatigue.back_to_back_gap_s);
    set(f + "back_to_back_factor", w.fatigue.back_to_back_factor);
    set(f + "idle_recovery_h", w.fatigue.idle_recovery_h);
    set(f + "break_recovery_h", w.fatigue.break_recovery_h);
    set(f + "off_recovery_h", w.fatigue.off_recovery_h);
    const std::string s = key + ".strain.";
    set(s + "per_residual_fatigue", w.strain.per_residual_fatigue);
    set(s + "per_overtime_hour", w.strain.per_overtime_hour);
    set(s + "work_day_recovery_days", w.strain.work_day_recovery_days);
    set(s + "rest_day_recovery_days", w.strain.rest_day_recovery_days);
    set(s + "burnout_threshold", w.strain.burnout_threshold);
    const std::string e = key + ".effects.";
    set(e + "slowdown_fatigue_threshold", w.effects.slowdown_fatigue_threshold);
    set(e + "slowdown_per_fatigue", w.effects.slowdown_per_fatigue);
    set(e + "speedup_per_waiting_per_agent", w.effects.speedup_per_waiting_per_agent);
    set(e + "max_speedup", w.effects.max_speedup);
    set(e + "resolution_loss_per_fatigue", w.effects.resolution_loss_per_fatigue);
    set(e + "absence_strain_coefficient", w.effects.absence_strain_coefficient);
    set(e + "attrition_strain_coefficient", w.effects.attrition_strain_coefficient);
    set(key + ".absence.daily_probability", w.absence.daily_probability);
    set(key + ".attrition.annual_rate", w.attrition.annual_rate);
    set(key + ".attrition.early_annual_rate", w.attrition.early_annual_rate);
    set(key + ".attrition.early_tenure_days", w.attrition.early_tenure_days);
    const std::string h = key + ".hiring.";
    set(h + "mode", static_cast<int>(w.hiring.mode));
    set(h + "lead_time_days", w.hiring.lead_time_days);
    set(h + "no_show_probability", w.hiring.no_show_probability);
    set(h + "training_days", w.hiring.training_days);
    set(h + "class_interval_days", w.hiring.class_interval_days);
    set(key + ".learning.initial_handle_time_multiplier", w.learning.initial_handle_time_multiplier);
    set(key + ".learning.initial_resolution_multiplier", w.learning.initial_resolution_multiplier);
    set(key + ".learning.half_life_days", w.learning.half_life_days);
    set(key + ".costs.wage_per_hour", w.costs.wage_per_hour);
    set(key + ".costs.hiring_cost_per_hire", w.costs.hiring_cost_per_hire);
    set(key + ".costs.training_cost_per_hire", w.costs.training_cost_per_hire);
    set(key + ".costs.training_hours_per_day", w.costs.training_hours_per_day);
    set(key + ".steady_state_initial_tenure", w.steady_state_initial_tenure);
    set(key + ".initial_tenure_days", w.initial_tenure_days);
    set(key + ".recovery_break_min", w.recovery_break_min);
    set(key + ".hard_contact_load", w.hard_contact_load);
  }
  void put(const std::string& key, const model::CustomerSpec& c) {
    const std::string f = key + ".frustration.";
    set(f + "per_minute_over_expected_wait", c.frustration.per_minute_over_expected_wait);
    set(f + "expected_wait_s", c.frustration.expected_wait_s);
    set(f + "per_abandonment", c.frustration.per_abandonment);
    set(f + "per_repeat_contact", c.frustration.per_repeat_contact);
    set(f + "per_forced_channel", c.frustration.per_forced_channel);
    set(f + "per_failed_self_service", c.frustration.per_failed_self_service);
    set(f + "handle_time_per_unit", c.frustration.handle_time_per_unit);
    set(f + "emotional_load_per_unit", c.frustration.emotional_load_per_unit);
    const std::string s = key + ".satisfaction.";
    set(s + "intercept", c.satisfaction.intercept);
    set(s + "unresolved_penalty", c.satisfaction.unresolved_penalty);
    set(s + "per_extra_contact", c.satisfaction.per_extra_contact);
    set(s + "per_frustration", c.satisfaction.per_frustration);
    set(s + "per_agent_fatigue", c.satisfaction.per_agent_fatigue);
    set(s + "churn_if_satisfied", c.satisfaction.churn_if_satisfied);
    set(s + "churn_if_dissatisfied", c.satisfaction.churn_if_dissatisfied);
    set(s + "customer_value", c.satisfaction.customer_value);
    set(key + ".channels.mode", static_cast<int>(c.channels.mode));
    set(key + ".channels.wait_sensitivity_per_minute", c.channels.wait_sensitivity_per_minute);
    set(key + ".channels.agent_effort_utility", c.channels.agent_effort_utility);
    list(key + ".channels.segments", c.channels.segments, [this](const std::string& k, const model::SegmentSpec& seg) {
      set(k + ".name", seg.name);
      set(k + ".share", seg.share);
      set(k + ".digital_preference", seg.digital_preference);
    });
    set(key + ".repeat_probability", c.repeat_probability);
    set(key + ".repeat_delay_mean_days", c.repeat_delay_mean_days);
  }
  void put(const std::string& key, const Levers& l) {
    set(key + ".handle_time_target", l.handle_time_target);
    set(key + ".headcount_change", l.headcount_change);
    set(key + ".break_reduction", l.break_reduction);
    set(key + ".after_call_work_cut", l.after_call_work_cut);
    set(key + ".scripting", l.scripting);
    set(key + ".digital_deflection", l.digital_deflection);
    set(key + ".digital_choice", l.digital_choice);
    set(key + ".root_cause_fix", l.root_cause_fix);
    set(key + ".empowerment", l.empowerment);
    set(key + ".recovery_breaks", l.recovery_breaks);
    set(key + ".flexible_scheduling", l.flexible_scheduling);
    set(key + ".manager_support", l.manager_support);
    set(key + ".tool_friction_fix", l.tool_friction_fix);
  }
  void put(const ScenarioSpec& spec) {
    set("name", spec.name);
    set("description", spec.description);
    set("currency", spec.currency);
    set("interval_minutes", spec.interval_minutes);
    set("service_level_threshold_s", spec.service_level_threshold_s);
    set("horizon.days", spec.horizon.days);
    set("horizon.hours", spec.horizon.hours);
    set("horizon.arrivals", spec.horizon.arrivals);
    set("horizon.warmup_hours", spec.horizon.warmup_hours);
    set("horizon.start_weekday", static_cast<int>(spec.horizon.start_weekday));
    set("demand.rate_per_hour", spec.demand.rate_per_hour);
    set("demand.daily_volume", spec.demand.daily_volume);
    values("demand.intraday_profile", spec.demand.intraday_profile);
    values("demand.day_of_week_factors", spec.demand.day_of_week_factors);
    set("demand.busyness_shape", spec.demand.busyness_shape);
    list("contact_types", spec.contact_types, [this](const std::string& k, const model::ContactTypeSpec& t) { put(k, t); });
    set("queue.capacity", spec.queue.capacity);
    list("agent_groups", spec.agent_groups, [this](const std::string& k, const model::AgentGroupSpec& g) { put(k, g); });
    set("workforce", spec.workforce ? "present" : "absent");
    if (spec.workforce) put("workforce", *spec.workforce);
    set("customers", spec.customers ? "present" : "absent");
    if (spec.customers) put("customers", *spec.customers);
  }

  std::map<std::string, std::string> map_;
};

/// Key paths whose values differ between the two specs, or that exist in only one, sorted.
std::vector<std::string> changed_fields(const ScenarioSpec& before, const ScenarioSpec& after) {
  const Fields before_fields(before);
  const Fields after_fields(after);
  const auto& a = before_fields.map();
  const auto& b = after_fields.map();
  std::vector<std::string> changed;
  for (const auto& [key, value] : a) {
    const auto it = b.find(key);
    if (it == b.end() || it->second != value) changed.push_back(key);
  }
  for (const auto& [key, value] : b)
    if (!a.contains(key)) changed.push_back(key);
  std::sort(changed.begin(), changed.end());
  return changed;
}

PolicySpec make_policy(Levers levers, std::string name = "trial") { return {std::move(name), "", levers}; }

ScenarioSpec apply(const ScenarioSpec& baseline, const PolicySpec& policy, const LeverEffects& effects = {}) {
  return policy::apply_policy(baseline, policy, effects);
}

/// The fields a policy changes, leaving out the name (which every policy changes).
std::vector<std::string> moved_by(const ScenarioSpec& baseline, const Levers& levers, const LeverEffects& effects = {}) {
  std::vector<std::string> changed = changed_fields(baseline, apply(baseline, make_policy(levers), effects));
  std::erase_if(changed, [](const std::string& key) { return key == "name"; });
  return changed;
}

std::vector<std::string> sorted(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  return keys;
}

/// A centre with employee dynamics and customers, two contact types that differ in every field
/// a lever reads, shift and headcount groups, and one policy of its own.
ScenarioSpec rich_baseline() {
  ScenarioSpec spec = testing::workforce_centre(20, 800, 14);
  model::ContactTypeSpec& calls = spec.contact_types[0];
  calls.share = 0.6;
  calls.avoidable_share = 0.2;
  model::ContactTypeSpec billing;
  billing.name = "billing";
  billing.share = 0.4;
  billing.handle_time = rng::Distribution::empirical({120.0, 300.0, 600.0});
  billing.after_call_work = rng::Distribution::gamma(30.0, 0.5);
  billing.resolution_probability = 0.6;
  billing.complexity = 0.9;
  billing.avoidable_share = 0.5;
  billing.digital_eligible_share = 0.5;
  spec.contact_types.push_back(billing);
  model::AgentGroupSpec back_office;
  back_office.name = "back_office";
  back_office.skills = {"billing"};
  back_office.headcount = {3};
  spec.agent_groups.push_back(back_office);
  spec.customers = model::CustomerSpec{};
  return spec;
}

constexpr const char* kCalls = "contact_types[0]";
constexpr const char* kBilling = "contact_types[1]";
std::string at(const char* prefix, const char* key) { return std::string(prefix) + "." + key; }

/// validate()'s issues as one line, empty for a valid scenario (so that a failure shows them).
std::string issues(const ScenarioSpec& spec) {
  std::string text;
  for (const model::SpecIssue& issue : model::validate(spec)) text += issue.key_path + ": " + issue.message + "; ";
  return text;
}

/// The rules a policy breaks against `baseline`, one line (empty if none).
std::string rejection(const ScenarioSpec& baseline, const Levers& levers) {
  std::string text;
  for (const model::SpecIssue& issue : policy::validate_policies(baseline, {make_policy(levers)}))
    text += issue.key_path + ": " + issue.message + "; ";
  return text;
}

}  // namespace

TEST_CASE("the rich baseline is a valid scenario") { CHECK(issues(rich_baseline()) == ""); }

TEST_CASE("the field comparison notices a change in any field, including removed list entries") {
  const ScenarioSpec base = rich_baseline();
  ScenarioSpec changed = base;
  changed.currency = "USD";
  changed.agent_groups[0].shifts[0].breaks.pop_back();
  CHECK(changed_fields(base, changed) ==
        sorted({"currency", "agent_groups[0].shifts[0].breaks.size",
                "agent_groups[0].shifts[0].breaks[1].start_after_h", "agent_groups[0].shifts[0].breaks[1].duration_min"}));
  CHECK(changed_fields(base, base).empty());
}

TEST_CASE("an empty policy returns the baseline with the policy's name") {
  const ScenarioSpec base = rich_baseline();
  const ScenarioSpec copy = base;
  const ScenarioSpec result = apply(base, make_policy({}, "status-quo"));
  CHECK(result.name == "workforce/status-quo");
  CHECK(result.description == base.description);
  CHECK(sorted(changed_fields(base, result)) == std::vector<std::string>{"name"});
  CHECK(changed_fields(copy, base).empty());  // the input is untouched
}

TEST_CASE("a handle-time target shortens talk time, costs resolution and tires agents faster") {
  const ScenarioSpec base = rich_baseline();
  const double t = 0.8;
  const ScenarioSpec result = apply(base, make_policy({.handle_time_target = t}));
  CHECK(moved_by(base, {.handle_time_target = t}) ==
        sorted({at(kCalls, "handle_time.mean"), at(kCalls, "resolution_probability"), at(kBilling, "handle_time.mean"),
                at(kBilling, "handle_time.values[0]"), at(kBilling, "handle_time.values[1]"),
                at(kBilling, "handle_time.values[2]"), at(kBilling, "resolution_probability"),
                "workforce.fatigue.rate_per_hour"}));
  const double resolution_factor = 1.0 - 0.6 * (1.0 - t);
  CHECK(result.contact_types[0].handle_time.mean == doctest::Approx(240.0 * t));
  CHECK(result.contact_types[0].handle_time.cv == base.contact_types[0].handle_time.cv);
  CHECK(result.contact_types[1].handle_time.values == std::vector<double>{120.0 * t, 300.0 * t, 600.0 * t});
  CHECK(result.contact_types[1].handle_time.mean == doctest::Approx(340.0 * t));
  CHECK(result.contact_types[0].resolution_probability == doctest::Approx(0.75 * resolution_factor));
  CHECK(result.contact_types[1].resolution_probability == doctest::Approx(0.6 * resolution_factor));
  CHECK(result.workforce->fatigue.rate_per_hour == doctest::Approx(0.15 * (1.0 + 2.0 * (1.0 - t))));
}

TEST_CASE("a handle-time target scales deterministic talk time and needs no workforce") {
  ScenarioSpec base = testing::single_queue(100.0, rng::Distribution::deterministic(200.0), 5);
  CHECK(moved_by(base, {.handle_time_target = 0.5}) ==
        sorted({at(kCalls, "handle_time.mean"), at(kCalls, "resolution_probability")}));
  CHECK(apply(base, make_policy({.handle_time_target = 0.5})).contact_types[0].handle_time.mean == 100.0);
  // A target of 1 is today's handle time: nothing moves.
  CHECK(moved_by(base, {.handle_time_target = 1.0}).empty());
}

TEST_CASE("a headcount change scales every headcount and shift count") {
  const ScenarioSpec base = rich_baseline();
  const ScenarioSpec result = apply(base, make_policy({.headcount_change = 0.25}));
  CHECK(moved_by(base, {.headcount_change = 0.25}) ==
        sorted({"agent_groups[0].shifts[0].count", "agent_groups[1].headcount[0]"}));
  CHECK(result.agent_groups[0].shifts[0].count == 25);
  CHECK(result.agent_groups[1].headcount[0] == 4);  // 3.75 rounds to 4
}

TEST_CASE("a headcount change rounds to the nearest agent, halves away from zero, and never goes below zero") {
  ScenarioSpec base = testing::single_queue(100.0, rng::Distribution::exponential(200.0), 5);
  base.interval_minutes = 60;
  base.agent_groups[0].headcount.assign(24, 0);
  const std::vector<int> counts{0, 1, 2, 3, 5, 10, 7};
  std::copy(counts.begin(), counts.end(), base.agent_groups[0].headcount.begin());
  const ScenarioSpec halved = apply(base, make_policy({.headcount_change = -0.5}));
  CHECK(std::vector<int>(halved.agent_groups[0].headcount.begin(), halved.agent_groups[0].headcount.begin() + 7) ==
        std::vector<int>{0, 1, 1, 2, 3, 5, 4});  // 0.5 -> 1, 1.5 -> 2, 2.5 -> 3, 3.5 -> 4
  const ScenarioSpec cut = apply(base, make_policy({.headcount_change = -0.95}));
  CHECK(std::vector<int>(cut.agent_groups[0].headcount.begin(), cut.agent_groups[0].headcount.begin() + 7) ==
        std::vector<int>{0, 0, 0, 0, 0, 1, 0});
  // An invalid negative count (caught by validate) is not made more negative.
  base.agent_groups[0].headcount[0] = -2;
  CHECK(apply(base, make_policy({.headcount_change = 0.5})).agent_groups[0].headcount[0] == 0);
}

TEST_CASE("a headcount change on many small shifts changes the group total, shared by largest remainder") {
  ScenarioSpec base = testing::workforce_centre(3, 1000.0, 7);
  const model::ShiftSpec shift = base.agent_groups[0].shifts[0];
  base.agent_groups[0].shifts.assign(7, shift);  // seven shifts of 3: rounding each alone would keep 21
  const auto counts = [](const ScenarioSpec& spec) {
    std::vector<int> out;
    for (const auto& s : spec.agent_groups[0].shifts) out.push_back(s.count);
    return out;
  };
  // 21 x 0.9 = 18.9 -> 19: two shifts lose an agent (equal remainders go in file order).
  CHECK(counts(apply(base, make_policy({.headcount_change = -0.1}))) == std::vector<int>{3, 3, 3, 3, 3, 2, 2});
  // 21 x 1.1 = 23.1 -> 23: two shifts gain one.
  CHECK(counts(apply(base, make_policy({.headcount_change = 0.1}))) == std::vector<int>{4, 4, 3, 3, 3, 3, 3});
}

TEST_CASE("a break reduction shortens every break and nothing else") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.break_reduction = 0.4}) ==
        sorted({"agent_groups[0].shifts[0].breaks[0].duration_min", "agent_groups[0].shifts[0].breaks[1].duration_min"}));
  const ScenarioSpec result = apply(base, make_policy({.break_reduction = 0.4}));
  CHECK(result.agent_groups[0].shifts[0].breaks[0].duration_min == doctest::Approx(9.0));
  CHECK(result.agent_groups[0].shifts[0].breaks[1].duration_min == doctest::Approx(18.0));
  CHECK(result.agent_groups[0].shifts[0].breaks[1].start_after_h == 4.0);
}

TEST_CASE("a break reduction of 100% removes every break, and the scenario stays valid") {
  const ScenarioSpec base = rich_baseline();
  const ScenarioSpec result = apply(base, make_policy({.break_reduction = 1.0}));
  CHECK(result.agent_groups[0].shifts[0].breaks.empty());
  CHECK(moved_by(base, {.break_reduction = 1.0}) ==
        sorted({"agent_groups[0].shifts[0].breaks.size", "agent_groups[0].shifts[0].breaks[0].start_after_h",
                "agent_groups[0].shifts[0].breaks[0].duration_min", "agent_groups[0].shifts[0].breaks[1].start_after_h",
                "agent_groups[0].shifts[0].breaks[1].duration_min"}));
  CHECK(issues(result) == "");
}

TEST_CASE("an after-call work cut shortens wrap-up and costs resolution") {
  const ScenarioSpec base = rich_baseline();
  const double a = 0.5;
  CHECK(moved_by(base, {.after_call_work_cut = a}) ==
        sorted({at(kCalls, "after_call_work.mean"), at(kCalls, "resolution_probability"),
                at(kBilling, "after_call_work.mean"), at(kBilling, "resolution_probability")}));
  const ScenarioSpec result = apply(base, make_policy({.after_call_work_cut = a}));
  CHECK(result.contact_types[0].after_call_work.mean == doctest::Approx(10.0));
  CHECK(result.contact_types[1].after_call_work.mean == doctest::Approx(15.0));
  CHECK(result.contact_types[1].after_call_work.cv == 0.5);
  CHECK(result.contact_types[0].resolution_probability == doctest::Approx(0.75 * (1.0 - 0.15 * a)));
  CHECK(result.contact_types[1].resolution_probability == doctest::Approx(0.6 * (1.0 - 0.15 * a)));
}

TEST_CASE("a full after-call work cut leaves a deterministic wrap-up of zero, whatever the kind") {
  const ScenarioSpec base = rich_baseline();
  const ScenarioSpec result = apply(base, make_policy({.after_call_work_cut = 1.0}));
  CHECK(moved_by(base, {.after_call_work_cut = 1.0}) ==
        sorted({at(kCalls, "after_call_work.mean"), at(kCalls, "resolution_probability"),
                at(kBilling, "after_call_work.kind"), at(kBilling, "after_call_work.mean"), at(kBilling, "after_call_work.cv"),
                at(kBilling, "resolution_probability")}));
  for (const model::ContactTypeSpec& type : result.contact_types) {
    CHECK(type.after_call_work.kind == rng::DistributionKind::Deterministic);
    CHECK(type.after_call_work.mean == 0.0);
  }
  CHECK(issues(result) == "");
}

TEST_CASE("an after-call work cut keeps a wrap-up of zero at zero") {
  const ScenarioSpec base = testing::single_queue(100.0, rng::Distribution::exponential(200.0), 5);
  CHECK(moved_by(base, {.after_call_work_cut = 1.0}) == std::vector<std::string>{at(kCalls, "resolution_probability")});
  CHECK(apply(base, make_policy({.after_call_work_cut = 1.0})).contact_types[0].after_call_work.mean == 0.0);
}

TEST_CASE("a duration of kind none is left as it is") {
  ScenarioSpec base = testing::single_queue(100.0, rng::Distribution::exponential(200.0), 5);
  base.contact_types[0].after_call_work = rng::Distribution::none();  // invalid, but must not be scaled into one
  base.contact_types[0].after_call_work.mean = 7.0;
  CHECK(moved_by(base, {.after_call_work_cut = 0.5}) == std::vector<std::string>{at(kCalls, "resolution_probability")});
}

TEST_CASE("scripting costs resolution in proportion to complexity and adds strain") {
  const ScenarioSpec base = rich_baseline();
  const double s = 0.6;
  CHECK(moved_by(base, {.scripting = s}) ==
        sorted({at(kCalls, "resolution_probability"), at(kBilling, "resolution_probability"),
                "workforce.strain.per_residual_fatigue"}));
  const ScenarioSpec result = apply(base, make_policy({.scripting = s}));
  CHECK(result.contact_types[0].resolution_probability == doctest::Approx(0.75 * (1.0 - 0.3 * s * 0.5)));
  CHECK(result.contact_types[1].resolution_probability == doctest::Approx(0.6 * (1.0 - 0.3 * s * 0.9)));
  CHECK(result.workforce->strain.per_residual_fatigue == doctest::Approx(0.25 * (1.0 + 0.5 * s)));
}

TEST_CASE("digital deflection forces the channel and digital choice offers it, and nothing else moves") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.digital_deflection = true}) == std::vector<std::string>{"customers.channels.mode"});
  CHECK(apply(base, make_policy({.digital_deflection = true})).customers->channels.mode ==
        model::ChannelMode::Forced);
  CHECK(moved_by(base, {.digital_choice = true}) == std::vector<std::string>{"customers.channels.mode"});
  CHECK(apply(base, make_policy({.digital_choice = true})).customers->channels.mode == model::ChannelMode::Choice);
}

TEST_CASE("a digital lever set to false leaves the baseline's channel mode") {
  ScenarioSpec base = rich_baseline();
  base.customers->channels.mode = model::ChannelMode::Choice;
  CHECK(moved_by(base, {.digital_deflection = false}).empty());
  CHECK(moved_by(base, {.digital_deflection = false, .digital_choice = true}).empty());
}

TEST_CASE("a root-cause fix removes its share of each type's avoidable demand, phased in over the ramp") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.root_cause_fix = 0.5}) ==
        sorted({at(kCalls, "demand_removed_share"), at(kCalls, "demand_removed_ramp_months"),
                at(kBilling, "demand_removed_share"), at(kBilling, "demand_removed_ramp_months")}));
  const ScenarioSpec result = apply(base, make_policy({.root_cause_fix = 0.5}));
  CHECK(result.contact_types[0].demand_removed_share == doctest::Approx(0.1));
  CHECK(result.contact_types[1].demand_removed_share == doctest::Approx(0.25));
  CHECK(result.contact_types[0].demand_removed_ramp_months == 6.0);
  LeverEffects at_once;
  at_once.root_cause_ramp_months = 0.0;
  CHECK(moved_by(base, {.root_cause_fix = 0.5}, at_once) ==
        sorted({at(kCalls, "demand_removed_share"), at(kBilling, "demand_removed_share")}));
}

TEST_CASE("a tool-friction fix shortens talk time and wrap-up by the stated factor and relieves strain") {
  const ScenarioSpec base = rich_baseline();
  const double s = 0.5;
  CHECK(moved_by(base, {.tool_friction_fix = s}) ==
        sorted({at(kCalls, "handle_time.mean"), at(kCalls, "after_call_work.mean"), at(kBilling, "handle_time.mean"),
                at(kBilling, "handle_time.values[0]"), at(kBilling, "handle_time.values[1]"),
                at(kBilling, "handle_time.values[2]"), at(kBilling, "after_call_work.mean"),
                "workforce.strain.per_residual_fatigue"}));
  const ScenarioSpec result = apply(base, make_policy({.tool_friction_fix = s}));
  const double factor = 1.0 - 0.1 * s;  // default tool_friction_handle_time_reduction 0.1
  CHECK(result.contact_types[0].handle_time.mean == doctest::Approx(240.0 * factor));
  CHECK(result.contact_types[0].handle_time.cv == base.contact_types[0].handle_time.cv);
  CHECK(result.contact_types[0].after_call_work.mean == doctest::Approx(20.0 * factor));
  CHECK(result.contact_types[1].handle_time.values == std::vector<double>{120.0 * factor, 300.0 * factor, 600.0 * factor});
  CHECK(result.contact_types[1].after_call_work.mean == doctest::Approx(30.0 * factor));
  CHECK(result.contact_types[1].after_call_work.cv == base.contact_types[1].after_call_work.cv);
  CHECK(result.workforce->strain.per_residual_fatigue == doctest::Approx(0.25 * (1.0 - 0.15 * s)));
  // Resolution is untouched: the fix speeds the agent up, it does not make the answer better.
  CHECK(result.contact_types[0].resolution_probability == base.contact_types[0].resolution_probability);
  LeverEffects none;
  none.tool_friction_handle_time_reduction = 0.0;
  none.tool_friction_strain_relief = 0.0;
  CHECK(moved_by(base, {.tool_friction_fix = 1.0}, none).empty());
}

TEST_CASE("a lever's cost strength is its value, 1 for a true boolean, 1 - t for a target, |c| for headcount") {
  using policy::Lever;
  using policy::lever_strength;
  CHECK(lever_strength({.handle_time_target = 0.85}, Lever::HandleTimeTarget) == doctest::Approx(0.15));
  CHECK(lever_strength({.headcount_change = -0.1}, Lever::HeadcountChange) == 0.1);
  CHECK(lever_strength({.headcount_change = 0.2}, Lever::HeadcountChange) == 0.2);
  CHECK(lever_strength({.digital_choice = true}, Lever::DigitalChoice) == 1.0);
  CHECK(lever_strength({.digital_choice = false}, Lever::DigitalChoice) == 0.0);
  CHECK(lever_strength({.recovery_breaks = 3.0}, Lever::RecoveryBreaks) == 3.0);
  CHECK(lever_strength({.tool_friction_fix = 0.4}, Lever::ToolFrictionFix) == 0.4);
  CHECK(lever_strength({}, Lever::RootCauseFix) == 0.0);
}

TEST_CASE("rostered agents count shift counts, or the largest interval headcount without shifts") {
  ScenarioSpec base = rich_baseline();  // one shift of 20, and 3 back-office agents by headcount
  CHECK(policy::rostered_agents(base) == 23.0);
  base.agent_groups[1].headcount = {2, 5, 4};
  CHECK(policy::rostered_agents(base) == 25.0);
}

TEST_CASE("a policy's implementation cost sums its levers' costs, scaled as each says") {
  policy::LeverCosts costs;
  for (policy::LeverCost& cost : costs.costs) cost = {};  // free unless set below
  const auto at_lever = [&](policy::Lever lever) -> policy::LeverCost& { return costs.costs[static_cast<std::size_t>(lever)]; };
  at_lever(policy::Lever::RootCauseFix) = {1000.0, 10.0, policy::CostScaling::StrengthAndAgents};
  at_lever(policy::Lever::DigitalChoice) = {50'000.0, 2'000.0, policy::CostScaling::Fixed};
  at_lever(policy::Lever::ManagerSupport) = {0.0, 300.0, policy::CostScaling::Agents};
  at_lever(policy::Lever::Scripting) = {8'000.0, 100.0, policy::CostScaling::Strength};
  const double agents = 40.0;
  // By hand: root cause 1000 x 0.5 x 40 = 20,000 and 10 x 0.5 x 40 = 200 a month; digital choice
  // 50,000 and 2,000; manager support 300 x 40 = 12,000 a month; scripting 8,000 x 0.25 = 2,000
  // and 25 a month.
  const auto cost = policy::implementation_cost(
      {.scripting = 0.25, .digital_choice = true, .root_cause_fix = 0.5, .manager_support = 0.1}, costs, agents);
  CHECK(cost.one_off == doctest::Approx(72'000.0).epsilon(1e-15));
  CHECK(cost.per_month == doctest::Approx(14'225.0).epsilon(1e-15));
  // A lever unset, false or at strength 0 is not implemented and costs nothing.
  const auto idle = policy::implementation_cost({.digital_choice = false, .root_cause_fix = 0.0}, costs, agents);
  CHECK(idle.one_off == 0.0);
  CHECK(idle.per_month == 0.0);
  CHECK(policy::implementation_cost({}, policy::LeverCosts{}, agents).one_off == 0.0);
}

TEST_CASE("no lever is free by default") {
  const policy::LeverCosts defaults;
  for (std::size_t i = 0; i < policy::kLeverCount; ++i) {
    CAPTURE(policy::kLeverInfo[i].name);
    const policy::LeverCost& cost = defaults.costs[i];
    CHECK(cost.one_off >= 0.0);
    CHECK(cost.per_month >= 0.0);
    CHECK(cost.one_off + cost.per_month > 0.0);
  }
}

TEST_CASE("a break cut pays for the redesign of the rota once, per rostered agent, whatever its depth") {
  const policy::LeverCosts defaults;
  const double agents = 77.0;
  for (const double reduction : {0.1, 0.5, 1.0}) {
    CAPTURE(reduction);
    const auto cost = policy::implementation_cost({.break_reduction = reduction}, defaults, agents);
    CHECK(cost.one_off == doctest::Approx(100.0 * 77.0).epsilon(1e-15));
    CHECK(cost.per_month == 0.0);
  }
  CHECK(policy::implementation_cost({.break_reduction = 0.0}, defaults, agents).one_off == 0.0);
}

TEST_CASE("empowerment closes part of the resolution gap and relieves strain") {
  const ScenarioSpec base = rich_baseline();
  const double e = 0.8;
  CHECK(moved_by(base, {.empowerment = e}) ==
        sorted({at(kCalls, "resolution_probability"), at(kBilling, "resolution_probability"),
                "workforce.strain.per_residual_fatigue"}));
  const ScenarioSpec result = apply(base, make_policy({.empowerment = e}));
  CHECK(result.contact_types[0].resolution_probability == doctest::Approx(0.75 + 0.5 * e * 0.25));
  CHECK(result.contact_types[1].resolution_probability == doctest::Approx(0.6 + 0.5 * e * 0.4));
  CHECK(result.workforce->strain.per_residual_fatigue == doctest::Approx(0.25 * (1.0 - 0.3 * e)));
}

TEST_CASE("recovery breaks set the recovery break after a hard contact") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.recovery_breaks = 5.0}) == std::vector<std::string>{"workforce.recovery_break_min"});
  CHECK(apply(base, make_policy({.recovery_breaks = 5.0})).workforce->recovery_break_min == 5.0);
}

TEST_CASE("flexible scheduling lowers the absence probability") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.flexible_scheduling = 0.5}) == std::vector<std::string>{"workforce.absence.daily_probability"});
  CHECK(apply(base, make_policy({.flexible_scheduling = 0.5})).workforce->absence.daily_probability ==
        doctest::Approx(0.05 * (1.0 - 0.3 * 0.5)));
}

TEST_CASE("manager support lowers both attrition rates") {
  const ScenarioSpec base = rich_baseline();
  CHECK(moved_by(base, {.manager_support = 1.0}) ==
        sorted({"workforce.attrition.annual_rate", "workforce.attrition.early_annual_rate"}));
  const ScenarioSpec result = apply(base, make_policy({.manager_support = 1.0}));
  CHECK(result.workforce->attrition.annual_rate == doctest::Approx(0.30 * 0.7));
  CHECK(result.workforce->attrition.early_annual_rate == doctest::Approx(0.70 * 0.7));
}

TEST_CASE("the effect sizes come from the study's lever_effects") {
  const ScenarioSpec base = rich_baseline();
  LeverEffects effects;
  effects.support_attrition_relief = 0.0;
  effects.pressure_fatigue_gain = 0.0;
  effects.pressure_resolution_loss = 0.1;
  CHECK(moved_by(base, {.manager_support = 1.0}, effects).empty());
  const ScenarioSpec result = apply(base, make_policy({.handle_time_target = 0.5}), effects);
  CHECK(result.workforce->fatigue.rate_per_hour == 0.15);
  CHECK(result.contact_types[0].resolution_probability == doctest::Approx(0.75 * (1.0 - 0.1 * 0.5)));
}

TEST_CASE("two levers compose: resolution changes multiply in lever order, strain factors multiply") {
  const ScenarioSpec base = rich_baseline();
  const Levers levers{.handle_time_target = 0.85, .scripting = 0.5, .empowerment = 0.6};
  const ScenarioSpec result = apply(base, make_policy(levers));
  CHECK(moved_by(base, levers) ==
        sorted({at(kCalls, "handle_time.mean"), at(kCalls, "resolution_probability"), at(kBilling, "handle_time.mean"),
                at(kBilling, "handle_time.values[0]"), at(kBilling, "handle_time.values[1]"),
                at(kBilling, "handle_time.values[2]"), at(kBilling, "resolution_probability"),
                "workforce.fatigue.rate_per_hour", "workforce.strain.per_residual_fatigue"}));
  for (std::size_t i = 0; i < 2; ++i) {
    const model::ContactTypeSpec& type = base.contact_types[i];
    double r = type.resolution_probability * (1.0 - 0.6 * 0.15);
    r *= 1.0 - 0.3 * 0.5 * type.complexity;
    r += 0.5 * 0.6 * (1.0 - r);
    CHECK(result.contact_types[i].resolution_probability == doctest::Approx(r));
  }
  CHECK(result.workforce->strain.per_residual_fatigue == doctest::Approx(0.25 * (1.0 + 0.5 * 0.5) * (1.0 - 0.3 * 0.6)));

  // Applying the levers one policy at a time gives the same scenario.
  const ScenarioSpec step1 = apply(base, make_policy({.handle_time_target = 0.85}));
  const ScenarioSpec step2 = apply(step1, make_policy({.scripting = 0.5}));
  const ScenarioSpec step3 = apply(step2, make_policy({.empowerment = 0.6}));
  CHECK(sorted(changed_fields(result, step3)) == std::vector<std::string>{"name"});
}

TEST_CASE("a headcount cut and a break reduction compose without touching each other's fields") {
  const ScenarioSpec base = rich_baseline();
  const ScenarioSpec result = apply(base, make_policy({.headcount_change = -0.1, .break_reduction = 0.5}));
  CHECK(moved_by(base, {.headcount_change = -0.1, .break_reduction = 0.5}) ==
        sorted({"agent_groups[0].shifts[0].count", "agent_groups[0].shifts[0].breaks[0].duration_min",
                "agent_groups[0].shifts[0].breaks[1].duration_min"}));  // 3 x 0.9 rounds back to 3
  CHECK(result.agent_groups[0].shifts[0].count == 18);
  CHECK(result.agent_groups[0].shifts[0].breaks[0].duration_min == doctest::Approx(7.5));
}

TEST_CASE("resolution probabilities stay within [0, 1] under extreme effect sizes") {
  const ScenarioSpec base = rich_baseline();
  LeverEffects effects;
  effects.pressure_resolution_loss = 10.0;
  CHECK(apply(base, make_policy({.handle_time_target = 0.5}), effects).contact_types[0].resolution_probability == 0.0);
  effects.empowerment_resolution_gain = 5.0;
  CHECK(apply(base, make_policy({.empowerment = 1.0}), effects).contact_types[0].resolution_probability == 1.0);
  // Clamped after the pressure loss, then raised by empowerment: 0 + 5 x 1 x 1, clamped.
  CHECK(apply(base, make_policy({.handle_time_target = 0.5, .empowerment = 0.1}), effects)
            .contact_types[0]
            .resolution_probability == doctest::Approx(0.5));
}

TEST_CASE("levers that need employee dynamics are rejected without a workforce section, naming the lever") {
  const ScenarioSpec base = testing::single_queue(100.0, rng::Distribution::exponential(200.0), 5);
  CHECK(rejection(base, {.recovery_breaks = 5.0}).find("recovery_breaks") != std::string::npos);
  CHECK(rejection(base, {.flexible_scheduling = 0.5}).find("flexible_scheduling") != std::string::npos);
  CHECK(rejection(base, {.manager_support = 0.5}).find("manager_support") != std::string::npos);
  CHECK(rejection(base, {.recovery_breaks = 5.0}).find("workforce") != std::string::npos);
  // Levers with an effect outside employee dynamics apply without one.
  CHECK(rejection(base, {.handle_time_target = 0.9, .scripting = 0.5, .empowerment = 0.5}).empty());
}

TEST_CASE("digital levers are rejected without a customers section, and together") {
  const ScenarioSpec no_customers = testing::workforce_centre(10, 400, 7);
  CHECK(rejection(no_customers, {.digital_deflection = true}).find("digital_deflection") != std::string::npos);
  CHECK(rejection(no_customers, {.digital_choice = true}).find("digital_choice") != std::string::npos);
  CHECK(rejection(no_customers, {.digital_choice = true}).find("customers") != std::string::npos);
  ScenarioSpec none_eligible = rich_baseline();
  none_eligible.contact_types[1].digital_eligible_share = 0.0;
  CHECK(rejection(none_eligible, {.digital_choice = true}).find("digital_choice needs a digital_eligible_share > 0") !=
        std::string::npos);
  const std::string both = rejection(rich_baseline(), {.digital_deflection = true, .digital_choice = true});
  CHECK(both.find("digital_deflection") != std::string::npos);
  CHECK(both.find("digital_choice") != std::string::npos);
}

TEST_CASE("policies applied to the builders' scenarios keep them valid") {
  const std::vector<Levers> policies{
      {},
      {.handle_time_target = 0.7, .headcount_change = -0.2, .break_reduction = 0.5, .after_call_work_cut = 1.0,
       .scripting = 1.0, .digital_deflection = true},
      {.headcount_change = 0.3, .break_reduction = 1.0},
      {.digital_choice = true, .root_cause_fix = 1.0, .empowerment = 1.0, .recovery_breaks = 3.0,
       .flexible_scheduling = 1.0, .manager_support = 1.0},
  };
  ScenarioSpec with_customers = testing::workforce_centre(30, 1200, 28);
  with_customers.customers = model::CustomerSpec{};
  with_customers.contact_types[0].digital_eligible_share = 0.3;
  const std::vector<ScenarioSpec> scenarios{with_customers, rich_baseline()};
  for (const ScenarioSpec& base : scenarios) {
    REQUIRE(issues(base) == "");
    for (const Levers& levers : policies) {
      CAPTURE(base.name);
      CAPTURE(policy::describe(levers));
      CHECK(issues(apply(base, make_policy(levers))) == "");
    }
  }
  const ScenarioSpec queue = testing::single_queue(120.0, rng::Distribution::lognormal(180.0, 0.7), 8,
                                                   rng::Distribution::exponential(300.0));
  REQUIRE(issues(queue) == "");
  const Levers silo{.handle_time_target = 0.85, .headcount_change = -0.1, .after_call_work_cut = 0.5, .scripting = 0.5};
  CHECK(issues(apply(queue, make_policy(silo))) == "");
  CHECK(issues(apply(queue, make_policy({.root_cause_fix = 0.5, .empowerment = 0.5}))) == "");
}

TEST_CASE("lever names and the summary follow the fixed lever order") {
  const Levers levers{.handle_time_target = 0.85, .headcount_change = -0.1, .digital_choice = true};
  CHECK(policy::lever_names(levers) == std::vector<std::string>{"handle_time_target", "headcount_change", "digital_choice"});
  CHECK(policy::describe(levers) == "handle_time_target=0.85, headcount_change=-0.1, digital_choice=true");
  CHECK(policy::describe({.digital_deflection = false, .manager_support = 1.0}) ==
        "digital_deflection=false, manager_support=1");
  CHECK(policy::lever_names({}).empty());
  CHECK(policy::describe({}) == "none");
}

TEST_CASE("every field of Levers has an entry in the lever table, in field order") {
  const Levers all{.handle_time_target = 0.9, .headcount_change = 0.0, .break_reduction = 0.1, .after_call_work_cut = 0.1,
                   .scripting = 0.1, .digital_deflection = true, .digital_choice = true, .root_cause_fix = 0.1,
                   .empowerment = 0.1, .recovery_breaks = 1.0, .flexible_scheduling = 0.1, .manager_support = 0.1,
                   .tool_friction_fix = 0.1};
  std::vector<std::string> table;
  for (const policy::LeverInfo& lever : policy::kLeverInfo) table.emplace_back(lever.name);
  CHECK(policy::lever_names(all) == table);
  CHECK(policy::levers_set(all).size() == policy::kLeverCount);
  // The table's names are the field names the flattener above uses for Levers.
  for (const std::string& name : table) CHECK(Fields(all).map().contains("levers." + name));
}

TEST_CASE("each lever belongs to the silo or the unified family") {
  using policy::LeverFamily;
  CHECK(policy::lever_family("handle_time_target") == LeverFamily::Silo);
  CHECK(policy::lever_family("headcount_change") == LeverFamily::Silo);
  CHECK(policy::lever_family("break_reduction") == LeverFamily::Silo);
  CHECK(policy::lever_family("after_call_work_cut") == LeverFamily::Silo);
  CHECK(policy::lever_family("scripting") == LeverFamily::Silo);
  CHECK(policy::lever_family("digital_deflection") == LeverFamily::Silo);
  CHECK(policy::lever_family("digital_choice") == LeverFamily::Unified);
  CHECK(policy::lever_family("root_cause_fix") == LeverFamily::Unified);
  CHECK(policy::lever_family("empowerment") == LeverFamily::Unified);
  CHECK(policy::lever_family("recovery_breaks") == LeverFamily::Unified);
  CHECK(policy::lever_family("flexible_scheduling") == LeverFamily::Unified);
  CHECK(policy::lever_family("manager_support") == LeverFamily::Unified);
  CHECK(policy::lever_family("tool_friction_fix") == LeverFamily::Unified);
  CHECK(policy::to_string(LeverFamily::Silo) == "silo");
  CHECK(policy::to_string(LeverFamily::Unified) == "unified");
  CHECK_THROWS_WITH_AS(policy::lever_family("overtime"), doctest::Contains("\"overtime\""), std::invalid_argument);
}
