#pragma once
// Writes a run's contact trace as a call log in the columns `txsim calibrate` reads:
//   arrival,type,outcome,wait_s,service_start,service_s,agent,customer,priority
// Day 0 of the run is dated so that its weekday is the scenario's start weekday (2001-01-01 was
// a Monday). A balk is written as a real log records it: abandoned after 0 s.

#include <filesystem>
#include <string>

#include "txsim/model/contact_trace.hpp"
#include "txsim/model/scenario.hpp"

namespace txsim::calibrate {

class TraceWriter final : public model::ContactTraceSink {
 public:
  explicit TraceWriter(const model::ScenarioSpec& spec);
  void record(const model::TracedContact& contact) noexcept override;
  /// The log so far, header included.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  /// Writes the log atomically; throws std::runtime_error naming the file on failure.
  void write(const std::filesystem::path& path) const;
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

 private:
  const model::ScenarioSpec& spec_;
  std::int64_t first_day_ = 0;
  std::string text_;
  std::size_t rows_ = 0;
};

}  // namespace txsim::calibrate
