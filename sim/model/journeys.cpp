// Customers with memory: a journey from the first contact about an issue to its resolution or
// to the customer giving up, through self-service and agents. docs/MODEL.md, "Customers and
// channels", gives the equations; this file decides when they apply.

#include <algorithm>
#include <cmath>

#include "detail/contact_centre.hpp"

namespace txsim::model::detail {

namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

std::uint32_t ContactCentre::start_journey(std::uint16_t type, std::uint64_t key) {
  std::uint32_t id;
  if (free_customers_.empty()) {
    id = static_cast<std::uint32_t>(customer_pool_.size());
    customer_pool_.emplace_back();
  } else {
    id = free_customers_.back();
    free_customers_.pop_back();
  }
  Customer& c = customer_pool_[id];
  c = Customer{};
  c.key = key;
  c.type = type;
  c.measured = measuring_;
  c.open = true;
  if (c.measured) count(current_interval_, type, [](PeriodCounters& k) { ++k.journeys_started; });
  const auto& segments = customers_->channels.segments;
  const double u = rng::keyed_uniform<"segment">(key, 0);
  double cumulative = 0.0;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    cumulative += segments[s].share;
    if (u < cumulative || s + 1 == segments.size()) {
      c.segment = static_cast<std::uint8_t>(s);
      break;
    }
  }
  return id;
}

// The wait a customer is told (or would expect) before choosing a channel: the queue ahead
// served by the agents available, at the mean handle time.
double ContactCentre::announced_wait_s() const noexcept {
  return static_cast<double>(waiting_) * mean_handle_s_ / std::max(1.0, static_cast<double>(available_));
}

// Binary logit between self-service and an agent (McFadden 1974). In forced mode eligible
// customers go to self-service anyway; `forced_against_choice` says whether they would have
// chosen an agent, which frustrates them.
bool ContactCentre::chooses_self_service(const Customer& c, bool& forced_against_choice) const {
  forced_against_choice = false;
  const ChannelSpec& ch = customers_->channels;
  const TypeRuntime& type = types_[c.type];
  if (ch.mode == ChannelMode::None) return false;
  if (rng::keyed_uniform<"eligible">(c.key, 0) >= type.digital_eligible_share) return false;
  const double preference = ch.segments.empty() ? 0.0 : ch.segments[c.segment].digital_preference;
  const double agent_utility = ch.agent_effort_utility - ch.wait_sensitivity_per_minute * announced_wait_s() / 60.0;
  const double p_digital = logistic(preference - agent_utility);
  const bool wants_digital = rng::keyed_uniform<"channel">(c.key, c.contacts) < p_digital;
  if (ch.mode == ChannelMode::Forced) {
    forced_against_choice = !wants_digital;
    return true;
  }
  return wants_digital;
}

void ContactCentre::on_journey_contact(std::uint32_t id, bool agent_only) {
  Customer& c = customer_pool_[id];
  const FrustrationSpec& f = customers_->frustration;
  bool forced = false;
  if (!agent_only && chooses_self_service(c, forced)) {
    const TypeRuntime& type = types_[c.type];
    c.frustration += forced ? f.per_forced_channel : 0.0;
    c.switches += c.last_channel == 1 ? 1 : 0;
    c.last_channel = 2;
    // Customers pushed in against their choice succeed less often (they are the ones for whom
    // the app or site is harder).
    const double p_success =
        type.digital_success_probability * (forced ? customers_->channels.forced_success_multiplier : 1.0);
    const bool success = rng::keyed_uniform<"self-service">(c.key, c.contacts) < p_success;
    ++c.contacts;
    if (measuring_) {
      count(current_interval_, c.type, [&](PeriodCounters& k) {
        ++k.digital_attempts;
        k.digital_successes += success ? 1 : 0;
        k.digital_cost += type.digital_cost;
      });
    }
    if (success) {
      end_journey(id, true);
      return;
    }
    // A failed attempt: the customer comes to an agent once done with the app or web site.
    c.frustration += f.per_failed_self_service;
    ++pending_redials_;
    sched_.schedule_in(type.digital_time_s, kJourneyContact, id, 1);
    return;
  }
  agent_attempt(id, c.answered > 0);
}

void ContactCentre::agent_attempt(std::uint32_t id, bool repeat) {
  Customer& c = customer_pool_[id];
  c.switches += c.last_channel == 2 ? 1 : 0;
  c.last_channel = 1;
  Attempt attempt = types_[c.type].draw_keyed(c.type, c.key, c.contacts, false, repeat);
  ++c.contacts;
  attempt.customer = id;
  offer(attempt);
}

// After an agent contact: resolved issues end the journey; otherwise the customer may come back
// (failure demand) after a delay, more frustrated, or give up.
void ContactCentre::after_agent_contact(std::uint32_t id, bool resolved) {
  if (resolved) {
    end_journey(id, true);
    return;
  }
  Customer& c = customer_pool_[id];
  const CustomerSpec& cs = *customers_;
  if (rng::keyed_uniform<"repeat">(c.key, c.contacts) >= cs.repeat_probability) {
    end_journey(id, false);
    return;
  }
  c.frustration += cs.frustration.per_repeat_contact;
  const double delay_s = -cs.repeat_delay_mean_days * 86400.0 * std::log(1.0 - rng::keyed_uniform<"repeat-delay">(c.key, c.contacts));
  sched_.schedule_at(repeat_contact_time(sched_.now() + delay_s, rng::keyed_uniform<"repeat-time">(c.key, c.contacts)),
                     kJourneyContact, id, 0);
  ++pending_redials_;
}

// Customers come back when the centre takes calls: on the day the delay ends, at a time of day
// drawn from the intraday profile (the next day if that time has passed). A constant-rate
// scenario has no hours, so the delay is used as it is.
double ContactCentre::repeat_contact_time(double target_s, double u) const noexcept {
  if (spec_.demand.rate_per_hour) return target_s;
  double day_start = std::floor(target_s / kSecondsPerDay) * kSecondsPerDay;
  double time_of_day = 0.0;
  if (!open_intervals_.empty()) {
    // The first open interval whose cumulative share reaches u; the last one takes whatever
    // rounding leaves above the sum.
    const auto reached = std::lower_bound(open_interval_ends_.begin(), open_interval_ends_.end(), u);
    const auto k = std::min(static_cast<std::size_t>(reached - open_interval_ends_.begin()), open_intervals_.size() - 1);
    const OpenInterval& open = open_intervals_[k];
    time_of_day = (open.index + std::clamp((u - open.share_before) / open.share, 0.0, 1.0)) * interval_s_;
  }
  if (day_start + time_of_day < sched_.now()) day_start += kSecondsPerDay;
  return day_start + time_of_day;
}

// Satisfaction is a logistic function of the journey (resolution, contacts, frustration, the
// fatigue of the agents met); churn mixes the satisfied and dissatisfied churn probabilities.
void ContactCentre::end_journey(std::uint32_t id, bool resolved) {
  Customer& c = customer_pool_[id];
  const SatisfactionSpec& s = customers_->satisfaction;
  const double mean_fatigue = c.answered > 0 ? c.agent_fatigue_sum / c.answered : 0.0;
  const double satisfied = logistic(s.intercept - (resolved ? 0.0 : s.unresolved_penalty) -
                                    s.per_extra_contact * (static_cast<double>(c.contacts) - 1.0) -
                                    s.per_frustration * c.frustration - s.per_agent_fatigue * mean_fatigue);
  const double churn = satisfied * s.churn_if_satisfied + (1.0 - satisfied) * s.churn_if_dissatisfied;
  if (c.measured) {
    count(current_interval_, c.type, [&](PeriodCounters& k) {
      ++k.journeys_ended;
      k.journeys_resolved += resolved ? 1 : 0;
      k.resolved_first_contact += resolved && c.contacts == 1 ? 1 : 0;
      k.journey_contacts += c.contacts;
      k.journey_switches += c.switches;
      k.satisfaction_sum += satisfied;
      k.churn_sum += churn;
      k.revenue_at_risk += churn * s.customer_value;
      k.frustration_sum += c.frustration;
    });
  }
  c.open = false;
  free_customers_.push_back(id);
}

}  // namespace txsim::model::detail
