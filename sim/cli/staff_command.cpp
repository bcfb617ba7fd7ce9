#include "cli/staff_command.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "txsim/io/check.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/staffing/search.hpp"
#include "txsim/staffing/shift_schedule.hpp"

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
  bool shifts = false;
};

std::string clock(int interval, double interval_minutes) {
  const int minutes = static_cast<int>(std::lround(interval * interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string flow_list(const std::vector<int>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i) text += fmt::format("{}{}", i ? ", " : "", values[i]);
  return text + "]";
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

int staff(const StaffArgs& args) {
  staffing::SearchOptions options;
  for (const auto& text : args.targets) options.targets.push_back(staffing::parse_target(text));
  options.scope = args.per == "interval" ? staffing::Scope::Interval
                  : args.per == "day"    ? staffing::Scope::Day
                                         : staffing::Scope::Horizon;
  options.confidence = args.confidence;
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.max_agents_per_interval = args.max_agents;

  std::vector<io::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(io::parse_override(s));
  const io::LoadedStudy loaded = io::load_study(args.file, overrides);
  for (const auto& warning : loaded.warnings) fmt::print(stderr, "{}\n", io::to_string(warning));
  const model::ScenarioSpec& spec = loaded.study.centre;
  // Patterns that cannot cover the demand are found on the Erlang answer, before any simulation.
  std::vector<staffing::ShiftPattern> patterns;
  if (args.shifts) {
    patterns = staffing::shift_patterns(spec);
    if (patterns.empty())
      throw CLI::ValidationError(fmt::format("--shifts: scenario \"{}\" staffs by headcount and has no shifts to take "
                                             "patterns from; add shifts to the agent group",
                                             spec.name));
    staffing::RequirementTargets quick;
    quick.service_level = 0.0;
    std::vector<int> needed(static_cast<std::size_t>(spec.intervals_per_day()), 0);
    for (const auto& r : staffing::erlang_requirement(spec, quick).intervals)
      needed[static_cast<std::size_t>(r.interval)] = std::max(needed[static_cast<std::size_t>(r.interval)], r.agents);
    try {
      staffing::schedule_shifts(needed, spec.interval_minutes, patterns);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(fmt::format("--shifts: {}", e.what()));
    }
  }
  const staffing::StaffingPlan plan = staffing::search_staffing(spec, options);
  staffing::ShiftSchedule schedule;
  if (args.shifts) schedule = staffing::schedule_shifts(plan.agents, spec.interval_minutes, patterns);

  // The staffed scenario, through the schema so that it is checked and loads back.
  experiment::StudySpec staffed = loaded.study;
  const std::string group_path = "agents.groups." + plan.group;
  io::set_value(staffed, group_path + ".shifts", "[]");
  const bool uniform =
      std::all_of(plan.agents.begin(), plan.agents.end(), [&](int a) { return a == plan.agents.front(); });
  io::set_value(staffed, group_path + ".headcount",
                uniform ? std::to_string(plan.agents.front()) : flow_list(plan.agents));
  io::require_valid(staffed, args.file);
  std::string target_text;
  for (const auto& t : options.targets) target_text += (target_text.empty() ? "" : ", ") + staffing::to_string(t);
  const std::string yaml = io::to_yaml(
      staffed, {{group_path + ".headcount",
                 fmt::format("txsim staff: {} per {} at {:.0f}% confidence, seed {}, {} replications", target_text,
                             args.per, 100 * options.confidence, options.seed, options.replications)}});

  const auto& total = plan.result.total;
  const auto kpi = [&](model::Kpi k) { return total[static_cast<std::size_t>(k)]; };
  if (args.format == "json") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < plan.agents.size(); ++i)
      rows.push_back({{"interval", i},
                      {"start", clock(static_cast<int>(i), spec.interval_minutes)},
                      {"erlang_agents", plan.erlang_agents[i]},
                      {"agents", plan.agents[i]},
                      {"difference", plan.agents[i] - plan.erlang_agents[i]}});
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
                                  {"intervals", rows}};
    if (args.shifts) {
      nlohmann::ordered_json counts = nlohmann::ordered_json::array();
      for (std::size_t j = 0; j < patterns.size(); ++j)
        counts.push_back({{"pattern", staffing::describe(patterns[j])}, {"agents", schedule.agents_per_pattern[j]}});
      out["shift_schedule"] = {
          {"paid_hours_per_day", schedule.paid_hours}, {"shifts", counts}, {"over_coverage", schedule.over_coverage}};
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
  if (args.out_file.empty()) return 0;
  try {
    write_atomically(args.out_file, yaml);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return 3;
  }
  return 0;
}

}  // namespace

Command add_staff_command(CLI::App& app) {
  auto args = std::make_shared<StaffArgs>();
  auto* cmd = app.add_subcommand("staff",
                                 "Fewest agents per interval meeting KPI targets: the Erlang requirement refined by "
                                 "simulation with common random numbers");
  cmd->add_option("file", args->file, "Scenario file (YAML) with one agent group and no employee dynamics")->required();
  cmd->add_option("--set", args->sets, "Override one value of the scenario: key.path=value (repeatable)");
  cmd->add_option("--target", args->targets,
                  "KPI bound, repeatable: service_level>=X (X in [0, 1)) or abandon_rate<=Y (Y in (0, 1])")
      ->required();
  cmd->add_option("--per", args->per, "Where every target must hold: interval (each interval of the day), day or "
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
  cmd->add_flag("--shifts", args->shifts,
                "Also give the shift counts over the scenario's shift patterns that cover the answer at least paid "
                "hours (integer programme; shown, not written to --out)");
  return {cmd, [args] { return staff(*args); }};
}

}  // namespace txsim::cli
