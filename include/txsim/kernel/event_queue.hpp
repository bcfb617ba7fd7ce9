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
  void clear() noexcept { heap_.clear(); }

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

  static bool before(const Event& a, const Event& b) noexcept {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
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
      const std::size_t last = first + kArity < n ? first + kArity : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < last; ++c)
        if (before(heap_[c], heap_[best])) best = c;
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
};

/// The clock plus the pending-event set. Scheduling in the past is a programming error.
class Scheduler {
 public:
  [[nodiscard]] SimTime now() const noexcept { return now_; }
  [[nodiscard]] bool empty() const noexcept { return queue_.empty(); }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size(); }
  [[nodiscard]] SimTime next_time() const noexcept { return queue_.empty() ? kNever : queue_.top().time; }
  [[nodiscard]] std::uint64_t scheduled_count() const noexcept { return next_seq_; }
  void reserve(std::size_t n) { queue_.reserve(n); }

  void schedule_at(SimTime time, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    TXSIM_ASSERT(time >= now_, "event scheduled in the past");
    queue_.push(Event{time, next_seq_++, kind, aux, target});
  }
  void schedule_in(SimTime delay, std::uint16_t kind, std::uint32_t target, std::uint16_t aux = 0) {
    schedule_at(now_ + delay, kind, target, aux);
  }

  /// Removes the next event and advances the clock to its time.
  Event next() {
    Event e = queue_.pop();
    now_ = e.time;
    return e;
  }

  /// Advances the clock without an event (to close statistics at the end of a horizon).
  void advance_to(SimTime t) {
    TXSIM_ASSERT(t >= now_, "clock moved backwards");
    now_ = t;
  }

  void reset() noexcept {
    queue_.clear();
    now_ = 0.0;
    next_seq_ = 0;
  }

 private:
  EventQueue queue_;
  SimTime now_ = 0.0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace txsim::kernel
