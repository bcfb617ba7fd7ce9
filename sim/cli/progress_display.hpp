#pragma once
// Progress of long work on stderr. On a terminal: one line redrawn in place, at most ten times a
// second, with items done/total, a bar, the rate and the time left. Otherwise (a log file, CI):
// a plain line every five percent. Nothing is shown before `delay_s` has passed, so short
// commands print nothing, and nothing at all when quiet.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace txsim::cli {

class ProgressDisplay {
 public:
  /// `unit` names the items ("points", "runs").
  ProgressDisplay(std::string unit, bool quiet, double delay_s = 1.0);
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;
  /// Ends a terminal line that was drawn.
  ~ProgressDisplay();

  /// `done` of `total` items finished. Thread-safe and cheap when nothing is drawn. The first
  /// call sets the starting count for the rate (items resumed from an earlier run do not count).
  void update(std::uint64_t done, std::uint64_t total);

 private:
  using Clock = std::chrono::steady_clock;
  std::string line(std::uint64_t done, std::uint64_t total, double elapsed_s) const;

  std::string unit_;
  bool quiet_;
  bool terminal_;
  double delay_s_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  bool started_ = false;
  std::uint64_t first_done_ = 0;
  int last_percent_step_ = -1;
  bool drawn_ = false;
  std::mutex mutex_;
};

}  // namespace txsim::cli
