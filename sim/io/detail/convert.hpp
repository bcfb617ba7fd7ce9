#pragma once
// YAML tree -> ScenarioSpec. Each struct of the spec has one reader that lists the keys it
// knows; the shared MapReader reports unknown and duplicate keys and records where every key
// sits, so semantic issues can be located later.

#include <array>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "io/detail/context.hpp"
#include "txsim/model/scenario.hpp"

namespace txsim::io::detail {

/// Maps from user-chosen names to entries. Overrides may change entries but not create them
/// on the way to a deeper key, where a new name is almost always a misspelt one.
struct NamedCollection {
  std::string_view key_path;
  std::string_view noun;  ///< "contact type"
};
inline constexpr std::array<NamedCollection, 4> kNamedCollections{
    NamedCollection{"contact_types", "contact type"}, NamedCollection{"agents.groups", "agent group"},
    NamedCollection{"customers.channels.segments", "customer segment"}, NamedCollection{"policies", "policy"}};

/// Converts a whole scenario. Problems go to `ctx`; a field whose value has a problem keeps its
/// default.
model::ScenarioSpec convert_scenario(Context& ctx, const YAML::Node& root);

}  // namespace txsim::io::detail
