#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/io/scenario_loader.hpp"

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

using namespace txsim;
using io::ConfigError;
using io::Override;

namespace {

// A small valid scenario; tests that need an error change one line of it.
constexpr std::string_view kMinimal = R"(name: t
horizon: {hours: 8}
demand: {rate_per_hour: 100}
contact_types:
  billing: {}
agents:
  groups:
    all: {headcount: 5}
)";

// The printed diagnostics of a scenario that must fail to load.
std::vector<std::string> errors_of(std::string_view yaml, std::vector<Override> overrides = {}) {
  try {
    io::parse_scenario(yaml, "t.yaml", overrides);
  } catch (const ConfigError& error) {
    std::vector<std::string> lines;
    for (const io::Diagnostic& d : error.diagnostics()) lines.push_back(to_string(d));
    return lines;
  }
  FAIL("the scenario loaded without errors");
  return {};
}

std::string only_error_of(std::string_view yaml, std::vector<Override> overrides = {}) {
  const std::vector<std::string> errors = errors_of(yaml, std::move(overrides));
  CHECK(errors.size() == 1);
  return errors.empty() ? std::string() : errors.front();
}

// Every field of a WorkforceSpec as "key.path=value", so that a mismatch prints the field.
std::vector<std::string> fields_of(const model::WorkforceSpec& w) {
  std::vector<std::string> lines;
  const auto add = [&](std::string_view key, auto value) {
    std::ostringstream line;
    line.precision(17);
    line << key << '=' << value;
    lines.push_back(std::move(line).str());
  };
  add("fatigue.rate_per_hour", w.fatigue.rate_per_hour);
  add("fatigue.after_call_work_load", w.fatigue.after_call_work_load);
  add("fatigue.back_to_back_gap_s", w.fatigue.back_to_back_gap_s);
  add("fatigue.back_to_back_factor", w.fatigue.back_to_back_factor);
  add("fatigue.idle_recovery_h", w.fatigue.idle_recovery_h);
  add("fatigue.break_recovery_h", w.fatigue.break_recovery_h);
  add("fatigue.off_recovery_h", w.fatigue.off_recovery_h);
  add("strain.per_residual_fatigue", w.strain.per_residual_fatigue);
  add("strain.per_overtime_hour", w.strain.per_overtime_hour);
  add("strain.work_day_recovery_days", w.strain.work_day_recovery_days);
  add("strain.rest_day_recovery_days", w.strain.rest_day_recovery_days);
  add("strain.burnout_threshold", w.strain.burnout_threshold);
  add("effects.slowdown_fatigue_threshold", w.effects.slowdown_fatigue_threshold);
  add("effects.slowdown_per_fatigue", w.effects.slowdown_per_fatigue);
  add("effects.speedup_per_waiting_per_agent", w.effects.speedup_per_waiting_per_agent);
  add("effects.max_speedup", w.effects.max_speedup);
  add("effects.resolution_loss_per_fatigue", w.effects.resolution_loss_per_fatigue);
  add("effects.absence_strain_coefficient", w.effects.absence_strain_coefficient);
  add("effects.attrition_strain_coefficient", w.effects.attrition_strain_coefficient);
  add("absence.daily_probability", w.absence.daily_probability);
  add("attrition.annual_rate", w.attrition.annual_rate);
  add("attrition.early_annual_rate", w.attrition.early_annual_rate);
  add("attrition.early_tenure_days", w.attrition.early_tenure_days);
  add("hiring.mode", static_cast<int>(w.hiring.mode));
  add("hiring.lead_time_days", w.hiring.lead_time_days);
  add("hiring.no_show_probability", w.hiring.no_show_probability);
  add("hiring.training_days", w.hiring.training_days);
  add("hiring.class_interval_days", w.hiring.class_interval_days);
  add("learning.initial_handle_time_multiplier", w.learning.initial_handle_time_multiplier);
  add("learning.initial_resolution_multiplier", w.learning.initial_resolution_multiplier);
  add("learning.half_life_days", w.learning.half_life_days);
  add("costs.wage_per_hour", w.costs.wage_per_hour);
  add("costs.hiring_cost_per_hire", w.costs.hiring_cost_per_hire);
  add("costs.training_cost_per_hire", w.costs.training_cost_per_hire);
  add("costs.training_hours_per_day", w.costs.training_hours_per_day);
  add("steady_state_initial_tenure", w.steady_state_initial_tenure);
  add("initial_tenure_days", w.initial_tenure_days);
  return lines;
}

}  // namespace

TEST_CASE("a full scenario converts into the spec it describes") {
  constexpr std::string_view yaml = R"(
name: bank
description: "Retail bank"
interval_minutes: 60
service_level_threshold_s: 30
horizon:
  days: 5
  warmup_hours: 2
  start_weekday: tuesday
demand:
  daily_volume: 4000
  intraday_profile: [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0]
  day_of_week_factors: {monday: 1.2, friday: 0.9}
  busyness_shape: 25
contact_types:
  billing:
    share: 0.6
    priority: 1
    handle_time: {distribution: lognormal, mean_s: 280, cv: 0.9}
    after_call_work: {distribution: deterministic, mean_s: 30}
    patience: {distribution: exponential, mean_s: 150}
    balk_probability: 0.02
    redial: {probability: 0.4, delay: {distribution: gamma, mean_s: 900, cv: 0.5}}
  tech:
    share: 0.4
    handle_time: {distribution: weibull, mean_s: 420, shape: 1.5}
    patience: {distribution: empirical, values_s: [30, 60, 240]}
queue:
  capacity: 80
agents:
  groups:
    frontline:
      skills: [billing, tech]
      headcount: 20
      handle_time_multiplier: 1.1
      handle_time_multiplier_cv: 0.2
    specialists:
      skills: [tech]
      shifts:
        - {start_h: 8, length_h: 8, count: 10, weekdays: [monday, tuesday], breaks: [{start_after_h: 2, duration_min: 15}]}
        - start_h: 12
          length_h: 6
          count: 4
)";
  const model::ScenarioSpec spec = io::parse_scenario(yaml, "bank.yaml");
  CHECK(spec.name == "bank");
  CHECK(spec.description == "Retail bank");
  CHECK(spec.interval_minutes == 60);
  CHECK(spec.service_level_threshold_s == 30);
  CHECK(spec.horizon.days == 5.0);
  CHECK_FALSE(spec.horizon.hours.has_value());
  CHECK(spec.horizon.warmup_hours == 2);
  CHECK(spec.horizon.start_weekday == model::Weekday::Tuesday);
  CHECK_FALSE(spec.demand.rate_per_hour.has_value());
  CHECK(spec.demand.daily_volume == 4000);
  CHECK(spec.demand.intraday_profile.size() == 24);
  CHECK(spec.demand.intraday_profile[8] == 2);
  CHECK(spec.demand.day_of_week_factors == std::array<double, 7>{1.2, 1, 1, 1, 0.9, 1, 1});
  CHECK(spec.demand.busyness_shape == 25);

  REQUIRE(spec.contact_types.size() == 2);
  const model::ContactTypeSpec& billing = spec.contact_types[0];
  CHECK(billing.name == "billing");
  CHECK(billing.share == 0.6);
  CHECK(billing.priority == 1);
  CHECK(billing.handle_time.kind == rng::DistributionKind::Lognormal);
  CHECK(billing.handle_time.mean == 280);
  CHECK(billing.handle_time.cv == 0.9);
  CHECK(billing.after_call_work.kind == rng::DistributionKind::Deterministic);
  CHECK(billing.after_call_work.mean == 30);
  CHECK(billing.patience.kind == rng::DistributionKind::Exponential);
  CHECK(billing.balk_probability == 0.02);
  CHECK(billing.redial_probability == 0.4);
  CHECK(billing.redial_delay.kind == rng::DistributionKind::Gamma);
  CHECK(billing.redial_delay.cv == 0.5);
  const model::ContactTypeSpec& tech = spec.contact_types[1];
  CHECK(tech.name == "tech");
  CHECK(tech.priority == 0);
  CHECK(tech.handle_time.kind == rng::DistributionKind::Weibull);
  CHECK(tech.handle_time.shape == 1.5);
  CHECK(tech.after_call_work.kind == rng::DistributionKind::Deterministic);
  CHECK(tech.after_call_work.mean == 0);
  CHECK(tech.patience.values == std::vector<double>{30, 60, 240});
  CHECK(tech.patience.mean == doctest::Approx(110));

  CHECK(spec.queue.capacity == 80);
  REQUIRE(spec.agent_groups.size() == 2);
  const model::AgentGroupSpec& frontline = spec.agent_groups[0];
  CHECK(frontline.name == "frontline");
  CHECK(frontline.skills == std::vector<std::string>{"billing", "tech"});
  CHECK(frontline.headcount == std::vector<int>{20});
  CHECK(frontline.shifts.empty());
  CHECK(frontline.handle_time_multiplier == 1.1);
  CHECK(frontline.handle_time_multiplier_cv == 0.2);
  const model::AgentGroupSpec& specialists = spec.agent_groups[1];
  REQUIRE(specialists.shifts.size() == 2);
  CHECK(specialists.shifts[0].count == 10);
  CHECK(specialists.shifts[0].weekdays == std::array<bool, 7>{true, true, false, false, false, false, false});
  REQUIRE(specialists.shifts[0].breaks.size() == 1);
  CHECK(specialists.shifts[0].breaks[0].start_after_h == 2);
  CHECK(specialists.shifts[0].breaks[0].duration_min == 15);
  CHECK(specialists.shifts[1].start_h == 12);
  CHECK(specialists.shifts[1].weekdays == std::array<bool, 7>{true, true, true, true, true, true, true});
  CHECK(specialists.shifts[1].breaks.empty());
}

TEST_CASE("omitted keys keep the defaults of ScenarioSpec") {
  const model::ScenarioSpec spec = io::parse_scenario(kMinimal, "t.yaml");
  const model::ScenarioSpec defaults;
  CHECK(spec.interval_minutes == defaults.interval_minutes);
  CHECK(spec.horizon.start_weekday == model::Weekday::Monday);
  CHECK(spec.contact_types.at(0).share == 1.0);
  CHECK(spec.contact_types.at(0).patience.kind == rng::DistributionKind::None);
  CHECK(spec.contact_types.at(0).handle_time.mean == 300.0);
  CHECK_FALSE(spec.queue.capacity.has_value());
  CHECK(spec.agent_groups.at(0).skills.empty());
}

TEST_CASE("a misspelt key is reported with a suggestion") {
  constexpr std::string_view yaml = R"(name: t
descripton: x
horizon: {hours: 8}
demand: {rate_per_hour: 100}
contact_types:
  billing: {}
agents:
  groups:
    all: {headcount: 5}
)";
  CHECK(only_error_of(yaml) == "t.yaml:2:1: error: descripton: unknown key \"descripton\"; did you mean \"description\"?");
}

TEST_CASE("an unknown key far from every known key lists the known keys") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{hours: 8}"), 10, "{hours: 8, zzz: 1}");
  CHECK(only_error_of(yaml) ==
        "t.yaml:2:21: error: horizon.zzz: unknown key \"zzz\" (known: days, hours, arrivals, warmup_hours, start_weekday)");
}

TEST_CASE("a value of the wrong type says what was expected and what was found") {
  std::string yaml(kMinimal);
  yaml.insert(yaml.find("horizon"), "interval_minutes: abc\n");
  CHECK(only_error_of(yaml) == "t.yaml:2:19: error: interval_minutes: expected a number, found \"abc\"");
}

TEST_CASE("a map where a number belongs is reported at its key") {
  std::string yaml(kMinimal);
  yaml.insert(yaml.find("horizon"), "service_level_threshold_s:\n  seconds: 20\n");
  CHECK(only_error_of(yaml) == "t.yaml:2:1: error: service_level_threshold_s: expected a number, found a map");
}

TEST_CASE("an interval length other than 15, 30 or 60 minutes is rejected") {
  std::string yaml(kMinimal);
  yaml.insert(yaml.find("horizon"), "interval_minutes: 20\n");
  CHECK(only_error_of(yaml) == "t.yaml:2:19: error: interval_minutes: expected one of 15, 30, 60, found 20");
}

TEST_CASE("a negative mean is reported at the value") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing:\n    handle_time: {distribution: exponential, mean_s: -5}");
  CHECK(only_error_of(yaml) ==
        "t.yaml:6:54: error: contact_types.billing.handle_time.mean_s: expected a number > 0, found -5");
}

TEST_CASE("a parameter of another distribution kind is rejected") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11,
               "billing:\n    patience: {distribution: exponential, mean_s: 150, cv: 1}");
  CHECK(only_error_of(yaml) == "t.yaml:6:56: error: contact_types.billing.patience.cv: cv is not a parameter of an "
                               "exponential distribution (it takes mean_s)");
}

TEST_CASE("a misspelt distribution kind is reported with a suggestion") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing:\n    patience: {distribution: exponentail, mean_s: 150}");
  CHECK(only_error_of(yaml) == "t.yaml:6:30: error: contact_types.billing.patience.distribution: unknown distribution "
                               "\"exponentail\"; did you mean \"exponential\"?");
}

TEST_CASE("a missing distribution parameter points at the distribution") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing:\n    handle_time: {distribution: lognormal, mean_s: 280}");
  CHECK(only_error_of(yaml) == "t.yaml:6:5: error: contact_types.billing.handle_time.cv: required key is missing "
                               "(a lognormal distribution needs mean_s and cv)");
}

TEST_CASE("shares that do not sum to 1 are reported at contact_types") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing: {share: 0.6}\n  tech: {share: 0.5}");
  CHECK(only_error_of(yaml) == "t.yaml:4:1: error: contact_types: expected shares summing to 1, found a sum of 1.1");
}

TEST_CASE("a skill naming an unknown contact type lists the known types") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing: {share: 0.5}\n  tech: {share: 0.5}");
  yaml.replace(yaml.find("{headcount: 5}"), 14, "{headcount: 5, skills: [billing, tech, vip]}");
  CHECK(only_error_of(yaml) ==
        "t.yaml:9:49: error: agents.groups.all.skills[2]: unknown contact type \"vip\" (known: billing, tech)");
}

TEST_CASE("a contact type no group serves is reported at the type") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing: {share: 0.5}\n  tech: {share: 0.5}");
  yaml.replace(yaml.find("{headcount: 5}"), 14, "{headcount: 5, skills: [billing]}");
  CHECK(only_error_of(yaml) == "t.yaml:6:3: error: contact_types.tech: expected at least one agent group with the "
                               "skill \"tech\", found none");
}

TEST_CASE("a missing required key is reported at its parent map") {
  std::string yaml(kMinimal);
  yaml.erase(0, yaml.find('\n') + 1);
  CHECK(only_error_of(yaml) == "t.yaml:1:1: error: name: required key is missing");

  std::string no_groups(kMinimal);
  no_groups.replace(no_groups.find("  groups:"), no_groups.size() - no_groups.find("  groups:"), "  grops: {}\n");
  const std::vector<std::string> errors = errors_of(no_groups);
  CHECK(errors == std::vector<std::string>{
                      "t.yaml:6:1: error: agents.groups: required key is missing",
                      "t.yaml:7:3: error: agents.grops: unknown key \"grops\"; did you mean \"groups\"?",
                  });
}

TEST_CASE("exclusive keys given together ask for exactly one") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{hours: 8}"), 10, "{hours: 8, days: 1}");
  CHECK(only_error_of(yaml) == "t.yaml:2:1: error: horizon: give exactly one of days, hours, arrivals (found days, hours)");
}

TEST_CASE("every error of a scenario is reported at once, in file order") {
  constexpr std::string_view yaml = R"(name: t
interval_minutes: 45
horizon: {hours: 8, warmup_hours: -1}
demand: {rate_per_hour: 100}
contact_types:
  billing: {balk_probability: 2}
agents:
  groups:
    all:
      shifts:
        - {start_h: 8, length_h: 8, count: 2.5}
        - {start_h: 25, count: 3, breaks: [{start_after_h: 1, duration_min: 30}, {start_after_h: 1.25, duration_min: 10}]}
)";
  const std::vector<std::string> errors = errors_of(yaml);
  CHECK(errors.size() == 6);
  CHECK(errors == std::vector<std::string>{
                      "t.yaml:2:19: error: interval_minutes: expected one of 15, 30, 60, found 45",
                      "t.yaml:3:35: error: horizon.warmup_hours: expected a number >= 0, found -1",
                      "t.yaml:6:31: error: contact_types.billing.balk_probability: expected a probability in [0, 1], found 2",
                      "t.yaml:11:44: error: agents.groups.all.shifts[0].count: expected an integer, found \"2.5\"",
                      "t.yaml:12:21: error: agents.groups.all.shifts[1].start_h: expected a time of day in [0, 24), found 25",
                      "t.yaml:12:98: error: agents.groups.all.shifts[1].breaks[1].start_after_h: expected a start after "
                      "the end of breaks[0] at 1.5 h, found 1.25",
                  });
}

TEST_CASE("a value that cannot be read hides the checks it would only echo") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing:\n    handle_time: {distribution: exponential, mean_s: abc}");
  CHECK(only_error_of(yaml) ==
        "t.yaml:6:54: error: contact_types.billing.handle_time.mean_s: expected a number, found \"abc\"");
}

TEST_CASE("non-finite numbers, non-integer counts and duplicate keys are rejected") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{rate_per_hour: 100}"), 20, "{rate_per_hour: .nan}");
  yaml.replace(yaml.find("{headcount: 5}"), 14, "{headcount: [5, 1e10]}");
  yaml += "name: again\n";
  CHECK(errors_of(yaml) == std::vector<std::string>{
                               "t.yaml:3:25: error: demand.rate_per_hour: expected a finite number, found \".nan\"",
                               "t.yaml:8:26: error: agents.groups.all.headcount[1]: expected an integer between "
                               "-2147483648 and 2147483647, found \"1e10\"",
                               "t.yaml:9:1: error: name: duplicate key (first given on line 1)",
                           });
}

TEST_CASE("a document that is not a map is rejected") {
  CHECK(only_error_of("- a\n- b\n") == "t.yaml:1:1: error: expected a map, found a list");
}

TEST_CASE("a yaml syntax error is reported at its line and column") {
  CHECK(only_error_of("name: t\nhorizon: {hours: 8\ndemand: {}\n") == "t.yaml:3:7: error: end of map flow not found");
}

TEST_CASE("an unreadable file gives one diagnostic naming the file") {
  const std::filesystem::path missing = std::filesystem::temp_directory_path() / "txsim-no-such-dir" / "bank.yaml";
  try {
    io::load_scenario(missing);
    FAIL("loaded a missing file");
  } catch (const ConfigError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(to_string(error.diagnostics()[0]) ==
          missing.string() + ": error: cannot read the scenario file: No such file or directory");
  }
}

TEST_CASE("a scenario file on disk loads like the same text") {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "txsim-unit-io-minimal.yaml";
  std::ofstream(file) << kMinimal;
  const model::ScenarioSpec spec = io::load_scenario(file);
  std::filesystem::remove(file);
  CHECK(spec.name == "t");
  CHECK(spec.demand.rate_per_hour == 100.0);
}

TEST_CASE("an override replaces a nested scalar, a list item and a default") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{headcount: 5}"), 14, "\n      shifts: [{count: 2}, {count: 3}]");
  const std::vector<Override> overrides{io::parse_override("contact_types.billing.handle_time.mean_s=200"),
                                        io::parse_override("agents.groups.all.shifts[1].count=12"),
                                        io::parse_override("queue.capacity=10"),
                                        io::parse_override("demand.intraday_profile=[1, 2, 3]")};
  yaml.insert(0, "interval_minutes: 480\n");  // 3 intervals a day would be invalid; overridden below
  const std::vector<Override> fix_interval{io::parse_override("interval_minutes=60")};
  std::vector<Override> all = overrides;
  all.push_back(io::parse_override("demand.intraday_profile=null"));
  all.insert(all.end(), fix_interval.begin(), fix_interval.end());
  const model::ScenarioSpec spec = io::parse_scenario(yaml, "t.yaml", all);
  CHECK(spec.contact_types.at(0).handle_time.mean == 200);
  CHECK(spec.contact_types.at(0).handle_time.kind == rng::DistributionKind::Exponential);
  CHECK(spec.agent_groups.at(0).shifts.at(0).count == 2);
  CHECK(spec.agent_groups.at(0).shifts.at(1).count == 12);
  CHECK(spec.queue.capacity == 10);
  CHECK(spec.demand.intraday_profile.empty());
  CHECK(spec.interval_minutes == 60);
}

TEST_CASE("an override of an unknown key suggests the known one") {
  CHECK(only_error_of(kMinimal, {io::parse_override("contact_types.billing.handle_time.mena_s=200")}) ==
        "--set contact_types.billing.handle_time.mena_s=200: error: contact_types.billing.handle_time.mena_s: "
        "unknown key \"mena_s\"; did you mean \"mean_s\"?");
  CHECK(only_error_of(kMinimal, {io::parse_override("queu.capacity=3")}) ==
        "--set queu.capacity=3: error: queu: unknown key \"queu\"; did you mean \"queue\"?");
}

TEST_CASE("an override cannot create an entry of a named collection on the way to a deeper key") {
  CHECK(only_error_of(kMinimal, {io::parse_override("contact_types.biling.share=1")}) ==
        "--set contact_types.biling.share=1: error: contact_types.biling.share: unknown contact type \"biling\"; "
        "did you mean \"billing\"?");
}

TEST_CASE("an override with a bad value is located at the override") {
  CHECK(only_error_of(kMinimal, {io::parse_override("queue.capacity=abc")}) ==
        "--set queue.capacity=abc: error: queue.capacity: expected an integer, found \"abc\"");
  CHECK(only_error_of(kMinimal, {io::parse_override("contact_types.billing.balk_probability=1.5")}) ==
        "--set contact_types.billing.balk_probability=1.5: error: contact_types.billing.balk_probability: "
        "expected a probability in [0, 1], found 1.5");
  CHECK(only_error_of(kMinimal, {io::parse_override("agents.groups.all.headcount[3]=1")}) ==
        "--set agents.groups.all.headcount[3]=1: error: agents.groups.all.headcount[3]: expected "
        "agents.groups.all.headcount to be a list, found \"5\"");
}

TEST_CASE("an override text without '=' or key path is rejected") {
  CHECK_THROWS_WITH_AS(io::parse_override("queue.capacity"), "--set queue.capacity: error: expected key.path=value, found no \"=\"",
                       ConfigError);
  CHECK_THROWS_WITH_AS(io::parse_override("=3"), "--set =3: error: expected a key path before \"=\", found nothing",
                       ConfigError);
  CHECK_THROWS_AS(io::parse_override("a..b=3"), ConfigError);
  const Override o = io::parse_override("demand.day_of_week_factors.monday = 1.5");
  CHECK(o.key_path == "demand.day_of_week_factors.monday");
  CHECK(o.value == "1.5");
}

TEST_CASE("every bundled scenario file loads without diagnostics") {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(TXSIM_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    CHECK_NOTHROW(io::load_scenario(entry.path()));
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("overrides apply to a scenario file on disk") {
  const std::vector<Override> overrides{io::parse_override("agents.groups.retention.shifts[1].count=12"),
                                        io::parse_override("horizon.days=1")};
  const model::ScenarioSpec spec = io::load_scenario(TXSIM_SOURCE_DIR "/scenarios/default.yaml", overrides);
  CHECK(spec.agent_groups.at(1).shifts.at(1).count == 12);
  CHECK(spec.horizon.days == 1.0);
}

// --- contact-type outcomes and employee dynamics ------------------------------------------

TEST_CASE("emotional load and resolution probability of a contact type are read and range-checked") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11,
               "billing: {share: 0.5, emotional_load: 1.2, resolution_probability: 0.8}\n  tech: {share: 0.5}");
  const model::ScenarioSpec spec = io::parse_scenario(yaml, "t.yaml");
  CHECK(spec.contact_types.at(0).emotional_load == 1.2);
  CHECK(spec.contact_types.at(0).resolution_probability == 0.8);
  CHECK(spec.contact_types.at(1).emotional_load == 1.0);
  CHECK(spec.contact_types.at(1).resolution_probability == 0.75);

  std::string bad(kMinimal);
  bad.replace(bad.find("billing: {}"), 11, "billing: {emotional_load: -0.5, resolution_probability: 1.2}");
  CHECK(errors_of(bad) == std::vector<std::string>{
                              "t.yaml:5:29: error: contact_types.billing.emotional_load: expected a number >= 0, found -0.5",
                              "t.yaml:5:59: error: contact_types.billing.resolution_probability: expected a probability "
                              "in [0, 1], found 1.2",
                          });
}

TEST_CASE("a full workforce section converts into the spec it describes") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{hours: 8}"), 10, "{days: 30}");
  yaml += R"(workforce:
  fatigue:
    rate_per_hour: 0.2
    after_call_work_load: 0.4
    back_to_back_gap_s: 10
    back_to_back_factor: 1.5
    idle_recovery_h: 2
    break_recovery_h: 0.5
    off_recovery_h: 4
  strain:
    per_residual_fatigue: 0.3
    per_overtime_hour: 0.1
    work_day_recovery_days: 15
    rest_day_recovery_days: 4
    burnout_threshold: 2
  effects:
    slowdown_fatigue_threshold: 0.6
    slowdown_per_fatigue: 0.4
    speedup_per_waiting_per_agent: 0.02
    max_speedup: 0.2
    resolution_loss_per_fatigue: 0.3
    absence_strain_coefficient: 0.5
    attrition_strain_coefficient: 0.9
  absence: {daily_probability: 0.04}
  attrition: {annual_rate: 0.25, early_annual_rate: 0.6, early_tenure_days: 60}
  hiring: {mode: classes, lead_time_days: 21, no_show_probability: 0.15, training_days: 20, class_interval_days: 14}
  learning: {initial_handle_time_multiplier: 1.4, initial_resolution_multiplier: 0.9, half_life_days: 20}
  costs: {wage_per_hour: 25, hiring_cost_per_hire: 3000, training_cost_per_hire: 1000, training_hours_per_day: 7.5}
  steady_state_initial_tenure: false
  initial_tenure_days: 200
)";
  model::WorkforceSpec expected;
  expected.fatigue = {.rate_per_hour = 0.2, .after_call_work_load = 0.4, .back_to_back_gap_s = 10, .back_to_back_factor = 1.5,
                      .idle_recovery_h = 2, .break_recovery_h = 0.5, .off_recovery_h = 4};
  expected.strain = {.per_residual_fatigue = 0.3, .per_overtime_hour = 0.1, .work_day_recovery_days = 15,
                     .rest_day_recovery_days = 4, .burnout_threshold = 2};
  expected.effects = {.slowdown_fatigue_threshold = 0.6, .slowdown_per_fatigue = 0.4, .speedup_per_waiting_per_agent = 0.02,
                      .max_speedup = 0.2, .resolution_loss_per_fatigue = 0.3, .absence_strain_coefficient = 0.5,
                      .attrition_strain_coefficient = 0.9};
  expected.absence = {.daily_probability = 0.04};
  expected.attrition = {.annual_rate = 0.25, .early_annual_rate = 0.6, .early_tenure_days = 60};
  expected.hiring = {.mode = model::HiringMode::Classes, .lead_time_days = 21, .no_show_probability = 0.15,
                     .training_days = 20, .class_interval_days = 14};
  expected.learning = {.initial_handle_time_multiplier = 1.4, .initial_resolution_multiplier = 0.9, .half_life_days = 20};
  expected.costs = {.wage_per_hour = 25, .hiring_cost_per_hire = 3000, .training_cost_per_hire = 1000,
                    .training_hours_per_day = 7.5};
  expected.steady_state_initial_tenure = false;
  expected.initial_tenure_days = 200;
  // Every field differs from its default, so a field that is not read shows up here.
  const std::vector<std::string> defaults = fields_of(model::WorkforceSpec{});
  const std::vector<std::string> wanted = fields_of(expected);
  for (std::size_t i = 0; i < wanted.size(); ++i) CHECK(wanted[i] != defaults[i]);

  const model::ScenarioSpec spec = io::parse_scenario(yaml, "t.yaml");
  REQUIRE(spec.workforce.has_value());
  CHECK(fields_of(*spec.workforce) == wanted);
}

TEST_CASE("an empty workforce section switches employee dynamics on with the defaults") {
  const model::ScenarioSpec spec = io::parse_scenario(std::string(kMinimal) + "workforce: {}\n", "t.yaml");
  REQUIRE(spec.workforce.has_value());
  CHECK(fields_of(*spec.workforce) == fields_of(model::WorkforceSpec{}));

  const model::ScenarioSpec partial = io::parse_scenario(
      std::string(kMinimal) + "workforce:\n  hiring: {mode: none}\n  steady_state_initial_tenure: TRUE\n", "t.yaml");
  REQUIRE(partial.workforce.has_value());
  CHECK(partial.workforce->hiring.mode == model::HiringMode::None);
  CHECK(partial.workforce->hiring.lead_time_days == 30.0);
  CHECK(partial.workforce->steady_state_initial_tenure);
}

TEST_CASE("a scenario without a workforce section keeps a fixed roster") {
  CHECK_FALSE(io::parse_scenario(kMinimal, "t.yaml").workforce.has_value());
}

TEST_CASE("misspelt workforce keys are reported with a suggestion") {
  const std::string yaml = std::string(kMinimal) + R"(workforce:
  fatigue: {rate_per_hr: 0.2}
  atrition: {annual_rate: 0.2}
  costs: {wage: 20}
)";
  CHECK(errors_of(yaml) == std::vector<std::string>{
                               "t.yaml:10:13: error: workforce.fatigue.rate_per_hr: unknown key \"rate_per_hr\"; did "
                               "you mean \"rate_per_hour\"?",
                               "t.yaml:11:3: error: workforce.atrition: unknown key \"atrition\"; did you mean "
                               "\"attrition\"?",
                               "t.yaml:12:11: error: workforce.costs.wage: unknown key \"wage\" (known: wage_per_hour, "
                               "hiring_cost_per_hire, training_cost_per_hire, training_hours_per_day)",
                           });
}

TEST_CASE("out-of-range and mistyped workforce values are located at their values") {
  const std::string yaml = std::string(kMinimal) + R"(workforce:
  fatigue: {rate_per_hour: -1, back_to_back_factor: 0.5}
  effects: {max_speedup: 1}
  absence: {daily_probability: 1}
  hiring: {class_interval_days: 0.5}
  learning: {initial_resolution_multiplier: 0}
  costs: {training_hours_per_day: 25}
  steady_state_initial_tenure: yes
  initial_tenure_days: -30
)";
  CHECK(errors_of(yaml) ==
        std::vector<std::string>{
            "t.yaml:10:28: error: workforce.fatigue.rate_per_hour: expected a number >= 0, found -1",
            "t.yaml:10:53: error: workforce.fatigue.back_to_back_factor: expected a number >= 1, found 0.5",
            "t.yaml:11:26: error: workforce.effects.max_speedup: expected a fraction in [0, 1), found 1",
            "t.yaml:12:32: error: workforce.absence.daily_probability: expected a probability in [0, 1), found 1",
            "t.yaml:13:33: error: workforce.hiring.class_interval_days: expected a number >= 1, found 0.5",
            "t.yaml:14:45: error: workforce.learning.initial_resolution_multiplier: expected a multiplier in (0, 1], found 0",
            "t.yaml:15:35: error: workforce.costs.training_hours_per_day: expected a number of hours in [0, 24], found 25",
            "t.yaml:16:32: error: workforce.steady_state_initial_tenure: expected true or false, found \"yes\"",
            "t.yaml:17:24: error: workforce.initial_tenure_days: expected a number >= 0, found -30",
        });
}

TEST_CASE("a workforce section that is not a map is rejected") {
  CHECK(only_error_of(std::string(kMinimal) + "workforce: true\n") ==
        "t.yaml:9:12: error: workforce: expected a map, found \"true\"");
  CHECK(only_error_of(std::string(kMinimal) + "workforce:\n") ==
        "t.yaml:9:1: error: workforce: expected a map, found an empty value");
}

TEST_CASE("an unknown hiring mode lists the modes or suggests the closest") {
  CHECK(only_error_of(std::string(kMinimal) + "workforce: {hiring: {mode: weekly}}\n") ==
        "t.yaml:9:28: error: workforce.hiring.mode: unknown hiring mode \"weekly\" (known: none, replace, classes)");
  CHECK(only_error_of(std::string(kMinimal) + "workforce: {hiring: {mode: clases}}\n") ==
        "t.yaml:9:28: error: workforce.hiring.mode: unknown hiring mode \"clases\"; did you mean \"classes\"?");
}

TEST_CASE("employee dynamics need a horizon in days or hours") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{hours: 8}"), 10, "{arrivals: 1000}");
  yaml += "workforce:\n  absence: {daily_probability: 0.1}\n";
  CHECK(only_error_of(yaml) ==
        "t.yaml:9:1: error: workforce: employee dynamics need a horizon in days or hours, found arrivals");
}

TEST_CASE("an unreadable workforce value does not hide the horizon problem of the whole section") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("{hours: 8}"), 10, "{arrivals: 1000}");
  yaml += "workforce:\n  fatigue: {rate_per_hour: abc}\n";
  CHECK(errors_of(yaml) == std::vector<std::string>{
                               "t.yaml:9:1: error: workforce: employee dynamics need a horizon in days or hours, found "
                               "arrivals",
                               "t.yaml:10:28: error: workforce.fatigue.rate_per_hour: expected a number, found \"abc\"",
                           });
}

TEST_CASE("an override creates the workforce section and null removes it") {
  const model::ScenarioSpec created =
      io::parse_scenario(kMinimal, "t.yaml", {{io::parse_override("workforce.fatigue.rate_per_hour=0.2")}});
  REQUIRE(created.workforce.has_value());
  model::WorkforceSpec expected;
  expected.fatigue.rate_per_hour = 0.2;
  CHECK(fields_of(*created.workforce) == fields_of(expected));

  const model::ScenarioSpec into_empty = io::parse_scenario(
      std::string(kMinimal) + "workforce:\n", "t.yaml", {{io::parse_override("workforce.hiring.mode=none")}});
  REQUIRE(into_empty.workforce.has_value());
  CHECK(into_empty.workforce->hiring.mode == model::HiringMode::None);

  const model::ScenarioSpec removed =
      io::parse_scenario(std::string(kMinimal) + "workforce: {absence: {daily_probability: 0.1}}\n", "t.yaml",
                         {{io::parse_override("workforce=null")}});
  CHECK_FALSE(removed.workforce.has_value());
}

TEST_CASE("a workforce override with a bad key or value is located at the override") {
  CHECK(only_error_of(kMinimal, {io::parse_override("workforce.fatige.rate_per_hour=0.2")}) ==
        "--set workforce.fatige.rate_per_hour=0.2: error: workforce.fatige: unknown key \"fatige\"; did you mean "
        "\"fatigue\"?");
  CHECK(only_error_of(kMinimal, {io::parse_override("workforce.attrition.annual_rate=1")}) ==
        "--set workforce.attrition.annual_rate=1: error: workforce.attrition.annual_rate: expected a probability in "
        "[0, 1), found 1");
  CHECK(only_error_of(kMinimal, {io::parse_override("horizon.hours=null"), io::parse_override("horizon.arrivals=500"),
                                 io::parse_override("workforce.hiring.mode=replace")}) ==
        "--set workforce.hiring.mode=replace: error: workforce: employee dynamics need a horizon in days or hours, "
        "found arrivals");
}
