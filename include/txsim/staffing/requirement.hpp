#pragma once
// The analytic staffing requirement of a scenario: agents needed per weekday and interval so
// that the exact Erlang A (or C) formulas of txsim::analytic meet the planner's targets. It is
// the planner's quick answer and the starting point of the simulation search (search.hpp).
//
// The scenario is read as one pooled single-skill queue:
// - arrival rate of an interval = daily_volume x weekday factor x the interval's share of the
//   intraday profile / interval length (or the constant rate_per_hour); the day-level
//   busyness draw has mean 1 and leaves the expected rate unchanged; redials, balking,
//   self-service and a finite waiting room are not part of the formula;
// - mean service time = share-weighted mean of (handle time + after-call work) of the contact
//   types, times the agent groups' handle_time_multiplier weighted by their scheduled
//   agent-hours (the mean speed of the pool as staffed);
// - Erlang A when any contact type has a patience distribution, with the share-weighted mean
//   patience: exact when every patience is exponential, otherwise an approximation by an
//   exponential of the same mean (in many-server queues the patience acts mainly through its
//   density near zero, Zeltyn & Mandelbaum 2005, which is 1/mean only for the exponential);
//   Erlang C when nobody abandons.

#include <optional>
#include <string>
#include <vector>

#include "txsim/analytic/staffing.hpp"
#include "txsim/model/scenario.hpp"

namespace txsim::staffing {

/// What the planner asks of every interval. At least one of service_level and
/// max_abandon_rate is set.
struct RequirementTargets {
  /// Minimum fraction of offered contacts answered within threshold_s, [0, 1). Unset = none.
  std::optional<double> service_level;
  /// Maximum fraction of offered contacts that abandon, (0, 1]. Unset = none. Needs patience:
  /// under Erlang C nobody abandons, so the target is refused there.
  std::optional<double> max_abandon_rate;
  /// T in "answered within T seconds" [s], >= 0.
  double threshold_s = 20.0;
  /// Share of paid time agents are not available for contacts (breaks, meetings, absence),
  /// [0, 1). Scheduled agents = ceil(agents / (1 - shrinkage)). Default 0: no allowance.
  double shrinkage = 0.0;
  /// Highest acceptable occupancy (busy / available), (0, 1]. Default 1: no cap.
  double max_occupancy = 1.0;
};

/// The single queue the Erlang formulas see in a scenario.
struct Workload {
  analytic::QueueModel model = analytic::QueueModel::ErlangC;
  double mean_service_s = 0.0;   ///< handle time + after-call work [s], > 0
  double mean_patience_s = 0.0;  ///< [s]; +infinity under Erlang C
  std::string reason;            ///< why this model: one sentence for the planner
};

/// The requirement of one interval.
struct IntervalRequirement {
  /// The weekday; unset when demand is a constant rate and every day is the same.
  std::optional<model::Weekday> weekday;
  int interval = 0;                   ///< index within the day, [0, intervals per day)
  double arrival_rate_per_hour = 0.0;  ///< expected arrivals [contacts/hour], >= 0
  double offered_load_erlangs = 0.0;   ///< arrival rate x mean service time
  int agents = 0;     ///< fewest agents available for contacts meeting every target; 0 without demand
  int scheduled = 0;  ///< agents to schedule, ceil(agents / (1 - shrinkage))
  double service_level = 0.0;  ///< with `agents` (1 without demand)
  double abandon_rate = 0.0;   ///< with `agents`
  double occupancy = 0.0;      ///< with `agents`
};

struct Requirement {
  Workload workload;
  RequirementTargets targets;
  double interval_minutes = 30.0;
  int intervals_per_day = 48;
  /// Weekdays in order (Monday first), each intervals_per_day long; one day's worth when the
  /// demand is a constant rate.
  std::vector<IntervalRequirement> intervals;
};

/// The queue of a valid scenario (io::require_valid has passed). Throws std::invalid_argument
/// when the scenario has no agent time to weight speeds by and groups differ in speed.
Workload workload_of(const model::ScenarioSpec& spec);

/// Expected arrival rate [contacts/hour] of each interval of `weekday` (intervals_per_day
/// values).
std::vector<double> arrival_rates_per_hour(const model::ScenarioSpec& spec, model::Weekday weekday);

/// The Erlang requirement of every interval. Throws std::invalid_argument naming the target
/// when a target is out of range, none is given, or abandonment is asked of Erlang C; and
/// std::domain_error when an interval would need more than a million agents.
Requirement erlang_requirement(const model::ScenarioSpec& spec, const RequirementTargets& targets);

}  // namespace txsim::staffing
