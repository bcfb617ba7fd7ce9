#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "scenario_files.hpp"
#include "sweep/detail/store_file.hpp"
#include "sweep_texts.hpp"
#include "temp_dir.hpp"
#include "txsim/io/content_hash.hpp"
#include "txsim/staffing/hiring_plan.hpp"
#include "txsim/staffing/search.hpp"
#include "txsim/staffing/shift_schedule.hpp"
#include "txsim/sweep/result_store.hpp"
#include "txsim/sweep/staffing_store.hpp"

namespace fs = std::filesystem;
using txsim::testing::TempDir;
namespace staffing = txsim::staffing;
namespace sweep = txsim::sweep;

namespace {

const sweep::StoredTable& table(const std::vector<sweep::StoredTable>& tables, const std::string& name) {
  for (const auto& t : tables)
    if (t.name == name) return t;
  FAIL("no table " << name);
  throw std::logic_error("unreachable");
}

// The value of `column` in `row` of a table.
const sweep::StoredValue& cell(const sweep::StoredTable& t, std::size_t row, const std::string& column) {
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c] == column) return t.rows.at(row).at(c);
  FAIL("no column " << column << " in " << t.name);
  throw std::logic_error("unreachable");
}

std::int64_t integer(const sweep::StoredValue& v) { return std::get<std::int64_t>(v); }
std::string text(const sweep::StoredValue& v) { return std::get<std::string>(v); }

// NULL stands for an undefined (NaN) value; a real compares bit for bit.
bool same_real(const sweep::StoredValue& v, double expected) {
  if (std::isnan(expected)) return std::holds_alternative<std::monostate>(v);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i) == expected;
  return std::holds_alternative<double>(v) && std::get<double>(v) == expected;
}

std::vector<std::string> table_names(const std::vector<sweep::StoredTable>& tables) {
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  return names;
}

// A small interval staffing: the bundled M/M/c scenario with constant demand, shortened.
struct SmallStaffing {
  txsim::model::ScenarioSpec spec = txsim::testing::load_bundled("validation/erlang_c_small.yaml",
                                                                 {txsim::io::parse_override("horizon.arrivals=4000")});
  staffing::SearchOptions options;
  SmallStaffing() {
    options.targets = {staffing::parse_target("service_level>=0.8"), staffing::parse_target("abandon_rate<=0.5")};
    options.replications = 4;
    options.seed = 3;
    options.threads = 2;
  }
  [[nodiscard]] sweep::StaffingStudy study(bool shifts = false) const {
    return sweep::staffing_study(options, shifts, spec.name, "erlang_c_small.yaml", "text", txsim::io::sha256_hex("text"),
                                 "txsim staff test");
  }
};

}  // namespace

TEST_CASE("the staffing store holds the study and every value of an interval staffing") {
  const TempDir dir("staffing-store");
  SmallStaffing small;
  const staffing::StaffingPlan plan = staffing::search_staffing(small.spec, small.options);
  const fs::path file = dir.path / "staff.db";
  sweep::write_staffing_store(file, small.study(), plan, small.spec.interval_minutes, std::nullopt, 2);

  CHECK(sweep::is_staffing_store(file));
  const auto tables = sweep::read_staffing_store(file);
  CHECK(table_names(tables) ==
        std::vector<std::string>{"study", "staffing_summary", "staffing_intervals", "staffing_checks", "sessions"});
  const auto& study = table(tables, "study");
  CHECK(text(cell(study, 0, "analysis")) == "staff");
  CHECK(text(cell(study, 0, "targets")) == "service_level>=0.8, abandon_rate<=0.5");
  CHECK(text(cell(study, 0, "per")) == "horizon");
  CHECK(integer(cell(study, 0, "seed")) == 3);
  CHECK(integer(cell(study, 0, "replications")) == 4);
  CHECK(text(cell(study, 0, "scenario_sha256")) == txsim::io::sha256_hex("text"));
  CHECK(std::holds_alternative<std::monostate>(cell(study, 0, "max_seats")));

  const auto& summary = table(tables, "staffing_summary");
  CHECK(integer(cell(summary, 0, "evaluations")) == plan.evaluations);
  CHECK(same_real(cell(summary, 0, "agent_hours_per_day"), plan.agent_hours_per_day));
  const auto sl = plan.result.total[static_cast<std::size_t>(txsim::model::Kpi::ServiceLevel)];
  CHECK(same_real(cell(summary, 0, "service_level"), sl.mean));
  CHECK(same_real(cell(summary, 0, "service_level_lo"), sl.lo));
  CHECK(std::holds_alternative<std::monostate>(cell(summary, 0, "shift_paid_hours_per_day")));

  const auto& intervals = table(tables, "staffing_intervals");
  REQUIRE(intervals.rows.size() == plan.agents.size());
  for (std::size_t i = 0; i < plan.agents.size(); ++i) {
    CAPTURE(i);
    CHECK(integer(cell(intervals, i, "agents")) == plan.agents[i]);
    CHECK(integer(cell(intervals, i, "erlang_agents")) == plan.erlang_agents[i]);
    CHECK(integer(cell(intervals, i, "difference")) == plan.agents[i] - plan.erlang_agents[i]);
    CHECK(same_real(cell(intervals, i, "service_level"), plan.interval_kpis[i].service_level.mean));
    CHECK(same_real(cell(intervals, i, "service_level_lower_bound"), plan.interval_kpis[i].service_level.bound));
    CHECK(same_real(cell(intervals, i, "abandon_rate_upper_bound"), plan.interval_kpis[i].abandon_rate.bound));
    CHECK(integer(cell(intervals, i, "service_level_n")) == plan.interval_kpis[i].service_level.samples);
  }
  const auto& checks = table(tables, "staffing_checks");
  REQUIRE(checks.rows.size() == plan.checks.size());
  REQUIRE(checks.rows.size() == 2);  // two targets over the horizon
  for (std::size_t k = 0; k < plan.checks.size(); ++k) {
    CHECK(text(cell(checks, k, "period_label")) == plan.checks[k].label);
    CHECK(same_real(cell(checks, k, "bound"), plan.checks[k].estimate.bound));
    CHECK(integer(cell(checks, k, "holds")) == 1);
  }
  CHECK(text(cell(checks, 1, "target_text")) == "abandon_rate<=0.5");
  const auto& sessions = table(tables, "sessions");
  REQUIRE(sessions.rows.size() == 1);
  CHECK(text(cell(sessions, 0, "command_line")) == "txsim staff test");
  CHECK(integer(cell(sessions, 0, "threads")) == 2);
}

TEST_CASE("the staffing store of a shift schedule holds its counts, paid hours and over-coverage") {
  const TempDir dir("staffing-store-shifts");
  const auto spec = txsim::testing::load_bundled("staffing/day_shifts.yaml");
  staffing::SearchOptions options;
  options.targets = {staffing::parse_target("service_level>=0.8")};
  options.replications = 3;
  const auto plan = staffing::search_staffing(spec, options);
  const auto patterns = staffing::shift_patterns(spec);
  const auto schedule = staffing::schedule_shifts(plan.agents, spec.interval_minutes, patterns);
  const auto study = sweep::staffing_study(options, true, spec.name, "day_shifts.yaml", "t", "h", "test");
  const fs::path file = dir.path / "shifts.db";
  sweep::write_staffing_store(file, study, plan, spec.interval_minutes, sweep::ShiftResults{patterns, schedule}, 1);

  const auto tables = sweep::read_staffing_store(file);
  CHECK(table_names(tables) == std::vector<std::string>{"study", "staffing_summary", "staffing_intervals",
                                                        "staffing_checks", "shift_counts", "shift_coverage",
                                                        "sessions"});
  CHECK(text(cell(table(tables, "study"), 0, "analysis")) == "staff --shifts");
  CHECK(same_real(cell(table(tables, "staffing_summary"), 0, "shift_paid_hours_per_day"), schedule.paid_hours));
  const auto& counts = table(tables, "shift_counts");
  REQUIRE(counts.rows.size() == patterns.size());
  double paid = 0.0;
  for (std::size_t j = 0; j < patterns.size(); ++j) {
    CHECK(text(cell(counts, j, "description")) == staffing::describe(patterns[j]));
    CHECK(same_real(cell(counts, j, "start_h"), patterns[j].start_h));
    CHECK(integer(cell(counts, j, "agents")) == schedule.agents_per_pattern[j]);
    paid += std::get<double>(cell(counts, j, "paid_hours"));
  }
  CHECK(paid == doctest::Approx(schedule.paid_hours).epsilon(1e-12));
  const auto& coverage = table(tables, "shift_coverage");
  REQUIRE(coverage.rows.size() == schedule.over_coverage.size());
  for (std::size_t i = 0; i < coverage.rows.size(); ++i) {
    CHECK(integer(cell(coverage, i, "required")) == plan.agents[i]);
    CHECK(same_real(cell(coverage, i, "covered"), schedule.covered[i]));
    CHECK(same_real(cell(coverage, i, "over_coverage"), schedule.over_coverage[i]));
  }
}

TEST_CASE("the staffing store of a hiring plan holds both plans month by month, the cost difference and the search") {
  const TempDir dir("staffing-store-hiring");
  const auto spec = txsim::testing::load_bundled("staffing/hiring_year.yaml",
                                                 {txsim::io::parse_override("horizon.days=60")});
  staffing::HiringPlanOptions options;
  options.targets = {staffing::parse_target("service_level>=0.8")};
  options.replications = 3;
  const auto plan = staffing::plan_hiring(spec, options);
  std::vector<std::string> labels;
  for (const auto& s : spec.agent_groups.front().shifts)
    labels.push_back(staffing::describe(staffing::ShiftPattern{s.start_h, s.length_h, s.breaks}));
  const auto study = sweep::hiring_plan_study(options, spec.name, "hiring_year.yaml", "t", "h", "test");
  const fs::path file = dir.path / "hiring.db";
  sweep::write_staffing_store(file, study, plan, spec.currency, labels, 1);

  const auto tables = sweep::read_staffing_store(file);
  CHECK(table_names(tables) == std::vector<std::string>{"study", "hiring_summary", "hiring_plans",
                                                        "hiring_plan_shifts", "hiring_months", "hiring_failures",
                                                        "hiring_seats_tried", "sessions"});
  const auto& st = table(tables, "study");
  CHECK(text(cell(st, 0, "per")) == "month");
  CHECK(integer(cell(st, 0, "max_seats")) == options.max_seats);
  CHECK(std::holds_alternative<std::monostate>(cell(st, 0, "planner_shrinkage")));
  const auto& summary = table(tables, "hiring_summary");
  CHECK(same_real(cell(summary, 0, "cost_difference"), plan.cost_difference.mean));
  CHECK(same_real(cell(summary, 0, "cost_difference_lo"), plan.cost_difference.lo));
  CHECK(same_real(cell(summary, 0, "planner_pipeline_share"), plan.planner_pipeline_share));
  CHECK(text(cell(summary, 0, "currency")) == spec.currency);

  // Rows in key order: "conventional" before "optimised".
  const auto& plans = table(tables, "hiring_plans");
  REQUIRE(plans.rows.size() == 2);
  const staffing::PlanOutcome* outcomes[] = {&plan.conventional, &plan.optimised};
  const auto& months = table(tables, "hiring_months");
  REQUIRE(months.rows.size() == plan.conventional.months.size() + plan.optimised.months.size());
  std::size_t month_row = 0;
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& o = *outcomes[p];
    CHECK(integer(cell(plans, p, "seats")) == o.seats);
    CHECK(same_real(cell(plans, p, "total_cost"), o.total_cost.mean));
    CHECK(same_real(cell(plans, p, "total_cost_hi"), o.total_cost.hi));
    CHECK(same_real(cell(plans, p, "annualised_attrition"), o.annualised_attrition));
    CHECK(same_real(cell(plans, p, "hires"), o.hires));
    for (const auto& m : o.months) {
      CAPTURE(month_row);
      CHECK(integer(cell(months, month_row, "month")) == m.month + 1);
      CHECK(same_real(cell(months, month_row, "service_level"), m.service_level));
      CHECK(same_real(cell(months, month_row, "quits"), m.quits));
      CHECK(same_real(cell(months, month_row, "on_phones"), m.on_phones));
      CHECK(same_real(cell(months, month_row, "cost"), m.cost));
      CHECK(integer(cell(months, month_row, "meets_targets")) == (m.meets_targets ? 1 : 0));
      ++month_row;
    }
  }
  CHECK(table(tables, "hiring_failures").rows.size() == plan.conventional.failures.size() + plan.optimised.failures.size());
  CHECK(table(tables, "hiring_plan_shifts").rows.size() == 2 * labels.size());
  const auto& tried = table(tables, "hiring_seats_tried");
  REQUIRE(tried.rows.size() == plan.seats_tried.size());
  for (std::size_t k = 0; k < tried.rows.size(); ++k) CHECK(integer(cell(tried, k, "seats")) == plan.seats_tried[k]);
}

TEST_CASE("a store of another staffing study, a sweep store and a foreign file are refused, naming what they are") {
  const TempDir dir("staffing-store-refuse");
  SmallStaffing small;
  const auto plan = staffing::search_staffing(small.spec, small.options);
  const fs::path file = dir.path / "staff.db";
  CHECK_FALSE(sweep::check_staffing_store(file, small.study()));
  sweep::write_staffing_store(file, small.study(), plan, small.spec.interval_minutes, std::nullopt, 1);
  CHECK(sweep::check_staffing_store(file, small.study()));

  auto other = small.study();
  other.seed = 4;
  CHECK_THROWS_WITH_AS((void)sweep::check_staffing_store(file, other),
                       doctest::Contains("holds another staffing study: --seed differs (store: 3, now: 4)"),
                       std::runtime_error);
  other = small.study(true);
  CHECK_THROWS_WITH_AS((void)sweep::check_staffing_store(file, other),
                       doctest::Contains("the analysis differs (store: staff, now: staff --shifts)"), std::runtime_error);
  other = small.study();
  other.targets.pop_back();
  CHECK_THROWS_WITH_AS(sweep::write_staffing_store(file, other, plan, 60.0, std::nullopt, 1),
                       doctest::Contains("the target list differs"), std::runtime_error);

  // A sweep's store, either way round.
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallRunSweep);
  const fs::path sweep_file = dir.path / "sweep.db";
  (void)sweep::ResultStore::open_for(sweep_file, sweep::study_record(spec, "test", ""), false);
  CHECK_FALSE(sweep::is_staffing_store(sweep_file));
  CHECK_THROWS_WITH_AS((void)sweep::check_staffing_store(sweep_file, small.study()),
                       doctest::Contains("is a sweep's result store (txsim sweep), not a staffing store"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS((void)sweep::read_staffing_store(sweep_file), doctest::Contains("not a staffing store"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS((void)sweep::ResultStore::open_existing(file),
                       doctest::Contains("is a staffing result store (txsim staff --store), not a sweep's"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS((void)sweep::ResultStore::open_for(file, sweep::study_record(spec, "test", ""), false),
                       doctest::Contains("not a sweep's"), std::runtime_error);

  // A file that is not a database, and a store of another schema version.
  const fs::path notes = dir.path / "notes.db";
  std::ofstream(notes) << "not a database at all, just some text that sqlite will not accept";
  CHECK_THROWS_WITH_AS((void)sweep::check_staffing_store(notes, small.study()),
                       doctest::Contains("is not a txsim result store"), std::runtime_error);
  {
    sqlite3* db = sweep::detail::open_db(file, SQLITE_OPEN_READWRITE);
    sweep::detail::exec(db, "UPDATE meta SET value = '0' WHERE key = 'schema_version'");
    sqlite3_close(db);
  }
  CHECK_THROWS_WITH_AS((void)sweep::read_staffing_store(file), doctest::Contains("staffing store schema version 0"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS((void)sweep::check_staffing_store(file, small.study()),
                       doctest::Contains("staffing store schema version 0"), std::runtime_error);
}

TEST_CASE("a store of the same study is replaced whole, and a write that fails leaves the earlier store as it was") {
  const TempDir dir("staffing-store-replace");
  SmallStaffing small;
  const auto plan = staffing::search_staffing(small.spec, small.options);
  const fs::path file = dir.path / "staff.db";
  auto study = small.study();
  sweep::write_staffing_store(file, study, plan, small.spec.interval_minutes, std::nullopt, 1);
  study.command_line = "the second call";
  sweep::write_staffing_store(file, study, plan, small.spec.interval_minutes, std::nullopt, 1);
  const auto sessions = table(sweep::read_staffing_store(file), "sessions");
  REQUIRE(sessions.rows.size() == 1);
  CHECK(text(cell(sessions, 0, "command_line")) == "the second call");

  // A plan whose checks name a target the study does not have fails inside the transaction.
  auto broken = plan;
  broken.checks.front().target = 7;
  study.command_line = "the failed call";
  CHECK_THROWS(sweep::write_staffing_store(file, study, broken, small.spec.interval_minutes, std::nullopt, 1));
  CHECK_FALSE(fs::exists(file.string() + ".creating"));
  const auto kept = sweep::read_staffing_store(file);
  CHECK(text(cell(table(kept, "sessions"), 0, "command_line")) == "the second call");
  CHECK(table(kept, "staffing_intervals").rows.size() == plan.agents.size());
}

TEST_CASE("a store being created is not a store until it is complete") {
  const TempDir dir("staffing-store-creating");
  const fs::path file = dir.path / "new.db";
  // Killed while filling: what was written stays under the temporary name, and is thrown away.
  CHECK_THROWS_AS(sweep::detail::create_store(file,
                                              [&](sqlite3* db) {
                                                sweep::detail::exec(db, "CREATE TABLE meta(key TEXT, value TEXT)");
                                                sweep::detail::write_meta(db, sweep::detail::kStaffingStoreKind, 1);
                                                CHECK(fs::exists(file.string() + ".creating"));
                                                CHECK_FALSE(fs::exists(file));
                                                throw std::runtime_error("killed");
                                              }),
                  std::runtime_error);
  CHECK_FALSE(fs::exists(file));
  CHECK_FALSE(fs::exists(file.string() + ".creating"));
  CHECK_THROWS_WITH_AS((void)sweep::is_staffing_store(file), doctest::Contains("no such file"), std::runtime_error);

  // A temporary file and journal left by a process killed outright do not stop the next run.
  std::ofstream(file.string() + ".creating") << "half a database";
  std::ofstream(file.string() + ".creating-journal") << "and its journal";
  SmallStaffing small;
  const auto plan = staffing::search_staffing(small.spec, small.options);
  sweep::write_staffing_store(file, small.study(), plan, small.spec.interval_minutes, std::nullopt, 1);
  CHECK(sweep::is_staffing_store(file));
  CHECK_FALSE(fs::exists(file.string() + ".creating"));
  CHECK_FALSE(fs::exists(file.string() + ".creating-journal"));
}
