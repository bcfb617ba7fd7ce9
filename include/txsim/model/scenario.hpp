#pragma once
// ScenarioSpec: the contact centre a run simulates, as plain data (what is done to it, policies
// and scoring, belongs to the study: experiment::StudySpec).
//
// The io layer fills it from YAML (with source locations for diagnostics); tests and the
// Python module may fill it directly. validate() reports every semantic problem at once as
// (key path, message) pairs whose key paths are the scenario-file paths, so that the io layer
// can point each at its line and column. Field comments give unit, default and valid range;
// docs/MODEL.md gives the meaning and sources.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "txsim/model/customers.hpp"
#include "txsim/model/workforce.hpp"
#include "txsim/rng/distribution.hpp"

namespace txsim::model {

enum class Weekday : std::uint8_t { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };
inline constexpr int kDaysPerWeek = 7;

/// A reason for contact: its share of demand, how long it takes, how long its callers wait.
struct ContactTypeSpec {
  std::string name;           ///< identifier used in skills and outputs; unique, non-empty
  double share = 1.0;         ///< share of demand [0, 1]; shares of all types sum to 1
  int priority = 0;           ///< higher is served first; ties go to the longest-waiting contact
  rng::Distribution handle_time = rng::Distribution::exponential(300.0);  ///< talk time [s]
  rng::Distribution after_call_work = rng::Distribution::deterministic(0.0);  ///< wrap-up [s]
  rng::Distribution patience = rng::Distribution::none();  ///< time a caller waits before abandoning [s]
  double balk_probability = 0.0;    ///< P(leave at once | all agents busy) [0, 1]
  double redial_probability = 0.0;  ///< P(try again | abandoned, balked or blocked) [0, 1)
  rng::Distribution redial_delay = rng::Distribution::exponential(600.0);  ///< time to retry [s]
  /// Emotional load of talking to this type, relative to an average contact (fatigue), >= 0.
  double emotional_load = 1.0;
  /// Probability that a proficient, rested agent resolves the issue on this contact, [0, 1].
  double resolution_probability = 0.75;
  /// How much the issue needs judgement rather than a script, [0, 1] (scripting lever).
  double complexity = 0.5;
  /// Share of this type's demand that fixing its root cause would remove, [0, 1].
  double avoidable_share = 0.0;
  /// Share of this type's first contacts removed (set by the root_cause_fix lever), [0, avoidable_share].
  double demand_removed_share = 0.0;
  /// Months over which the removal phases in [30-day months from the start of the run], >= 0:
  /// month m removes demand_removed_share x min(1, (m + 1) / this); 0 = the whole share from day 0.
  double demand_removed_ramp_months = 0.0;
  /// Share of these issues that self-service can handle, [0, 1].
  double digital_eligible_share = 0.0;
  /// Probability that a self-service attempt resolves an eligible issue, [0, 1].
  double digital_success_probability = 0.4;
  /// Cost of a self-service transaction [currency], >= 0.
  double digital_cost = 0.5;
  /// Time a customer spends in self-service before success or giving up on it [s], >= 0.
  double digital_time_s = 240.0;
};

/// Arrival volumes. Either a constant rate (steady-state studies) or a daily volume spread over
/// the day by an intraday profile.
struct DemandSpec {
  /// Constant total arrival rate [contacts/hour], > 0; used when set, else daily_volume.
  std::optional<double> rate_per_hour;
  /// Contacts on a day whose weekday factor is 1 [contacts/day], > 0; a day's expected volume is
  /// daily_volume x its weekday factor (factors are not normalised) x its busyness draw.
  double daily_volume = 0.0;
  /// Relative volume of each interval of the day (length = intervals per day, weights >= 0 with
  /// a positive sum; normalised). Empty = flat over 24 hours.
  std::vector<double> intraday_profile;
  /// Volume multiplier per weekday (Monday first), each >= 0. Default 1.
  std::array<double, kDaysPerWeek> day_of_week_factors{1, 1, 1, 1, 1, 1, 1};
  /// Shape a of the day-level busyness multiplier Gamma(a, 1/a) (mean 1, cv 1/sqrt(a)); 0 = none.
  double busyness_shape = 0.0;
};

/// A break within a shift.
struct BreakSpec {
  double start_after_h = 2.0;  ///< offset from shift start [h], >= 0, < shift length
  double duration_min = 15.0;  ///< [min], > 0
};

/// `count` agents who work the same hours on the given weekdays.
struct ShiftSpec {
  double start_h = 8.0;   ///< start time of day [h], [0, 24)
  double length_h = 8.0;  ///< paid length including breaks [h], (0, 24]
  int count = 1;          ///< agents on this shift, >= 0
  std::array<bool, kDaysPerWeek> weekdays{true, true, true, true, true, true, true};
  std::vector<BreakSpec> breaks;
};

/// A team of interchangeable agents sharing skills and a staffing pattern. Staffing is given
/// either as headcount per interval (agents log on and off at interval boundaries) or as shifts.
struct AgentGroupSpec {
  std::string name;                 ///< unique, non-empty
  std::vector<std::string> skills;  ///< contact types served; empty = all
  /// Headcount per interval of the day (length 1 = all day, or intervals per day), each >= 0.
  std::vector<int> headcount;
  std::vector<ShiftSpec> shifts;  ///< alternative to headcount
  double handle_time_multiplier = 1.0;     ///< scales handle time and wrap-up of the group, > 0
  double handle_time_multiplier_cv = 0.0;  ///< per-agent lognormal spread of the multiplier, >= 0
};

/// How long a run lasts and which part is measured.
struct HorizonSpec {
  std::optional<double> days;                ///< length [days], > 0
  std::optional<double> hours;               ///< length [h], > 0 (alternative to days)
  std::optional<std::uint64_t> arrivals;     ///< stop after this many first attempts, then drain
  double warmup_hours = 0.0;                 ///< excluded from statistics [h], >= 0
  Weekday start_weekday = Weekday::Monday;  ///< weekday of day 0
};

struct QueueSpec {
  /// Waiting-room limit: contacts that find this many waiting are blocked. Absent = unlimited.
  std::optional<int> capacity;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  /// ISO 4217 code of the unit every cost and revenue figure is given in; labels only.
  std::string currency = "EUR";
  double interval_minutes = 30.0;           ///< reporting and staffing interval: 15, 30 or 60
  double service_level_threshold_s = 20.0;  ///< T in "answered within T seconds", >= 0
  HorizonSpec horizon;
  DemandSpec demand;
  std::vector<ContactTypeSpec> contact_types;
  QueueSpec queue;
  std::vector<AgentGroupSpec> agent_groups;
  /// Employee dynamics; absent = a fixed roster that never tires, falls ill or leaves.
  std::optional<WorkforceSpec> workforce;
  /// Customers with memory and channels; absent = each attempt is independent.
  std::optional<CustomerSpec> customers;

  [[nodiscard]] int intervals_per_day() const noexcept {
    return static_cast<int>(24.0 * 60.0 / interval_minutes + 0.5);
  }
  [[nodiscard]] double interval_s() const noexcept { return interval_minutes * 60.0; }
};

/// One semantic problem, located by its scenario key path (e.g. "contact_types.billing.share").
struct SpecIssue {
  std::string key_path;
  std::string message;  ///< what was expected and what was found
};

/// Every semantic problem of `spec` (ranges, cross-field consistency), in key-path order of
/// discovery. Empty means the spec can be simulated.
std::vector<SpecIssue> validate(const ScenarioSpec& spec);

/// Short name of a weekday ("monday").
const char* to_string(Weekday day) noexcept;

}  // namespace txsim::model
