// txsim command-line front end. Parsing and printing only: every number comes from the
// experiment, analytic and io layers.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/erlang_command.hpp"
#include "cli/staff_command.hpp"

#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/io/comparison_writer.hpp"
#include "txsim/io/results_writer.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/policy/policy.hpp"
#include "txsim/version.hpp"

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
};

struct RunArgs : ExperimentArgs {
  std::string detail = "day";
  std::string policy;
};

struct ValidateArgs {
  ScenarioArgs scenario;
  bool print = false;
  bool assumptions = false;
};

using CompareArgs = ExperimentArgs;

void add_scenario_options(CLI::App& cmd, ScenarioArgs& args) {
  cmd.add_option("file", args.file, "Scenario file (YAML)")->required();
  cmd.add_option("--set", args.sets,
                 "Override one value of the scenario: key.path=value (repeatable), e.g. "
                 "contact_types.billing.handle_time.mean_s=240");
}

void add_experiment_options(CLI::App& cmd, ExperimentArgs& args, const std::string& seed_help,
                            const std::string& replications_help, const std::string& out_help) {
  add_scenario_options(cmd, args.scenario);
  cmd.add_option("--seed", args.seed, seed_help);
  cmd.add_option("--replications,-r", args.replications, replications_help)->check(CLI::Range(1, 1000000));
  cmd.add_option("--threads,-j", args.threads, "Worker threads; 0 = one per core (default 0)")->check(CLI::Range(0, 1024));
  cmd.add_option("--format", args.format, "Output on stdout: table, csv or json (default table)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd.add_option("--out,-o", args.out_dir, out_help);
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

// `with_sign` for differences: "+0.0123".
std::string format_value(double v, std::string_view unit, bool with_sign = false) {
  if (std::isnan(v)) return "-";
  const char* sign = with_sign ? "+" : "";
  if (unit == "fraction") return fmt::format(fmt::runtime(fmt::format("{{:{}.4f}}", sign)), v);
  if (unit == "contacts" || unit == "agents" || unit == "score (0-100)")
    return fmt::format(fmt::runtime(fmt::format("{{:{}.1f}}", sign)), v);
  if (unit == "currency") return fmt::format(fmt::runtime(fmt::format("{{:{}.0f}}", sign)), v);
  return fmt::format(fmt::runtime(fmt::format("{{:{}.2f}}", sign)), v);
}

// "mean [lo, hi]", or the mean alone when there is no interval (one replication).
std::string format_interval(const txsim::stats::Interval& s, std::string_view unit, bool with_sign = false) {
  if (std::isnan(s.mean)) return "-";
  if (s.n < 2 || !std::isfinite(s.half_width)) return format_value(s.mean, unit, with_sign);
  return fmt::format("{} [{}, {}]", format_value(s.mean, unit, with_sign), format_value(s.lo, unit, with_sign),
                     format_value(s.hi, unit, with_sign));
}

template <std::size_t N>
void print_rows(const std::array<txsim::model::KpiInfo, N>& info, const txsim::experiment::Summary<N>& summary) {
  for (std::size_t k = 0; k < N; ++k) {
    const auto& s = summary[k];
    const std::string_view unit = info[k].unit;
    const std::string ci = s.n >= 2 && std::isfinite(s.half_width)
                               ? fmt::format("[{}, {}]", format_value(s.lo, unit), format_value(s.hi, unit))
                               : "-";
    fmt::print("{:<36} {:>14} {:>32}  {}\n", info[k].name, format_value(s.mean, unit), ci, unit);
  }
}

void print_table(const txsim::io::RunInfo& info, const txsim::experiment::ExperimentResult& result) {
  fmt::print("scenario {}  seed {}  replications {}  (service level threshold {} s)\n", info.scenario, info.seed,
             info.replications, info.service_level_threshold_s);
  fmt::print("{:<36} {:>14} {:>32}  {}\n", "customer kpi", "mean", "95% confidence interval", "unit");
  print_rows(txsim::model::kKpiInfo, result.total);
  if (result.has_workforce) {
    fmt::print("{:<36} {:>14} {:>32}  {}\n", "employee kpi", "mean", "95% confidence interval", "unit");
    print_rows(txsim::model::kExKpiInfo, result.ex_total);
  }
  const double rate = result.wall_s > 0 ? static_cast<double>(result.events) / result.wall_s : 0.0;
  fmt::print("{} events in {:.2f} s ({:.2f} million events/s)\n", result.events, result.wall_s, rate / 1e6);
}

// Prints the result in the chosen format and, with --out, writes the files; an output that
// cannot be written is exit code 3.
template <class Json, class Csv, class Table, class Write>
int present(const std::string& format, const std::string& out_dir, Json json, Csv csv, Table table, Write write) {
  if (format == "json") {
    std::cout << json().dump(2) << '\n';
  } else if (format == "csv") {
    csv();
  } else {
    table();
  }
  if (out_dir.empty()) return kOk;
  try {
    write();
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kOutputError;
  }
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
  txsim::experiment::ReplicationOptions options;
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.detail = args.detail == "total" ? txsim::experiment::Detail::Total
                   : args.detail == "interval" ? txsim::experiment::Detail::Interval
                                               : txsim::experiment::Detail::Day;
  const auto result = txsim::experiment::run_replications(spec, options);
  const txsim::io::RunInfo info{spec.name, args.scenario.file, args.seed, args.replications,
                                spec.service_level_threshold_s};
  return present(
      args.format, args.out_dir, [&] { return txsim::io::summary_json(info, result); },
      [&] { txsim::io::write_summary_csv(std::cout, result); }, [&] { print_table(info, result); },
      [&] { txsim::io::write_outputs(args.out_dir, info, result); });
}

// One row of the comparison table: a summary cell per variant and, for policies, the paired
// difference with the baseline on the line below.
struct CompareRow {
  std::string label;
  std::string_view unit;
  std::vector<std::string> means;
  std::vector<std::string> diffs;
};

void print_comparison_table(const txsim::io::RunInfo& info, const txsim::experiment::Comparison& c) {
  using txsim::experiment::Variant;
  std::vector<CompareRow> rows;
  const auto add_row = [&](std::string label, std::string_view unit, auto summary, auto diff) {
    CompareRow row{std::move(label), unit, {}, {}};
    for (std::size_t i = 0; i < c.variants.size(); ++i) {
      row.means.push_back(format_interval(summary(c.variants[i]), unit));
      row.diffs.push_back(i == 0 ? "" : "\u0394 " + format_interval(diff(c.variants[i]), unit, true));
    }
    rows.push_back(std::move(row));
  };
  for (std::size_t k = 0; k < txsim::score::kScoreCount; ++k)
    add_row(std::string(txsim::score::kScoreInfo[k].name) + " index", txsim::score::kScoreInfo[k].unit,
            [k](const Variant& v) { return v.score_summary[k]; }, [k](const Variant& v) { return v.score_diff[k]; });
  for (const auto& h : txsim::experiment::kHeadlineKpis)
    add_row(std::string(h.name), txsim::experiment::info(h).unit,
            [&h](const Variant& v) { return txsim::experiment::summary_of(v, h); },
            [&h](const Variant& v) { return txsim::experiment::diff_of(v, h); });
  // The NPV is itself a difference with the baseline: one line, no delta.
  add_row("npv_vs_baseline", "currency", [](const Variant& v) { return v.npv_summary; },
          [](const Variant& v) { return v.npv_summary; });
  rows.back().diffs.clear();

  // Widths in code points: the difference lines carry a two-byte delta.
  const auto width = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
  };
  std::vector<std::size_t> widths(c.variants.size());
  for (std::size_t i = 0; i < c.variants.size(); ++i) {
    widths[i] = width(c.variants[i].name);
    for (const auto& row : rows) {
      widths[i] = std::max(widths[i], width(row.means[i]));
      if (!row.diffs.empty()) widths[i] = std::max(widths[i], width(row.diffs[i]));
    }
  }
  const auto print_line = [&](const std::string& label, const std::vector<std::string>& cells, std::string_view unit) {
    std::string line = fmt::format("{:<28}", label);
    for (std::size_t i = 0; i < cells.size(); ++i)
      line += "  " + std::string(widths[i] - width(cells[i]), ' ') + cells[i];
    if (!unit.empty()) line += fmt::format("  {}", unit);
    fmt::print("{}\n", line);
  };

  fmt::print("scenario {}  seed {}  replications {}  (mean [95% CI]; \u0394 = policy - baseline, paired: common "
             "random numbers)\n",
             info.scenario, info.seed, info.replications);
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    fmt::print("  {}: {}\n", c.variants[i].name, txsim::policy::describe(c.variants[i].levers));
  std::vector<std::string> names;
  for (const auto& v : c.variants) names.push_back(v.name);
  print_line("", names, "unit");
  for (const auto& row : rows) {
    print_line(row.label, row.means, row.unit);
    if (!row.diffs.empty()) print_line("", row.diffs, "");
  }
  fmt::print("verdicts (a difference counts when its 95% CI excludes 0):\n");
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    fmt::print("  {}: {}\n", c.variants[i].name, c.variants[i].verdict ? c.variants[i].verdict->text : "");
  const double rate = c.wall_s > 0 ? static_cast<double>(c.events) / c.wall_s : 0.0;
  fmt::print("{} events in {:.2f} s ({:.2f} million events/s)\n", c.events, c.wall_s, rate / 1e6);
}

int compare_command(const CompareArgs& args) {
  const txsim::io::LoadedStudy loaded = load(args.scenario);
  const txsim::experiment::StudySpec& study = loaded.study;
  const txsim::model::ScenarioSpec& spec = study.centre;
  if (study.policies.empty())
    throw CLI::ValidationError(fmt::format("{}: scenario \"{}\" has no policies to compare with the baseline; add a "
                                           "`policies:` section (see scenarios/default.yaml)",
                                           args.scenario.file, spec.name));
  txsim::experiment::ReplicationOptions options;
  options.seed = args.seed;
  options.replications = args.replications;
  options.threads = args.threads;
  options.detail = txsim::experiment::Detail::Day;
  const auto comparison = txsim::experiment::run_comparison(study, options);
  const txsim::io::RunInfo info{spec.name, args.scenario.file, args.seed, args.replications,
                                spec.service_level_threshold_s};
  return present(
      args.format, args.out_dir, [&] { return txsim::io::comparison_json(info, comparison); },
      [&] { txsim::io::write_comparison_summary_csv(std::cout, comparison); },
      [&] { print_comparison_table(info, comparison); },
      [&] { txsim::io::write_comparison_outputs(args.out_dir, info, comparison); });
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
    std::cout << loaded.resolved_yaml;
    return kOk;
  }
  if (args.assumptions) {
    print_assumptions(loaded.study);
    return kOk;
  }
  fmt::print("{}: ok: scenario \"{}\", {} contact type(s), {} agent group(s), {} polic{}, {} warning(s)\n",
             args.scenario.file, spec.name, spec.contact_types.size(), spec.agent_groups.size(),
             loaded.study.policies.size(), loaded.study.policies.size() == 1 ? "y" : "ies", loaded.warnings.size());
  return kOk;
}

int schema_command(const std::string& format) {
  if (format == "markdown") {
    std::cout << txsim::io::parameter_reference_markdown();
    return kOk;
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& p : txsim::io::parameter_reference())
    rows.push_back({{"key_path", p.key_path}, {"unit", p.unit}, {"default", p.default_value}, {"range", p.range},
                    {"meaning", p.meaning}, {"source", p.source}, {"grade", p.grade}, {"container", p.container}});
  std::cout << rows.dump(2) << '\n';
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"txsim: discrete-event simulation of contact centres"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("txsim ") + txsim::kVersion);

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario: KPI means and 95% confidence intervals");
  add_experiment_options(*run_cmd, run, "Master random seed (default 1)", "Independent replications (default 10)",
                         "Also write replications.csv, summary.csv, summary.json (and agents.csv with employee dynamics) here");
  run_cmd->add_option("--detail", run.detail, "Periods kept in outputs: total, day or interval (default day)")
      ->check(CLI::IsMember({"total", "day", "interval"}));

  CompareArgs compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Compare the scenario's policies with the baseline: CX / EX / cost / TX indices, paired differences, verdicts");
  add_experiment_options(*compare_cmd, compare, "Master random seed, shared by every policy (default 1)",
                         "Replications per policy (default 10)",
                         "Also write comparison.csv, comparison_summary.csv and comparison.json here");

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

  const txsim::cli::Command erlang = txsim::cli::add_erlang_command(app);
  const txsim::cli::Command staff = txsim::cli::add_staff_command(app);

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

  try {
    if (run_cmd->parsed()) return run_command(run);
    if (compare_cmd->parsed()) return compare_command(compare);
    if (validate_cmd->parsed()) return validate_command(validate);
    if (schema_cmd->parsed()) return schema_command(schema_format);
    if (erlang.app->parsed()) return erlang.run();
    if (staff.app->parsed()) return staff.run();
  } catch (const txsim::io::ConfigError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", txsim::io::to_string(d));
    fmt::print(stderr, "txsim: {} error(s); nothing was run\n", e.diagnostics().size());
    return kBadInput;
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
