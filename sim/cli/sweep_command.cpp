#include "cli/sweep_command.hpp"

#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/progress_display.hpp"
#include "cli/signals.hpp"
#include "cli/sweep_job.hpp"
#include "txsim/sweep/runner.hpp"
#include "txsim/sweep/sweep_spec.hpp"

namespace txsim::cli {
namespace {

constexpr int kBadInput = 2;
constexpr int kOutputError = 3;

}  // namespace

std::string command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    std::string word = argv[i];
    if (word.empty() || word.find_first_of(" \t\"'\\$") != std::string::npos) {
      std::string quoted = "'";
      for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      word = quoted + "'";
    }
    line += (i == 0 ? "" : " ") + word;
  }
  return line;
}

CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args) {
  auto* cmd = app.add_subcommand(
      "sweep", "Run a sweep file: factors over a base scenario, each point stored in a resumable SQLite store");
  cmd->add_option("file", args.file, "Sweep file (YAML; see scenarios/sweeps/)")->required();
  cmd->add_option("--out,-o", args.out_dir, "Directory of the result store (default: <sweep name>-sweep)");
  cmd->add_option("--db", args.db, "Result store file (default: <out>/results.db)");
  cmd->add_option("--threads,-j", args.threads, "Worker threads; 0 = one per core (default 0)")->check(CLI::Range(0, 1024));
  cmd->add_option("--shard", args.shard, "Run only the points p with p % N == i (i/N), for job arrays; join with `results merge`");
  cmd->add_option("--format", args.format, "What to print when done: table (summary) or markdown (tables for docs)")
      ->check(CLI::IsMember({"table", "markdown"}));
  cmd->add_flag("--fresh", args.fresh, "Delete an existing store first instead of resuming it");
  cmd->add_flag("--quiet,-q", args.quiet, "No progress on stderr");
  return cmd;
}

int sweep_command(const SweepArgs& args, const std::string& line) {
  const SweepJob job;
  const auto fail = [&job](int code, const std::string& message) { return job.fail(code, message); };
  std::optional<sweep::SweepSpec> loaded;
  try {
    loaded.emplace(sweep::load_sweep(args.file));
  } catch (const io::ConfigError& e) {
    std::string message;
    for (const auto& d : e.diagnostics()) message += io::to_string(d) + "\n";
    return fail(kBadInput, message + fmt::format("txsim: {} error(s); nothing was run\n", e.diagnostics().size()));
  }
  const sweep::SweepSpec& spec = *loaded;
  const auto shard = parse_shard(args.shard);
  if (!shard)
    return fail(kBadInput, fmt::format("txsim: error: --shard: expected i/N with 0 <= i < N, found \"{}\"\n", args.shard));
  const std::filesystem::path out_dir = args.out_dir.empty() ? spec.name + "-sweep" : args.out_dir;
  const std::filesystem::path db = args.db.empty() ? out_dir / "results.db" : std::filesystem::path(args.db);

  const int threads = job.threads(args.threads);

  std::optional<sweep::ResultStore> store;
  if (job.root()) {
    try {
      store.emplace(sweep::ResultStore::open_for(db, sweep::study_record(spec, line, args.shard), args.fresh));
      store->add_session(line, threads, job.ranks());
    } catch (const std::runtime_error& e) {
      return fail(kBadInput, fmt::format("txsim: error: {}\n", e.what()));
    }
  }

  ProgressDisplay display("points", args.quiet || !job.root(), 0.5);
  sweep::SweepOptions options;
  options.threads = threads;
  options.shard_index = shard->first;
  options.shard_count = shard->second;
  options.stop = &stop_requested();
  options.progress = [&display](std::uint64_t done, std::uint64_t total) { display.update(done, total); };
  sweep::SweepOutcome outcome;
  try {
    outcome = job.run(spec, store ? &*store : nullptr, options);
  } catch (const std::runtime_error& e) {
    return fail(kOutputError, fmt::format("txsim: error: {}: {}\n", db.string(), e.what()));
  }
  if (!job.root()) return 0;
  print_results(*store, db.string(), args.format);
  if (outcome.stopped) {
    fmt::print(stderr, "txsim: stopped: {} of {} points stored in {}; run the same command again to resume\n",
               outcome.skipped + outcome.evaluated, outcome.total, db.string());
    return 128 + received_signal();
  }
  if (!args.quiet)
    fmt::print(stderr, "txsim: {} points evaluated ({} invalid), {} already stored; results in {}\n", outcome.evaluated,
               outcome.invalid, outcome.skipped, db.string());
  return 0;
}

}  // namespace txsim::cli
