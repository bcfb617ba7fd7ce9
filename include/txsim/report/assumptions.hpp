#pragma once
// The assumptions table of a report: every parameter of a study whose value differs from the
// schema's default or rests on an assumption or a vendor's claim, with the value used, the
// default, the source and the evidence grade (io::parameter_reference).

#include <nlohmann/json.hpp>

#include "txsim/experiment/study.hpp"

namespace txsim::report {

/// [{"key_path", "value", "default", "unit", "source", "grade", "meaning"}, ...] in schema
/// order; values and defaults as YAML flow text. A results object carrying this array under
/// "assumptions" gets an assumptions section in render_html.
[[nodiscard]] nlohmann::ordered_json assumptions_json(const experiment::StudySpec& study);

}  // namespace txsim::report
