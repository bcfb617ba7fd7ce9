#include "txsim/io/schema.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/detail/locator.hpp"
#include "io/detail/range_check.hpp"
#include "io/detail/schema_ops.hpp"
#include "io/detail/yaml_reader.hpp"
#include "io/detail/yaml_writer.hpp"
#include "txsim/io/diagnostics.hpp"

namespace txsim::io {
namespace detail {
namespace {

// `--set`: the new value, read by the same reader as a file's value at that key.
class SetLeaf {
 public:
  using Target = YamlReader;

  SetLeaf(Context& ctx, const YAML::Node& value, std::string label)
      : ctx_(ctx), value_(value), label_(std::move(label)) {}
  [[nodiscard]] bool is_null() const { return value_.IsNull(); }
  [[nodiscard]] bool may_create() const { return true; }

  template <class Call>
  void at(const Field& f, const std::string& parent, Call call) {
    YAML::Node wrapper(YAML::NodeType::Map);
    wrapper[std::string(f.key)] = value_;
    YamlReader reader(ctx_, wrapper, parent);
    call(reader);
  }
  template <class S>
  void entry(S& item, const std::string& path) {
    YamlReader reader(ctx_, value_, path);
    describe(reader, item);
  }
  template <class T>
  void element(T& x, const std::string& path) {
    read_scalar(ctx_, value_, path, x);
  }
  void parameter(const Field&, const std::string& parent, const std::string& key, rng::Distribution& d) {
    YAML::Node partial(YAML::NodeType::Map);
    partial[key] = value_;
    read_distribution(ctx_, partial, parent, d);
  }
  void cleared(const std::string&) {}
  // What the override made or misnamed is its own: problems found there point at the override.
  void owns(const std::string& path) { ctx_.claim(path, label_); }

 private:
  Context& ctx_;
  YAML::Node value_;
  std::string label_;
};

// get_value: the value written by the same writer as a scenario file, in flow style.
class GetLeaf {
 public:
  using Target = YamlWriter;

  explicit GetLeaf(YAML::Emitter& out) : out_(out) {}
  [[nodiscard]] bool is_null() const { return false; }
  [[nodiscard]] bool may_create() const { return false; }

  template <class Call>
  void at(const Field&, const std::string& parent, Call call) {
    YamlWriter writer(out_, parent);
    writer.omit_next_key();
    call(writer);
  }
  template <class S>
  void entry(S& item, const std::string& path) {
    YamlWriter(out_, path).write_struct(item);
  }
  template <class T>
  void element(T& x, const std::string&) {
    out_ << fmt::format("{}", x);
  }
  void parameter(const Field&, const std::string&, const std::string& key, rng::Distribution& d) {
    if (key == "mean_s") out_ << fmt::format("{}", d.mean);
    else if (key == "cv") out_ << fmt::format("{}", d.cv);
    else if (key == "shape") out_ << fmt::format("{}", d.shape);
    else if (key == "distribution") out_ << std::string(rng::to_string(d.kind));
    else if (key == "values_s") {
      out_ << YAML::BeginSeq;
      for (double v : d.values) out_ << fmt::format("{}", v);
      out_ << YAML::EndSeq;
    }
  }
  void cleared(const std::string&) {}
  void owns(const std::string&) {}

 private:
  YAML::Emitter& out_;
};

std::string set_label(std::string_view key_path, std::string_view value) {
  return fmt::format("--set {}={}", key_path, value);
}

[[noreturn]] void throw_located(const Context& ctx, const std::string& label) {
  throw ConfigError(ctx.diagnostics(label));
}

}  // namespace

bool apply_set(Context& ctx, experiment::StudySpec& study, std::string_view key_path, std::string_view yaml_value) {
  const std::size_t issues_before = ctx.issue_count();
  const auto steps = split_key_path(key_path);
  if (!steps) {
    ctx.error(std::string(key_path), "expected a key path such as agents.groups.frontline.shifts[0].count");
    return false;
  }
  // The value as YAML, so that 200 is a number and [1, 2] a list. An empty value is the empty
  // string rather than YAML's null, which would remove the key.
  YAML::Node value;
  if (yaml_value.find_first_not_of(" \t") == std::string_view::npos) {
    value = YAML::Node(std::string());
  } else {
    try {
      value = YAML::Load(std::string(yaml_value));
    } catch (const YAML::Exception& e) {
      ctx.error(std::string(key_path), fmt::format("expected a YAML value, found \"{}\" ({})", yaml_value, e.msg));
      return false;
    }
  }
  SetLeaf leaf(ctx, value, set_label(key_path, yaml_value));
  Locator<SetLeaf> locator(ctx, key_path, *steps, leaf);
  describe(locator, study);
  locator.report_unknown();
  return ctx.issue_count() == issues_before;
}

std::vector<model::SpecIssue> check_ranges(const experiment::StudySpec& study) {
  RangeChecker checker;
  // The checker only reads; descriptions take mutable structs because the reader shares them.
  describe(checker, const_cast<experiment::StudySpec&>(study));
  return checker.take();
}

}  // namespace detail

void set_value(experiment::StudySpec& study, std::string_view key_path, std::string_view yaml_value) {
  detail::Context ctx;
  const std::string label = detail::set_label(key_path, yaml_value);
  experiment::StudySpec updated = study;
  detail::apply_set(ctx, updated, key_path, yaml_value);
  // Ranges of what the value touched (a whole section set at once is checked whole).
  for (model::SpecIssue& issue : detail::check_ranges(updated))
    if (detail::is_within(issue.key_path, key_path) || detail::is_within(key_path, issue.key_path))
      ctx.error(std::move(issue.key_path), std::move(issue.message));
  if (ctx.issue_count() != 0) {
    // The value's own text has line and column 1: only the --set label locates it.
    std::vector<Diagnostic> diagnostics = ctx.diagnostics(label);
    for (Diagnostic& d : diagnostics) d.line = d.column = 0;
    throw ConfigError(std::move(diagnostics));
  }
  study = std::move(updated);
}

std::string get_value(const experiment::StudySpec& study, std::string_view key_path) {
  detail::Context ctx;
  const auto steps = detail::split_key_path(key_path);
  if (!steps) {
    ctx.error(std::string(key_path), "expected a key path such as agents.groups.frontline.shifts[0].count");
    detail::throw_located(ctx, std::string(key_path));
  }
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  detail::GetLeaf leaf(out);
  detail::Locator<detail::GetLeaf> locator(ctx, key_path, *steps, leaf);
  experiment::StudySpec copy = study;
  describe(locator, copy);
  locator.report_unknown();
  if (ctx.issue_count() != 0) detail::throw_located(ctx, std::string(key_path));
  const std::string text = out.c_str();
  return text.empty() ? "null" : text;
}

std::string to_yaml(const experiment::StudySpec& study, const std::map<std::string, std::string>& comments) {
  YAML::Emitter out;
  out.SetIndent(2);
  detail::YamlWriter writer(out, "", comments.empty() ? nullptr : &comments);
  writer.write_struct(study);
  return std::string(out.c_str()) + "\n";
}

std::vector<std::string> concrete_paths(const experiment::StudySpec& study, std::string_view pattern) {
  std::string tokens(pattern);
  for (std::size_t at = tokens.find("[i]"); at != std::string::npos; at = tokens.find("[i]", at + 4))
    tokens.replace(at, 3, ".[i]");
  std::vector<std::string> prefixes{""};
  std::size_t start = 0;
  while (start <= tokens.size()) {
    const std::size_t dot = std::min(tokens.find('.', start), tokens.size());
    const std::string token = tokens.substr(start, dot - start);
    start = dot + 1;
    std::vector<std::string> next;
    for (const std::string& prefix : prefixes) {
      if (token != "<name>" && token != "[i]") {
        next.push_back(detail::child_path(prefix, token));
        continue;
      }
      YAML::Node container;
      try {
        container = YAML::Load(get_value(study, prefix));
      } catch (const ConfigError&) {
        continue;
      }
      if (token == "<name>" && container.IsMap())
        for (const auto& entry : container) next.push_back(detail::child_path(prefix, entry.first.Scalar()));
      if (token == "[i]" && container.IsSequence())
        for (std::size_t i = 0; i < container.size(); ++i) next.push_back(detail::item_path(prefix, i));
    }
    prefixes = std::move(next);
  }
  std::vector<std::string> paths;
  for (std::string& path : prefixes) {
    try {
      if (get_value(study, path) != "null") paths.push_back(std::move(path));
    } catch (const ConfigError&) {
      // A section the study does not have.
    }
  }
  return paths;
}

}  // namespace txsim::io
