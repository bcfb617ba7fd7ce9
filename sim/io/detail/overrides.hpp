#pragma once
// Command-line overrides applied to the YAML tree before conversion, so an overridden value is
// checked exactly like one written in the file.

#include <string>

#include <yaml-cpp/yaml.h>

#include "io/detail/context.hpp"
#include "txsim/io/scenario_loader.hpp"

namespace txsim::io::detail {

/// "--set key.path=value": where diagnostics caused by an override point.
std::string override_label(const Override& setting);

/// Sets (or, for a null value, removes) one value below `root`, a map. Claims the overridden
/// path and every map created on the way for the override's label. Problems are reported at
/// the override; the value is then not set.
void apply_override(Context& ctx, YAML::Node& root, const Override& setting);

}  // namespace txsim::io::detail
