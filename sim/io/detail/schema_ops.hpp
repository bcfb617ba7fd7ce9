#pragma once
// The schema operations the loader and the front door share with the public API.

#include <string_view>
#include <vector>

#include "io/detail/context.hpp"
#include "txsim/experiment/study.hpp"
#include "txsim/io/scenario_loader.hpp"

namespace txsim::io::detail {

/// Applies `key_path = yaml_value` to `study`; problems go to `ctx` at `key_path`. True when
/// the value was taken.
bool apply_set(Context& ctx, experiment::StudySpec& study, std::string_view key_path, std::string_view yaml_value);

/// "--set key.path=value": where an override's problems are reported.
std::string override_label(const Override& setting);

/// Every value outside its field's range (and text that is not UTF-8), by key path.
std::vector<model::SpecIssue> check_ranges(const experiment::StudySpec& study);

}  // namespace txsim::io::detail
