#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/model/scenario.hpp"

// The rules between fields of a ScenarioSpec (each field's own range is the schema's, in the io
// layer, checked before these). Key paths are those of the scenario file
// (contact_types.billing.handle_time.cv, agents.groups.frontline.shifts[1].breaks[0].duration_min)
// so that the io layer can point each issue at its line; messages say what was expected and what
// was found. The model layer has no formatting library, hence the small helpers below.

namespace txsim::model {
namespace {

constexpr double kShareTolerance = 1e-6;
constexpr double kHoursPerDay = 24.0;

std::string num(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 9);
  return std::string(buffer, result.ptr);
}

std::string quoted(std::string_view text) {
  std::string result(1, '"');
  result.append(text).push_back('"');
  return result;
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

std::string child(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
std::string item(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

// Entries of contact_types and agents.groups are keyed by name; an unnamed one (possible only
// in specs built in code) is named by its position.
std::string entry_path(std::string_view collection, std::size_t index, const std::string& name) {
  return name.empty() ? item(std::string(collection), index) : child(std::string(collection), name);
}

class Checker {
 public:
  void fail(std::string path, std::string message) { issues_.push_back({std::move(path), std::move(message)}); }

  std::vector<SpecIssue> take() { return std::move(issues_); }

 private:
  std::vector<SpecIssue> issues_;
};

// "give exactly one of days, hours, arrivals (found days, hours)"
void expect_exactly_one(Checker& check, const std::string& path, const std::vector<std::string>& keys,
                        const std::vector<std::string>& given) {
  if (given.size() != 1) check.fail(path, "give exactly one of " + join(keys) + " (found " + (given.empty() ? "none" : join(given)) + ")");
}

bool interval_is_valid(double minutes) { return minutes == 15.0 || minutes == 30.0 || minutes == 60.0; }

std::string per_interval(const ScenarioSpec& spec) {
  return "one per " + num(spec.interval_minutes) + "-minute interval";
}

void check_general(Checker& check, const ScenarioSpec& spec) {
  if (spec.name.empty()) check.fail("name", "expected a scenario name, found an empty string");
}

void check_horizon(Checker& check, const HorizonSpec& horizon) {
  std::vector<std::string> given;
  if (horizon.days) given.emplace_back("days");
  if (horizon.hours) given.emplace_back("hours");
  if (horizon.arrivals) given.emplace_back("arrivals");
  expect_exactly_one(check, "horizon", {"days", "hours", "arrivals"}, given);

  std::optional<double> length_h;
  if (horizon.days && !horizon.hours) length_h = *horizon.days * kHoursPerDay;
  if (horizon.hours && !horizon.days) length_h = *horizon.hours;
  if (length_h && *length_h > 0 && horizon.warmup_hours >= *length_h)
    check.fail("horizon.warmup_hours", "expected less than the horizon of " + num(*length_h) + " h, found " +
                                           num(horizon.warmup_hours));
}

void check_demand(Checker& check, const ScenarioSpec& spec) {
  const DemandSpec& demand = spec.demand;
  if (demand.rate_per_hour && demand.daily_volume != 0.0)
    check.fail("demand", "give exactly one of rate_per_hour, daily_volume (found both)");
  else if (!demand.rate_per_hour && demand.daily_volume == 0.0)
    check.fail("demand", "give exactly one of rate_per_hour, daily_volume (found none)");

  const std::vector<double>& profile = demand.intraday_profile;
  const std::string profile_path = "demand.intraday_profile";
  if (!profile.empty() && interval_is_valid(spec.interval_minutes) &&
      profile.size() != static_cast<std::size_t>(spec.intervals_per_day()))
    check.fail(profile_path, "expected " + std::to_string(spec.intervals_per_day()) + " values (" + per_interval(spec) +
                                 "), found " + std::to_string(profile.size()));
  const bool all_non_negative = std::all_of(profile.begin(), profile.end(), [](double w) { return w >= 0; });
  if (!profile.empty() && all_non_negative && !(std::accumulate(profile.begin(), profile.end(), 0.0) > 0))
    check.fail(profile_path, "expected weights with a positive sum, found only zeros");

  const auto& factors = demand.day_of_week_factors;
  if (std::all_of(factors.begin(), factors.end(), [](double f) { return f == 0.0; }))
    check.fail("demand.day_of_week_factors", "expected at least one weekday with a factor > 0, found all 0");

  // A constant rate is constant: the shaping keys belong to daily_volume, and accepting them
  // silently would let a user believe a profile was applied.
  if (demand.rate_per_hour) {
    const char* why = " applies to demand.daily_volume only; rate_per_hour is a constant rate";
    if (!profile.empty()) check.fail(profile_path, std::string("intraday_profile") + why);
    if (std::any_of(factors.begin(), factors.end(), [](double f) { return f != 1.0; }))
      check.fail("demand.day_of_week_factors", std::string("day_of_week_factors") + why);
    if (demand.busyness_shape != 0.0) check.fail("demand.busyness_shape", std::string("busyness_shape") + why);
  }
}

// Names must be non-empty and unique (a YAML map guarantees both; specs built in code do not).
void check_names(Checker& check, std::string_view collection, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = entry_path(collection, i, names[i]);
    if (names[i].empty()) check.fail(path, "expected a name, found an empty string");
    else if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) != names.begin() + static_cast<std::ptrdiff_t>(i))
      check.fail(path, "expected a unique name, found " + quoted(names[i]) + " twice");
  }
}

void check_contact_type(Checker& check, const std::string& path, const ContactTypeSpec& type) {
  // The root_cause_fix lever removes a part of the avoidable demand, never more than all of it.
  // (Each share's own range is the schema's; a share outside [0, 1] is reported there alone.)
  const auto share = [](double x) { return x >= 0 && x <= 1; };
  if (share(type.avoidable_share) && share(type.demand_removed_share) &&
      type.demand_removed_share > type.avoidable_share)
    check.fail(child(path, "demand_removed_share"), "expected a share in [0, avoidable_share = " +
                                                        num(type.avoidable_share) + "], found " +
                                                        num(type.demand_removed_share));
}

std::vector<std::string> type_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const ContactTypeSpec& type : spec.contact_types) names.push_back(type.name);
  return names;
}

void check_contact_types(Checker& check, const ScenarioSpec& spec) {
  if (spec.contact_types.empty()) {
    check.fail("contact_types", "expected at least one contact type, found none");
    return;
  }
  check_names(check, "contact_types", type_names(spec));
  double share_sum = 0.0;
  for (std::size_t i = 0; i < spec.contact_types.size(); ++i) {
    const ContactTypeSpec& type = spec.contact_types[i];
    check_contact_type(check, entry_path("contact_types", i, type.name), type);
    share_sum += type.share;
  }
  if (!(std::abs(share_sum - 1.0) <= kShareTolerance))
    check.fail("contact_types", "expected shares summing to 1, found a sum of " + num(share_sum));
}

void check_breaks(Checker& check, const std::string& shift_path, const ShiftSpec& shift) {
  const std::string path = child(shift_path, "breaks");
  std::vector<std::size_t> by_start;
  for (std::size_t i = 0; i < shift.breaks.size(); ++i) {
    const BreakSpec& pause = shift.breaks[i];
    const std::string break_path = item(path, i);
    if (pause.start_after_h >= shift.length_h)
      check.fail(child(break_path, "start_after_h"), "expected an offset in [0, " + num(shift.length_h) +
                                                         ") h, within the shift, found " + num(pause.start_after_h));
    const double end_h = pause.start_after_h + pause.duration_min / 60.0;
    if (pause.start_after_h >= 0 && pause.start_after_h < shift.length_h && pause.duration_min > 0) {
      if (end_h > shift.length_h)
        check.fail(child(break_path, "duration_min"), "expected the break to end within the shift of " +
                                                          num(shift.length_h) + " h, found an end at " + num(end_h) + " h");
      by_start.push_back(i);
    }
  }
  std::sort(by_start.begin(), by_start.end(),
            [&](std::size_t a, std::size_t b) { return shift.breaks[a].start_after_h < shift.breaks[b].start_after_h; });
  for (std::size_t k = 1; k < by_start.size(); ++k) {
    const BreakSpec& earlier = shift.breaks[by_start[k - 1]];
    const BreakSpec& later = shift.breaks[by_start[k]];
    const double earlier_end_h = earlier.start_after_h + earlier.duration_min / 60.0;
    if (later.start_after_h < earlier_end_h)
      check.fail(child(item(path, by_start[k]), "start_after_h"),
                 "expected a start after the end of breaks[" + std::to_string(by_start[k - 1]) + "] at " +
                     num(earlier_end_h) + " h, found " + num(later.start_after_h));
  }
}

void check_shift(Checker& check, const std::string& path, const ShiftSpec& shift) {
  // A shift that works no weekday would hold seats that never answer: almost surely a mistake.
  if (shift.count > 0 && std::none_of(shift.weekdays.begin(), shift.weekdays.end(), [](bool day) { return day; }))
    check.fail(child(path, "weekdays"), "expected at least one weekday, found none (its agents would never work)");
  check_breaks(check, path, shift);
}

void check_staffing(Checker& check, const ScenarioSpec& spec, const std::string& path, const AgentGroupSpec& group) {
  std::vector<std::string> given;
  if (!group.headcount.empty()) given.emplace_back("headcount");
  if (!group.shifts.empty()) given.emplace_back("shifts");
  expect_exactly_one(check, path, {"headcount", "shifts"}, given);

  const std::string headcount_path = child(path, "headcount");
  const std::size_t intervals = static_cast<std::size_t>(spec.intervals_per_day());
  if (group.headcount.size() > 1 && group.headcount.size() != intervals && interval_is_valid(spec.interval_minutes))
    check.fail(headcount_path, "expected 1 or " + std::to_string(intervals) + " values (" + per_interval(spec) +
                                   "), found " + std::to_string(group.headcount.size()));
  for (std::size_t i = 0; i < group.shifts.size(); ++i) check_shift(check, item(child(path, "shifts"), i), group.shifts[i]);
}

void check_skills(Checker& check, const std::vector<std::string>& known, const std::string& path,
                  const AgentGroupSpec& group) {
  if (known.empty()) return;  // the missing contact types are reported already
  for (std::size_t i = 0; i < group.skills.size(); ++i) {
    if (std::find(known.begin(), known.end(), group.skills[i]) == known.end())
      check.fail(item(child(path, "skills"), i),
                 "unknown contact type " + quoted(group.skills[i]) + " (known: " + join(known) + ")");
  }
}

bool serves(const AgentGroupSpec& group, const std::string& type) {
  return group.skills.empty() || std::find(group.skills.begin(), group.skills.end(), type) != group.skills.end();
}

int agent_count(const AgentGroupSpec& group) {
  int count = 0;
  for (int headcount : group.headcount) count += std::max(headcount, 0);
  for (const ShiftSpec& shift : group.shifts) count += std::max(shift.count, 0);
  return count;
}

void check_agent_groups(Checker& check, const ScenarioSpec& spec) {
  if (spec.agent_groups.empty()) {
    check.fail("agents.groups", "expected at least one agent group, found none");
    return;
  }
  std::vector<std::string> names;
  for (const AgentGroupSpec& group : spec.agent_groups) names.push_back(group.name);
  check_names(check, "agents.groups", names);
  const std::vector<std::string> known_types = type_names(spec);
  for (std::size_t i = 0; i < spec.agent_groups.size(); ++i) {
    const AgentGroupSpec& group = spec.agent_groups[i];
    const std::string path = entry_path("agents.groups", i, group.name);
    check_skills(check, known_types, path, group);
    check_staffing(check, spec, path, group);
  }
  const bool any_agent = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                     [](const AgentGroupSpec& group) { return agent_count(group) > 0; });
  if (!any_agent) check.fail("agents.groups", "expected at least one agent, found only headcounts and shift counts of 0");
}

void check_coverage(Checker& check, const ScenarioSpec& spec) {
  const bool any_agent = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                     [](const AgentGroupSpec& group) { return agent_count(group) > 0; });
  if (!any_agent) return;  // reported once for agents.groups
  for (std::size_t i = 0; i < spec.contact_types.size(); ++i) {
    const std::string& type = spec.contact_types[i].name;
    const bool has_skill = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(),
                                       [&](const AgentGroupSpec& group) { return serves(group, type); });
    // A type nobody can ever answer would wait forever (and an arrival-count run never drain).
    const bool staffed = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(), [&](const AgentGroupSpec& group) {
      return serves(group, type) && agent_count(group) > 0;
    });
    if (!has_skill)
      check.fail(entry_path("contact_types", i, type),
                 "expected at least one agent group with the skill " + quoted(type) + ", found none");
    else if (!staffed)
      check.fail(entry_path("contact_types", i, type),
                 "expected at least one agent able to serve " + quoted(type) + ", found only groups without agents");
  }
}

void check_workforce_rules(Checker& check, const WorkforceSpec& w) {
  // Without any attrition past early tenure there is no steady state to draw initial tenures from.
  if (w.steady_state_initial_tenure && w.attrition.annual_rate == 0.0)
    check.fail("workforce.attrition.annual_rate",
               "expected a rate > 0 with steady_state_initial_tenure: true (no steady state without attrition), "
               "found 0; set steady_state_initial_tenure: false and initial_tenure_days instead");
}

void check_workforce(Checker& check, const ScenarioSpec& spec) {
  if (!spec.workforce) return;
  // Fatigue, strain, absence and attrition advance with the clock and the roster day by day; a
  // run that stops after a number of arrivals has no calendar for them.
  if (spec.horizon.arrivals)
    check.fail("workforce", "employee dynamics need a horizon in days or hours, found arrivals");
  check_workforce_rules(check, *spec.workforce);
}

bool any_digital_eligible(const ScenarioSpec& spec) {
  return std::any_of(spec.contact_types.begin(), spec.contact_types.end(),
                     [](const ContactTypeSpec& type) { return type.digital_eligible_share > 0; });
}

const char* channel_mode_name(ChannelMode mode) {
  switch (mode) {
    case ChannelMode::None: return "none";
    case ChannelMode::Forced: return "forced";
    case ChannelMode::Choice: return "choice";
  }
  return "unknown";
}

// Self-service that no contact type can use would leave a channel mode or lever without effect
// while the user believes it applied.
std::string no_eligible_type(std::string_view what) {
  return "no contact type is eligible for self-service (" + std::string(what) + " needs a digital_eligible_share > 0)";
}

void check_customers(Checker& check, const ScenarioSpec& spec) {
  if (!spec.customers) return;
  const CustomerSpec& c = *spec.customers;
  const ChannelSpec& channels = c.channels;
  if (channels.mode != ChannelMode::None && !spec.contact_types.empty() && !any_digital_eligible(spec))
    check.fail("customers.channels.mode", no_eligible_type(std::string("mode ") + channel_mode_name(channels.mode)));
  const std::string segments_path = "customers.channels.segments";
  std::vector<std::string> names;
  for (const SegmentSpec& segment : channels.segments) names.push_back(segment.name);
  check_names(check, segments_path, names);
  double share_sum = 0.0;
  for (std::size_t i = 0; i < channels.segments.size(); ++i) {
    share_sum += channels.segments[i].share;
  }
  if (!channels.segments.empty() && !(std::abs(share_sum - 1.0) <= kShareTolerance))
    check.fail(segments_path, "expected shares summing to 1, found a sum of " + num(share_sum));
}

}  // namespace

std::vector<SpecIssue> validate(const ScenarioSpec& spec) {
  Checker check;
  check_general(check, spec);
  check_horizon(check, spec.horizon);
  check_demand(check, spec);
  check_contact_types(check, spec);
  check_agent_groups(check, spec);
  check_coverage(check, spec);
  check_workforce(check, spec);
  check_customers(check, spec);
  return check.take();
}

const char* to_string(Weekday day) noexcept {
  switch (day) {
    case Weekday::Monday: return "monday";
    case Weekday::Tuesday: return "tuesday";
    case Weekday::Wednesday: return "wednesday";
    case Weekday::Thursday: return "thursday";
    case Weekday::Friday: return "friday";
    case Weekday::Saturday: return "saturday";
    case Weekday::Sunday: return "sunday";
  }
  return "unknown";
}

}  // namespace txsim::model
