// The front door, io::check(), on studies built in code, as tests and the Python module build
// them: the schema's ranges and the rules between fields, each at its scenario-file key path.
#include <doctest/doctest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "txsim/experiment/study.hpp"
#include "txsim/io/check.hpp"
#include "txsim/model/scenario.hpp"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string text = "\n";
    for (const std::string& line : lines) text += "  " + line + "\n";
    return text.c_str();
  }
};
}  // namespace doctest

using namespace txsim::model;
using txsim::policy::LeverEffects;
using txsim::policy::Levers;
using txsim::policy::PolicySpec;
using txsim::score::ScorecardSpec;

namespace {

// A study built in code: the centre's fields at hand, and the study's beside them.
struct Spec : ScenarioSpec {
  std::vector<PolicySpec> policies;
  LeverEffects lever_effects;
  ScorecardSpec scorecard;
};

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

Spec valid_spec() {
  Spec spec;
  spec.name = "code";
  spec.horizon.hours = 8.0;
  spec.demand.rate_per_hour = 100.0;
  spec.contact_types = {contact_type("billing", 0.5), contact_type("tech", 0.5)};
  spec.agent_groups = {agent_group("all", {5})};
  return spec;
}

std::vector<std::string> issues_of(const Spec& spec) {
  const txsim::experiment::StudySpec study{spec, spec.policies, spec.lever_effects, spec.scorecard};
  std::vector<std::string> lines;
  for (const SpecIssue& issue : txsim::io::check(study).errors) lines.push_back(issue.key_path + ": " + issue.message);
  return lines;
}

}  // namespace

TEST_CASE("a spec built in code with sensible values has no issues") { CHECK(issues_of(valid_spec()).empty()); }

TEST_CASE("a headcount list must have one value or one per interval of the day") {
  Spec spec = valid_spec();
  spec.agent_groups[0].headcount = {1, 2, 3};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"agents.groups.all.headcount: expected 1 or 48 values (one per 30-minute interval), found 3"});
}

TEST_CASE("an intraday profile needs one non-negative weight per interval and a positive sum") {
  Spec spec = valid_spec();
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
  Spec spec = valid_spec();
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
  Spec spec = valid_spec();
  spec.demand.rate_per_hour.reset();
  spec.demand.daily_volume = 100.0;
  spec.demand.day_of_week_factors.fill(0.0);
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"demand.day_of_week_factors: expected at least one weekday with a factor > 0, found all 0"});
}

TEST_CASE("every contact type needs an agent able to serve it") {
  Spec spec = valid_spec();
  spec.agent_groups = {agent_group("all", {5}), agent_group("tech-team", {0})};
  spec.agent_groups[0].skills = {"billing"};
  spec.agent_groups[1].skills = {"tech"};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{
            "contact_types.tech: expected at least one agent able to serve \"tech\", found only groups without agents"});
}

TEST_CASE("breaks must lie inside their shift") {
  Spec spec = valid_spec();
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
  Spec spec = valid_spec();
  spec.horizon.warmup_hours = 8.0;
  CHECK(issues_of(spec) == std::vector<std::string>{"horizon.warmup_hours: expected less than the horizon of 8 h, found 8"});
}

TEST_CASE("a scenario without any agent on duty is rejected") {
  Spec spec = valid_spec();
  spec.agent_groups[0].headcount = {0};
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"agents.groups: expected at least one agent, found only headcounts and shift counts of 0"});
}

TEST_CASE("handle time may not be a none distribution, patience may") {
  Spec spec = valid_spec();
  spec.contact_types[0].patience = txsim::rng::Distribution::none();
  spec.contact_types[1].handle_time = txsim::rng::Distribution::none();
  CHECK(issues_of(spec) == std::vector<std::string>{"contact_types.tech.handle_time: expected a finite duration, found a "
                                                    "none distribution (only patience may be none)"});
}

TEST_CASE("duplicate and empty names are reported by position") {
  Spec spec = valid_spec();
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
       "workforce.fatigue.rate_per_hour: expected a number in [0, 1000], found -0.1"},
      {[](WorkforceSpec& w) { w.fatigue.rate_per_hour = 0; }, ""},
      {[](WorkforceSpec& w) { w.fatigue.after_call_work_load = -1; },
       "workforce.fatigue.after_call_work_load: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_gap_s = -1; },
       "workforce.fatigue.back_to_back_gap_s: expected a number in [0, 10000000], found -1"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_factor = 0.99; },
       "workforce.fatigue.back_to_back_factor: expected a number in [1, 1000], found 0.99"},
      {[](WorkforceSpec& w) { w.fatigue.back_to_back_factor = 1; }, ""},
      {[](WorkforceSpec& w) { w.fatigue.idle_recovery_h = 0; },
       "workforce.fatigue.idle_recovery_h: expected a number in (0, 10000], found 0"},
      {[](WorkforceSpec& w) { w.fatigue.break_recovery_h = 0; },
       "workforce.fatigue.break_recovery_h: expected a number in (0, 10000], found 0"},
      {[](WorkforceSpec& w) { w.fatigue.off_recovery_h = -3; },
       "workforce.fatigue.off_recovery_h: expected a number in (0, 10000], found -3"},
      {[](WorkforceSpec& w) { w.strain.per_residual_fatigue = -1; },
       "workforce.strain.per_residual_fatigue: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.strain.per_overtime_hour = -1; },
       "workforce.strain.per_overtime_hour: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.strain.work_day_recovery_days = 0; },
       "workforce.strain.work_day_recovery_days: expected a number in (0, 100000], found 0"},
      {[](WorkforceSpec& w) { w.strain.rest_day_recovery_days = 0; },
       "workforce.strain.rest_day_recovery_days: expected a number in (0, 100000], found 0"},
      {[](WorkforceSpec& w) { w.strain.burnout_threshold = 0; },
       "workforce.strain.burnout_threshold: expected a number in (0, 1000], found 0"},
      {[](WorkforceSpec& w) { w.effects.slowdown_fatigue_threshold = 1.5; },
       "workforce.effects.slowdown_fatigue_threshold: expected a number in [0, 1], found 1.5"},
      {[](WorkforceSpec& w) { w.effects.slowdown_fatigue_threshold = 1; }, ""},
      {[](WorkforceSpec& w) { w.effects.slowdown_per_fatigue = -1; },
       "workforce.effects.slowdown_per_fatigue: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.effects.speedup_per_waiting_per_agent = -1; },
       "workforce.effects.speedup_per_waiting_per_agent: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.effects.max_speedup = 1; },
       "workforce.effects.max_speedup: expected a number in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.effects.max_speedup = 0; }, ""},
      {[](WorkforceSpec& w) { w.effects.resolution_loss_per_fatigue = -0.1; },
       "workforce.effects.resolution_loss_per_fatigue: expected a number in [0, 1], found -0.1"},
      {[](WorkforceSpec& w) { w.effects.resolution_loss_per_fatigue = 1; }, ""},
      {[](WorkforceSpec& w) { w.effects.absence_strain_coefficient = -1; },
       "workforce.effects.absence_strain_coefficient: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.effects.attrition_strain_coefficient = -1; },
       "workforce.effects.attrition_strain_coefficient: expected a number in [0, 1000], found -1"},
      {[](WorkforceSpec& w) { w.absence.daily_probability = 1; },
       "workforce.absence.daily_probability: expected a number in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.absence.daily_probability = 0; }, ""},
      {[](WorkforceSpec& w) { w.attrition.annual_rate = 1; },
       "workforce.attrition.annual_rate: expected a number in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.attrition.early_annual_rate = -0.1; },
       "workforce.attrition.early_annual_rate: expected a number in [0, 1), found -0.1"},
      {[](WorkforceSpec& w) { w.attrition.early_tenure_days = -1; },
       "workforce.attrition.early_tenure_days: expected a number in [0, 3650], found -1"},
      {[](WorkforceSpec& w) { w.hiring.lead_time_days = -1; },
       "workforce.hiring.lead_time_days: expected a number in [0, 3650], found -1"},
      {[](WorkforceSpec& w) { w.hiring.no_show_probability = 1; },
       "workforce.hiring.no_show_probability: expected a number in [0, 1), found 1"},
      {[](WorkforceSpec& w) { w.hiring.training_days = -1; },
       "workforce.hiring.training_days: expected a number in [0, 3650], found -1"},
      {[](WorkforceSpec& w) { w.hiring.class_interval_days = 0; },
       "workforce.hiring.class_interval_days: expected a number in [1, 3650], found 0"},
      {[](WorkforceSpec& w) { w.hiring.class_interval_days = 1; }, ""},
      {[](WorkforceSpec& w) { w.learning.initial_handle_time_multiplier = 0.9; },
       "workforce.learning.initial_handle_time_multiplier: expected a number in [1, 100], found 0.9"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 0; },
       "workforce.learning.initial_resolution_multiplier: expected a number in (0, 1], found 0"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 1.1; },
       "workforce.learning.initial_resolution_multiplier: expected a number in (0, 1], found 1.1"},
      {[](WorkforceSpec& w) { w.learning.initial_resolution_multiplier = 1; }, ""},
      {[](WorkforceSpec& w) { w.learning.half_life_days = 0; },
       "workforce.learning.half_life_days: expected a number in (0, 3650], found 0"},
      {[](WorkforceSpec& w) { w.costs.wage_per_hour = -1; },
       "workforce.costs.wage_per_hour: expected a number in [0, 1000000000], found -1"},
      {[](WorkforceSpec& w) { w.costs.hiring_cost_per_hire = -1; },
       "workforce.costs.hiring_cost_per_hire: expected a number in [0, 1000000000], found -1"},
      {[](WorkforceSpec& w) { w.costs.training_cost_per_hire = -1; },
       "workforce.costs.training_cost_per_hire: expected a number in [0, 1000000000], found -1"},
      {[](WorkforceSpec& w) { w.costs.training_hours_per_day = 24.5; },
       "workforce.costs.training_hours_per_day: expected a number in [0, 24], found 24.5"},
      {[](WorkforceSpec& w) { w.costs.training_hours_per_day = 24; }, ""},
      {[](WorkforceSpec& w) { w.initial_tenure_days = -1; },
       "workforce.initial_tenure_days: expected a number in [0, 36600], found -1"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(i);
    Spec spec = valid_spec();
    spec.workforce.emplace();
    cases[i].set(*spec.workforce);
    const std::vector<std::string> expected = cases[i].issue.empty() ? std::vector<std::string>{}
                                                                      : std::vector<std::string>{cases[i].issue};
    CHECK(issues_of(spec) == expected);
  }
}

TEST_CASE("a default workforce, not-a-number fields and the horizon it needs") {
  Spec spec = valid_spec();
  spec.workforce.emplace();
  CHECK(issues_of(spec).empty());
  spec.workforce->fatigue.back_to_back_factor = std::numeric_limits<double>::infinity();
  spec.workforce->effects.max_speedup = std::numeric_limits<double>::quiet_NaN();
  spec.horizon.hours.reset();
  spec.horizon.arrivals = 1000;
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "workforce.fatigue.back_to_back_factor: expected a number in [1, 1000], found inf",
                               "workforce.effects.max_speedup: expected a number in [0, 1), found nan",
                               "workforce: employee dynamics need a horizon in days or hours, found arrivals",
                           });
}

TEST_CASE("emotional load and resolution probability of a contact type are range-checked") {
  Spec spec = valid_spec();
  spec.contact_types[0].emotional_load = 0.0;
  spec.contact_types[1].resolution_probability = 1.0;
  CHECK(issues_of(spec).empty());
  spec.contact_types[0].emotional_load = -0.5;
  spec.contact_types[1].resolution_probability = 1.5;
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "contact_types.billing.emotional_load: expected a number in [0, 1000], found -0.5",
                               "contact_types.tech.resolution_probability: expected a number in [0, 1], found 1.5",
                           });
}

TEST_CASE("weekdays have their scenario-file names") {
  CHECK(std::string(to_string(Weekday::Monday)) == "monday");
  CHECK(std::string(to_string(Weekday::Sunday)) == "sunday");
}

// --- customers, channels, policies, lever effects and the scorecard ----------------------

namespace {

// Each case changes one thing of a valid spec; an empty `issue` means the value is on the valid
// side of a bound.
struct SpecCase {
  std::function<void(Spec&)> set;
  std::string issue;
};

void check_cases(const Spec& base, const std::vector<SpecCase>& cases) {
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(i);
    Spec spec = base;
    cases[i].set(spec);
    const std::vector<std::string> expected = cases[i].issue.empty() ? std::vector<std::string>{}
                                                                      : std::vector<std::string>{cases[i].issue};
    CHECK(issues_of(spec) == expected);
  }
}

// A valid spec with every section a lever may need: employee dynamics, customers and a contact
// type open to self-service.
Spec spec_with_sections() {
  Spec spec = valid_spec();
  spec.workforce.emplace();
  spec.customers.emplace();
  spec.contact_types[0].digital_eligible_share = 0.5;
  return spec;
}

// A spec with one policy whose levers `set` pulls.
std::function<void(Spec&)> lever(std::function<void(Levers&)> set) {
  return [set = std::move(set)](Spec& spec) {
    PolicySpec policy;
    policy.name = "p";
    set(policy.levers);
    spec.policies = {policy};
  };
}

}  // namespace

TEST_CASE("a spec with every new section at its defaults has no issues") { CHECK(issues_of(spec_with_sections()).empty()); }

TEST_CASE("the journey fields of a contact type are checked against their header ranges") {
  check_cases(valid_spec(),
              {
                  {[](Spec& s) { s.contact_types[0].complexity = 1.1; },
                   "contact_types.billing.complexity: expected a number in [0, 1], found 1.1"},
                  {[](Spec& s) { s.contact_types[0].complexity = 0; }, ""},
                  {[](Spec& s) { s.contact_types[0].avoidable_share = -0.1; },
                   "contact_types.billing.avoidable_share: expected a number in [0, 1], found -0.1"},
                  {[](Spec& s) { s.contact_types[0].demand_removed_share = 0.1; },
                   "contact_types.billing.demand_removed_share: expected a share in [0, avoidable_share = 0], found 0.1"},
                  {[](Spec& s) {
                     s.contact_types[0].avoidable_share = 0.3;
                     s.contact_types[0].demand_removed_share = 0.3;
                   },
                   ""},
                  {[](Spec& s) {
                     s.contact_types[0].avoidable_share = 2;
                     s.contact_types[0].demand_removed_share = 0.5;
                   },
                   "contact_types.billing.avoidable_share: expected a number in [0, 1], found 2"},
                  {[](Spec& s) { s.contact_types[0].digital_eligible_share = 1.5; },
                   "contact_types.billing.digital_eligible_share: expected a number in [0, 1], found 1.5"},
                  {[](Spec& s) { s.contact_types[0].digital_success_probability = -0.5; },
                   "contact_types.billing.digital_success_probability: expected a number in [0, 1], found -0.5"},
                  {[](Spec& s) { s.contact_types[0].digital_cost = -1; },
                   "contact_types.billing.digital_cost: expected a number in [0, 1000000000], found -1"},
                  {[](Spec& s) { s.contact_types[0].digital_time_s = -1; },
                   "contact_types.billing.digital_time_s: expected a number in [0, 10000000], found -1"},
                  {[](Spec& s) { s.contact_types[0].digital_time_s = 0; }, ""},
              });
}

TEST_CASE("recovery breaks and the hard-contact load of a workforce are range-checked") {
  Spec spec = valid_spec();
  spec.workforce.emplace();
  check_cases(spec, {
                        {[](Spec& s) { s.workforce->recovery_break_min = -1; },
                         "workforce.recovery_break_min: expected a number in [0, 1440], found -1"},
                        {[](Spec& s) { s.workforce->hard_contact_load = 0; },
                         "workforce.hard_contact_load: expected a number in (0, 1000], found 0"},
                    });
}

TEST_CASE("every customers field is checked against the range its header documents") {
  check_cases(
      spec_with_sections(),
      {
          {[](Spec& s) { s.customers->frustration.per_minute_over_expected_wait = -1; },
           "customers.frustration.per_minute_over_expected_wait: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.expected_wait_s = -1; },
           "customers.frustration.expected_wait_s: expected a number in [0, 10000000], found -1"},
          {[](Spec& s) { s.customers->frustration.per_abandonment = -1; },
           "customers.frustration.per_abandonment: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.per_repeat_contact = -1; },
           "customers.frustration.per_repeat_contact: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.per_forced_channel = -1; },
           "customers.frustration.per_forced_channel: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.per_failed_self_service = -1; },
           "customers.frustration.per_failed_self_service: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.handle_time_per_unit = -1; },
           "customers.frustration.handle_time_per_unit: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->frustration.emotional_load_per_unit = -1; },
           "customers.frustration.emotional_load_per_unit: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->satisfaction.intercept = -3; }, ""},
          {[](Spec& s) { s.customers->satisfaction.unresolved_penalty = -1; },
           "customers.satisfaction.unresolved_penalty: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->satisfaction.per_extra_contact = -1; },
           "customers.satisfaction.per_extra_contact: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->satisfaction.per_frustration = -1; },
           "customers.satisfaction.per_frustration: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->satisfaction.per_agent_fatigue = -1; },
           "customers.satisfaction.per_agent_fatigue: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->satisfaction.churn_if_satisfied = 1.2; },
           "customers.satisfaction.churn_if_satisfied: expected a number in [0, 1], found 1.2"},
          {[](Spec& s) { s.customers->satisfaction.churn_if_dissatisfied = -0.1; },
           "customers.satisfaction.churn_if_dissatisfied: expected a number in [0, 1], found -0.1"},
          {[](Spec& s) { s.customers->satisfaction.churn_if_dissatisfied = 1; }, ""},
          {[](Spec& s) { s.customers->satisfaction.customer_value = -1; },
           "customers.satisfaction.customer_value: expected a number in [0, 1000000000], found -1"},
          {[](Spec& s) { s.customers->channels.wait_sensitivity_per_minute = -1; },
           "customers.channels.wait_sensitivity_per_minute: expected a number in [0, 1000], found -1"},
          {[](Spec& s) { s.customers->channels.agent_effort_utility = -2; }, ""},
          {[](Spec& s) { s.customers->repeat_probability = 1.5; },
           "customers.repeat_probability: expected a number in [0, 1], found 1.5"},
          {[](Spec& s) { s.customers->repeat_delay_mean_days = -1; },
           "customers.repeat_delay_mean_days: expected a number in [0, 3650], found -1"},
          {[](Spec& s) { s.customers->channels.mode = ChannelMode::Forced; }, ""},
          {[](Spec& s) {
             s.customers->channels.mode = ChannelMode::Choice;
             s.contact_types[0].digital_eligible_share = 0;
           },
           "customers.channels.mode: no contact type is eligible for self-service (mode choice needs a "
           "digital_eligible_share > 0)"},
          {[](Spec& s) { s.contact_types[0].digital_eligible_share = 0; }, ""},
      });
}

TEST_CASE("customer segments need unique names and shares in [0, 1] summing to 1") {
  const auto segments = [](std::vector<SegmentSpec> list) {
    return [list = std::move(list)](Spec& s) { s.customers->channels.segments = list; };
  };
  check_cases(spec_with_sections(),
              {
                  {segments({{"all", 1.0, 2.0}}), ""},
                  {segments({{"a", 0.3, 0.0}, {"b", 0.3, 0.0}}),
                   "customers.channels.segments: expected shares summing to 1, found a sum of 0.6"},
                  {segments({{"a", 0.5, 0.0}, {"a", 0.5, 0.0}}),
                   "customers.channels.segments.a: expected a unique name, found \"a\" twice"},
                  {segments({{"", 1.0, 0.0}}), "customers.channels.segments[0]: expected a name, found an empty string"},
              });
  Spec spec = spec_with_sections();
  spec.customers->channels.segments = {{"a", 1.5, 0.0}, {"b", -0.5, 0.0}};
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "customers.channels.segments.a.share: expected a number in [0, 1], found 1.5",
                               "customers.channels.segments.b.share: expected a number in [0, 1], found -0.5",
                           });
}

TEST_CASE("every lever is checked against the range its header documents") {
  const std::string at = "policies.p.levers.";
  check_cases(
      spec_with_sections(),
      {
          {lever([](Levers& l) { l.handle_time_target = 0; }),
           at + "handle_time_target: expected a number in (0, 1], found 0"},
          {lever([](Levers& l) { l.handle_time_target = 1.01; }),
           at + "handle_time_target: expected a number in (0, 1], found 1.01"},
          {lever([](Levers& l) { l.handle_time_target = 1; }), ""},
          {lever([](Levers& l) { l.headcount_change = -1; }),
           at + "headcount_change: expected a number in (-1, 10], found -1"},
          // Valid on its own, but 1% of 5 agents rounds to none: the variant is checked too.
          {lever([](Levers& l) { l.headcount_change = -0.99; }),
           "policies.p: yields an invalid scenario: agents.groups: expected at least one agent, found only headcounts "
           "and shift counts of 0"},
          {lever([](Levers& l) { l.headcount_change = -0.8; }), ""},
          {lever([](Levers& l) { l.headcount_change = 2; }), ""},
          {lever([](Levers& l) { l.break_reduction = 1.1; }), at + "break_reduction: expected a number in [0, 1], found 1.1"},
          {lever([](Levers& l) { l.break_reduction = 1; }), ""},
          {lever([](Levers& l) { l.after_call_work_cut = -0.1; }),
           at + "after_call_work_cut: expected a number in [0, 1], found -0.1"},
          {lever([](Levers& l) { l.scripting = 1.5; }), at + "scripting: expected a number in [0, 1], found 1.5"},
          {lever([](Levers& l) { l.scripting = 0; }), ""},
          {lever([](Levers& l) { l.root_cause_fix = -0.5; }), at + "root_cause_fix: expected a number in [0, 1], found -0.5"},
          {lever([](Levers& l) { l.empowerment = 2; }), at + "empowerment: expected a number in [0, 1], found 2"},
          {lever([](Levers& l) { l.recovery_breaks = -1; }), at + "recovery_breaks: expected a number in [0, 120], found -1"},
          {lever([](Levers& l) { l.recovery_breaks = 0; }), ""},
          {lever([](Levers& l) { l.flexible_scheduling = 1.2; }),
           at + "flexible_scheduling: expected a number in [0, 1], found 1.2"},
          {lever([](Levers& l) { l.manager_support = -0.2; }),
           at + "manager_support: expected a number in [0, 1], found -0.2"},
          {lever([](Levers& l) { l.digital_deflection = true; }), ""},
          {lever([](Levers& l) { l.digital_choice = true; }), ""},
          {lever([](Levers& l) {
             l.digital_deflection = true;
             l.digital_choice = true;
           }),
           "policies.p.levers: set at most one of digital_deflection, digital_choice to true (found both)"},
          {lever([](Levers& l) {
             l.digital_deflection = false;
             l.digital_choice = true;
           }),
           ""},
      });
}

TEST_CASE("a lever needs the section it acts on") {
  const std::string at = "policies.p.levers.";
  check_cases(
      valid_spec(),
      {
          {lever([](Levers& l) { l.recovery_breaks = 3; }),
           at + "recovery_breaks: recovery_breaks needs a workforce section, found none"},
          {lever([](Levers& l) { l.flexible_scheduling = 0; }),
           at + "flexible_scheduling: flexible_scheduling needs a workforce section, found none"},
          {lever([](Levers& l) { l.manager_support = 0.5; }),
           at + "manager_support: manager_support needs a workforce section, found none"},
          {lever([](Levers& l) { l.digital_deflection = true; }),
           at + "digital_deflection: digital_deflection needs a customers section, found none"},
          {lever([](Levers& l) { l.digital_choice = true; }),
           at + "digital_choice: digital_choice needs a customers section, found none"},
          {lever([](Levers& l) { l.digital_choice = false; }), ""},
          {lever([](Levers& l) { l.empowerment = 0.5; }), ""},
      });
  Spec spec = valid_spec();
  spec.customers.emplace();
  lever([](Levers& l) { l.digital_deflection = true; })(spec);
  CHECK(issues_of(spec) == std::vector<std::string>{at + "digital_deflection: no contact type is eligible for self-service "
                                                         "(digital_deflection needs a digital_eligible_share > 0)"});
}

TEST_CASE("policy names are non-empty, unique and not baseline") {
  Spec spec = spec_with_sections();
  spec.policies.resize(4);
  spec.policies[0].name = "silo";
  spec.policies[1].name = "silo";
  spec.policies[2].name = "";
  spec.policies[3].name = "baseline";
  CHECK(issues_of(spec) == std::vector<std::string>{
                               "policies.silo: expected a unique name, found \"silo\" twice",
                               "policies[2]: expected a name, found an empty string",
                               "policies.baseline: expected a policy name other than \"baseline\" (the scenario "
                               "itself), found \"baseline\"",
                           });
}

TEST_CASE("every lever effect is checked against the range its header documents") {
  const auto effect = [](std::function<void(LeverEffects&)> set) {
    return [set = std::move(set)](Spec& s) { set(s.lever_effects); };
  };
  check_cases(
      valid_spec(),
      {
          {effect([](LeverEffects& e) { e.pressure_resolution_loss = -1; }),
           "lever_effects.pressure_resolution_loss: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.pressure_fatigue_gain = -1; }),
           "lever_effects.pressure_fatigue_gain: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.after_call_work_resolution_loss = -1; }),
           "lever_effects.after_call_work_resolution_loss: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.scripting_resolution_loss = -1; }),
           "lever_effects.scripting_resolution_loss: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.scripting_strain_gain = -1; }),
           "lever_effects.scripting_strain_gain: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.empowerment_resolution_gain = -1; }),
           "lever_effects.empowerment_resolution_gain: expected a number in [0, 1000], found -1"},
          {effect([](LeverEffects& e) { e.empowerment_resolution_gain = 5; }), ""},
          {effect([](LeverEffects& e) { e.empowerment_strain_relief = 1.5; }),
           "lever_effects.empowerment_strain_relief: expected a number in [0, 1], found 1.5"},
          {effect([](LeverEffects& e) { e.empowerment_strain_relief = 1; }), ""},
          {effect([](LeverEffects& e) { e.flexible_absence_relief = -0.1; }),
           "lever_effects.flexible_absence_relief: expected a number in [0, 1], found -0.1"},
          {effect([](LeverEffects& e) { e.support_attrition_relief = 1.1; }),
           "lever_effects.support_attrition_relief: expected a number in [0, 1], found 1.1"},
      });
}

TEST_CASE("scorecard anchors need distinct ends and weights >= 0, and the indices a positive weight") {
  check_cases(valid_spec(),
              {
                  {[](Spec& s) { s.scorecard.service_level = {0.5, 0.5, 1}; },
                   "scorecard.service_level: expected different worst and best values, found 0.5 for both"},
                  {[](Spec& s) { s.scorecard.cost_per_issue.weight = -1; },
                   "scorecard.cost_per_issue.weight: expected a number in [0, 1000], found -1"},
                  {[](Spec& s) { s.scorecard.occupancy.weight = 0; }, ""},
                  {[](Spec& s) { s.scorecard.cost_per_issue.saving_scoring_75 = 1; },
                   "scorecard.cost_per_issue.saving_scoring_75: expected a number in (0, 1), found 1"},
                  {[](Spec& s) { s.scorecard.cost_per_issue.weight = 0; },
                   "scorecard.cost_weight: cost_weight = 0.2 but every cost component has weight 0; give one a "
                   "weight > 0 or set cost_weight to 0"},
                  {[](Spec& s) { s.scorecard.abandon_rate = {0.01, 0.3, 1}; }, ""},
                  {[](Spec& s) { s.scorecard.cx_weight = -0.1; },
                   "scorecard.cx_weight: expected a number in [0, 1000], found -0.1"},
                  {[](Spec& s) { s.scorecard.ex_weight = -0.1; },
                   "scorecard.ex_weight: expected a number in [0, 1000], found -0.1"},
                  {[](Spec& s) { s.scorecard.cost_weight = -0.1; },
                   "scorecard.cost_weight: expected a number in [0, 1000], found -0.1"},
                  {[](Spec& s) {
                     s.scorecard.cx_weight = 0;
                     s.scorecard.ex_weight = 0;
                     s.scorecard.cost_weight = 0;
                   },
                   "scorecard: expected at least one of cx_weight, ex_weight, cost_weight > 0, found all 0"},
                  {[](Spec& s) {
                     s.scorecard.cx_weight = 0;
                     s.scorecard.ex_weight = 0;
                   },
                   ""},
                  {[](Spec& s) { s.scorecard.discount_rate_per_year = -0.01; },
                   "scorecard.discount_rate_per_year: expected a number in [0, 10], found -0.01"},
              });
}

TEST_CASE("a steady-state initial tenure needs attrition past early tenure") {
  Spec spec = valid_spec();
  spec.workforce = WorkforceSpec{};
  spec.workforce->attrition.annual_rate = 0.0;
  CHECK(issues_of(spec) ==
        std::vector<std::string>{"workforce.attrition.annual_rate: expected a rate > 0 with steady_state_initial_tenure: "
                                 "true (no steady state without attrition), found 0; set steady_state_initial_tenure: "
                                 "false and initial_tenure_days instead"});
  spec.workforce->steady_state_initial_tenure = false;
  CHECK(issues_of(spec).empty());
}
