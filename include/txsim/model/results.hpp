#pragma once
// What one simulation run measures, as additive counters per reporting interval. Days and the
// whole run are sums of intervals, so every KPI at every scope is derived by one function
// (kpi.hpp) from the same counters.
//
// Attribution: contact outcomes (offered, answered, waits, handle time) count in the interval
// in which the attempt arrived, the usual convention of workforce-management reports; agent
// and queue time integrals count in the interval in which the time passes. Only the measured
// window is counted: after warm-up and, in arrival-count runs, time integrals stop at the last
// arrival (the drain is not steady state) while the contacts that arrived are followed to the end.

#include <array>
#include <cstdint>
#include <vector>

#include "txsim/stats/wait_histogram.hpp"

namespace txsim::model {

struct PeriodCounters {
  std::uint64_t offered = 0;     ///< attempts that arrived, first attempts and redials
  std::uint64_t redials = 0;     ///< of which redials
  std::uint64_t answered = 0;    ///< reached an agent
  std::uint64_t abandoned = 0;   ///< left before being answered, balks included
  std::uint64_t balked = 0;      ///< of which left at once on finding all agents busy
  std::uint64_t blocked = 0;     ///< turned away by a full waiting room
  std::uint64_t answered_within_threshold = 0;   ///< answered with wait <= T
  std::uint64_t abandoned_within_threshold = 0;  ///< abandoned with wait <= T
  double wait_answered_s = 0.0;    ///< sum of waits of answered contacts [s]
  double wait_abandoned_s = 0.0;   ///< sum of times to abandon [s]
  double handle_s = 0.0;           ///< sum of handle times (talk + after-call work) of answered [s]
  double busy_agent_s = 0.0;       ///< agent-seconds handling contacts (talk or wrap-up)
  double available_agent_s = 0.0;  ///< agent-seconds logged in and not on a break
  double staffed_agent_s = 0.0;    ///< agent-seconds logged in: on shift with breaks, plus any overrun to finish a contact
  double waiting_contact_s = 0.0;  ///< contact-seconds in queue (area under queue length)
  double resolution_probability_sum = 0.0;  ///< sum over answered contacts of P(resolved), see workforce effects
  // Customer journeys (with a customers section), counted in the interval in which the journey
  // ended or the self-service attempt was made.
  std::uint64_t journeys_started = 0;       ///< issues raised (first contacts not removed by root-cause fixes)
  std::uint64_t journeys_ended = 0;         ///< issues resolved or given up
  std::uint64_t journeys_resolved = 0;      ///< of which resolved (by an agent or self-service)
  std::uint64_t resolved_first_contact = 0; ///< resolved at the journey's first contact
  std::uint64_t journey_contacts = 0;       ///< contacts of ended journeys (agent attempts and self-service)
  std::uint64_t journey_switches = 0;       ///< channel switches of ended journeys
  std::uint64_t repeat_contacts = 0;        ///< offered attempts that repeat an unresolved issue (failure demand)
  std::uint64_t removed_contacts = 0;       ///< first contacts prevented by root-cause fixes
  std::uint64_t digital_attempts = 0;       ///< self-service attempts
  std::uint64_t digital_successes = 0;      ///< of which resolved the issue
  double digital_cost = 0.0;                ///< [currency]
  double satisfaction_sum = 0.0;            ///< sum over ended journeys of P(satisfied)
  double churn_sum = 0.0;                   ///< sum over ended journeys of P(churn)
  double revenue_at_risk = 0.0;             ///< sum over ended journeys of P(churn) x customer value
  double frustration_sum = 0.0;             ///< sum over ended journeys of frustration at the end
  double measured_s = 0.0;         ///< length of the measured part of the period [s]

  PeriodCounters& operator+=(const PeriodCounters& o) noexcept;
};

/// Employee outcomes of one day (or, summed, of a period); kept only with employee dynamics.
/// Stocks are counted at the start of the day after quits, starts and absence are settled, and
/// summed over days (agent-days); flows count events of the day.
struct WorkforceCounters {
  static constexpr std::size_t kFatigueBins = 100;  ///< fatigue histogram bins of width 0.01

  std::uint32_t days = 0;         ///< days summed
  double employed = 0.0;          ///< agent-days employed (in training or on the phones)
  double in_training = 0.0;       ///< agent-days in training
  double on_phones = 0.0;         ///< agent-days trained
  double scheduled = 0.0;         ///< agent-days on the phones with a shift (or headcount seat) that day
  double absent = 0.0;            ///< of which absent (unplanned)
  double tenure_under_90 = 0.0;   ///< agent-days employed with tenure < 90 days
  double strain = 0.0;            ///< sum of strain over employed agent-days
  double burnout = 0.0;           ///< agent-days with strain above the burnout threshold
  double learning_multiplier = 0.0;  ///< sum over on-phones agent-days of the learning handle-time multiplier
  std::uint64_t requisitions = 0; ///< requisitions opened
  std::uint64_t starts = 0;       ///< hires who started (entered training)
  std::uint64_t no_shows = 0;     ///< accepted candidates who did not start
  std::uint64_t quits = 0;        ///< agents who left
  std::uint64_t stints = 0;       ///< shifts (log-on to log-off) ended
  double fatigue_at_end = 0.0;    ///< sum of fatigue at the end of those stints
  std::array<std::uint32_t, kFatigueBins> fatigue_histogram{};  ///< of fatigue at stint end
  double paid_hours = 0.0;        ///< logged-in hours (breaks, overruns) plus training hours
  double training_hours = 0.0;    ///< of which training
  double overtime_hours = 0.0;    ///< logged-in hours past the end of a shift or stint
  double wage_cost = 0.0;         ///< paid_hours x wage [currency]
  double hiring_cost = 0.0;       ///< starts x hiring cost [currency]
  double training_cost = 0.0;     ///< starts x training cost [currency]

  WorkforceCounters& operator+=(const WorkforceCounters& o) noexcept;
};

enum class ExitCause : std::uint8_t { None, Quit };

/// One agent's life in a run (initial agents and hires).
struct AgentRecord {
  std::uint32_t group = 0;
  std::uint32_t seat = 0;
  bool initial = true;           ///< on the roster at the start (tenure drawn), not hired
  int hire_day = 0;              ///< first day employed; negative for initial agents (day 0 - tenure)
  int phones_day = 0;            ///< first day on the phones after training
  int exit_day = -1;             ///< day the agent left; -1 = still employed at the end
  ExitCause exit_cause = ExitCause::None;
  std::uint64_t contacts_handled = 0;
  double logged_in_s = 0.0;      ///< time logged in
  double fatigue_integral = 0.0; ///< integral of fatigue over logged-in time [s]
  int days_worked = 0;
  int days_absent = 0;
  double strain = 0.0;           ///< at exit or at the end of the run

  [[nodiscard]] double mean_fatigue() const noexcept {
    return logged_in_s > 0.0 ? fatigue_integral / logged_in_s : 0.0;
  }
};

struct RunResult {
  double interval_s = 1800.0;   ///< length of a reporting interval [s]
  int intervals_per_day = 48;
  double warmup_s = 0.0;        ///< statistics start [s]
  double end_s = 0.0;           ///< when the run stopped [s]
  std::vector<PeriodCounters> intervals;         ///< index = interval number since time 0
  std::vector<stats::WaitHistogram> day_waits;   ///< waits of answered contacts, per day
  /// Whole-run contact outcomes per contact type (spec order). Agent-time fields stay 0: agents
  /// are shared between types; waiting_contact_s and measured_s are kept per type.
  std::vector<PeriodCounters> type_totals;
  /// Measured attempts still waiting for an agent when the run stopped. Attempts being served
  /// are already counted as answered, so offered = answered + abandoned + blocked + waiting_at_end.
  std::uint64_t waiting_at_end = 0;
  std::uint64_t pending_redials_at_end = 0;  ///< redials scheduled after the end
  std::uint64_t events = 0;            ///< events processed (for throughput figures)
  bool cancelled = false;              ///< the run was stopped early (RunControl::stop): partial
  std::vector<WorkforceCounters> workforce_days;  ///< per day; empty without employee dynamics
  std::vector<AgentRecord> agents;                ///< every agent; empty without employee dynamics
  std::uint64_t requisitions_open_at_end = 0;     ///< hires still in the pipeline when the run stopped
  /// Measured journeys still open when the run stopped: started = ended + open.
  std::uint64_t journeys_open_at_end = 0;

  [[nodiscard]] int days() const noexcept {
    return static_cast<int>((intervals.size() + static_cast<std::size_t>(intervals_per_day) - 1) /
                            static_cast<std::size_t>(intervals_per_day));
  }
  [[nodiscard]] PeriodCounters day(int d) const;
  [[nodiscard]] PeriodCounters total() const;
  [[nodiscard]] stats::WaitHistogram total_waits() const;
};

}  // namespace txsim::model
