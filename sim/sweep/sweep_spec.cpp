#include "txsim/sweep/sweep_spec.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "txsim/kernel/assert.hpp"
#include "txsim/sweep/design.hpp"

namespace txsim::sweep {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::optional<double> parse_number(std::string_view text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Digits after the decimal point of a plain decimal ("0.25" -> 2); nullopt with an exponent.
std::optional<int> decimals(std::string_view text) {
  if (text.find_first_of("eE") != std::string_view::npos) return std::nullopt;
  const std::size_t dot = text.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string flow_text(const YAML::Node& node) {
  if (node.IsNull()) return "null";
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
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

bool is_key_path(const std::string& path) {
  try {
    (void)io::parse_override(path + "=0");
    return true;
  } catch (const io::ConfigError&) {
    return false;
  }
}

Location location_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

// Reads the sweep file's YAML, collecting every problem with its place.
class Reader {
 public:
  explicit Reader(std::string label) : label_(std::move(label)) {}

  void error(Location at, std::string key_path, std::string message) {
    diagnostics_.push_back({label_, at.line, at.column, std::move(key_path), std::move(message)});
  }
  void error(const YAML::Node& at, std::string key_path, std::string message) {
    error(location_of(at), std::move(key_path), std::move(message));
  }

  // Unknown keys of a map are errors naming the known ones.
  void check_keys(const YAML::Node& map, const std::string& path, std::initializer_list<std::string_view> known) {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      error(entry.first, path.empty() ? key : path + "." + key, fmt::format("unknown key \"{}\" (known: {})", key, list));
    }
  }

  std::optional<std::string> string(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar()) {
      error(node, path, fmt::format("expected text, found {}", describe(node)));
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<double> number(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar())
      if (const auto v = parse_number(node.Scalar())) return v;
    error(node, path, fmt::format("expected a finite number, found {}", describe(node)));
    return std::nullopt;
  }

  std::optional<std::uint64_t> count(const YAML::Node& node, const std::string& path, std::uint64_t min) {
    std::uint64_t value = 0;
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc{} && end == text.data() + text.size() && value >= min) return value;
    }
    error(node, path, fmt::format("expected a whole number >= {}, found {}", min, describe(node)));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar()) {
      if (node.Scalar() == "true") return true;
      if (node.Scalar() == "false") return false;
    }
    error(node, path, fmt::format("expected true or false, found {}", describe(node)));
    return std::nullopt;
  }

  [[nodiscard]] bool ok() const noexcept { return diagnostics_.empty(); }
  [[nodiscard]] std::vector<io::Diagnostic>& diagnostics() noexcept { return diagnostics_; }
  [[nodiscard]] const std::string& label() const noexcept { return label_; }

 private:
  std::string label_;
  std::vector<io::Diagnostic> diagnostics_;
};

FactorValue value_of(std::string text) {
  FactorValue v{std::move(text), std::numeric_limits<double>::quiet_NaN()};
  if (const auto n = parse_number(v.text)) v.number = *n;
  return v;
}

// "lo:hi:step" -> lo, lo + step, ... <= hi, rounded to the inputs' decimals so that 0.1 steps
// give 0.3 rather than 0.30000000000000004.
void read_range(Reader& r, const YAML::Node& node, const std::string& path, Factor& factor) {
  const auto text = r.string(node, path);
  if (!text) return;
  std::vector<std::string_view> parts;
  std::string_view rest = *text;
  for (std::size_t colon; (colon = rest.find(':')) != std::string_view::npos; rest = rest.substr(colon + 1))
    parts.push_back(trim(rest.substr(0, colon)));
  parts.push_back(trim(rest));
  std::array<double, 3> v{};
  bool numbers = parts.size() == 3;
  for (std::size_t i = 0; numbers && i < 3; ++i) {
    const auto n = parse_number(parts[i]);
    numbers = n.has_value();
    if (n) v[i] = *n;
  }
  if (!numbers) {
    r.error(node, path, fmt::format("expected lo:hi:step with three numbers, found \"{}\"", *text));
    return;
  }
  const auto [lo, hi, step] = v;
  if (step <= 0.0) {
    r.error(node, path, fmt::format("expected a step > 0, found \"{}\"", *text));
    return;
  }
  if (lo > hi) {
    r.error(node, path, fmt::format("expected lo <= hi (an empty range otherwise), found \"{}\"", *text));
    return;
  }
  const double steps = std::floor((hi - lo) / step * (1.0 + 1e-12) + 1e-9);
  if (steps >= 1e6) {
    r.error(node, path, fmt::format("expected at most 1000000 levels, found {} in \"{}\"", steps + 1, *text));
    return;
  }
  std::optional<int> digits = 0;
  for (const auto part : parts) {
    const auto d = decimals(part);
    digits = d && digits ? std::optional<int>(std::max(*d, *digits)) : std::nullopt;
  }
  for (std::uint64_t k = 0; k <= static_cast<std::uint64_t>(steps); ++k) {
    double x = lo + static_cast<double>(k) * step;
    if (digits) {
      const double scale = std::pow(10.0, *digits);
      x = std::round(x * scale) / scale;
    }
    factor.levels.push_back({format_number(x), x});
  }
}

void read_distribution(Reader& r, const YAML::Node& node, const std::string& path, Factor& factor) {
  if (!node.IsMap()) {
    r.error(node, path, fmt::format("expected a map with a kind, found {}", describe(node)));
    return;
  }
  static const std::map<std::string, DistributionKind, std::less<>> kinds{
      {"uniform", DistributionKind::Uniform},
      {"log_uniform", DistributionKind::LogUniform},
      {"triangular", DistributionKind::Triangular},
      {"truncated_normal", DistributionKind::TruncatedNormal},
      {"truncated_lognormal", DistributionKind::TruncatedLognormal},
      {"choice", DistributionKind::Choice}};
  const YAML::Node kind_node = node["kind"];
  if (!kind_node) {
    r.error(node, path + ".kind",
            "expected a kind (uniform, log_uniform, triangular, truncated_normal, truncated_lognormal, choice), "
            "found nothing");
    return;
  }
  const auto kind_text = r.string(kind_node, path + ".kind");
  if (!kind_text) return;
  const auto it = kinds.find(*kind_text);
  if (it == kinds.end()) {
    r.error(kind_node, path + ".kind",
            fmt::format("expected uniform, log_uniform, triangular, truncated_normal, truncated_lognormal or "
                        "choice, found \"{}\"",
                        *kind_text));
    return;
  }
  Distribution& d = factor.distribution;
  d.kind = it->second;
  factor.has_distribution = true;
  const auto bad = [&](std::string message) { r.error(node, path, std::move(message)); };
  // Reads the named parameters; false when one is missing or not a number.
  const auto params = [&](std::initializer_list<std::pair<const char*, double*>> required,
                          std::initializer_list<std::pair<const char*, double*>> optional) {
    std::vector<std::string_view> known{"kind"};
    for (const auto& [key, target] : required) known.push_back(key);
    for (const auto& [key, target] : optional) known.push_back(key);
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string list;
        for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        r.error(entry.first, path + "." + key,
                fmt::format("unknown parameter \"{}\" of a {} distribution (known: {})", key, *kind_text, list));
      }
    }
    bool ok = true;
    for (const auto& [key, target] : required) {
      const YAML::Node p = node[key];
      if (!p) {
        r.error(node, path + "." + key, fmt::format("expected {} for a {} distribution, found nothing", key, *kind_text));
        ok = false;
      } else if (const auto v = r.number(p, path + "." + key)) {
        *target = *v;
      } else {
        ok = false;
      }
    }
    for (const auto& [key, target] : optional) {
      if (const YAML::Node p = node[key]) {
        if (const auto v = r.number(p, path + "." + key)) *target = *v;
        else ok = false;
      }
    }
    return ok;
  };
  switch (d.kind) {
    case DistributionKind::Uniform:
      if (params({{"lo", &d.lo}, {"hi", &d.hi}}, {}) && !(d.lo < d.hi))
        bad(fmt::format("expected lo < hi, found lo {} and hi {}", d.lo, d.hi));
      break;
    case DistributionKind::LogUniform:
      if (params({{"lo", &d.lo}, {"hi", &d.hi}}, {}) && !(0.0 < d.lo && d.lo < d.hi))
        bad(fmt::format("expected 0 < lo < hi, found lo {} and hi {}", d.lo, d.hi));
      break;
    case DistributionKind::Triangular:
      if (params({{"lo", &d.lo}, {"mode", &d.mode}, {"hi", &d.hi}}, {}) &&
          !(d.lo < d.hi && d.lo <= d.mode && d.mode <= d.hi))
        bad(fmt::format("expected lo <= mode <= hi and lo < hi, found lo {}, mode {}, hi {}", d.lo, d.mode, d.hi));
      break;
    case DistributionKind::TruncatedNormal:
    case DistributionKind::TruncatedLognormal: {
      const bool log = d.kind == DistributionKind::TruncatedLognormal;
      if (log) d.lo = 0.0;
      const char* mean_key = log ? "mean_log" : "mean";
      const char* sd_key = log ? "sd_log" : "sd";
      if (!params({{mean_key, &d.mean}, {sd_key, &d.sd}}, {{"lo", &d.lo}, {"hi", &d.hi}})) break;
      if (!(d.sd > 0.0)) {
        bad(fmt::format("expected {} > 0, found {}", sd_key, d.sd));
      } else if (!(d.lo < d.hi) || (log && d.lo < 0.0)) {
        bad(fmt::format("expected {}lo < hi, found lo {} and hi {}", log ? "0 <= " : "", d.lo, d.hi));
      } else {
        // The truncation must keep some probability: P(lo < X < hi) > 0 in double precision.
        const boost::math::normal normal(d.mean, d.sd);
        const double a = log ? (d.lo > 0.0 ? std::log(d.lo) : -kInf) : d.lo;
        const double b = log ? std::log(d.hi) : d.hi;
        const double mass = (std::isinf(b) ? 1.0 : boost::math::cdf(normal, b)) -
                            (std::isinf(a) ? 0.0 : boost::math::cdf(normal, a));
        if (!(mass > 1e-12))
          bad(fmt::format("expected [lo, hi] to hold some probability, found {:.3g} between lo {} and hi {}", mass,
                          d.lo, d.hi));
      }
      break;
    }
    case DistributionKind::Choice:
      r.check_keys(node, path, {"kind", "values", "weights"});
      break;
  }
}

// `choice` has lists rather than numbers: read apart.
void read_choice(Reader& r, const YAML::Node& node, const std::string& path, Factor& factor) {
  Distribution& d = factor.distribution;
  const YAML::Node values = node["values"];
  if (!values || !values.IsSequence() || values.size() == 0) {
    r.error(values ? values : node, path + ".values",
            fmt::format("expected a non-empty list of values, found {}", values ? describe(values) : "nothing"));
    return;
  }
  for (const auto& v : values) d.choices.push_back(flow_text(v));
  if (const YAML::Node weights = node["weights"]) {
    if (!weights.IsSequence() || weights.size() != values.size()) {
      r.error(weights, path + ".weights",
              fmt::format("expected a list of {} weights, one per value, found {}", values.size(), describe(weights)));
      return;
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = r.number(weights[i], fmt::format("{}.weights[{}]", path, i));
      if (w && !(*w > 0.0)) r.error(weights[i], fmt::format("{}.weights[{}]", path, i), fmt::format("expected a weight > 0, found {}", *w));
      d.weights.push_back(w.value_or(1.0));
    }
  } else {
    d.weights.assign(values.size(), 1.0);
  }
  for (const auto& c : d.choices) factor.levels.push_back(value_of(c));
}

// `cases`: named sets of overrides, for scenarios that differ in several values at once.
void read_cases(Reader& r, const YAML::Node& node, const YAML::Node& cases, const std::string& path, Factor& factor) {
  r.check_keys(node, path, {"name", "cases"});
  factor.name = path;
  if (const YAML::Node name = node["name"])
    if (const auto n = r.string(name, path + ".name")) factor.name = *n;
  factor.values_location = location_of(cases);
  factor.path_location = factor.values_location;
  if (!cases.IsSequence() || cases.size() == 0) {
    r.error(cases, path + ".cases", fmt::format("expected a non-empty list of {{name, set}}, found {}", describe(cases)));
    return;
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const YAML::Node c = cases[i];
    const std::string at = fmt::format("{}.cases[{}]", path, i);
    if (!c.IsMap() || !c["name"]) {
      r.error(c, at, fmt::format("expected a map with a name and a set of key.path: value, found {}", describe(c)));
      continue;
    }
    r.check_keys(c, at, {"name", "set"});
    const auto name = r.string(c["name"], at + ".name");
    if (!name) continue;
    if (std::any_of(factor.levels.begin(), factor.levels.end(), [&](const FactorValue& v) { return v.text == *name; }))
      r.error(c["name"], at + ".name", fmt::format("expected a name used once, found \"{}\" again", *name));
    std::vector<io::Override> overrides;
    if (const YAML::Node set = c["set"]) {
      if (!set.IsMap()) {
        r.error(set, at + ".set", fmt::format("expected a map of key.path: value, found {}", describe(set)));
      } else {
        for (const auto& entry : set) {
          if (!is_key_path(entry.first.Scalar()))
            r.error(entry.first, at + ".set", fmt::format("expected a key path, found \"{}\"", entry.first.Scalar()));
          overrides.push_back({entry.first.Scalar(), flow_text(entry.second)});
        }
      }
    }
    factor.levels.push_back(FactorValue{*name, std::numeric_limits<double>::quiet_NaN()});
    factor.case_overrides.push_back(std::move(overrides));
  }
}

void read_factor(Reader& r, const YAML::Node& node, std::size_t index, Factor& factor) {
  const std::string path = fmt::format("factors[{}]", index);
  factor.location = location_of(node);
  if (!node.IsMap()) {
    r.error(node, path, fmt::format("expected a map with path and values, range or distribution, found {}", describe(node)));
    return;
  }
  if (const YAML::Node cases = node["cases"]) {
    read_cases(r, node, cases, path, factor);
    return;
  }
  r.check_keys(node, path, {"name", "path", "paths", "values", "range", "distribution", "integer", "cases"});
  const YAML::Node one = node["path"];
  const YAML::Node many = node["paths"];
  if (one && many) r.error(node, path, "expected path or paths, found both");
  if (!one && !many) r.error(node, path + ".path", "expected a scenario key path, found nothing");
  factor.path_location = location_of(one ? one : many ? many : node);
  if (one) {
    if (const auto p = r.string(one, path + ".path")) factor.paths.push_back(*p);
  } else if (many) {
    if (!many.IsSequence() || many.size() == 0) {
      r.error(many, path + ".paths", fmt::format("expected a non-empty list of key paths, found {}", describe(many)));
    } else {
      for (std::size_t i = 0; i < many.size(); ++i)
        if (const auto p = r.string(many[i], fmt::format("{}.paths[{}]", path, i))) factor.paths.push_back(*p);
    }
  }
  for (std::size_t i = 0; i < factor.paths.size(); ++i) {
    if (is_key_path(factor.paths[i])) continue;
    r.error(one ? one : many[i], one ? path + ".path" : fmt::format("{}.paths[{}]", path, i),
            fmt::format("expected a key path such as agents.groups.frontline.headcount, found \"{}\"", factor.paths[i]));
  }
  factor.name = factor.paths.empty() ? path : factor.paths.front();
  if (const YAML::Node name = node["name"])
    if (const auto n = r.string(name, path + ".name")) factor.name = *n;
  if (const YAML::Node integer = node["integer"])
    if (const auto b = r.boolean(integer, path + ".integer")) factor.integer = *b;

  const YAML::Node values = node["values"];
  const YAML::Node range = node["range"];
  const YAML::Node distribution = node["distribution"];
  const int given = (values ? 1 : 0) + (range ? 1 : 0) + (distribution ? 1 : 0);
  if (given != 1) {
    r.error(node, path, given == 0 ? "expected one of values, range or distribution, found none"
                                   : "expected one of values, range or distribution, found several");
    return;
  }
  if (values) {
    factor.values_location = location_of(values);
    if (!values.IsSequence() || values.size() == 0) {
      r.error(values, path + ".values", fmt::format("expected a non-empty list, found {}", describe(values)));
      return;
    }
    for (const auto& v : values) factor.levels.push_back(value_of(flow_text(v)));
  } else if (range) {
    factor.values_location = location_of(range);
    read_range(r, range, path + ".range", factor);
  } else {
    factor.values_location = location_of(distribution);
    read_distribution(r, distribution, path + ".distribution", factor);
    if (factor.has_distribution && factor.distribution.kind == DistributionKind::Choice)
      read_choice(r, distribution, path + ".distribution", factor);
  }
}

std::string read_text(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw io::ConfigError({{file.string(), 0, 0, {}, fmt::format("cannot read the {} file", what)}});
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// The sweep file's problems at the base scenario or a factor probe, where they can be fixed.
struct ProbeSite {
  Location at;
  std::string key_path;
};

// Where a diagnostic from the base scenario or a factor probe goes in the sweep file. A
// diagnostic of `--set k=v` (a `set` entry or a factor's value) is located there; a key the
// scenario does not know is the factor's path's fault; anything else its value's.
void relocate(Reader& r, const SweepSpec& spec, const io::ConfigError& e, const std::map<std::string, ProbeSite>& sites,
              const ProbeSite& fallback, std::string_view context, const ProbeSite* path_site = nullptr) {
  for (const io::Diagnostic& d : e.diagnostics()) {
    if (d.warning) continue;
    const auto site = sites.find(d.file);
    if (site == sites.end() && d.file == spec.scenario_file.string() && context.empty()) {
      r.diagnostics().push_back(d);
      continue;
    }
    const bool unknown_key = path_site != nullptr && d.message.find("unknown ") != std::string::npos;
    const ProbeSite& s = unknown_key ? *path_site : site == sites.end() ? fallback : site->second;
    const std::string what = d.key_path.empty() ? d.message : d.key_path + ": " + d.message;
    r.error(s.at, s.key_path, context.empty() ? what : fmt::format("{}: {}", context, what));
  }
}

void check_against_scenario(Reader& r, SweepSpec& spec, const YAML::Node& set_node) {
  std::map<std::string, ProbeSite> base_sites;
  if (set_node)
    for (const auto& entry : set_node) {
      const io::Override o{entry.first.Scalar(), flow_text(entry.second)};
      base_sites[fmt::format("--set {}={}", o.key_path, o.value)] = {location_of(entry.first), "set." + o.key_path};
    }
  try {
    io::LoadedStudy loaded = io::parse_study(spec.scenario_text, spec.scenario_file.string(), spec.base_overrides);
    spec.base = std::move(loaded.study);
    spec.resolved_yaml = std::move(loaded.resolved_yaml);
    spec.content_hash = std::move(loaded.content_hash);
  } catch (const io::ConfigError& e) {
    relocate(r, spec, e, base_sites, {{}, "scenario"}, {});
    return;  // factor probes would only repeat the base's problems
  }

  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    const Factor& factor = spec.factors[f];
    std::vector<FactorValue> probes = factor.levels;
    if (factor.has_distribution && factor.distribution.kind != DistributionKind::Choice)
      probes = {factor.sample(0.5)};
    const ProbeSite at_factor{factor.values_location, fmt::format("factors[{}]", f)};
    const ProbeSite at_path{factor.path_location,
                            fmt::format("factors[{}].{}", f, factor.paths.size() > 1 ? "paths" : "path")};
    for (const FactorValue& value : probes) {
      std::vector<std::optional<FactorValue>> values(spec.factors.size());
      values[f] = value;
      try {
        (void)point_study(spec, values);
      } catch (const io::ConfigError& e) {
        relocate(r, spec, e, {}, at_factor, fmt::format("value {}", value.text), &at_path);
        break;  // one bad value says enough per factor
      }
    }
  }
}

}  // namespace

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::Uniform: return lo + u * (hi - lo);
    case DistributionKind::LogUniform: return std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo)));
    case DistributionKind::Triangular: {
      const double width = hi - lo;
      const double split = (mode - lo) / width;
      return u < split ? lo + std::sqrt(u * width * (mode - lo)) : hi - std::sqrt((1.0 - u) * width * (hi - mode));
    }
    case DistributionKind::TruncatedNormal:
    case DistributionKind::TruncatedLognormal: {
      const bool log = kind == DistributionKind::TruncatedLognormal;
      const boost::math::normal normal(mean, sd);
      const double a = log ? (lo > 0.0 ? std::log(lo) : -kInf) : lo;
      const double b = log ? std::log(hi) : hi;
      const double fa = std::isinf(a) ? 0.0 : boost::math::cdf(normal, a);
      const double fb = std::isinf(b) ? 1.0 : boost::math::cdf(normal, b);
      const double p = std::clamp(fa + u * (fb - fa), std::nextafter(0.0, 1.0), std::nextafter(1.0, 0.0));
      const double x = std::clamp(boost::math::quantile(normal, p), a, b);
      return log ? std::exp(x) : x;
    }
    case DistributionKind::Choice: break;
  }
  TXSIM_ASSERT(false, "Distribution::quantile of a choice");
  return 0.0;
}

std::vector<io::Override> factor_overrides(const Factor& factor, const FactorValue& value) {
  if (!factor.case_overrides.empty()) {
    for (std::size_t i = 0; i < factor.levels.size(); ++i)
      if (factor.levels[i].text == value.text) return factor.case_overrides[i];
    return {};
  }
  std::vector<io::Override> out;
  out.reserve(factor.paths.size());
  for (const std::string& p : factor.paths) out.push_back({p, value.text});
  return out;
}

FactorValue Factor::sample(double u) const {
  if (has_distribution && distribution.kind == DistributionKind::Choice) {
    const auto& w = distribution.weights;
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    double cumulative = 0.0;
    for (std::size_t k = 0; k + 1 < w.size(); ++k) {
      cumulative += w[k];
      if (u * total < cumulative) return levels[k];
    }
    return levels.back();
  }
  if (has_distribution) {
    double x = distribution.quantile(u);
    if (integer) x = std::round(x);
    return {format_number(x), x};
  }
  const auto n = levels.size();
  return levels[std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1)];
}

std::string format_number(double value) { return fmt::format("{}", value); }

const char* to_string(Mode mode) noexcept { return mode == Mode::Run ? "run" : "compare"; }

const char* to_string(DesignKind design) noexcept {
  switch (design) {
    case DesignKind::Grid: return "grid";
    case DesignKind::OneAtATime: return "one_at_a_time";
    case DesignKind::Random: return "random";
    case DesignKind::LatinHypercube: return "latin_hypercube";
    case DesignKind::Sobol: return "sobol";
    case DesignKind::Saltelli: return "saltelli";
    case DesignKind::Uncertainty: return "uncertainty";
  }
  return "?";
}

SweepSpec load_sweep(const std::filesystem::path& file) {
  return parse_sweep(read_text(file, "sweep"), file.string(), file.parent_path());
}

SweepSpec parse_sweep(std::string_view text, std::string_view file_label, const std::filesystem::path& directory) {
  Reader r{std::string(file_label)};
  SweepSpec spec;
  spec.file = std::string(file_label);
  spec.text = std::string(text);
  YAML::Node root;
  try {
    root = YAML::Load(spec.text);
  } catch (const YAML::Exception& e) {
    const bool located = !e.mark.is_null();
    throw io::ConfigError({{spec.file, located ? e.mark.line + 1 : 0, located ? e.mark.column + 1 : 0, {}, e.msg}});
  }
  if (!root.IsMap()) throw io::ConfigError({{spec.file, 1, 1, {}, fmt::format("expected a map of sweep keys, found {}", describe(root))}});
  r.check_keys(root, "",
               {"name", "scenario", "set", "mode", "replications", "seed", "design", "samples", "max_points", "factors"});

  spec.name = std::filesystem::path(spec.file).stem().string();
  if (const YAML::Node n = root["name"])
    if (const auto s = r.string(n, "name")) spec.name = *s;
  if (const YAML::Node s = root["scenario"]) {
    if (const auto p = r.string(s, "scenario")) spec.scenario_file = directory / *p;
  } else {
    r.error(root, "scenario", "expected the base scenario file, found nothing");
  }
  const YAML::Node set_node = root["set"];
  if (set_node) {
    if (!set_node.IsMap()) {
      r.error(set_node, "set", fmt::format("expected a map of key.path: value, found {}", describe(set_node)));
    } else {
      for (const auto& entry : set_node) {
        const std::string key = entry.first.Scalar();
        if (!is_key_path(key))
          r.error(entry.first, "set", fmt::format("expected a key path such as queue.capacity, found \"{}\"", key));
        spec.base_overrides.push_back({key, flow_text(entry.second)});
      }
    }
  }
  if (const YAML::Node m = root["mode"]) {
    const auto s = r.string(m, "mode");
    if (s && *s == "run") spec.mode = Mode::Run;
    else if (s && *s == "compare") spec.mode = Mode::Compare;
    else if (s) r.error(m, "mode", fmt::format("expected run or compare, found \"{}\"", *s));
  }
  if (const YAML::Node n = root["replications"])
    if (const auto v = r.count(n, "replications", 1)) spec.replications = static_cast<int>(std::min<std::uint64_t>(*v, 1'000'000));
  if (const YAML::Node n = root["seed"])
    if (const auto v = r.count(n, "seed", 0)) spec.seed = *v;
  const YAML::Node design_node = root["design"];
  if (design_node) {
    static const std::map<std::string, DesignKind, std::less<>> designs{
        {"grid", DesignKind::Grid},       {"one_at_a_time", DesignKind::OneAtATime},
        {"random", DesignKind::Random},   {"latin_hypercube", DesignKind::LatinHypercube},
        {"sobol", DesignKind::Sobol},     {"saltelli", DesignKind::Saltelli}};
    if (const auto s = r.string(design_node, "design")) {
      if (const auto it = designs.find(*s); it != designs.end()) spec.design = it->second;
      else r.error(design_node, "design",
                   fmt::format("expected grid, one_at_a_time, random, latin_hypercube, sobol or saltelli, found \"{}\"", *s));
    }
  }
  const bool sampled = spec.design != DesignKind::Grid && spec.design != DesignKind::OneAtATime;
  const YAML::Node samples = root["samples"];
  if (samples) {
    if (const auto v = r.count(samples, "samples", 1)) spec.samples = *v;
    if (!sampled)
      r.error(samples, "samples",
              fmt::format("a {} design has as many points as its levels; samples is for sampled designs", to_string(spec.design)));
  } else if (sampled) {
    r.error(design_node ? design_node : root, "samples", fmt::format("expected samples (the number of points) for a {} design, found nothing", to_string(spec.design)));
  }
  const YAML::Node cap = root["max_points"];
  if (cap)
    if (const auto v = r.count(cap, "max_points", 1)) spec.max_points = *v;

  if (const YAML::Node factors = root["factors"]) {
    if (!factors.IsSequence()) {
      r.error(factors, "factors", fmt::format("expected a list of factors, found {}", describe(factors)));
    } else {
      spec.factors.resize(factors.size());
      for (std::size_t i = 0; i < factors.size(); ++i) read_factor(r, factors[i], i, spec.factors[i]);
    }
  }
  if (sampled && spec.factors.empty()) r.error(root, "factors", fmt::format("a {} design needs at least one factor", to_string(spec.design)));
  for (std::size_t i = 0; i < spec.factors.size(); ++i)
    if (!sampled && spec.factors[i].has_distribution && spec.factors[i].distribution.kind != DistributionKind::Choice)
      r.error(spec.factors[i].values_location, fmt::format("factors[{}].distribution", i),
              fmt::format("a {} design needs values or a range, found a distribution", to_string(spec.design)));
  if (spec.design == DesignKind::Saltelli && spec.factors.size() > 10)
    r.error(root, "factors", fmt::format("expected at most 10 factors for a saltelli design (Sobol dimension 2d <= 20), found {}", spec.factors.size()));

  if (!r.ok()) throw io::ConfigError(std::move(r.diagnostics()));

  if (const std::uint64_t n = point_count(spec); n > spec.max_points)
    r.error(cap ? cap : (design_node ? design_node : root), cap ? "max_points" : "design",
            fmt::format("the {} design needs {} points, more than max_points {}", to_string(spec.design), n, spec.max_points));
  if (!r.ok()) throw io::ConfigError(std::move(r.diagnostics()));

  spec.scenario_text = read_text(spec.scenario_file, "scenario");
  check_against_scenario(r, spec, set_node);
  if (!r.ok()) throw io::ConfigError(std::move(r.diagnostics()));
  return spec;
}

}  // namespace txsim::sweep
