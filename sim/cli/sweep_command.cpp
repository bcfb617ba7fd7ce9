#include "cli/sweep_command.hpp"

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "cli/progress_display.hpp"
#include "txsim/sweep/runner.hpp"
#ifdef TXSIM_HAVE_MPI
#include "txsim/sweep/mpi_sweep.hpp"
#endif
#include "txsim/sweep/sweep_spec.hpp"

namespace txsim::cli {
namespace {

constexpr int kBadInput = 2;
constexpr int kOutputError = 3;
constexpr int kInterrupted = 130;

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void request_stop(int signal) {
  g_signal.store(signal);
  g_stop.store(true);
}

// "i/N" with 0 <= i < N.
std::pair<int, int> parse_shard(const std::string& text) {
  if (text.empty()) return {0, 1};
  const std::size_t slash = text.find('/');
  int i = -1;
  int n = 0;
  const bool ok = slash != std::string::npos &&
                  std::from_chars(text.data(), text.data() + slash, i).ptr == text.data() + slash &&
                  std::from_chars(text.data() + slash + 1, text.data() + text.size(), n).ptr == text.data() + text.size() &&
                  n >= 1 && i >= 0 && i < n;
  if (!ok) throw CLI::ValidationError(fmt::format("--shard: expected i/N with 0 <= i < N, found \"{}\"", text));
  return {i, n};
}

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
  // From the start, so that a stop while the sweep file loads ends the sweep cleanly too.
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
#ifdef TXSIM_HAVE_MPI
  std::optional<sweep::MpiSession> mpi;
  if (sweep::launched_in_mpi_job()) mpi.emplace();
  const bool root = !mpi || mpi->rank() == 0;
  // Bad input is found by every rank alike; rank 0 reports it and ends the job.
  const auto fail = [&](int code, const std::string& message) {
    if (root) fmt::print(stderr, "{}", message);
    if (mpi) mpi->abort(code);
    return code;
  };
#else
  const bool root = true;
  const auto fail = [](int code, const std::string& message) {
    fmt::print(stderr, "{}", message);
    return code;
  };
#endif
  std::optional<sweep::SweepSpec> loaded;
  try {
    loaded.emplace(sweep::load_sweep(args.file));
  } catch (const io::ConfigError& e) {
    std::string message;
    for (const auto& d : e.diagnostics()) message += io::to_string(d) + "\n";
    return fail(kBadInput, message + fmt::format("txsim: {} error(s); nothing was run\n", e.diagnostics().size()));
  }
  const sweep::SweepSpec& spec = *loaded;
  int shard_index = 0;
  int shard_count = 1;
  try {
    std::tie(shard_index, shard_count) = parse_shard(args.shard);
  } catch (const CLI::ValidationError& e) {
    return fail(kBadInput, fmt::format("txsim: error: {}\n", e.what()));
  }
  const std::filesystem::path out_dir = args.out_dir.empty() ? spec.name + "-sweep" : args.out_dir;
  const std::filesystem::path db = args.db.empty() ? out_dir / "results.db" : std::filesystem::path(args.db);

  int ranks = 1;
  int threads = args.threads;
#ifdef TXSIM_HAVE_MPI
  if (mpi) {
    ranks = mpi->size();
    // Ranks sharing a machine share its cores.
    if (threads == 0)
      threads = std::max(1, static_cast<int>(std::max(1U, std::thread::hardware_concurrency())) / sweep::local_rank_count());
  }
#endif
  if (threads == 0) threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));

  std::optional<sweep::ResultStore> store;
  if (root) {
    try {
      store.emplace(sweep::ResultStore::open_for(db, sweep::study_record(spec, line, args.shard), args.fresh));
      store->add_session(line, threads, ranks);
    } catch (const std::runtime_error& e) {
      return fail(kBadInput, fmt::format("txsim: error: {}\n", e.what()));
    }
  }

  ProgressDisplay display("points", args.quiet || !root, 0.5);
  sweep::SweepOptions options;
  options.threads = threads;
  options.shard_index = shard_index;
  options.shard_count = shard_count;
  options.stop = &g_stop;
  options.progress = [&display](std::uint64_t done, std::uint64_t total) { display.update(done, total); };
  sweep::SweepOutcome outcome;
  try {
#ifdef TXSIM_HAVE_MPI
    if (mpi) outcome = sweep::run_sweep_mpi(spec, root ? &*store : nullptr, options, *mpi);
    else outcome = sweep::run_sweep(spec, *store, options);
#else
    outcome = sweep::run_sweep(spec, *store, options);
#endif
  } catch (const std::runtime_error& e) {
    return fail(kOutputError, fmt::format("txsim: error: {}: {}\n", db.string(), e.what()));
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!root) return 0;
  print_results(*store, db.string(), args.format);
  if (outcome.stopped) {
    fmt::print(stderr, "txsim: stopped: {} of {} points stored in {}; run the same command again to resume\n",
               outcome.skipped + outcome.evaluated, outcome.total, db.string());
    return g_signal.load() > 0 ? 128 + g_signal.load() : kInterrupted;
  }
  if (!args.quiet)
    fmt::print(stderr, "txsim: {} points evaluated ({} invalid), {} already stored; results in {}\n", outcome.evaluated,
               outcome.invalid, outcome.skipped, db.string());
  return 0;
}

}  // namespace txsim::cli
