// Employee dynamics inside the contact-centre model: hiring into seats, the daily cycle of
// quits, starts, absence, strain and learning, and the accounting of stints. The mechanisms
// themselves are the pure functions of workforce.hpp; this file decides when they apply.

#include <cmath>

#include "detail/contact_centre.hpp"
#include "txsim/analytic/renewal.hpp"
#include "txsim/model/workforce.hpp"

namespace txsim::model::detail {

namespace {

// Lead times and training periods in whole days, rounded up (as the renewal formulas do).
int whole_days(double days) { return static_cast<int>(std::ceil(days)); }

// Streams of the k-th occupant of a seat: the initial agent keeps the seat's own key, so a
// scenario without dynamics and one with them draw the same agent speeds.
std::uint64_t occupant_key(const Seat& seat) {
  return seat.occupants == 0 ? seat.key : rng::mix64(seat.key + seat.occupants);
}

}  // namespace

std::uint32_t ContactCentre::hire(std::uint32_t seat_index, int day, double tenure_days) {
  Seat& seat = seats_[seat_index];
  const AgentGroupSpec& gs = spec_.agent_groups[seat.group];
  const std::uint64_t key = occupant_key(seat);
  ++seat.occupants;
  const rng::Sampler spread(gs.handle_time_multiplier_cv > 0.0
                                ? rng::Distribution::lognormal(1.0, gs.handle_time_multiplier_cv)
                                : rng::Distribution::deterministic(1.0));
  Agent a;
  a.group = seat.group;
  a.seat = seat_index;
  a.shift = seat.shift;
  a.speed = gs.handle_time_multiplier * spread.quantile(rng::Stream(seed_, "agent-speed", key).uniform());
  const auto id = static_cast<std::uint32_t>(agents_.size());
  seat.agent = id;
  if (workforce_ != nullptr) {
    const int tenure = whole_days(tenure_days);
    AgentRecord record;
    record.group = seat.group;
    record.seat = seat_index;
    record.initial = day == 0 && seat.occupants == 1;
    record.hire_day = day - tenure;
    record.phones_day = record.hire_day + whole_days(workforce_->hiring.training_days);
    a.employment = day >= record.phones_day ? Employment::OnPhones : Employment::Training;
    a.fatigue_since_s = sched_.now();
    a.rest_tau_s = workforce_->fatigue.off_recovery_h * 3600.0;
    result_.agents.push_back(record);
    agent_streams_.emplace_back(seed_, key);
  }
  agents_.push_back(a);
  return id;
}

// Initial agents get tenures from the steady state that the attrition rates imply, so a run
// starts with a realistic mix of new and experienced agents instead of a burn-in period.
void ContactCentre::init_workforce() {
  const WorkforceSpec& wf = *workforce_;
  const analytic::TenureHazard hazard{wf.attrition.annual_rate, wf.attrition.early_annual_rate,
                                      wf.attrition.early_tenure_days};
  seat_streams_.reserve(seats_.size());
  for (std::uint32_t s = 0; s < seats_.size(); ++s) {
    seat_streams_.emplace_back(seed_, "hiring", seats_[s].key);
    const double tenure = wf.steady_state_initial_tenure
                              ? analytic::stationary_tenure_quantile(
                                    hazard, rng::Stream(seed_, "initial-tenure", seats_[s].key).uniform())
                              : wf.initial_tenure_days;
    hire(s, 0, tenure);
  }
}

WorkforceCounters& ContactCentre::workforce_counters(int day) {
  const auto index = static_cast<std::size_t>(std::max(day, 0));
  if (result_.workforce_days.size() <= index) result_.workforce_days.resize(index + 1);
  return result_.workforce_days[index];
}

WorkforceCounters& ContactCentre::workforce_day() { return workforce_counters(current_day_); }

void ContactCentre::update_fatigue(Agent& agent, double now) noexcept {
  const double dt = now - agent.fatigue_since_s;
  if (dt <= 0.0) return;
  const std::size_t id = static_cast<std::size_t>(&agent - agents_.data());
  const double before = agent.fatigue;
  if (agent.working) {
    agent.fatigue = fatigue_after_work(before, agent.work_rate_per_s, dt);
  } else {
    agent.fatigue = fatigue_after_rest(before, agent.rest_tau_s, dt);
  }
  agent.fatigue_since_s = now;
  if (agent.state == AgentState::Off) return;
  AgentRecord& record = result_.agents[id];
  record.fatigue_integral += agent.working ? fatigue_integral_work(before, agent.fatigue, agent.work_rate_per_s, dt)
                                           : fatigue_integral_rest(before, agent.fatigue, agent.rest_tau_s);
  record.logged_in_s += dt;
}

// The end of a log-on stint: the fatigue it leaves and any overrun become strain; the hours
// are paid.
void ContactCentre::end_stint(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  const double now = sched_.now();
  const double overtime_h = std::max(0.0, now - agent.stint_due_end_s) / 3600.0;
  const double hours = (now - agent.stint_start_s) / 3600.0;
  agent.strain += strain_from_stint(workforce_->strain, agent.fatigue, overtime_h);
  agent.worked_today = true;
  WorkforceCounters& day = workforce_day();
  ++day.stints;
  day.fatigue_at_end += agent.fatigue;
  const auto bin = static_cast<std::size_t>(agent.fatigue * WorkforceCounters::kFatigueBins);
  ++day.fatigue_histogram[std::min(bin, WorkforceCounters::kFatigueBins - 1)];
  day.paid_hours += hours;
  day.overtime_hours += overtime_h;
  day.wage_cost += hours * workforce_->costs.wage_per_hour;
  if (agent.quit_pending) leave_seat(agent_id, current_day_);
}

void ContactCentre::leave_seat(std::uint32_t agent_id, int day) {
  Agent& agent = agents_[agent_id];
  AgentRecord& record = result_.agents[agent_id];
  agent.employment = Employment::Left;
  agent.quit_pending = false;
  record.exit_day = day;
  record.exit_cause = ExitCause::Quit;
  record.strain = agent.strain;
  ++workforce_counters(day).quits;
  Seat& seat = seats_[agent.seat];
  seat.agent = kVacant;
  if (workforce_->hiring.mode == HiringMode::Replace) open_requisition(seat, day);
}

// A requisition opened on `day` starts the day after the lead time, at the earliest tomorrow.
void ContactCentre::open_requisition(Seat& seat, int day) {
  if (seat.requisition_start_day >= 0) return;
  seat.requisition_start_day = day + 1 + whole_days(workforce_->hiring.lead_time_days);
  ++workforce_counters(day).requisitions;
}

// Yesterday ends: strain recovers (more on a day off), and each employed agent may quit.
// Quitters leave at once when off shift, else at the end of the current stint.
void ContactCentre::settle_previous_day(int day) {
  const WorkforceSpec& wf = *workforce_;
  for (std::uint32_t id = 0; id < agents_.size(); ++id) {
    Agent& agent = agents_[id];
    if (agent.employment == Employment::Left) continue;
    // Logged in at midnight counts as having worked (a stint that spans days).
    agent.worked_today = agent.worked_today || agent.state != AgentState::Off;
    agent.strain = strain_after_day(wf.strain, agent.strain, agent.worked_today);
    AgentRecord& record = result_.agents[id];
    record.days_worked += agent.worked_today ? 1 : 0;
    agent.worked_today = false;
    // One draw per agent-day whatever happens, so that variants keep their draws aligned.
    const double u = agent_streams_[id].attrition.uniform();
    if (agent.quit_pending || u >= quit_probability(wf.attrition, wf.effects, day - record.hire_day, agent.strain)) continue;
    if (agent.state == AgentState::Off) {
      leave_seat(id, day);
    } else {
      agent.quit_pending = true;
      if (agent.shift < 0) request_leave(id);  // headcount stints have no end of their own
    }
  }
}

// Starts of hires whose day has come (or no-shows, whose seats go back to recruiting), hiring
// classes, and the end of training.
void ContactCentre::run_pipeline(int day) {
  const WorkforceSpec& wf = *workforce_;
  WorkforceCounters& counters = workforce_day();
  if (wf.hiring.mode == HiringMode::Classes && day % std::max(1, whole_days(wf.hiring.class_interval_days)) == 0) {
    for (Seat& seat : seats_)
      if (seat.agent == kVacant) open_requisition(seat, day - 1);
  }
  for (std::uint32_t s = 0; s < seats_.size(); ++s) {
    Seat& seat = seats_[s];
    if (seat.requisition_start_day != day) continue;
    seat.requisition_start_day = -1;
    if (seat_streams_[s].uniform() < wf.hiring.no_show_probability) {
      ++counters.no_shows;
      open_requisition(seat, day);
      continue;
    }
    hire(s, day, 0.0);
    ++counters.starts;
    counters.hiring_cost += wf.costs.hiring_cost_per_hire;
    counters.training_cost += wf.costs.training_cost_per_hire;
  }
  for (std::uint32_t id = 0; id < agents_.size(); ++id)
    if (agents_[id].employment == Employment::Training && day >= result_.agents[id].phones_day)
      agents_[id].employment = Employment::OnPhones;
}

void ContactCentre::workforce_start_day(int day) {
  const WorkforceSpec& wf = *workforce_;
  if (day > 0) settle_previous_day(day - 1);
  workforce_day().days = 1;
  run_pipeline(day);
  const int weekday = (static_cast<int>(spec_.horizon.start_weekday) + day) % kDaysPerWeek;
  WorkforceCounters& counters = workforce_day();
  for (std::uint32_t id = 0; id < agents_.size(); ++id) {
    Agent& agent = agents_[id];
    if (agent.employment == Employment::Left) continue;
    AgentRecord& record = result_.agents[id];
    const double absence_u = agent_streams_[id].absence.uniform();
    agent.absent_today = false;
    ++counters.employed;
    counters.strain += agent.strain;
    counters.burnout += agent.strain > wf.strain.burnout_threshold ? 1 : 0;
    counters.tenure_under_90 += day - record.hire_day < 90 ? 1 : 0;
    if (agent.employment == Employment::Training) {
      ++counters.in_training;
      // Classroom training runs on working days, Monday to Friday.
      const double hours = weekday < 5 ? wf.costs.training_hours_per_day : 0.0;
      counters.training_hours += hours;
      counters.paid_hours += hours;
      counters.wage_cost += hours * wf.costs.wage_per_hour;
      continue;
    }
    ++counters.on_phones;
    const double days_on_phones = day - record.phones_day;
    agent.learning_handle = learning_handle_time_multiplier(wf.learning, days_on_phones);
    agent.learning_resolution = learning_resolution_multiplier(wf.learning, days_on_phones);
    counters.learning_multiplier += agent.learning_handle;
    const bool scheduled =
        agent.shift < 0 || shifts_[static_cast<std::size_t>(agent.shift)].spec->weekdays[static_cast<std::size_t>(weekday)];
    if (!scheduled || agent.quit_pending) continue;
    ++counters.scheduled;
    if (absence_u < absence_probability(wf.absence, wf.effects, agent.strain)) {
      agent.absent_today = true;
      ++counters.absent;
      ++record.days_absent;
      if (agent.shift < 0) request_leave(id);  // a headcount agent still on from yesterday goes home
    }
  }
}

// Closes the books at the end of the run: stints in progress are paid up to the end, fatigue is
// integrated to the end, and agents still employed report their final strain.
void ContactCentre::finish_workforce() {
  // A run that ends on a day boundary settles its last day too, so that every simulated day
  // has its attrition draws.
  if (current_day_ >= 0 && sched_.now() >= (current_day_ + 1) * kSecondsPerDay) settle_previous_day(current_day_);
  for (const Seat& seat : seats_) result_.requisitions_open_at_end += seat.requisition_start_day >= 0 ? 1 : 0;
  for (std::uint32_t id = 0; id < agents_.size(); ++id) {
    Agent& agent = agents_[id];
    if (agent.employment == Employment::Left) continue;
    update_fatigue(agent, sched_.now());
    if (agent.state != AgentState::Off) {
      const double hours = (sched_.now() - agent.stint_start_s) / 3600.0;
      WorkforceCounters& day = workforce_day();
      day.paid_hours += hours;
      day.wage_cost += hours * workforce_->costs.wage_per_hour;
    }
    result_.agents[id].strain = agent.strain;
    result_.agents[id].days_worked += agent.worked_today ? 1 : 0;
  }
}

}  // namespace txsim::model::detail
