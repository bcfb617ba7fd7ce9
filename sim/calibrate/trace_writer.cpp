#include "txsim/calibrate/trace_writer.hpp"

#include <fmt/format.h>

#include "txsim/calibrate/call_log.hpp"
#include "txsim/calibrate/report.hpp"

namespace txsim::calibrate {

TraceWriter::TraceWriter(const model::ScenarioSpec& spec) : spec_(spec) {
  double unused = 0.0;
  parse_timestamp("2001-01-01 00:00:00", first_day_, unused);
  first_day_ += static_cast<int>(spec.horizon.start_weekday);
  text_ = "arrival,type,outcome,wait_s,service_start,service_s,agent,customer,priority\n";
}

void TraceWriter::record(const model::TracedContact& c) noexcept {
  // Appending to a string can only fail by exhausting memory, which ends the process anyway.
  const bool answered = c.outcome == model::TracedOutcome::Answered;
  const char* outcome = answered ? "answered" : c.outcome == model::TracedOutcome::Blocked ? "blocked" : "abandoned";
  fmt::format_to(std::back_inserter(text_), "{},{},{},{:.3f},", format_timestamp(first_day_, c.arrival_s),
                 spec_.contact_types[c.type].name, outcome, c.wait_s);
  if (answered) {
    fmt::format_to(std::back_inserter(text_), "{},{:.3f},A{}", format_timestamp(first_day_, c.arrival_s + c.wait_s), c.talk_s,
                   c.agent);
  } else {
    text_ += ",,";
  }
  text_ += ',';
  if (c.customer != UINT32_MAX) fmt::format_to(std::back_inserter(text_), "C{}", c.customer);
  fmt::format_to(std::back_inserter(text_), ",{}\n", c.priority);
  ++rows_;
}

void TraceWriter::write(const std::filesystem::path& path) const { write_file_atomically(path, text_); }

}  // namespace txsim::calibrate
