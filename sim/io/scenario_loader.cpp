#include "txsim/io/scenario_loader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "io/detail/context.hpp"
#include "io/detail/key_path.hpp"
#include "io/detail/schema_ops.hpp"
#include "io/detail/yaml_reader.hpp"
#include "txsim/io/check.hpp"
#include "txsim/io/content_hash.hpp"
#include "txsim/io/schema.hpp"

namespace txsim::io {
namespace {

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

[[noreturn]] void throw_single(std::string file, int line, int column, std::string message) {
  throw ConfigError({Diagnostic{std::move(file), line, column, {}, std::move(message)}});
}

[[noreturn]] void throw_at(const std::string& file, const YAML::Mark& mark, std::string message) {
  const bool located = !mark.is_null();
  throw_single(file, located ? mark.line + 1 : 0, located ? mark.column + 1 : 0, std::move(message));
}

constexpr const char* kMaxBytesVariable = "TXSIM_MAX_SCENARIO_BYTES";
constexpr const char* kMaxValuesVariable = "TXSIM_MAX_SCENARIO_VALUES";

// A limit from the environment variable `name` (a positive whole number of `unit`), or `fallback`.
std::size_t limit_from_environment(const char* name, const char* unit, std::size_t fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr) return fallback;
  const std::string_view text(value);
  std::size_t limit = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || limit == 0)
    throw_single(fmt::format("environment variable {}", name), 0, 0,
                 fmt::format("expected a positive whole number of {}, found \"{}\"", unit, text));
  return limit;
}

std::size_t max_scenario_bytes() {
  return limit_from_environment(kMaxBytesVariable, "bytes", kDefaultMaxScenarioBytes);
}

std::size_t max_scenario_values() {
  return limit_from_environment(kMaxValuesVariable, "values", kDefaultMaxScenarioValues);
}

// yaml-cpp spends about 600 bytes and a few microseconds per value, and the conversion as much
// again: a 16 MiB list of numbers would take gigabytes. Every value after the first begins after
// a comma or a line break, so counting those bounds the values before anything is parsed.
void check_value_count(std::string_view text, std::size_t limit, const std::string& file_label) {
  std::size_t separators = 0;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ',' && text[i] != '\n') continue;
    if (++separators >= limit)
      throw_single(file_label, line, static_cast<int>(i - line_start) + 1,
                   fmt::format("the file holds more than {} values (counting commas and lines); set the "
                               "environment variable {} to a larger number to read it",
                               limit, kMaxValuesVariable));
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
}

void check_size(std::size_t bytes, std::size_t limit, const std::string& file_label) {
  if (bytes <= limit) return;
  throw_single(file_label, 0, 0,
               fmt::format("the file is larger than {} bytes, the limit for scenario files; set the environment "
                           "variable {} to a larger number of bytes to read it",
                           limit, kMaxBytesVariable));
}

// A NUL byte is never YAML text: a binary file, or text in UTF-16. Located, and never printed.
void refuse_nul(std::string_view text, const std::string& file_label) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return;
  const std::string_view before = text.substr(0, nul);
  const std::size_t line_start = before.rfind('\n');
  const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
  const auto column = static_cast<int>(line_start == std::string_view::npos ? nul + 1 : nul - line_start);
  throw_single(file_label, line, column,
               "found a NUL byte: a scenario is YAML text in UTF-8 (is this a binary file, or UTF-16 text?)");
}

// yaml-cpp reads a lone CR (classic Mac line ending) as part of a line, which turns a whole file
// into one comment or one scalar. YAML counts CR LF and CR as one line break each, so line
// numbers stay those of the file.
std::string normalise_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return out;
}

// Aliases share the node they point to, so the parsed tree is small, but everything that reads
// it (conversion, overrides, the checks) walks each alias in full: 1000 aliases of a list of
// 1000 aliases are a million shifts from a few kilobytes. Walk the tree as they would, counting
// values and depth, and refuse before the expansion costs anything.
void check_expansion(const YAML::Node& root, std::size_t text_bytes, const std::string& file_label) {
  // Without aliases a document has fewer values than bytes: the budget only ever stops aliases.
  const std::size_t budget = std::min(max_scenario_values(), std::max(kMinScenarioValueBudget, text_bytes));
  std::size_t values = 0;
  std::vector<std::pair<YAML::Node, int>> pending{{root, 1}};
  while (!pending.empty()) {
    auto [node, depth] = std::move(pending.back());
    pending.pop_back();
    if (++values > budget)
      throw_at(file_label, node.Mark(),
               fmt::format("the document expands to more than {} values through YAML aliases (*name); write the "
                           "repeated parts out, or use fewer aliases of aliases",
                           budget));
    if (depth > kMaxScenarioDepth)
      throw_at(file_label, node.Mark(),
               fmt::format("nesting deeper than {} levels; a scenario needs fewer than 10", kMaxScenarioDepth));
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) pending.emplace_back(item, depth + 1);
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.emplace_back(entry.first, depth + 1);
        pending.emplace_back(entry.second, depth + 1);
      }
    }
  }
}

YAML::Node load_yaml(std::string_view yaml_text, const std::string& file_label) {
  check_size(yaml_text.size(), max_scenario_bytes(), file_label);
  refuse_nul(yaml_text, file_label);
  const std::string text = normalise_line_breaks(yaml_text);
  check_value_count(text, max_scenario_values(), file_label);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {
    throw_at(file_label, e.mark,
             fmt::format("nesting deeper than {} levels; a scenario needs fewer than 10", kMaxScenarioDepth));
  } catch (const YAML::Exception& e) {
    throw_at(file_label, e.mark, e.msg);
  }
  if (documents.size() > 1) {
    const YAML::Mark second = documents[1].Mark();
    throw_at(file_label, second,
             "found a second YAML document (after a \"---\" line); a scenario file holds one document: remove "
             "the \"---\" or put the second document in a file of its own");
  }
  if (documents.empty() || documents.front().IsNull())
    throw_single(file_label, 1, 1,
                 "expected a scenario (a map with name, contact_types, agents, demand and horizon), found an empty "
                 "document");
  check_expansion(documents.front(), text.size(), file_label);
  return documents.front();
}

std::string read_file(const std::filesystem::path& file) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) throw_single(file.string(), 0, 0, "cannot read the scenario file: it is a directory");
  const std::size_t limit = max_scenario_bytes();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int code = errno;
    throw_single(file.string(), 0, 0,
                 fmt::format("cannot read the scenario file: {}", std::generic_category().message(code)));
  }
  // Read at most one byte past the limit: /dev/zero or a huge log must not fill the memory.
  std::string text;
  std::array<char, 1 << 16> chunk{};
  while (text.size() <= limit && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(std::min(chunk.size(), limit + 1 - text.size())));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw_single(file.string(), 0, 0, "cannot read the scenario file: read error");
  check_size(text.size(), limit, file.string());
  return text;
}

}  // namespace

std::string detail::override_label(const Override& setting) {
  return fmt::format("--set {}={}", setting.key_path, setting.value);
}

Override parse_override(std::string_view text) {
  const std::string label = fmt::format("--set {}", text);
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) throw_single(label, 0, 0, "expected key.path=value, found no \"=\"");
  Override result{std::string(trim(text.substr(0, equals))), std::string(trim(text.substr(equals + 1)))};
  if (result.key_path.empty()) throw_single(label, 0, 0, "expected a key path before \"=\", found nothing");
  if (!detail::split_key_path(result.key_path))
    throw_single(label, 0, 0,
                 fmt::format("expected a key path such as agents.groups.frontline.shifts[0].count, found \"{}\"",
                             result.key_path));
  return result;
}

LoadedStudy load_study(const std::filesystem::path& file, std::span<const Override> overrides) {
  return parse_study(read_file(file), file.string(), overrides);
}

LoadedStudy parse_study(std::string_view yaml_text, std::string_view file_label, std::span<const Override> overrides) {
  const std::string label(file_label);
  const YAML::Node root = load_yaml(yaml_text, label);
  detail::Context ctx;
  LoadedStudy loaded;
  ctx.record("", root.Mark());
  {
    detail::YamlReader reader(ctx, root, "");
    describe(reader, loaded.study);
  }
  // Overrides replace typed values after the file is read: an alias in the file is never
  // written through, and each problem points at its --set.
  for (const Override& setting : overrides) {
    ctx.claim(setting.key_path, detail::override_label(setting));
    detail::apply_set(ctx, loaded.study, setting.key_path, setting.value);
  }
  const CheckResult checked = check(loaded.study);
  for (const model::SpecIssue& issue : checked.errors) ctx.add_semantic(issue.key_path, issue.message);
  if (ctx.issue_count() != 0) throw ConfigError(ctx.diagnostics(label));
  for (const model::SpecIssue& warning : checked.warnings) {
    Diagnostic located = ctx.locate_path(warning.key_path, warning.message, label);
    located.warning = true;
    loaded.warnings.push_back(std::move(located));
  }
  loaded.resolved_yaml = to_yaml(loaded.study);
  loaded.content_hash = sha256_hex(loaded.resolved_yaml);
  return loaded;
}

model::ScenarioSpec load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
  return load_study(file, overrides).study.centre;
}

model::ScenarioSpec parse_scenario(std::string_view yaml_text, std::string_view file_label,
                                   std::span<const Override> overrides) {
  return parse_study(yaml_text, file_label, overrides).study.centre;
}

}  // namespace txsim::io
