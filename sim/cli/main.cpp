// txsim command-line front end. Parsing and printing only: every number comes from the
// experiment, analytic and io layers.

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/progress_display.hpp"
#include "cli/sweep_command.hpp"
#include "cli/uncertainty_command.hpp"
#include "cli/erlang_command.hpp"
#include "cli/staff_command.hpp"

#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/io/comparison_writer.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/io/results_writer.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/policy/policy.hpp"
#include "txsim/present/comparison_table.hpp"
#include "txsim/present/number_format.hpp"
#include "txsim/version.hpp"
#include "calibrate_command.hpp"

#include "signals.hpp"
#include "report_command.hpp"

namespace {

// Documented in README.md ("Exit codes").
enum ExitCode : int {
  kOk = 0,
  kInternalError = 1,
  kBadInput = 2,
  kOutputError = 3,
};

struct ScenarioArgs {
  std::string file;
  std::vector<std::string> sets;
};

// What run and compare share: the scenario, the replications and where the results go.
struct ExperimentArgs {
  ScenarioArgs scenario;
  std::uint64_t seed = 1;
  int replications = 10;
  int threads = 0;
  std::string format = "table";
  std::string out_dir;
  bool quiet = false;
  bool force = false;
  std::vector<std::string> command_line;  // for provenance
};

struct RunArgs : ExperimentArgs {
  std::string detail = "day";
  std::string policy;
  std::string trace;
};

struct ValidateArgs {
  ScenarioArgs scenario;
  bool print = false;
  bool assumptions = false;
};

struct CompareArgs : ExperimentArgs {
  txsim::cli::CompareReportArgs presentation;
};

void add_scenario_options(CLI::App& cmd, ScenarioArgs& args) {
  cmd.add_option("file", args.file, "Scenario file (YAML)")->required();
  cmd.add_option("--set", args.sets,
                 "Override one value of the scenario: key.path=value (repeatable), e.g. "
                 "contact_types.billing.handle_time.mean_s=240");
}

// Seeds are unsigned 64-bit integers. CLI11 would wrap -1 and saturate 2^64 and above to the
// same value; both would run without complaint under a seed the user did not mean.
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, seed);
  if (text.empty() || error != std::errc() || stop != end)
    throw CLI::ValidationError("--seed", fmt::format("expected an integer from 0 to {}, found \"{}\"",
                                                     std::numeric_limits<std::uint64_t>::max(), text));
  return seed;
}

void add_experiment_options(CLI::App& cmd, ExperimentArgs& args, const std::string& seed_help,
                            const std::string& replications_help, const std::string& out_help) {
  add_scenario_options(cmd, args.scenario);
  cmd.add_option_function<std::string>(
      "--seed", [&args](const std::string& text) { args.seed = parse_seed(text); },
      seed_help + "; 0 to 18446744073709551615");
  cmd.add_option("--replications,-r", args.replications, replications_help)->check(CLI::Range(1, 1000000));
  cmd.add_option("--threads,-j", args.threads, "Worker threads; 0 = one per core (default 0)")->check(CLI::Range(0, 1024));
  cmd.add_option("--format", args.format, "Output on stdout: table, csv or json (default table)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd.add_option("--out,-o", args.out_dir, out_help)->check([](const std::string& dir) {
    return dir.empty() ? std::string("expected a directory, found an empty path") : std::string();
  });
  cmd.add_flag("--force", args.force,
               "With --out: replace the files of an earlier run in that directory (default: refuse)");
  cmd.add_flag("--quiet,-q", args.quiet, "No progress on stderr");
}

// Loads and checks the scenario (the one front door); warnings go to stderr.
txsim::io::LoadedStudy load(const ScenarioArgs& args) {
  std::vector<txsim::io::Override> overrides;
  overrides.reserve(args.sets.size());
  for (const auto& s : args.sets) overrides.push_back(txsim::io::parse_override(s));
  txsim::io::LoadedStudy loaded = txsim::io::load_study(args.file, overrides);
  for (const auto& warning : loaded.warnings) fmt::print(stderr, "{}\n", txsim::io::to_string(warning));
  return loaded;
}

txsim::io::RunInfo run_info(const ExperimentArgs& args, const txsim::io::LoadedStudy& loaded) {
  const txsim::model::ScenarioSpec& centre = loaded.study.centre;
  txsim::io::RunInfo info{centre.name, args.scenario.file, args.seed, args.replications,
                          centre.service_level_threshold_s, {}, centre.currency};
  info.provenance.scenario_sha256 = loaded.content_hash;
  info.provenance.resolved_yaml = loaded.resolved_yaml;
  info.provenance.overrides = args.scenario.sets;
  info.provenance.command_line = args.command_line;
  return info;
}

// Refuses an unusable --out before a long run rather than after it.
void check_out_dir(const ExperimentArgs& args) {
  if (!args.out_dir.empty()) txsim::io::check_output_dir(args.out_dir, args.force);
}

txsim::io::OutputOptions output_options(const ExperimentArgs& args) {
  return {args.force, &txsim::cli::stop_requested()};
}

txsim::present::TableHeading heading(const txsim::model::ScenarioSpec& spec, const ExperimentArgs& args) {
  return {spec.name, args.seed, args.replications, txsim::present::currency_of(spec)};
}

[[noreturn]] void throw_stdout_error(int error_number) {
  throw txsim::io::OutputError(fmt::format("cannot write standard output: {}", std::strerror(error_number)));
}

// Runs `print`, whose fmt::print calls report a failed write on standard output as
// std::system_error, and turns that into an output error (exit code 3).
template <class Print>
void print_stdout(Print print) {
  try {
    print();
  } catch (const std::system_error& e) {
    throw_stdout_error(e.code().value());
  }
}

// Writes whole text to standard output, so that a failed write is seen with its reason
// (std::cout would only set a flag).
void write_stdout(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    throw_stdout_error(errno);
}

// Prints the result in the chosen format and, with --out, writes the files. Output that cannot
// be written throws io::OutputError (exit code 3).
template <class Json, class Csv, class Table, class Write>
int present(const ExperimentArgs& args, Json json, Csv csv, Table table, Write write) {
  if (args.format == "json") {
    write_stdout(txsim::io::json_text(json()));
  } else if (args.format == "csv") {
    std::ostringstream text;
    csv(text);
    write_stdout(text.str());
  } else {
    print_stdout(table);
  }
  if (!args.out_dir.empty()) write();
  return kOk;
}

// The centre `run` simulates: the scenario itself, or one policy's variant of it.
txsim::model::ScenarioSpec run_target(const txsim::io::LoadedStudy& loaded, const RunArgs& args) {
  const auto& study = loaded.study;
  if (args.policy.empty()) {
    if (!study.policies.empty())
      fmt::print(stderr, "{}: warning: policies: run simulates the scenario as it is and ignores its {} policies; "
                         "use `txsim compare`, or `run --policy NAME` for one policy's variant\n",
                 args.scenario.file, study.policies.size());
    return study.centre;
  }
  const auto it = std::find_if(study.policies.begin(), study.policies.end(),
                               [&](const txsim::policy::PolicySpec& p) { return p.name == args.policy; });
  if (it == study.policies.end()) {
    std::string known;
    for (const auto& p : study.policies) known += (known.empty() ? "" : ", ") + p.name;
    throw CLI::ValidationError(fmt::format("--policy {}: scenario \"{}\" has no such policy (known: {})", args.policy,
                                           study.centre.name, known.empty() ? "none" : known));
  }
  return txsim::policy::apply_policy(study.centre, *it, study.lever_effects);
}

int run_command(const RunArgs& args) {
  const txsim::io::LoadedStudy loaded = load(args.scenario);
  const txsim::model::ScenarioSpec spec = run_target(loaded, args);
  check_out_dir(args);
  txsim::experiment::ReplicationOptions options;
  options.stop = &txsim::cli::stop_requested();
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.detail = args.detail == "total" ? txsim::experiment::Detail::Total
                   : args.detail == "interval" ? txsim::experiment::Detail::Interval
                                               : txsim::experiment::Detail::Day;
  txsim::cli::ProgressDisplay display("runs", args.quiet);
  options.progress = [&display](int done, int total) { display.update(done, total); };
  const auto result = txsim::experiment::run_replications(spec, options);
  const txsim::io::RunInfo info = run_info(args, loaded);
  if (!args.trace.empty()) {
    try {
      txsim::cli::write_trace(spec, args.seed, args.trace);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "txsim: error: {}\n", e.what());
      return kOutputError;
    }
  }
  return present(
      args, [&] { return txsim::io::summary_json(info, result); },
      [&](std::ostream& out) { txsim::io::write_summary_csv(out, result); },
      [&] {
        fmt::print("{}{}", txsim::present::run_table(heading(spec, args), result, spec.service_level_threshold_s),
                   txsim::present::throughput_line(result.events, result.wall_s));
      },
      [&] { txsim::io::write_outputs(args.out_dir, info, result, output_options(args)); });
}

int compare_command(const CompareArgs& args) {
  const txsim::io::LoadedStudy loaded = load(args.scenario);
  const txsim::experiment::StudySpec& study = loaded.study;
  const txsim::model::ScenarioSpec& spec = study.centre;
  if (study.policies.empty())
    throw CLI::ValidationError(fmt::format("{}: scenario \"{}\" has no policies to compare with the baseline; add a "
                                           "`policies:` section (see scenarios/default.yaml)",
                                           args.scenario.file, spec.name));
  check_out_dir(args);
  nlohmann::ordered_json uncertainty = txsim::cli::read_compare_uncertainty(args.presentation);
  txsim::experiment::ReplicationOptions options;
  options.stop = &txsim::cli::stop_requested();
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.detail = txsim::experiment::Detail::Day;
  txsim::cli::ProgressDisplay display("runs", args.quiet);
  options.progress = [&display](int done, int total) { display.update(done, total); };
  const auto comparison = txsim::experiment::run_comparison(study, options);
  const txsim::io::RunInfo info = run_info(args, loaded);
  const int code = present(
      args, [&] { return txsim::io::comparison_json(info, comparison); },
      [&](std::ostream& out) { txsim::io::write_comparison_summary_csv(out, comparison); },
      [&] {
        fmt::print("{}{}", txsim::cli::comparison_table(args.presentation, heading(spec, args), comparison),
                   txsim::present::throughput_line(comparison.events, comparison.wall_s));
      },
      [&] { txsim::io::write_comparison_outputs(args.out_dir, info, comparison, output_options(args)); });
  if (code != kOk || args.presentation.report_path.empty()) return code;
  return txsim::cli::write_compare_report(args.presentation, txsim::io::comparison_json(info, comparison), study,
                                          std::move(uncertainty));
}

// The parameters of a scenario that rest on assumptions or vendor claims, with the values used.
void print_assumptions(const txsim::experiment::StudySpec& study) {
  fmt::print("{:<64} {:<14} {}\n", "parameter", "grade", "value");
  for (const auto& info : txsim::io::parameter_reference()) {
    if (info.container || (info.grade != "assumption" && info.grade != "vendor_claim")) continue;
    for (const std::string& path : txsim::io::concrete_paths(study, info.key_path))
      fmt::print("{:<64} {:<14} {}\n", path, info.grade, txsim::io::get_value(study, path));
  }
}

int validate_command(const ValidateArgs& args) {
  const txsim::io::LoadedStudy loaded = load(args.scenario);
  const txsim::model::ScenarioSpec& spec = loaded.study.centre;
  if (args.print) {
    write_stdout(loaded.resolved_yaml);
    return kOk;
  }
  if (args.assumptions) {
    print_stdout([&] { print_assumptions(loaded.study); });
    return kOk;
  }
  print_stdout([&] {
    fmt::print("{}: ok: scenario \"{}\", {} contact type(s), {} agent group(s), {} polic{}, {} warning(s)\n",
               args.scenario.file, spec.name, spec.contact_types.size(), spec.agent_groups.size(),
               loaded.study.policies.size(), loaded.study.policies.size() == 1 ? "y" : "ies", loaded.warnings.size());
  });
  return kOk;
}

int schema_command(const std::string& format) {
  if (format == "markdown") {
    write_stdout(txsim::io::parameter_reference_markdown());
    return kOk;
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& p : txsim::io::parameter_reference())
    rows.push_back({{"key_path", p.key_path}, {"unit", p.unit}, {"default", p.default_value}, {"range", p.range},
                    {"meaning", p.meaning}, {"source", p.source}, {"grade", p.grade}, {"container", p.container}});
  write_stdout(txsim::io::json_text(rows));
  return kOk;
}

// Results on a full or closed standard output must not vanish with exit code 0. A command that
// failed has said why already.
int finish_stdout(int code) {
  errno = 0;
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return code;
  if (code != kOk) return code;
  const int error = errno;
  fmt::print(stderr, "txsim: error: cannot write standard output: {}\n",
             error != 0 ? std::strerror(error) : "write error");
  return kOutputError;
}

// The program's arguments as recorded in provenance: the program is "txsim" wherever it lives.
std::vector<std::string> command_line(int argc, char** argv) {
  std::vector<std::string> words{"txsim"};
  for (int i = 1; i < argc; ++i) words.emplace_back(argv[i]);
  return words;
}

int dispatch(CLI::App& app, int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"txsim: discrete-event simulation of contact centres"};
  return finish_stdout(dispatch(app, argc, argv));
}

namespace {

int dispatch(CLI::App& app, int argc, char** argv) {
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("txsim ") + txsim::kVersion);

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario: KPI means and 95% confidence intervals");
  add_experiment_options(*run_cmd, run, "Master random seed (default 1)", "Independent replications (default 10)",
                         "Also write replications.csv, summary.csv, summary.json (and agents.csv with employee dynamics) here");
  run_cmd->add_option("--detail", run.detail, "Periods kept in outputs: total, day or interval (default day)")
      ->check(CLI::IsMember({"total", "day", "interval"}));
  run_cmd->add_option("--trace", run.trace,
                      "Also write replication 1's contacts as a call log (the columns txsim calibrate reads)");

  CompareArgs compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Compare the scenario's policies with the baseline: CX / EX / cost / TX indices, paired differences, verdicts");
  add_experiment_options(*compare_cmd, compare, "Master random seed, shared by every policy (default 1)",
                         "Replications per policy (default 10)",
                         "Also write comparison.csv, comparison_summary.csv and comparison.json here");
  txsim::cli::add_compare_report_options(*compare_cmd, compare.presentation);
  txsim::cli::ReportArgs report;
  auto* report_cmd = txsim::cli::add_report_command(app, report);

  run_cmd->add_option("--policy", run.policy, "Simulate this policy's variant of the scenario instead of the scenario itself");

  ValidateArgs validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file and report every problem and warning");
  add_scenario_options(*validate_cmd, validate.scenario);
  validate_cmd->add_flag("--print", validate.print,
                         "Print the fully resolved scenario (every default explicit) as YAML that loads back to it");
  validate_cmd->add_flag("--assumptions", validate.assumptions,
                         "List the scenario's parameters that rest on assumptions or vendor claims, with their values");

  std::string schema_format = "markdown";
  auto* schema_cmd = app.add_subcommand("schema", "Print the parameter reference: every key with unit, default, range, "
                                                  "meaning, source and evidence grade");
  schema_cmd->add_option("--format", schema_format, "markdown or json (default markdown)")
      ->check(CLI::IsMember({"markdown", "json"}));

  txsim::cli::SweepArgs sweep;
  auto* sweep_cmd = txsim::cli::add_sweep_command(app, sweep);
  txsim::cli::ResultsArgs results;
  auto* results_cmd = txsim::cli::add_results_command(app, results);
  txsim::cli::UncertaintyArgs uncertainty;
  auto* uncertainty_cmd = txsim::cli::add_uncertainty_command(app, uncertainty);

  const txsim::cli::Command erlang = txsim::cli::add_erlang_command(app);
  const txsim::cli::Command staff = txsim::cli::add_staff_command(app, txsim::cli::command_line(argc, argv));

  const auto calibrate_handler = txsim::cli::add_calibrate_command(app);

  txsim::cli::set_command_line(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;
  }

  run.command_line = compare.command_line = command_line(argc, argv);
  txsim::cli::stop_on_signals();
  try {
    if (run_cmd->parsed()) return run_command(run);
    if (compare_cmd->parsed()) return compare_command(compare);
    if (report_cmd->parsed()) return txsim::cli::report_command(report);
    if (validate_cmd->parsed()) return validate_command(validate);
    if (schema_cmd->parsed()) return schema_command(schema_format);
    if (erlang.app->parsed()) return erlang.run();
    if (staff.app->parsed()) return staff.run();
    if (const int code = calibrate_handler(); code >= 0) return code;
    if (sweep_cmd->parsed()) return txsim::cli::sweep_command(sweep, txsim::cli::command_line(argc, argv));
    if (results_cmd->parsed()) return txsim::cli::results_command(results, txsim::cli::command_line(argc, argv));
    if (uncertainty_cmd->parsed())
      return txsim::cli::uncertainty_command(uncertainty, txsim::cli::command_line(argc, argv));
  } catch (const txsim::io::ConfigError& e) {
    fmt::print(stderr, "{}\n", txsim::io::to_string(e.diagnostics()));
    fmt::print(stderr, "txsim: {} error(s); nothing was run\n", e.diagnostics().size());
    return kBadInput;
  } catch (const txsim::experiment::Cancelled&) {
    const int signal_number = txsim::cli::received_signal();
    fmt::print(stderr, "txsim: stopped by {}; no output file was written\n", txsim::cli::signal_name(signal_number));
    return 128 + signal_number;
  } catch (const txsim::io::OutputConflict& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const txsim::io::OutputError& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kOutputError;
  } catch (const CLI::ValidationError& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const std::domain_error& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "txsim: internal error: {}\n", e.what());
    return kInternalError;
  }
  return kInternalError;
}

}  // namespace
