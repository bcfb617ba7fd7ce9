#include "cli/progress_display.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <unistd.h>

namespace txsim::cli {
namespace {

constexpr double kRedrawInterval_s = 0.1;
constexpr int kPlainStepPercent = 5;

std::string duration(double s) {
  if (!(s >= 0.0) || s > 1e7) return "?";
  const auto total = static_cast<long>(s + 0.5);
  if (total >= 3600) return fmt::format("{}h{:02}m", total / 3600, total / 60 % 60);
  if (total >= 60) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}s", total);
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::string unit, bool quiet, double delay_s)
    : unit_(std::move(unit)), quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1), delay_s_(delay_s) {}

ProgressDisplay::~ProgressDisplay() {
  if (drawn_ && terminal_) std::fputc('\n', stderr);
}

std::string ProgressDisplay::line(std::uint64_t done, std::uint64_t total, double elapsed_s) const {
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const double rate = elapsed_s > 0.0 ? static_cast<double>(done - first_done_) / elapsed_s : 0.0;
  const double left_s = rate > 0.0 ? static_cast<double>(total - done) / rate : -1.0;
  std::string text = fmt::format("{}/{} {} ({:.0f}%)", done, total, unit_, 100.0 * fraction);
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    text = fmt::format("[{}{}] {}", std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(kWidth - filled), '.'), text);
  }
  return fmt::format("{}  {:.2f} {}/s  {} left", text, rate, unit_, done == total ? "0s" : duration(left_s));
}

void ProgressDisplay::update(std::uint64_t done, std::uint64_t total) {
  if (quiet_) return;
  const std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (!started_) {
    started_ = true;
    first_done_ = done;
    start_ = now;
  }
  const double elapsed_s = std::chrono::duration<double>(now - start_).count();
  if (elapsed_s < delay_s_) return;
  if (terminal_) {
    if (done != total && std::chrono::duration<double>(now - last_draw_).count() < kRedrawInterval_s) return;
    last_draw_ = now;
    fmt::print(stderr, "\r{}\x1b[K", line(done, total, elapsed_s));
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  const int step = total > 0 ? static_cast<int>(100 * done / total) / kPlainStepPercent : 0;
  if (step == last_percent_step_) return;
  last_percent_step_ = step;
  fmt::print(stderr, "txsim: {}\n", line(done, total, elapsed_s));
}

}  // namespace txsim::cli
