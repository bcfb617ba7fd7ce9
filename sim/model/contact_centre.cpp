// The contact-centre model on top of the event kernel: arrivals, queues, routing, agents,
// shifts and breaks, and the counters that results.hpp describes. docs/MODEL.md states every
// mechanism; comments here say why the code is shaped the way it is.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <boost/random/gamma_distribution.hpp>

#include "detail/ring_queue.hpp"
#include "txsim/kernel/assert.hpp"
#include "txsim/kernel/event_queue.hpp"
#include "txsim/model/simulate.hpp"
#include "txsim/rng/distribution.hpp"
#include "txsim/rng/stream.hpp"

namespace txsim::model {
namespace {

using kernel::SimTime;
constexpr double kSecondsPerDay = 86400.0;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

enum EventKind : std::uint16_t {
  kArrival,        // aux = contact type: next first attempt of that type
  kRedial,         // aux = contact type: a customer tries again
  kAbandonTimer,   // target = waiting-contact slot: patience runs out
  kTalkEnd,        // target = agent
  kWrapEnd,        // target = agent
  kBreakStart,     // target = agent, aux = break index within its shift
  kBreakEnd,       // target = agent
  kShiftStart,     // target = agent
  kShiftEnd,       // target = agent
  kIntervalStart,  // target = interval number
  kMeasureStart,   // end of warm-up
};

enum class AgentState : std::uint8_t { Off, Idle, Talking, WrapUp, OnBreak };

struct Agent {
  double idle_since_s = 0.0;
  double speed = 1.0;          // handle-time multiplier of this agent
  double wrap_s = 0.0;         // wrap-up owed for the current contact
  double pending_break_s = 0.0;
  std::uint32_t group = 0;
  std::uint32_t idle_token = 0;  // invalidates stale entries of the group's idle queue
  std::int32_t shift = -1;       // index into Runtime::shifts, -1 when staffed by headcount
  AgentState state = AgentState::Off;
  bool leave_pending = false;  // leave when the current contact (or break) ends
  bool break_pending = false;  // take a break when the current contact ends
};

// What a customer brings to one attempt, drawn when the attempt is created (common random
// numbers: a variant that changes, say, agent speed still sees the same customers).
struct Attempt {
  double patience_s = kInfinity;
  double handle_u = 0.5;
  double wrap_u = 0.5;
  double balk_u = 1.0;
  double redial_u = 1.0;
  double redial_delay_u = 0.5;
  std::uint16_t type = 0;
  bool redial = false;
};

// A contact waiting in a queue. Slots are recycled; `refs` counts the queue entry and the
// pending abandonment timer that still point at the slot, so a slot is reused only when no
// event or queue entry can reach it (no generation counters needed).
struct WaitingContact {
  double arrival_s = 0.0;
  double handle_u = 0.5;
  double wrap_u = 0.5;
  double redial_u = 1.0;
  double redial_delay_u = 0.5;
  std::uint32_t interval = 0;
  std::uint16_t type = 0;
  std::uint8_t refs = 0;
  bool waiting = false;
  bool measured = false;
};

// One Boost.Random stream per attribute, so that a change to how one attribute is used never
// shifts the draws of another. It also makes skipping free: an attribute that cannot matter
// (no balking, no redials, a deterministic duration, no abandonment) draws nothing, and the
// variant where it does matter still sees the same draws for everything else.
struct AttributeStreams {
  rng::Stream patience, handle, wrap, balk, redial;

  AttributeStreams(const rng::RunSeed& seed, std::string_view prefix, std::uint64_t entity)
      : patience(seed, std::string(prefix) + "patience", entity),
        handle(seed, std::string(prefix) + "handle_time", entity),
        wrap(seed, std::string(prefix) + "after_call_work", entity),
        balk(seed, std::string(prefix) + "balk", entity),
        redial(seed, std::string(prefix) + "redial", entity) {}
};

struct TypeRuntime {
  rng::Sampler handle, wrap, patience, redial_delay;
  double share = 1.0;
  double balk_probability = 0.0;
  double redial_probability = 0.0;
  int priority = 0;
  rng::Stream arrivals;
  AttributeStreams first_attempts;
  AttributeStreams redials;
  detail::RingQueue<std::uint32_t> queue;  // waiting-contact slots, oldest first
  std::uint32_t waiting = 0;               // live entries of `queue`
  double waiting_since_s = 0.0;            // last change of `waiting`
  std::vector<std::uint16_t> groups;       // groups that serve this type
  // Current piece of the piecewise-constant arrival rate.
  double rate_per_s = 0.0;
  double rate_until_s = -1.0;

  TypeRuntime(const ContactTypeSpec& t, const rng::RunSeed& seed)
      : handle(t.handle_time),
        wrap(t.after_call_work),
        patience(t.patience),
        redial_delay(t.redial_delay),
        share(t.share),
        balk_probability(t.balk_probability),
        redial_probability(t.redial_probability),
        priority(t.priority),
        arrivals(seed, "arrivals", rng::hash_purpose(t.name)),
        first_attempts(seed, "", rng::hash_purpose(t.name)),
        redials(seed, "redial-attempt/", rng::hash_purpose(t.name)) {}

  Attempt draw(std::uint16_t type, bool is_redial) {
    AttributeStreams& s = is_redial ? redials : first_attempts;
    Attempt a;
    a.type = type;
    a.redial = is_redial;
    if (patience.kind() != rng::DistributionKind::None) a.patience_s = patience.quantile(s.patience.uniform());
    if (is_random(handle)) a.handle_u = s.handle.uniform();
    if (is_random(wrap)) a.wrap_u = s.wrap.uniform();
    if (balk_probability > 0.0) a.balk_u = s.balk.uniform();
    if (redial_probability > 0.0) {
      a.redial_u = s.redial.uniform();
      a.redial_delay_u = s.redial.uniform();
    }
    return a;
  }

 private:
  static bool is_random(const rng::Sampler& d) noexcept {
    return d.kind() != rng::DistributionKind::Deterministic && d.kind() != rng::DistributionKind::None;
  }
};

struct GroupRuntime {
  std::vector<std::uint16_t> skills_by_priority;  // contact types, highest priority first
  std::vector<std::uint32_t> agents;
  std::vector<int> headcount;  // per interval of the day; empty when staffed by shifts
  detail::RingQueue<std::pair<std::uint32_t, std::uint32_t>> idle;  // (agent, token), longest idle first
};

struct ShiftRuntime {
  const ShiftSpec* spec = nullptr;
  std::vector<std::uint32_t> agents;
};

class ContactCentre {
 public:
  ContactCentre(const ScenarioSpec& spec, rng::RunSeed seed);
  RunResult run();

 private:
  // --- set-up
  void build_types();
  void build_groups();
  double day_volume_factor(int day);
  double arrival_rate_per_s(std::size_t type, std::uint64_t interval);

  // --- time and statistics
  void accumulate_levels(SimTime now) noexcept;
  void change_waiting(std::size_t type, int delta) noexcept;
  // Applies `update` to the counters of the attempt's interval and of its contact type.
  template <class Update>
  void count(std::uint32_t interval, std::uint16_t type, Update update) noexcept {
    update(result_.intervals[interval]);
    update(result_.type_totals[type]);
  }
  stats::WaitHistogram& day_waits(std::uint32_t interval);
  [[nodiscard]] std::uint32_t interval_of(SimTime t) const noexcept {
    return static_cast<std::uint32_t>(t / interval_s_);
  }

  // --- demand
  void schedule_next_arrival(std::uint16_t type, SimTime from);
  void on_arrival(std::uint16_t type);
  void on_redial(std::uint16_t type);
  void offer(const Attempt& attempt);
  void fail_attempt(std::uint16_t type, double redial_u, double redial_delay_u);

  // --- queues and routing
  std::uint32_t find_idle_agent(const TypeRuntime& type);
  bool head_is_live(TypeRuntime& type);
  std::uint32_t allocate_slot();
  void release_slot(std::uint32_t slot) noexcept;
  void enqueue(const Attempt& attempt, bool measured, std::uint32_t interval);
  void on_abandon_timer(std::uint32_t slot);
  bool serve_next_waiting(std::uint32_t agent);

  // --- agents
  void answer(std::uint32_t agent, std::uint16_t type, double handle_u, double wrap_u, double wait_s,
              bool measured, std::uint32_t interval);
  void on_talk_end(std::uint32_t agent);
  void agent_ready(std::uint32_t agent);
  void make_idle(std::uint32_t agent);
  void log_on(std::uint32_t agent);
  void log_off(std::uint32_t agent);
  void start_break(std::uint32_t agent, double duration_s);
  void request_leave(std::uint32_t agent);
  void on_break_start(std::uint32_t agent, std::uint16_t break_index);
  void on_shift_start(std::uint32_t agent);

  // --- calendar
  void on_interval_start(std::uint32_t interval);
  void start_day(int day);
  void staff_to_headcount(GroupRuntime& group, int target);

  [[nodiscard]] bool finished_draining() const noexcept {
    return arrivals_done_ && waiting_ == 0 && busy_ == 0 && pending_redials_ == 0;
  }

  const ScenarioSpec& spec_;
  rng::RunSeed seed_;
  kernel::Scheduler sched_;
  RunResult result_;

  double interval_s_;
  int intervals_per_day_;
  double horizon_s_;                    // infinite in arrival-count mode
  std::uint64_t arrival_limit_;         // first attempts to generate in arrival-count mode
  std::uint64_t first_attempts_ = 0;
  bool arrivals_done_ = false;
  std::vector<double> profile_share_;   // normalised intraday profile
  std::vector<double> day_factor_;      // per day: day-of-week factor x busyness, drawn lazily

  std::vector<TypeRuntime> types_;
  std::vector<double> next_unit_exp_;   // per type: remaining unit-rate mass to its next arrival
  std::vector<GroupRuntime> groups_;
  std::vector<ShiftRuntime> shifts_;
  std::vector<Agent> agents_;
  std::vector<WaitingContact> slots_;
  std::vector<std::uint32_t> free_slots_;

  // Levels whose time integrals feed the counters.
  std::uint32_t busy_ = 0;
  std::uint32_t available_ = 0;
  std::uint32_t staffed_ = 0;
  std::uint32_t waiting_ = 0;
  SimTime levels_since_ = 0.0;
  bool measuring_ = false;    // count attempts arriving now (after warm-up)
  bool integrating_ = false;  // accumulate time integrals now (after warm-up, before the drain)
  std::uint32_t current_interval_ = 0;

  std::uint64_t waiting_measured_ = 0;  // waiting contacts that arrived after warm-up
  std::uint64_t pending_redials_ = 0;
};

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
  build_types();
  build_groups();
  result_.type_totals.resize(types_.size());
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

    // Per-agent speed: the group multiplier times a mean-one lognormal spread.
    const rng::Sampler spread(gs.handle_time_multiplier_cv > 0.0
                                  ? rng::Distribution::lognormal(1.0, gs.handle_time_multiplier_cv)
                                  : rng::Distribution::deterministic(1.0));
    // Each agent's speed comes from its own stream keyed by (group, position in the group), so
    // adding agents elsewhere never changes who is fast and who is slow.
    const auto add_agent = [&](std::int32_t shift) {
      Agent a;
      a.group = static_cast<std::uint32_t>(g);
      a.shift = shift;
      const std::uint64_t entity = rng::mix64(rng::hash_purpose(gs.name) + group.agents.size());
      a.speed = gs.handle_time_multiplier * spread.quantile(rng::Stream(seed_, "agent-speed", entity).uniform());
      group.agents.push_back(static_cast<std::uint32_t>(agents_.size()));
      agents_.push_back(a);
      return group.agents.back();
    };
    if (gs.shifts.empty()) {
      group.headcount = gs.headcount;
      const int most = *std::max_element(gs.headcount.begin(), gs.headcount.end());
      for (int i = 0; i < most; ++i) add_agent(-1);
    } else {
      for (const ShiftSpec& s : gs.shifts) {
        ShiftRuntime shift{&s, {}};
        for (int i = 0; i < s.count; ++i) shift.agents.push_back(add_agent(static_cast<std::int32_t>(shifts_.size())));
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
  offer(t.draw(type, false));
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

void ContactCentre::on_redial(std::uint16_t type) {
  --pending_redials_;
  TypeRuntime& t = types_[type];
  offer(t.draw(type, true));
}

void ContactCentre::offer(const Attempt& attempt) {
  const std::uint32_t interval = current_interval_;
  const bool measured = measuring_;
  TypeRuntime& type = types_[attempt.type];
  if (measured) {
    count(interval, attempt.type, [&](PeriodCounters& c) {
      ++c.offered;
      c.redials += attempt.redial ? 1 : 0;
    });
  }
  if (const std::uint32_t agent = find_idle_agent(type); agent != UINT32_MAX) {
    answer(agent, attempt.type, attempt.handle_u, attempt.wrap_u, 0.0, measured, interval);
    return;
  }
  const bool room_full = spec_.queue.capacity && waiting_ >= static_cast<std::uint32_t>(*spec_.queue.capacity);
  if (room_full || attempt.balk_u < type.balk_probability) {
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
    fail_attempt(attempt.type, attempt.redial_u, attempt.redial_delay_u);
    return;
  }
  enqueue(attempt, measured, interval);
}

void ContactCentre::fail_attempt(std::uint16_t type, double redial_u, double redial_delay_u) {
  const TypeRuntime& t = types_[type];
  if (redial_u >= t.redial_probability) return;
  ++pending_redials_;
  sched_.schedule_in(t.redial_delay.quantile(redial_delay_u), kRedial, 0, type);
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
  w.handle_u = attempt.handle_u;
  w.wrap_u = attempt.wrap_u;
  w.redial_u = attempt.redial_u;
  w.redial_delay_u = attempt.redial_delay_u;
  w.interval = interval;
  w.type = attempt.type;
  w.waiting = true;
  w.measured = measured;
  w.refs = 1;
  types_[attempt.type].queue.push_back(slot);
  change_waiting(attempt.type, +1);
  waiting_measured_ += measured ? 1 : 0;
  if (std::isfinite(attempt.patience_s)) {
    ++w.refs;
    sched_.schedule_in(attempt.patience_s, kAbandonTimer, slot);
  }
}

void ContactCentre::on_abandon_timer(std::uint32_t slot) {
  WaitingContact& w = slots_[slot];
  if (w.waiting) {
    w.waiting = false;
    change_waiting(w.type, -1);
    waiting_measured_ -= w.measured ? 1 : 0;
    if (w.measured) {
      const double wait_s = sched_.now() - w.arrival_s;
      count(w.interval, w.type, [&](PeriodCounters& c) {
        ++c.abandoned;
        c.wait_abandoned_s += wait_s;
        c.abandoned_within_threshold += wait_s <= spec_.service_level_threshold_s ? 1 : 0;
      });
    }
    fail_attempt(w.type, w.redial_u, w.redial_delay_u);
  }
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
  change_waiting(w.type, -1);
  waiting_measured_ -= w.measured ? 1 : 0;
  answer(agent, w.type, w.handle_u, w.wrap_u, sched_.now() - w.arrival_s, w.measured, w.interval);
  release_slot(slot);
  return true;
}

void ContactCentre::answer(std::uint32_t agent_id, std::uint16_t type_index, double handle_u, double wrap_u,
                           double wait_s, bool measured, std::uint32_t interval) {
  Agent& agent = agents_[agent_id];
  const TypeRuntime& type = types_[type_index];
  const double talk_s = type.handle.quantile(handle_u) * agent.speed;
  agent.wrap_s = type.wrap.quantile(wrap_u) * agent.speed;
  agent.state = AgentState::Talking;
  ++busy_;
  if (measured) {
    count(interval, type_index, [&](PeriodCounters& c) {
      ++c.answered;
      c.wait_answered_s += wait_s;
      c.answered_within_threshold += wait_s <= spec_.service_level_threshold_s ? 1 : 0;
      c.handle_s += talk_s + agent.wrap_s;
    });
    day_waits(interval).add(wait_s);
  }
  sched_.schedule_in(talk_s, kTalkEnd, agent_id);
}

void ContactCentre::on_talk_end(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  if (agent.wrap_s > 0.0) {
    agent.state = AgentState::WrapUp;
    sched_.schedule_in(agent.wrap_s, kWrapEnd, agent_id);
    return;
  }
  --busy_;
  agent_ready(agent_id);
}

// An agent who has just become free (contact done, break over, logged on) decides what next.
void ContactCentre::agent_ready(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  agent.state = AgentState::Idle;
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
  agent.state = AgentState::Idle;
  agent.idle_since_s = sched_.now();
  groups_[agent.group].idle.push_back({agent_id, ++agent.idle_token});
}

void ContactCentre::log_on(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  if (agent.state != AgentState::Off) {  // still finishing the previous stint: just stay
    agent.leave_pending = false;
    return;
  }
  ++staffed_;
  ++available_;
  agent.leave_pending = false;
  agent.break_pending = false;
  agent_ready(agent_id);
}

// Leaves now; only called for an agent who is idle (or just became free).
void ContactCentre::log_off(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
  TXSIM_ASSERT(agent.state == AgentState::Idle, "agent logged off while busy");
  ++agent.idle_token;
  agent.state = AgentState::Off;
  agent.leave_pending = false;
  agent.break_pending = false;
  --staffed_;
  --available_;
}

void ContactCentre::start_break(std::uint32_t agent_id, double duration_s) {
  Agent& agent = agents_[agent_id];
  ++agent.idle_token;
  agent.state = AgentState::OnBreak;
  --available_;
  sched_.schedule_in(duration_s, kBreakEnd, agent_id);
}

// An agent whose stint ends mid-contact (or mid-break) finishes it, then leaves.
void ContactCentre::request_leave(std::uint32_t agent_id) {
  Agent& agent = agents_[agent_id];
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
  const ShiftSpec& shift = *shifts_[static_cast<std::size_t>(agents_[agent_id].shift)].spec;
  log_on(agent_id);
  for (std::size_t b = 0; b < shift.breaks.size(); ++b)
    sched_.schedule_in(shift.breaks[b].start_after_h * 3600.0, kBreakStart, agent_id, static_cast<std::uint16_t>(b));
  sched_.schedule_in(shift.length_h * 3600.0, kShiftEnd, agent_id);
}

void ContactCentre::staff_to_headcount(GroupRuntime& group, int target) {
  int on = 0;
  for (const std::uint32_t a : group.agents)
    on += agents_[a].state != AgentState::Off && !agents_[a].leave_pending ? 1 : 0;
  // Cancel pending departures first: those agents are still here, mid-contact.
  for (auto it = group.agents.begin(); on < target && it != group.agents.end(); ++it) {
    Agent& a = agents_[*it];
    if (a.state != AgentState::Off && a.leave_pending) {
      a.leave_pending = false;
      ++on;
    }
  }
  for (auto it = group.agents.begin(); on < target && it != group.agents.end(); ++it) {
    if (agents_[*it].state == AgentState::Off) {
      log_on(*it);
      ++on;
    }
  }
  // Send idle agents home before interrupting anyone's contact.
  for (auto it = group.agents.rbegin(); on > target && it != group.agents.rend(); ++it) {
    if (agents_[*it].state == AgentState::Idle) {
      log_off(*it);
      --on;
    }
  }
  for (auto it = group.agents.rbegin(); on > target && it != group.agents.rend(); ++it) {
    Agent& a = agents_[*it];
    if (a.state != AgentState::Off && !a.leave_pending) {
      a.leave_pending = true;
      --on;
    }
  }
}

void ContactCentre::start_day(int day) {
  const SimTime day_start = day * kSecondsPerDay;
  const int weekday = (static_cast<int>(spec_.horizon.start_weekday) + day) % kDaysPerWeek;
  for (const ShiftRuntime& shift : shifts_) {
    if (!shift.spec->weekdays[static_cast<std::size_t>(weekday)]) continue;
    const SimTime start = day_start + shift.spec->start_h * 3600.0;
    if (start >= horizon_s_) continue;
    for (const std::uint32_t a : shift.agents) sched_.schedule_at(start, kShiftStart, a);
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
void ContactCentre::accumulate_levels(SimTime now) noexcept {
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

RunResult ContactCentre::run() {
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
  while (!sched_.empty() && sched_.next_time() <= horizon_s_) {
    const kernel::Event e = sched_.next();
    ++events;
    accumulate_levels(e.time);
    switch (e.kind) {
      case kArrival: on_arrival(e.aux); break;
      case kRedial: on_redial(e.aux); break;
      case kAbandonTimer: on_abandon_timer(e.target); break;
      case kTalkEnd: on_talk_end(e.target); break;
      case kWrapEnd:
        --busy_;
        agent_ready(e.target);
        break;
      case kBreakStart: on_break_start(e.target, e.aux); break;
      case kBreakEnd:
        ++available_;
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
  }
  const SimTime end = std::isfinite(horizon_s_) ? horizon_s_ : sched_.now();
  sched_.advance_to(std::max(end, sched_.now()));
  accumulate_levels(sched_.now());
  for (std::size_t t = 0; t < types_.size(); ++t) {
    change_waiting(t, 0);
    result_.type_totals[t].measured_s = result_.total().measured_s;
  }
  result_.end_s = sched_.now();
  result_.waiting_at_end = waiting_measured_;
  result_.pending_redials_at_end = pending_redials_;
  result_.events = events;
  const auto days = static_cast<std::size_t>(result_.days());
  if (result_.day_waits.size() < days) result_.day_waits.resize(days);
  return std::move(result_);
}

}  // namespace

RunResult simulate(const ScenarioSpec& spec, rng::RunSeed seed) {
  TXSIM_ASSERT(validate(spec).empty(), "simulate() called with a scenario that fails validate()");
  ContactCentre centre(spec, seed);
  return centre.run();
}

}  // namespace txsim::model
