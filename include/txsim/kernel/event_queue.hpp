#pragma once
// The discrete-event kernel: a clock and a priority queue of plain-data events.
//
// Events are ordered by (time, sequence number). The sequence number is assigned when an event
// is scheduled, so events due at the same instant run in the order they were scheduled
// (SimPy's rule), never in an order that depends on the heap layout. The kernel knows nothing
// of contacts or agents: an event is a kind and two integers that the model interprets.

#include <cstdint>
#include <limits>
#include <vector>

#include "txsim/kernel/assert.hpp"

namespace txsim::kernel {

/// Simulated time in seconds since the start of the run.
using SimTime = double;

inline constexpr SimTime kNever = std::numeric_limits<SimTime>::infinity();

/// One scheduled occurrence. Plain data: 24 bytes, copied by value.
struct Event {
  SimTime time = 0.0;    ///< when it happens [s]
  std::uint64_t seq = 0; ///< scheduling order, breaks ties between equal times
  std::uint16_t kind = 0;   ///< what happens; meaning defined by the model
  std::uint16_t aux = 0;    ///< small model-defined payload (e.g. a group or type index)
  std::uint32_t target = 0; ///< which entity it concerns (an index into a model table)
};

/// Min-heap of events keyed by (time, seq). A 4-ary heap: shallower than a binary heap, and the
/// four children of a node share a cache line pair, which matters once the heap holds
/// thousands of pending abandonments.
class EventQueue {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  [[nodiscard]] const Event& top() const noexcept {
    TXSIM_ASSERT(!heap_.empty(), "top() of an empty event queue");
    return heap_.front();
  }

  void push(const Event& e) {
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    TXSIM_ASSERT(!heap_.empty(), "pop() of an empty event queue");
    Event out = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return out;
  }

 private:
  static constexpr std::size_t kArity = 4;

  // Branch-free (time, seq) comparison: which child is smallest is a coin flip for the branch
  // predictor, so the short-circuit form mispredicts about half the time.
  static bool before(const Event& a, const Event& b) noexcept {
    return (a.time < b.time) | ((a.time == b.time) & (a.seq < b.seq));
  }

  void sift_up(std::size_t i) {
    const Event e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Places `e` (the former last element) starting from the root.
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
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
};

/// The clock plus the pending-event set. Scheduling in the past is a programming error.
///
/// Besides the heap, the scheduler has a few *slots*: each holds at most one pending event and
/// suits a recurring source that always has exactly one event pending (the next arrival of a
/// stream). A slot event costs no heap push or pop; slots are scanned linearly, so keep them
/// few. Slot events get sequence numbers like any other, so the (time, seq) order is exact.
class Scheduler {
 public:
  [[nodiscard]] SimTime now() const noexcept { return now_; }
  [[nodiscard]] bool empty() const noexcept { return queue_.empty() && earliest_slot_ == kNoSlot; }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size() + live_slots_; }
  [[nodiscard]] SimTime next_time() const noexcept {
    const SimTime heap_time = queue_.empty() ? kNever : queue_.top().time;
    const SimTime slot_time = earliest_slot_ == kNoSlot ? kNever : slots_[earliest_slot_].time;
    return heap_time < slot_time ? heap_time : slot_time;
  }
  void reserve(std::size_t n) { queue_.reserve(n); }

  void schedule_at(SimTime time, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    TXSIM_ASSERT(time >= now_, "event scheduled in the past");
    queue_.push(Event{time, next_seq_++, kind, aux, target});
  }
  void schedule_in(SimTime delay, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    schedule_at(now_ + delay, kind, target, aux);
  }

  /// Adds an empty slot and returns its index.
  std::uint32_t add_slot() {
    slots_.push_back(Event{kNever, 0, 0, 0, 0});
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  /// Sets the pending event of `slot`, replacing any it had.
  void schedule_slot(std::uint32_t slot, SimTime time, std::uint16_t kind, std::uint32_t target,
                     std::uint16_t aux = 0) {
    TXSIM_ASSERT(time >= now_, "event scheduled in the past");
    live_slots_ += slots_[slot].time == kNever ? 1 : 0;
    slots_[slot] = Event{time, next_seq_++, kind, aux, target};
    find_earliest_slot();
  }
  /// Removes the pending event of `slot`, if any.
  void clear_slot(std::uint32_t slot) {
    live_slots_ -= slots_[slot].time == kNever ? 0 : 1;
    slots_[slot].time = kNever;
    find_earliest_slot();
  }

  /// Removes the next event and advances the clock to its time.
  Event next() {
    if (earliest_slot_ != kNoSlot && (queue_.empty() || before(slots_[earliest_slot_], queue_.top()))) {
      const Event e = slots_[earliest_slot_];
      clear_slot(earliest_slot_);
      now_ = e.time;
      return e;
    }
    Event e = queue_.pop();
    now_ = e.time;
    return e;
  }

  /// Advances the clock without an event (to close statistics at the end of a horizon).
  void advance_to(SimTime t) {
    TXSIM_ASSERT(t >= now_, "clock moved backwards");
    now_ = t;
  }

 private:
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;

  static bool before(const Event& a, const Event& b) noexcept {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }

  void find_earliest_slot() noexcept {
    earliest_slot_ = kNoSlot;
    for (std::uint32_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].time != kNever && (earliest_slot_ == kNoSlot || before(slots_[i], slots_[earliest_slot_])))
        earliest_slot_ = i;
  }

  EventQueue queue_;
  std::vector<Event> slots_;
  std::uint32_t earliest_slot_ = kNoSlot;
  std::size_t live_slots_ = 0;
  SimTime now_ = 0.0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace txsim::kernel
