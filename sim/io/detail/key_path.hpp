#pragma once
// Scenario key paths: map keys joined by dots, list items as [i]
// ("agents.groups.frontline.shifts[0].breaks[1].duration_min"). The same paths name YAML
// nodes in the loader, override targets and model::SpecIssue locations.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace txsim::io::detail {

/// One step down a key path: a map key, or a list index when `is_index`.
struct PathStep {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};

/// The steps of `path`, or nullopt if it is empty or malformed (empty key, bad or unclosed [i]).
std::optional<std::vector<PathStep>> split_key_path(std::string_view path);

/// `path.key`, or `key` at the root.
std::string child_path(std::string_view path, std::string_view key);
/// `path[index]`.
std::string item_path(std::string_view path, std::size_t index);
std::string append_step(std::string_view path, const PathStep& step);

/// The path one step up ("a.b[2]" -> "a.b", "a" -> ""); "" for the root itself.
std::string parent_path(std::string_view path);

/// True when `path` is `ancestor` or lies below it ("a.b[1].c" is within "a.b" but not "a.bc").
bool is_within(std::string_view path, std::string_view ancestor);

}  // namespace txsim::io::detail
