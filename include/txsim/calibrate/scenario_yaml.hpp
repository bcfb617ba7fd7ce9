#pragma once
// Scenario text for a calibrated scenario, through the schema's writer (io::to_yaml): every key
// explicit, each fitted value followed by its comment (`# n=..., 95% CI [...]`), under a header
// comment.

#include <string>

#include "txsim/calibrate/calibration.hpp"

namespace txsim::calibrate {

/// YAML that io::parse_scenario reads back into `scenario.spec` (tested).
[[nodiscard]] std::string scenario_yaml(const CalibratedScenario& scenario, const std::string& header_comment);

}  // namespace txsim::calibrate
