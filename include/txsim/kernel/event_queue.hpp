#pragma once
// The discrete-event kernel: a clock and a priority queue of plain-data events.
//
// Events are ordered by (time, sequence number). The sequence number is assigned when an event
// is scheduled, so events due at the same instant run in the order they were scheduled
// (SimPy's rule), never in an order that depends on the heap layout. The kernel knows nothing
// of contacts or agents: an event is a kind and two integers that the model interprets.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "txsim/kernel/assert.hpp"

namespace txsim::kernel {

/// Simulated time in seconds since the start of the run.
using SimTime = double;

inline constexpr SimTime kNever = std::numeric_limits<SimTime>::infinity();

__extension__ typedef unsigned __int128 OrderKey;  // GCC and Clang

/// One scheduled occurrence. Plain data: 24 bytes, copied by value.
struct Event {
  SimTime time = 0.0;    ///< when it happens [s]
  std::uint64_t seq = 0; ///< scheduling order, breaks ties between equal times
  std::uint16_t kind = 0;   ///< what happens; meaning defined by the model
  std::uint16_t aux = 0;    ///< small model-defined payload (e.g. a group or type index)
  std::uint32_t target = 0; ///< which entity it concerns (an index into a model table)
};

/// Whether `a` runs before `b`: (time, seq) compared as one 128-bit unsigned integer. Event times
/// are never negative, NaN or -0 (the Scheduler makes sure), and the bits of non-negative doubles
/// order like the doubles. Branch-free, which matters in a heap: which child is the smallest is
/// a coin flip for the branch predictor.
[[nodiscard]] inline bool runs_before(const Event& a, const Event& b) noexcept {
  const OrderKey ka = (OrderKey{std::bit_cast<std::uint64_t>(a.time)} << 64) | a.seq;
  const OrderKey kb = (OrderKey{std::bit_cast<std::uint64_t>(b.time)} << 64) | b.seq;
  return ka < kb;
}

/// Pending events in (time, seq) order, in two levels: a 4-ary min-heap of the events due before
/// `near_limit_` and, for the later ones (breaks and shift ends hours ahead, repeat contacts days
/// ahead), unsorted buckets of one window of kWindow seconds each. When the heap runs dry, the
/// next non-empty window moves into it. The heap stays as small as the near future, so each pop
/// sifts through fewer levels, and a far event costs an append and one later move instead of a
/// sift. The buckets form a ring over the next kRingWindows windows; events beyond it wait in an
/// overflow list that is redistributed when the ring reaches them. A 4-ary heap: shallower than a
/// binary heap, and the four children of a node share a cache line pair.
/// Invariant: every heap event is due before `near_limit_` <= every far event (or all are at
/// infinity); the heap is empty only when the far set is. A far event of window w is due in
/// [w kWindow, (w + 1) kWindow); window bounds are exact, being integers times kWindow.
class EventQueue {
 public:
  static constexpr SimTime kWindow = 900.0;
  static constexpr std::size_t kRingWindows = 256;  // 64 hours ahead

  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size() + far_count_; }
  [[nodiscard]] const Event& top() const noexcept {
    TXSIM_ASSERT(!heap_.empty(), "top() of an empty event queue");
    return heap_.front();
  }

  void push(const Event& e) {
    if (e.time < near_limit_) {
      push_near(e);
      return;
    }
    push_far(e);
  }

  Event pop() {
    TXSIM_ASSERT(!heap_.empty(), "pop() of an empty event queue");
    const Event out = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      sift_down(last);
    } else if (far_count_ > 0) {
      refill();
    }
    return out;
  }

 private:
  static constexpr std::size_t kArity = 4;

  static bool before(const Event& a, const Event& b) noexcept { return runs_before(a, b); }

  // floor(time / kWindow), exact although the quotient is rounded: for time < k kWindow the
  // exact quotient lies more than half an ulp of k below k (ulp(k kWindow) / kWindow >
  // ulp(k) / 2), so it never rounds up to k. Infinity for an event at infinity.
  static double window_of(SimTime time) noexcept { return std::floor(time / kWindow); }

  std::vector<Event>& bucket(double window) noexcept {
    return ring_[static_cast<std::uint64_t>(window) % kRingWindows];
  }

  // Out of line, with refill(): the near path is the hot one and should inline into callers.
  [[gnu::noinline]] void push_far(const Event& e) {
    ++far_count_;
    const double w = window_of(e.time);
    if (w < ring_start_ + static_cast<double>(kRingWindows)) {
      bucket(w).push_back(e);
    } else {
      overflow_.push_back(e);
      overflow_earliest_ = std::min(overflow_earliest_, e.time);
    }
    if (heap_.empty()) refill();
  }

  // Moves the far events of the next non-empty window into the (empty) heap.
  [[gnu::noinline]] void refill() {
    double w = ring_start_;
    const double ring_end = ring_start_ + static_cast<double>(kRingWindows);
    while (w < ring_end && bucket(w).empty()) w += 1.0;
    if (w == ring_end) {
      // The ring is empty: the earliest far events are in the overflow list.
      if (!std::isfinite(overflow_earliest_)) {
        // Only events at infinity are left; they run in sequence order after everything else.
        for (const Event& e : overflow_) push_near(e);
        far_count_ = 0;
        overflow_.clear();
        near_limit_ = kNever;
        return;
      }
      ring_start_ = window_of(overflow_earliest_);
      redistribute_overflow();
      w = ring_start_;
    }
    std::vector<Event>& events = bucket(w);
    for (const Event& e : events) push_near(e);
    far_count_ -= events.size();
    events.clear();
    ring_start_ = w + 1.0;
    near_limit_ = ring_start_ * kWindow;
    if (overflow_earliest_ < (ring_start_ + static_cast<double>(kRingWindows)) * kWindow) redistribute_overflow();
  }

  // Moves the overflow events that fall in the ring's windows into their buckets.
  void redistribute_overflow() {
    const double ring_end = ring_start_ + static_cast<double>(kRingWindows);
    overflow_earliest_ = kNever;
    std::size_t kept = 0;
    for (const Event& e : overflow_) {
      const double w = window_of(e.time);
      if (w < ring_end) {
        bucket(w).push_back(e);
      } else {
        overflow_[kept++] = e;
        overflow_earliest_ = std::min(overflow_earliest_, e.time);
      }
    }
    overflow_.resize(kept);
  }

  void push_near(const Event& e) {
    // The new event stays in registers while the hole moves up: writing it first and reading it
    // back would stall on store forwarding.
    std::size_t i = heap_.size();
    heap_.emplace_back();
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Places `e` (the former last element) starting from the root. Floyd's variant: the hole
  // goes down to a leaf along the smallest children without comparing with `e`, then `e` rises
  // from there. The last element of a heap belongs near the bottom, so it rarely rises far, and
  // each level costs three comparisons instead of four.
  void sift_down(const Event& e) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      if (first + kArity <= n) {
        const std::size_t b01 = before(heap_[first + 1], heap_[first]) ? first + 1 : first;
        const std::size_t b23 = before(heap_[first + 3], heap_[first + 2]) ? first + 3 : first + 2;
        best = before(heap_[b23], heap_[b01]) ? b23 : b01;
      } else {
        for (std::size_t c = first + 1; c < n; ++c)
          if (before(heap_[c], heap_[best])) best = c;
      }
      heap_[i] = heap_[best];
      i = best;
    }
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
  std::array<std::vector<Event>, kRingWindows> ring_;  // far events of window w in ring_[w % size]
  std::vector<Event> overflow_;                        // far events of windows past the ring
  double ring_start_ = 0.0;      // first window of the ring; windows before it are empty
  SimTime near_limit_ = 0.0;     // ring_start_ * kWindow, or infinity once only infinite events remain
  SimTime overflow_earliest_ = kNever;
  std::size_t far_count_ = 0;
};

/// Min-heap of *cancellable* events keyed by (time, seq). A pending event is named by its
/// `target`: each target has at most one pending event here, and `cancel(target)` removes it in
/// O(log n). Suits timers that are usually overtaken (a caller's patience, cut short when an
/// agent answers): cancelling them at once keeps them out of the main heap, where they would
/// sit as stale entries until their time came.
class TimerQueue {
 public:
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  [[nodiscard]] const Event& top() const noexcept {
    TXSIM_ASSERT(!heap_.empty(), "top() of an empty timer queue");
    return heap_.front();
  }
  [[nodiscard]] bool pending(std::uint32_t target) const noexcept {
    return target < position_.size() && position_[target] != kAbsent;
  }

  /// Precondition: no event for `e.target` is pending.
  void push(const Event& e) {
    if (e.target >= position_.size()) position_.resize(std::size_t{e.target} + 1, kAbsent);
    TXSIM_ASSERT(position_[e.target] == kAbsent, "a second pending timer for one target");
    heap_.emplace_back();
    sift_up(heap_.size() - 1, e);
  }

  Event pop() {
    TXSIM_ASSERT(!heap_.empty(), "pop() of an empty timer queue");
    const Event out = heap_.front();
    remove_at(0);
    return out;
  }

  /// Removes the pending event of `target`; false when it has none.
  bool cancel(std::uint32_t target) {
    if (!pending(target)) return false;
    remove_at(position_[target]);
    return true;
  }

 private:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;

  static bool before(const Event& a, const Event& b) noexcept { return runs_before(a, b); }

  void place(std::size_t i, const Event& e) noexcept {
    heap_[i] = e;
    position_[e.target] = static_cast<std::uint32_t>(i);
  }

  void remove_at(std::size_t i) {
    position_[heap_[i].target] = kAbsent;
    const Event last = heap_.back();
    heap_.pop_back();
    if (i == heap_.size()) return;
    if (i > 0 && before(last, heap_[(i - 1) / 2])) {
      sift_up(i, last);
    } else {
      sift_down(i, last);
    }
  }

  // Moves the hole at `i` up until `e` fits there.
  void sift_up(std::size_t i, const Event& e) noexcept {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, e);
  }

  // Moves the hole at `i` down until `e` fits there.
  void sift_down(std::size_t i, const Event& e) noexcept {
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], e)) break;
      place(i, heap_[child]);
      i = child;
    }
    place(i, e);
  }

  std::vector<Event> heap_;
  std::vector<std::uint32_t> position_;  // by target: index in heap_, or kAbsent
};

/// The clock plus the pending-event set. Scheduling in the past is a programming error.
///
/// Besides the heap, the scheduler has a few *slots*: each holds at most one pending event and
/// suits a recurring source that always has exactly one event pending (the next arrival of a
/// stream). A slot event costs no heap push or pop; slots are scanned linearly, so keep them
/// few. Cancellable *timers* live in a third set (TimerQueue). Slot and timer events get
/// sequence numbers like any other, so the (time, seq) order over all three sets is exact.
class Scheduler {
 public:
  [[nodiscard]] SimTime now() const noexcept { return now_; }
  [[nodiscard]] bool empty() const noexcept {
    return queue_.empty() && timers_.empty() && earliest_slot_ == kNoSlot;
  }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size() + timers_.size() + live_slots_; }
  [[nodiscard]] SimTime next_time() const noexcept {
    const SimTime heap_time = queue_.empty() ? kNever : queue_.top().time;
    const SimTime timer_time = timers_.empty() ? kNever : timers_.top().time;
    const SimTime slot_time = earliest_slot_ == kNoSlot ? kNever : slots_[earliest_slot_].time;
    return std::min(heap_time, std::min(timer_time, slot_time));
  }
  void reserve(std::size_t n) { queue_.reserve(n); }

  void schedule_at(SimTime time, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    queue_.push(Event{checked(time), next_seq_++, kind, aux, target});
  }
  void schedule_in(SimTime delay, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    schedule_at(now_ + delay, kind, target, aux);
  }

  /// Schedules a cancellable event `delay` from now. At most one timer per `target` is pending.
  void schedule_timer_in(SimTime delay, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    timers_.push(Event{checked(now_ + delay), next_seq_++, kind, aux, target});
  }
  /// Removes the pending timer of `target`; false when it has none.
  bool cancel_timer(std::uint32_t target) { return timers_.cancel(target); }

  /// Adds an empty slot and returns its index.
  std::uint32_t add_slot() {
    slots_.push_back(Event{kNever, 0, 0, 0, 0});
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  /// Sets the pending event of `slot`, replacing any it had.
  void schedule_slot(std::uint32_t slot, SimTime time, std::uint16_t kind, std::uint32_t target,
                     std::uint16_t aux = 0) {
    live_slots_ += slots_[slot].time == kNever ? 1 : 0;
    slots_[slot] = Event{checked(time), next_seq_++, kind, aux, target};
    // Only a later time for the earliest slot itself can make another slot the earliest.
    if (earliest_slot_ == slot) {
      find_earliest_slot();
    } else if (earliest_slot_ == kNoSlot || before(slots_[slot], slots_[earliest_slot_])) {
      earliest_slot_ = slot;
    }
  }
  /// Removes the pending event of `slot`, if any.
  void clear_slot(std::uint32_t slot) {
    live_slots_ -= slots_[slot].time == kNever ? 0 : 1;
    slots_[slot].time = kNever;
    if (earliest_slot_ == slot) find_earliest_slot();
  }

  /// Removes the next event and advances the clock to its time.
  Event next() {
    const bool timer_first = !timers_.empty() && (queue_.empty() || before(timers_.top(), queue_.top()));
    const Event* first = timer_first ? &timers_.top() : queue_.empty() ? nullptr : &queue_.top();
    if (earliest_slot_ != kNoSlot && (first == nullptr || before(slots_[earliest_slot_], *first))) {
      const Event e = slots_[earliest_slot_];
      clear_slot(earliest_slot_);
      now_ = e.time;
      return e;
    }
    const Event e = timer_first ? timers_.pop() : queue_.pop();
    now_ = e.time;
    return e;
  }

  /// Removes the next event into `out` and advances the clock to its time, if there is one due
  /// at or before `limit`; otherwise returns false and changes nothing. One pass over the three
  /// sets, for the event loop.
  bool next_until(SimTime limit, Event& out) {
    const Event* first = queue_.empty() ? nullptr : &queue_.top();
    bool from_timers = false;
    if (!timers_.empty() && (first == nullptr || before(timers_.top(), *first))) {
      first = &timers_.top();
      from_timers = true;
    }
    if (earliest_slot_ != kNoSlot && (first == nullptr || before(slots_[earliest_slot_], *first))) {
      if (!(slots_[earliest_slot_].time <= limit)) return false;
      out = slots_[earliest_slot_];
      clear_slot(earliest_slot_);
    } else {
      if (first == nullptr || !(first->time <= limit)) return false;
      out = from_timers ? timers_.pop() : queue_.pop();
    }
    now_ = out.time;
    return true;
  }

  /// Advances the clock without an event (to close statistics at the end of a horizon).
  void advance_to(SimTime t) {
    TXSIM_ASSERT(t >= now_, "clock moved backwards");
    now_ = t;
  }

 private:
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;

  static bool before(const Event& a, const Event& b) noexcept { return runs_before(a, b); }

  // +0.0 turns a -0.0 into +0.0 and leaves every other time as it is.
  [[nodiscard]] SimTime checked(SimTime time) const noexcept {
    TXSIM_ASSERT(time >= now_, "event scheduled in the past");
    return time + 0.0;
  }

  void find_earliest_slot() noexcept {
    earliest_slot_ = kNoSlot;
    for (std::uint32_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].time != kNever && (earliest_slot_ == kNoSlot || before(slots_[i], slots_[earliest_slot_])))
        earliest_slot_ = i;
  }

  EventQueue queue_;
  TimerQueue timers_;
  std::vector<Event> slots_;
  std::uint32_t earliest_slot_ = kNoSlot;
  std::size_t live_slots_ = 0;
  SimTime now_ = 0.0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace txsim::kernel
