#pragma once
// Scenario files (YAML) -> experiment::StudySpec (the centre and, optionally, the study: policies,
// lever effects, scorecard), with every problem reported at once. The keys, their units,
// defaults and ranges are the schema's (sim/io/detail/schema.hpp; `txsim schema` prints them).
//
// Keys map 1:1 to the spec fields and carry their units in their names (mean_s,
// rate_per_hour). A key left out takes the default of the ScenarioSpec member initialiser
// (e.g. patience omitted = customers never abandon). Required are:
//   name, contact_types (at least one), agents.groups (at least one),
//   exactly one of horizon.days | horizon.hours | horizon.arrivals,
//   exactly one of demand.rate_per_hour | demand.daily_volume,
//   per agent group exactly one of headcount | shifts,
//   per distribution given with the key `distribution`, the parameters of its kind:
//     none: -, deterministic and exponential: mean_s, lognormal and gamma: mean_s and cv,
//     weibull: mean_s and shape, empirical: values_s (a list).
// A distribution without `distribution` keeps the kind and parameters of the field's default
// and replaces those it gives ({mean_s: 200} for handle_time is exponential with mean 200 s).
// Optional top-level keys: description, interval_minutes, service_level_threshold_s, queue,
// workforce, customers, policies, lever_effects and scorecard. A workforce section, even
// `workforce: {}`, switches employee dynamics on with every key defaulted (sections fatigue,
// strain, effects, absence, attrition, hiring, learning, costs, as in model::WorkforceSpec;
// hiring.mode is none | replace | classes); it needs a horizon in days or hours. Without it the
// roster is fixed. Likewise a customers section, even `customers: {}`, switches customer journeys
// on (sections frustration, satisfaction, channels, as in model::CustomerSpec; channels.mode is
// none | forced | choice, and a mode other than none needs a contact type with
// digital_eligible_share > 0); channels.segments maps segment names to {share, digital_preference},
// shares summing to 1. policies maps policy names (not "baseline", which names the scenario
// itself) to {description, levers}; a lever left out leaves the scenario as it is, boolean
// levers take true or false, recovery_breaks, flexible_scheduling and manager_support need a
// workforce section, digital_deflection and digital_choice (at most one of them true) a customers
// section. lever_effects and scorecard always exist; their keys replace the defaults one by one
// (a scorecard anchor is {worst, best, weight}). Named entries (contact_types, agents.groups,
// customers.channels.segments, policies) keep the file's order.
// See scenarios/ for complete examples and docs/MODEL.md for the meaning of each key.
//
// Errors are thrown as ConfigError: syntax errors, unknown keys (with a "did you mean"), wrong
// types, non-finite numbers, non-integers where an integer is expected, and every semantic
// problem found by model::validate(), each located at the line and column of its key.

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <vector>

#include "txsim/experiment/study.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/model/scenario.hpp"

namespace txsim::io {

/// A command-line `--set key.path=value`: replaces one typed value after the file is read (see
/// io::set_value). Key paths use dots between map keys and `[i]` for list items
/// (agents.groups.frontline.shifts[0].count). The value is read as YAML, so `200` is a number,
/// `lognormal` a string and `[1, 2]` a list. A missing section is switched on (with defaults),
/// and a missing policy or customer segment created, on the way to a deeper key; a missing
/// contact type or agent group is an error (its name is most likely misspelt). `null` (or `~`)
/// clears an optional value, a section or a named entry, so that `horizon.hours=null` together
/// with `horizon.days=2` switches the horizon kind. Overrides apply in order.
struct Override {
  std::string key_path;
  std::string value;
};

/// Splits "key.path=value" at the first '='. Throws ConfigError (located at `--set text`) when
/// there is no '=' or the key path is empty or malformed.
Override parse_override(std::string_view text);

/// Limits that keep a hostile or mistaken file from exhausting memory or time; each is reported
/// as a located ConfigError. A scenario file (or text) may hold at most kDefaultMaxScenarioBytes
/// bytes (environment variable TXSIM_MAX_SCENARIO_BYTES to change it) and fewer than
/// kDefaultMaxScenarioValues commas and lines together, which bounds its values
/// (TXSIM_MAX_SCENARIO_VALUES); one YAML document; no NUL byte; nesting at most
/// kMaxScenarioDepth levels deep; and, counting every YAML alias (*name) as a full copy of what
/// it points to, at most max(kMinScenarioValueBudget, its size in bytes) values, and never more
/// than the values limit. CR and CR LF line breaks read as LF.
inline constexpr std::size_t kDefaultMaxScenarioBytes = std::size_t{16} << 20;
inline constexpr std::size_t kDefaultMaxScenarioValues = 1'000'000;
inline constexpr int kMaxScenarioDepth = 64;
inline constexpr std::size_t kMinScenarioValueBudget = 250'000;

/// A scenario file read, overridden and checked (io::check).
struct LoadedStudy {
  experiment::StudySpec study;
  std::vector<Diagnostic> warnings;  ///< located, `warning` set
  std::string resolved_yaml;         ///< io::to_yaml(study): every default explicit
  std::string content_hash;          ///< SHA-256 of resolved_yaml: the identity of what was run
};

/// Reads a scenario file, applies the overrides in order and checks the result. Throws
/// ConfigError with all diagnostics; an unreadable file gives one diagnostic naming the file.
LoadedStudy load_study(const std::filesystem::path& file, std::span<const Override> overrides = {});

/// The same from text; `file_label` is the file name used in diagnostics.
LoadedStudy parse_study(std::string_view yaml_text, std::string_view file_label, std::span<const Override> overrides = {});

/// load_study(...).study.centre: the centre alone, for callers that run no policies.
model::ScenarioSpec load_scenario(const std::filesystem::path& file, std::span<const Override> overrides = {});

/// parse_study(...).study.centre.
model::ScenarioSpec parse_scenario(std::string_view yaml_text, std::string_view file_label,
                                   std::span<const Override> overrides = {});

}  // namespace txsim::io
