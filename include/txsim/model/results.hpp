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
  double measured_s = 0.0;         ///< length of the measured part of the period [s]

  PeriodCounters& operator+=(const PeriodCounters& o) noexcept;
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

  [[nodiscard]] int days() const noexcept {
    return static_cast<int>((intervals.size() + static_cast<std::size_t>(intervals_per_day) - 1) /
                            static_cast<std::size_t>(intervals_per_day));
  }
  [[nodiscard]] PeriodCounters day(int d) const;
  [[nodiscard]] PeriodCounters total() const;
  [[nodiscard]] stats::WaitHistogram total_waits() const;
};

}  // namespace txsim::model
