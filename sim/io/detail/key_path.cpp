#include "io/detail/key_path.hpp"

#include <charconv>

#include <fmt/format.h>

namespace txsim::io::detail {
namespace {

// Parses "[digits]" at the start of `text`; returns the characters consumed, 0 on error.
std::size_t parse_index(std::string_view text, std::size_t& index) {
  const std::size_t close = text.find(']');
  if (text.size() < 3 || text.front() != '[' || close == std::string_view::npos || close == 1) return 0;
  const char* first = text.data() + 1;
  const char* last = text.data() + close;
  const auto [end, error] = std::from_chars(first, last, index);
  return error == std::errc{} && end == last ? close + 1 : 0;
}

}  // namespace

std::optional<std::vector<PathStep>> split_key_path(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = std::min(path.find_first_of(".[]", pos), path.size());
    if (end == pos) return std::nullopt;
    steps.push_back({std::string(path.substr(pos, end - pos)), 0, false});
    pos = end;
    while (pos < path.size() && path[pos] == '[') {
      PathStep item{{}, 0, true};
      const std::size_t consumed = parse_index(path.substr(pos), item.index);
      if (consumed == 0) return std::nullopt;
      steps.push_back(item);
      pos += consumed;
    }
    if (pos == path.size()) return steps;
    if (path[pos] != '.') return std::nullopt;
    ++pos;
  }
}

std::string child_path(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string item_path(std::string_view path, std::size_t index) { return fmt::format("{}[{}]", path, index); }

std::string append_step(std::string_view path, const PathStep& step) {
  return step.is_index ? item_path(path, step.index) : child_path(path, step.key);
}

std::string parent_path(std::string_view path) {
  if (!path.empty() && path.back() == ']') return std::string(path.substr(0, path.rfind('[')));
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(path.substr(0, dot));
}

bool is_within(std::string_view path, std::string_view ancestor) {
  if (ancestor.empty()) return true;
  if (!path.starts_with(ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' || path[ancestor.size()] == '[';
}

}  // namespace txsim::io::detail
