#pragma once

#include <cassert>
#include <limits>

namespace txsim::stats {

// Time integral and time average of a piecewise-constant level such as the queue length
// or the number of busy agents: the area grows by level * (t - last change) at each
// change, so the result is exact for the trajectory (up to floating-point rounding),
// with no sampling. The observation window starts at reset() and is split into report
// intervals by integral_and_restart().
// Times are simulation seconds and must never decrease (checked by assert).
// Plain data, no allocation: safe to update once per event.
class TimeWeighted {
public:
  // Starts a new window at t0_s with the given level and forgets everything before.
  void reset(double t0_s, double level) noexcept {
    start_s_ = t0_s;
    last_s_ = t0_s;
    level_ = level;
    area_ = 0.0;
  }

  // The level changes to new_level at t_s (t_s >= the previous change).
  void set(double t_s, double new_level) noexcept {
    assert(t_s >= last_s_ && "TimeWeighted: time went backwards");
    area_ += level_ * (t_s - last_s_);
    last_s_ = t_s;
    level_ = new_level;
  }

  // The level changes by delta at t_s, e.g. +1 when a contact joins the queue.
  void add(double t_s, double delta) noexcept { set(t_s, level_ + delta); }

  // Area under the level from the start of the current interval to t_s, in
  // level-seconds (t_s >= the last change).
  [[nodiscard]] double integral(double t_s) const noexcept {
    assert(t_s >= last_s_ && "TimeWeighted: time went backwards");
    return area_ + level_ * (t_s - last_s_);
  }

  // Time-average level over [start of the current interval, t_s]; NaN when the
  // interval has zero length.
  [[nodiscard]] double mean(double t_s) const noexcept {
    const double length_s = t_s - start_s_;
    return length_s > 0.0 ? integral(t_s) / length_s : std::numeric_limits<double>::quiet_NaN();
  }

  // Closes the current interval at t_s, returns its area (as integral(t_s)) and opens
  // the next interval at t_s with the current level. The areas of consecutive
  // intervals add up to the area of the whole window.
  double integral_and_restart(double t_s) noexcept {
    const double area = integral(t_s);
    reset(t_s, level_);
    return area;
  }

  // Current level.
  [[nodiscard]] double level() const noexcept { return level_; }
  // Start of the current interval, in simulation seconds.
  [[nodiscard]] double start_s() const noexcept { return start_s_; }

private:
  double start_s_ = 0.0;
  double last_s_ = 0.0;
  double level_ = 0.0;
  double area_ = 0.0;  // from start_s_ to last_s_
};

}  // namespace txsim::stats
