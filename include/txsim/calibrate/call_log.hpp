#pragma once
// A per-contact call log read from CSV: one row per contact attempt that asked for an agent.
//
// Logical fields and their default column names (rename with ColumnMap):
//   arrival        timestamp the contact asked for an agent (queue entry)        required
//   outcome        answered | abandoned | blocked (synonyms below)               required
//   wait_s         seconds in queue; for an abandonment, the observed patience   one of wait_s
//   queue_exit     timestamp the contact left the queue                          or queue_exit
//   type           contact type                                                   optional ("all")
//   service_start  timestamp service began                                       optional
//   service_s      talk seconds (after-call work is not in call logs)            optional
//   service_end    timestamp service ended (alternative to service_s)           optional
//   agent          agent id                                                       optional
//   customer       caller id (for redials)                                        optional
//   priority       integer priority class                                         optional
// Timestamps are local wall-clock "YYYY-MM-DD HH:MM:SS[.fff]" (or with a "T"); time zones and
// daylight-saving changes are not modelled.
//
// Errors that make the log unusable (a missing required column, an empty log, an unparseable
// timestamp or number, an unknown outcome code, a service that starts before the contact
// arrived by more than the clock tolerance, a negative duration) throw io::ConfigError naming
// file, line, column and field. Problems a row can survive are counted in `problems`, with the
// first line where each occurred, and the row is kept (its unusable part is left out of the
// fits that need it): nothing is dropped silently.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/model/scenario.hpp"

namespace txsim::calibrate {

enum class Outcome : std::uint8_t { Answered, Abandoned, Blocked };

/// "answered", "abandoned", "blocked".
std::string_view to_string(Outcome outcome) noexcept;

inline constexpr std::int32_t kNone = -1;

/// One contact attempt. Times are seconds since midnight of the log's first day.
struct CallRecord {
  double arrival_s = 0.0;
  double wait_s = 0.0;            ///< [s], >= 0; for Blocked 0
  double service_start_s = -1.0;  ///< [s]; < 0 when not recorded
  double service_s = -1.0;        ///< talk time [s]; < 0 when not recorded
  std::int32_t type = 0;          ///< index into CallLog::types
  std::int32_t agent = kNone;     ///< index into CallLog::agents
  std::int32_t customer = kNone;  ///< index of the caller id (dense), kNone when unidentified
  std::int32_t priority = kNone;  ///< as recorded; kNone when the log has none
  Outcome outcome = Outcome::Answered;
  std::uint32_t line = 0;         ///< 1-based line in the file

  [[nodiscard]] int day() const noexcept { return static_cast<int>(arrival_s / 86400.0); }
};

/// A recoverable problem: how often it occurred and where first.
struct RowProblem {
  std::string kind;      ///< e.g. "answered_without_service_time"
  std::string meaning;   ///< what it is and what the fits do with such rows
  std::size_t count = 0;
  std::uint32_t first_line = 0;
};

struct CallLog {
  std::string file;
  std::string first_date;                 ///< "YYYY-MM-DD" of day 0
  model::Weekday first_weekday = model::Weekday::Monday;
  int days = 0;                           ///< days spanned, from day 0 to the last arrival's day
  std::vector<std::string> types;         ///< in order of first appearance
  std::vector<std::string> agents;        ///< in order of first appearance
  std::vector<CallRecord> calls;          ///< in file order
  std::vector<RowProblem> problems;       ///< recoverable problems, in order of first occurrence
  bool has_types = false, has_agents = false, has_customers = false, has_priorities = false,
       has_service_times = false;

  [[nodiscard]] model::Weekday weekday(int day) const noexcept {
    return static_cast<model::Weekday>((static_cast<int>(first_weekday) + day) % model::kDaysPerWeek);
  }
};

/// Logical field -> column name in the file, for logs whose headers differ from the defaults.
using ColumnMap = std::map<std::string, std::string>;

/// Every logical field name, for validating ColumnMap keys.
const std::vector<std::string_view>& field_names();

struct ReadOptions {
  ColumnMap columns;
  /// A service may start before arrival + wait by this much [s] (clocks of the switch and the
  /// agents' desktops disagree); such rows are counted, later ones are an error. >= 0.
  double clock_tolerance_s = 600.0;
};

/// Reads a log. `label` names the source in diagnostics. Throws io::ConfigError (see above).
[[nodiscard]] CallLog parse_call_log(std::istream& in, std::string_view label, const ReadOptions& options = {});
/// Throws io::ConfigError also when the file cannot be opened; ".gz" files are not read.
[[nodiscard]] CallLog read_call_log(const std::string& path, const ReadOptions& options = {});

/// Parses "YYYY-MM-DD HH:MM:SS[.fff]" into days since 1970-01-01 and seconds of the day; false
/// when the text is not such a timestamp (including impossible dates and times).
bool parse_timestamp(std::string_view text, std::int64_t& days_since_epoch, double& seconds_of_day);
/// The inverse: "YYYY-MM-DD HH:MM:SS.mmm" (milliseconds, rounded).
std::string format_timestamp(std::int64_t days_since_epoch, double seconds_of_day);
/// Weekday of a day counted from 1970-01-01 (a Thursday).
model::Weekday weekday_of(std::int64_t days_since_epoch) noexcept;

}  // namespace txsim::calibrate
