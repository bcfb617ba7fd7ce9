#pragma once
// What the loader learns while it walks the YAML tree: where each key path sits in the file,
// which paths an override replaced, and the problems found so far. Turning a problem into a
// Diagnostic happens once at the end, so semantic issues from model::validate(), which know only
// a key path, are located the same way as the loader's own.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "txsim/io/diagnostics.hpp"

namespace txsim::io::detail {

/// A problem at a key path. A null mark means "wherever that path (or its nearest recorded
/// ancestor) is".
struct Issue {
  std::string key_path;
  std::string message;
  YAML::Mark mark = YAML::Mark::null_mark();
  /// False for keys that were ignored (unknown, duplicate): the spec is what the file says
  /// without them. True when a value could not be read and the spec holds a default instead,
  /// so that semantic checks near it would only report consequences of this issue.
  bool value_lost = true;
};

class Context {
 public:
  /// Remembers where `key_path` sits in the file; the first record of a path wins.
  void record(const std::string& key_path, const YAML::Mark& mark);
  /// Marks `key_path` and everything below it as coming from the override `label`
  /// ("--set key=value"); a later claim of the same path wins.
  void claim(std::string key_path, std::string label);

  /// A value that could not be read; the spec keeps its default there.
  void error(std::string key_path, std::string message, YAML::Mark mark = YAML::Mark::null_mark());
  /// A key that was ignored; the rest of the map was read as if it were absent.
  void ignored_key(std::string key_path, std::string message, YAML::Mark mark);
  /// Adds a semantic issue unless a lost value at, above or below its path explains it.
  void add_semantic(std::string key_path, std::string message);
  [[nodiscard]] const std::vector<Issue>& issues() const noexcept { return issues_; }
  [[nodiscard]] std::size_t issue_count() const noexcept { return issues_.size(); }

  /// Every issue located: override claims first, then the issue's own mark, then the mark of
  /// its path or nearest recorded ancestor. File diagnostics come in source order, override
  /// diagnostics after them.
  [[nodiscard]] std::vector<Diagnostic> diagnostics(const std::string& file_label) const;
  /// A finding that is not an issue of this context (a warning), located like one.
  [[nodiscard]] Diagnostic locate_path(std::string key_path, std::string message, const std::string& file_label) const {
    return locate(Issue{std::move(key_path), std::move(message)}, file_label);
  }

 private:
  [[nodiscard]] Diagnostic locate(const Issue& issue, const std::string& file_label) const;
  [[nodiscard]] const std::string* claiming_override(const std::string& key_path) const;
  [[nodiscard]] YAML::Mark recorded_mark(std::string key_path) const;

  std::unordered_map<std::string, YAML::Mark> marks_;
  std::vector<std::pair<std::string, std::string>> claims_;  // (key path, override label)
  std::vector<Issue> issues_;
  // Indexes of the lost values, so that add_semantic() costs the depth of its path rather than
  // the number of issues so far: the paths themselves, and for each ancestor of one the
  // fewest map levels down to it.
  std::unordered_set<std::string> lost_paths_;
  std::unordered_map<std::string, std::size_t> lost_levels_below_;
};

/// `"abc"` for a scalar, `a list`, `a map` or `an empty value`: the "found ..." of a message.
std::string describe(const YAML::Node& node);

}  // namespace txsim::io::detail
