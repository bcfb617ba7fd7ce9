#pragma once
// The checks of what results must hold before a report can be made of them (results.cpp).

#include <nlohmann/json.hpp>

namespace txsim::report::detail {

/// Throws ResultsError (without a file name) unless `comparison` has a non-empty "policies"
/// list whose entries have a "name" and "scores": the layout of io::comparison_json.
void require_comparison_layout(const nlohmann::ordered_json& comparison);

}  // namespace txsim::report::detail
