#include "txsim/calibrate/call_log.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "txsim/io/diagnostics.hpp"

namespace txsim::calibrate {
namespace {

// Stop after this many fatal problems: a wrong column mapping would otherwise print one error
// per row of a million-row log.
constexpr std::size_t kMaxDiagnostics = 20;

const std::vector<std::string_view> kFields{"arrival",       "outcome",   "wait_s",      "queue_exit",
                                            "type",          "service_start", "service_s", "service_end",
                                            "agent",         "customer",  "priority"};

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

bool parse_digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::optional<Outcome> outcome_from(std::string_view code) {
  const std::string c = lower(code);
  for (const char* a : {"answered", "served", "agent", "handled", "completed"})
    if (c == a) return Outcome::Answered;
  for (const char* a : {"abandoned", "abandon", "hang", "hangup"})
    if (c == a) return Outcome::Abandoned;
  for (const char* a : {"blocked", "busy"})
    if (c == a) return Outcome::Blocked;
  return std::nullopt;
}

struct Field {
  std::string_view text;
  int column = 1;  // 1-based character column of the field's start
};

// Splits one CSV line (RFC 4180 quoting; a quoted field may hold commas and doubled quotes).
// `storage` keeps unquoted copies of quoted fields. False when a quote is not closed.
bool split_csv(std::string_view line, std::vector<Field>& fields, std::vector<std::string>& storage) {
  fields.clear();
  storage.clear();
  storage.reserve(line.size() / 2 + 1);
  std::size_t i = 0;
  while (true) {
    const int column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      std::string value;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            value += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        value += line[i++];
      }
      if (!closed) return false;
      storage.push_back(std::move(value));
      fields.push_back({storage.back(), column});
      while (i < line.size() && line[i] != ',') ++i;
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      fields.push_back({line.substr(i, end - i), column});
      i = end;
    }
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

class Reader {
 public:
  Reader(std::string_view label, const ReadOptions& options) : label_(label), options_(options) {}

  CallLog read(std::istream& in) {
    log_.file = std::string(label_);
    std::string line;
    if (!std::getline(in, line) || trim(line).empty()) {
      fail(1, 0, "", "empty log: expected a header line naming the columns, found nothing");
      throw io::ConfigError(std::move(diagnostics_));
    }
    read_header(line);
    if (!diagnostics_.empty()) throw io::ConfigError(std::move(diagnostics_));
    std::uint32_t line_number = 1;
    while (std::getline(in, line)) {
      ++line_number;
      if (trim(line).empty()) continue;
      read_row(line, line_number);
      if (diagnostics_.size() >= kMaxDiagnostics) {
        diagnostics_.push_back({std::string(label_), 0, 0, "",
                                fmt::format("stopped after {} errors", kMaxDiagnostics)});
        break;
      }
    }
    if (diagnostics_.empty() && log_.calls.empty())
      fail(line_number, 0, "", "empty log: the header is there but no contact follows it");
    if (!diagnostics_.empty()) throw io::ConfigError(std::move(diagnostics_));
    finish();
    return std::move(log_);
  }

 private:
  void fail(std::uint32_t line, int column, std::string_view field, std::string message) {
    diagnostics_.push_back({std::string(label_), static_cast<int>(line), column, std::string(field), std::move(message)});
  }

  void note(std::string_view kind, std::string_view meaning, std::uint32_t line) {
    auto it = std::find_if(log_.problems.begin(), log_.problems.end(), [&](const RowProblem& p) { return p.kind == kind; });
    if (it == log_.problems.end()) {
      log_.problems.push_back({std::string(kind), std::string(meaning), 0, line});
      it = log_.problems.end() - 1;
    }
    ++it->count;
  }

  void read_header(const std::string& line) {
    std::vector<Field> fields;
    std::vector<std::string> storage;
    if (!split_csv(line, fields, storage)) {
      fail(1, 0, "", "header: a quoted column name is not closed");
      return;
    }
    for (const auto& [field, column] : options_.columns) {
      if (std::find(kFields.begin(), kFields.end(), field) == kFields.end())
        fail(1, 0, field, fmt::format("unknown field in --columns (known: {})", fmt::join(kFields, ", ")));
    }
    std::vector<std::string> names;
    for (const auto& f : fields) names.emplace_back(trim(f.text));
    for (std::size_t k = 0; k < kFields.size(); ++k) {
      const std::string field(kFields[k]);
      const auto mapped = options_.columns.find(field);
      const std::string column = mapped != options_.columns.end() ? mapped->second : field;
      const auto it = std::find(names.begin(), names.end(), column);
      if (it != names.end()) {
        index_[k] = static_cast<int>(it - names.begin());
      } else if (mapped != options_.columns.end()) {
        fail(1, 0, field, fmt::format("--columns maps it to column \"{}\", which the header does not have (columns: {})",
                                      column, fmt::join(names, ", ")));
      }
    }
    column_count_ = fields.size();
    for (const char* required : {"arrival", "outcome"})
      if (index(required) < 0 && !options_.columns.contains(required))
        fail(1, 0, required, fmt::format("missing required column \"{}\" (columns: {}); map another with --columns {}=NAME",
                                         required, fmt::join(names, ", "), required));
    if (index("wait_s") < 0 && index("queue_exit") < 0 && !options_.columns.contains("wait_s") &&
        !options_.columns.contains("queue_exit"))
      fail(1, 0, "wait_s", fmt::format("missing required column: the log needs \"wait_s\" or \"queue_exit\" (columns: {})",
                                       fmt::join(names, ", ")));
    log_.has_types = index("type") >= 0;
    log_.has_agents = index("agent") >= 0;
    log_.has_customers = index("customer") >= 0;
    log_.has_priorities = index("priority") >= 0;
    log_.has_service_times = index("service_s") >= 0 || index("service_end") >= 0;
  }

  [[nodiscard]] int index(std::string_view field) const {
    return index_[static_cast<std::size_t>(std::find(kFields.begin(), kFields.end(), field) - kFields.begin())];
  }

  // The field's text, or nullopt when the log has no such column.
  std::optional<Field> get(const std::vector<Field>& fields, std::string_view field) const {
    const int i = index(field);
    if (i < 0) return std::nullopt;
    return Field{trim(fields[static_cast<std::size_t>(i)].text), fields[static_cast<std::size_t>(i)].column};
  }

  // Seconds since 1970-01-01 local midnight, or nullopt (with a diagnostic) when unparseable.
  std::optional<double> timestamp(const Field& f, std::string_view field, std::uint32_t line) {
    std::int64_t days = 0;
    double seconds = 0.0;
    if (!parse_timestamp(f.text, days, seconds)) {
      fail(line, f.column, field, fmt::format("expected a timestamp YYYY-MM-DD HH:MM:SS, found \"{}\"", f.text));
      return std::nullopt;
    }
    return static_cast<double>(days) * 86400.0 + seconds;
  }

  std::optional<double> seconds(const Field& f, std::string_view field, std::uint32_t line) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(f.text.data(), f.text.data() + f.text.size(), v);
    if (ec != std::errc{} || end != f.text.data() + f.text.size() || !std::isfinite(v)) {
      fail(line, f.column, field, fmt::format("expected a number of seconds, found \"{}\"", f.text));
      return std::nullopt;
    }
    if (v < 0.0) {
      fail(line, f.column, field, fmt::format("expected a duration >= 0 s, found {}", f.text));
      return std::nullopt;
    }
    return v;
  }

  std::int32_t intern(std::unordered_map<std::string, std::int32_t>& ids, std::vector<std::string>* names,
                      std::string_view text) {
    const auto [it, inserted] = ids.try_emplace(std::string(text), static_cast<std::int32_t>(ids.size()));
    if (inserted && names != nullptr) names->emplace_back(text);
    return it->second;
  }

  void read_row(const std::string& line, std::uint32_t n) {
    std::vector<Field> fields;
    if (!split_csv(line, fields, storage_)) {
      fail(n, 0, "", "a quoted field is not closed");
      return;
    }
    if (fields.size() != column_count_) {
      fail(n, fields.back().column, "",
           fmt::format("expected {} fields like the header, found {}", column_count_, fields.size()));
      return;
    }
    CallRecord r;
    r.line = n;
    const std::size_t errors_before = diagnostics_.size();
    const Field arrival_field = *get(fields, "arrival");
    const auto arrival = timestamp(arrival_field, "arrival", n);
    const Field outcome_field = *get(fields, "outcome");
    const auto outcome = outcome_from(outcome_field.text);
    if (!outcome)
      fail(n, outcome_field.column, "outcome",
           fmt::format("unknown outcome code \"{}\" (known: answered/served/agent/handled/completed, "
                       "abandoned/abandon/hang/hangup, blocked/busy)",
                       outcome_field.text));
    if (diagnostics_.size() != errors_before) return;
    r.outcome = *outcome;
    double wait = 0.0;
    if (const auto w = get(fields, "wait_s"); w && !(w->text.empty() && r.outcome == Outcome::Blocked)) {
      const auto v = seconds(*w, "wait_s", n);
      if (!v) return;
      wait = *v;
    } else if (const auto q = get(fields, "queue_exit"); q && !(q->text.empty() && r.outcome == Outcome::Blocked)) {
      const auto exit = timestamp(*q, "queue_exit", n);
      if (!exit) return;
      if (*exit < *arrival) {
        fail(n, q->column, "queue_exit",
             fmt::format("events out of order: the contact left the queue {:.3f} s before it arrived", *arrival - *exit));
        return;
      }
      wait = *exit - *arrival;
    }
    r.wait_s = wait;
    if (const auto t = get(fields, "type")) {
      if (t->text.empty()) {
        fail(n, t->column, "type", "expected a contact type, found an empty field");
        return;
      }
      r.type = intern(type_ids_, &log_.types, t->text);
    }
    if (const auto a = get(fields, "agent"); a && !a->text.empty()) r.agent = intern(agent_ids_, &log_.agents, a->text);
    if (const auto c = get(fields, "customer"); c && !c->text.empty()) r.customer = intern(customer_ids_, nullptr, c->text);
    if (const auto p = get(fields, "priority"); p && !p->text.empty()) {
      int value = 0;
      if (!parse_digits(p->text, value)) {
        fail(n, p->column, "priority", fmt::format("expected a non-negative integer priority, found \"{}\"", p->text));
        return;
      }
      r.priority = value;
    }
    double service_start = 0.0;
    bool service_start_given = false;
    if (const auto s = get(fields, "service_start"); s && !s->text.empty()) {
      const auto v = timestamp(*s, "service_start", n);
      if (!v) return;
      const double early = (*arrival + wait) - *v;
      if (early > options_.clock_tolerance_s) {
        fail(n, s->column, "service_start",
             fmt::format("events out of order: service starts {:.0f} s before the contact arrived and waited "
                         "(tolerance {:.0f} s)",
                         early, options_.clock_tolerance_s));
        return;
      }
      // Up to one second is the logs' usual timestamp resolution, not a problem worth a count.
      if (early > 1.0 && r.outcome == Outcome::Answered)
        note("service_start_before_queue_exit",
             "service recorded as starting more than 1 s before arrival + wait, within the clock tolerance (clocks "
             "disagree); kept",
             n);
      service_start = *v;
      service_start_given = true;
    }
    double service = -1.0;
    if (const auto s = get(fields, "service_s"); s && !s->text.empty()) {
      const auto v = seconds(*s, "service_s", n);
      if (!v) return;
      service = *v;
    } else if (const auto e = get(fields, "service_end"); e && !e->text.empty()) {
      const auto end = timestamp(*e, "service_end", n);
      if (!end) return;
      if (!service_start_given) {
        fail(n, e->column, "service_end", "a service end needs a service start");
        return;
      }
      if (*end < service_start) {
        fail(n, e->column, "service_end",
             fmt::format("events out of order: service ends {:.3f} s before it starts", service_start - *end));
        return;
      }
      service = *end - service_start;
    }
    if (r.outcome == Outcome::Answered) {
      if (log_.has_service_times && service < 0.0)
        note("answered_without_service_time", "answered with no talk time recorded; left out of handle-time fits", n);
      if (service == 0.0)
        note("zero_service_time", "answered with a talk time of 0 s; left out of the lognormal fit (log 0)", n);
      if (log_.has_agents && r.agent == kNone)
        note("answered_without_agent", "answered with no agent recorded; left out of the staffing estimate", n);
      r.service_s = service;
    } else if (service_start_given || service >= 0.0) {
      note("unanswered_with_service_record",
           "abandoned or blocked but with a service record; kept as recorded, service ignored", n);
    }
    absolute_.push_back(*arrival);
    service_start_absolute_.push_back(r.outcome == Outcome::Answered && service_start_given ? service_start
                                                                                             : std::nan(""));
    log_.calls.push_back(r);
  }

  // Rebases times on midnight of the first day.
  void finish() {
    const double first = *std::min_element(absolute_.begin(), absolute_.end());
    const auto first_day = static_cast<std::int64_t>(std::floor(first / 86400.0));
    const double origin = static_cast<double>(first_day) * 86400.0;
    for (std::size_t i = 0; i < log_.calls.size(); ++i) {
      CallRecord& r = log_.calls[i];
      const double offset = absolute_[i] - origin;
      r.arrival_s = offset;
      // A service start just before midnight of day 0 (clock skew) stays recorded at time 0.
      if (!std::isnan(service_start_absolute_[i])) r.service_start_s = std::max(0.0, service_start_absolute_[i] - origin);
    }
    log_.first_date = format_timestamp(first_day, 0.0).substr(0, 10);
    log_.first_weekday = weekday_of(first_day);
    int last_day = 0;
    for (const auto& r : log_.calls) last_day = std::max(last_day, r.day());
    log_.days = last_day + 1;
  }

  std::string_view label_;
  const ReadOptions& options_;
  CallLog log_;
  std::vector<io::Diagnostic> diagnostics_;
  std::array<int, 11> index_{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  std::size_t column_count_ = 0;
  std::vector<std::string> storage_;
  std::vector<double> absolute_;               // arrival [s since 1970-01-01 local midnight]
  std::vector<double> service_start_absolute_;  // NaN when not recorded
  std::unordered_map<std::string, std::int32_t> type_ids_, agent_ids_, customer_ids_;
};

}  // namespace

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::Answered: return "answered";
    case Outcome::Abandoned: return "abandoned";
    case Outcome::Blocked: return "blocked";
  }
  return "?";
}

const std::vector<std::string_view>& field_names() { return kFields; }

bool parse_timestamp(std::string_view text, std::int64_t& days_since_epoch, double& seconds_of_day) {
  // YYYY-MM-DD[ T]HH:MM:SS[.fff]
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || text[16] != ':')
    return false;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), mo) || !parse_digits(text.substr(8, 2), d) ||
      !parse_digits(text.substr(11, 2), h) || !parse_digits(text.substr(14, 2), mi) || !parse_digits(text.substr(17, 2), s))
    return false;
  double fraction = 0.0;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20) return false;
    int digits = 0;
    double scale = 0.1;
    for (const char c : text.substr(20)) {
      if (c < '0' || c > '9' || ++digits > 9) return false;
      fraction += (c - '0') * scale;
      scale /= 10.0;
    }
  }
  static constexpr std::array<int, 12> kMonthDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kMonthDays[static_cast<std::size_t>(mo - 1)] || h > 23 || mi > 59 || s > 59)
    return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo == 2 && d == 29 && !leap) return false;
  days_since_epoch = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  seconds_of_day = h * 3600.0 + mi * 60.0 + s + fraction;
  return true;
}

std::string format_timestamp(std::int64_t days_since_epoch, double seconds_of_day) {
  auto millis = static_cast<std::int64_t>(std::llround(seconds_of_day * 1000.0));
  days_since_epoch += millis / 86400000;
  millis %= 86400000;
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days_since_epoch, y, m, d);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", y, m, d, millis / 3600000, millis / 60000 % 60,
                     millis / 1000 % 60, millis % 1000);
}

model::Weekday weekday_of(std::int64_t days_since_epoch) noexcept {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int64_t index = ((days_since_epoch + 3) % 7 + 7) % 7;
  return static_cast<model::Weekday>(index);
}

CallLog parse_call_log(std::istream& in, std::string_view label, const ReadOptions& options) {
  return Reader(label, options).read(in);
}

CallLog read_call_log(const std::string& path, const ReadOptions& options) {
  if (path.size() > 3 && path.ends_with(".gz"))
    throw io::ConfigError({{path, 0, 0, "", "compressed logs are not read; decompress it first (gunzip -k)"}});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io::ConfigError({{path, 0, 0, "", "cannot open the call log for reading"}});
  return parse_call_log(in, path, options);
}

}  // namespace txsim::calibrate
