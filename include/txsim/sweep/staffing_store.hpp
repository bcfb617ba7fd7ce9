#pragma once
// The result store of a staffing study (`txsim staff ... --store FILE`): one SQLite file with the
// sweep store's conventions (result_store.hpp) but a kind of its own, "txsim staffing results",
// and its own schema version. A staffing run finishes all at once, so the whole store is
// written in one transaction under the name FILE.creating and renamed to FILE when committed:
// a run killed at any moment leaves no FILE, or the FILE of an earlier run untouched. WAL mode
// under the final name, as every store. Tables and columns are documented in README.md
// ("Staffing result store"); undefined values (a KPI of an interval without contacts, the bound
// of fewer than two replications) are NULL.
//
//   meta(key, value)               schema_version, kind
//   study(analysis, scenario_name, scenario_file, scenario_text, scenario_sha256,
//         txsim_version, command_line, group_name, targets, per, test, confidence, seed,
//         replications, max_agents, max_seats, planner_shrinkage, planner_attrition)
//                                  one row; analysis "staff", "staff --shifts" or
//                                  "staff --hiring-plan"; targets joined by ", "; the caps and
//                                  planner rates NULL where they do not apply or were not given
//   staffing_summary(evaluations, interval_minutes, agent_hours_per_day,
//                    erlang_agent_hours_per_day, service_level, service_level_lo,
//                    service_level_hi, abandon_rate, abandon_rate_lo, abandon_rate_hi,
//                    shift_paid_hours_per_day)
//                                  one row: the answer over the horizon with 95% CIs; paid
//                                  hours NULL without --shifts
//   staffing_intervals(interval, start, erlang_agents, agents, difference, service_level,
//                      service_level_lower_bound, service_level_n, abandon_rate,
//                      abandon_rate_upper_bound, abandon_rate_n)   per interval of the day
//                                  (StaffingPlan::interval_kpis)
//   staffing_checks(target, target_text, period, period_label, n, mean, bound, holds)
//                                  each target in each period of the scope (StaffingPlan::checks)
//   shift_counts(pattern, description, start_h, length_h, agents, paid_hours)   --shifts
//   shift_coverage(interval, start, required, covered, over_coverage)           --shifts
//   hiring_summary(planner_shrinkage, planner_annual_attrition, planner_pipeline_share,
//                  planner_hires_per_month, evaluations, currency, cost_difference,
//                  cost_difference_lo, cost_difference_hi)   --hiring-plan, one row
//   hiring_plans(plan, seats, total_cost, total_cost_lo, total_cost_hi, service_level,
//                abandon_rate, annualised_attrition, hires, failing_months)
//                                  plan "conventional" or "optimised"
//   hiring_plan_shifts(plan, shift, description, agents)
//   hiring_months(plan, month, days, service_level, abandon_rate, annualised_attrition, quits,
//                 hires, employed, on_phones, absence_rate, cost, meets_targets)
//                                  MonthOutcome; month from 1, as printed
//   hiring_failures(plan, failure, text)
//   hiring_seats_tried(evaluation, seats)
//   sessions(session, started_at, command_line, threads, ranks)   the run that wrote it
//
// Every store has every table; those of the other analyses are empty.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "txsim/staffing/hiring_plan.hpp"
#include "txsim/staffing/search.hpp"
#include "txsim/staffing/shift_schedule.hpp"

namespace txsim::sweep {

/// Bumped whenever a table or column of the staffing store changes; a store of another version
/// is refused.
inline constexpr int kStaffingStoreSchemaVersion = 1;

/// What identifies a staffing study: a store is replaced only by a run of the same study.
struct StaffingStudy {
  std::string analysis;         ///< "staff", "staff --shifts" or "staff --hiring-plan"
  std::string scenario_name;
  std::string scenario_file;    ///< as given; not part of the identity
  std::string scenario_text;    ///< resolved YAML (every default and --set explicit)
  std::string scenario_sha256;  ///< of scenario_text
  std::string txsim_version;
  std::string command_line;     ///< not part of the identity
  std::vector<staffing::KpiTarget> targets;
  std::string per;              ///< interval, day or horizon; "month" for hiring plans
  double confidence = 0.95;
  std::uint64_t seed = 1;
  int replications = 10;
  std::optional<int> max_agents;  ///< staff: the cap per interval
  std::optional<int> max_seats;   ///< hiring plans: the cap on seats
  std::optional<double> planner_shrinkage;  ///< hiring plans: as given; unset = the scenario's
  std::optional<double> planner_attrition;  ///< hiring plans: as given; unset = the scenario's
};

/// The study of an interval staffing (`shifts` false) or shift schedule search.
StaffingStudy staffing_study(const staffing::SearchOptions& options, bool shifts, std::string scenario_name,
                             std::string scenario_file, std::string scenario_text, std::string scenario_sha256,
                             std::string command_line);

/// The study of a hiring plan search.
StaffingStudy hiring_plan_study(const staffing::HiringPlanOptions& options, std::string scenario_name,
                                std::string scenario_file, std::string scenario_text, std::string scenario_sha256,
                                std::string command_line);

/// Checks, before a long run, that `file` may receive this study's store: true when it holds a
/// staffing store of the same study (which writing replaces in one rename), false when it does
/// not exist. Throws std::runtime_error naming the file and what it is otherwise: not a txsim
/// store, a sweep store, another schema version, or another study (naming the first difference).
bool check_staffing_store(const std::filesystem::path& file, const StaffingStudy& study);

/// A shift schedule and the patterns it counts agents on.
struct ShiftResults {
  const std::vector<staffing::ShiftPattern>& patterns;
  const staffing::ShiftSchedule& schedule;
};

/// Writes the store of an interval staffing, with its shift schedule when `shifts` is given
/// (check_staffing_store first; throws as it does). `threads` goes into `sessions`.
void write_staffing_store(const std::filesystem::path& file, const StaffingStudy& study,
                          const staffing::StaffingPlan& plan, double interval_minutes,
                          const std::optional<ShiftResults>& shifts, int threads);

/// Writes the store of a hiring plan; `shift_labels` describe the scenario's shifts in order.
void write_staffing_store(const std::filesystem::path& file, const StaffingStudy& study,
                          const staffing::HiringPlan& plan, const std::string& currency,
                          const std::vector<std::string>& shift_labels, int threads);

/// Whether `file` is a txsim staffing store (of any schema version). False for a sweep store;
/// throws std::runtime_error when the file is missing or not a txsim store.
bool is_staffing_store(const std::filesystem::path& file);

/// One value of a stored table: NULL, an integer, a real or a text.
using StoredValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A table as stored, rows in key order.
struct StoredTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;  ///< the leading columns that identify a row; empty in one-row tables
  std::vector<std::vector<StoredValue>> rows;
};

/// The tables of a staffing store that its analysis fills, in the order of the file comment
/// (study first, sessions last; meta left out). Throws std::runtime_error when the file is not a
/// staffing store of this schema version.
std::vector<StoredTable> read_staffing_store(const std::filesystem::path& file);

}  // namespace txsim::sweep
