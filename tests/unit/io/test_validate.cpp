// model::validate() is tested here because its key paths are the scenario-file paths that the
// loader locates; these specs are built in code, as tests and the Python module do.
#include <doctest/doctest.h>

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

TEST_CASE("weekdays have their scenario-file names") {
  CHECK(std::string(to_string(Weekday::Monday)) == "monday");
  CHECK(std::string(to_string(Weekday::Sunday)) == "sunday");
}
