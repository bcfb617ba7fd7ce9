// The floor for the Erlang A throughput benchmark: the smallest hand-written event loop of the
// model in scenarios/bench/erlang_a_10m.yaml (M/M/c+M, FIFO), against which the whole `txsim
// run` process is timed (bench/compare_floor.sh). It is what a competent programmer would write
// for this one model and nothing else:
// - a binary heap of 16-byte events (time, payload), arrivals and service ends alike;
// - one FIFO queue of waiting contacts with lazy abandonment: a contact carries its deadline and
//   is dropped, as abandoned at its deadline, when a server reaches it too late, so abandonment
//   costs no event;
// - std::mt19937_64 and inverse-transform exponentials, patience drawn only for contacts that
//   wait.
// It computes the same headline figures as txsim (offered, answered, abandoned, waits, service
// level, busy and queue-length time integrals; counts by arrival interval), so that the two
// programs do comparable work; the numbers agree statistically, not draw for draw.
//
// usage: erlang_a_floor [arrivals] [agents] [rate_per_hour] [mean_handle_s] [mean_patience_s]

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

struct Event {
  double time;
  std::uint64_t payload;  // kArrival or kServiceEnd
};
static_assert(sizeof(Event) == 16);

constexpr std::uint64_t kArrival = 0;
constexpr std::uint64_t kServiceEnd = 1;

class BinaryHeap {
 public:
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  void push(Event e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!(e.time < heap_[parent].time)) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  Event pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    std::size_t i = 0;
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1].time < heap_[child].time) ++child;
      if (!(heap_[child].time < last.time)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = last;
    return top;
  }

 private:
  std::vector<Event> heap_;
};

struct Waiting {
  double arrival;
  double deadline;
  std::uint32_t interval;
};

// FIFO ring buffer, grown by doubling.
class Fifo {
 public:
  [[nodiscard]] bool empty() const { return head_ == tail_; }
  void push(const Waiting& w) {
    if (tail_ - head_ == buffer_.size()) grow();
    buffer_[tail_++ & (buffer_.size() - 1)] = w;
  }
  const Waiting& front() const { return buffer_[head_ & (buffer_.size() - 1)]; }
  void pop() { ++head_; }

 private:
  void grow() {
    std::vector<Waiting> next(buffer_.empty() ? 64 : buffer_.size() * 2);
    for (std::size_t i = head_; i < tail_; ++i) next[i - head_] = buffer_[i & (buffer_.size() - 1)];
    tail_ -= head_;
    head_ = 0;
    buffer_ = std::move(next);
  }
  std::vector<Waiting> buffer_;
  std::size_t head_ = 0;
  std::size_t tail_ = 0;
};

struct Counters {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, answered_within = 0;
  double wait_answered_s = 0.0, wait_abandoned_s = 0.0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t arrivals = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const std::uint32_t agents = argc > 2 ? static_cast<std::uint32_t>(std::atoi(argv[2])) : 100;
  const double rate_per_s = (argc > 3 ? std::atof(argv[3]) : 5700.0) / 3600.0;
  const double mean_handle_s = argc > 4 ? std::atof(argv[4]) : 60.0;
  const double mean_patience_s = argc > 5 ? std::atof(argv[5]) : 120.0;
  constexpr double kIntervalS = 3600.0;
  constexpr double kThresholdS = 20.0;

  const auto start = std::chrono::steady_clock::now();
  std::mt19937_64 engine(1);
  const auto exponential = [&engine](double mean) {
    const double u = (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
    return -mean * std::log(1.0 - u);
  };

  BinaryHeap events;
  Fifo queue;
  std::vector<Counters> intervals;
  std::uint32_t busy = 0;
  double busy_s = 0.0;  // integral of busy servers = sum of service times
  std::uint64_t generated = 0;
  std::uint64_t event_count = 0;

  const auto serve = [&](double now, double wait_s, std::uint32_t interval) {
    const double service_s = exponential(mean_handle_s);
    busy_s += service_s;
    Counters& c = intervals[interval];
    ++c.answered;
    c.wait_answered_s += wait_s;
    c.answered_within += wait_s <= kThresholdS ? 1 : 0;
    events.push({now + service_s, kServiceEnd});
  };

  // Servers are interchangeable: only their number matters.
  events.push({exponential(1.0 / rate_per_s), kArrival});
  while (!events.empty()) {
    const Event e = events.pop();
    ++event_count;
    const double now = e.time;
    if (e.payload == kArrival) {
      const auto interval = static_cast<std::uint32_t>(now / kIntervalS);
      if (intervals.size() <= interval) intervals.resize(interval + 1);
      ++intervals[interval].offered;
      if (busy < agents) {
        ++busy;
        serve(now, 0.0, interval);
      } else {
        queue.push({now, now + exponential(mean_patience_s), interval});
      }
      if (++generated < arrivals) events.push({now + exponential(1.0 / rate_per_s), kArrival});
      continue;
    }
    // A service ends: the server takes the first contact still waiting.
    bool served = false;
    while (!queue.empty()) {
      const Waiting w = queue.front();
      queue.pop();
      if (w.deadline <= now) {
        Counters& c = intervals[w.interval];
        ++c.abandoned;
        c.wait_abandoned_s += w.deadline - w.arrival;
        continue;
      }
      serve(now, now - w.arrival, w.interval);
      served = true;
      break;
    }
    if (!served) --busy;
  }
  // Contacts still queued when the last server finished have all abandoned by their deadlines.
  while (!queue.empty()) {
    const Waiting w = queue.front();
    queue.pop();
    ++intervals[w.interval].abandoned;
    intervals[w.interval].wait_abandoned_s += w.deadline - w.arrival;
  }

  Counters total;
  for (const Counters& c : intervals) {
    total.offered += c.offered;
    total.answered += c.answered;
    total.abandoned += c.abandoned;
    total.answered_within += c.answered_within;
    total.wait_answered_s += c.wait_answered_s;
    total.wait_abandoned_s += c.wait_abandoned_s;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double offered = static_cast<double>(total.offered);
  std::printf("offered %llu answered %llu abandoned %llu events %llu\n",
              static_cast<unsigned long long>(total.offered), static_cast<unsigned long long>(total.answered),
              static_cast<unsigned long long>(total.abandoned), static_cast<unsigned long long>(event_count));
  std::printf("service_level %.5f abandon_rate %.5f asa_s %.3f mean_queue_wait_s %.3f busy_agent_s %.6g\n",
              static_cast<double>(total.answered_within) / offered, static_cast<double>(total.abandoned) / offered,
              total.wait_answered_s / static_cast<double>(total.answered),
              (total.wait_answered_s + total.wait_abandoned_s) / offered, busy_s);
  std::printf("loop_seconds %.3f\n", seconds);
  return 0;
}
