// The parameter reference: the schema walked over a study that has one entry in every named map
// and list and every section switched on, so that each field appears once with its default.

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/detail/key_path.hpp"
#include "io/detail/range_check.hpp"
#include "io/detail/schema.hpp"
#include "io/detail/yaml_writer.hpp"
#include "txsim/io/schema.hpp"

namespace txsim::io {
namespace detail {
namespace {

constexpr std::string_view kEntry = "<name>";

template <class Emit>
std::string flow_text(Emit emit) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  YamlWriter writer(out, "");
  writer.omit_next_key();
  emit(writer);
  return out.c_str();
}

class ReferenceBuilder {
 public:
  template <class T>
  void value(const Field& f, T& x) {
    add(f, flow_text([&](YamlWriter& w) { w.value(f, x); }), range_text(f.range, std::is_integral_v<T>), false);
  }
  template <class T>
  void value(const Field& f, std::optional<T>& x) {
    add(f, x ? flow_text([&](YamlWriter& w) { w.value(f, *x); }) : "unset", range_text(f.range, std::is_integral_v<T>),
        false);
  }
  void value(const Field& f, bool& x) { add(f, x ? "true" : "false", "true or false", false); }
  void value(const Field& f, std::optional<bool>& x) { add(f, x ? (*x ? "true" : "false") : "unset", "true or false", false); }
  void value(const Field& f, std::string& x) { add(f, x.empty() ? "\"\"" : "\"" + x + "\"", "UTF-8 text", false); }
  template <class E, std::size_t N>
  void choice(const Field& f, E& e, const std::array<std::string_view, N>& names) {
    std::string range;
    for (std::string_view name : names) range += (range.empty() ? "" : " | ") + std::string(name);
    add(f, std::string(names[static_cast<std::size_t>(e)]), range, false);
  }
  void distribution(const Field& f, rng::Distribution& d, bool none_allowed) {
    add(f, flow_text([&](YamlWriter& w) { w.distribution(f, d, none_allowed); }),
        none_allowed ? "any distribution" : "any distribution but none", false);
  }
  template <class T>
  void list(const Field& f, std::vector<T>& xs) {
    const bool numbers = std::is_arithmetic_v<T>;
    add(f, flow_text([&](YamlWriter& w) { w.list(f, xs); }),
        numbers ? "each " + range_text(f.range, std::is_integral_v<T>) : "list of names", false);
  }
  void headcount(const Field& f, std::vector<int>& xs) {
    add(f, xs.empty() ? "unset" : flow_text([&](YamlWriter& w) { w.headcount(f, xs); }),
        "each " + range_text(f.range, true) + "; 1 value or one per interval", false);
  }
  void weekdays(const Field& f, std::array<bool, model::kDaysPerWeek>& days) {
    add(f, flow_text([&](YamlWriter& w) { w.weekdays(f, days); }), "weekday names", false);
  }
  template <class Fn>
  void group(const Field& f, Fn&& fn) {
    add(f, "", "map", true);
    enter(f.key, fn);
  }
  template <class S>
  void section(const Field& f, std::optional<S>& s) {
    add(f, "absent", "map; present (even {}) switches it on", true);
    enter(f.key, [&] { describe(*this, *s); });
  }
  template <class S>
  void named(const Field& f, std::vector<S>& items, std::string_view noun) {
    add(f, "none", fmt::format("map from {} names to entries", noun), true);
    enter(f.key, [&] { enter(kEntry, [&] { describe(*this, items.front()); }); });
  }
  template <class S>
  void records(const Field& f, std::vector<S>& items) {
    add(f, "[]", "list", true);
    const std::string outer = path_;
    path_ = child_path(path_, f.key) + "[i]";
    describe(*this, items.front());
    path_ = outer;
  }

  [[nodiscard]] std::vector<ParameterInfo> take() { return std::move(rows_); }

 private:
  template <class Fn>
  void enter(std::string_view key, Fn&& fn) {
    const std::string outer = path_;
    path_ = child_path(path_, key);
    fn();
    path_ = outer;
  }
  void add(const Field& f, std::string default_value, std::string range, bool container) {
    std::string source(f.source);
    if (source.empty() && f.grade == Grade::Input) source = "the centre's own data";
    rows_.push_back({child_path(path_, f.key), std::string(f.unit), std::move(default_value), std::move(range),
                     std::string(f.meaning), std::move(source), std::string(to_string(f.grade)), container});
  }

  std::string path_;
  std::vector<ParameterInfo> rows_;
};

experiment::StudySpec sample_study() {
  experiment::StudySpec study;
  model::ScenarioSpec& centre = study.centre;
  centre.contact_types.emplace_back().name = kEntry;
  model::AgentGroupSpec& group = centre.agent_groups.emplace_back();
  group.name = kEntry;
  group.shifts.emplace_back().breaks.emplace_back();
  centre.workforce.emplace();
  centre.customers.emplace().channels.segments.emplace_back().name = kEntry;
  study.policies.emplace_back().name = kEntry;
  return study;
}

// The table a parameter's row belongs to: the map or list item holding it.
std::string parent_of(const std::string& key_path) {
  const std::size_t dot = key_path.rfind('.');
  return dot == std::string::npos ? std::string() : key_path.substr(0, dot);
}

// The table a row opens or sits in: a map opens its own (a named map or list, that of its entries
// or items), a value sits in its parent's.
std::string table_of(const ParameterInfo& row, const std::vector<ParameterInfo>& reference) {
  if (!row.container) return parent_of(row.key_path);
  const auto has_prefix = [&](const std::string& prefix) {
    return std::any_of(reference.begin(), reference.end(), [&](const ParameterInfo& p) { return p.key_path.starts_with(prefix); });
  };
  if (has_prefix(row.key_path + ".<name>.")) return row.key_path + ".<name>";
  if (has_prefix(row.key_path + "[i].")) return row.key_path + "[i]";
  return row.key_path;
}

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace
}  // namespace detail

const std::vector<ParameterInfo>& parameter_reference() {
  static const std::vector<ParameterInfo> reference = [] {
    detail::ReferenceBuilder builder;
    experiment::StudySpec study = detail::sample_study();
    detail::describe(builder, study);
    return builder.take();
  }();
  return reference;
}

const ParameterInfo* find_parameter(std::string_view key_path) {
  const auto steps = detail::split_key_path(key_path);
  if (!steps) return nullptr;
  std::string pattern;
  bool entry_next = false;
  for (const detail::PathStep& step : *steps) {
    if (step.is_index) {
      pattern += "[i]";
      continue;
    }
    pattern = detail::child_path(pattern, entry_next ? detail::kEntry : std::string_view(step.key));
    entry_next = !entry_next && std::any_of(detail::kNamedCollections.begin(), detail::kNamedCollections.end(),
                                            [&](const detail::NamedCollection& c) { return c.key_path == pattern; });
  }
  const auto& reference = parameter_reference();
  const auto it = std::find_if(reference.begin(), reference.end(), [&](const ParameterInfo& p) { return p.key_path == pattern; });
  return it == reference.end() ? nullptr : &*it;
}

std::string parameter_reference_markdown() {
  const auto& reference = parameter_reference();
  const auto meaning_of = [&](const std::string& path) -> std::string {
    const auto it = std::find_if(reference.begin(), reference.end(),
                                 [&](const ParameterInfo& p) { return p.container && p.key_path == path; });
    return it == reference.end() ? std::string() : it->meaning + " (" + it->range + ").";
  };
  // One table per map, in the order maps first appear: a nested map met half-way through its
  // parent does not split the parent's table.
  std::vector<std::string> parents;
  for (const ParameterInfo& row : reference) {
    const std::string table = detail::table_of(row, reference);
    if (std::find(parents.begin(), parents.end(), table) == parents.end()) parents.push_back(table);
  }
  std::vector<const ParameterInfo*> rows;
  for (const std::string& parent : parents)
    for (const ParameterInfo& row : reference)
      if (!row.container && detail::parent_of(row.key_path) == parent) rows.push_back(&row);
  std::string text;
  std::string table = "\x01";
  for (const ParameterInfo* row_ptr : rows) {
    const ParameterInfo& row = *row_ptr;
    const std::string parent = detail::parent_of(row.key_path);
    if (parent != table) {
      table = parent;
      text += parent.empty() ? "\n### Top level\n\n" : fmt::format("\n### `{}`\n\n", parent);
      // An entry of a named map or a list item is described by the map or list holding it.
      std::string container = parent;
      if (container.ends_with("[i]")) container.resize(container.size() - 3);
      if (container.ends_with(".<name>")) container.resize(container.size() - 7);
      if (const std::string meaning = meaning_of(container); !meaning.empty())
        text += detail::cell(std::string(1, static_cast<char>(std::toupper(meaning.front()))) + meaning.substr(1)) + "\n\n";
      text += "| Key | Unit | Default | Valid range | Meaning | Source | Grade |\n|---|---|---|---|---|---|---|\n";
    }
    const std::string key = parent.empty() ? row.key_path : row.key_path.substr(parent.size() + 1);
    text += fmt::format("| `{}` | {} | `{}` | {} | {} | {} | {} |\n", key, detail::cell(row.unit),
                        detail::cell(row.default_value), detail::cell(row.range), detail::cell(row.meaning),
                        detail::cell(row.source.empty() ? "–" : row.source), row.grade);
  }
  text += fmt::format(
      "\n### Distributions\n\n"
      "| Key | Unit | Valid range | Used by |\n|---|---|---|---|\n"
      "| `distribution` | – | none, deterministic, exponential, lognormal, gamma, weibull, empirical | all |\n"
      "| `mean_s` | s | `[0, {0}]` for deterministic, `(0, {0}]` otherwise | deterministic, exponential, lognormal, "
      "gamma, weibull |\n"
      "| `cv` | – | `(0, {1}]` | lognormal, gamma |\n"
      "| `shape` | – | `[{2}, {3}]` | weibull |\n"
      "| `values_s` | list of s | non-empty, each in `[0, {0}]` | empirical |\n",
      detail::kMaxDurationS, detail::kMaxCv, detail::kMinWeibullShape, detail::kMaxWeibullShape);
  return text;
}

}  // namespace txsim::io
