#include "io/detail/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "io/detail/suggest.hpp"

namespace txsim::io::detail {
namespace {

using Keys = std::span<const std::string_view>;
using rng::DistributionKind;

constexpr std::array<std::string_view, 5> kDistributionKeys{"distribution", "mean_s", "cv", "shape", "values_s"};
constexpr std::array<DistributionKind, 7> kDistributionKinds{
    DistributionKind::None,      DistributionKind::Deterministic, DistributionKind::Exponential,
    DistributionKind::Lognormal, DistributionKind::Gamma,         DistributionKind::Weibull,
    DistributionKind::Empirical};

bool contains(Keys keys, std::string_view key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

// YAML 1.2 core-schema floats, plus a leading '+'; quoted numbers are accepted too.
std::optional<double> parse_number(std::string_view text) {
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "+.inf") return std::numeric_limits<double>::infinity();
  if (text == "-.inf" || text == "-.Inf" || text == "-.INF") return -std::numeric_limits<double>::infinity();
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

template <class Int>
bool read_integer(Context& ctx, const YAML::Node& node, const std::string& path, Int& out) {
  const auto value = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
  if (!value || !std::isfinite(*value) || std::floor(*value) != *value) return type_error(ctx, path, "an integer", node);
  constexpr auto lowest = std::numeric_limits<Int>::min();
  constexpr auto highest = std::numeric_limits<Int>::max();
  // Compared in double. A 64-bit `highest` rounds up to a power of two, itself out of range; a
  // 32-bit one is exact and in range.
  constexpr double upper = static_cast<double>(highest);
  constexpr bool exact = static_cast<long double>(upper) == static_cast<long double>(highest);
  if (*value < static_cast<double>(lowest) || (exact ? *value > upper : *value >= upper)) {
    const std::string range = lowest == 0 ? fmt::format("an integer from 0 to {}", highest)
                                          : fmt::format("an integer between {} and {}", lowest, highest);
    return type_error(ctx, path, range, node);
  }
  out = static_cast<Int>(*value);
  return true;
}

Keys parameters_of(DistributionKind kind) {
  static constexpr std::array<std::string_view, 1> mean{"mean_s"};
  static constexpr std::array<std::string_view, 2> mean_cv{"mean_s", "cv"};
  static constexpr std::array<std::string_view, 2> mean_shape{"mean_s", "shape"};
  static constexpr std::array<std::string_view, 1> values{"values_s"};
  switch (kind) {
    case DistributionKind::None: return {};
    case DistributionKind::Deterministic:
    case DistributionKind::Exponential: return mean;
    case DistributionKind::Lognormal:
    case DistributionKind::Gamma: return mean_cv;
    case DistributionKind::Weibull: return mean_shape;
    case DistributionKind::Empirical: return values;
  }
  return {};
}

std::string with_article(DistributionKind kind) {
  const std::string_view name = rng::to_string(kind);
  const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
  return fmt::format("{} {} distribution", vowel ? "an" : "a", name);
}

rng::Distribution make_distribution(DistributionKind kind, double mean, double cv, double shape,
                                    std::vector<double> values) {
  switch (kind) {
    case DistributionKind::None: return rng::Distribution::none();
    case DistributionKind::Deterministic: return rng::Distribution::deterministic(mean);
    case DistributionKind::Exponential: return rng::Distribution::exponential(mean);
    case DistributionKind::Lognormal: return rng::Distribution::lognormal(mean, cv);
    case DistributionKind::Gamma: return rng::Distribution::gamma(mean, cv);
    case DistributionKind::Weibull: return rng::Distribution::weibull(mean, shape);
    case DistributionKind::Empirical: return rng::Distribution::empirical(std::move(values));
  }
  return rng::Distribution::none();
}

}  // namespace

bool type_error(Context& ctx, const std::string& path, std::string_view expected, const YAML::Node& found) {
  ctx.error(path, fmt::format("expected {}, found {}", expected, describe(found)));
  return false;
}

// YAML 1.2 core-schema booleans only: yes, on and y (YAML 1.1) are strings there, and a
// "country: no" surprise is better reported than guessed.
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, bool& out) {
  static constexpr std::array<std::string_view, 3> yes{"true", "True", "TRUE"};
  static constexpr std::array<std::string_view, 3> no{"false", "False", "FALSE"};
  if (node.IsScalar() && contains(yes, node.Scalar())) out = true;
  else if (node.IsScalar() && contains(no, node.Scalar())) out = false;
  else return type_error(ctx, path, "true or false", node);
  return true;
}

bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, double& out) {
  const auto value = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
  if (!value) return type_error(ctx, path, "a number", node);
  if (!std::isfinite(*value)) return type_error(ctx, path, "a finite number", node);
  out = *value;
  return true;
}

bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, int& out) {
  return read_integer(ctx, node, path, out);
}

bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, std::uint64_t& out) {
  return read_integer(ctx, node, path, out);
}

bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, std::string& out) {
  if (!node.IsScalar()) return type_error(ctx, path, "a string", node);
  out = node.Scalar();
  return true;
}

std::optional<std::size_t> read_name(Context& ctx, const YAML::Node& node, const std::string& path,
                                     std::string_view what, Keys names) {
  if (!node.IsScalar()) {
    type_error(ctx, path, fmt::format("a {}", what), node);
    return std::nullopt;
  }
  const auto it = std::find(names.begin(), names.end(), node.Scalar());
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  ctx.error(path, unknown_name_message(what, node.Scalar(), names));
  return std::nullopt;
}

// {distribution: lognormal, mean_s: 280, cv: 0.9}: exactly the parameters of the kind. Without
// `distribution`, the field's current distribution with the given parameters replaced, so that
// `--set contact_types.billing.handle_time.mean_s=200` works on a file that leaves handle_time out.
bool read_distribution(Context& ctx, const YAML::Node& node, const std::string& path, rng::Distribution& out) {
  if (!node.IsMap()) return type_error(ctx, path, "a map", node);
  YamlReader map(ctx, node, path);
  DistributionKind kind = out.kind;
  bool kind_given = false;
  bool kind_ok = true;
  double mean = out.mean, cv = out.cv, shape = out.shape;
  std::vector<double> values = out.values;
  const std::size_t issues_before = ctx.issue_count();
  // The parameters a kind takes are decided once the kind is known, so the reader is asked for
  // every key and the rules are applied here.
  std::array<bool, kDistributionKeys.size()> given{};
  std::array<YAML::Mark, kDistributionKeys.size()> key_marks{};
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    const auto it = std::find(kDistributionKeys.begin(), kDistributionKeys.end(), entry.first.Scalar());
    if (it == kDistributionKeys.end()) continue;
    const auto k = static_cast<std::size_t>(it - kDistributionKeys.begin());
    if (!given[k]) key_marks[k] = entry.first.Mark();
    given[k] = true;
  }
  std::array<std::string_view, kDistributionKinds.size()> names{};
  std::transform(kDistributionKinds.begin(), kDistributionKinds.end(), names.begin(),
                 [](DistributionKind k) { return rng::to_string(k); });
  std::size_t kind_index = static_cast<std::size_t>(std::find(kDistributionKinds.begin(), kDistributionKinds.end(), kind) -
                                                    kDistributionKinds.begin());
  map.choice(Field{"distribution", "distribution"}, kind_index, names);
  if (given[0]) {
    kind_given = true;
    kind_ok = ctx.issue_count() == issues_before;
    if (kind_ok) kind = kDistributionKinds[kind_index];
  }
  map.value(Field{"mean_s"}, mean);
  map.value(Field{"cv"}, cv);
  map.value(Field{"shape"}, shape);
  map.list(Field{"values_s"}, values);
  if (!kind_ok) return false;

  const Keys parameters = parameters_of(kind);
  const std::string takes = parameters.empty() ? "no parameters" : join(parameters, " and ");
  for (std::size_t k = 1; k < kDistributionKeys.size(); ++k) {
    const std::string_view key = kDistributionKeys[k];
    if (given[k] && !contains(parameters, key))
      ctx.error(child_path(path, key), fmt::format("{} is not a parameter of {} (it takes {})", key, with_article(kind), takes),
                key_marks[k]);
    const bool required = kind_given && contains(parameters, key);
    if (required && !given[k])
      ctx.error(child_path(path, key), fmt::format("required key is missing ({} needs {})", with_article(kind), takes));
  }
  if (ctx.issue_count() != issues_before) return false;
  out = make_distribution(kind, mean, cv, shape, std::move(values));
  return true;
}

bool read_weekdays(Context& ctx, const YAML::Node& node, const std::string& path,
                   std::array<bool, model::kDaysPerWeek>& out) {
  if (!node.IsSequence()) return type_error(ctx, path, "a list of weekday names", node);
  std::array<bool, model::kDaysPerWeek> days{};
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string item = item_path(path, i);
    ctx.record(item, node[i].Mark());
    const auto day = read_name(ctx, node[i], item, "weekday", kWeekdayNames);
    if (day) days[*day] = true;
    ok = ok && day.has_value();
  }
  if (ok) out = days;
  return ok;
}

// `headcount: 12` staffs the whole day; a list gives one headcount per interval.
bool read_headcount(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<int>& out) {
  if (node.IsScalar()) {
    int all_day = 0;
    if (!read_scalar(ctx, node, path, all_day)) return false;
    out = {all_day};
    return true;
  }
  if (!node.IsSequence()) return type_error(ctx, path, "a headcount or a list of headcounts", node);
  std::vector<int> counts(node.size());
  bool ok = true;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::string item = item_path(path, i);
    ctx.record(item, node[i].Mark());
    ok = read_scalar(ctx, node[i], item, counts[i]) && ok;
  }
  if (ok) out = std::move(counts);
  return ok;
}

// Visits the entries of a YAML map in file order, recording where each sits. yaml-cpp keeps
// both copies of a duplicated key, so duplicates are caught here; the first copy is used.
std::vector<YamlReader::Entry> YamlReader::entries_of(const YAML::Node& map, const std::string& path) {
  std::vector<Entry> entries;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    const YAML::Node& value = entry.second;
    if (!key.IsScalar()) {
      ctx_.ignored_key(path, fmt::format("expected a key name, found {}", describe(key)), key.Mark());
      continue;
    }
    std::string entry_path = child_path(path, key.Scalar());
    const auto first = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.name == key.Scalar(); });
    if (first != entries.end()) {
      ctx_.ignored_key(entry_path, fmt::format("duplicate key (first given on line {})", first->key.Mark().line + 1),
                       key.Mark());
      continue;
    }
    // Point scalars at their value ("expected a number, found ..."), collections at their key.
    ctx_.record(entry_path, value.IsScalar() && !value.Mark().is_null() ? value.Mark() : key.Mark());
    entries.push_back({key.Scalar(), key, value, std::move(entry_path)});
  }
  return entries;
}

bool YamlReader::open(const YAML::Node& node, std::string path) {
  if (!node.IsMap()) {
    type_error(ctx_, path, "a map", node);
    return false;
  }
  std::vector<Entry> entries = entries_of(node, path);
  frames_.push_back({std::move(path), std::move(entries), {}});
  return true;
}

void YamlReader::close() {
  if (frames_.empty()) return;
  const Frame& frame = frames_.back();
  for (const Entry& entry : frame.entries) {
    if (!contains(frame.asked, entry.name))
      ctx_.ignored_key(entry.path, unknown_name_message("key", entry.name, frame.asked), entry.key.Mark());
  }
  frames_.pop_back();
}

const YamlReader::Entry* YamlReader::find(const Field& f) {
  if (frames_.empty()) return nullptr;
  Frame& frame = frames_.back();
  frame.asked.push_back(f.key);
  const auto it = std::find_if(frame.entries.begin(), frame.entries.end(), [&](const Entry& e) { return e.name == f.key; });
  if (it != frame.entries.end()) return &*it;
  // A missing key is reported at its own path, which has no mark, so it lands on this map.
  if (f.required) ctx_.error(child_path(frame.path, f.key), "required key is missing");
  return nullptr;
}

}  // namespace txsim::io::detail
