#pragma once
// Hiring plans over months: the authorised headcount (seats on the rota) that keeps the targets
// in every month of the horizon at least total workforce cost, when fatigue, absence, attrition,
// the hiring pipeline and the learning curve respond to the load; and the same figures for the
// plan a planner makes with Erlang plus a fixed shrinkage and attrition rate.
//
// The decision. The model's requisition policy (workforce.hiring: replace or classes) keeps a
// fixed number of seats filled: a seat that falls vacant is recruited into, with the lead time,
// no-shows and training of the scenario. The plan chooses that number of seats N, spread over
// the scenario's shifts in proportion to their counts (the rota's shape is the planner's; the
// plan sizes it). Seats go to shifts by the D'Hondt divisor rule, which is house-monotone: one
// more seat never takes a seat from any shift, so coverage never falls as N grows. N equal to the
// scenario's total reproduces its shifts. The monthly hires are what the policy then does:
// reported per month, not chosen month by month (the model holds no month-varying seat target).
//
// The conventional plan: the planner's Erlang arithmetic with fixed rates. For a rota of N
// seats, each weekday's intervals get the exact Erlang A (or C) metrics (requirement.hpp's
// workload) of the agents the rota puts on the phones, times (1 - shrinkage) for absence and
// (1 - attrition x (lead time + training) / 365) for seats in the recruiting pipeline
// (fractional agents interpolate linearly); the week's service level and abandonment weight
// intervals by their arrivals, as a simulated month's do. N is the fewest seats whose predicted
// week meets every target, so the planner predicts every month to pass. Shrinkage and
// attrition are fixed: by default the scenario's absence probability and tenured attrition
// rate at zero strain. The planner expects N x attrition x 30 / 365 hires a month.
//
// The optimised plan: simulation optimisation over N with common random numbers (every N runs
// replications RunSeed{seed, r}, r < replications). A month meets a target when the one-sided
// Student t bound of its replication values clears it (as in search.hpp). From the conventional
// N, steps of 1, 2, 4, ... seats go down while every month meets every target (or up until they
// do); bisection then finds the least N that passes next to one that fails. From there N grows
// while the next N is cheaper in mean total cost over the same replications (a thin roster can
// cost more: overtime, quits and rehiring). The answer is the cheapest passing N of all those
// simulated, the conventional N included, so it never costs more than a conventional plan that
// passes. Stops there, or with std::domain_error when max_seats fails some month. The bisection
// assumes that more seats never make a month fail, which holds in expectation; with common
// random numbers it holds closely replication by replication.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "txsim/experiment/replications.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/staffing/search.hpp"

namespace txsim::staffing {

struct HiringPlanOptions {
  std::vector<KpiTarget> targets;  ///< at least one; each must hold in every month
  double confidence = 0.95;        ///< one-sided, (0.5, 1)
  std::uint64_t seed = 1;
  int replications = 4;            ///< >= 2
  int threads = 0;
  /// When set and read true, the search stops within about a second: the simulation it is running
  /// throws experiment::Cancelled, and no plan is returned.
  const std::atomic<bool>* stop = nullptr;
  int max_seats = 2000;            ///< most seats the search may try, >= 1
  /// The conventional planner's fixed absence shrinkage, [0, 1). Unset = the scenario's
  /// workforce.absence.daily_probability.
  std::optional<double> planner_shrinkage;
  /// The conventional planner's fixed annual attrition rate, [0, 1). Unset = the scenario's
  /// workforce.attrition.annual_rate.
  std::optional<double> planner_annual_attrition;
};

/// One 30-day month of a plan (the last month may be shorter), means over replications.
struct MonthOutcome {
  int month = 0;                      ///< 0-based; days [30 month, 30 month + days)
  int days = 30;
  double service_level = 0.0;         ///< fraction
  double abandon_rate = 0.0;          ///< fraction
  double annualised_attrition = 0.0;  ///< quits / mean employed x 365 / days
  double quits = 0.0;                 ///< agents
  double hires = 0.0;                 ///< agents who started (entered training)
  double employed = 0.0;              ///< mean headcount employed at the start of a day
  double on_phones = 0.0;             ///< mean headcount trained
  double absence_rate = 0.0;          ///< fraction of scheduled agent-days
  double cost = 0.0;                  ///< wage + hiring + training [currency]
  bool meets_targets = true;          ///< every target's one-sided bound clears it
};

struct PlanOutcome {
  int seats = 0;
  std::vector<int> shift_counts;  ///< agents per shift of the scenario, in its order
  std::vector<MonthOutcome> months;
  stats::Interval total_cost{};   ///< over the horizon, 95% CI over replications [currency]
  double service_level = 0.0;     ///< whole horizon
  double abandon_rate = 0.0;      ///< whole horizon
  double annualised_attrition = 0.0;
  double hires = 0.0;             ///< whole horizon
  /// Each month and target that fails: "service_level>=0.8 in month 3 (one-sided 95% bound 0.7712)".
  std::vector<std::string> failures;
  experiment::ExperimentResult result;
};

struct HiringPlan {
  std::string group;
  double planner_shrinkage = 0.0;
  double planner_annual_attrition = 0.0;
  double planner_pipeline_share = 0.0;   ///< attrition x (lead time + training) / 365
  double planner_hires_per_month = 0.0;  ///< the conventional planner's expectation
  PlanOutcome conventional;
  PlanOutcome optimised;
  /// optimised - conventional total cost, paired over the common replications, 95% CI.
  stats::Interval cost_difference{};
  int evaluations = 0;                    ///< rosters simulated
  std::vector<int> seats_tried;           ///< in the order simulated
};

/// The shift counts of a rota of `seats` seats shaped like the scenario's shifts (D'Hondt).
std::vector<int> apportion_seats(const std::vector<int>& template_counts, int seats);

/// The scenario with its single group's shift counts replaced.
model::ScenarioSpec with_shift_counts(const model::ScenarioSpec& spec, const std::vector<int>& counts);

/// The conventional planner's seats (see the file comment). Throws std::invalid_argument as
/// plan_hiring for an unsuitable scenario or options, naming the weekday and interval that no
/// shift covers, and std::domain_error when max_seats is not enough.
int conventional_seats(const model::ScenarioSpec& spec, const HiringPlanOptions& options);

/// Finds the plan. Checks everything before the first simulation: std::invalid_argument when the
/// scenario has no employee dynamics, hires no one (hiring.mode none), has several groups or a
/// group staffed by headcount, a horizon not in days, options out of range, or a rota that
/// leaves an interval with demand uncovered; std::domain_error when max_seats fails a month.
HiringPlan plan_hiring(const model::ScenarioSpec& spec, const HiringPlanOptions& options);

}  // namespace txsim::staffing
