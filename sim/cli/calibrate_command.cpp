#include "calibrate_command.hpp"

#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "txsim/calibrate/calibration.hpp"
#include "txsim/calibrate/report.hpp"
#include "txsim/calibrate/scenario_yaml.hpp"
#include "txsim/calibrate/trace_writer.hpp"
#include "txsim/model/simulate.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/version.hpp"

namespace txsim::cli {
namespace {

struct CalibrateArgs {
  std::string log;
  std::vector<std::string> columns;
  std::string out;
  std::string report_dir;
  std::string name = "calibrated";
  double interval_minutes = 60.0;
  double clock_tolerance_s = 600.0;
  double redial_window_s = 3600.0;
  std::string handle_time = "lognormal";
  double staffing_scale = 1.0;
  std::string priority_order = "higher-first";
};

int run(const CalibrateArgs& args) {
  calibrate::ReadOptions read;
  read.clock_tolerance_s = args.clock_tolerance_s;
  for (const auto& mapping : args.columns) {
    const auto eq = mapping.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size())
      throw CLI::ValidationError(fmt::format("--columns: expected field=column, found \"{}\"", mapping));
    read.columns[mapping.substr(0, eq)] = mapping.substr(eq + 1);
  }
  const calibrate::CallLog log = calibrate::read_call_log(args.log, read);
  calibrate::CalibrateOptions options;
  options.interval_minutes = args.interval_minutes;
  options.redial_window_s = args.redial_window_s;
  options.handle_time_model =
      args.handle_time == "empirical" ? calibrate::HandleTimeModel::Empirical : calibrate::HandleTimeModel::Lognormal;
  options.staffing_scale = args.staffing_scale;
  options.priority_higher_first = args.priority_order == "higher-first";
  const calibrate::Calibration calibration = calibrate::calibrate(log, options);
  const calibrate::CalibratedScenario scenario = calibrate::to_scenario(calibration, args.name);
  std::string header = fmt::format(
      "Calibrated by txsim {} calibrate from {} ({} contacts, {} days from {}).\n"
      "Each fitted value's comment gives n and its 95% interval; the report has the detail.",
      kVersion, args.log, calibration.contacts, calibration.days, calibration.first_date);
  for (const auto& note : calibration.notes) header += "\n" + note;
  const std::string yaml = calibrate::scenario_yaml(scenario, header);
  // The written scenario must load: a failure here is a bug in calibration, not bad input.
  try {
    (void)io::parse_scenario(yaml, args.out);
  } catch (const io::ConfigError& e) {
    throw std::logic_error(fmt::format("the calibrated scenario does not load: {}", e.what()));
  }

  fmt::print("{}: {} contacts ({} answered, {} abandoned, {} blocked) over {} days from {}\n", args.log,
             calibration.contacts, calibration.answered, calibration.abandoned, calibration.blocked, calibration.days,
             calibration.first_date);
  for (const auto& p : calibration.problems)
    fmt::print("  {} rows: {} (first at line {}): {}\n", p.count, p.kind, p.first_line, p.meaning);
  for (const auto& d : calibration.arrivals.days)
    if (!d.flag.empty())
      fmt::print("  day {} flagged {}: {} contacts, {:.0f} expected (z {:.1f}); left out of the arrival means\n", d.date,
                 d.flag, d.count, d.expected, d.z);
  if (!calibration.arrivals.bursts.empty())
    fmt::print("  {} interval(s) flagged as bursts and left out of the arrival means (bursts.csv)\n",
               calibration.arrivals.bursts.size());
  for (const auto& t : calibration.types) {
    std::string patience = "none";
    if (!t.patience_fits.empty()) {
      const auto& f = t.patience_fits[t.chosen_patience];
      patience = fmt::format("{} mean {:.0f} s [{:.0f}, {:.0f}]", stats::to_string(f.model), f.mean_s, f.mean_lo_s, f.mean_hi_s);
    }
    fmt::print("  type {}: share {:.3f}, talk time {}, patience {}, balk {:.3f}\n", t.name, t.share.value,
               t.handle ? fmt::format("lognormal mean {:.0f} s cv {:.2f}", t.handle->mean, t.handle->cv) : "-", patience,
               t.balk_share.value);
  }
  try {
    calibrate::write_file_atomically(args.out, yaml);
    if (!args.report_dir.empty()) calibrate::write_report(args.report_dir, calibration);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return 3;
  }
  fmt::print("wrote {}{}\n", args.out, args.report_dir.empty() ? "" : fmt::format(" and the report in {}", args.report_dir));
  return 0;
}

}  // namespace

std::function<int()> add_calibrate_command(CLI::App& app) {
  auto args = std::make_shared<CalibrateArgs>();
  auto* cmd = app.add_subcommand("calibrate", "Fit a scenario to a per-contact call log (CSV), with intervals");
  cmd->add_option("log", args->log, "Call log, CSV with a header (columns: see docs/CALIBRATION.md)")->required();
  cmd->add_option("--columns", args->columns,
                  "Map a field to a differently named column: field=column (repeatable), e.g. arrival=queue_start");
  cmd->add_option("--out,-o", args->out, "Scenario file to write (YAML)")->required();
  cmd->add_option("--report", args->report_dir, "Also write the calibration report (CSV tables, summary.json) here");
  cmd->add_option("--name", args->name, "Scenario name (default calibrated)");
  cmd->add_option("--interval", args->interval_minutes, "Interval for arrival rates and staffing [min]: 15, 30 or 60 (default 60)")
      ->check(CLI::IsMember({15.0, 30.0, 60.0}));
  cmd->add_option("--clock-tolerance-s", args->clock_tolerance_s,
                  "A service may start this much before arrival + wait (clock skew) [s] (default 600)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--redial-window-s", args->redial_window_s,
                  "A call of the same customer this soon after abandoning is a redial [s] (default 3600)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--handle-time", args->handle_time, "lognormal (default) or empirical")
      ->check(CLI::IsMember({"lognormal", "empirical"}));
  cmd->add_option("--staffing-scale", args->staffing_scale,
                  "Headcount written = round(scale x mean agents seen serving), in (0, 10] (default 1)")
      ->check(CLI::Range(0.0, 10.0) & CLI::PositiveNumber);
  cmd->add_option("--priority-order", args->priority_order,
                  "How the log ranks its priority numbers: higher-first (default, as the scenario) or lower-first")
      ->check(CLI::IsMember({"higher-first", "lower-first"}));
  return [cmd, args]() -> int { return cmd->parsed() ? run(*args) : -1; };
}

void write_trace(const model::ScenarioSpec& spec, std::uint64_t seed, const std::string& path) {
  calibrate::TraceWriter trace(spec);
  model::RunControl control;
  control.trace = &trace;
  (void)model::simulate(spec, rng::RunSeed{seed, 0}, control);
  trace.write(path);
}

}  // namespace txsim::cli
