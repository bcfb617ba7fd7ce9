#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
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

// A loaded file: the centre's fields at hand, and the study's beside them.
struct Loaded : model::ScenarioSpec {
  std::vector<policy::PolicySpec> policies;
  policy::LeverEffects lever_effects;
  score::ScorecardSpec scorecard;
};

Loaded load_all(std::string_view yaml, std::string_view label, std::vector<Override> overrides = {}) {
  const experiment::StudySpec study = io::parse_study(yaml, label, overrides).study;
  Loaded loaded;
  static_cast<model::ScenarioSpec&>(loaded) = study.centre;
  loaded.policies = study.policies;
  loaded.lever_effects = study.lever_effects;
  loaded.scorecard = study.scorecard;
  return loaded;
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
  add("recovery_break_min", w.recovery_break_min);
  add("hard_contact_load", w.hard_contact_load);
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
  const Loaded spec = load_all(yaml, "bank.yaml");
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
  const Loaded spec = load_all(kMinimal, "t.yaml");
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
        "t.yaml:6:54: error: contact_types.billing.handle_time.mean_s: expected a number in (0, 10000000], found -5");
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
                      "t.yaml:3:35: error: horizon.warmup_hours: expected a number in [0, 878400], found -1",
                      "t.yaml:6:31: error: contact_types.billing.balk_probability: expected a number in [0, 1], found 2",
                      "t.yaml:11:44: error: agents.groups.all.shifts[0].count: expected an integer, found \"2.5\"",
                      "t.yaml:12:21: error: agents.groups.all.shifts[1].start_h: expected a number in [0, 24), found 25",
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
  all.push_back(io::parse_override("demand.intraday_profile=[]"));
  all.insert(all.end(), fix_interval.begin(), fix_interval.end());
  const Loaded spec = load_all(yaml, "t.yaml", all);
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
        "expected a number in [0, 1], found 1.5");
  CHECK(only_error_of(kMinimal, {io::parse_override("agents.groups.all.headcount[3]=1")}) ==
        "--set agents.groups.all.headcount[3]=1: error: agents.groups.all.headcount[3]: expected an index below 1 "
        "(agents.groups.all.headcount has 1 items), found 3");
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
    if (entry.path().parent_path().filename() == "sweeps") continue;  // sweep files, tested in unit/sweep
    if (entry.path().parent_path().filename() == "priors") continue;  // priors files, not scenarios
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
  const Loaded spec = load_all(yaml, "t.yaml");
  CHECK(spec.contact_types.at(0).emotional_load == 1.2);
  CHECK(spec.contact_types.at(0).resolution_probability == 0.8);
  CHECK(spec.contact_types.at(1).emotional_load == 1.0);
  CHECK(spec.contact_types.at(1).resolution_probability == 0.75);

  std::string bad(kMinimal);
  bad.replace(bad.find("billing: {}"), 11, "billing: {emotional_load: -0.5, resolution_probability: 1.2}");
  CHECK(errors_of(bad) == std::vector<std::string>{
                              "t.yaml:5:29: error: contact_types.billing.emotional_load: expected a number in [0, 1000], found -0.5",
                              "t.yaml:5:59: error: contact_types.billing.resolution_probability: expected a number "
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
  recovery_break_min: 5
  hard_contact_load: 2
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
  expected.recovery_break_min = 5;
  expected.hard_contact_load = 2;
  // Every field differs from its default, so a field that is not read shows up here.
  const std::vector<std::string> defaults = fields_of(model::WorkforceSpec{});
  const std::vector<std::string> wanted = fields_of(expected);
  for (std::size_t i = 0; i < wanted.size(); ++i) CHECK(wanted[i] != defaults[i]);

  const Loaded spec = load_all(yaml, "t.yaml");
  REQUIRE(spec.workforce.has_value());
  CHECK(fields_of(*spec.workforce) == wanted);
}

TEST_CASE("an empty workforce section switches employee dynamics on with the defaults") {
  const Loaded spec = load_all(std::string(kMinimal) + "workforce: {}\n", "t.yaml");
  REQUIRE(spec.workforce.has_value());
  CHECK(fields_of(*spec.workforce) == fields_of(model::WorkforceSpec{}));

  const Loaded partial = load_all(
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
            "t.yaml:10:28: error: workforce.fatigue.rate_per_hour: expected a number in [0, 1000], found -1",
            "t.yaml:10:53: error: workforce.fatigue.back_to_back_factor: expected a number in [1, 1000], found 0.5",
            "t.yaml:11:26: error: workforce.effects.max_speedup: expected a number in [0, 1), found 1",
            "t.yaml:12:32: error: workforce.absence.daily_probability: expected a number in [0, 1), found 1",
            "t.yaml:13:33: error: workforce.hiring.class_interval_days: expected a number in [1, 3650], found 0.5",
            "t.yaml:14:45: error: workforce.learning.initial_resolution_multiplier: expected a number in (0, 1], found 0",
            "t.yaml:15:35: error: workforce.costs.training_hours_per_day: expected a number in [0, 24], found 25",
            "t.yaml:16:32: error: workforce.steady_state_initial_tenure: expected true or false, found \"yes\"",
            "t.yaml:17:24: error: workforce.initial_tenure_days: expected a number in [0, 36600], found -30",
        });
}

TEST_CASE("a workforce section that is not a map is rejected, and one with no value is all defaults") {
  CHECK(only_error_of(std::string(kMinimal) + "workforce: true\n") ==
        "t.yaml:9:12: error: workforce: expected a map, found \"true\"");
  const Loaded bare = load_all(std::string(kMinimal) + "workforce:\n", "t.yaml");
  REQUIRE(bare.workforce.has_value());
  CHECK(fields_of(*bare.workforce) == fields_of(model::WorkforceSpec{}));
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
  const Loaded created =
      load_all(kMinimal, "t.yaml", {{io::parse_override("workforce.fatigue.rate_per_hour=0.2")}});
  REQUIRE(created.workforce.has_value());
  model::WorkforceSpec expected;
  expected.fatigue.rate_per_hour = 0.2;
  CHECK(fields_of(*created.workforce) == fields_of(expected));

  const Loaded into_empty = load_all(
      std::string(kMinimal) + "workforce:\n", "t.yaml", {{io::parse_override("workforce.hiring.mode=none")}});
  REQUIRE(into_empty.workforce.has_value());
  CHECK(into_empty.workforce->hiring.mode == model::HiringMode::None);

  const Loaded removed =
      load_all(std::string(kMinimal) + "workforce: {absence: {daily_probability: 0.1}}\n", "t.yaml",
                         {{io::parse_override("workforce=null")}});
  CHECK_FALSE(removed.workforce.has_value());
}

TEST_CASE("a workforce override with a bad key or value is located at the override") {
  CHECK(only_error_of(kMinimal, {io::parse_override("workforce.fatige.rate_per_hour=0.2")}) ==
        "--set workforce.fatige.rate_per_hour=0.2: error: workforce.fatige: unknown key \"fatige\"; did you mean "
        "\"fatigue\"?");
  CHECK(only_error_of(kMinimal, {io::parse_override("workforce.attrition.annual_rate=1")}) ==
        "--set workforce.attrition.annual_rate=1: error: workforce.attrition.annual_rate: expected a number in "
        "[0, 1), found 1");
  CHECK(only_error_of(kMinimal, {io::parse_override("horizon.hours=null"), io::parse_override("horizon.arrivals=500"),
                                 io::parse_override("workforce.hiring.mode=replace")}) ==
        "--set workforce.hiring.mode=replace: error: workforce: employee dynamics need a horizon in days or hours, "
        "found arrivals");
}

// --- customers, channels, policies, lever effects and the scorecard ----------------------

namespace {

template <class T>
void add_field(std::vector<std::string>& lines, std::string_view key, const T& value) {
  std::ostringstream line;
  line.precision(17);
  line << key << '=' << value;
  lines.push_back(std::move(line).str());
}

template <class T>
void add_field(std::vector<std::string>& lines, std::string_view key, const std::optional<T>& value) {
  if (value)
    add_field(lines, key, *value);
  else
    lines.push_back(std::string(key) + "=unset");
}

std::vector<std::string> journey_fields_of(const model::ContactTypeSpec& t) {
  std::vector<std::string> lines;
  add_field(lines, "complexity", t.complexity);
  add_field(lines, "avoidable_share", t.avoidable_share);
  add_field(lines, "demand_removed_share", t.demand_removed_share);
  add_field(lines, "digital_eligible_share", t.digital_eligible_share);
  add_field(lines, "digital_success_probability", t.digital_success_probability);
  add_field(lines, "digital_cost", t.digital_cost);
  add_field(lines, "digital_time_s", t.digital_time_s);
  return lines;
}

// Segments come last, so that the scalar fields line up with those of a default CustomerSpec.
std::vector<std::string> fields_of(const model::CustomerSpec& c) {
  std::vector<std::string> lines;
  add_field(lines, "frustration.per_minute_over_expected_wait", c.frustration.per_minute_over_expected_wait);
  add_field(lines, "frustration.expected_wait_s", c.frustration.expected_wait_s);
  add_field(lines, "frustration.per_abandonment", c.frustration.per_abandonment);
  add_field(lines, "frustration.per_repeat_contact", c.frustration.per_repeat_contact);
  add_field(lines, "frustration.per_forced_channel", c.frustration.per_forced_channel);
  add_field(lines, "frustration.per_failed_self_service", c.frustration.per_failed_self_service);
  add_field(lines, "frustration.handle_time_per_unit", c.frustration.handle_time_per_unit);
  add_field(lines, "frustration.emotional_load_per_unit", c.frustration.emotional_load_per_unit);
  add_field(lines, "satisfaction.intercept", c.satisfaction.intercept);
  add_field(lines, "satisfaction.unresolved_penalty", c.satisfaction.unresolved_penalty);
  add_field(lines, "satisfaction.per_extra_contact", c.satisfaction.per_extra_contact);
  add_field(lines, "satisfaction.per_frustration", c.satisfaction.per_frustration);
  add_field(lines, "satisfaction.per_agent_fatigue", c.satisfaction.per_agent_fatigue);
  add_field(lines, "satisfaction.churn_if_satisfied", c.satisfaction.churn_if_satisfied);
  add_field(lines, "satisfaction.churn_if_dissatisfied", c.satisfaction.churn_if_dissatisfied);
  add_field(lines, "satisfaction.customer_value", c.satisfaction.customer_value);
  add_field(lines, "channels.mode", static_cast<int>(c.channels.mode));
  add_field(lines, "channels.wait_sensitivity_per_minute", c.channels.wait_sensitivity_per_minute);
  add_field(lines, "channels.agent_effort_utility", c.channels.agent_effort_utility);
  add_field(lines, "channels.forced_success_multiplier", c.channels.forced_success_multiplier);
  add_field(lines, "repeat_probability", c.repeat_probability);
  add_field(lines, "repeat_delay_mean_days", c.repeat_delay_mean_days);
  for (const model::SegmentSpec& segment : c.channels.segments) {
    add_field(lines, "channels.segments." + segment.name + ".share", segment.share);
    add_field(lines, "channels.segments." + segment.name + ".digital_preference", segment.digital_preference);
  }
  return lines;
}

std::vector<std::string> fields_of(const policy::PolicySpec& p) {
  std::vector<std::string> lines;
  add_field(lines, "name", p.name);
  add_field(lines, "description", p.description);
  const policy::Levers& l = p.levers;
  add_field(lines, "levers.handle_time_target", l.handle_time_target);
  add_field(lines, "levers.headcount_change", l.headcount_change);
  add_field(lines, "levers.break_reduction", l.break_reduction);
  add_field(lines, "levers.after_call_work_cut", l.after_call_work_cut);
  add_field(lines, "levers.scripting", l.scripting);
  add_field(lines, "levers.digital_deflection", l.digital_deflection);
  add_field(lines, "levers.digital_choice", l.digital_choice);
  add_field(lines, "levers.root_cause_fix", l.root_cause_fix);
  add_field(lines, "levers.empowerment", l.empowerment);
  add_field(lines, "levers.recovery_breaks", l.recovery_breaks);
  add_field(lines, "levers.flexible_scheduling", l.flexible_scheduling);
  add_field(lines, "levers.manager_support", l.manager_support);
  return lines;
}

std::vector<std::string> fields_of(const policy::LeverEffects& e) {
  std::vector<std::string> lines;
  add_field(lines, "pressure_resolution_loss", e.pressure_resolution_loss);
  add_field(lines, "pressure_fatigue_gain", e.pressure_fatigue_gain);
  add_field(lines, "after_call_work_resolution_loss", e.after_call_work_resolution_loss);
  add_field(lines, "scripting_resolution_loss", e.scripting_resolution_loss);
  add_field(lines, "scripting_strain_gain", e.scripting_strain_gain);
  add_field(lines, "empowerment_resolution_gain", e.empowerment_resolution_gain);
  add_field(lines, "empowerment_strain_relief", e.empowerment_strain_relief);
  add_field(lines, "flexible_absence_relief", e.flexible_absence_relief);
  add_field(lines, "support_attrition_relief", e.support_attrition_relief);
  return lines;
}

std::vector<std::string> fields_of(const score::ScorecardSpec& s) {
  std::vector<std::string> lines;
  const auto anchor = [&](std::string_view key, const score::ScoreAnchor& a) {
    add_field(lines, std::string(key) + ".worst", a.worst);
    add_field(lines, std::string(key) + ".best", a.best);
    add_field(lines, std::string(key) + ".weight", a.weight);
  };
  anchor("service_level", s.service_level);
  anchor("abandon_rate", s.abandon_rate);
  anchor("first_contact_resolution", s.first_contact_resolution);
  anchor("satisfaction", s.satisfaction);
  anchor("effort_per_resolved_issue", s.effort_per_resolved_issue);
  anchor("churn_rate", s.churn_rate);
  anchor("absence_rate", s.absence_rate);
  anchor("annualised_attrition", s.annualised_attrition);
  anchor("overtime_share", s.overtime_share);
  anchor("occupancy", s.occupancy);
  anchor("new_hire_share", s.new_hire_share);
  anchor("fatigue_mean", s.fatigue_mean);
  anchor("strain_mean", s.strain_mean);
  const auto cost = [&](std::string_view key, const score::CostAnchor& a) {
    add_field(lines, std::string(key) + ".saving_scoring_75", a.saving_scoring_75);
    add_field(lines, std::string(key) + ".weight", a.weight);
  };
  cost("cost_per_issue", s.cost_per_issue);
  cost("operating_cost_per_issue", s.operating_cost_per_issue);
  add_field(lines, "cx_weight", s.cx_weight);
  add_field(lines, "ex_weight", s.ex_weight);
  add_field(lines, "cost_weight", s.cost_weight);
  add_field(lines, "discount_rate_per_year", s.discount_rate_per_year);
  return lines;
}

// kMinimal with one contact type open to self-service and the given sections appended.
std::string with_self_service(std::string_view sections) {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing: {digital_eligible_share: 0.5}");
  return yaml + std::string(sections);
}

}  // namespace

TEST_CASE("customers, policies, lever effects and the scorecard convert into the spec they describe") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11,
               "billing: {complexity: 0.3, avoidable_share: 0.4, demand_removed_share: 0.1, digital_eligible_share: 0.6, "
               "digital_success_probability: 0.75, digital_cost: 0.4, digital_time_s: 200}");
  yaml += R"(workforce: {}
customers:
  repeat_probability: 0.6
  repeat_delay_mean_days: 2
  frustration: {per_minute_over_expected_wait: 0.2, expected_wait_s: 90, per_abandonment: 0.6, per_repeat_contact: 0.4,
                per_forced_channel: 0.3, per_failed_self_service: 0.8, handle_time_per_unit: 0.1, emotional_load_per_unit: 0.5}
  satisfaction: {intercept: 1.5, unresolved_penalty: 2, per_extra_contact: 0.5, per_frustration: 0.7, per_agent_fatigue: 1.2,
                 churn_if_satisfied: 0.03, churn_if_dissatisfied: 0.2, customer_value: 800}
  channels:
    mode: choice
    wait_sensitivity_per_minute: 0.4
    agent_effort_utility: 0.5
    forced_success_multiplier: 0.5
    segments:
      digital_seekers: {share: 0.4, digital_preference: 1.0}
      avoiders: {share: 0.6, digital_preference: -1.5}
policies:
  silo_push:
    description: "Productivity push"
    levers: {handle_time_target: 0.85, headcount_change: -0.1, break_reduction: 0.3, after_call_work_cut: 0.5,
             scripting: 0.5, digital_deflection: true}
  unified:
    levers: {digital_choice: false, root_cause_fix: 0.5, empowerment: 0.5, recovery_breaks: 3, flexible_scheduling: 0.5,
             manager_support: 0.4}
lever_effects: {pressure_resolution_loss: 0.5, pressure_fatigue_gain: 1.5, after_call_work_resolution_loss: 0.1,
                scripting_resolution_loss: 0.2, scripting_strain_gain: 0.6, empowerment_resolution_gain: 0.4,
                empowerment_strain_relief: 0.2, flexible_absence_relief: 0.25, support_attrition_relief: 0.35}
scorecard:
  service_level: {worst: 0.3, best: 0.95, weight: 2}
  abandon_rate: {worst: 0.3, best: 0.01, weight: 2}
  first_contact_resolution: {worst: 0.4, best: 0.9, weight: 2}
  satisfaction: {worst: 0.4, best: 0.95, weight: 2}
  effort_per_resolved_issue: {worst: 3, best: 1.1, weight: 2}
  churn_rate: {worst: 0.2, best: 0.01, weight: 2}
  absence_rate: {worst: 0.2, best: 0.01, weight: 2}
  annualised_attrition: {worst: 0.9, best: 0.05, weight: 2}
  overtime_share: {worst: 0.2, best: 0.01, weight: 2}
  occupancy: {worst: 0.97, best: 0.8, weight: 2}
  new_hire_share: {worst: 0.3, best: 0.05, weight: 2}
  fatigue_mean: {worst: 0.7, best: 0.05, weight: 2}
  strain_mean: {worst: 2, best: 0.2, weight: 2}
  cost_per_issue: {saving_scoring_75: 0.3, weight: 2}
  operating_cost_per_issue: {saving_scoring_75: 0.1, weight: 3}
  cx_weight: 0.5
  ex_weight: 0.3
  cost_weight: 0.1
  discount_rate_per_year: 0.05
)";
  model::ContactTypeSpec type;
  type.complexity = 0.3;
  type.avoidable_share = 0.4;
  type.demand_removed_share = 0.1;
  type.digital_eligible_share = 0.6;
  type.digital_success_probability = 0.75;
  type.digital_cost = 0.4;
  type.digital_time_s = 200;

  model::CustomerSpec customers;
  customers.repeat_probability = 0.6;
  customers.repeat_delay_mean_days = 2;
  customers.frustration = {.per_minute_over_expected_wait = 0.2, .expected_wait_s = 90, .per_abandonment = 0.6,
                           .per_repeat_contact = 0.4, .per_forced_channel = 0.3, .per_failed_self_service = 0.8,
                           .handle_time_per_unit = 0.1, .emotional_load_per_unit = 0.5};
  customers.satisfaction = {.intercept = 1.5, .unresolved_penalty = 2, .per_extra_contact = 0.5, .per_frustration = 0.7,
                            .per_agent_fatigue = 1.2, .churn_if_satisfied = 0.03, .churn_if_dissatisfied = 0.2,
                            .customer_value = 800};
  customers.channels = {.mode = model::ChannelMode::Choice, .wait_sensitivity_per_minute = 0.4, .agent_effort_utility = 0.5,
                        .forced_success_multiplier = 0.5, .segments = {{"digital_seekers", 0.4, 1.0}, {"avoiders", 0.6, -1.5}}};

  policy::PolicySpec silo{.name = "silo_push", .description = "Productivity push", .levers = {}};
  silo.levers.handle_time_target = 0.85;
  silo.levers.headcount_change = -0.1;
  silo.levers.break_reduction = 0.3;
  silo.levers.after_call_work_cut = 0.5;
  silo.levers.scripting = 0.5;
  silo.levers.digital_deflection = true;
  policy::PolicySpec unified{.name = "unified", .description = "", .levers = {}};
  unified.levers.digital_choice = false;
  unified.levers.root_cause_fix = 0.5;
  unified.levers.empowerment = 0.5;
  unified.levers.recovery_breaks = 3;
  unified.levers.flexible_scheduling = 0.5;
  unified.levers.manager_support = 0.4;

  const policy::LeverEffects effects{.pressure_resolution_loss = 0.5, .pressure_fatigue_gain = 1.5,
                                    .after_call_work_resolution_loss = 0.1, .scripting_resolution_loss = 0.2,
                                    .scripting_strain_gain = 0.6, .empowerment_resolution_gain = 0.4,
                                    .empowerment_strain_relief = 0.2, .flexible_absence_relief = 0.25,
                                    .support_attrition_relief = 0.35};

  score::ScorecardSpec scorecard;
  scorecard.service_level = {0.3, 0.95, 2};
  scorecard.abandon_rate = {0.3, 0.01, 2};
  scorecard.first_contact_resolution = {0.4, 0.9, 2};
  scorecard.satisfaction = {0.4, 0.95, 2};
  scorecard.effort_per_resolved_issue = {3, 1.1, 2};
  scorecard.churn_rate = {0.2, 0.01, 2};
  scorecard.absence_rate = {0.2, 0.01, 2};
  scorecard.annualised_attrition = {0.9, 0.05, 2};
  scorecard.overtime_share = {0.2, 0.01, 2};
  scorecard.occupancy = {0.97, 0.8, 2};
  scorecard.new_hire_share = {0.3, 0.05, 2};
  scorecard.fatigue_mean = {0.7, 0.05, 2};
  scorecard.strain_mean = {2, 0.2, 2};
  scorecard.cost_per_issue = {0.3, 2};
  scorecard.operating_cost_per_issue = {0.1, 3};
  scorecard.cx_weight = 0.5;
  scorecard.ex_weight = 0.3;
  scorecard.cost_weight = 0.1;
  scorecard.discount_rate_per_year = 0.05;

  // Every field differs from its default (every lever is set in one of the policies), so a field
  // that is not read shows up here.
  const auto all_differ = [](const std::vector<std::string>& wanted, const std::vector<std::string>& defaults) {
    REQUIRE(wanted.size() >= defaults.size());
    for (std::size_t i = 0; i < defaults.size(); ++i) CHECK(wanted[i] != defaults[i]);
  };
  all_differ(journey_fields_of(type), journey_fields_of(model::ContactTypeSpec{}));
  all_differ(fields_of(customers), fields_of(model::CustomerSpec{}));
  all_differ(fields_of(effects), fields_of(policy::LeverEffects{}));
  all_differ(fields_of(scorecard), fields_of(score::ScorecardSpec{}));
  const std::vector<std::string> no_levers = fields_of(policy::PolicySpec{});
  const std::vector<std::string> silo_fields = fields_of(silo);
  const std::vector<std::string> unified_fields = fields_of(unified);
  for (std::size_t i = 2; i < no_levers.size(); ++i) CHECK((silo_fields[i] != no_levers[i] || unified_fields[i] != no_levers[i]));

  const Loaded spec = load_all(yaml, "t.yaml");
  CHECK(journey_fields_of(spec.contact_types.at(0)) == journey_fields_of(type));
  REQUIRE(spec.customers.has_value());
  CHECK(fields_of(*spec.customers) == fields_of(customers));
  REQUIRE(spec.policies.size() == 2);
  CHECK(fields_of(spec.policies[0]) == silo_fields);
  CHECK(fields_of(spec.policies[1]) == unified_fields);
  CHECK(fields_of(spec.lever_effects) == fields_of(effects));
  CHECK(fields_of(spec.scorecard) == fields_of(scorecard));
}

TEST_CASE("a scenario without the new sections keeps their defaults, and an empty customers section switches customers on") {
  const Loaded spec = load_all(kMinimal, "t.yaml");
  CHECK(journey_fields_of(spec.contact_types.at(0)) == journey_fields_of(model::ContactTypeSpec{}));
  CHECK_FALSE(spec.customers.has_value());
  CHECK(spec.policies.empty());
  CHECK(fields_of(spec.lever_effects) == fields_of(policy::LeverEffects{}));
  CHECK(fields_of(spec.scorecard) == fields_of(score::ScorecardSpec{}));

  const Loaded empty = load_all(
      std::string(kMinimal) + "customers: {}\npolicies: {}\nlever_effects: {}\nscorecard: {}\n", "t.yaml");
  REQUIRE(empty.customers.has_value());
  CHECK(fields_of(*empty.customers) == fields_of(model::CustomerSpec{}));
  CHECK(empty.policies.empty());
  CHECK(fields_of(empty.scorecard) == fields_of(score::ScorecardSpec{}));

  // An anchor given in part keeps the rest of its own default.
  const Loaded partial = load_all(
      std::string(kMinimal) + "scorecard: {occupancy: {weight: 0}}\npolicies: {p: {levers: {scripting: 0.5}}}\n", "t.yaml");
  CHECK(partial.scorecard.occupancy.worst == 0.95);
  CHECK(partial.scorecard.occupancy.best == 0.75);
  CHECK(partial.scorecard.occupancy.weight == 0);
  REQUIRE(partial.policies.size() == 1);
  CHECK(partial.policies[0].name == "p");
  CHECK(partial.policies[0].levers.scripting == 0.5);
  CHECK_FALSE(partial.policies[0].levers.empowerment.has_value());
}

TEST_CASE("misspelt keys of the new sections are reported with a suggestion") {
  const std::string yaml = std::string(kMinimal) + R"(customers:
  frustation: {per_abandonment: 0.5}
  channels: {mode: none, segmets: {}}
policies:
  p: {levers: {empowerement: 0.5}, descripton: x}
lever_effects: {scripting_strain: 0.5}
scorecard: {service_levl: {weight: 2}, cx_weight: 0.5, occupancy: {worts: 0.9}}
)";
  CHECK(errors_of(yaml) ==
        std::vector<std::string>{
            "t.yaml:10:3: error: customers.frustation: unknown key \"frustation\"; did you mean \"frustration\"?",
            "t.yaml:11:26: error: customers.channels.segmets: unknown key \"segmets\"; did you mean \"segments\"?",
            "t.yaml:13:16: error: policies.p.levers.empowerement: unknown key \"empowerement\"; did you mean "
            "\"empowerment\"?",
            "t.yaml:13:36: error: policies.p.descripton: unknown key \"descripton\"; did you mean \"description\"?",
            "t.yaml:14:17: error: lever_effects.scripting_strain: unknown key \"scripting_strain\"; did you mean "
            "\"scripting_strain_gain\"?",
            "t.yaml:15:13: error: scorecard.service_levl: unknown key \"service_levl\"; did you mean \"service_level\"?",
            "t.yaml:15:68: error: scorecard.occupancy.worts: unknown key \"worts\"; did you mean \"worst\"?",
        });
}

TEST_CASE("an unknown channel mode lists the modes or suggests the closest") {
  CHECK(only_error_of(std::string(kMinimal) + "customers: {channels: {mode: self_service}}\n") ==
        "t.yaml:9:30: error: customers.channels.mode: unknown channel mode \"self_service\" (known: none, forced, "
        "choice)");
  CHECK(only_error_of(std::string(kMinimal) + "customers: {channels: {mode: forcd}}\n") ==
        "t.yaml:9:30: error: customers.channels.mode: unknown channel mode \"forcd\"; did you mean \"forced\"?");
}

TEST_CASE("boolean levers take YAML booleans only") {
  CHECK(only_error_of(with_self_service("customers: {}\npolicies: {p: {levers: {digital_choice: yes}}}\n")) ==
        "t.yaml:10:41: error: policies.p.levers.digital_choice: expected true or false, found \"yes\"");
  CHECK(only_error_of(with_self_service("customers: {}\npolicies: {p: {levers: {digital_deflection: 1}}}\n")) ==
        "t.yaml:10:45: error: policies.p.levers.digital_deflection: expected true or false, found \"1\"");
  const Loaded spec =
      load_all(with_self_service("customers: {}\npolicies: {p: {levers: {digital_choice: True}}}\n"), "t.yaml");
  CHECK(spec.policies.at(0).levers.digital_choice == true);
}

TEST_CASE("segment shares must lie in [0, 1] and sum to 1") {
  CHECK(only_error_of(std::string(kMinimal) + "customers: {channels: {segments: {a: {share: 0.5}, b: {share: 0.6}}}}\n") ==
        "t.yaml:9:24: error: customers.channels.segments: expected shares summing to 1, found a sum of 1.1");
  CHECK(errors_of(std::string(kMinimal) + "customers: {channels: {segments: {a: {share: 1.5}, b: {share: -0.5}}}}\n") ==
        std::vector<std::string>{
            "t.yaml:9:46: error: customers.channels.segments.a.share: expected a number in [0, 1], found 1.5",
            "t.yaml:9:63: error: customers.channels.segments.b.share: expected a number in [0, 1], found -0.5",
        });
  // An unreadable share does not also give a wrong sum.
  CHECK(only_error_of(std::string(kMinimal) + "customers: {channels: {segments: {a: {share: x}, b: {share: 0.6}}}}\n") ==
        "t.yaml:9:46: error: customers.channels.segments.a.share: expected a number, found \"x\"");
}

TEST_CASE("policy names are unique and baseline is reserved") {
  CHECK(only_error_of(std::string(kMinimal) + "policies:\n  p: {}\n  p: {levers: {scripting: 0.5}}\n") ==
        "t.yaml:11:3: error: policies.p: duplicate key (first given on line 10)");
  CHECK(only_error_of(std::string(kMinimal) + "policies:\n  baseline: {levers: {scripting: 0.5}}\n") ==
        "t.yaml:10:3: error: policies.baseline: expected a policy name other than \"baseline\" (the scenario itself), "
        "found \"baseline\"");
  CHECK(only_error_of(std::string(kMinimal) + "policies: [silo, unified]\n") ==
        "t.yaml:9:1: error: policies: expected a map from names to entries, found a list");
}

TEST_CASE("out-of-range levers are located at their values") {
  const std::string yaml = std::string(kMinimal) + R"(workforce: {}
policies:
  p:
    levers: {handle_time_target: 0, headcount_change: -1, break_reduction: 1.5, after_call_work_cut: -0.5,
             scripting: 2, root_cause_fix: 1.1, empowerment: -0.1, recovery_breaks: -5, flexible_scheduling: 3,
             manager_support: 1.01}
)";
  CHECK(errors_of(yaml) ==
        std::vector<std::string>{
            "t.yaml:12:34: error: policies.p.levers.handle_time_target: expected a number in (0, 1], found 0",
            "t.yaml:12:55: error: policies.p.levers.headcount_change: expected a number in (-1, 10], found -1",
            "t.yaml:12:76: error: policies.p.levers.break_reduction: expected a number in [0, 1], found 1.5",
            "t.yaml:12:102: error: policies.p.levers.after_call_work_cut: expected a number in [0, 1], found -0.5",
            "t.yaml:13:25: error: policies.p.levers.scripting: expected a number in [0, 1], found 2",
            "t.yaml:13:44: error: policies.p.levers.root_cause_fix: expected a number in [0, 1], found 1.1",
            "t.yaml:13:62: error: policies.p.levers.empowerment: expected a number in [0, 1], found -0.1",
            "t.yaml:13:85: error: policies.p.levers.recovery_breaks: expected a number in [0, 120], found -5",
            "t.yaml:13:110: error: policies.p.levers.flexible_scheduling: expected a number in [0, 1], found 3",
            "t.yaml:14:31: error: policies.p.levers.manager_support: expected a number in [0, 1], found 1.01",
        });
}

TEST_CASE("a lever on a section the scenario lacks is reported at the lever") {
  CHECK(errors_of(std::string(kMinimal) + R"(policies:
  people: {levers: {recovery_breaks: 3, flexible_scheduling: 0.5, manager_support: 0.5}}
  digital: {levers: {digital_deflection: true}}
  choice: {levers: {digital_choice: true}}
  off: {levers: {digital_choice: false}}
)") == std::vector<std::string>{
             "t.yaml:10:38: error: policies.people.levers.recovery_breaks: recovery_breaks needs a workforce section, "
             "found none",
             "t.yaml:10:62: error: policies.people.levers.flexible_scheduling: flexible_scheduling needs a workforce "
             "section, found none",
             "t.yaml:10:84: error: policies.people.levers.manager_support: manager_support needs a workforce section, "
             "found none",
             "t.yaml:11:42: error: policies.digital.levers.digital_deflection: digital_deflection needs a customers "
             "section, found none",
             "t.yaml:12:37: error: policies.choice.levers.digital_choice: digital_choice needs a customers section, "
             "found none",
         });
}

TEST_CASE("self-service with no eligible contact type is reported at the mode or the lever") {
  CHECK(only_error_of(std::string(kMinimal) + "customers: {channels: {mode: forced}}\n") ==
        "t.yaml:9:30: error: customers.channels.mode: no contact type is eligible for self-service (mode forced needs "
        "a digital_eligible_share > 0)");
  CHECK(only_error_of(std::string(kMinimal) + "customers: {}\npolicies: {p: {levers: {digital_choice: true}}}\n") ==
        "t.yaml:10:41: error: policies.p.levers.digital_choice: no contact type is eligible for self-service "
        "(digital_choice needs a digital_eligible_share > 0)");
  const Loaded spec = load_all(
      with_self_service("customers: {channels: {mode: forced}}\npolicies: {p: {levers: {digital_choice: true}}}\n"),
      "t.yaml");
  CHECK(spec.customers->channels.mode == model::ChannelMode::Forced);
}

TEST_CASE("a policy cannot both deflect to and offer a choice of self-service") {
  CHECK(only_error_of(with_self_service(
            "customers: {}\npolicies:\n  p:\n    levers: {digital_deflection: true, digital_choice: true}\n")) ==
        "t.yaml:12:5: error: policies.p.levers: set at most one of digital_deflection, digital_choice to true (found "
        "both)");
  CHECK_NOTHROW(io::parse_scenario(
      with_self_service("customers: {}\npolicies: {p: {levers: {digital_deflection: true, digital_choice: false}}}\n"),
      "t.yaml"));
}

TEST_CASE("a removed share above the avoidable share is rejected") {
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11, "billing: {avoidable_share: 0.2, demand_removed_share: 0.3}");
  CHECK(only_error_of(yaml) == "t.yaml:5:57: error: contact_types.billing.demand_removed_share: expected a share in [0, "
                               "avoidable_share = 0.2], found 0.3");
}

TEST_CASE("overrides reach into policies, customers and segments") {
  const std::string yaml = with_self_service(R"(customers:
  channels:
    segments: {seekers: {share: 0.4, digital_preference: 1}, avoiders: {share: 0.6}}
policies:
  silo: {levers: {scripting: 0.5}}
  unified: {levers: {empowerment: 0.5}}
)");
  const Loaded spec =
      load_all(yaml, "t.yaml",
                         {{io::parse_override("policies.unified.levers.empowerment=0.8"),
                           io::parse_override("policies.silo.levers.digital_deflection=true"),
                           io::parse_override("customers.channels.mode=choice"),
                           io::parse_override("customers.channels.segments.avoiders.digital_preference=-2"),
                           io::parse_override("policies.extra={description: added, levers: {root_cause_fix: 0.3}}"),
                           io::parse_override("scorecard.cx_weight=0.6")}});
  REQUIRE(spec.customers.has_value());
  CHECK(spec.customers->channels.mode == model::ChannelMode::Choice);
  CHECK(spec.customers->channels.segments.at(1).digital_preference == -2);
  REQUIRE(spec.policies.size() == 3);
  CHECK(spec.policies[0].levers.digital_deflection == true);
  CHECK(spec.policies[1].levers.empowerment == 0.8);
  CHECK(spec.policies[2].name == "extra");
  CHECK(spec.policies[2].levers.root_cause_fix == 0.3);
  CHECK(spec.scorecard.cx_weight == 0.6);

  // Like workforce, an override creates the customers section.
  const Loaded created =
      load_all(with_self_service(""), "t.yaml", {{io::parse_override("customers.channels.mode=choice")}});
  REQUIRE(created.customers.has_value());
  CHECK(created.customers->channels.mode == model::ChannelMode::Choice);
  CHECK(created.customers->repeat_probability == 0.8);
}

TEST_CASE("an override into policies or customers with a bad name, key or value is located at the override") {
  const std::string yaml = with_self_service("customers: {}\npolicies:\n  unified: {levers: {empowerment: 0.5}}\n");
  CHECK(only_error_of(yaml, {io::parse_override("policies.unifed.levers.empowerment=0.8")}) ==
        "--set policies.unifed.levers.empowerment=0.8: error: policies.unifed.levers.empowerment: unknown policy "
        "\"unifed\"; did you mean \"unified\"?");
  CHECK(only_error_of(yaml, {io::parse_override("customers.channels.segments.a.share=0.5")}) ==
        "t.yaml:9:1: error: customers.channels.segments: expected shares summing to 1, found a sum of 0.5");
  CHECK(only_error_of(yaml, {io::parse_override("customers.channels.mode=choise")}) ==
        "--set customers.channels.mode=choise: error: customers.channels.mode: unknown channel mode \"choise\"; did you "
        "mean \"choice\"?");
  CHECK(only_error_of(yaml, {io::parse_override("policies.unified.levers.empowerment=1.8")}) ==
        "--set policies.unified.levers.empowerment=1.8: error: policies.unified.levers.empowerment: expected a "
        "number in [0, 1], found 1.8");
  CHECK(only_error_of(yaml, {io::parse_override("policies.unified.levers.manager_suport=0.5")}) ==
        "--set policies.unified.levers.manager_suport=0.5: error: policies.unified.levers.manager_suport: unknown key "
        "\"manager_suport\"; did you mean \"manager_support\"?");
}
