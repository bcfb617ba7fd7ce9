// model::validate() is tested here because its key paths are the scenario-file paths that the
// loader locates; these specs are built in code, as tests and the Python module do.
#include <doctest/doctest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "txsim/model/scenario.hpp"

using namespace txsim::model;

namespace {

ContactTypeSpec contact_type(std::string name, double share) {
  ContactTypeSpec type;
  type.name = std::move(name);
  type.share = share;
  return type;
}

AgentGroupSpec agent_group(std::string name, std::vector<int> headcount, std::vector<ShiftSpec> shifts = {}) {
  AgentGroupSpec group;
  group.name = std::move(name);
  group.headcount = std::move(headcount);
  group.shifts = std::move(shifts);
  return group;
}

ScenarioSpec valid_spec() {
  ScenarioSpec spec;
  spec.name = "code";
  spec.horizon.hours = 8.0;
  spec.demand.rate_per_hour = 100.0;
  spec.contact_types = {contact_type("billing", 0.5), contact_type("tech", 0.5)};
  spec.agent_groups = {agent_group("all", {5})};
  return spec;
}

std::vector<std::string> issues_of(const ScenarioSpec& spec) {
  std::vector<std::string> lines;
  for (const SpecIssue& issue : validate(spec)) lines.push_back(issue.key_path + ": " + issue.message);
  return lines;
}

}  // namespace

TEST_CASE("a spec built in code with sensible values has no issues") { CHECK(issues_of(valid_spec()).empty()); }

TEST_CASE("a headcount list must have one value or one per interval of the day") {
  ScenarioSpec spec = valid_spec();
  spec.agent_groups[0].headcount = {1, 2, 3};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"agents.groups.all.headcount: expected 1 or 48 values (one per 30-minute interval), found 3"});
}

TEST_CASE("an intraday profile needs one non-negative weight per interval and a positive sum") {
  ScenarioSpec spec = valid_spec();
  spec.interval_minutes = 60.0;
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 2400.0;
  spec.demand.intraday_profile.assign(24, 0.0);
  spec.demand.intraday_profile[3] = -1.0;
  CHECK(issues_of(spec) == std::vector<std::string>{"demand.intraday_profile[3]: expected a number >= 0, found -1"});
  spec.demand.intraday_profile[3] = 0.0;
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"demand.intraday_profile: expected weights with a positive sum, found only zeros"});
}

TEST_CASE("a constant rate rejects the keys that shape a daily volume") {
  ScenarioSpec spec = valid_spec();
  spec.demand.intraday_profile.assign(48, 1.0);
  spec.demand.day_of_week_factors[5] = 0.5;
  spec.demand.busyness_shape = 10.0;
  CHECK(issues_of(spec) ==
        std::vector<std::string>{
            "demand.intraday_profile: intraday_profile applies to demand.daily_volume only; rate_per_hour is a constant rate",
            "demand.day_of_week_factors: day_of_week_factors applies to demand.daily_volume only; rate_per_hour is a constant rate",
            "demand.busyness_shape: busyness_shape applies to demand.daily_volume only; rate_per_hour is a constant rate"});
}

TEST_CASE("at least one weekday must have demand") {
  ScenarioSpec spec = valid_spec();
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 100.0;
  spec.demand.day_of_week_factors.fill(0.0);
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"demand.day_of_week_factors: expected at least one weekday with a factor > 0, found all 0"});
}

TEST_CASE("every contact type needs an agent able to serve it") {
  ScenarioSpec spec = valid_spec();
  spec.agent_groups = {agent_group("all", {5}), agent_group("tech-team", {0})};
  spec.agent_groups[0].skills = {"billing"};
  spec.agent_groups[1].skills = {"tech"};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{
            "contact_types.tech: expected at least one agent able to serve \"tech\", found only groups without agents"});
}

TEST_CASE("breaks must lie inside their shift") {
  ScenarioSpec spec = valid_spec();
  ShiftSpec shift;
  shift.length_h = 4.0;
  shift.breaks = {{.start_after_h = 3.9, .duration_min = 15.0}, {.start_after_h = 5.0, .duration_min = 10.0}};
  spec.agent_groups[0] = agent_group("all", {}, {ShiftSpec{}, shift});
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "agents.groups.all.shifts[1].breaks[0].duration_min: expected the break to end within "
                               "the shift of 4 h, found an end at 4.15 h",
                               "agents.groups.all.shifts[1].breaks[1].start_after_h: expected an offset in [0, 4) h, "
                               "within the shift, found 5",
                           });
}

TEST_CASE("a warmup as long as the horizon leaves nothing to measure") {
  ScenarioSpec spec = valid_spec();
  spec.horizon.warmup_hours = 8.0;
  CHECK(issues_of(spec) == std::vector<std::string>{"horizon.warmup_hours: expected less than the horizon of 8 h, found 8"});
}

TEST_CASE("a scenario without any agent on duty is rejected") {
  ScenarioSpec spec = valid_spec();
  spec.agent_groups[0].headcount = {0};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"agents.groups: expected at least one agent, found only headcounts and shift counts of 0"});
}

TEST_CASE("handle time may not be a none distribution, patience may") {
  ScenarioSpec spec = valid_spec();
  spec.contact_types[0].patience = txsim::rng::Distribution::none();
  spec.contact_types[1].handle_time = txsim::rng::Distribution::none();
  CHECK(issues_of(spec) == std::vector<std::string>{"contact_types.tech.handle_time: expected a finite duration, found a "
                                                    "none distribution (only patience may be none)"});
}

TEST_CASE("duplicate and empty names are reported by position") {
  ScenarioSpec spec = valid_spec();
  spec.contact_types[1].name = "billing";
  spec.agent_groups[0].name = "";
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "contact_types.billing: expected a unique name, found \"billing\" twice",
                               "agents.groups[0]: expected a name, found an empty string",
                           });
}

TEST_CASE("every workforce field is checked against the range its header documents") {
  // Each case sets one field; an empty `issue` means the value is on the valid side of a bound.
  struct Case {
    std::function<void(WorkforceSpec&)> set;
    std::string issue;
  };
  const std::vector<Case> cases{
      {[](WorkforceSpec& w) { w.fatigue.rate_per_hour = -0.1; },
       "workforce.fatigue.rate_per_hour: expected a number >= 0, found -0.1"},
      {[](WorkforceSpec& w) { w.fatigue.rate_per_hour = 0; }, ""},
      {[](WorkforceSpec& w) { w.fatigue.after_call_work_load = -1; },
       "workforce.fatigue.after_call_work_load: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_gap_s = -1; },
       "workforce.fatigue.back_to_back_gap_s: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_factor = 0.99; },
       "workforce.fatigue.back_to_back_factor: expected a number >= 1, found 0.99"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_factor = 1; }, ""},
      {[](WorkforceSpec& w) { w.fatigue.idle_recovery_h = 0; },
       "workforce.fatigue.idle_recovery_h: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.fatigue.break_recovery_h = 0; },
       "workforce.fatigue.break_recovery_h: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.fatigue.off_recovery_h = -3; },
       "workforce.fatigue.off_recovery_h: expected a number > 0, found -3"},
      {[](WorkforceSpec& w) { w.strain.per_residual_fatigue = -1; },
       "workforce.strain.per_residual_fatigue: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.strain.per_overtime_hour = -1; },
       "workforce.strain.per_overtime_hour: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.strain.work_day_recovery_days = 0; },
       "workforce.strain.work_day_recovery_days: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.strain.rest_day_recovery_days = 0; },
       "workforce.strain.rest_day_recovery_days: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.strain.burnout_threshold = 0; },
       "workforce.strain.burnout_threshold: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.effects.slowdown_fatigue_threshold = 1.5; },
       "workforce.effects.slowdown_fatigue_threshold: expected a fatigue level in [0, 1], found 1.5"},
      {[](WorkforceSpec& w) { w.effects.slowdown_fatigue_threshold = 1; }, ""},
      {[](WorkforceSpec& w) { w.effects.slowdown_per_fatigue = -1; },
       "workforce.effects.slowdown_per_fatigue: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.effects.speedup_per_waiting_per_agent = -1; },
       "workforce.effects.speedup_per_waiting_per_agent: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.effects.max_speedup = 1; },
       "workforce.effects.max_speedup: expected a fraction in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.effects.max_speedup = 0; }, ""},
      {[](WorkforceSpec& w) { w.effects.resolution_loss_per_fatigue = -0.1; },
       "workforce.effects.resolution_loss_per_fatigue: expected a fraction in [0, 1], found -0.1"},
      {[](WorkforceSpec& w) { w.effects.resolution_loss_per_fatigue = 1; }, ""},
      {[](WorkforceSpec& w) { w.effects.absence_strain_coefficient = -1; },
       "workforce.effects.absence_strain_coefficient: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.effects.attrition_strain_coefficient = -1; },
       "workforce.effects.attrition_strain_coefficient: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.absence.daily_probability = 1; },
       "workforce.absence.daily_probability: expected a probability in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.absence.daily_probability = 0; }, ""},
      {[](WorkforceSpec& w) { w.attrition.annual_rate = 1; },
       "workforce.attrition.annual_rate: expected a probability in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.attrition.early_annual_rate = -0.1; },
       "workforce.attrition.early_annual_rate: expected a probability in [0, 1), found -0.1"},
      {[](WorkforceSpec& w) { w.attrition.early_tenure_days = -1; },
       "workforce.attrition.early_tenure_days: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.hiring.lead_time_days = -1; },
       "workforce.hiring.lead_time_days: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.hiring.no_show_probability = 1; },
       "workforce.hiring.no_show_probability: expected a probability in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.hiring.training_days = -1; },
       "workforce.hiring.training_days: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.hiring.class_interval_days = 0; },
       "workforce.hiring.class_interval_days: expected a number >= 1, found 0"},
      {[](WorkforceSpec& w) { w.hiring.class_interval_days = 1; }, ""},
      {[](WorkforceSpec& w) { w.learning.initial_handle_time_multiplier = 0.9; },
       "workforce.learning.initial_handle_time_multiplier: expected a number >= 1, found 0.9"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 0; },
       "workforce.learning.initial_resolution_multiplier: expected a multiplier in (0, 1], found 0"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 1.1; },
       "workforce.learning.initial_resolution_multiplier: expected a multiplier in (0, 1], found 1.1"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 1; }, ""},
      {[](WorkforceSpec& w) { w.learning.half_life_days = 0; },
       "workforce.learning.half_life_days: expected a number > 0, found 0"},
      {[](WorkforceSpec& w) { w.costs.wage_per_hour = -1; },
       "workforce.costs.wage_per_hour: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.costs.hiring_cost_per_hire = -1; },
       "workforce.costs.hiring_cost_per_hire: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.costs.training_cost_per_hire = -1; },
       "workforce.costs.training_cost_per_hire: expected a number >= 0, found -1"},
      {[](WorkforceSpec& w) { w.costs.training_hours_per_day = 24.5; },
       "workforce.costs.training_hours_per_day: expected a number of hours in [0, 24], found 24.5"},
      {[](WorkforceSpec& w) { w.costs.training_hours_per_day = 24; }, ""},
      {[](WorkforceSpec& w) { w.initial_tenure_days = -1; },
       "workforce.initial_tenure_days: expected a number >= 0, found -1"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(i);
    ScenarioSpec spec = valid_spec();
    spec.workforce.emplace();
    cases[i].set(*spec.workforce);
    const std::vector<std::string> expected = cases[i].issue.empty() ? std::vector<std::string>{}
                                                                      : std::vector<std::string>{cases[i].issue};
    CHECK(issues_of(spec) == expected);
  }
}

TEST_CASE("a default workforce, not-a-number fields and the horizon it needs") {
  ScenarioSpec spec = valid_spec();
  spec.workforce.emplace();
  CHECK(issues_of(spec).empty());
  spec.workforce->fatigue.back_to_back_factor = std::numeric_limits<double>::infinity();
  spec.workforce->effects.max_speedup = std::numeric_limits<double>::quiet_NaN();
  spec.horizon.hours.reset();
  spec.horizon.arrivals = 1000;
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "workforce: employee dynamics need a horizon in days or hours, found arrivals",
                               "workforce.fatigue.back_to_back_factor: expected a number >= 1, found inf",
                               "workforce.effects.max_speedup: expected a fraction in [0, 1), found nan",
                           });
}

TEST_CASE("emotional load and resolution probability of a contact type are range-checked") {
  ScenarioSpec spec = valid_spec();
  spec.contact_types[0].emotional_load = 0.0;
  spec.contact_types[1].resolution_probability = 1.0;
  CHECK(issues_of(spec).empty());
  spec.contact_types[0].emotional_load = -0.5;
  spec.contact_types[1].resolution_probability = 1.5;
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "contact_types.billing.emotional_load: expected a number >= 0, found -0.5",
                               "contact_types.tech.resolution_probability: expected a probability in [0, 1], found 1.5",
                           });
}

TEST_CASE("weekdays have their scenario-file names") {
  CHECK(std::string(to_string(Weekday::Monday)) == "monday");
  CHECK(std::string(to_string(Weekday::Sunday)) == "sunday");
}
