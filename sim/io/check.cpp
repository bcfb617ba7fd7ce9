#include "txsim/io/check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

#include <fmt/format.h>

#include "io/detail/schema_ops.hpp"
#include "txsim/policy/policy.hpp"
#include "txsim/score/scorecard.hpp"

namespace txsim::io {
namespace {

using model::kDaysPerWeek;
using model::ScenarioSpec;

// Agents staffed per weekday and interval of the day: shifts where they are on (breaks not
// subtracted; a shift past midnight counts on the next weekday), headcounts on every day.
using StaffingGrid = std::array<std::vector<double>, kDaysPerWeek>;

StaffingGrid staffing_grid(const ScenarioSpec& centre) {
  const auto intervals = static_cast<std::size_t>(centre.intervals_per_day());
  const double interval_h = centre.interval_minutes / 60.0;
  StaffingGrid grid;
  for (auto& day : grid) day.assign(intervals, 0.0);
  for (const model::AgentGroupSpec& group : centre.agent_groups) {
    for (std::size_t i = 0; i < intervals && !group.headcount.empty(); ++i) {
      const int count = group.headcount.size() == 1 ? group.headcount[0] : group.headcount[i];
      for (auto& day : grid) day[i] += count;
    }
    for (const model::ShiftSpec& shift : group.shifts) {
      const auto first = static_cast<long>(std::ceil(shift.start_h / interval_h - 1e-9));
      const auto end = static_cast<long>(std::floor((shift.start_h + shift.length_h) / interval_h + 1e-9));
      for (int weekday = 0; weekday < kDaysPerWeek; ++weekday) {
        if (!shift.weekdays[static_cast<std::size_t>(weekday)]) continue;
        for (long k = first; k < end; ++k) {
          const long day = (weekday + k / static_cast<long>(intervals)) % kDaysPerWeek;
          grid[static_cast<std::size_t>(day)][static_cast<std::size_t>(k % static_cast<long>(intervals))] += shift.count;
        }
      }
    }
  }
  return grid;
}

// Offered contacts per hour in each weekday and interval (before busyness and redials).
StaffingGrid demand_grid(const ScenarioSpec& centre) {
  const auto intervals = static_cast<std::size_t>(centre.intervals_per_day());
  const double interval_h = centre.interval_minutes / 60.0;
  StaffingGrid grid;
  const auto& profile = centre.demand.intraday_profile;
  const double profile_sum = std::accumulate(profile.begin(), profile.end(), 0.0);
  for (int day = 0; day < kDaysPerWeek; ++day) {
    auto& rates = grid[static_cast<std::size_t>(day)];
    rates.assign(intervals, 0.0);
    for (std::size_t i = 0; i < intervals; ++i) {
      if (centre.demand.rate_per_hour) {
        rates[i] = *centre.demand.rate_per_hour;
        continue;
      }
      const double weight = profile.empty() ? 1.0 / static_cast<double>(intervals) : profile[i] / profile_sum;
      rates[i] = centre.demand.daily_volume * centre.demand.day_of_week_factors[static_cast<std::size_t>(day)] * weight /
                 interval_h;
    }
  }
  return grid;
}

std::string clock(std::size_t interval, double interval_minutes) {
  const auto minutes = static_cast<long>(std::lround(static_cast<double>(interval) * interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// "tuesday 08:00-20:00, wednesday 08:00-20:00": runs of consecutive flagged intervals, at most
// `shown` of them, then "and N more".
template <class Flag, class Note>
std::string interval_runs(const ScenarioSpec& centre, std::size_t intervals, Flag flagged, Note note) {
  std::vector<std::string> runs;
  std::size_t total = 0;
  for (int day = 0; day < kDaysPerWeek; ++day) {
    for (std::size_t i = 0; i < intervals;) {
      if (!flagged(day, i)) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < intervals && flagged(day, end)) ++end;
      ++total;
      if (runs.size() < 6)
        runs.push_back(fmt::format("{} {}-{}{}", model::to_string(static_cast<model::Weekday>(day)),
                                   clock(i, centre.interval_minutes), clock(end, centre.interval_minutes), note(day, i, end)));
      i = end;
    }
  }
  std::string text;
  for (const std::string& run : runs) text += (text.empty() ? "" : ", ") + run;
  if (total > runs.size()) text += fmt::format(" and {} more", total - runs.size());
  return text;
}

// Staffing and load warnings need a runnable centre (valid interval, at least one type).
void staffing_warnings(const ScenarioSpec& centre, std::vector<model::SpecIssue>& warnings) {
  const auto intervals = static_cast<std::size_t>(centre.intervals_per_day());
  const StaffingGrid agents = staffing_grid(centre);
  const StaffingGrid demand = demand_grid(centre);
  std::size_t unstaffed = 0;
  for (int d = 0; d < kDaysPerWeek; ++d)
    for (std::size_t i = 0; i < intervals; ++i) unstaffed += demand[static_cast<std::size_t>(d)][i] > 0 && agents[static_cast<std::size_t>(d)][i] == 0;
  if (unstaffed > 0) {
    const auto no_agent = [&](int d, std::size_t i) {
      return demand[static_cast<std::size_t>(d)][i] > 0 && agents[static_cast<std::size_t>(d)][i] == 0;
    };
    warnings.push_back(
        {"agents.groups",
         fmt::format("contacts arrive with no agent staffed in {} interval(s) of the week: {} (callers wait for the next "
                     "shift or abandon; shifts[].weekdays lists days, it is not a range)",
                     unstaffed, interval_runs(centre, intervals, no_agent, [](int, std::size_t, std::size_t) { return ""; }))});
  }
  // Offered load in Erlangs against agents staffed; each contact's mean talk and wrap-up,
  // weighted by the type shares (group speed factors, breaks and absence left aside).
  double work_s = 0.0;
  for (const model::ContactTypeSpec& type : centre.contact_types)
    work_s += type.share * (type.handle_time.expected() + type.after_call_work.expected());
  const auto rho = [&](int d, std::size_t i) {
    const double load = demand[static_cast<std::size_t>(d)][i] * work_s / 3600.0;
    const double staffed = agents[static_cast<std::size_t>(d)][i];
    return staffed > 0 ? load / staffed : 0.0;
  };
  const auto overloaded = [&](int d, std::size_t i) { return rho(d, i) > 1.0; };
  std::size_t count = 0;
  for (int d = 0; d < kDaysPerWeek; ++d)
    for (std::size_t i = 0; i < intervals; ++i) count += overloaded(d, i);
  if (count > 0) {
    const auto peak = [&](int d, std::size_t first, std::size_t end) {
      double highest = 0.0;
      for (std::size_t i = first; i < end; ++i) highest = std::max(highest, rho(d, i));
      return fmt::format(" (rho up to {:.2f})", highest);
    };
    warnings.push_back({"agents.groups",
                        fmt::format("offered load exceeds the agents staffed (rho > 1) in {} interval(s) of the week: {}; "
                                    "queues grow there until demand falls",
                                    count, interval_runs(centre, intervals, overloaded, peak))});
  }
}

}  // namespace

CheckResult check(const experiment::StudySpec& study) {
  CheckResult result;
  auto& errors = result.errors;
  const auto append = [](std::vector<model::SpecIssue>& to, std::vector<model::SpecIssue> from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(errors, detail::check_ranges(study));
  append(errors, model::validate(study.centre));
  append(errors, policy::validate_policies(study.centre, study.policies));
  append(errors, score::validate_scorecard(study.scorecard));
  if (!errors.empty()) return result;

  // A policy can turn a valid centre into an invalid one (no agent left, a break cut to nothing
  // that overlaps no more): checked here, once, rather than in every replication.
  for (const policy::PolicySpec& p : study.policies) {
    experiment::StudySpec variant;
    variant.centre = policy::apply_policy(study.centre, p, study.lever_effects);
    std::vector<model::SpecIssue> issues = detail::check_ranges(variant);
    append(issues, model::validate(variant.centre));
    for (const model::SpecIssue& issue : issues)
      errors.push_back({"policies." + p.name,
                        fmt::format("yields an invalid scenario: {}: {}", issue.key_path, issue.message)});
  }
  if (!errors.empty()) return result;

  staffing_warnings(study.centre, result.warnings);
  if (!study.centre.workforce) {
    for (const policy::PolicySpec& p : study.policies) {
      if (p.levers.headcount_change && *p.levers.headcount_change != 0.0)
        result.warnings.push_back({"policies." + p.name + ".levers.headcount_change",
                                   "without a workforce section agents cost nothing, so the cost side of this "
                                   "policy's verdict ignores the agents it adds or removes; add `workforce: {}`"});
    }
  }
  return result;
}

void require_valid(const experiment::StudySpec& study, std::string_view label) {
  const CheckResult result = check(study);
  if (result.errors.empty()) return;
  std::vector<Diagnostic> diagnostics;
  for (const model::SpecIssue& issue : result.errors)
    diagnostics.push_back({std::string(label), 0, 0, issue.key_path, issue.message});
  throw ConfigError(std::move(diagnostics));
}

}  // namespace txsim::io
