// The contact-centre model on top of the event kernel: arrivals, queues, routing, agents,
// shifts and breaks, and the counters that results.hpp describes. Employee dynamics are in
// workforce_runtime.cpp. docs/MODEL.md states every mechanism; comments here say why the code
// is shaped the way it is.

#include <boost/random/gamma_distribution.hpp>

#include "detail/contact_centre.hpp"
#include "txsim/model/simulate.hpp"

namespace txsim::model {
namespace detail {

ContactCentre::ContactCentre(const ScenarioSpec& spec, rng::RunSeed seed)
    : spec_(spec),
      seed_(seed),
      interval_s_(spec.interval_s()),
      intervals_per_day_(spec.intervals_per_day()),
      horizon_s_(kInfinity),
      arrival_limit_(std::numeric_limits<std::uint64_t>::max()) {
  const HorizonSpec& h = spec.horizon;
  if (h.days) horizon_s_ = *h.days * kSecondsPerDay;
  if (h.hours) horizon_s_ = *h.hours * 3600.0;
  if (h.arrivals) arrival_limit_ = *h.arrivals;

  result_.interval_s = interval_s_;
  result_.intervals_per_day = intervals_per_day_;
  result_.warmup_s = h.warmup_hours * 3600.0;

  const auto& profile = spec.demand.intraday_profile;
  profile_share_.assign(static_cast<std::size_t>(intervals_per_day_), 1.0 / intervals_per_day_);
  if (!profile.empty()) {
    double sum = 0.0;
    for (double w : profile) sum += w;
    for (std::size_t i = 0; i < profile_share_.size(); ++i) profile_share_[i] = profile[i] / sum;
  }
  double share_before = 0.0;
  for (std::size_t i = 0; i < profile_share_.size(); ++i) {
    if (profile_share_[i] <= 0.0) continue;
    open_intervals_.push_back({static_cast<double>(i), profile_share_[i], share_before});
    open_interval_ends_.push_back(share_before + profile_share_[i]);
    share_before += profile_share_[i];
  }
  build_types();
  build_groups();
  result_.type_totals.resize(types_.size());
  if (spec.customers) {
    customers_ = &*spec.customers;
    for (const ContactTypeSpec& t : spec.contact_types)
      mean_handle_s_ += t.share * (t.handle_time.expected() + t.after_call_work.expected());
  }
  if (spec.workforce) {
    workforce_ = &*spec.workforce;
    init_workforce();
  } else {
    for (std::uint32_t seat = 0; seat < seats_.size(); ++seat) hire(seat, 0, 0.0);
  }
}

void ContactCentre::build_types() {
  types_.reserve(spec_.contact_types.size());
  for (const auto& t : spec_.contact_types) types_.emplace_back(t, seed_);
  next_unit_exp_.assign(types_.size(), 0.0);
}

void ContactCentre::build_groups() {
  groups_.resize(spec_.agent_groups.size());
  for (std::size_t g = 0; g < spec_.agent_groups.size(); ++g) {
    const AgentGroupSpec& gs = spec_.agent_groups[g];
    GroupRuntime& group = groups_[g];
    for (std::size_t t = 0; t < spec_.contact_types.size(); ++t) {
      const bool serves = gs.skills.empty() ||
                          std::find(gs.skills.begin(), gs.skills.end(), spec_.contact_types[t].name) != gs.skills.end();
      if (!serves) continue;
      group.skills_by_priority.push_back(static_cast<std::uint16_t>(t));
      types_[t].groups.push_back(static_cast<std::uint16_t>(g));
    }
    std::stable_sort(group.skills_by_priority.begin(), group.skills_by_priority.end(),
                     [this](std::uint16_t a, std::uint16_t b) { return types_[a].priority > types_[b].priority; });

    // A seat's key (group name, position in the group) identifies the random streams of its
    // occupants, so adding seats elsewhere never changes who is fast, ill or leaving.
    const auto add_seat = [&](std::int32_t shift) {
      Seat seat;
      seat.group = static_cast<std::uint32_t>(g);
      seat.shift = shift;
      seat.key = rng::mix64(rng::hash_purpose(gs.name) + group.seats.size());
      group.seats.push_back(static_cast<std::uint32_t>(seats_.size()));
      seats_.push_back(seat);
      return group.seats.back();
    };
    if (gs.shifts.empty()) {
      group.headcount = gs.headcount;
      const int most = *std::max_element(gs.headcount.begin(), gs.headcount.end());
      for (int i = 0; i < most; ++i) add_seat(-1);
    } else {
      for (const ShiftSpec& s : gs.shifts) {
        ShiftRuntime shift{&s, {}};
        for (int i = 0; i < s.count; ++i) shift.seats.push_back(add_seat(static_cast<std::int32_t>(shifts_.size())));
        shifts_.push_back(std::move(shift));
      }
    }
  }
}

// Day-of-week factor times the day's busyness draw. Busyness uses its own stream per day, so the
// number of days simulated never changes another day's draw.
double ContactCentre::day_volume_factor(int day) {
  while (day_factor_.size() <= static_cast<std::size_t>(day)) {
    const int d = static_cast<int>(day_factor_.size());
    const int weekday = (static_cast<int>(spec_.horizon.start_weekday) + d) % kDaysPerWeek;
    double factor = spec_.demand.day_of_week_factors[static_cast<std::size_t>(weekday)];
    if (spec_.demand.busyness_shape > 0.0) {
      rng::Stream busyness(seed_, "busyness", static_cast<std::uint64_t>(d));
      const double a = spec_.demand.busyness_shape;
      factor *= boost::random::gamma_distribution<double>(a, 1.0 / a)(busyness.engine());
    }
    day_factor_.push_back(factor);
  }
  return day_factor_[static_cast<std::size_t>(day)];
}

double ContactCentre::arrival_rate_per_s(std::size_t type, std::uint64_t interval) {
  const TypeRuntime& t = types_[type];
  if (spec_.demand.rate_per_hour) return t.share * *spec_.demand.rate_per_hour / 3600.0;
  const auto ipd = static_cast<std::uint64_t>(intervals_per_day_);
  const int day = static_cast<int>(interval / ipd);
  return t.share * spec_.demand.daily_volume * day_volume_factor(day) * profile_share_[interval % ipd] / interval_s_;
}

// Non-homogeneous Poisson arrivals by inversion of the cumulative rate (Cinlar 1975): a unit-rate
// exponential is spent across piecewise-constant intervals. Scaling the volume therefore moves
// arrivals in time but keeps the same draws, which is what common random numbers need.
void ContactCentre::schedule_next_arrival(std::uint16_t type_index, SimTime from) {
  TypeRuntime& type = types_[type_index];
  if (type.share == 0.0) return;  // no demand at all: nothing to wait for
  double mass = next_unit_exp_[type_index];
  SimTime t = from;
  // Ends: a type with a positive share has demand on some weekday (validation requires a
  // positive profile sum and weekday factor), and a finite horizon bounds the rest.
  while (t < horizon_s_) {
    if (t >= type.rate_until_s) {
      const auto interval = static_cast<std::uint64_t>(t / interval_s_);
      type.rate_per_s = arrival_rate_per_s(type_index, interval);
      type.rate_until_s = static_cast<double>(interval + 1) * interval_s_;
    }
    const double rate = type.rate_per_s;
    const SimTime end = type.rate_until_s;
    if (rate > 0.0 && mass < rate * (end - t)) {
      const SimTime at = t + mass / rate;
      if (at >= horizon_s_) return;
      next_unit_exp_[type_index] = 0.0;
      sched_.schedule_slot(type_index, at, kArrival, 0, type_index);
      return;
    }
    mass -= rate * (end - t);
    t = end;
  }
}

void ContactCentre::on_arrival(std::uint16_t type) {
  TypeRuntime& t = types_[type];
  // The key is drawn for every first contact and the root-cause draw for every first contact of a
  // type with removed demand, so that removing demand never shifts another customer's draws, and
  // a ramp only changes the threshold, not the draws. Only first contacts (new issues) are ever
  // removed: repeat contacts come from the journey (on_journey_contact) and redials from
  // on_redial, so demand the model already counts as failure is not removed twice.
  const std::uint64_t key = customers_ != nullptr ? t.journeys.engine()() : 0;
  const bool removed = t.demand_removed_share > 0.0 && t.root_cause.uniform() < t.removed_share_at(sched_.now());
  if (removed) {
    if (measuring_) count(current_interval_, type, [](PeriodCounters& c) { ++c.removed_contacts; });
  } else if (customers_ != nullptr) {
    on_journey_contact(start_journey(type, key), false);
  } else {
    offer(t.draw(type, false));
  }
  if (++first_attempts_ >= arrival_limit_) {
    // Time averages stop with the last arrival: the drain that follows is not steady state and
    // would bias occupancy and queue length low. Contacts that arrived keep being counted.
    arrivals_done_ = true;
    for (std::size_t i = 0; i < types_.size(); ++i) change_waiting(i, 0);
    integrating_ = false;
    for (std::uint32_t slot = 0; slot < types_.size(); ++slot) sched_.clear_slot(slot);
    return;
  }
  next_unit_exp_[type] = -std::log(t.arrivals.uniform());
  schedule_next_arrival(type, sched_.now());
}

void ContactCentre::on_redial(std::uint16_t type, std::uint32_t customer) {
  --pending_redials_;
  if (customer == kNoCustomer) {
    offer(types_[type].draw(type, true));
    return;
  }
  Customer& c = customer_pool_[customer];
  Attempt attempt = types_[type].draw_keyed(type, c.key, c.contacts, true, false);
  ++c.contacts;
  attempt.customer = customer;
  offer(attempt);
}

void ContactCentre::offer(const Attempt& attempt) {
  const std::uint32_t interval = current_interval_;
  const bool measured = measuring_;
  TypeRuntime& type = types_[attempt.type];
  if (measured) {
    count(interval, attempt.type, [&](PeriodCounters& c) {
      ++c.offered;
      c.redials += attempt.redial ? 1 : 0;
      c.repeat_contacts += attempt.repeat ? 1 : 0;
    });
  }
  if (const std::uint32_t agent = find_idle_agent(type); agent != UINT32_MAX) {
    answer(agent, attempt, 0.0, measured, interval);
    return;
  }
  const bool room_full = spec_.queue.capacity && waiting_ >= static_cast<std::uint32_t>(*spec_.queue.capacity);
  if (room_full || (type.balk_probability > 0.0 && attempt.balk() < type.balk_probability)) {
    if (trace_ != nullptr)
      trace_->record({sched_.now(), 0.0, -1.0, UINT32_MAX, attempt.customer, attempt.type, type.priority,
                      room_full ? TracedOutcome::Blocked : TracedOutcome::Balked});
    if (measured) {
      count(interval, attempt.type, [&](PeriodCounters& c) {
        if (room_full) {
          ++c.blocked;
        } else {
          ++c.balked;
          ++c.abandoned;
          ++c.abandoned_within_threshold;
        }
      });
    }
    fail_attempt(attempt);
    return;
  }
  enqueue(attempt, measured, interval);
}

// An attempt that found no agent: the customer may redial; with journeys, one who does not
// has given up on the issue.
void ContactCentre::fail_attempt(const Attempt& attempt) {
  const TypeRuntime& t = types_[attempt.type];
  const std::uint32_t customer = attempt.customer;
  if (customer != kNoCustomer) customer_pool_[customer].frustration += customers_->frustration.per_abandonment;
  if (attempt.redial_choice() >= t.redial_probability) {
    if (customer != kNoCustomer) end_journey(customer, false);
    return;
  }
  ++pending_redials_;
  sched_.schedule_in(t.redial_delay.quantile(attempt.redial_delay()), kRedial, customer == kNoCustomer ? 0 : customer,
                     attempt.type);
}

// The longest-idle agent among the groups that serve the type (fair to agents, and the usual
// default of automatic call distributors).
std::uint32_t ContactCentre::find_idle_agent(const TypeRuntime& type) {
  std::uint32_t best = UINT32_MAX;
  for (const std::uint16_t g : type.groups) {
    auto& idle = groups_[g].idle;
    while (!idle.empty()) {
      const auto [agent, token] = idle.front();
      if (agents_[agent].state == AgentState::Idle && agents_[agent].idle_token == token) break;
      idle.pop_front();
    }
    if (idle.empty()) continue;
    const std::uint32_t candidate = idle.front().first;
    if (best == UINT32_MAX || agents_[candidate].idle_since_s < agents_[best].idle_since_s) best = candidate;
  }
  if (best != UINT32_MAX) groups_[agents_[best].group].idle.pop_front();
  return best;
}

std::uint32_t ContactCentre::allocate_slot() {
  if (free_slots_.empty()) {
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  const std::uint32_t slot = free_slots_.back();
  free_slots_.pop_back();
  return slot;
}

void ContactCentre::release_slot(std::uint32_t slot) noexcept {
  TXSIM_ASSERT(slots_[slot].refs > 0, "slot released twice");
  if (--slots_[slot].refs == 0) free_slots_.push_back(slot);
}

void ContactCentre::enqueue(const Attempt& attempt, bool measured, std::uint32_t interval) {
  const std::uint32_t slot = allocate_slot();
  WaitingContact& w = slots_[slot];
  w.arrival_s = sched_.now();
  w.attempt = attempt;
  w.interval = interval;
  w.waiting = true;
  w.measured = measured;
  w.refs = 1;
  types_[attempt.type].queue.push_back(slot);
  change_waiting(attempt.type, +1);
  waiting_measured_ += measured ? 1 : 0;
  // The patience quantile is evaluated only here: most contacts never wait, and the value is
  // the same whenever it is computed.
  const TypeRuntime& type = types_[attempt.type];
  if (type.patience.kind() == rng::DistributionKind::None) return;
  const double patience_s = type.patience.quantile(attempt.patience());
  if (std::isfinite(patience_s)) {
    ++w.refs;
    sched_.schedule_timer_in(patience_s, kAbandonTimer, slot);
  }
}

void ContactCentre::on_abandon_timer(std::uint32_t slot) {
  WaitingContact& w = slots_[slot];
  const Attempt& attempt = w.attempt;
  TXSIM_ASSERT(w.waiting, "abandonment timer of a contact that no longer waits");  // answering cancels it
  w.waiting = false;
  change_waiting(attempt.type, -1);
  waiting_measured_ -= w.measured ? 1 : 0;
  if (w.measured) {
    const double wait_s = sched_.now() - w.arrival_s;
    count(w.interval, attempt.type, [&](PeriodCounters& c) {
      ++c.abandoned;
      c.wait_abandoned_s += wait_s;
      c.abandoned_within_threshold += wait_s <= spec_.service_level_threshold_s ? 1 : 0;
    });
  }
  if (trace_ != nullptr)
    trace_->record({w.arrival_s, sched_.now() - w.arrival_s, -1.0, UINT32_MAX, attempt.customer, attempt.type,
                    types_[attempt.type].priority, TracedOutcome::Abandoned});
  fail_attempt(attempt);
  release_slot(slot);
}

// Drops abandoned contacts from the head of a queue; true when a waiting contact is at the head.
bool ContactCentre::head_is_live(TypeRuntime& type) {
  while (!type.queue.empty()) {
    const std::uint32_t slot = type.queue.front();
    if (slots_[slot].waiting) return true;
    type.queue.pop_front();
    release_slot(slot);
  }
  return false;
}

// Highest priority first; within a priority, the contact that has waited longest.
bool ContactCentre::serve_next_waiting(std::uint32_t agent) {
  if (waiting_ == 0) return false;
  TypeRuntime* chosen = nullptr;
  for (const std::uint16_t t : groups_[agents_[agent].group].skills_by_priority) {
    TypeRuntime& type = types_[t];
    if (chosen != nullptr && type.priority < chosen->priority) break;
    if (!head_is_live(type)) continue;
    if (chosen == nullptr || slots_[type.queue.front()].arrival_s < slots_[chosen->queue.front()].arrival_s)
      chosen = &type;
  }
  if (chosen == nullptr) return false;
  const std::uint32_t slot = chosen->queue.front();
  chosen->queue.pop_front();
  WaitingContact& w = slots_[slot];
  w.waiting = false;
  if (sched_.cancel_timer(slot)) {
    ++cancelled_timers_;
    release_slot(slot);
  }
  change_waiting(w.attempt.type, -1);
  waiting_measured_ -= w.measured ? 1 : 0;
  answer(agent, w.attempt, sched_.now() - w.arrival_s, w.measured, w.interval);
  release_slot(slot);
  return true;
}

void ContactCentre::answer(std::uint32_t agent_id, const Attempt& attempt, double wait_s, bool measured,
                           std::uint32_t interval) {
  Agent& agent = agents_[agent_id];
  const std::uint16_t type_index = attempt.type;
  const std::uint32_t customer = attempt.customer;
  const TypeRuntime& type = types_[type_index];
  double multiplier = agent.speed;
  double resolution = type.resolution_probability;
  double load = type.emotional_load;
  if (customer != kNoCustomer) {
    // A frustrated customer takes longer and weighs more on the agent.
    Customer& c = customer_pool_[customer];
    const FrustrationSpec& f = customers_->frustration;
    c.frustration += f.per_minute_over_expected_wait * std::max(0.0, wait_s - f.expected_wait_s) / 60.0;
    multiplier *= 1.0 + f.handle_time_per_unit * c.frustration;
    load *= 1.0 + f.emotional_load_per_unit * c.frustration;
  }
  agent.contact_load = load;
  if (workforce_ != nullptr) {
    const FatigueSpec& f = workforce_->fatigue;
    const bool back_to_back = sched_.now() - agent.last_contact_end_s < f.back_to_back_gap_s;
    set_state(agent, AgentState::Talking, load * (back_to_back ? f.back_to_back_factor : 1.0));
    const double pressure = static_cast<double>(waiting_) / std::max(1.0, static_cast<double>(available_));
    multiplier *= agent.learning_handle * effects_handle_time_multiplier(workforce_->effects, agent.fatigue, pressure);
    resolution *= agent.learning_resolution * effects_resolution_multiplier(workforce_->effects, agent.fatigue);
    ++result_.agents[agent_id].contacts_handled;
  } else {
    agent.state = AgentState::Talking;
  }
  agent.customer = customer;
  if (customer != kNoCustomer) {
    Customer& c = customer_pool_[customer];
    agent.resolves = rng::keyed_uniform<"resolve">(c.key, c.contacts) < resolution;
    c.agent_fatigue_sum += agent.fatigue;
    ++c.answered;
  }
  const double talk_s = type.handle.quantile(TypeRuntime::is_random(type.handle) ? attempt.handle() : 0.5) * multiplier;
  agent.wrap_s = type.wrap.quantile(TypeRuntime::is_random(type.wrap) ? attempt.wrap() : 0.5) * multiplier;
  ++busy_;
  if (measured) {
    count(interval, type_index, [&](PeriodCounters& c) {
      ++c.answered;
      c.wait_answered_s += wait_s;
      c.answered_within_threshold += wait_s <= spec_.service_level_threshold_s ? 1 : 0;
      c.handle_s += talk_s + agent.wrap_s;
      c.resolution_probability_sum += resolution;
    });
    day_waits(interval).add(wait_s);
  }
  if (trace_ != nullptr)
    trace_->record({sched_.now() - wait_s, wait_s, talk_s, agent_id, customer, type_index, type.priority, TracedOutcome::Answered});
  sched_.schedule_in(talk_s, kTalkEnd, agent_id);
}

void ContactCentre::on_talk_end(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  if (agent.customer != kNoCustomer) {
    after_agent_contact(agent.customer, agent.resolves);
    agent.customer = kNoCustomer;
  }
  if (agent.wrap_s > 0.0) {
    set_state(agent, AgentState::WrapUp, workforce_ != nullptr ? workforce_->fatigue.after_call_work_load : 0.0);
    sched_.schedule_in(agent.wrap_s, kWrapEnd, agent_id);
    return;
  }
  on_contact_done(agent_id);
}

void ContactCentre::on_contact_done(std::uint32_t agent_id) {
  --busy_;
  Agent& agent = agents_[agent_id];
  agent.last_contact_end_s = sched_.now();
  // Recovery break after a hard contact (recovery_breaks lever), through the break mechanism.
  if (workforce_ != nullptr && workforce_->recovery_break_min > 0.0 && agent.contact_load >= workforce_->hard_contact_load &&
      !agent.leave_pending) {
    agent.break_pending = true;
    agent.pending_break_s += workforce_->recovery_break_min * 60.0;
  }
  agent_ready(agent_id);
}

// An agent who has just become free (contact done, break over, logged on) decides what next.
void ContactCentre::agent_ready(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  set_state(agent, AgentState::Idle);
  agent.idle_since_s = sched_.now();
  if (agent.leave_pending) {
    log_off(agent_id);
    return;
  }
  if (agent.break_pending) {
    agent.break_pending = false;
    start_break(agent_id, agent.pending_break_s);
    agent.pending_break_s = 0.0;
    return;
  }
  if (!serve_next_waiting(agent_id)) make_idle(agent_id);
}

void ContactCentre::make_idle(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  groups_[agent.group].idle.push_back({agent_id, ++agent.idle_token});
}

void ContactCentre::log_on(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  if (agent.state != AgentState::Off) {  // still finishing the previous stint: just stay
    agent.leave_pending = agent.quit_pending;
    agent.stint_due_end_s = kInfinity;
    return;
  }
  ++staffed_;
  ++available_;
  agent.leave_pending = false;
  agent.break_pending = false;
  agent.stint_start_s = sched_.now();
  agent.stint_due_end_s = kInfinity;
  agent.last_contact_end_s = -kInfinity;
  agent_ready(agent_id);
}

// Leaves now; only called for an agent who is idle (or just became free).
void ContactCentre::log_off(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  TXSIM_ASSERT(agent.state == AgentState::Idle, "agent logged off while busy");
  ++agent.idle_token;
  set_state(agent, AgentState::Off);
  agent.leave_pending = false;
  agent.break_pending = false;
  --staffed_;
  --available_;
  if (workforce_ != nullptr) end_stint(agent_id);
}

void ContactCentre::start_break(std::uint32_t agent_id, double duration_s) {
  Agent& agent = agents_[agent_id];
  ++agent.idle_token;
  set_state(agent, AgentState::OnBreak);
  agent.last_contact_end_s = -kInfinity;
  --available_;
  sched_.schedule_in(duration_s, kBreakEnd, agent_id);
}

// An agent whose stint ends mid-contact (or mid-break) finishes it, then leaves.
void ContactCentre::request_leave(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  agent.stint_due_end_s = std::min(agent.stint_due_end_s, sched_.now());
  switch (agent.state) {
    case AgentState::Off: return;
    case AgentState::Idle: log_off(agent_id); return;
    default: agent.leave_pending = true; return;
  }
}

void ContactCentre::on_break_start(std::uint32_t agent_id, std::uint16_t break_index) {
  Agent& agent = agents_[agent_id];
  const double duration_s = shifts_[static_cast<std::size_t>(agent.shift)].spec->breaks[break_index].duration_min * 60.0;
  switch (agent.state) {
    case AgentState::Idle: start_break(agent_id, duration_s); return;
    case AgentState::Talking:
    case AgentState::WrapUp:
    case AgentState::OnBreak:
      // Due while busy or still on an earlier, delayed break: taken when that ends. Breaks that
      // fall due together are taken back to back, none is lost.
      if (agent.leave_pending) return;
      agent.break_pending = true;
      agent.pending_break_s += duration_s;
      return;
    default: return;
  }
}

void ContactCentre::on_shift_start(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  const ShiftSpec& shift = *shifts_[static_cast<std::size_t>(agent.shift)].spec;
  log_on(agent_id);
  agent.stint_due_end_s = sched_.now() + shift.length_h * 3600.0;
  for (std::size_t b = 0; b < shift.breaks.size(); ++b)
    sched_.schedule_in(shift.breaks[b].start_after_h * 3600.0, kBreakStart, agent_id, static_cast<std::uint16_t>(b));
  sched_.schedule_in(shift.length_h * 3600.0, kShiftEnd, agent_id);
}

// Every agent state change goes through here so that fatigue integrates exactly over the time
// spent in the previous state, with that state's accumulation rate or recovery constant.
void ContactCentre::set_state(Agent& agent, AgentState state, double work_load) noexcept {
  if (workforce_ != nullptr) {
    update_fatigue(agent, sched_.now());
    const FatigueSpec& f = workforce_->fatigue;
    agent.work_rate_per_s = 0.0;
    agent.working = state == AgentState::Talking || state == AgentState::WrapUp;
    switch (state) {
      case AgentState::Talking:
      case AgentState::WrapUp: agent.work_rate_per_s = f.rate_per_hour / 3600.0 * work_load; break;
      case AgentState::Idle: agent.rest_tau_s = f.idle_recovery_h * 3600.0; break;
      case AgentState::OnBreak: agent.rest_tau_s = f.break_recovery_h * 3600.0; break;
      case AgentState::Off: agent.rest_tau_s = f.off_recovery_h * 3600.0; break;
    }
  }
  agent.state = state;
}

bool ContactCentre::can_work_today(const Seat& seat) const noexcept {
  if (seat.agent == kVacant) return false;
  const Agent& a = agents_[seat.agent];
  return a.employment == Employment::OnPhones && !a.absent_today && !a.quit_pending;
}

void ContactCentre::staff_to_headcount(GroupRuntime& group, int target) {
  std::vector<std::uint32_t>& present = staffing_scratch_;
  present.clear();
  for (const std::uint32_t seat : group.seats) {
    const std::uint32_t a = seats_[seat].agent;
    if (a != kVacant && (agents_[a].state != AgentState::Off || can_work_today(seats_[seat]))) present.push_back(a);
  }
  int on = 0;
  for (const std::uint32_t a : present) on += agents_[a].state != AgentState::Off && !agents_[a].leave_pending ? 1 : 0;
  // Cancel pending departures first: those agents are still here, mid-contact.
  for (auto it = present.begin(); on < target && it != present.end(); ++it) {
    Agent& a = agents_[*it];
    if (a.state != AgentState::Off && a.leave_pending && !a.quit_pending && !a.absent_today) {
      a.leave_pending = false;
      a.stint_due_end_s = kInfinity;
      ++on;
    }
  }
  for (auto it = present.begin(); on < target && it != present.end(); ++it) {
    if (agents_[*it].state == AgentState::Off) {
      log_on(*it);
      ++on;
    }
  }
  // Send idle agents home before interrupting anyone's contact.
  for (auto it = present.rbegin(); on > target && it != present.rend(); ++it) {
    if (agents_[*it].state == AgentState::Idle) {
      request_leave(*it);
      --on;
    }
  }
  for (auto it = present.rbegin(); on > target && it != present.rend(); ++it) {
    Agent& a = agents_[*it];
    if (a.state != AgentState::Off && !a.leave_pending) {
      request_leave(*it);
      --on;
    }
  }
}

void ContactCentre::start_day(int day) {
  current_day_ = day;
  if (workforce_ != nullptr) workforce_start_day(day);
  const SimTime day_start = day * kSecondsPerDay;
  const int weekday = (static_cast<int>(spec_.horizon.start_weekday) + day) % kDaysPerWeek;
  for (const ShiftRuntime& shift : shifts_) {
    if (!shift.spec->weekdays[static_cast<std::size_t>(weekday)]) continue;
    const SimTime start = day_start + shift.spec->start_h * 3600.0;
    if (start >= horizon_s_) continue;
    for (const std::uint32_t seat : shift.seats)
      if (can_work_today(seats_[seat])) sched_.schedule_at(start, kShiftStart, seats_[seat].agent);
  }
}

void ContactCentre::on_interval_start(std::uint32_t interval) {
  current_interval_ = interval;
  if (result_.intervals.size() <= interval) result_.intervals.resize(interval + 1);
  const auto ipd = static_cast<std::uint32_t>(intervals_per_day_);
  if (interval % ipd == 0) start_day(static_cast<int>(interval / ipd));
  for (GroupRuntime& group : groups_) {
    if (group.headcount.empty()) continue;
    const std::size_t slot = group.headcount.size() == 1 ? 0 : interval % ipd;
    staff_to_headcount(group, group.headcount[slot]);
  }
  const SimTime next = static_cast<double>(interval + 1) * interval_s_;
  if (next < horizon_s_) sched_.schedule_at(next, kIntervalStart, interval + 1);
}

stats::WaitHistogram& ContactCentre::day_waits(std::uint32_t interval) {
  const std::size_t day = interval / static_cast<std::uint32_t>(intervals_per_day_);
  if (result_.day_waits.size() <= day) result_.day_waits.resize(day + 1);
  return result_.day_waits[day];
}

// Levels change only inside event handlers, so integrating them from one event to the next is
// exact: this runs once per event, before the handler.
inline void ContactCentre::accumulate_levels(SimTime now) noexcept {
  const double dt = now - levels_since_;
  levels_since_ = now;
  if (!integrating_ || dt <= 0.0) return;
  PeriodCounters& c = result_.intervals[current_interval_];
  c.busy_agent_s += busy_ * dt;
  c.available_agent_s += available_ * dt;
  c.staffed_agent_s += staffed_ * dt;
  c.waiting_contact_s += waiting_ * dt;
  c.measured_s += dt;
}

// Per-type queue areas are integrated only when that type's queue changes (and at the end), not
// on every event: most events leave most queues alone.
void ContactCentre::change_waiting(std::size_t index, int delta) noexcept {
  TypeRuntime& type = types_[index];
  if (integrating_) result_.type_totals[index].waiting_contact_s += type.waiting * (sched_.now() - type.waiting_since_s);
  type.waiting_since_s = sched_.now();
  type.waiting = static_cast<std::uint32_t>(static_cast<int>(type.waiting) + delta);
  waiting_ = static_cast<std::uint32_t>(static_cast<int>(waiting_) + delta);
}

RunResult ContactCentre::run(const std::atomic<bool>* stop) {
  stop_ = stop;
  if (std::isfinite(horizon_s_)) {
    const auto intervals = static_cast<std::size_t>(std::ceil(horizon_s_ / interval_s_));
    result_.intervals.reserve(intervals);
    result_.day_waits.reserve((intervals + static_cast<std::size_t>(intervals_per_day_) - 1) /
                              static_cast<std::size_t>(intervals_per_day_));
  }
  sched_.reserve(1024);
  sched_.schedule_at(0.0, kIntervalStart, 0);
  if (result_.warmup_s > 0.0) {
    sched_.schedule_at(result_.warmup_s, kMeasureStart, 0);
  } else {
    measuring_ = integrating_ = true;
  }
  for (std::size_t t = 0; t < types_.size(); ++t) {
    TXSIM_ASSERT(sched_.add_slot() == t, "one scheduler slot per contact type, in type order");
    next_unit_exp_[t] = -std::log(types_[t].arrivals.uniform());
    schedule_next_arrival(static_cast<std::uint16_t>(t), 0.0);
  }
  if (arrival_limit_ == 0) arrivals_done_ = true;

  std::uint64_t events = 0;
  kernel::Event e;
  while (sched_.next_until(horizon_s_, e)) {
    ++events;
    accumulate_levels(e.time);
    switch (e.kind) {
      case kArrival: on_arrival(e.aux); break;
      case kRedial: on_redial(e.aux, customers_ != nullptr ? e.target : kNoCustomer); break;
      case kJourneyContact:
        --pending_redials_;
        on_journey_contact(e.target, e.aux == 1);
        break;
      case kAbandonTimer: on_abandon_timer(e.target); break;
      case kTalkEnd: on_talk_end(e.target); break;
      case kWrapEnd: on_contact_done(e.target); break;
      case kBreakStart: on_break_start(e.target, e.aux); break;
      case kBreakEnd:
        ++available_;
        agents_[e.target].last_contact_end_s = -kInfinity;
        agent_ready(e.target);
        break;
      case kShiftStart: on_shift_start(e.target); break;
      case kShiftEnd: request_leave(e.target); break;
      case kIntervalStart: on_interval_start(e.target); break;
      case kMeasureStart:
        for (std::size_t t = 0; t < types_.size(); ++t) change_waiting(t, 0);  // restart the areas
        measuring_ = true;
        integrating_ = !arrivals_done_;
        break;
      default: TXSIM_ASSERT(false, "unknown event kind");
    }
    if (arrivals_done_ && finished_draining()) break;
    // A relaxed load every 65536 events: a stop request lands within milliseconds at no cost.
    if (stop_ != nullptr && events % kEventsPerStopCheck == 0 && stop_->load(std::memory_order_relaxed)) {
      result_.cancelled = true;
      break;
    }
  }
  const SimTime end = std::isfinite(horizon_s_) ? horizon_s_ : sched_.now();
  sched_.advance_to(std::max(end, sched_.now()));
  accumulate_levels(sched_.now());
  if (workforce_ != nullptr) finish_workforce();
  for (std::size_t t = 0; t < types_.size(); ++t) {
    change_waiting(t, 0);
    result_.type_totals[t].measured_s = result_.total().measured_s;
  }
  result_.end_s = sched_.now();
  result_.waiting_at_end = waiting_measured_;
  for (const Customer& c : customer_pool_) result_.journeys_open_at_end += c.open && c.measured ? 1 : 0;
  result_.pending_redials_at_end = pending_redials_;
  result_.events = events + cancelled_timers_;
  const auto days = static_cast<std::size_t>(result_.days());
  if (result_.day_waits.size() < days) result_.day_waits.resize(days);
  return std::move(result_);
}

}  // namespace detail

RunResult simulate(const ScenarioSpec& spec, rng::RunSeed seed, const RunControl& control) {
  // The front door (io::check) validated the scenario once; every replication trusting it saves
  // the cost of re-validating, and TXSIM_VALIDATE builds check anyway.
  TXSIM_VALIDATE_ASSERT(validate(spec).empty(), "simulate() called with a scenario that fails validate()");
  detail::ContactCentre centre(spec, seed);
  centre.set_trace(control.trace);
  return centre.run(control.stop);
}

}  // namespace txsim::model
