#include "txsim/io/scenario_loader.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
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

YAML::Node load_yaml(std::string_view yaml_text, const std::string& file_label) {
  try {
    return YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    const bool located = !e.mark.is_null();
    throw_single(file_label, located ? e.mark.line + 1 : 0, located ? e.mark.column + 1 : 0, e.msg);
  }
}

std::string read_file(const std::filesystem::path& file) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) throw_single(file.string(), 0, 0, "cannot read the scenario file: it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int code = errno;
    throw_single(file.string(), 0, 0,
                 fmt::format("cannot read the scenario file: {}", std::generic_category().message(code)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw_single(file.string(), 0, 0, "cannot read the scenario file: read error");
  return std::move(text).str();
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
