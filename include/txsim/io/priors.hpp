#pragma once
// Priors files: a distribution for each uncertain parameter of a study, keyed by scenario key
// path, each with the evidence behind it. The format (scenarios/priors/evidence.yaml is the
// bundled example; docs/SENSITIVITY.md, "Priors files"):
//
//   priors:
//     lever_effects.pressure_resolution_loss:
//       distribution: uniform          # uniform {low, high}, triangular {low, mode, high},
//       low: 0                         # or loguniform {low, high} with low > 0
//       high: 1
//       why: "direction: KC & Terwiesch 2009; no call-centre elasticity found"
//
// Key paths are those of `--set` and io::get_value; `why` is required and not empty.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/experiment/study.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/stats/prior.hpp"

namespace txsim::io {

/// One uncertain parameter.
struct UncertainParameter {
  std::string key_path;  ///< scenario key path, e.g. "customers.satisfaction.customer_value"
  stats::Prior prior;    ///< its distribution, valid (see stats::Prior)
  std::string why;       ///< the evidence behind the distribution, one line
  int line = 0;          ///< 1-based line of the key in the priors file, for diagnostics
};

/// A priors file: the uncertain parameters in file order, each key path once.
struct PriorsFile {
  std::string label;  ///< file name as given, used in diagnostics
  std::vector<UncertainParameter> parameters;
};

/// Reads a priors file. Throws ConfigError with every problem found, located
/// (`file:line:col: error: priors.KEY.low: expected ..., found ...`): YAML syntax, unknown keys
/// (with "did you mean"), a missing or unknown distribution, missing or non-numeric bounds,
/// low >= high, a mode outside [low, high], loguniform with low <= 0, an empty `why`, a key path
/// given twice. Whether the key paths exist in a study is checked by check_priors.
PriorsFile load_priors(const std::filesystem::path& file);

/// The same from text; `file_label` is the file name used in diagnostics.
PriorsFile parse_priors(std::string_view yaml_text, std::string_view file_label);

/// The problems of `priors` against `study`: a key path that names no numeric parameter of the
/// study (io::get_value fails, or it names a map, list or section), or a bound (low, mode, high)
/// that the schema's range for that parameter rejects (io::set_value fails). Empty when fine.
[[nodiscard]] std::vector<Diagnostic> check_priors(const PriorsFile& priors, const experiment::StudySpec& study);

/// Sets each uncertain parameter of `study` to its prior's quantile at the matching coordinate
/// of `unit_point` (one coordinate in [0, 1] per parameter, in file order): one draw of a
/// sampling design. The caller runs io::require_valid on the result (rules between fields).
/// Throws ConfigError as io::set_value, std::invalid_argument when the sizes differ or a
/// coordinate is outside [0, 1] (or NaN).
void apply_prior_draw(experiment::StudySpec& study, const PriorsFile& priors, std::span<const double> unit_point);

}  // namespace txsim::io
