#pragma once
// FIFO ring buffer with power-of-two capacity. It grows by doubling and never shrinks, so a
// simulation in steady state pushes and pops without touching the allocator.

#include <cstdint>
#include <vector>

#include "txsim/kernel/assert.hpp"

namespace txsim::model::detail {

template <class T>
class RingQueue {
 public:
  [[nodiscard]] bool empty() const noexcept { return head_ == tail_; }
  [[nodiscard]] std::size_t size() const noexcept { return tail_ - head_; }

  void push_back(const T& v) {
    if (size() == buffer_.size()) grow();
    buffer_[tail_++ & mask_] = v;
  }
  [[nodiscard]] const T& front() const noexcept {
    TXSIM_ASSERT(!empty(), "front() of an empty ring queue");
    return buffer_[head_ & mask_];
  }
  void pop_front() noexcept {
    TXSIM_ASSERT(!empty(), "pop_front() of an empty ring queue");
    ++head_;
  }

 private:
  void grow() {
    const std::size_t old_capacity = buffer_.size();
    const std::size_t capacity = old_capacity == 0 ? 16 : old_capacity * 2;
    std::vector<T> next(capacity);
    for (std::size_t i = 0; i < old_capacity; ++i) next[i] = buffer_[(head_ + i) & mask_];
    buffer_ = std::move(next);
    mask_ = capacity - 1;
    head_ = 0;
    tail_ = old_capacity;
  }

  std::vector<T> buffer_;
  std::size_t mask_ = 0;
  std::size_t head_ = 0;  // monotone counters; only their difference and low bits matter
  std::size_t tail_ = 0;
};

}  // namespace txsim::model::detail
