#include "io/detail/convert.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "io/detail/key_path.hpp"
#include "io/detail/suggest.hpp"

namespace txsim::io::detail {
namespace {

using Keys = std::span<const std::string_view>;
using model::kDaysPerWeek;
using rng::DistributionKind;

constexpr std::array<std::string_view, 14> kScenarioKeys{
    "name", "description", "interval_minutes", "service_level_threshold_s", "horizon",
    "demand", "contact_types", "queue", "agents", "workforce", "customers", "policies", "lever_effects", "scorecard"};
constexpr std::array<std::string_view, 5> kHorizonKeys{"days", "hours", "arrivals", "warmup_hours", "start_weekday"};
constexpr std::array<std::string_view, 5> kDemandKeys{
    "rate_per_hour", "daily_volume", "intraday_profile", "day_of_week_factors", "busyness_shape"};
constexpr std::array<std::string_view, 16> kContactTypeKeys{
    "share", "priority", "handle_time", "after_call_work", "patience", "balk_probability", "redial",
    "emotional_load", "resolution_probability", "complexity", "avoidable_share", "demand_removed_share",
    "digital_eligible_share", "digital_success_probability", "digital_cost", "digital_time_s"};
constexpr std::array<std::string_view, 2> kRedialKeys{"probability", "delay"};
constexpr std::array<std::string_view, 5> kDistributionKeys{"distribution", "mean_s", "cv", "shape", "values_s"};
constexpr std::array<std::string_view, 1> kQueueKeys{"capacity"};
constexpr std::array<std::string_view, 1> kAgentsKeys{"groups"};
constexpr std::array<std::string_view, 5> kGroupKeys{
    "skills", "headcount", "shifts", "handle_time_multiplier", "handle_time_multiplier_cv"};
constexpr std::array<std::string_view, 5> kShiftKeys{"start_h", "length_h", "count", "weekdays", "breaks"};
constexpr std::array<std::string_view, 2> kBreakKeys{"start_after_h", "duration_min"};
constexpr std::array<std::string_view, kDaysPerWeek> kWeekdayNames{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kWorkforceKeys{
    "fatigue", "strain", "effects", "absence", "attrition", "hiring", "learning", "costs",
    "steady_state_initial_tenure", "initial_tenure_days", "recovery_break_min", "hard_contact_load"};
constexpr std::array<std::string_view, 7> kFatigueKeys{
    "rate_per_hour", "after_call_work_load", "back_to_back_gap_s", "back_to_back_factor",
    "idle_recovery_h", "break_recovery_h", "off_recovery_h"};
constexpr std::array<std::string_view, 5> kStrainKeys{
    "per_residual_fatigue", "per_overtime_hour", "work_day_recovery_days", "rest_day_recovery_days", "burnout_threshold"};
constexpr std::array<std::string_view, 7> kEffectsKeys{
    "slowdown_fatigue_threshold", "slowdown_per_fatigue", "speedup_per_waiting_per_agent", "max_speedup",
    "resolution_loss_per_fatigue", "absence_strain_coefficient", "attrition_strain_coefficient"};
constexpr std::array<std::string_view, 1> kAbsenceKeys{"daily_probability"};
constexpr std::array<std::string_view, 3> kAttritionKeys{"annual_rate", "early_annual_rate", "early_tenure_days"};
constexpr std::array<std::string_view, 5> kHiringKeys{
    "mode", "lead_time_days", "no_show_probability", "training_days", "class_interval_days"};
constexpr std::array<std::string_view, 3> kLearningKeys{
    "initial_handle_time_multiplier", "initial_resolution_multiplier", "half_life_days"};
constexpr std::array<std::string_view, 4> kCostKeys{
    "wage_per_hour", "hiring_cost_per_hire", "training_cost_per_hire", "training_hours_per_day"};
// In the order of model::HiringMode.
constexpr std::array<std::string_view, 3> kHiringModeNames{"none", "replace", "classes"};
constexpr std::array<std::string_view, 5> kCustomerKeys{
    "frustration", "satisfaction", "channels", "repeat_probability", "repeat_delay_mean_days"};
constexpr std::array<std::string_view, 8> kFrustrationKeys{
    "per_minute_over_expected_wait", "expected_wait_s", "per_abandonment", "per_repeat_contact",
    "per_forced_channel", "per_failed_self_service", "handle_time_per_unit", "emotional_load_per_unit"};
constexpr std::array<std::string_view, 8> kSatisfactionKeys{
    "intercept", "unresolved_penalty", "per_extra_contact", "per_frustration", "per_agent_fatigue",
    "churn_if_satisfied", "churn_if_dissatisfied", "customer_value"};
constexpr std::array<std::string_view, 5> kChannelKeys{
    "mode", "wait_sensitivity_per_minute", "agent_effort_utility", "forced_success_multiplier", "segments"};
constexpr std::array<std::string_view, 2> kSegmentKeys{"share", "digital_preference"};
// In the order of model::ChannelMode.
constexpr std::array<std::string_view, 3> kChannelModeNames{"none", "forced", "choice"};
constexpr std::array<std::string_view, 2> kPolicyKeys{"description", "levers"};
constexpr std::array<std::string_view, 12> kLeverKeys{
    "handle_time_target", "headcount_change", "break_reduction", "after_call_work_cut", "scripting",
    "digital_deflection", "digital_choice", "root_cause_fix", "empowerment", "recovery_breaks",
    "flexible_scheduling", "manager_support"};
constexpr std::array<std::string_view, 9> kLeverEffectKeys{
    "pressure_resolution_loss", "pressure_fatigue_gain", "after_call_work_resolution_loss",
    "scripting_resolution_loss", "scripting_strain_gain", "empowerment_resolution_gain",
    "empowerment_strain_relief", "flexible_absence_relief", "support_attrition_relief"};
constexpr std::array<std::string_view, 3> kScoreAnchorKeys{"worst", "best", "weight"};
// The scorecard's components all have the same shape, so one table serves the keys and the reader.
constexpr std::array<std::pair<std::string_view, model::ScoreAnchor model::ScorecardSpec::*>, 12> kScoreAnchors{{
    {"service_level", &model::ScorecardSpec::service_level},
    {"abandon_rate", &model::ScorecardSpec::abandon_rate},
    {"first_contact_resolution", &model::ScorecardSpec::first_contact_resolution},
    {"satisfaction", &model::ScorecardSpec::satisfaction},
    {"effort_per_resolved_issue", &model::ScorecardSpec::effort_per_resolved_issue},
    {"churn_rate", &model::ScorecardSpec::churn_rate},
    {"fatigue_mean", &model::ScorecardSpec::fatigue_mean},
    {"strain_mean", &model::ScorecardSpec::strain_mean},
    {"absence_rate", &model::ScorecardSpec::absence_rate},
    {"annualised_attrition", &model::ScorecardSpec::annualised_attrition},
    {"occupancy", &model::ScorecardSpec::occupancy},
    {"cost_per_issue", &model::ScorecardSpec::cost_per_issue},
}};
constexpr std::array<std::string_view, 4> kScorecardWeightKeys{
    "cx_weight", "ex_weight", "cost_weight", "discount_rate_per_year"};
constexpr auto kScorecardKeys = [] {
  std::array<std::string_view, kScoreAnchors.size() + kScorecardWeightKeys.size()> keys{};
  for (std::size_t i = 0; i < kScoreAnchors.size(); ++i) keys[i] = kScoreAnchors[i].first;
  for (std::size_t i = 0; i < kScorecardWeightKeys.size(); ++i) keys[kScoreAnchors.size() + i] = kScorecardWeightKeys[i];
  return keys;
}();
constexpr std::array<DistributionKind, 7> kDistributionKinds{
    DistributionKind::None,  DistributionKind::Deterministic, DistributionKind::Exponential,
    DistributionKind::Lognormal, DistributionKind::Gamma, DistributionKind::Weibull, DistributionKind::Empirical};

bool contains(Keys keys, std::string_view key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

bool type_error(Context& ctx, const std::string& path, std::string_view expected, const YAML::Node& found) {
  ctx.error(path, fmt::format("expected {}, found {}", expected, describe(found)));
  return false;
}

// One overload per spec type; MapReader::read and the container readers pick by the type of
// the destination. Declared up front because those templates look them up where they are
// defined (argument-dependent lookup does not reach into this unnamed namespace).
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, bool& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, double& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, int& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::uint64_t& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::string& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::Weekday& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, DistributionKind& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, rng::Distribution& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::array<double, kDaysPerWeek>& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::array<bool, kDaysPerWeek>& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::HorizonSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::DemandSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ContactTypeSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::BreakSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ShiftSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::AgentGroupSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::HiringMode& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::WorkforceSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ChannelMode& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::SegmentSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::CustomerSpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::PolicySpec& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::LeverEffects& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ScoreAnchor& out);
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ScorecardSpec& out);
template <class T>
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::optional<T>& out);
template <class T>
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<T>& out);

// Visits the entries of a YAML map in file order, recording where each sits. yaml-cpp keeps
// both copies of a duplicated key, so duplicates are caught here; the first copy is used.
template <class Visit>
void visit_entries(Context& ctx, const YAML::Node& map, const std::string& path, Visit&& visit) {
  std::vector<std::pair<std::string, YAML::Mark>> seen;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    const YAML::Node& value = entry.second;
    if (!key.IsScalar()) {
      ctx.ignored_key(path, fmt::format("expected a key name, found {}", describe(key)), key.Mark());
      continue;
    }
    const std::string entry_path = child_path(path, key.Scalar());
    const auto first = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key.Scalar(); });
    if (first != seen.end()) {
      ctx.ignored_key(entry_path, fmt::format("duplicate key (first given on line {})", first->second.line + 1),
                      key.Mark());
      continue;
    }
    seen.emplace_back(key.Scalar(), key.Mark());
    // Point scalars at their value ("expected a number, found ..."), collections at their key.
    ctx.record(entry_path, value.IsScalar() && !value.Mark().is_null() ? value.Mark() : key.Mark());
    visit(key.Scalar(), key, value, entry_path);
  }
}

// One YAML map of fixed keys being converted: checks it is a map and reports the keys it does
// not know, so that readers only ask for the keys they use.
class MapReader {
 public:
  MapReader(Context& ctx, const YAML::Node& node, std::string path, Keys known) : ctx_(ctx), path_(std::move(path)) {
    if (!node.IsMap()) {
      type_error(ctx, path_, "a map", node);
      return;
    }
    valid_ = true;
    visit_entries(ctx, node, path_, [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value,
                                        const std::string& entry_path) {
      if (contains(known, key))
        entries_.push_back({key, key_node, value});
      else
        ctx.ignored_key(entry_path, unknown_name_message("key", key, known), key_node.Mark());
    });
  }

  [[nodiscard]] bool valid() const noexcept { return valid_; }
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }
  [[nodiscard]] YAML::Mark key_mark(std::string_view key) const {
    const Entry* entry = find(key);
    return entry ? entry->key.Mark() : YAML::Mark::null_mark();
  }
  [[nodiscard]] std::string path_of(std::string_view key) const { return child_path(path_, key); }

  // A missing key is reported at its own path, which has no mark, so it lands on this map.
  void require(std::string_view key) {
    if (valid_ && !has(key)) ctx_.error(path_of(key), "required key is missing");
  }

  // Reads an optional key into `out`; absent or unreadable leaves `out` unchanged.
  template <class T>
  void read(std::string_view key, T& out) {
    if (const Entry* entry = find(key)) read_value(ctx_, entry->value, path_of(key), out);
  }

  template <class Read>
  void read_with(std::string_view key, Read&& read) {
    if (const Entry* entry = find(key)) read(entry->value, path_of(key));
  }

 private:
  struct Entry {
    std::string name;
    YAML::Node key;
    YAML::Node value;
  };

  [[nodiscard]] const Entry* find(std::string_view key) const {
    const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == key; });
    return it == entries_.end() ? nullptr : &*it;
  }

  Context& ctx_;
  std::string path_;
  std::vector<Entry> entries_;
  bool valid_ = false;
};

// --- scalars ---------------------------------------------------------------------------------

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

// YAML 1.2 core-schema booleans only: yes, on and y (YAML 1.1) are strings there, and a
// "country: no" surprise is better reported than guessed.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, bool& out) {
  static constexpr std::array<std::string_view, 3> yes{"true", "True", "TRUE"};
  static constexpr std::array<std::string_view, 3> no{"false", "False", "FALSE"};
  if (node.IsScalar() && contains(yes, node.Scalar())) out = true;
  else if (node.IsScalar() && contains(no, node.Scalar())) out = false;
  else return type_error(ctx, path, "true or false", node);
  return true;
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, double& out) {
  const auto value = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
  if (!value) return type_error(ctx, path, "a number", node);
  if (!std::isfinite(*value)) return type_error(ctx, path, "a finite number", node);
  out = *value;
  return true;
}

template <class Int>
bool read_integer(Context& ctx, const YAML::Node& node, const std::string& path, Int& out) {
  const auto value = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
  if (!value || !std::isfinite(*value) || std::floor(*value) != *value) return type_error(ctx, path, "an integer", node);
  constexpr auto lowest = std::numeric_limits<Int>::min();
  constexpr auto highest = std::numeric_limits<Int>::max();
  if (*value < static_cast<double>(lowest) || *value > static_cast<double>(highest)) {
    const std::string range = lowest == 0 ? std::string("an integer >= 0")
                                          : fmt::format("an integer between {} and {}", lowest, highest);
    return type_error(ctx, path, range, node);
  }
  out = static_cast<Int>(*value);
  return true;
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, int& out) {
  return read_integer(ctx, node, path, out);
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::uint64_t& out) {
  return read_integer(ctx, node, path, out);
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::string& out) {
  if (!node.IsScalar()) return type_error(ctx, path, "a string", node);
  out = node.Scalar();
  return true;
}

// Index of `node`'s text among `names`, or a "did you mean" error naming `what`.
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

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::Weekday& out) {
  const auto index = read_name(ctx, node, path, "weekday", kWeekdayNames);
  if (index) out = static_cast<model::Weekday>(*index);
  return index.has_value();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, DistributionKind& out) {
  std::array<std::string_view, kDistributionKinds.size()> names{};
  std::transform(kDistributionKinds.begin(), kDistributionKinds.end(), names.begin(),
                 [](DistributionKind kind) { return rng::to_string(kind); });
  const auto index = read_name(ctx, node, path, "distribution", names);
  if (index) out = kDistributionKinds[*index];
  return index.has_value();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::HiringMode& out) {
  const auto index = read_name(ctx, node, path, "hiring mode", kHiringModeNames);
  if (index) out = static_cast<model::HiringMode>(*index);
  return index.has_value();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ChannelMode& out) {
  const auto index = read_name(ctx, node, path, "channel mode", kChannelModeNames);
  if (index) out = static_cast<model::ChannelMode>(*index);
  return index.has_value();
}

// --- containers ------------------------------------------------------------------------------

template <class T>
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::optional<T>& out) {
  T value{};
  if (!read_value(ctx, node, path, value)) return false;
  out = std::move(value);
  return true;
}

// A list is taken whole or not at all, so a bad item cannot shift the others.
template <class T>
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<T>& out) {
  if (!node.IsSequence()) return type_error(ctx, path, "a list", node);
  std::vector<T> items(node.size());
  bool ok = true;
  std::size_t i = 0;
  for (const YAML::Node& item : node) {
    const std::string path_i = item_path(path, i);
    ctx.record(path_i, item.Mark());
    ok = read_value(ctx, item, path_i, items[i++]) && ok;
  }
  if (ok) out = std::move(items);
  return ok;
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path,
                std::array<double, kDaysPerWeek>& day_factors) {
  MapReader map(ctx, node, path, kWeekdayNames);
  for (std::size_t day = 0; day < kWeekdayNames.size(); ++day) map.read(kWeekdayNames[day], day_factors[day]);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path,
                std::array<bool, kDaysPerWeek>& weekdays) {
  std::vector<model::Weekday> days;
  if (!read_value(ctx, node, path, days)) return false;
  weekdays.fill(false);
  for (model::Weekday day : days) weekdays[static_cast<std::size_t>(day)] = true;
  return true;
}

// Entries of a map from user-chosen names (contact types, agent groups), in file order.
template <class Spec>
bool read_named(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<Spec>& out) {
  if (!node.IsMap()) return type_error(ctx, path, "a map from names to entries", node);
  out.clear();
  visit_entries(ctx, node, path, [&](const std::string& name, const YAML::Node&, const YAML::Node& value,
                                     const std::string& entry_path) {
    Spec spec;
    spec.name = name;
    read_value(ctx, value, entry_path, spec);
    out.push_back(std::move(spec));
  });
  return true;
}

// --- distributions ---------------------------------------------------------------------------

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

// {distribution: lognormal, mean_s: 280, cv: 0.9}: exactly the parameters of the kind. Without
// `distribution`, the field's default distribution with the given parameters replaced, so that
// `--set contact_types.billing.handle_time.mean_s=200` works on a file that leaves handle_time out.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, rng::Distribution& out) {
  MapReader map(ctx, node, path, kDistributionKeys);
  if (!map.valid()) return false;
  DistributionKind kind = out.kind;
  bool kind_ok = true;
  map.read_with("distribution", [&](const YAML::Node& n, const std::string& p) { kind_ok = read_value(ctx, n, p, kind); });
  if (!kind_ok) return false;

  const std::size_t issues_before = ctx.issues().size();
  const Keys parameters = parameters_of(kind);
  const std::string takes = parameters.empty() ? "no parameters" : join(parameters, " and ");
  for (std::string_view key : std::span(kDistributionKeys).subspan(1)) {
    if (map.has(key) && !contains(parameters, key))
      ctx.error(map.path_of(key), fmt::format("{} is not a parameter of {} (it takes {})", key, with_article(kind), takes),
                map.key_mark(key));
  }
  const bool kind_given = map.has("distribution");
  for (std::string_view key : parameters) {
    if (kind_given && !map.has(key))
      ctx.error(map.path_of(key), fmt::format("required key is missing ({} needs {})", with_article(kind), takes));
  }
  double mean = out.mean, cv = out.cv, shape = out.shape;
  std::vector<double> values = out.values;
  map.read("mean_s", mean);
  map.read("cv", cv);
  map.read("shape", shape);
  map.read("values_s", values);
  if (ctx.issues().size() != issues_before) return false;
  out = make_distribution(kind, mean, cv, shape, std::move(values));
  return true;
}

// --- scenario parts --------------------------------------------------------------------------

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::HorizonSpec& out) {
  MapReader map(ctx, node, path, kHorizonKeys);
  map.read("days", out.days);
  map.read("hours", out.hours);
  map.read("arrivals", out.arrivals);
  map.read("warmup_hours", out.warmup_hours);
  map.read("start_weekday", out.start_weekday);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::DemandSpec& out) {
  MapReader map(ctx, node, path, kDemandKeys);
  map.read("rate_per_hour", out.rate_per_hour);
  map.read("daily_volume", out.daily_volume);
  map.read("intraday_profile", out.intraday_profile);
  map.read("day_of_week_factors", out.day_of_week_factors);
  map.read("busyness_shape", out.busyness_shape);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ContactTypeSpec& out) {
  MapReader map(ctx, node, path, kContactTypeKeys);
  map.read("share", out.share);
  map.read("priority", out.priority);
  map.read("handle_time", out.handle_time);
  map.read("after_call_work", out.after_call_work);
  map.read("patience", out.patience);
  map.read("balk_probability", out.balk_probability);
  map.read("emotional_load", out.emotional_load);
  map.read("resolution_probability", out.resolution_probability);
  map.read("complexity", out.complexity);
  map.read("avoidable_share", out.avoidable_share);
  map.read("demand_removed_share", out.demand_removed_share);
  map.read("digital_eligible_share", out.digital_eligible_share);
  map.read("digital_success_probability", out.digital_success_probability);
  map.read("digital_cost", out.digital_cost);
  map.read("digital_time_s", out.digital_time_s);
  map.read_with("redial", [&](const YAML::Node& n, const std::string& p) {
    MapReader redial(ctx, n, p, kRedialKeys);
    redial.read("probability", out.redial_probability);
    redial.read("delay", out.redial_delay);
  });
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::BreakSpec& out) {
  MapReader map(ctx, node, path, kBreakKeys);
  map.read("start_after_h", out.start_after_h);
  map.read("duration_min", out.duration_min);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ShiftSpec& out) {
  MapReader map(ctx, node, path, kShiftKeys);
  map.read("start_h", out.start_h);
  map.read("length_h", out.length_h);
  map.read("count", out.count);
  map.read("weekdays", out.weekdays);
  map.read("breaks", out.breaks);
  return map.valid();
}

// `headcount: 12` staffs the whole day; a list gives one headcount per interval.
void read_headcount(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<int>& out) {
  int all_day = 0;
  if (!node.IsScalar())
    read_value(ctx, node, path, out);
  else if (read_value(ctx, node, path, all_day))
    out = {all_day};
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::AgentGroupSpec& out) {
  MapReader map(ctx, node, path, kGroupKeys);
  map.read("skills", out.skills);
  map.read_with("headcount", [&](const YAML::Node& n, const std::string& p) { read_headcount(ctx, n, p, out.headcount); });
  map.read("shifts", out.shifts);
  map.read("handle_time_multiplier", out.handle_time_multiplier);
  map.read("handle_time_multiplier_cv", out.handle_time_multiplier_cv);
  return map.valid();
}

// Every section and key is optional: `workforce: {}` is employee dynamics with all defaults.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::WorkforceSpec& out) {
  MapReader map(ctx, node, path, kWorkforceKeys);
  map.read_with("fatigue", [&](const YAML::Node& n, const std::string& p) {
    MapReader fatigue(ctx, n, p, kFatigueKeys);
    fatigue.read("rate_per_hour", out.fatigue.rate_per_hour);
    fatigue.read("after_call_work_load", out.fatigue.after_call_work_load);
    fatigue.read("back_to_back_gap_s", out.fatigue.back_to_back_gap_s);
    fatigue.read("back_to_back_factor", out.fatigue.back_to_back_factor);
    fatigue.read("idle_recovery_h", out.fatigue.idle_recovery_h);
    fatigue.read("break_recovery_h", out.fatigue.break_recovery_h);
    fatigue.read("off_recovery_h", out.fatigue.off_recovery_h);
  });
  map.read_with("strain", [&](const YAML::Node& n, const std::string& p) {
    MapReader strain(ctx, n, p, kStrainKeys);
    strain.read("per_residual_fatigue", out.strain.per_residual_fatigue);
    strain.read("per_overtime_hour", out.strain.per_overtime_hour);
    strain.read("work_day_recovery_days", out.strain.work_day_recovery_days);
    strain.read("rest_day_recovery_days", out.strain.rest_day_recovery_days);
    strain.read("burnout_threshold", out.strain.burnout_threshold);
  });
  map.read_with("effects", [&](const YAML::Node& n, const std::string& p) {
    MapReader effects(ctx, n, p, kEffectsKeys);
    effects.read("slowdown_fatigue_threshold", out.effects.slowdown_fatigue_threshold);
    effects.read("slowdown_per_fatigue", out.effects.slowdown_per_fatigue);
    effects.read("speedup_per_waiting_per_agent", out.effects.speedup_per_waiting_per_agent);
    effects.read("max_speedup", out.effects.max_speedup);
    effects.read("resolution_loss_per_fatigue", out.effects.resolution_loss_per_fatigue);
    effects.read("absence_strain_coefficient", out.effects.absence_strain_coefficient);
    effects.read("attrition_strain_coefficient", out.effects.attrition_strain_coefficient);
  });
  map.read_with("absence", [&](const YAML::Node& n, const std::string& p) {
    MapReader absence(ctx, n, p, kAbsenceKeys);
    absence.read("daily_probability", out.absence.daily_probability);
  });
  map.read_with("attrition", [&](const YAML::Node& n, const std::string& p) {
    MapReader attrition(ctx, n, p, kAttritionKeys);
    attrition.read("annual_rate", out.attrition.annual_rate);
    attrition.read("early_annual_rate", out.attrition.early_annual_rate);
    attrition.read("early_tenure_days", out.attrition.early_tenure_days);
  });
  map.read_with("hiring", [&](const YAML::Node& n, const std::string& p) {
    MapReader hiring(ctx, n, p, kHiringKeys);
    hiring.read("mode", out.hiring.mode);
    hiring.read("lead_time_days", out.hiring.lead_time_days);
    hiring.read("no_show_probability", out.hiring.no_show_probability);
    hiring.read("training_days", out.hiring.training_days);
    hiring.read("class_interval_days", out.hiring.class_interval_days);
  });
  map.read_with("learning", [&](const YAML::Node& n, const std::string& p) {
    MapReader learning(ctx, n, p, kLearningKeys);
    learning.read("initial_handle_time_multiplier", out.learning.initial_handle_time_multiplier);
    learning.read("initial_resolution_multiplier", out.learning.initial_resolution_multiplier);
    learning.read("half_life_days", out.learning.half_life_days);
  });
  map.read_with("costs", [&](const YAML::Node& n, const std::string& p) {
    MapReader costs(ctx, n, p, kCostKeys);
    costs.read("wage_per_hour", out.costs.wage_per_hour);
    costs.read("hiring_cost_per_hire", out.costs.hiring_cost_per_hire);
    costs.read("training_cost_per_hire", out.costs.training_cost_per_hire);
    costs.read("training_hours_per_day", out.costs.training_hours_per_day);
  });
  map.read("steady_state_initial_tenure", out.steady_state_initial_tenure);
  map.read("initial_tenure_days", out.initial_tenure_days);
  map.read("recovery_break_min", out.recovery_break_min);
  map.read("hard_contact_load", out.hard_contact_load);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::SegmentSpec& out) {
  MapReader map(ctx, node, path, kSegmentKeys);
  map.read("share", out.share);
  map.read("digital_preference", out.digital_preference);
  return map.valid();
}

// Like workforce, every key is optional: `customers: {}` is customers with memory, all defaults.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::CustomerSpec& out) {
  MapReader map(ctx, node, path, kCustomerKeys);
  map.read_with("frustration", [&](const YAML::Node& n, const std::string& p) {
    MapReader frustration(ctx, n, p, kFrustrationKeys);
    frustration.read("per_minute_over_expected_wait", out.frustration.per_minute_over_expected_wait);
    frustration.read("expected_wait_s", out.frustration.expected_wait_s);
    frustration.read("per_abandonment", out.frustration.per_abandonment);
    frustration.read("per_repeat_contact", out.frustration.per_repeat_contact);
    frustration.read("per_forced_channel", out.frustration.per_forced_channel);
    frustration.read("per_failed_self_service", out.frustration.per_failed_self_service);
    frustration.read("handle_time_per_unit", out.frustration.handle_time_per_unit);
    frustration.read("emotional_load_per_unit", out.frustration.emotional_load_per_unit);
  });
  map.read_with("satisfaction", [&](const YAML::Node& n, const std::string& p) {
    MapReader satisfaction(ctx, n, p, kSatisfactionKeys);
    satisfaction.read("intercept", out.satisfaction.intercept);
    satisfaction.read("unresolved_penalty", out.satisfaction.unresolved_penalty);
    satisfaction.read("per_extra_contact", out.satisfaction.per_extra_contact);
    satisfaction.read("per_frustration", out.satisfaction.per_frustration);
    satisfaction.read("per_agent_fatigue", out.satisfaction.per_agent_fatigue);
    satisfaction.read("churn_if_satisfied", out.satisfaction.churn_if_satisfied);
    satisfaction.read("churn_if_dissatisfied", out.satisfaction.churn_if_dissatisfied);
    satisfaction.read("customer_value", out.satisfaction.customer_value);
  });
  map.read_with("channels", [&](const YAML::Node& n, const std::string& p) {
    MapReader channels(ctx, n, p, kChannelKeys);
    channels.read("mode", out.channels.mode);
    channels.read("wait_sensitivity_per_minute", out.channels.wait_sensitivity_per_minute);
    channels.read("agent_effort_utility", out.channels.agent_effort_utility);
    channels.read("forced_success_multiplier", out.channels.forced_success_multiplier);
    channels.read_with("segments", [&](const YAML::Node& s, const std::string& sp) {
      read_named(ctx, s, sp, out.channels.segments);
    });
  });
  map.read("repeat_probability", out.repeat_probability);
  map.read("repeat_delay_mean_days", out.repeat_delay_mean_days);
  return map.valid();
}

// A lever left out stays unset (the baseline's value); boolean levers take YAML booleans only.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::PolicySpec& out) {
  MapReader map(ctx, node, path, kPolicyKeys);
  map.read("description", out.description);
  map.read_with("levers", [&](const YAML::Node& n, const std::string& p) {
    MapReader levers(ctx, n, p, kLeverKeys);
    model::Levers& l = out.levers;
    levers.read("handle_time_target", l.handle_time_target);
    levers.read("headcount_change", l.headcount_change);
    levers.read("break_reduction", l.break_reduction);
    levers.read("after_call_work_cut", l.after_call_work_cut);
    levers.read("scripting", l.scripting);
    levers.read("digital_deflection", l.digital_deflection);
    levers.read("digital_choice", l.digital_choice);
    levers.read("root_cause_fix", l.root_cause_fix);
    levers.read("empowerment", l.empowerment);
    levers.read("recovery_breaks", l.recovery_breaks);
    levers.read("flexible_scheduling", l.flexible_scheduling);
    levers.read("manager_support", l.manager_support);
  });
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::LeverEffects& out) {
  MapReader map(ctx, node, path, kLeverEffectKeys);
  map.read("pressure_resolution_loss", out.pressure_resolution_loss);
  map.read("pressure_fatigue_gain", out.pressure_fatigue_gain);
  map.read("after_call_work_resolution_loss", out.after_call_work_resolution_loss);
  map.read("scripting_resolution_loss", out.scripting_resolution_loss);
  map.read("scripting_strain_gain", out.scripting_strain_gain);
  map.read("empowerment_resolution_gain", out.empowerment_resolution_gain);
  map.read("empowerment_strain_relief", out.empowerment_strain_relief);
  map.read("flexible_absence_relief", out.flexible_absence_relief);
  map.read("support_attrition_relief", out.support_attrition_relief);
  return map.valid();
}

// An anchor given in part keeps the other values of its own default, not of ScoreAnchor{}.
bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ScoreAnchor& out) {
  MapReader map(ctx, node, path, kScoreAnchorKeys);
  map.read("worst", out.worst);
  map.read("best", out.best);
  map.read("weight", out.weight);
  return map.valid();
}

bool read_value(Context& ctx, const YAML::Node& node, const std::string& path, model::ScorecardSpec& out) {
  MapReader map(ctx, node, path, kScorecardKeys);
  for (const auto& [key, anchor] : kScoreAnchors) map.read(key, out.*anchor);
  map.read("cx_weight", out.cx_weight);
  map.read("ex_weight", out.ex_weight);
  map.read("cost_weight", out.cost_weight);
  map.read("discount_rate_per_year", out.discount_rate_per_year);
  return map.valid();
}

}  // namespace

model::ScenarioSpec convert_scenario(Context& ctx, const YAML::Node& root) {
  model::ScenarioSpec spec;
  ctx.record("", root.Mark());
  MapReader map(ctx, root, "", kScenarioKeys);
  for (std::string_view key : {"name", "contact_types", "agents"}) map.require(key);
  map.read("name", spec.name);
  map.read("description", spec.description);
  map.read("interval_minutes", spec.interval_minutes);
  map.read("service_level_threshold_s", spec.service_level_threshold_s);
  map.read("horizon", spec.horizon);
  map.read("demand", spec.demand);
  map.read_with("contact_types", [&](const YAML::Node& n, const std::string& p) { read_named(ctx, n, p, spec.contact_types); });
  map.read_with("queue", [&](const YAML::Node& n, const std::string& p) {
    MapReader queue(ctx, n, p, kQueueKeys);
    queue.read("capacity", spec.queue.capacity);
  });
  map.read_with("agents", [&](const YAML::Node& n, const std::string& p) {
    MapReader agents(ctx, n, p, kAgentsKeys);
    agents.require("groups");
    agents.read_with("groups", [&](const YAML::Node& g, const std::string& gp) { read_named(ctx, g, gp, spec.agent_groups); });
  });
  map.read("workforce", spec.workforce);
  map.read("customers", spec.customers);
  map.read_with("policies", [&](const YAML::Node& n, const std::string& p) { read_named(ctx, n, p, spec.policies); });
  map.read("lever_effects", spec.lever_effects);
  map.read("scorecard", spec.scorecard);
  return spec;
}

}  // namespace txsim::io::detail
