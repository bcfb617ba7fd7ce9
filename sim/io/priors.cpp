#include "txsim/io/priors.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/detail/suggest.hpp"
#include "txsim/io/schema.hpp"

namespace txsim::io {
namespace {

constexpr std::array<std::string_view, 3> kDistributionNames{"uniform", "triangular", "loguniform"};
constexpr std::array<std::string_view, 5> kEntryKeys{"distribution", "low", "mode", "high", "why"};
constexpr std::array<std::string_view, 1> kTopKeys{"priors"};

class Reader {
 public:
  explicit Reader(std::string label) : label_(std::move(label)) {}

  void error(const YAML::Mark& mark, std::string key_path, std::string message) {
    const bool located = !mark.is_null();
    diagnostics_.push_back(
        {label_, located ? mark.line + 1 : 0, located ? mark.column + 1 : 0, std::move(key_path), std::move(message)});
  }

  PriorsFile read(const YAML::Node& root) {
    PriorsFile file{label_, {}};
    if (!root.IsMap()) {
      error(root.Mark(), "", "expected a map with the key \"priors\", found " + kind(root));
      return file;
    }
    for (const auto& item : root) {
      const std::string key = item.first.Scalar();
      if (key != "priors")
        error(item.first.Mark(), key, detail::unknown_name_message("key", key, kTopKeys));
    }
    const YAML::Node priors = root["priors"];
    if (!priors) {
      error(root.Mark(), "priors", "expected a map of key paths to distributions, found nothing");
      return file;
    }
    if (!priors.IsMap() || priors.size() == 0) {
      error(priors.Mark(), "priors", "expected a map of key paths to distributions, found " + kind(priors));
      return file;
    }
    std::set<std::string> seen;
    for (const auto& item : priors) {
      const std::string key_path = item.first.Scalar();
      if (!seen.insert(key_path).second) {
        error(item.first.Mark(), "priors." + key_path, "this key path is given twice");
        continue;
      }
      if (auto parameter = read_entry(key_path, item.first.Mark(), item.second)) file.parameters.push_back(*parameter);
    }
    return file;
  }

  std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

 private:
  static std::string kind(const YAML::Node& node) {
    if (!node || node.IsNull()) return "nothing";
    if (node.IsScalar()) return "\"" + node.Scalar() + "\"";
    return node.IsSequence() ? "a list" : "a map";
  }

  std::optional<double> number(const YAML::Node& entry, std::string_view key, const std::string& path) {
    const YAML::Node node = entry[std::string(key)];
    const std::string key_path = path + "." + std::string(key);
    if (!node) {
      error(entry.Mark(), key_path, "expected a number, found nothing");
      return std::nullopt;
    }
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
      error(node.Mark(), key_path, "expected a finite number, found " + kind(node));
      return std::nullopt;
    }
    return value;
  }

  std::optional<UncertainParameter> read_entry(const std::string& key_path, const YAML::Mark& key_mark,
                                               const YAML::Node& entry) {
    const std::string path = "priors." + key_path;
    if (!entry.IsMap()) {
      error(entry.Mark(), path, "expected a map {distribution, low, high, why}, found " + kind(entry));
      return std::nullopt;
    }
    const std::size_t before = diagnostics_.size();
    for (const auto& item : entry) {
      const std::string key = item.first.Scalar();
      bool known = false;
      for (std::string_view k : kEntryKeys) known = known || k == key;
      if (!known) error(item.first.Mark(), path + "." + key, detail::unknown_name_message("key", key, kEntryKeys));
    }
    UncertainParameter parameter{key_path, {}, {}, key_mark.is_null() ? 0 : key_mark.line + 1};
    const YAML::Node distribution = entry["distribution"];
    std::optional<stats::PriorKind> kind_read;
    if (!distribution || !distribution.IsScalar()) {
      error(distribution ? distribution.Mark() : entry.Mark(), path + ".distribution",
            "expected uniform, triangular or loguniform, found " + kind(distribution));
    } else {
      const std::string name = distribution.Scalar();
      for (std::size_t k = 0; k < kDistributionNames.size(); ++k)
        if (kDistributionNames[k] == name) kind_read = static_cast<stats::PriorKind>(k);
      if (!kind_read)
        error(distribution.Mark(), path + ".distribution",
              detail::unknown_name_message("distribution", name, kDistributionNames));
    }
    const std::optional<double> low = number(entry, "low", path);
    const std::optional<double> high = number(entry, "high", path);
    std::optional<double> mode;
    if (kind_read == stats::PriorKind::Triangular) {
      mode = number(entry, "mode", path);
    } else if (entry["mode"]) {
      error(entry["mode"].Mark(), path + ".mode",
            fmt::format("a mode belongs to a triangular distribution, found it with {}",
                        kind_read ? to_string(*kind_read) : "no valid distribution"));
    }
    const YAML::Node why = entry["why"];
    if (!why || !why.IsScalar() || why.Scalar().empty())
      error(why ? why.Mark() : entry.Mark(), path + ".why", "expected the evidence behind the distribution, found " + kind(why));
    else
      parameter.why = why.Scalar();

    if (low && high && !(*low < *high))
      error(entry["low"].Mark(), path + ".low", fmt::format("expected low < high, found low {} and high {}", *low, *high));
    if (low && high && mode && *low < *high && !(*low <= *mode && *mode <= *high))
      error(entry["mode"].Mark(), path + ".mode", fmt::format("expected a mode in [{}, {}], found {}", *low, *high, *mode));
    if (kind_read == stats::PriorKind::LogUniform && low && !(*low > 0))
      error(entry["low"].Mark(), path + ".low", fmt::format("expected low > 0 for loguniform, found {}", *low));
    if (diagnostics_.size() != before || !kind_read || !low || !high) return std::nullopt;
    parameter.prior = {*kind_read, *low, mode.value_or(*low), *high};
    return parameter;
  }

  std::string label_;
  std::vector<Diagnostic> diagnostics_;
};

std::string number_text(double x) { return fmt::format("{}", x); }

}  // namespace

PriorsFile parse_priors(std::string_view yaml_text, std::string_view file_label) {
  const std::string label(file_label);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    const bool located = !e.mark.is_null();
    throw ConfigError({Diagnostic{label, located ? e.mark.line + 1 : 0, located ? e.mark.column + 1 : 0, {}, e.msg}});
  }
  Reader reader(label);
  PriorsFile file = reader.read(root);
  std::vector<Diagnostic> diagnostics = reader.take_diagnostics();
  if (!diagnostics.empty()) throw ConfigError(std::move(diagnostics));
  return file;
}

PriorsFile load_priors(const std::filesystem::path& file) {
  const auto fail = [&](const std::string& message) {
    throw ConfigError({Diagnostic{file.string(), 0, 0, {}, "cannot read the priors file: " + message}});
  };
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) fail("it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(std::generic_category().message(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail("read error");
  return parse_priors(text.str(), file.string());
}

std::vector<Diagnostic> check_priors(const PriorsFile& priors, const experiment::StudySpec& study) {
  std::vector<Diagnostic> diagnostics;
  for (const UncertainParameter& parameter : priors.parameters) {
    const auto problem = [&](std::string message) {
      diagnostics.push_back({priors.label, parameter.line, 0, "priors." + parameter.key_path, std::move(message)});
    };
    const ParameterInfo* info = find_parameter(parameter.key_path);
    if (info == nullptr) {
      // The locator names the first unknown step, with a "did you mean" for a misspelling.
      std::string why = "a path the schema does not know";
      try {
        (void)get_value(study, parameter.key_path);
      } catch (const ConfigError& e) {
        why = e.diagnostics().front().message;
      }
      problem("expected the key path of a number in the scenario: " + why);
      continue;
    }
    if (info->container) {
      problem("expected the key path of a number in the scenario, found a map, list or section");
      continue;
    }
    try {
      (void)get_value(study, parameter.key_path);
    } catch (const ConfigError& e) {
      problem("the study has no value here: " + e.diagnostics().front().message);
      continue;
    }
    const stats::Prior& prior = parameter.prior;
    std::vector<std::pair<std::string_view, double>> bounds{{"low", prior.low}, {"high", prior.high}};
    if (prior.kind == stats::PriorKind::Triangular) bounds.emplace_back("mode", prior.mode);
    for (const auto& [name, value] : bounds) {
      experiment::StudySpec trial = study;
      try {
        set_value(trial, parameter.key_path, number_text(value));
      } catch (const ConfigError& e) {
        problem(fmt::format("{} {} is outside the parameter's valid range {}: {}", name, number_text(value), info->range,
                            e.diagnostics().front().message));
      }
    }
  }
  return diagnostics;
}

void apply_prior_draw(experiment::StudySpec& study, const PriorsFile& priors, std::span<const double> unit_point) {
  if (unit_point.size() != priors.parameters.size())
    throw std::invalid_argument(fmt::format("apply_prior_draw: {} coordinates for {} uncertain parameters",
                                            unit_point.size(), priors.parameters.size()));
  for (std::size_t i = 0; i < unit_point.size(); ++i) {
    const UncertainParameter& parameter = priors.parameters[i];
    if (!(unit_point[i] >= 0 && unit_point[i] <= 1))
      throw std::invalid_argument(fmt::format("apply_prior_draw: coordinate {} for {} is {}, outside [0, 1]", i,
                                              parameter.key_path, unit_point[i]));
    set_value(study, parameter.key_path, number_text(parameter.prior.quantile(unit_point[i])));
  }
}

}  // namespace txsim::io
