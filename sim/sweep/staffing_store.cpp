#include "txsim/sweep/staffing_store.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>
#include <stdexcept>

#include <fmt/format.h>
#include <sqlite3.h>

#include "sweep/detail/sqlite_statement.hpp"
#include "sweep/detail/store_file.hpp"
#include "txsim/version.hpp"

namespace txsim::sweep {
namespace {

using detail::exec;
using detail::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE study(analysis TEXT NOT NULL, scenario_name TEXT NOT NULL, scenario_file TEXT NOT NULL,
  scenario_text TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, txsim_version TEXT NOT NULL, command_line TEXT NOT NULL,
  group_name TEXT NOT NULL, targets TEXT NOT NULL, per TEXT NOT NULL, test TEXT NOT NULL, confidence REAL NOT NULL,
  seed INTEGER NOT NULL, replications INTEGER NOT NULL, max_agents INTEGER, max_seats INTEGER,
  planner_shrinkage REAL, planner_attrition REAL);
CREATE TABLE staffing_summary(evaluations INTEGER NOT NULL, interval_minutes REAL NOT NULL,
  agent_hours_per_day REAL NOT NULL, erlang_agent_hours_per_day REAL NOT NULL,
  service_level REAL, service_level_lo REAL, service_level_hi REAL,
  abandon_rate REAL, abandon_rate_lo REAL, abandon_rate_hi REAL, shift_paid_hours_per_day REAL);
CREATE TABLE staffing_intervals(interval INTEGER PRIMARY KEY, start TEXT NOT NULL, erlang_agents INTEGER NOT NULL,
  agents INTEGER NOT NULL, difference INTEGER NOT NULL, service_level REAL, service_level_lower_bound REAL,
  service_level_n INTEGER NOT NULL, abandon_rate REAL, abandon_rate_upper_bound REAL, abandon_rate_n INTEGER NOT NULL);
CREATE TABLE staffing_checks(target INTEGER NOT NULL, target_text TEXT NOT NULL, period INTEGER NOT NULL,
  period_label TEXT NOT NULL, n INTEGER NOT NULL, mean REAL, bound REAL, holds INTEGER NOT NULL,
  PRIMARY KEY(target, period)) WITHOUT ROWID;
CREATE TABLE shift_counts(pattern INTEGER PRIMARY KEY, description TEXT NOT NULL, start_h REAL NOT NULL,
  length_h REAL NOT NULL, agents INTEGER NOT NULL, paid_hours REAL NOT NULL);
CREATE TABLE shift_coverage(interval INTEGER PRIMARY KEY, start TEXT NOT NULL, required INTEGER NOT NULL,
  covered REAL NOT NULL, over_coverage REAL NOT NULL);
CREATE TABLE hiring_summary(planner_shrinkage REAL NOT NULL, planner_annual_attrition REAL NOT NULL,
  planner_pipeline_share REAL NOT NULL, planner_hires_per_month REAL NOT NULL, evaluations INTEGER NOT NULL,
  currency TEXT NOT NULL, cost_difference REAL, cost_difference_lo REAL, cost_difference_hi REAL);
CREATE TABLE hiring_plans(plan TEXT PRIMARY KEY, seats INTEGER NOT NULL, total_cost REAL, total_cost_lo REAL,
  total_cost_hi REAL, service_level REAL, abandon_rate REAL, annualised_attrition REAL, hires REAL,
  failing_months INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE hiring_plan_shifts(plan TEXT NOT NULL, shift INTEGER NOT NULL, description TEXT NOT NULL,
  agents INTEGER NOT NULL, PRIMARY KEY(plan, shift)) WITHOUT ROWID;
CREATE TABLE hiring_months(plan TEXT NOT NULL, month INTEGER NOT NULL, days INTEGER NOT NULL, service_level REAL,
  abandon_rate REAL, annualised_attrition REAL, quits REAL, hires REAL, employed REAL, on_phones REAL,
  absence_rate REAL, cost REAL, meets_targets INTEGER NOT NULL, PRIMARY KEY(plan, month)) WITHOUT ROWID;
CREATE TABLE hiring_failures(plan TEXT NOT NULL, failure INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(plan, failure)) WITHOUT ROWID;
CREATE TABLE hiring_seats_tried(evaluation INTEGER PRIMARY KEY, seats INTEGER NOT NULL);
)sql";

constexpr const char* kTest = "one-sided Student t on replication means";

// Each table with the key its rows are read in.
struct TableOrder {
  const char* name;
  const char* key;
};
constexpr std::array<TableOrder, 3> kStaffTables{{{"staffing_summary", "rowid"},
                                                  {"staffing_intervals", "interval"},
                                                  {"staffing_checks", "target, period"}}};
constexpr std::array<TableOrder, 2> kShiftTables{{{"shift_counts", "pattern"}, {"shift_coverage", "interval"}}};
constexpr std::array<TableOrder, 6> kHiringTables{{{"hiring_summary", "rowid"},
                                                   {"hiring_plans", "plan"},
                                                   {"hiring_plan_shifts", "plan, shift"},
                                                   {"hiring_months", "plan, month"},
                                                   {"hiring_failures", "plan, failure"},
                                                   {"hiring_seats_tried", "evaluation"}}};

constexpr const char* kStaff = "staff";
constexpr const char* kShifts = "staff --shifts";
constexpr const char* kHiringPlan = "staff --hiring-plan";

// Interval bounds are NULL when undefined (NaN) or infinite (one replication).
double finite_or_nan(double v) { return std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN(); }

std::int64_t integer(int v) { return static_cast<std::int64_t>(v); }

std::string clock(int interval, double interval_minutes) {
  const int minutes = static_cast<int>(std::lround(interval * interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string target_text(const std::vector<staffing::KpiTarget>& targets) {
  std::string text;
  for (const auto& t : targets) text += (text.empty() ? "" : ", ") + staffing::to_string(t);
  return text;
}

template <typename T>
void bind_optional(Statement& s, int column, const std::optional<T>& value) {
  if (value) {
    if constexpr (std::is_same_v<T, int>) s.bind(column, integer(*value));
    else s.bind(column, *value);
  } else {
    s.bind_null(column);
  }
}

void write_study(sqlite3* db, const StaffingStudy& study, const std::string& group) {
  detail::write_meta(db, detail::kStaffingStoreKind, kStaffingStoreSchemaVersion);
  Statement s(db,
              "INSERT INTO study(analysis, scenario_name, scenario_file, scenario_text, scenario_sha256, "
              "txsim_version, command_line, group_name, targets, per, test, confidence, seed, replications, "
              "max_agents, max_seats, planner_shrinkage, planner_attrition) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, study.analysis).bind(2, study.scenario_name).bind(3, study.scenario_file).bind(4, study.scenario_text);
  s.bind(5, study.scenario_sha256).bind(6, study.txsim_version).bind(7, study.command_line).bind(8, group);
  s.bind(9, target_text(study.targets)).bind(10, study.per).bind(11, std::string(kTest)).bind(12, study.confidence);
  s.bind(13, static_cast<std::int64_t>(study.seed)).bind(14, integer(study.replications));
  bind_optional(s, 15, study.max_agents);
  bind_optional(s, 16, study.max_seats);
  bind_optional(s, 17, study.planner_shrinkage);
  bind_optional(s, 18, study.planner_attrition);
  s.run();
}

StaffingStudy read_study(sqlite3* db) {
  Statement s(db,
              "SELECT analysis, scenario_name, scenario_file, scenario_text, scenario_sha256, txsim_version, "
              "command_line, targets, per, confidence, seed, replications, max_agents, max_seats, "
              "planner_shrinkage, planner_attrition FROM study");
  if (!s.step()) throw std::runtime_error("staffing store: no study recorded");
  StaffingStudy r;
  r.analysis = s.text(0);
  r.scenario_name = s.text(1);
  r.scenario_file = s.text(2);
  r.scenario_text = s.text(3);
  r.scenario_sha256 = s.text(4);
  r.txsim_version = s.text(5);
  r.command_line = s.text(6);
  const std::string targets = s.text(7);
  for (std::size_t begin = 0; begin < targets.size();) {
    const std::size_t end = std::min(targets.find(", ", begin), targets.size());
    r.targets.push_back(staffing::parse_target(targets.substr(begin, end - begin)));
    begin = end + 2;
  }
  r.per = s.text(8);
  r.confidence = sqlite3_column_double(s.get(), 9);
  r.seed = static_cast<std::uint64_t>(s.integer(10));
  r.replications = static_cast<int>(s.integer(11));
  const auto null = [&](int c) { return sqlite3_column_type(s.get(), c) == SQLITE_NULL; };
  if (!null(12)) r.max_agents = static_cast<int>(s.integer(12));
  if (!null(13)) r.max_seats = static_cast<int>(s.integer(13));
  if (!null(14)) r.planner_shrinkage = sqlite3_column_double(s.get(), 14);
  if (!null(15)) r.planner_attrition = sqlite3_column_double(s.get(), 15);
  return r;
}

// The first identity field in which two studies differ, or nullopt.
std::optional<std::string> difference(const StaffingStudy& stored, const StaffingStudy& now) {
  const auto text = [](const std::string& a, const std::string& b, const char* what) -> std::optional<std::string> {
    if (a == b) return std::nullopt;
    return fmt::format("{} differs (store: {}, now: {})", what, a, b);
  };
  const auto optional = [](const auto& value) {
    return value ? fmt::format("{}", *value) : std::string("not given");
  };
  if (auto d = text(stored.analysis, now.analysis, "the analysis")) return d;
  if (auto d = text(stored.scenario_sha256.substr(0, 16), now.scenario_sha256.substr(0, 16),
                    "the resolved scenario's SHA-256"))
    return d;
  if (auto d = text(stored.txsim_version, now.txsim_version, "the txsim version")) return d;
  if (auto d = text(target_text(stored.targets), target_text(now.targets), "the target list")) return d;
  if (auto d = text(stored.per, now.per, "--per")) return d;
  if (auto d = text(fmt::format("{}", stored.confidence), fmt::format("{}", now.confidence), "--confidence")) return d;
  if (auto d = text(std::to_string(stored.seed), std::to_string(now.seed), "--seed")) return d;
  if (auto d = text(std::to_string(stored.replications), std::to_string(now.replications), "--replications")) return d;
  if (auto d = text(optional(stored.max_agents), optional(now.max_agents), "--max-agents")) return d;
  if (auto d = text(optional(stored.max_seats), optional(now.max_seats), "--max-seats")) return d;
  if (auto d = text(optional(stored.planner_shrinkage), optional(now.planner_shrinkage), "--planner-shrinkage"))
    return d;
  if (auto d = text(optional(stored.planner_attrition), optional(now.planner_attrition), "--planner-attrition"))
    return d;
  return std::nullopt;
}

// Refuses a file that is no staffing store of this schema version, saying what it is instead.
void require_staffing_store(sqlite3* db, const std::filesystem::path& file, const char* remedy) {
  const auto identity = detail::store_identity(db);
  if (!identity) throw std::runtime_error(fmt::format("{} is not a txsim result store{}", file.string(), remedy));
  if (identity->kind != detail::kStaffingStoreKind)
    throw std::runtime_error(
        fmt::format("{} is a sweep's result store (txsim sweep), not a staffing store{}", file.string(), remedy));
  if (identity->schema_version != kStaffingStoreSchemaVersion)
    throw std::runtime_error(fmt::format("{} has staffing store schema version {}, this txsim reads and writes "
                                         "version {}{}",
                                         file.string(), identity->schema_version, kStaffingStoreSchemaVersion, remedy));
}

// An open connection, closed on scope exit.
struct Connection {
  sqlite3* db;
  explicit Connection(const std::filesystem::path& file) : db(detail::open_db(file, SQLITE_OPEN_READWRITE)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { sqlite3_close(db); }
};

void write_estimate(Statement& s, int column, const staffing::PeriodEstimate& e) {
  s.bind(column, e.mean).bind(column + 1, e.bound).bind(column + 2, integer(e.samples));
}

void write_staffing(sqlite3* db, const StaffingStudy& study, const staffing::StaffingPlan& plan,
                    double interval_minutes, const std::optional<ShiftResults>& shifts) {
  const auto& total = plan.result.total;
  const auto kpi = [&](model::Kpi k) { return total[static_cast<std::size_t>(k)]; };
  Statement summary(db,
                    "INSERT INTO staffing_summary(evaluations, interval_minutes, agent_hours_per_day, "
                    "erlang_agent_hours_per_day, service_level, service_level_lo, service_level_hi, abandon_rate, "
                    "abandon_rate_lo, abandon_rate_hi, shift_paid_hours_per_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto sl = kpi(model::Kpi::ServiceLevel);
  const auto ab = kpi(model::Kpi::AbandonRate);
  summary.bind(1, integer(plan.evaluations)).bind(2, interval_minutes).bind(3, plan.agent_hours_per_day);
  summary.bind(4, plan.erlang_agent_hours_per_day).bind(5, sl.mean).bind(6, finite_or_nan(sl.lo));
  summary.bind(7, finite_or_nan(sl.hi)).bind(8, ab.mean).bind(9, finite_or_nan(ab.lo)).bind(10, finite_or_nan(ab.hi));
  if (shifts) summary.bind(11, shifts->schedule.paid_hours);
  else summary.bind_null(11);
  summary.run();

  Statement row(db,
                "INSERT INTO staffing_intervals(interval, start, erlang_agents, agents, difference, service_level, "
                "service_level_lower_bound, service_level_n, abandon_rate, abandon_rate_upper_bound, abandon_rate_n) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < plan.agents.size(); ++i) {
    const int interval = static_cast<int>(i);
    row.bind(1, integer(interval)).bind(2, clock(interval, interval_minutes)).bind(3, integer(plan.erlang_agents[i]));
    row.bind(4, integer(plan.agents[i])).bind(5, integer(plan.agents[i] - plan.erlang_agents[i]));
    const staffing::IntervalKpis kpis = i < plan.interval_kpis.size() ? plan.interval_kpis[i] : staffing::IntervalKpis{};
    write_estimate(row, 6, kpis.service_level);
    write_estimate(row, 9, kpis.abandon_rate);
    row.run();
  }

  Statement check(db,
                  "INSERT INTO staffing_checks(target, target_text, period, period_label, n, mean, bound, holds) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const staffing::PeriodCheck& c : plan.checks) {
    check.bind(1, static_cast<std::int64_t>(c.target)).bind(2, staffing::to_string(study.targets.at(c.target)));
    check.bind(3, integer(c.period)).bind(4, c.label).bind(5, integer(c.estimate.samples));
    check.bind(6, c.estimate.mean).bind(7, c.estimate.bound).bind(8, integer(c.holds ? 1 : 0)).run();
  }

  if (!shifts) return;
  const auto& schedule = shifts->schedule;
  Statement pattern(db,
                    "INSERT INTO shift_counts(pattern, description, start_h, length_h, agents, paid_hours) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t j = 0; j < shifts->patterns.size(); ++j) {
    const auto& p = shifts->patterns[j];
    const int agents = schedule.agents_per_pattern.at(j);
    pattern.bind(1, static_cast<std::int64_t>(j)).bind(2, staffing::describe(p)).bind(3, p.start_h);
    pattern.bind(4, p.length_h).bind(5, integer(agents)).bind(6, agents * p.length_h).run();
  }
  Statement coverage(db,
                     "INSERT INTO shift_coverage(interval, start, required, covered, over_coverage) "
                     "VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < schedule.over_coverage.size(); ++i) {
    const int interval = static_cast<int>(i);
    coverage.bind(1, integer(interval)).bind(2, clock(interval, interval_minutes)).bind(3, integer(plan.agents.at(i)));
    coverage.bind(4, schedule.covered.at(i)).bind(5, schedule.over_coverage[i]).run();
  }
}

void write_plan(sqlite3* db, const char* name, const staffing::PlanOutcome& plan,
                const std::vector<std::string>& shift_labels) {
  const std::string plan_name = name;
  int failing_months = 0;
  for (const auto& m : plan.months) failing_months += m.meets_targets ? 0 : 1;
  Statement p(db,
              "INSERT INTO hiring_plans(plan, seats, total_cost, total_cost_lo, total_cost_hi, service_level, "
              "abandon_rate, annualised_attrition, hires, failing_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  p.bind(1, plan_name).bind(2, integer(plan.seats)).bind(3, plan.total_cost.mean);
  p.bind(4, finite_or_nan(plan.total_cost.lo)).bind(5, finite_or_nan(plan.total_cost.hi));
  p.bind(6, plan.service_level).bind(7, plan.abandon_rate).bind(8, plan.annualised_attrition).bind(9, plan.hires);
  p.bind(10, integer(failing_months)).run();
  Statement shift(db, "INSERT INTO hiring_plan_shifts(plan, shift, description, agents) VALUES (?, ?, ?, ?)");
  for (std::size_t j = 0; j < plan.shift_counts.size(); ++j)
    shift.bind(1, plan_name).bind(2, static_cast<std::int64_t>(j)).bind(3, shift_labels.at(j))
        .bind(4, integer(plan.shift_counts[j])).run();
  Statement month(db,
                  "INSERT INTO hiring_months(plan, month, days, service_level, abandon_rate, annualised_attrition, "
                  "quits, hires, employed, on_phones, absence_rate, cost, meets_targets) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& m : plan.months) {
    month.bind(1, plan_name).bind(2, integer(m.month + 1)).bind(3, integer(m.days)).bind(4, m.service_level);
    month.bind(5, m.abandon_rate).bind(6, m.annualised_attrition).bind(7, m.quits).bind(8, m.hires);
    month.bind(9, m.employed).bind(10, m.on_phones).bind(11, m.absence_rate).bind(12, m.cost);
    month.bind(13, integer(m.meets_targets ? 1 : 0)).run();
  }
  Statement failure(db, "INSERT INTO hiring_failures(plan, failure, text) VALUES (?, ?, ?)");
  for (std::size_t k = 0; k < plan.failures.size(); ++k)
    failure.bind(1, plan_name).bind(2, static_cast<std::int64_t>(k)).bind(3, plan.failures[k]).run();
}

void write_hiring(sqlite3* db, const staffing::HiringPlan& plan, const std::string& currency,
                  const std::vector<std::string>& shift_labels) {
  Statement s(db,
              "INSERT INTO hiring_summary(planner_shrinkage, planner_annual_attrition, planner_pipeline_share, "
              "planner_hires_per_month, evaluations, currency, cost_difference, cost_difference_lo, "
              "cost_difference_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, plan.planner_shrinkage).bind(2, plan.planner_annual_attrition).bind(3, plan.planner_pipeline_share);
  s.bind(4, plan.planner_hires_per_month).bind(5, integer(plan.evaluations)).bind(6, currency);
  s.bind(7, plan.cost_difference.mean).bind(8, finite_or_nan(plan.cost_difference.lo));
  s.bind(9, finite_or_nan(plan.cost_difference.hi)).run();
  write_plan(db, "conventional", plan.conventional, shift_labels);
  write_plan(db, "optimised", plan.optimised, shift_labels);
  Statement tried(db, "INSERT INTO hiring_seats_tried(evaluation, seats) VALUES (?, ?)");
  for (std::size_t k = 0; k < plan.seats_tried.size(); ++k)
    tried.bind(1, static_cast<std::int64_t>(k)).bind(2, integer(plan.seats_tried[k])).run();
}

// Writes the whole store in one transaction, renamed into place when committed.
void write_store(const std::filesystem::path& file, const StaffingStudy& study, const std::string& group, int threads,
                 const std::function<void(sqlite3*)>& results) {
  (void)check_staffing_store(file, study);
  detail::create_store(file, [&](sqlite3* db) {
    exec(db, kSchema);
    exec(db, detail::kSessionsTable);
    write_study(db, study, group);
    results(db);
    detail::add_session(db, study.command_line, threads, 1);
  });
  const Connection connection(file);
  detail::use_wal(connection.db);
}

StaffingStudy common_study(std::string analysis, std::string scenario_name, std::string scenario_file,
                           std::string scenario_text, std::string scenario_sha256, std::string command_line) {
  StaffingStudy s;
  s.analysis = std::move(analysis);
  s.scenario_name = std::move(scenario_name);
  s.scenario_file = std::move(scenario_file);
  s.scenario_text = std::move(scenario_text);
  s.scenario_sha256 = std::move(scenario_sha256);
  s.txsim_version = kVersion;
  s.command_line = std::move(command_line);
  return s;
}

StoredTable read_table(sqlite3* db, const char* name, const char* key) {
  StoredTable table;
  table.name = name;
  const std::string_view order = key;
  for (std::size_t begin = 0; order != "rowid" && begin < order.size();) {
    const std::size_t end = std::min(order.find(", ", begin), order.size());
    table.key.emplace_back(order.substr(begin, end - begin));
    begin = end + 2;
  }
  Statement s(db, fmt::format("SELECT * FROM {} ORDER BY {}", name, key).c_str());
  const int columns = sqlite3_column_count(s.get());
  for (int c = 0; c < columns; ++c) table.columns.emplace_back(sqlite3_column_name(s.get(), c));
  while (s.step()) {
    auto& row = table.rows.emplace_back();
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(s.get(), c)) {
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        case SQLITE_INTEGER: row.emplace_back(s.integer(c)); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(s.get(), c)); break;
        default: row.emplace_back(s.text(c)); break;
      }
    }
  }
  return table;
}

}  // namespace

StaffingStudy staffing_study(const staffing::SearchOptions& options, bool shifts, std::string scenario_name,
                             std::string scenario_file, std::string scenario_text, std::string scenario_sha256,
                             std::string command_line) {
  StaffingStudy s = common_study(shifts ? kShifts : kStaff, std::move(scenario_name), std::move(scenario_file),
                                 std::move(scenario_text), std::move(scenario_sha256), std::move(command_line));
  s.targets = options.targets;
  s.per = options.scope == staffing::Scope::Interval ? "interval"
          : options.scope == staffing::Scope::Day    ? "day"
                                                     : "horizon";
  s.confidence = options.confidence;
  s.seed = options.seed;
  s.replications = options.replications;
  s.max_agents = options.max_agents_per_interval;
  return s;
}

StaffingStudy hiring_plan_study(const staffing::HiringPlanOptions& options, std::string scenario_name,
                                std::string scenario_file, std::string scenario_text, std::string scenario_sha256,
                                std::string command_line) {
  StaffingStudy s = common_study(kHiringPlan, std::move(scenario_name), std::move(scenario_file),
                                 std::move(scenario_text), std::move(scenario_sha256), std::move(command_line));
  s.targets = options.targets;
  s.per = "month";
  s.confidence = options.confidence;
  s.seed = options.seed;
  s.replications = options.replications;
  s.max_seats = options.max_seats;
  s.planner_shrinkage = options.planner_shrinkage;
  s.planner_attrition = options.planner_annual_attrition;
  return s;
}

bool check_staffing_store(const std::filesystem::path& file, const StaffingStudy& study) {
  if (!std::filesystem::exists(file)) return false;
  if (!std::filesystem::is_regular_file(file))
    throw std::runtime_error(fmt::format("{} is not a file; give another --store", file.string()));
  const Connection connection(file);
  require_staffing_store(connection.db, file, "; give another --store");
  const StaffingStudy stored = read_study(connection.db);
  if (const auto d = difference(stored, study))
    throw std::runtime_error(fmt::format("{} holds another staffing study: {}; give another --store, or delete it",
                                         file.string(), *d));
  return true;
}

void write_staffing_store(const std::filesystem::path& file, const StaffingStudy& study,
                          const staffing::StaffingPlan& plan, double interval_minutes,
                          const std::optional<ShiftResults>& shifts, int threads) {
  write_store(file, study, plan.group, threads,
              [&](sqlite3* db) { write_staffing(db, study, plan, interval_minutes, shifts); });
}

void write_staffing_store(const std::filesystem::path& file, const StaffingStudy& study,
                          const staffing::HiringPlan& plan, const std::string& currency,
                          const std::vector<std::string>& shift_labels, int threads) {
  write_store(file, study, plan.group, threads,
              [&](sqlite3* db) { write_hiring(db, plan, currency, shift_labels); });
}

bool is_staffing_store(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file))
    throw std::runtime_error(fmt::format("cannot open the result store {}: no such file", file.string()));
  const auto identity = detail::store_identity(file);
  if (!identity) throw std::runtime_error(fmt::format("{} is not a txsim result store", file.string()));
  return identity->kind == detail::kStaffingStoreKind;
}

std::vector<StoredTable> read_staffing_store(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file))
    throw std::runtime_error(fmt::format("cannot open the result store {}: no such file", file.string()));
  const Connection connection(file);
  require_staffing_store(connection.db, file, "");
  const std::string analysis = read_study(connection.db).analysis;
  std::vector<StoredTable> tables;
  tables.push_back(read_table(connection.db, "study", "rowid"));
  const auto read = [&](const auto& list) {
    for (const auto& t : list) tables.push_back(read_table(connection.db, t.name, t.key));
  };
  if (analysis == kHiringPlan) {
    read(kHiringTables);
  } else {
    read(kStaffTables);
    if (analysis == kShifts) read(kShiftTables);
  }
  tables.push_back(read_table(connection.db, "sessions", "session"));
  return tables;
}

}  // namespace txsim::sweep
