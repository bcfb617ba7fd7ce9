#pragma once
// Staffing by simulation: the fewest agents per interval of the day for which every target
// holds with a stated confidence in every period of the chosen scope.
//
// The search starts from the Erlang requirement (requirement.hpp; per interval of the day, the
// largest over the weekdays, since a headcount applies every day), then
// 1. raises: while a target fails, adds one agent to each failing interval of the day (interval
//    scope) or to every interval with demand (day and horizon scopes), up to the cap;
// 2. lowers: tries one agent fewer in each interval in turn, keeping the change when every
//    target still holds, until no interval can give one up.
// Constant demand (rate_per_hour) moves every interval together: one headcount for the day.
// Every evaluation runs the same replications (seeds RunSeed{seed, r}): common random numbers,
// so two staffings differ by the staffing, not by the luck of the draw.
//
// A target holds in a period when the one-sided Student t bound on its replication mean
// clears it: mean - t(c, n-1) s / sqrt(n) >= target for a lower bound, mean + ... <= target for
// an upper bound, with c the confidence and n the replications with contacts in the period.

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/experiment/replications.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/staffing/requirement.hpp"

namespace txsim::staffing {

/// A bound on one KPI: service_level >= x or abandon_rate <= x.
struct KpiTarget {
  model::Kpi kpi = model::Kpi::ServiceLevel;
  bool at_least = true;  ///< true: kpi >= value; false: kpi <= value
  double value = 0.0;
};

/// Parses "service_level>=0.8" or "abandon_rate<=0.05". Throws std::invalid_argument naming the
/// text for an unknown KPI, a KPI staffing cannot target, a bound in the wrong direction, or a
/// value no staffing can reach (service level 1 or more, abandonment 0 or less).
KpiTarget parse_target(std::string_view text);

/// "service_level>=0.8".
std::string to_string(const KpiTarget& target);

/// Periods in which every target must hold.
enum class Scope { Interval, Day, Horizon };

struct SearchOptions {
  std::vector<KpiTarget> targets;  ///< at least one
  Scope scope = Scope::Horizon;
  double confidence = 0.95;         ///< one-sided, (0.5, 1)
  std::uint64_t seed = 1;
  int replications = 10;            ///< >= 2
  int threads = 0;
  /// When set and read true, the search stops within about a second: the simulation it is running
  /// throws experiment::Cancelled, and no plan is returned.
  const std::atomic<bool>* stop = nullptr;
  /// Most agents the search may put in an interval, >= 1.
  int max_agents_per_interval = 1000;
};

/// A KPI over the replications in one period, and the one-sided bound a target on it is tested
/// with (see the file comment).
struct PeriodEstimate {
  int samples = 0;     ///< replications with contacts in the period (n of the test), >= 0
  double mean = 0.0;   ///< mean over those replications; NaN without any
  /// One-sided Student t bound at the confidence in the direction of a target on the KPI (lower
  /// for service level, upper for abandonment); NaN with fewer than two samples.
  double bound = 0.0;
};

/// One target tested in one period of the scope.
struct PeriodCheck {
  std::size_t target = 0;  ///< index into SearchOptions::targets
  int period = 0;          ///< 0-based: the interval of the day, the day, or 0 for the horizon
  std::string label;       ///< "interval 08:30", "day 3", "the horizon"
  PeriodEstimate estimate;
  bool holds = true;       ///< the bound clears the target; true when no replication had contacts
};

/// The two KPIs staffing can target in one interval of the day, pooled over the days by offered
/// contacts (as the interval scope tests them).
struct IntervalKpis {
  PeriodEstimate service_level;  ///< bound: lower
  PeriodEstimate abandon_rate;   ///< bound: upper
};

struct StaffingPlan {
  std::string group;                 ///< the agent group whose headcount was sized
  std::vector<int> erlang_agents;    ///< the starting point, per interval of the day
  std::vector<int> agents;           ///< the answer, per interval of the day
  double erlang_agent_hours_per_day = 0.0;
  double agent_hours_per_day = 0.0;
  int evaluations = 0;               ///< staffings simulated
  experiment::ExperimentResult result;  ///< the simulation of the answer (interval detail)
  std::vector<IntervalKpis> interval_kpis;  ///< of `result`, per interval of the day
  std::vector<PeriodCheck> checks;          ///< check_targets(result, options)
};

/// The scenario with `group`'s headcount set to `agents` (one value when all are equal).
model::ScenarioSpec with_headcount(const model::ScenarioSpec& spec, const std::vector<int>& agents);

/// Whether every target holds in every period of the scope for this result.
bool targets_hold(const experiment::ExperimentResult& result, const SearchOptions& options);

/// Every target tested in every period of the scope, targets in order, then periods.
std::vector<PeriodCheck> check_targets(const experiment::ExperimentResult& result, const SearchOptions& options);

/// Service level and abandonment per interval of the day with their one-sided `confidence`
/// bounds (intervals_per_day values).
std::vector<IntervalKpis> interval_kpis(const experiment::ExperimentResult& result, double confidence);

/// Sizes the single agent group of a valid scenario without employee dynamics. Throws
/// std::invalid_argument when the scenario has several groups, employee dynamics, or the
/// targets do not fit it, and std::domain_error when the cap is reached with a target still
/// failing.
StaffingPlan search_staffing(const model::ScenarioSpec& spec, const SearchOptions& options);

}  // namespace txsim::staffing
