#pragma once
// Shift scheduling: how many agents to put on each allowed shift pattern so that every
// interval of a day has at least its required agents, at least paid hours. The classic
// set-covering formulation of Dantzig (1954), solved exactly as an integer programme with
// GLPK's branch-and-cut:
//
//   minimise  sum_j length_h_j x_j
//   subject to sum_j a_ij x_j >= r_i for every interval i,  x_j >= 0 integer,
//
// where a_ij is the fraction of interval i during which an agent on pattern j is on shift and
// not on a break (1 inside the shift, less where a break or the shift's start or end cuts the
// interval) and r_i the required agents. The day is cyclic: a shift running past midnight
// covers the first intervals of the same day, which is exact when consecutive days need the
// same early-morning staff and an approximation otherwise.

#include <string>
#include <vector>

#include "txsim/model/scenario.hpp"

namespace txsim::staffing {

/// A shift an agent may work.
struct ShiftPattern {
  double start_h = 8.0;                  ///< start time of day [h], [0, 24)
  double length_h = 8.0;                 ///< paid length including breaks [h], (0, 24]
  std::vector<model::BreakSpec> breaks;  ///< each inside the shift
};

/// "08:00+8h", with " breaks 2h/15m 4h/30m" when there are breaks.
std::string describe(const ShiftPattern& pattern);

/// The distinct patterns (start, length, breaks) of the scenario's shifts, in order of first
/// appearance. Empty when the scenario staffs by headcount only.
std::vector<ShiftPattern> shift_patterns(const model::ScenarioSpec& spec);

/// The scenario's shift patterns, checked before any simulation: that it has some, and that they
/// can cover every interval of the day in which the Erlang requirement needs agents. Throws
/// std::invalid_argument saying which (a scenario staffed by headcount only, or the interval no
/// pattern covers), for `staff --shifts` to refuse before its search.
std::vector<ShiftPattern> schedulable_shift_patterns(const model::ScenarioSpec& spec);

/// Fraction of each interval of the day (intervals_per_day values, in [0, 1]) during which an
/// agent on `pattern` is available.
std::vector<double> coverage(const ShiftPattern& pattern, double interval_minutes);

struct ShiftSchedule {
  std::vector<int> agents_per_pattern;  ///< in the order of the patterns given
  double paid_hours = 0.0;              ///< sum of agents x length_h
  std::vector<double> covered;          ///< available agents per interval, sum_j a_ij x_j
  std::vector<double> over_coverage;    ///< covered - required per interval, >= 0
};

/// The optimal schedule for one day's `required` agents per interval. Throws
/// std::invalid_argument when a pattern is malformed or an interval with demand is covered by
/// no pattern (naming the interval), and std::runtime_error if the solver fails.
ShiftSchedule schedule_shifts(const std::vector<int>& required, double interval_minutes,
                              const std::vector<ShiftPattern>& patterns);

/// The scenario with its single agent group staffed by `agents_per_pattern[j]` agents on
/// `patterns[j]` every day of the week (the schedule covers one day, the same every day), and
/// no headcount list. Patterns with no agents are left out. Throws std::invalid_argument when
/// the sizes differ or no pattern has agents.
model::ScenarioSpec with_shift_schedule(const model::ScenarioSpec& spec, const std::vector<ShiftPattern>& patterns,
                                        const std::vector<int>& agents_per_pattern);

}  // namespace txsim::staffing
