#pragma once
// The worker threads of one process: they take points from a source (a shared counter, or an MPI
// coordinator), evaluate them and hand the results to the one thread that owns the store. The
// queue between them is bounded, so memory stays flat however many points there are.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "txsim/experiment/replications.hpp"
#include "txsim/sweep/runner.hpp"

namespace txsim::sweep::detail {

/// `requested` threads, or one per hardware thread when 0.
inline int thread_count(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

// Finished points wait here for the thread that owns the store; the bound keeps memory flat
// when the store is slower than the workers.
class ResultQueue {
 public:
  explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}

  void push(PointResult&& r) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_ || abandoned_; });
    if (abandoned_) return;
    items_.push_back(std::move(r));
    not_empty_.notify_one();
  }
  // A result, or nullopt once every producer finished and the queue is empty.
  std::optional<PointResult> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || producers_ == 0; });
    if (items_.empty()) return std::nullopt;
    PointResult r = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return r;
  }
  // Like pop, without waiting: nullopt when nothing is ready; `done` once producers finished
  // and the queue is empty.
  std::optional<PointResult> try_pop(bool& done) {
    const std::lock_guard lock(mutex_);
    done = items_.empty() && producers_ == 0;
    if (items_.empty()) return std::nullopt;
    PointResult r = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return r;
  }
  void add_producer() {
    const std::lock_guard lock(mutex_);
    ++producers_;
  }
  void producer_done() {
    const std::lock_guard lock(mutex_);
    --producers_;
    not_empty_.notify_all();
  }
  // The consumer failed: producers must not block on a full queue.
  void abandon() {
    const std::lock_guard lock(mutex_);
    abandoned_ = true;
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::deque<PointResult> items_;
  int producers_ = 0;
  bool abandoned_ = false;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
};


class LocalPool {
 public:
  using Source = std::function<std::optional<std::uint64_t>()>;

  /// Starts `workers` threads, each evaluating points from `take` (called under a lock) with
  /// `threads_per_point` threads, until `take` returns nullopt, `stop` is raised or a worker fails.
  LocalPool(const SweepSpec& spec, const Design& design, int workers, int threads_per_point, Source take,
            const std::atomic<bool>* stop)
      : queue_(static_cast<std::size_t>(2 * std::max(workers, 1))), take_(std::move(take)), stop_(stop) {
    threads_.reserve(static_cast<std::size_t>(workers));
    for (int w = 0; w < workers; ++w) {
      queue_.add_producer();
      threads_.emplace_back([this, &spec, &design, threads_per_point] { work(spec, design, threads_per_point); });
    }
  }
  LocalPool(const LocalPool&) = delete;
  LocalPool& operator=(const LocalPool&) = delete;
  ~LocalPool() {
    failed_ = true;
    queue_.abandon();
  }

  /// Hands every result to `sink` on the calling thread until the workers are done; then rethrows
  /// a worker's failure. A failing sink stops the workers and is rethrown.
  void consume(const std::function<void(const PointResult&)>& sink) {
    try {
      while (auto result = queue_.pop()) sink(*result);
    } catch (...) {
      fail(std::current_exception());
    }
    join();
    if (failure_) std::rethrow_exception(failure_);
  }

  /// A finished result if one is waiting, without blocking; `done` set once the workers finished.
  std::optional<PointResult> poll(bool& done) { return queue_.try_pop(done); }

  /// Joins the workers and rethrows a failure.
  void finish() {
    join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work(const SweepSpec& spec, const Design& design, int threads_per_point) {
    try {
      while (!failed_ && !(stop_ && stop_->load())) {
        std::optional<std::uint64_t> point;
        {
          const std::lock_guard lock(take_mutex_);
          point = take_();
        }
        if (!point) break;
        queue_.push(evaluate_point(spec, design, *point, threads_per_point, stop_));
      }
    } catch (const experiment::Cancelled&) {
      // The point in flight is dropped; the next run evaluates it again.
    } catch (...) {
      fail(std::current_exception());
    }
    queue_.producer_done();
  }
  void fail(std::exception_ptr e) {
    const std::lock_guard lock(failure_mutex_);
    if (!failure_) failure_ = std::move(e);
    failed_ = true;
    queue_.abandon();
  }
  void join() {
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

  ResultQueue queue_;
  Source take_;
  std::mutex take_mutex_;
  const std::atomic<bool>* stop_;
  std::atomic<bool> failed_{false};
  std::exception_ptr failure_;
  std::mutex failure_mutex_;
  std::vector<std::jthread> threads_;
};

}  // namespace txsim::sweep::detail
