#include "cli/staff_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/signals.hpp"
#include "txsim/io/check.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/staffing/hiring_plan.hpp"
#include "txsim/staffing/search.hpp"
#include "txsim/staffing/shift_schedule.hpp"
#include "txsim/sweep/staffing_store.hpp"

namespace txsim::cli {

namespace {

struct StaffArgs {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> targets;
  std::string per = "horizon";
  double confidence = 0.95;
  std::uint64_t seed = 1;
  int replications = 10;
  int threads = 0;
  int max_agents = 1000;
  std::string format = "table";
  std::string out_file;
  std::string store_file;
  std::string command_line;
  bool shifts = false;
  bool hiring_plan = false;
  int max_seats = 2000;
  std::optional<double> planner_shrinkage;
  std::optional<double> planner_attrition;
  bool per_given = false;
};

std::string clock(int interval, double interval_minutes) {
  const int minutes = static_cast<int>(std::lround(interval * interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// Writes next to the target and renames, so that an interrupted write never leaves a file that
// looks complete.
void write_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", temporary));
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error(fmt::format("{}: cannot write", path));
  }
}

int worker_threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

// Refuses, before the long search, a --store the study may not be written into (bad input).
void check_store(const StaffArgs& args, const sweep::StaffingStudy& study) {
  if (args.store_file.empty()) return;
  try {
    (void)sweep::check_staffing_store(args.store_file, study);
  } catch (const std::runtime_error& e) {
    throw CLI::ValidationError(fmt::format("--store: {}", e.what()));
  }
}

// Writes --out and --store after the results are printed; 3 when either cannot be written.
int write_outputs(const StaffArgs& args, const std::string& yaml, const std::function<void()>& write_store) {
  try {
    if (!args.out_file.empty()) write_atomically(args.out_file, yaml);
    if (!args.store_file.empty()) write_store();
  } catch (const std::runtime_error& e) {  // also std::filesystem::filesystem_error
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return 3;
  }
  return 0;
}

// An undefined value (NaN) is null, as it is NULL in the store.
nlohmann::ordered_json number_json(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

void print_month_row(const staffing::MonthOutcome& m) {
  fmt::print(" {:>6.4f} {:>7.4f} {:>6.3f} {:>5.1f} {:>6.1f} {:>9.0f}{}", m.service_level, m.abandon_rate,
             m.annualised_attrition, m.hires, m.employed, m.cost, m.meets_targets ? " " : "*");
}

nlohmann::ordered_json plan_json(const staffing::PlanOutcome& plan, const std::vector<std::string>& shift_labels) {
  nlohmann::ordered_json shifts = nlohmann::ordered_json::array();
  for (std::size_t j = 0; j < plan.shift_counts.size(); ++j)
    shifts.push_back({{"shift", shift_labels[j]}, {"agents", plan.shift_counts[j]}});
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (const auto& m : plan.months)
    months.push_back({{"month", m.month + 1},
                      {"days", m.days},
                      {"service_level", m.service_level},
                      {"abandon_rate", m.abandon_rate},
                      {"annualised_attrition", m.annualised_attrition},
                      {"quits", m.quits},
                      {"hires", m.hires},
                      {"employed", m.employed},
                      {"on_phones", m.on_phones},
                      {"absence_rate", m.absence_rate},
                      {"cost", m.cost},
                      {"meets_targets", m.meets_targets}});
  return {{"seats", plan.seats},
          {"shifts", shifts},
          {"total_cost", plan.total_cost.mean},
          {"total_cost_ci95", {plan.total_cost.lo, plan.total_cost.hi}},
          {"service_level", plan.service_level},
          {"abandon_rate", plan.abandon_rate},
          {"annualised_attrition", plan.annualised_attrition},
          {"hires", plan.hires},
          {"failures", plan.failures},
          {"months", months}};
}

int hiring_plan(const StaffArgs& args) {
  if (args.per_given)
    throw CLI::ValidationError("--per: a hiring plan holds its targets in every month; drop --per");
  if (args.shifts)
    throw CLI::ValidationError("--shifts: a hiring plan keeps the scenario's shifts and sizes them; drop --shifts");
  staffing::HiringPlanOptions options;
  for (const auto& text : args.targets) options.targets.push_back(staffing::parse_target(text));
  options.confidence = args.confidence;
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.stop = &stop_requested();
  options.max_seats = args.max_seats;
  options.planner_shrinkage = args.planner_shrinkage;
  options.planner_annual_attrition = args.planner_attrition;

  std::vector<io::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(io::parse_override(s));
  const io::LoadedStudy loaded = io::load_study(args.file, overrides);
  for (const auto& warning : loaded.warnings) fmt::print(stderr, "{}\n", io::to_string(warning));
  const model::ScenarioSpec& spec = loaded.study.centre;
  const sweep::StaffingStudy study = sweep::hiring_plan_study(options, spec.name, args.file, loaded.resolved_yaml,
                                                              loaded.content_hash, args.command_line);
  check_store(args, study);
  const staffing::HiringPlan plan = staffing::plan_hiring(spec, options);

  experiment::StudySpec planned = loaded.study;
  planned.centre = staffing::with_shift_counts(spec, plan.optimised.shift_counts);
  io::require_valid(planned, args.file);
  std::string target_text;
  for (const auto& t : options.targets) target_text += (target_text.empty() ? "" : ", ") + staffing::to_string(t);
  const std::string yaml = io::to_yaml(
      planned, {{"agents.groups." + plan.group + ".shifts[0].count",
                 fmt::format("txsim staff --hiring-plan: {} seats for {} in every month at {:.0f}% confidence, seed "
                             "{}, {} replications",
                             plan.optimised.seats, target_text, 100 * options.confidence, options.seed,
                             options.replications)}});

  std::vector<std::string> shift_labels;
  for (const auto& shift : spec.agent_groups.front().shifts)
    shift_labels.push_back(staffing::describe(staffing::ShiftPattern{shift.start_h, shift.length_h, shift.breaks}));
  const double cost_gap = plan.optimised.total_cost.mean - plan.conventional.total_cost.mean;
  const std::string currency = spec.currency;
  if (args.format == "json") {
    nlohmann::ordered_json out = {
        {"scenario", spec.name},
        {"group", plan.group},
        {"targets", args.targets},
        {"confidence", options.confidence},
        {"test", "one-sided Student t on replication means, per 30-day month"},
        {"seed", options.seed},
        {"replications", options.replications},
        {"evaluations", plan.evaluations},
        {"seats_tried", plan.seats_tried},
        {"currency", currency},
        {"planner", {{"shrinkage", plan.planner_shrinkage},
                     {"annual_attrition", plan.planner_annual_attrition},
                     {"pipeline_share", plan.planner_pipeline_share},
                     {"hires_per_month", plan.planner_hires_per_month}}},
        {"conventional", plan_json(plan.conventional, shift_labels)},
        {"optimised", plan_json(plan.optimised, shift_labels)},
        {"cost_difference", plan.cost_difference.mean},
        {"cost_difference_ci95", {plan.cost_difference.lo, plan.cost_difference.hi}}};
    std::cout << out.dump(2) << '\n';
  } else if (args.format == "csv") {
    fmt::print("plan,seats,month,days,service_level,abandon_rate,annualised_attrition,quits,hires,employed,on_phones,"
               "absence_rate,cost,meets_targets\n");
    for (const auto* outcome : {&plan.conventional, &plan.optimised}) {
      const char* name = outcome == &plan.conventional ? "conventional" : "optimised";
      for (const auto& m : outcome->months)
        fmt::print("{},{},{},{},{:.6f},{:.6f},{:.6f},{:.4f},{:.4f},{:.4f},{:.4f},{:.6f},{:.2f},{}\n", name,
                   outcome->seats, m.month + 1, m.days, m.service_level, m.abandon_rate, m.annualised_attrition,
                   m.quits, m.hires, m.employed, m.on_phones, m.absence_rate, m.cost, m.meets_targets ? 1 : 0);
    }
  } else {
    fmt::print("scenario {}  group {}  targets {} in every 30-day month\n", spec.name, plan.group, target_text);
    fmt::print("{:.0f}% one-sided Student t on {} replications, common random numbers, seed {}\n",
               100 * options.confidence, options.replications, options.seed);
    fmt::print("seats simulated, in order: {}\n", fmt::join(plan.seats_tried, ", "));
    fmt::print("conventional plan: the fewest seats whose Erlang week meets the targets, with agents on the phones\n"
               "  x (1 - shrinkage {:.3f}) x (1 - pipeline share {:.3f}, attrition {:.2f} a year); "
               "expects {:.1f} hires a month\n",
               plan.planner_shrinkage, plan.planner_pipeline_share, plan.planner_annual_attrition,
               plan.planner_hires_per_month);
    fmt::print("{:>5} |{:^46}|{:^46}\n", "", fmt::format("conventional: {} seats", plan.conventional.seats),
               fmt::format("optimised: {} seats", plan.optimised.seats));
    const std::string columns = fmt::format(" {:>6} {:>7} {:>6} {:>5} {:>6} {:>9} ", "SL", "abandon", "attr", "hires",
                                            "staff", "cost");
    fmt::print("{:>5} |{}|{}\n", "month", columns, columns);
    for (std::size_t m = 0; m < plan.optimised.months.size(); ++m) {
      fmt::print("{:>5} |", m + 1);
      print_month_row(plan.conventional.months[m]);
      fmt::print("|");
      print_month_row(plan.optimised.months[m]);
      fmt::print("\n");
    }
    fmt::print("(* a target fails that month; attr = annualised attrition; staff = mean agents employed)\n");
    fmt::print("conventional: {} seats, cost {:.0f} {} [{:.0f}, {:.0f}], service level {:.4f}, abandon rate {:.4f},\n"
               "              attrition {:.3f} a year, {} month(s) failing\n",
               plan.conventional.seats, plan.conventional.total_cost.mean, currency, plan.conventional.total_cost.lo,
               plan.conventional.total_cost.hi, plan.conventional.service_level, plan.conventional.abandon_rate,
               plan.conventional.annualised_attrition,
               std::count_if(plan.conventional.months.begin(), plan.conventional.months.end(),
                             [](const staffing::MonthOutcome& m) { return !m.meets_targets; }));
    fmt::print("optimised:    {} seats, cost {:.0f} {} [{:.0f}, {:.0f}], service level {:.4f}, abandon rate {:.4f},\n"
               "              attrition {:.3f} a year\n",
               plan.optimised.seats, plan.optimised.total_cost.mean, currency, plan.optimised.total_cost.lo,
               plan.optimised.total_cost.hi, plan.optimised.service_level, plan.optimised.abandon_rate,
               plan.optimised.annualised_attrition);
    fmt::print("cost difference (optimised - conventional, paired): {:+.0f} {} [{:+.0f}, {:+.0f}] ({:+.1f}%)\n",
               cost_gap, currency, plan.cost_difference.lo, plan.cost_difference.hi,
               100.0 * cost_gap / plan.conventional.total_cost.mean);
  }
  return write_outputs(args, yaml, [&] {
    sweep::write_staffing_store(args.store_file, study, plan, currency, shift_labels, worker_threads(args.threads));
  });
}

int staff(const StaffArgs& args) {
  if (args.hiring_plan) return hiring_plan(args);
  staffing::SearchOptions options;
  for (const auto& text : args.targets) options.targets.push_back(staffing::parse_target(text));
  options.scope = args.per == "interval" ? staffing::Scope::Interval
                  : args.per == "day"    ? staffing::Scope::Day
                                         : staffing::Scope::Horizon;
  options.confidence = args.confidence;
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.stop = &stop_requested();
  options.max_agents_per_interval = args.max_agents;

  std::vector<io::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(io::parse_override(s));
  const io::LoadedStudy loaded = io::load_study(args.file, overrides);
  for (const auto& warning : loaded.warnings) fmt::print(stderr, "{}\n", io::to_string(warning));
  const model::ScenarioSpec& spec = loaded.study.centre;
  const sweep::StaffingStudy study = sweep::staffing_study(options, args.shifts, spec.name, args.file,
                                                           loaded.resolved_yaml, loaded.content_hash, args.command_line);
  check_store(args, study);
  // Patterns that cannot cover the demand are found on the Erlang answer, before any simulation.
  std::vector<staffing::ShiftPattern> patterns;
  if (args.shifts) {
    try {
      patterns = staffing::schedulable_shift_patterns(spec);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(fmt::format("--shifts: {}", e.what()));
    }
  }
  const staffing::StaffingPlan plan = staffing::search_staffing(spec, options);
  staffing::ShiftSchedule schedule;
  if (args.shifts) schedule = staffing::schedule_shifts(plan.agents, spec.interval_minutes, patterns);

  // The staffed scenario, through the schema's writer so that it is checked and loads back.
  experiment::StudySpec staffed = loaded.study;
  staffed.centre = args.shifts ? staffing::with_shift_schedule(spec, patterns, schedule.agents_per_pattern)
                               : staffing::with_headcount(spec, plan.agents);
  io::require_valid(staffed, args.file);
  std::string target_text;
  for (const auto& t : options.targets) target_text += (target_text.empty() ? "" : ", ") + staffing::to_string(t);
  const std::string group_path = "agents.groups." + plan.group;
  const std::string yaml = io::to_yaml(
      staffed, {{group_path + (args.shifts ? ".shifts[0].count" : ".headcount"),
                 fmt::format("txsim staff{}: {} per {} at {:.0f}% confidence, seed {}, {} replications",
                             args.shifts ? " --shifts" : "", target_text, args.per, 100 * options.confidence,
                             options.seed, options.replications)}});

  const auto& total = plan.result.total;
  const auto kpi = [&](model::Kpi k) { return total[static_cast<std::size_t>(k)]; };
  if (args.format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < plan.agents.size(); ++i)
      rows.push_back({{"interval", i},
                      {"start", clock(static_cast<int>(i), spec.interval_minutes)},
                      {"erlang_agents", plan.erlang_agents[i]},
                      {"agents", plan.agents[i]},
                      {"difference", plan.agents[i] - plan.erlang_agents[i]},
                      {"service_level", number_json(plan.interval_kpis[i].service_level.mean)},
                      {"service_level_lower_bound", number_json(plan.interval_kpis[i].service_level.bound)},
                      {"service_level_n", plan.interval_kpis[i].service_level.samples},
                      {"abandon_rate", number_json(plan.interval_kpis[i].abandon_rate.mean)},
                      {"abandon_rate_upper_bound", number_json(plan.interval_kpis[i].abandon_rate.bound)},
                      {"abandon_rate_n", plan.interval_kpis[i].abandon_rate.samples}});
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& c : plan.checks)
      checks.push_back({{"target", staffing::to_string(options.targets[c.target])},
                        {"period", c.label},
                        {"n", c.estimate.samples},
                        {"mean", number_json(c.estimate.mean)},
                        {"bound", number_json(c.estimate.bound)},
                        {"holds", c.holds}});
    nlohmann::ordered_json out = {{"scenario", spec.name},
                                  {"group", plan.group},
                                  {"targets", args.targets},
                                  {"per", args.per},
                                  {"confidence", options.confidence},
                                  {"test", "one-sided Student t on replication means"},
                                  {"seed", options.seed},
                                  {"replications", options.replications},
                                  {"evaluations", plan.evaluations},
                                  {"agent_hours_per_day", plan.agent_hours_per_day},
                                  {"erlang_agent_hours_per_day", plan.erlang_agent_hours_per_day},
                                  {"service_level", kpi(model::Kpi::ServiceLevel).mean},
                                  {"abandon_rate", kpi(model::Kpi::AbandonRate).mean},
                                  {"intervals", rows},
                                  {"checks", checks}};
    if (args.shifts) {
      nlohmann::ordered_json counts = nlohmann::ordered_json::array();
      for (std::size_t j = 0; j < patterns.size(); ++j)
        counts.push_back({{"pattern", staffing::describe(patterns[j])},
                          {"start_h", patterns[j].start_h},
                          {"length_h", patterns[j].length_h},
                          {"agents", schedule.agents_per_pattern[j]},
                          {"paid_hours", schedule.agents_per_pattern[j] * patterns[j].length_h}});
      out["shift_schedule"] = {{"paid_hours_per_day", schedule.paid_hours},
                               {"shifts", counts},
                               {"covered", schedule.covered},
                               {"over_coverage", schedule.over_coverage}};
    }
    std::cout << out.dump(2) << '\n';
  } else if (args.format == "csv") {
    fmt::print("interval,start,erlang_agents,agents,difference\n");
    for (std::size_t i = 0; i < plan.agents.size(); ++i)
      fmt::print("{},{},{},{},{}\n", i, clock(static_cast<int>(i), spec.interval_minutes), plan.erlang_agents[i],
                 plan.agents[i], plan.agents[i] - plan.erlang_agents[i]);
  } else {
    fmt::print("scenario {}  group {}  targets {} per {}  ({:.0f}% one-sided Student t on {} replications, "
               "common random numbers, seed {}; {} staffings simulated)\n",
               spec.name, plan.group, target_text, args.per, 100 * options.confidence, options.replications,
               options.seed, plan.evaluations);
    fmt::print("{:>5} {:>7} {:>7} {:>6}\n", "start", "erlang", "agents", "diff");
    for (std::size_t i = 0; i < plan.agents.size(); ++i) {
      if (plan.agents[i] == 0 && plan.erlang_agents[i] == 0) continue;
      fmt::print("{:>5} {:>7} {:>7} {:>+6}\n", clock(static_cast<int>(i), spec.interval_minutes),
                 plan.erlang_agents[i], plan.agents[i], plan.agents[i] - plan.erlang_agents[i]);
    }
    fmt::print("agent-hours per day: {:.1f} (Erlang {:.1f}, difference {:+.1f})\n", plan.agent_hours_per_day,
               plan.erlang_agent_hours_per_day, plan.agent_hours_per_day - plan.erlang_agent_hours_per_day);
    fmt::print("simulated over the horizon: service level {:.4f} [{:.4f}, {:.4f}], abandon rate {:.4f} "
               "[{:.4f}, {:.4f}] (95% CI)\n",
               kpi(model::Kpi::ServiceLevel).mean, kpi(model::Kpi::ServiceLevel).lo, kpi(model::Kpi::ServiceLevel).hi,
               kpi(model::Kpi::AbandonRate).mean, kpi(model::Kpi::AbandonRate).lo, kpi(model::Kpi::AbandonRate).hi);
    if (args.shifts) {
      double over_hours = 0.0;
      for (double extra : schedule.over_coverage) over_hours += extra * spec.interval_minutes / 60.0;
      fmt::print("shifts covering these agents at least paid hours (integer programme, GLPK): paid {:.1f} h per day, "
                 "over-coverage {:.1f} agent-hours:",
                 schedule.paid_hours, over_hours);
      for (std::size_t j = 0; j < patterns.size(); ++j)
        if (schedule.agents_per_pattern[j] > 0)
          fmt::print("  {} x {}", schedule.agents_per_pattern[j], staffing::describe(patterns[j]));
      fmt::print("\n");
    }
  }
  return write_outputs(args, yaml, [&] {
    std::optional<sweep::ShiftResults> shifts;
    if (args.shifts) shifts.emplace(sweep::ShiftResults{patterns, schedule});
    sweep::write_staffing_store(args.store_file, study, plan, spec.interval_minutes, shifts,
                                worker_threads(args.threads));
  });
}

}  // namespace

Command add_staff_command(CLI::App& app, std::string command_line) {
  auto args = std::make_shared<StaffArgs>();
  args->command_line = std::move(command_line);
  auto* cmd = app.add_subcommand("staff",
                                 "Fewest agents per interval meeting KPI targets: the Erlang requirement refined by "
                                 "simulation with common random numbers; with --hiring-plan, the seats hiring keeps "
                                 "filled so that every month meets them");
  cmd->add_option("file", args->file, "Scenario file (YAML) with one agent group (and employee dynamics for --hiring-plan)")->required();
  cmd->add_option("--set", args->sets, "Override one value of the scenario: key.path=value (repeatable)");
  cmd->add_option("--target", args->targets,
                  "KPI bound, repeatable: service_level>=X (X in [0, 1)) or abandon_rate<=Y (Y in (0, 1])")
      ->required();
  auto* per = cmd->add_option("--per", args->per, "Where every target must hold: interval (each interval of the day), day or "
                                      "horizon (default horizon)")
      ->check(CLI::IsMember({"interval", "day", "horizon"}));
  cmd->add_option("--confidence", args->confidence, "One-sided confidence of each target test (default 0.95)")
      ->check(CLI::Range(0.51, 0.9999));
  cmd->add_option("--seed", args->seed, "Master random seed, shared by every staffing tried (default 1)");
  cmd->add_option("--replications,-r", args->replications, "Replications per staffing tried (default 10)")
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--threads,-j", args->threads, "Worker threads; 0 = one per core (default 0)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--max-agents", args->max_agents,
                  "Most agents the search may put in one interval (default 1000); a target still failing there is "
                  "an error")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--format", args->format, "table, csv or json (default table)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out,-o", args->out_file, "Write the staffed scenario (YAML) here");
  cmd->add_option("--store", args->store_file,
                  "Write the whole result into this SQLite staffing store (read it with `txsim results`); an "
                  "existing store is replaced only by a run of the same study");
  cmd->add_flag("--shifts", args->shifts,
                "Also give the shift counts over the scenario's shift patterns that cover the answer at least paid "
                "hours (integer programme); --out then writes those shifts instead of a headcount");
  cmd->add_flag("--hiring-plan", args->hiring_plan,
                "With employee dynamics: the seats (authorised headcount, the scenario's shifts scaled) that meet "
                "every target in every 30-day month at least workforce cost, against the conventional Erlang plan "
                "with fixed shrinkage and attrition");
  auto* max_seats = cmd->add_option("--max-seats", args->max_seats,
                  "--hiring-plan: most seats the search may try (default 2000); a month still failing there is an "
                  "error")
      ->check(CLI::Range(1, 1000000));
  auto* planner_shrinkage = cmd->add_option("--planner-shrinkage", args->planner_shrinkage,
                  "--hiring-plan: the conventional planner's fixed absence shrinkage (default: "
                  "workforce.absence.daily_probability)")
      ->check(CLI::Range(0.0, 0.99));
  auto* planner_attrition = cmd->add_option("--planner-attrition", args->planner_attrition,
                  "--hiring-plan: the conventional planner's fixed annual attrition (default: "
                  "workforce.attrition.annual_rate)")
      ->check(CLI::Range(0.0, 0.99));
  return {cmd, [args, per, max_seats, planner_shrinkage, planner_attrition] {
            args->per_given = per->count() > 0;
            for (const auto* option : {max_seats, planner_shrinkage, planner_attrition})
              if (option->count() > 0 && !args->hiring_plan)
                throw CLI::ValidationError(
                    fmt::format("{}: only a hiring plan reads it; add --hiring-plan", option->get_name()));
            return staff(*args);
          }};
}

}  // namespace txsim::cli
