#pragma once
#include <atomic>
// The contact-centre model's runtime state, shared by the queueing part (contact_centre.cpp) and
// the employee-dynamics part (workforce_runtime.cpp). Private to the model layer; tests may
// include it.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "ring_queue.hpp"
#include "txsim/kernel/assert.hpp"
#include "txsim/kernel/event_queue.hpp"
#include "txsim/model/contact_trace.hpp"
#include "txsim/model/results.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/rng/distribution.hpp"
#include "txsim/rng/stream.hpp"

namespace txsim::model::detail {

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
  kJourneyContact, // target = customer, aux = 1 when the customer goes straight to an agent
};

constexpr std::uint32_t kNoCustomer = UINT32_MAX;

// A customer with an issue, from first contact to resolution or giving up (with a customers
// section). Slots are recycled when the journey ends.
struct Customer {
  double frustration = 0.0;
  double agent_fatigue_sum = 0.0;  // fatigue of the agents met, summed over answered contacts
  std::uint64_t key = 0;           // counter-based draws: keyed_uniform(key, contact, purpose)
  std::uint32_t contacts = 0;      // agent attempts and self-service attempts so far
  std::uint32_t switches = 0;      // channel changes
  std::uint32_t answered = 0;      // agent contacts answered
  std::uint16_t type = 0;
  std::uint8_t segment = 0;
  std::uint8_t last_channel = 0;   // 0 none yet, 1 agent, 2 self-service
  bool measured = false;
  bool open = false;               // journey in progress (slot in use)
};

enum class AgentState : std::uint8_t { Off, Idle, Talking, WrapUp, OnBreak };

enum class Employment : std::uint8_t { Training, OnPhones, Left };
constexpr std::uint32_t kVacant = UINT32_MAX;

struct Agent {
  double idle_since_s = 0.0;
  double speed = 1.0;          // handle-time multiplier of this agent (group x individual)
  double wrap_s = 0.0;         // wrap-up owed for the current contact
  double pending_break_s = 0.0;
  std::uint32_t group = 0;
  std::uint32_t seat = 0;
  std::uint32_t idle_token = 0;  // invalidates stale entries of the group's idle queue
  std::int32_t shift = -1;       // index into shifts_, -1 when staffed by headcount
  AgentState state = AgentState::Off;
  bool leave_pending = false;  // leave when the current contact (or break) ends
  bool break_pending = false;  // take a break when the current contact ends

  // Employee dynamics (used only with a workforce section).
  Employment employment = Employment::OnPhones;
  bool absent_today = false;
  bool worked_today = false;
  bool quit_pending = false;     // quits when the current stint ends
  double fatigue = 0.0;          // in [0, 1), as of fatigue_since_s
  double fatigue_since_s = 0.0;
  double work_rate_per_s = 0.0;  // fatigue accumulation rate while working (may be 0 for a load of 0)
  bool working = false;          // talking or in wrap-up: fatigue follows the work law
  double rest_tau_s = 0.0;       // recovery time constant in the current state
  double last_contact_end_s = -kInfinity;  // back-to-back detection; reset by breaks and log-on
  double stint_start_s = 0.0;    // log-on time of the current stint
  double stint_due_end_s = 0.0;  // when the stint should end (shift end, or leave request)
  double strain = 0.0;
  double learning_handle = 1.0;      // learning-curve handle-time multiplier, set daily
  double learning_resolution = 1.0;  // learning-curve resolution multiplier, set daily
  double contact_load = 0.0;         // emotional load of the current contact (recovery breaks)
  std::uint32_t customer = kNoCustomer;  // customer of the current contact
  bool resolves = false;             // whether the current contact resolves the customer's issue
};

// A position on a shift or in a headcount group; agents come and go, seats stay.
struct Seat {
  std::uint32_t group = 0;
  std::int32_t shift = -1;
  std::uint32_t agent = kVacant;     // occupant (in training or on the phones)
  std::uint64_t key = 0;             // stream entity of the seat: (group name, position)
  std::uint32_t occupants = 0;       // agents who have held the seat, the initial one included
  int requisition_start_day = -1;    // start day of the hire in the pipeline, -1 = none
};

// Per-agent random streams for employee dynamics, kept apart from Agent so that the hot
// queueing loop does not drag 5 KB of engine state through the cache.
struct AgentStreams {
  rng::Stream absence, attrition;
  AgentStreams(const rng::RunSeed& seed, std::uint64_t entity)
      : absence(seed, "absence", entity), attrition(seed, "attrition", entity) {}
};

// What a customer brings to one attempt (common random numbers: a variant that changes, say,
// agent speed still sees the same customers). Without customer journeys the uniforms come from
// the type's streams and are drawn when the attempt is created, so that each stream's order does
// not depend on what happens to the attempt. With journeys they are pure functions of (customer
// key, contact number) and are drawn only when used: an attempt answered at once never draws its
// patience, balking or redial uniforms, and the values drawn are the same whenever they are.
struct Attempt {
  // Drawn from the streams (unkeyed attempts only).
  double patience_u = 0.5;  // quantile of the patience; turned into seconds only if the contact waits
  double handle_u = 0.5;
  double wrap_u = 0.5;
  double balk_u = 1.0;
  double redial_u = 1.0;
  double redial_delay_u = 0.5;
  std::uint64_t key = 0;   // the customer's key (keyed attempts)
  std::uint32_t index = 0; // the customer's contact number (keyed attempts)
  std::uint32_t customer = kNoCustomer;
  std::uint16_t type = 0;
  bool keyed = false;
  bool redial = false;
  bool repeat = false;  // about an issue a previous contact did not resolve

  [[nodiscard]] double patience() const noexcept { return keyed ? rng::keyed_uniform<"patience">(key, index) : patience_u; }
  [[nodiscard]] double handle() const noexcept { return keyed ? rng::keyed_uniform<"handle_time">(key, index) : handle_u; }
  [[nodiscard]] double wrap() const noexcept { return keyed ? rng::keyed_uniform<"after_call_work">(key, index) : wrap_u; }
  [[nodiscard]] double balk() const noexcept { return keyed ? rng::keyed_uniform<"balk">(key, index) : balk_u; }
  [[nodiscard]] double redial_choice() const noexcept { return keyed ? rng::keyed_uniform<"redial">(key, index) : redial_u; }
  [[nodiscard]] double redial_delay() const noexcept {
    return keyed ? rng::keyed_uniform<"redial-delay">(key, index) : redial_delay_u;
  }
};

// A contact waiting in a queue. Slots are recycled; `refs` counts the queue entry and the
// pending abandonment timer that still point at the slot, so a slot is reused only when no
// event or queue entry can reach it (no generation counters needed). The timer is a kernel
// timer named by the slot, cancelled when the contact is answered.
struct WaitingContact {
  double arrival_s = 0.0;
  Attempt attempt;
  std::uint32_t interval = 0;
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
  double emotional_load = 1.0;
  double resolution_probability = 1.0;
  int priority = 0;
  rng::Stream arrivals;
  AttributeStreams first_attempts;
  AttributeStreams redials;
  rng::Stream journeys;     // customer keys, one per first contact
  rng::Stream root_cause;   // thinning of removed demand, one per first contact
  double demand_removed_share = 0.0;
  double demand_removed_ramp_months = 0.0;
  double digital_eligible_share = 0.0;
  double digital_success_probability = 0.0;
  double digital_cost = 0.0;
  double digital_time_s = 0.0;
  RingQueue<std::uint32_t> queue;  // waiting-contact slots, oldest first
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
        emotional_load(t.emotional_load),
        resolution_probability(t.resolution_probability),
        priority(t.priority),
        arrivals(seed, "arrivals", rng::hash_purpose(t.name)),
        first_attempts(seed, "", rng::hash_purpose(t.name)),
        redials(seed, "redial-attempt/", rng::hash_purpose(t.name)),
        journeys(seed, "journey", rng::hash_purpose(t.name)),
        root_cause(seed, "root-cause", rng::hash_purpose(t.name)),
        demand_removed_share(t.demand_removed_share),
        demand_removed_ramp_months(t.demand_removed_ramp_months),
        digital_eligible_share(t.digital_eligible_share),
        digital_success_probability(t.digital_success_probability),
        digital_cost(t.digital_cost),
        digital_time_s(t.digital_time_s) {}

  // The share of first contacts removed at time now_s: it steps up by 30-day month, as the
  // business case counts months, so month m removes min(1, (m + 1) / ramp) of the full share.
  [[nodiscard]] double removed_share_at(double now_s) const noexcept {
    if (!(demand_removed_ramp_months > 0.0)) return demand_removed_share;
    const double month = std::floor(now_s / (30.0 * 86400.0));
    return demand_removed_share * std::min(1.0, (month + 1.0) / demand_removed_ramp_months);
  }

  // A customer's attempt: the same attributes, drawn from the customer's key and contact number
  // rather than from the type's streams, so they do not depend on how many attempts other
  // customers made (common random numbers across policies that change repeat contacts).
  static Attempt draw_keyed(std::uint16_t type, std::uint64_t key, std::uint32_t contact, bool is_redial, bool is_repeat) {
    Attempt a;
    a.type = type;
    a.redial = is_redial;
    a.repeat = is_repeat;
    a.keyed = true;
    a.key = key;
    a.index = contact;
    return a;
  }

  Attempt draw(std::uint16_t type, bool is_redial) {
    AttributeStreams& s = is_redial ? redials : first_attempts;
    Attempt a;
    a.type = type;
    a.redial = is_redial;
    if (patience.kind() != rng::DistributionKind::None) a.patience_u = s.patience.uniform();
    if (is_random(handle)) a.handle_u = s.handle.uniform();
    if (is_random(wrap)) a.wrap_u = s.wrap.uniform();
    if (balk_probability > 0.0) a.balk_u = s.balk.uniform();
    if (redial_probability > 0.0) {
      a.redial_u = s.redial.uniform();
      a.redial_delay_u = s.redial.uniform();
    }
    return a;
  }

  // Whether a duration depends on its uniform at all.
  static bool is_random(const rng::Sampler& d) noexcept {
    return d.kind() != rng::DistributionKind::Deterministic && d.kind() != rng::DistributionKind::None;
  }
};

struct GroupRuntime {
  std::vector<std::uint16_t> skills_by_priority;  // contact types, highest priority first
  std::vector<std::uint32_t> seats;
  std::vector<int> headcount;  // per interval of the day; empty when staffed by shifts
  RingQueue<std::pair<std::uint32_t, std::uint32_t>> idle;  // (agent, token), longest idle first
};

struct ShiftRuntime {
  const ShiftSpec* spec = nullptr;
  std::vector<std::uint32_t> seats;
};

class ContactCentre {
 public:
  ContactCentre(const ScenarioSpec& spec, rng::RunSeed seed);
  /// Runs to the end, or until `*stop` reads true (checked every kEventsPerStopCheck events).
  RunResult run(const std::atomic<bool>* stop = nullptr);
  void set_trace(ContactTraceSink* trace) noexcept { trace_ = trace; }

 private:
  // --- set-up
  void build_types();
  void build_groups();
  double day_volume_factor(int day);
  double arrival_rate_per_s(std::size_t type, std::uint64_t interval);

  // --- time and statistics
  // Inline: it runs once per event.
  [[gnu::always_inline]] inline void accumulate_levels(SimTime now) noexcept;
  void change_waiting(std::size_t type, int delta) noexcept;
  // Applies `update` to the counters of the attempt's interval and of its contact type.
  template <class Update>
  void count(std::uint32_t interval, std::uint16_t type, Update update) noexcept {
    update(result_.intervals[interval]);
    update(result_.type_totals[type]);
  }
  stats::WaitHistogram& day_waits(std::uint32_t interval);

  // --- demand
  void schedule_next_arrival(std::uint16_t type, SimTime from);
  void on_arrival(std::uint16_t type);
  void on_redial(std::uint16_t type, std::uint32_t customer);
  void offer(const Attempt& attempt);
  void fail_attempt(const Attempt& attempt);

  // --- customer journeys and channels (with a customers section)
  std::uint32_t start_journey(std::uint16_t type, std::uint64_t key);
  void on_journey_contact(std::uint32_t customer, bool agent_only);
  bool chooses_self_service(const Customer& customer, bool& forced_against_choice) const;
  void agent_attempt(std::uint32_t customer, bool repeat);
  void after_agent_contact(std::uint32_t customer, bool resolved);
  void end_journey(std::uint32_t customer, bool resolved);
  [[nodiscard]] double announced_wait_s() const noexcept;
  [[nodiscard]] double repeat_contact_time(double target_s, double u) const noexcept;

  // --- queues and routing
  std::uint32_t find_idle_agent(const TypeRuntime& type);
  bool head_is_live(TypeRuntime& type);
  std::uint32_t allocate_slot();
  void release_slot(std::uint32_t slot) noexcept;
  void enqueue(const Attempt& attempt, bool measured, std::uint32_t interval);
  void on_abandon_timer(std::uint32_t slot);
  bool serve_next_waiting(std::uint32_t agent);

  // --- agents
  void answer(std::uint32_t agent, const Attempt& attempt, double wait_s, bool measured, std::uint32_t interval);
  void on_talk_end(std::uint32_t agent);
  void on_contact_done(std::uint32_t agent);
  void agent_ready(std::uint32_t agent);
  void make_idle(std::uint32_t agent);
  void log_on(std::uint32_t agent);
  void log_off(std::uint32_t agent);
  void start_break(std::uint32_t agent, double duration_s);
  void request_leave(std::uint32_t agent);
  void on_break_start(std::uint32_t agent, std::uint16_t break_index);
  void on_shift_start(std::uint32_t agent);
  void set_state(Agent& agent, AgentState state, double work_load = 0.0) noexcept;
  [[nodiscard]] bool can_work_today(const Seat& seat) const noexcept;

  // --- employee dynamics (workforce_runtime.cpp)
  std::uint32_t hire(std::uint32_t seat, int day, double tenure_days);
  void init_workforce();
  void workforce_start_day(int day);
  void settle_previous_day(int day);
  void run_pipeline(int day);
  void open_requisition(Seat& seat, int day);
  void update_fatigue(Agent& agent, double now) noexcept;
  void end_stint(std::uint32_t agent);
  void leave_seat(std::uint32_t agent, int day);
  WorkforceCounters& workforce_counters(int day);
  void finish_workforce();
  WorkforceCounters& workforce_day();

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
  const std::atomic<bool>* stop_ = nullptr;
  ContactTraceSink* trace_ = nullptr;

  double interval_s_;
  int intervals_per_day_;
  double horizon_s_;                    // infinite in arrival-count mode
  std::uint64_t arrival_limit_;         // first attempts to generate in arrival-count mode
  std::uint64_t first_attempts_ = 0;
  bool arrivals_done_ = false;
  std::vector<double> profile_share_;   // normalised intraday profile
  // The intervals of the day with demand, in order, for placing repeat contacts: each with the
  // profile share summed over the open intervals before it, and that sum plus its own share
  // (non-decreasing, searched by the customer's uniform).
  struct OpenInterval {
    double index = 0.0;
    double share = 0.0;
    double share_before = 0.0;
  };
  std::vector<OpenInterval> open_intervals_;
  std::vector<double> open_interval_ends_;
  std::vector<double> day_factor_;      // per day: day-of-week factor x busyness, drawn lazily

  std::vector<TypeRuntime> types_;
  std::vector<double> next_unit_exp_;   // per type: remaining unit-rate mass to its next arrival
  std::vector<GroupRuntime> groups_;
  std::vector<ShiftRuntime> shifts_;
  std::vector<Agent> agents_;
  std::vector<Seat> seats_;
  const WorkforceSpec* workforce_ = nullptr;  // null: fixed roster
  const CustomerSpec* customers_ = nullptr;   // null: attempts without memory
  std::vector<Customer> customer_pool_;
  std::vector<std::uint32_t> free_customers_;
  double mean_handle_s_ = 0.0;                // demand-weighted talk + wrap-up, for announced waits
  std::vector<AgentStreams> agent_streams_;
  std::vector<rng::Stream> seat_streams_;     // no-show draws, per seat
  int current_day_ = -1;
  std::vector<std::uint32_t> staffing_scratch_;  // reused by staff_to_headcount
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
  // Abandonment timers cancelled because an agent answered first. The event count reports them
  // as handled events, as it did when they stayed in the heap until their time.
  std::uint64_t cancelled_timers_ = 0;
  std::uint64_t pending_redials_ = 0;
};

}  // namespace txsim::model::detail
