#pragma once
// The scenario schema as an API: read and set any value of a study by its key path, print the
// fully resolved scenario, and list every parameter with its unit, default, range, meaning,
// source and evidence grade. Key paths are those of scenario files: map keys joined by dots,
// entries of named maps by name, list items as [i]
// (agents.groups.frontline.shifts[0].count, policies.unified.levers.root_cause_fix).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/experiment/study.hpp"

namespace txsim::io {

/// Sets the value at `key_path` from `yaml_value` (YAML text: `0.5`, `lognormal`, `[1, 2]`,
/// `{mean_s: 200}`), typed and range-checked like a value read from a file. `null` (or `~`)
/// clears an optional value, switches off a section (`workforce=null`) or removes an entry of a
/// named map (`policies.hire_more=null`). A missing policy or customer segment is created (with
/// defaults) on the way to a deeper key; a missing contact type or agent group is an error (the
/// name is most likely misspelt). Throws ConfigError, located at "--set key.path=value", naming
/// the key path, what was expected and what was found, with a "did you mean" for unknown keys
/// and names. Rules between fields (shares summing to 1, ...) are checked by io::check, not here.
void set_value(experiment::StudySpec& study, std::string_view key_path, std::string_view yaml_value);

/// The value at `key_path` as YAML flow text (`0.5`, `{distribution: exponential, mean_s: 300}`);
/// "null" for an unset optional value or a switched-off section. Throws ConfigError for a path
/// that names nothing.
[[nodiscard]] std::string get_value(const experiment::StudySpec& study, std::string_view key_path);

/// The study as a scenario file with every default explicit: loading it gives back the same
/// study, and printing that gives back the same text. `comments` maps key paths to text written
/// as a trailing `# comment` on the key's line (calibration writes n and intervals there).
[[nodiscard]] std::string to_yaml(const experiment::StudySpec& study,
                                  const std::map<std::string, std::string>& comments = {});

/// One parameter of the schema. Named entries appear as `<name>`, list items as `[i]`.
struct ParameterInfo {
  std::string key_path;       ///< "contact_types.<name>.share"
  std::string unit;
  std::string default_value;  ///< YAML text; "unset" for an optional value without default
  std::string range;          ///< "[0, 1]", ">= 0", "any", ...; distributions: "see distributions"
  std::string meaning;
  std::string source;         ///< citation, or "assumption"; empty for the centre's own data
  std::string grade;          ///< input, peer_reviewed, meta_analysis, survey, official_statistics,
                              ///< vendor_claim, assumption or definition
  bool container = false;     ///< a map, list or section holding other parameters
};

/// Every parameter of the schema, in file order.
[[nodiscard]] const std::vector<ParameterInfo>& parameter_reference();

/// The reference as Markdown tables, one per section (docs/MODEL.md section 15 is this text).
[[nodiscard]] std::string parameter_reference_markdown();

/// The parameter describing `key_path` of a concrete study (entry names and indices replaced by
/// `<name>` and `[i]`), or null.
[[nodiscard]] const ParameterInfo* find_parameter(std::string_view key_path);

/// The key paths of `study` that a reference pattern (`contact_types.<name>.share`,
/// `agents.groups.<name>.shifts[i].count`) stands for, skipping unset values and sections.
[[nodiscard]] std::vector<std::string> concrete_paths(const experiment::StudySpec& study, std::string_view pattern);

}  // namespace txsim::io
