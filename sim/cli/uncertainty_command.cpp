#include "cli/uncertainty_command.hpp"

#include <charconv>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/progress_display.hpp"
#include "cli/signals.hpp"
#include "cli/sweep_job.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/sweep/runner.hpp"
#include "txsim/sweep/uncertainty.hpp"

namespace txsim::cli {
namespace {

constexpr int kBadInput = 2;
constexpr int kOutputError = 3;

}  // namespace

CLI::App* add_uncertainty_command(CLI::App& app, UncertaintyArgs& args) {
  auto* cmd = app.add_subcommand(
      "uncertainty",
      "Verdict probabilities, distributions of the differences and Sobol indices of a study over a priors file "
      "(a resumable compare sweep over draws from the priors)");
  cmd->add_option("file", args.file, "Study file (YAML scenario with policies)")->required();
  cmd->add_option("--priors", args.priors,
                  "Priors file: a distribution for each uncertain parameter (e.g. scenarios/priors/evidence.yaml)")
      ->required();
  cmd->add_option("--samples,-n", args.samples,
                  "Base samples N of the Saltelli design (N (parameters + 2) points, plus the tornado); default 64")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000}));
  cmd->add_option("--replications,-r", args.replications,
                  "Replications per point (>= 2 to separate simulation noise); default 2")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option_function<std::string>(
      "--seed",
      [&args](const std::string& text) {
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, args.seed);
        if (text.empty() || error != std::errc() || stop != end)
          throw CLI::ValidationError("--seed", fmt::format("expected an integer from 0 to 18446744073709551615, found \"{}\"", text));
      },
      "Master seed of the draws and of every point's runs (default 1)");
  cmd->add_option("--out,-o", args.out_dir, "Output directory (default: <study name>-uncertainty)");
  cmd->add_option("--store", args.store, "Result store file (default: <out>/uncertainty.db)");
  cmd->add_option("--threads,-j", args.threads, "Worker threads; 0 = one per core (default 0)")->check(CLI::Range(0, 1024));
  cmd->add_option("--shard", args.shard,
                  "Run only the points p with p % N == i (i/N); join the stores with `txsim results merge`, then "
                  "rerun with --store MERGED to analyse");
  cmd->add_option("--set", args.sets, "Override one value of the study: key.path=value (repeatable)");
  cmd->add_option("--format", args.format, "What to print when done: table or markdown (tables for docs)")
      ->check(CLI::IsMember({"table", "markdown"}));
  cmd->add_option("--resamples", args.resamples, "Bootstrap resamples of the Sobol intervals (default 1000)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100'000}));
  cmd->add_flag("--force", args.force, "Replace the output files of an earlier run in the output directory");
  cmd->add_flag("--fresh", args.fresh, "Delete an existing store first instead of resuming it");
  cmd->add_flag("--quiet,-q", args.quiet, "No progress on stderr");
  return cmd;
}

int uncertainty_command(const UncertaintyArgs& args, const std::string& line) {
  const SweepJob job;
  const auto fail = [&job](int code, const std::string& message) { return job.fail(code, message); };
  const bool root = job.root();
  sweep::UncertaintyOptions options;
  options.base_samples = args.samples;
  options.replications = args.replications;
  options.seed = args.seed;
  std::optional<sweep::UncertaintyStudy> loaded;
  try {
    for (const auto& s : args.sets) options.overrides.push_back(io::parse_override(s));
    loaded.emplace(sweep::load_uncertainty_study(args.file, args.priors, options));
  } catch (const io::ConfigError& e) {
    return fail(kBadInput, fmt::format("{}\ntxsim: {} error(s); nothing was run\n", io::to_string(e.diagnostics()),
                                       e.diagnostics().size()));
  }
  const sweep::UncertaintyStudy& study = *loaded;
  if (root)
    for (const auto& warning : study.warnings) fmt::print(stderr, "{}\n", io::to_string(warning));
  const auto shard = parse_shard(args.shard);
  if (!shard)
    return fail(kBadInput, fmt::format("txsim: error: --shard: expected i/N with 0 <= i < N, found \"{}\"\n", args.shard));
  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path(args.file).stem().string() + "-uncertainty" : args.out_dir;
  const std::filesystem::path db = args.store.empty() ? out_dir / "uncertainty.db" : std::filesystem::path(args.store);
  const bool analyse = shard->second == 1;

  const int threads = job.threads(args.threads);

  std::optional<sweep::ResultStore> store;
  if (root) {
    try {
      // Before hours of running: an output directory that would refuse the files fails now.
      if (analyse) io::check_output_dir(out_dir, args.force);
      store.emplace(sweep::ResultStore::open_for(db, sweep::uncertainty_study_record(study, line, args.shard), args.fresh));
      store->add_session(line, threads, job.ranks());
    } catch (const io::OutputConflict& e) {
      return fail(kBadInput, fmt::format("txsim: error: {}\n", e.what()));
    } catch (const std::runtime_error& e) {
      return fail(kBadInput, fmt::format("txsim: error: {}\n", e.what()));
    }
  }

  ProgressDisplay display("points", args.quiet || !root, 0.5);
  sweep::SweepOptions sweep_options;
  sweep_options.threads = threads;
  sweep_options.shard_index = shard->first;
  sweep_options.shard_count = shard->second;
  sweep_options.stop = &stop_requested();
  sweep_options.progress = [&display](std::uint64_t done, std::uint64_t total) { display.update(done, total); };
  sweep::SweepOutcome outcome;
  try {
    outcome = job.run(study.sweep, store ? &*store : nullptr, sweep_options);
  } catch (const std::runtime_error& e) {
    return fail(kOutputError, fmt::format("txsim: error: {}: {}\n", db.string(), e.what()));
  }
  if (!root) return 0;
  if (outcome.stopped) {
    fmt::print(stderr, "txsim: stopped: {} of {} points stored in {}; run the same command again to resume\n",
               outcome.skipped + outcome.evaluated, outcome.total, db.string());
    return 128 + received_signal();
  }
  if (!args.quiet)
    fmt::print(stderr, "txsim: {} points evaluated ({} invalid), {} already stored; results in {}\n", outcome.evaluated,
               outcome.invalid, outcome.skipped, db.string());
  if (!analyse) {
    fmt::print(stderr,
               "txsim: shard {} done; join the shard stores with `txsim results merge OUT.db SHARD.db...`, then run this "
               "command without --shard and with --store OUT.db to analyse\n",
               args.shard);
    return 0;
  }

  stats::BootstrapOptions bootstrap;
  bootstrap.resamples = args.resamples;
  bootstrap.seed = args.seed;
  sweep::UncertaintyAnalysis analysis;
  try {
    analysis = sweep::analyse_uncertainty(sweep::read_uncertainty_input(*store, study), bootstrap);
    sweep::write_uncertainty_tables(*store, analysis);
  } catch (const std::invalid_argument& e) {
    return fail(kBadInput, fmt::format("txsim: error: {}: {}\n", db.string(), e.what()));
  } catch (const std::runtime_error& e) {
    return fail(kOutputError, fmt::format("txsim: error: {}: {}\n", db.string(), e.what()));
  }
  sweep::write_uncertainty_files(out_dir, analysis, study, line, args.force, &stop_requested());
  fmt::print("{}", args.format == "markdown" ? sweep::uncertainty_markdown(analysis) : sweep::uncertainty_table(analysis));
  if (!args.quiet) fmt::print(stderr, "txsim: analysis in {} and in {}\n", out_dir.string(), db.string());
  return 0;
}

}  // namespace txsim::cli
