#include "io/detail/overrides.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "io/detail/convert.hpp"
#include "io/detail/key_path.hpp"
#include "io/detail/suggest.hpp"

namespace txsim::io::detail {
namespace {

// The value as YAML, so that 200 is a number and [1, 2] a list. An empty value is the empty
// string rather than YAML's null, which would remove the key.
std::optional<YAML::Node> parse_value(Context& ctx, const Override& o) {
  if (o.value.find_first_not_of(" \t") == std::string::npos) return YAML::Node(std::string());
  try {
    return YAML::Load(o.value);
  } catch (const YAML::Exception& e) {
    ctx.error(o.key_path, fmt::format("expected a YAML value, found \"{}\" ({})", o.value, e.msg));
    return std::nullopt;
  }
}

const NamedCollection* named_collection(std::string_view path) {
  const auto it = std::find_if(kNamedCollections.begin(), kNamedCollections.end(),
                               [&](const NamedCollection& c) { return c.key_path == path; });
  return it == kNamedCollections.end() ? nullptr : &*it;
}

// Optional collections (policies, segments) may have no entries yet, or be created by an
// earlier step of this very override.
std::string unknown_entry_message(const NamedCollection& collection, const YAML::Node& map, std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& entry : map) names.emplace_back(entry.first.Scalar());
  if (names.empty()) return fmt::format("unknown {} \"{}\" ({} has none)", collection.noun, name, collection.key_path);
  return unknown_name_message(collection.noun, name, names);
}

std::string describe_path(const std::string& path) { return path.empty() ? std::string("the scenario") : path; }

// Whether `step` can be taken from `node` (at `path`): an index in range of a list, or a key
// of a map (an empty value becomes a map).
bool can_step(Context& ctx, const Override& o, const YAML::Node& node, const std::string& path, const PathStep& step) {
  if (step.is_index && !node.IsSequence()) {
    ctx.error(o.key_path, fmt::format("expected {} to be a list, found {}", describe_path(path), describe(node)));
    return false;
  }
  if (step.is_index && step.index >= node.size()) {
    ctx.error(o.key_path, fmt::format("expected an index below {} ({} has {} items), found {}", node.size(),
                                      describe_path(path), node.size(), step.index));
    return false;
  }
  if (!step.is_index && !node.IsMap() && !node.IsNull()) {
    ctx.error(o.key_path, fmt::format("expected {} to be a map, found {}", describe_path(path), describe(node)));
    return false;
  }
  return true;
}

// The child of `node` (at `path`) on the way to the override target; a missing map is created
// and claimed, except inside a named collection. Lists are never created: an item index into a
// missing list has nothing to refer to.
std::optional<YAML::Node> step_into(Context& ctx, const Override& o, const std::string& label, YAML::Node& node,
                                    const std::string& path, const PathStep& step, bool list_expected) {
  if (!can_step(ctx, o, node, path, step)) return std::nullopt;
  if (step.is_index) return std::as_const(node)[step.index];
  if (node.IsMap()) {
    if (const YAML::Node child = std::as_const(node)[step.key]; child.IsDefined()) return child;
    if (const NamedCollection* collection = named_collection(path)) {
      ctx.error(o.key_path, unknown_entry_message(*collection, node, step.key));
      return std::nullopt;
    }
  }
  if (list_expected) {
    ctx.error(o.key_path, fmt::format("expected {} to be a list, found nothing", child_path(path, step.key)));
    return std::nullopt;
  }
  node[step.key] = YAML::Node(YAML::NodeType::Map);
  ctx.claim(child_path(path, step.key), label);
  return std::as_const(node)[step.key];
}

void assign(Context& ctx, const Override& o, YAML::Node& node, const PathStep& step, const YAML::Node& value) {
  if (step.is_index) {
    if (value.IsNull())
      ctx.error(o.key_path, "expected a value, found null (list items cannot be removed)");
    else
      node[step.index] = value;
  } else if (value.IsNull()) {
    node.remove(step.key);
  } else {
    node[step.key] = value;
  }
}

}  // namespace

std::string override_label(const Override& setting) {
  return fmt::format("--set {}={}", setting.key_path, setting.value);
}

void apply_override(Context& ctx, YAML::Node& root, const Override& setting) {
  const std::string label = override_label(setting);
  ctx.claim(setting.key_path, label);
  const auto steps = split_key_path(setting.key_path);
  if (!steps) {
    ctx.error(setting.key_path, "expected a key path such as agents.groups.frontline.shifts[0].count");
    return;
  }
  const auto value = parse_value(ctx, setting);
  if (!value) return;

  YAML::Node node = root;
  std::string path;
  for (std::size_t i = 0; i + 1 < steps->size(); ++i) {
    const auto child = step_into(ctx, setting, label, node, path, (*steps)[i], (*steps)[i + 1].is_index);
    if (!child) return;
    node.reset(*child);
    path = append_step(path, (*steps)[i]);
  }
  if (can_step(ctx, setting, node, path, steps->back())) assign(ctx, setting, node, steps->back(), *value);
}

}  // namespace txsim::io::detail
