#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "txsim/kernel/event_queue.hpp"
#include "txsim/rng/stream.hpp"

using txsim::kernel::Event;
using txsim::kernel::EventQueue;
using txsim::kernel::Scheduler;
using txsim::kernel::kNever;

TEST_CASE("events come out in time order whatever order they were pushed in") {
  txsim::rng::Stream stream(42);
  EventQueue queue;
  std::vector<double> times;
  for (std::uint32_t i = 0; i < 10000; ++i) {
    const double t = stream.uniform() * 1000.0;
    times.push_back(t);
    queue.push(Event{t, i, 0, 0, i});
  }
  std::sort(times.begin(), times.end());
  for (const double expected : times) CHECK(queue.pop().time == expected);
  CHECK(queue.empty());
}

TEST_CASE("events due at the same time run in the order they were scheduled") {
  Scheduler sched;
  for (std::uint32_t i = 0; i < 100; ++i) sched.schedule_at(5.0, 1, i);
  sched.schedule_at(1.0, 2, 999);
  CHECK(sched.next().target == 999);
  for (std::uint32_t i = 0; i < 100; ++i) {
    const Event e = sched.next();
    CHECK(e.target == i);
    CHECK(sched.now() == 5.0);
  }
}

TEST_CASE("interleaved scheduling and popping keeps (time, sequence) order") {
  Scheduler sched;
  txsim::rng::Stream stream(7);
  std::vector<std::pair<double, std::uint64_t>> log;
  sched.schedule_at(0.0, 0, 0);
  for (int n = 0; n < 20000 && !sched.empty(); ++n) {
    const Event e = sched.next();
    log.emplace_back(e.time, e.seq);
    // Each event schedules 0-2 followers, some at the current instant.
    const int followers = static_cast<int>(stream.uniform() * 3.0);
    for (int f = 0; f < followers; ++f) {
      const double delay = stream.uniform() < 0.3 ? 0.0 : stream.uniform();
      sched.schedule_in(delay, 0, 0);
    }
    if (sched.empty()) sched.schedule_in(1.0, 0, 0);
  }
  CHECK(std::is_sorted(log.begin(), log.end()));
}

TEST_CASE("the clock advances to each event and never moves backwards") {
  Scheduler sched;
  sched.schedule_at(2.5, 0, 0);
  sched.schedule_in(1.0, 0, 1);
  CHECK(sched.next_time() == 1.0);
  sched.next();
  CHECK(sched.now() == 1.0);
  sched.schedule_in(0.5, 0, 2);
  CHECK(sched.next().time == 1.5);
  CHECK(sched.next().time == 2.5);
  CHECK(sched.empty());
  CHECK(sched.next_time() == txsim::kernel::kNever);
  sched.advance_to(10.0);
  CHECK(sched.now() == 10.0);
}

TEST_CASE("an event is 24 bytes of plain data") {
  static_assert(std::is_trivially_copyable_v<Event>);
  CHECK(sizeof(Event) == 24);
}

TEST_CASE("slot events interleave with heap events in exact (time, sequence) order") {
  Scheduler sched;
  const std::uint32_t slot = sched.add_slot();
  const std::uint32_t other = sched.add_slot();
  sched.schedule_at(2.0, 0, 1);
  sched.schedule_slot(slot, 2.0, 0, 2);  // same time, scheduled later: runs after target 1
  sched.schedule_slot(other, 1.0, 0, 3);
  sched.schedule_at(3.0, 0, 4);
  CHECK(sched.pending() == 4);
  CHECK(sched.next_time() == 1.0);
  CHECK(sched.next().target == 3);
  CHECK(sched.next().target == 1);
  CHECK(sched.next().target == 2);
  sched.schedule_slot(slot, 2.5, 0, 5);
  sched.schedule_slot(slot, 2.7, 0, 6);  // replaces target 5
  CHECK(sched.pending() == 2);
  CHECK(sched.next().target == 6);
  sched.schedule_slot(other, 10.0, 0, 7);
  sched.clear_slot(other);
  CHECK(sched.next().target == 4);
  CHECK(sched.empty());
}

TEST_CASE("cancelled timers never fire and the rest keep exact (time, sequence) order") {
  // A random mix of heap events, timers and cancellations against a sorted reference list.
  txsim::rng::Stream stream(7);
  Scheduler sched;
  struct Expected {
    double time;
    std::uint64_t order;
    std::uint32_t target;
  };
  std::vector<Expected> expected;
  std::vector<bool> timer_live(2000, false);
  std::uint64_t order = 0;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    // Coarse times so that ties between heap events and timers are common.
    const double t = std::floor(stream.uniform() * 200.0);
    if (stream.uniform() < 0.5) {
      sched.schedule_at(t, 0, 10000 + i);
      expected.push_back({t, order++, 10000 + i});
    } else {
      sched.schedule_timer_in(t, 1, i);
      expected.push_back({t, order++, i});
      timer_live[i] = true;
    }
  }
  for (std::uint32_t i = 0; i < 2000; i += 3) {
    CHECK(sched.cancel_timer(i) == timer_live[i]);
    CHECK_FALSE(sched.cancel_timer(i));  // a second cancel finds nothing
    if (!timer_live[i]) continue;
    timer_live[i] = false;
    expected.erase(std::find_if(expected.begin(), expected.end(), [i](const Expected& e) { return e.target == i; }));
  }
  std::sort(expected.begin(), expected.end(),
            [](const Expected& a, const Expected& b) { return a.time < b.time || (a.time == b.time && a.order < b.order); });
  CHECK(sched.pending() == expected.size());
  for (const Expected& e : expected) {
    const Event got = sched.next();
    CHECK(got.time == e.time);
    CHECK(got.target == e.target);
  }
  CHECK(sched.empty());
}

TEST_CASE("a timer's target can be scheduled again once its timer fired or was cancelled") {
  Scheduler sched;
  sched.schedule_timer_in(5.0, 1, 3);
  CHECK(sched.cancel_timer(3));
  sched.schedule_timer_in(4.0, 1, 3);
  sched.schedule_at(4.0, 0, 8);  // same time, scheduled later
  CHECK(sched.next().target == 3);
  sched.schedule_timer_in(1.0, 1, 3);
  CHECK(sched.next().target == 8);
  CHECK(sched.next().time == 5.0);
  CHECK(sched.empty());
}

TEST_CASE("next_until takes events up to and including the limit, from every set, in order") {
  Scheduler sched;
  const std::uint32_t slot = sched.add_slot();
  sched.schedule_at(3.0, 0, 1);
  sched.schedule_timer_in(2.0, 0, 2);
  sched.schedule_slot(slot, 1.0, 0, 3);
  sched.schedule_at(5.0, 0, 4);
  Event e;
  std::vector<std::uint32_t> order;
  while (sched.next_until(3.0, e)) order.push_back(e.target);
  CHECK(order == std::vector<std::uint32_t>{3, 2, 1});
  CHECK(sched.now() == 3.0);
  CHECK(sched.pending() == 1);
  CHECK_FALSE(sched.next_until(4.9, e));
  CHECK(sched.now() == 3.0);
  CHECK(sched.next_until(kNever, e));
  CHECK(e.target == 4);
  CHECK_FALSE(sched.next_until(kNever, e));
}

TEST_CASE("events spread over many near windows, ties and infinity included, keep (time, sequence) order") {
  txsim::rng::Stream stream(3);
  Scheduler sched;
  struct Expected {
    double time;
    std::uint32_t target;
  };
  std::vector<Expected> expected;
  std::uint32_t target = 0;
  const auto schedule = [&](double delay) {
    sched.schedule_in(delay, 0, target);
    expected.push_back({sched.now() + delay, target++});
  };
  schedule(txsim::kernel::kNever);
  for (int i = 0; i < 5000; ++i) {
    // Delays from seconds to days, on a coarse grid so that equal times are common.
    schedule(std::floor(std::exp(stream.uniform() * 12.0)));
    if (i % 3 == 0) {
      std::stable_sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) { return a.time < b.time; });
      const Event e = sched.next();
      CHECK(e.target == expected.front().target);
      expected.erase(expected.begin());
    }
  }
  std::stable_sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) { return a.time < b.time; });
  for (const Expected& x : expected) CHECK(sched.next().target == x.target);
  CHECK(sched.empty());
}

TEST_CASE("far events keep (time, sequence) order across window edges and beyond the ring of windows") {
  // Times on the edges of the far set's windows, one ulp either side of them, and months ahead
  // (past the ring, so they wait in the overflow list and are redistributed later).
  txsim::rng::Stream stream(11);
  EventQueue queue;
  std::vector<Event> pushed;
  std::uint64_t seq = 0;
  const auto push = [&](double t) {
    const Event e{t, seq++, 0, 0, 0};
    queue.push(e);
    pushed.push_back(e);
  };
  const double window = EventQueue::kWindow;
  const double ring = window * static_cast<double>(EventQueue::kRingWindows);
  double now = 0.0;
  std::vector<Event> popped;
  for (int i = 0; i < 20000; ++i) {
    const double u = stream.uniform();
    const double edge = (std::floor(now / window) + 1.0 + std::floor(stream.uniform() * 300.0)) * window;
    if (u < 0.25) {
      push(edge);
    } else if (u < 0.4) {
      push(std::nextafter(edge, 0.0));
    } else if (u < 0.5) {
      push(std::nextafter(edge, kNever));
    } else if (u < 0.6) {
      push(now + stream.uniform() * 10.0 * ring);
    } else {
      push(now + stream.uniform() * 3.0 * window);
    }
    if (i % 2 == 0) {
      popped.push_back(queue.pop());
      now = popped.back().time;
    }
  }
  while (!queue.empty()) popped.push_back(queue.pop());
  std::sort(pushed.begin(), pushed.end(), txsim::kernel::runs_before);
  REQUIRE(popped.size() == pushed.size());
  for (std::size_t i = 0; i < popped.size(); ++i) {
    CHECK(popped[i].time == pushed[i].time);
    CHECK(popped[i].seq == pushed[i].seq);
  }
  CHECK(queue.size() == 0);
}
