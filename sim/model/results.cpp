#include "txsim/model/results.hpp"

#include <algorithm>

namespace txsim::model {

PeriodCounters& PeriodCounters::operator+=(const PeriodCounters& o) noexcept {
  offered += o.offered;
  redials += o.redials;
  answered += o.answered;
  abandoned += o.abandoned;
  balked += o.balked;
  blocked += o.blocked;
  answered_within_threshold += o.answered_within_threshold;
  abandoned_within_threshold += o.abandoned_within_threshold;
  wait_answered_s += o.wait_answered_s;
  wait_abandoned_s += o.wait_abandoned_s;
  handle_s += o.handle_s;
  busy_agent_s += o.busy_agent_s;
  available_agent_s += o.available_agent_s;
  staffed_agent_s += o.staffed_agent_s;
  waiting_contact_s += o.waiting_contact_s;
  measured_s += o.measured_s;
  resolution_probability_sum += o.resolution_probability_sum;
  journeys_started += o.journeys_started;
  journeys_ended += o.journeys_ended;
  journeys_resolved += o.journeys_resolved;
  resolved_first_contact += o.resolved_first_contact;
  journey_contacts += o.journey_contacts;
  journey_switches += o.journey_switches;
  repeat_contacts += o.repeat_contacts;
  removed_contacts += o.removed_contacts;
  digital_attempts += o.digital_attempts;
  digital_successes += o.digital_successes;
  digital_cost += o.digital_cost;
  satisfaction_sum += o.satisfaction_sum;
  churn_sum += o.churn_sum;
  revenue_at_risk += o.revenue_at_risk;
  frustration_sum += o.frustration_sum;
  return *this;
}

WorkforceCounters& WorkforceCounters::operator+=(const WorkforceCounters& o) noexcept {
  days += o.days;
  employed += o.employed;
  in_training += o.in_training;
  on_phones += o.on_phones;
  scheduled += o.scheduled;
  absent += o.absent;
  tenure_under_90 += o.tenure_under_90;
  strain += o.strain;
  burnout += o.burnout;
  learning_multiplier += o.learning_multiplier;
  requisitions += o.requisitions;
  starts += o.starts;
  no_shows += o.no_shows;
  quits += o.quits;
  stints += o.stints;
  fatigue_at_end += o.fatigue_at_end;
  for (std::size_t i = 0; i < kFatigueBins; ++i) fatigue_histogram[i] += o.fatigue_histogram[i];
  paid_hours += o.paid_hours;
  training_hours += o.training_hours;
  overtime_hours += o.overtime_hours;
  wage_cost += o.wage_cost;
  hiring_cost += o.hiring_cost;
  training_cost += o.training_cost;
  return *this;
}

PeriodCounters RunResult::day(int d) const {
  PeriodCounters sum;
  const auto first = static_cast<std::size_t>(d) * static_cast<std::size_t>(intervals_per_day);
  const auto last = std::min(intervals.size(), first + static_cast<std::size_t>(intervals_per_day));
  for (std::size_t i = first; i < last; ++i) sum += intervals[i];
  return sum;
}

PeriodCounters RunResult::total() const {
  PeriodCounters sum;
  for (const auto& c : intervals) sum += c;
  return sum;
}

stats::WaitHistogram RunResult::total_waits() const {
  stats::WaitHistogram all;
  for (const auto& h : day_waits) all.merge(h);
  return all;
}

}  // namespace txsim::model
