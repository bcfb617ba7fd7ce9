#include "io/detail/context.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/detail/key_path.hpp"
#include "io/detail/schema.hpp"

namespace txsim::io::detail {

void Context::record(const std::string& key_path, const YAML::Mark& mark) {
  if (!mark.is_null()) marks_.try_emplace(key_path, mark);
}

void Context::claim(std::string key_path, std::string label) {
  claims_.emplace_back(std::move(key_path), std::move(label));
}

namespace {

// Depth in map keys; a list index stays at its list's depth (headcount[1] is the headcount).
std::size_t map_depth(std::string_view path) {
  const auto steps = split_key_path(path);
  return steps ? static_cast<std::size_t>(
                     std::count_if(steps->begin(), steps->end(), [](const PathStep& s) { return !s.is_index; }))
               : std::size_t{0};
}

}  // namespace

void Context::error(std::string key_path, std::string message, YAML::Mark mark) {
  const std::size_t depth = map_depth(key_path);
  std::string ancestor = key_path;
  while (!ancestor.empty()) {
    ancestor = parent_path(ancestor);
    const std::size_t levels = depth - std::min(depth, map_depth(ancestor));
    const auto [it, inserted] = lost_levels_below_.try_emplace(ancestor, levels);
    if (!inserted) it->second = std::min(it->second, levels);
  }
  lost_paths_.insert(key_path);
  issues_.push_back({std::move(key_path), std::move(message), mark, true});
}

void Context::ignored_key(std::string key_path, std::string message, YAML::Mark mark) {
  issues_.push_back({std::move(key_path), std::move(message), mark, false});
}

// A semantic issue is a knock-on of a value the loader could not read when it concerns that
// value or something inside it, or the map just above it (horizon for horizon.days, whose
// exactly-one check would only repeat the first error). Inside a named collection the reach is
// two map levels (contact_types for contact_types.billing.share, whose sum check reads every
// entry); elsewhere it stays one, so that a check on a whole section (workforce against the
// horizon) is not hidden by a typo deep inside it. Checks further up still run, so unrelated
// problems are all reported.
void Context::add_semantic(std::string key_path, std::string message) {
  const bool in_collection = std::any_of(kNamedCollections.begin(), kNamedCollections.end(),
                                         [&](const NamedCollection& c) { return is_within(key_path, c.key_path); });
  const std::size_t reach = in_collection ? 2 : 1;
  const auto below = lost_levels_below_.find(key_path);
  bool explained = below != lost_levels_below_.end() && below->second <= reach;
  for (std::string path = key_path; !explained; path = parent_path(path)) {
    explained = lost_paths_.contains(path);
    if (path.empty()) break;
  }
  if (!explained) issues_.push_back({std::move(key_path), std::move(message), YAML::Mark::null_mark(), false});
}

std::vector<Diagnostic> Context::diagnostics(const std::string& file_label) const {
  std::vector<Diagnostic> located;
  located.reserve(issues_.size());
  for (const Issue& issue : issues_) located.push_back(locate(issue, file_label));
  std::stable_sort(located.begin(), located.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const bool a_override = a.file != file_label;
    const bool b_override = b.file != file_label;
    if (a_override != b_override) return b_override;
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return located;
}

Diagnostic Context::locate(const Issue& issue, const std::string& file_label) const {
  if (const std::string* label = claiming_override(issue.key_path)) return {*label, 0, 0, issue.key_path, issue.message};
  const YAML::Mark mark = issue.mark.is_null() ? recorded_mark(issue.key_path) : issue.mark;
  if (mark.is_null()) return {file_label, 0, 0, issue.key_path, issue.message};
  return {file_label, mark.line + 1, mark.column + 1, issue.key_path, issue.message};
}

const std::string* Context::claiming_override(const std::string& key_path) const {
  const std::string* label = nullptr;
  std::size_t longest = 0;
  for (const auto& [path, claimant] : claims_) {
    if (is_within(key_path, path) && (label == nullptr || path.size() >= longest)) {
      label = &claimant;
      longest = path.size();
    }
  }
  return label;
}

YAML::Mark Context::recorded_mark(std::string key_path) const {
  while (true) {
    if (const auto it = marks_.find(key_path); it != marks_.end()) return it->second;
    if (key_path.empty()) return YAML::Mark::null_mark();
    key_path = parent_path(key_path);
  }
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return fmt::format("\"{}\"", node.Scalar());
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return "an empty value";
}

}  // namespace txsim::io::detail
