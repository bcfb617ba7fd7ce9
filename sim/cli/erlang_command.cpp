#include "cli/erlang_command.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "txsim/analytic/staffing.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/staffing/requirement.hpp"
#include "txsim/staffing/shift_schedule.hpp"

namespace txsim::cli {

namespace {

using analytic::QueueModel;

struct ErlangArgs {
  double calls_per_hour = 0.0;
  double aht_s = 0.0;
  double patience_s = std::numeric_limits<double>::infinity();
  double threshold_s = 20.0;
  std::string model = "auto";
  int agents = 0;
  double target_service_level = 0.0;
  double max_abandon_rate = 0.0;
  std::string format = "table";
  std::string scenario;
  std::vector<std::string> sets;
  double shrinkage = 0.0;
  double max_occupancy = 1.0;
  bool threshold_given = false;
  bool shifts = false;
};

const char* model_name(QueueModel model) {
  switch (model) {
    case QueueModel::ErlangB: return "erlang_b";
    case QueueModel::ErlangC: return "erlang_c";
    case QueueModel::ErlangA: return "erlang_a";
  }
  return "";
}

QueueModel erlang_model(const ErlangArgs& args) {
  if (args.model == "b") return QueueModel::ErlangB;
  if (args.model == "c") return QueueModel::ErlangC;
  if (args.model == "a") return QueueModel::ErlangA;
  return std::isfinite(args.patience_s) ? QueueModel::ErlangA : QueueModel::ErlangC;
}

int single_queue(const ErlangArgs& args) {
  if (args.calls_per_hour <= 0.0 || args.aht_s <= 0.0)
    throw CLI::ValidationError("give --calls-per-hour and --aht-s, or --scenario FILE");
  const double lambda = args.calls_per_hour / 3600.0;
  const auto model = erlang_model(args);
  if (args.max_abandon_rate > 0.0 && model != QueueModel::ErlangA)
    throw CLI::ValidationError(fmt::format(
        "--max-abandon: under {} nobody abandons ({}), so an abandon rate target says nothing; give "
        "--patience-s for Erlang A, or use --target-sl",
        model == QueueModel::ErlangC ? "Erlang C" : "Erlang B",
        model == QueueModel::ErlangC ? "callers wait as long as it takes" : "blocked callers are lost, not abandoned"));
  if (args.target_service_level >= 1.0)
    throw CLI::ValidationError(fmt::format(
        "--target-sl {}: a service level of 1 is never reached with random arrivals; give a value below 1",
        args.target_service_level));
  int agents = args.agents;
  nlohmann::ordered_json staffing = nlohmann::ordered_json::object();
  if (args.target_service_level > 0.0) {
    const int n = analytic::agents_for_service_level(model, lambda, args.aht_s, args.patience_s, args.threshold_s,
                                                     args.target_service_level);
    staffing["agents_for_service_level"] = n;
    agents = std::max(agents, n);
  }
  if (args.max_abandon_rate > 0.0) {
    const int n = analytic::agents_for_abandon_rate(model, lambda, args.aht_s, args.patience_s, args.max_abandon_rate);
    staffing["agents_for_abandon_rate"] = n;
    agents = std::max(agents, n);
  }
  if (agents <= 0) throw CLI::ValidationError("give --agents, --target-sl or --max-abandon");
  const auto m = analytic::queue_metrics(model, lambda, args.aht_s, args.patience_s, agents, args.threshold_s);
  const std::vector<std::pair<const char*, double>> rows{
      {"offered_load_erlangs", lambda * args.aht_s},
      {"prob_wait", m.prob_wait},
      {"prob_blocked", m.prob_blocked},
      {"abandon_rate", m.prob_abandon},
      {"service_level", m.service_level},
      {"service_level_excl_short_abandons", m.service_level_excl_short_abandons},
      {"asa_s", m.asa_s},
      {"mean_wait_s", m.mean_wait_all_s},
      {"mean_queue_length", m.mean_queue_length},
      {"occupancy", m.occupancy},
  };
  if (args.format == "json") {
    nlohmann::ordered_json out = {{"model", model_name(model)}, {"agents", agents}, {"staffing", staffing}};
    for (const auto& [name, value] : rows) out[name] = value;
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  if (args.format == "csv") {
    fmt::print("metric,value\nagents,{}\n", agents);
    for (const auto& [name, value] : staffing.items()) fmt::print("{},{}\n", name, value.get<int>());
    for (const auto& [name, value] : rows) fmt::print("{},{}\n", name, value);
    return 0;
  }
  fmt::print("model {}  agents {}  calls/hour {}  aht {} s  threshold {} s\n", model_name(model), agents,
             args.calls_per_hour, args.aht_s, args.threshold_s);
  for (const auto& [name, value] : staffing.items()) fmt::print("{:<36} {:>12}\n", name, value.get<int>());
  for (const auto& [name, value] : rows) fmt::print("{:<36} {:>12.6f}\n", name, value);
  return 0;
}

std::string interval_start(const staffing::Requirement& plan, int interval) {
  const int minutes = static_cast<int>(std::lround(interval * plan.interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string weekday_name(const staffing::IntervalRequirement& r) {
  return r.weekday ? model::to_string(*r.weekday) : "every day";
}

int scenario_requirement(const ErlangArgs& args) {
  if (args.calls_per_hour > 0.0 || args.aht_s > 0.0 || std::isfinite(args.patience_s) || args.agents > 0 ||
      args.model != "auto")
    throw CLI::ValidationError(
        "--scenario: the queue comes from the scenario; drop --calls-per-hour, --aht-s, --patience-s, --agents and "
        "--model");
  if (args.target_service_level <= 0.0 && args.max_abandon_rate <= 0.0)
    throw CLI::ValidationError("--scenario: give --target-sl, --max-abandon or both");
  std::vector<io::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(io::parse_override(s));
  const io::LoadedStudy loaded = io::load_study(args.scenario, overrides);
  for (const auto& warning : loaded.warnings) fmt::print(stderr, "{}\n", io::to_string(warning));
  const model::ScenarioSpec& spec = loaded.study.centre;

  staffing::RequirementTargets targets;
  if (args.target_service_level > 0.0) targets.service_level = args.target_service_level;
  if (args.max_abandon_rate > 0.0) targets.max_abandon_rate = args.max_abandon_rate;
  targets.threshold_s = args.threshold_given ? args.threshold_s : spec.service_level_threshold_s;
  targets.shrinkage = args.shrinkage;
  targets.max_occupancy = args.max_occupancy;
  const staffing::Requirement plan = staffing::erlang_requirement(spec, targets);

  // One schedule per day of the requirement, over the scenario's shift patterns.
  struct DaySchedule {
    std::string weekday;
    staffing::ShiftSchedule schedule;
  };
  std::vector<staffing::ShiftPattern> patterns;
  std::vector<DaySchedule> schedules;
  if (args.shifts) {
    patterns = staffing::shift_patterns(spec);
    if (patterns.empty())
      throw CLI::ValidationError(fmt::format("--shifts: scenario \"{}\" staffs by headcount and has no shifts to take "
                                             "patterns from; add shifts to an agent group",
                                             spec.name));
    for (std::size_t first = 0; first < plan.intervals.size(); first += static_cast<std::size_t>(plan.intervals_per_day)) {
      std::vector<int> required;
      for (int i = 0; i < plan.intervals_per_day; ++i)
        required.push_back(plan.intervals[first + static_cast<std::size_t>(i)].scheduled);
      try {
        schedules.push_back({weekday_name(plan.intervals[first]),
                             staffing::schedule_shifts(required, plan.interval_minutes, patterns)});
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(fmt::format("--shifts: {}: {}", weekday_name(plan.intervals[first]), e.what()));
      }
    }
  }

  // A constant-rate day stands for all seven.
  const double days_per_row = plan.intervals.size() == static_cast<std::size_t>(plan.intervals_per_day) ? 7.0 : 1.0;
  const double interval_h = plan.interval_minutes / 60.0;
  double agent_hours = 0.0;
  double scheduled_hours = 0.0;
  for (const auto& r : plan.intervals) {
    agent_hours += r.agents * interval_h * days_per_row;
    scheduled_hours += r.scheduled * interval_h * days_per_row;
  }

  if (args.format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : plan.intervals)
      rows.push_back({{"weekday", weekday_name(r)},
                      {"interval", r.interval},
                      {"start", interval_start(plan, r.interval)},
                      {"arrivals_per_hour", r.arrival_rate_per_hour},
                      {"offered_load_erlangs", r.offered_load_erlangs},
                      {"agents", r.agents},
                      {"scheduled", r.scheduled},
                      {"service_level", r.service_level},
                      {"abandon_rate", r.abandon_rate},
                      {"occupancy", r.occupancy}});
    nlohmann::ordered_json out = {
        {"scenario", spec.name},
        {"model", model_name(plan.workload.model)},
        {"model_reason", plan.workload.reason},
        {"mean_service_s", plan.workload.mean_service_s},
        {"mean_patience_s", std::isfinite(plan.workload.mean_patience_s) ? nlohmann::ordered_json(plan.workload.mean_patience_s)
                                                                          : nlohmann::ordered_json(nullptr)},
        {"threshold_s", targets.threshold_s},
        {"target_service_level", targets.service_level ? nlohmann::ordered_json(*targets.service_level) : nullptr},
        {"max_abandon_rate", targets.max_abandon_rate ? nlohmann::ordered_json(*targets.max_abandon_rate) : nullptr},
        {"shrinkage", targets.shrinkage},
        {"max_occupancy", targets.max_occupancy},
        {"weekly_agent_hours", agent_hours},
        {"weekly_scheduled_hours", scheduled_hours},
        {"intervals", rows}};
    if (args.shifts) {
      nlohmann::ordered_json days = nlohmann::ordered_json::array();
      for (const auto& day : schedules) {
        nlohmann::ordered_json counts = nlohmann::ordered_json::array();
        for (std::size_t j = 0; j < patterns.size(); ++j)
          counts.push_back({{"pattern", staffing::describe(patterns[j])}, {"agents", day.schedule.agents_per_pattern[j]}});
        days.push_back({{"weekday", day.weekday},
                        {"paid_hours", day.schedule.paid_hours},
                        {"shifts", counts},
                        {"over_coverage", day.schedule.over_coverage}});
      }
      out["shift_schedule"] = days;
    }
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  if (args.format == "csv" && args.shifts) {
    fmt::print("weekday,pattern,agents,paid_hours\n");
    for (const auto& day : schedules)
      for (std::size_t j = 0; j < patterns.size(); ++j)
        fmt::print("{},{},{},{}\n", day.weekday, staffing::describe(patterns[j]), day.schedule.agents_per_pattern[j],
                   day.schedule.agents_per_pattern[j] * patterns[j].length_h);
    return 0;
  }
  if (args.format == "csv") {
    fmt::print("weekday,interval,start,arrivals_per_hour,offered_load_erlangs,agents,scheduled,service_level,"
               "abandon_rate,occupancy\n");
    for (const auto& r : plan.intervals)
      fmt::print("{},{},{},{},{},{},{},{},{},{}\n", weekday_name(r), r.interval, interval_start(plan, r.interval),
                 r.arrival_rate_per_hour, r.offered_load_erlangs, r.agents, r.scheduled, r.service_level,
                 r.abandon_rate, r.occupancy);
    return 0;
  }
  fmt::print("scenario {}  {}\n", spec.name, plan.workload.reason);
  fmt::print("mean handle time + wrap-up {:.1f} s  threshold {} s  shrinkage {}  occupancy cap {}\n",
             plan.workload.mean_service_s, targets.threshold_s, targets.shrinkage, targets.max_occupancy);
  fmt::print("{:<10} {:>5} {:>12} {:>8} {:>7} {:>9} {:>8} {:>8} {:>9}\n", "weekday", "start", "arrivals/h",
             "erlangs", "agents", "scheduled", "sl", "abandon", "occupancy");
  for (const auto& r : plan.intervals) {
    if (r.arrival_rate_per_hour <= 0.0) continue;
    fmt::print("{:<10} {:>5} {:>12.1f} {:>8.2f} {:>7} {:>9} {:>8.4f} {:>8.4f} {:>9.4f}\n", weekday_name(r),
               interval_start(plan, r.interval), r.arrival_rate_per_hour, r.offered_load_erlangs, r.agents,
               r.scheduled, r.service_level, r.abandon_rate, r.occupancy);
  }
  fmt::print("agent-hours per week: {:.1f} available for contacts, {:.1f} scheduled (intervals without demand "
             "omitted)\n",
             agent_hours, scheduled_hours);
  if (!args.shifts) return 0;
  fmt::print("shifts covering the scheduled agents at least paid hours (integer programme, GLPK):\n");
  for (const auto& day : schedules) {
    double over_hours = 0.0;
    for (double extra : day.schedule.over_coverage) over_hours += extra * plan.interval_minutes / 60.0;
    fmt::print("{:<10} paid {:.1f} h, over-coverage {:.1f} agent-hours:", day.weekday, day.schedule.paid_hours,
               over_hours);
    for (std::size_t j = 0; j < patterns.size(); ++j)
      if (day.schedule.agents_per_pattern[j] > 0)
        fmt::print("  {} x {}", day.schedule.agents_per_pattern[j], staffing::describe(patterns[j]));
    fmt::print("\n");
  }
  return 0;
}

}  // namespace

Command add_erlang_command(CLI::App& app) {
  auto args = std::make_shared<ErlangArgs>();
  auto* cmd = app.add_subcommand(
      "erlang", "Exact Erlang B / C / A metrics and staffing for one queue, or per interval of a scenario (--scenario)");
  auto* scenario = cmd->add_option("--scenario", args->scenario,
                                   "Scenario file: the analytic requirement per weekday and interval from its demand, "
                                   "handle times and patience");
  cmd->add_option("--set", args->sets, "With --scenario: override one value, key.path=value (repeatable)")
      ->needs(scenario);
  cmd->add_option("--calls-per-hour", args->calls_per_hour, "Arrival rate [contacts/hour]")->check(CLI::PositiveNumber);
  cmd->add_option("--aht-s", args->aht_s, "Mean handle time [s]")->check(CLI::PositiveNumber);
  cmd->add_option("--patience-s", args->patience_s, "Mean patience [s] (Erlang A); default: infinite")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threshold-s", args->threshold_s,
                  "Service-level threshold T [s] (default 20, or the scenario's service_level_threshold_s)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--model", args->model, "b, c, a or auto (a when --patience-s is given, else c)")
      ->check(CLI::IsMember({"auto", "b", "c", "a"}));
  cmd->add_option("--agents", args->agents, "Agents (servers)")->check(CLI::PositiveNumber);
  cmd->add_option("--target-sl", args->target_service_level, "Find the minimum agents with service level >= this")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-abandon", args->max_abandon_rate, "Find the minimum agents with abandon rate <= this")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--shrinkage", args->shrinkage,
                  "With --scenario: share of paid time not available for contacts, [0, 1) (default 0)")
      ->check(CLI::Range(0.0, 0.99))
      ->needs(scenario);
  cmd->add_option("--max-occupancy", args->max_occupancy,
                  "With --scenario: highest acceptable occupancy, (0, 1] (default 1: no cap)")
      ->check(CLI::Range(0.01, 1.0))
      ->needs(scenario);
  cmd->add_flag("--shifts", args->shifts,
                "With --scenario: also turn the scheduled agents into the fewest paid hours over the scenario's shift "
                "patterns (integer programme); csv then lists the shifts")
      ->needs(scenario);
  cmd->add_option("--format", args->format, "table, csv or json (default table)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return {cmd, [args, cmd] {
            args->threshold_given = cmd->count("--threshold-s") > 0;
            return args->scenario.empty() ? single_queue(*args) : scenario_requirement(*args);
          }};
}

}  // namespace txsim::cli
