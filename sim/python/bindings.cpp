// Native part of the txsim Python module: the calls the CLI makes, nothing more. Result tables
// leave as the texts the io writers produce for `txsim run --out` and `txsim compare --out`
// (CSV, JSON), which txsim/__init__.py reads into pandas DataFrames: a DataFrame and the file
// of the same name hold the same columns and the same numbers (shortest round-trip text).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "txsim/analytic/erlang.hpp"
#include "txsim/analytic/staffing.hpp"
#include "txsim/calibrate/calibration.hpp"
#include "txsim/calibrate/call_log.hpp"
#include "txsim/calibrate/report.hpp"
#include "txsim/calibrate/scenario_yaml.hpp"
#include "txsim/calibrate/trace_writer.hpp"
#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/io/check.hpp"
#include "txsim/io/comparison_writer.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/io/results_writer.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/model/simulate.hpp"
#include "txsim/policy/policy.hpp"
#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard.hpp"
#include "txsim/staffing/hiring_plan.hpp"
#include "txsim/staffing/requirement.hpp"
#include "txsim/staffing/search.hpp"
#include "txsim/staffing/shift_schedule.hpp"
#include "txsim/stats/survival.hpp"
#include "txsim/sweep/result_store.hpp"
#include "txsim/sweep/staffing_store.hpp"
#include "txsim/sweep/runner.hpp"
#include "txsim/sweep/sweep_spec.hpp"
#include "txsim/sweep/uncertainty.hpp"
#include "txsim/version.hpp"

namespace py = pybind11;

namespace txsim::python {
namespace {

// A scenario file (or text), loaded and checked as a study, with the overrides applied to it so
// far. Setting a value loads it again with one more override: the schema sets it (as `--set`),
// the study is checked as a whole, and warnings, resolved text and content hash follow. The
// loaded study is shared and never changed in place: a run that started in another Python
// thread keeps the study it started with.
class Scenario {
 public:
  static Scenario from_file(std::string file, std::vector<io::Override> overrides) {
    Scenario s;
    s.file_ = std::move(file);
    s.overrides_ = std::move(overrides);
    s.reload();
    return s;
  }

  static Scenario from_text(std::string text, std::string label, std::vector<io::Override> overrides) {
    Scenario s;
    s.file_ = std::move(label);
    s.text_ = std::move(text);
    s.overrides_ = std::move(overrides);
    s.reload();
    return s;
  }

  void set(io::Override change) {
    Scenario next = *this;
    next.overrides_.push_back(std::move(change));
    next.reload();
    *this = std::move(next);
  }

  [[nodiscard]] const io::LoadedStudy& loaded() const noexcept { return *loaded_; }
  [[nodiscard]] const experiment::StudySpec& study() const noexcept { return loaded_->study; }
  [[nodiscard]] std::shared_ptr<const io::LoadedStudy> shared_loaded() const noexcept { return loaded_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::vector<io::Override>& overrides() const noexcept { return overrides_; }

 private:
  void reload() {
    loaded_ = std::make_shared<const io::LoadedStudy>(text_ ? io::parse_study(*text_, file_, overrides_)
                                                            : io::load_study(file_, overrides_));
  }

  std::string file_;
  std::optional<std::string> text_;
  std::vector<io::Override> overrides_;
  std::shared_ptr<const io::LoadedStudy> loaded_;
};

// The replications of one scenario (a `txsim run`, or one variant of a comparison, whose
// result it shares).
struct RunTables {
  io::RunInfo info;
  std::shared_ptr<const experiment::ExperimentResult> result;
};

struct ComparisonTables {
  io::RunInfo info;
  std::shared_ptr<const experiment::Comparison> comparison;
};

template <class Write>
std::string to_text(Write write) {
  std::ostringstream out;
  write(out);
  return std::move(out).str();
}

// How often a waiting call looks for Ctrl-C: well under the one second a user waits for.
constexpr std::chrono::milliseconds kSignalPollPeriod{100};

// What long work shares with the Python thread that waits for it: the stop flag the work polls,
// and its progress, written by the work's threads and read by the waiting thread.
struct WorkControl {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
  bool wants_progress = false;

  void report(std::uint64_t items_done, std::uint64_t items_total) {
    total.store(items_total);
    done.store(items_done);
  }
};

// Runs `work(control)` on its own thread with the GIL released, so that other Python threads
// run meanwhile, and wakes up every kSignalPollPeriod with the GIL to run Python's signal
// handlers and report progress. On Ctrl-C (KeyboardInterrupt), or when `progress` raises, the
// work is stopped through control.stop and the exception is raised once it has ended.
template <class Work>
auto run_interruptibly(const py::object& progress, Work work) {
  WorkControl control;
  control.wants_progress = !progress.is_none();
  auto pending = std::async(std::launch::async, [&work, &control] { return work(control); });
  std::uint64_t reported = 0;
  for (;;) {
    bool ready = false;
    {
      py::gil_scoped_release release;
      ready = pending.wait_for(kSignalPollPeriod) == std::future_status::ready;
    }
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (control.wants_progress && control.done.load() != reported) {
        reported = control.done.load();
        progress(reported, control.total.load());
      }
    } catch (...) {
      control.stop.store(true);
      {
        py::gil_scoped_release release;
        pending.wait();
      }
      throw;
    }
    if (ready) break;
  }
  return pending.get();
}

// The stop flag and progress of an experiment, wired to `control`.
void connect(experiment::ReplicationOptions& options, WorkControl& control) {
  options.stop = &control.stop;
  if (control.wants_progress)
    options.progress = [&control](int runs_done, int runs_total) {
      control.report(static_cast<std::uint64_t>(runs_done), static_cast<std::uint64_t>(runs_total));
    };
}

experiment::Detail parse_detail(const std::string& detail) {
  if (detail == "total") return experiment::Detail::Total;
  if (detail == "day") return experiment::Detail::Day;
  if (detail == "interval") return experiment::Detail::Interval;
  throw std::invalid_argument("detail: expected total, day or interval, found \"" + detail + "\"");
}

// The ranges `txsim run` and `txsim compare` accept for --replications and --threads.
constexpr int kMaxReplications = 1000000;
constexpr int kMaxThreads = 1024;

experiment::ReplicationOptions replication_options(std::uint64_t seed, int replications, int threads) {
  if (replications < 1 || replications > kMaxReplications)
    throw std::invalid_argument("replications: expected an integer in [1, " + std::to_string(kMaxReplications) +
                                "], found " + std::to_string(replications));
  if (threads < 0 || threads > kMaxThreads)
    throw std::invalid_argument("threads: expected an integer in [0, " + std::to_string(kMaxThreads) + "], found " +
                                std::to_string(threads));
  experiment::ReplicationOptions options;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  return options;
}

// The outputs' identity, as the CLI writes it: the resolved scenario's hash and the overrides.
io::RunInfo run_info(const Scenario& scenario, const model::ScenarioSpec& spec, std::uint64_t seed, int replications) {
  io::Provenance provenance;
  provenance.scenario_sha256 = scenario.shared_loaded()->content_hash;
  for (const io::Override& o : scenario.overrides()) provenance.overrides.push_back(o.key_path + "=" + o.value);
  return io::RunInfo{spec.name, scenario.file(), seed, replications, spec.service_level_threshold_s, std::move(provenance)};
}

// The centre a run simulates, as `txsim run [--policy NAME]`: the scenario itself, or one
// policy's variant of it (load_study has checked that every variant is valid).
std::shared_ptr<const model::ScenarioSpec> run_target(const Scenario& scenario, const std::string& policy) {
  const auto loaded = scenario.shared_loaded();
  const experiment::StudySpec& study = loaded->study;
  if (policy.empty()) return {loaded, &study.centre};
  const auto it = std::find_if(study.policies.begin(), study.policies.end(),
                               [&](const policy::PolicySpec& p) { return p.name == policy; });
  if (it == study.policies.end()) {
    std::string known;
    for (const auto& p : study.policies) known += (known.empty() ? "" : ", ") + p.name;
    throw std::invalid_argument("policy " + policy + ": scenario \"" + study.centre.name +
                                "\" has no such policy (known: " + (known.empty() ? "none" : known) + ")");
  }
  return std::make_shared<const model::ScenarioSpec>(policy::apply_policy(study.centre, *it, study.lever_effects));
}

// As `txsim run [--trace FILE]`: the trace is replication 1 simulated once more, recording each
// contact, and written atomically.
RunTables run(const Scenario& scenario, std::uint64_t seed, int replications, int threads, const std::string& detail,
              const std::string& policy, const std::string& trace, const py::object& progress) {
  auto options = replication_options(seed, replications, threads);
  options.detail = parse_detail(detail);
  const auto spec = run_target(scenario, policy);
  auto result = run_interruptibly(progress, [&](WorkControl& control) {
    auto o = options;
    connect(o, control);
    auto r = std::make_shared<const experiment::ExperimentResult>(experiment::run_replications(*spec, o));
    if (!trace.empty()) {
      calibrate::TraceWriter writer(*spec);
      model::RunControl run_control;
      run_control.stop = &control.stop;
      run_control.trace = &writer;
      // A stopped run's trace is partial: never written, as a partial result never looks complete.
      if (model::simulate(*spec, rng::RunSeed{seed, 0}, run_control).cancelled) throw experiment::Cancelled();
      writer.write(trace);
    }
    return r;
  });
  return RunTables{run_info(scenario, *spec, seed, replications), std::move(result)};
}

ComparisonTables compare(const Scenario& scenario, std::uint64_t seed, int replications, int threads,
                         const py::object& progress) {
  const auto loaded = scenario.shared_loaded();
  const experiment::StudySpec& study = loaded->study;
  if (study.policies.empty())
    throw std::invalid_argument(scenario.file() + ": scenario \"" + study.centre.name +
                                "\" has no policies to compare with the baseline; add a `policies:` section "
                                "(see scenarios/default.yaml)");
  auto options = replication_options(seed, replications, threads);
  options.detail = experiment::Detail::Day;
  auto comparison = run_interruptibly(progress, [&](WorkControl& control) {
    auto o = options;
    connect(o, control);
    return std::make_shared<const experiment::Comparison>(experiment::run_comparison(study, o));
  });
  return ComparisonTables{run_info(scenario, study.centre, seed, replications), std::move(comparison)};
}

// ---- sweeps (`txsim sweep`) ----------------------------------------------------------------

// A sweep run into its store: the store's path and the counts `txsim sweep` prints.
struct SweepRun {
  std::string store;
  std::uint64_t total = 0;
  std::uint64_t skipped = 0;
  std::uint64_t evaluated = 0;
  std::uint64_t invalid = 0;
};

// Records this call in the store and runs the sweep's points of one shard into it, as
// `txsim sweep` does, with Ctrl-C and `progress` wired to the workers.
sweep::SweepOutcome run_points(const sweep::SweepSpec& spec, sweep::ResultStore& store, int workers, int shard_index,
                               int shard_count, const std::string& command_line, const py::object& progress) {
  store.add_session(command_line, workers, 1);
  return run_interruptibly(progress, [&](WorkControl& control) {
    sweep::SweepOptions options;
    options.threads = workers;
    options.shard_index = shard_index;
    options.shard_count = shard_count;
    options.stop = &control.stop;
    if (control.wants_progress)
      options.progress = [&control](std::uint64_t done, std::uint64_t total) { control.report(done, total); };
    return sweep::run_sweep(spec, store, options);
  });
}

// As `txsim sweep FILE [--db DB] [--threads N] [--shard i/N] [--fresh]`: the same spec, store
// record and runner. `text` set reads the sweep from it (`file` is then its label, and relative
// scenario paths resolve against `directory`). Ctrl-C stops the workers; the finished points
// stay stored and a second call resumes.
SweepRun sweep_file(const std::string& file, const std::optional<std::string>& text, const std::string& directory,
               const std::string& db, int threads, int shard_index, int shard_count, bool fresh,
               const std::string& command_line, const py::object& progress) {
  if (threads < 0 || threads > kMaxThreads)
    throw std::invalid_argument("threads: expected an integer in [0, " + std::to_string(kMaxThreads) + "], found " +
                                std::to_string(threads));
  if (shard_count < 1 || shard_index < 0 || shard_index >= shard_count)
    throw std::invalid_argument("shard: expected i/N with 0 <= i < N, found " + std::to_string(shard_index) + "/" +
                                std::to_string(shard_count));
  const sweep::SweepSpec spec = text ? sweep::parse_sweep(*text, file, directory) : sweep::load_sweep(file);
  const std::filesystem::path store_file =
      db.empty() ? std::filesystem::path(spec.name + "-sweep") / "results.db" : std::filesystem::path(db);
  const std::string shard = shard_count == 1 ? "" : std::to_string(shard_index) + "/" + std::to_string(shard_count);
  const int workers = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::optional<sweep::ResultStore> opened;
  try {
    opened.emplace(sweep::ResultStore::open_for(store_file, sweep::study_record(spec, command_line, shard), fresh));
  } catch (const std::runtime_error& e) {
    // A store of another study, version or shard (bad input, as the CLI's exit code 2 says).
    throw std::invalid_argument(e.what());
  }
  const sweep::SweepOutcome outcome =
      run_points(spec, *opened, workers, shard_index, shard_count, command_line, progress);
  return SweepRun{store_file.string(), outcome.total, outcome.skipped, outcome.evaluated, outcome.invalid};
}

// The tidy rows of a store (`txsim results DB --format csv`), as columns: one entry per point x
// variant x metric of the valid points, in that order. Factor values are in point_values.
py::dict tidy_columns(const std::string& db, const std::vector<std::string>& metrics) {
  const sweep::ResultStore store = sweep::ResultStore::open_existing(db);
  std::vector<std::uint64_t> point;
  std::vector<int> variant;
  std::vector<std::string> policy, metric, verdict;
  std::vector<double> mean, ci_lo, ci_hi, diff_mean, diff_lo, diff_hi;
  std::vector<std::int64_t> n, diff_n;
  sweep::for_each_tidy_row(store, metrics, [&](const sweep::TidyRow& r) {
    point.push_back(r.point);
    variant.push_back(r.variant);
    policy.push_back(r.policy);
    metric.push_back(r.metric);
    mean.push_back(r.mean);
    ci_lo.push_back(r.ci_lo);
    ci_hi.push_back(r.ci_hi);
    n.push_back(r.n);
    diff_mean.push_back(r.diff_mean);
    diff_lo.push_back(r.diff_lo);
    diff_hi.push_back(r.diff_hi);
    diff_n.push_back(r.diff_n);
    verdict.push_back(r.verdict);
  });
  py::dict columns;
  columns["point"] = py::array(py::cast(point));
  columns["variant"] = py::array(py::cast(variant));
  columns["policy"] = policy;
  columns["kpi"] = metric;
  columns["mean"] = py::array(py::cast(mean));
  columns["ci_lo"] = py::array(py::cast(ci_lo));
  columns["ci_hi"] = py::array(py::cast(ci_hi));
  columns["n"] = py::array(py::cast(n));
  columns["diff_mean"] = py::array(py::cast(diff_mean));
  columns["diff_lo"] = py::array(py::cast(diff_lo));
  columns["diff_hi"] = py::array(py::cast(diff_hi));
  columns["diff_n"] = py::array(py::cast(diff_n));
  columns["verdict"] = verdict;
  return columns;
}

// ---- uncertainty (`txsim uncertainty`) ------------------------------------------------------

// An uncertainty study run into its store and, when the store is complete, analysed.
struct UncertaintyTables {
  SweepRun run;
  std::vector<io::Diagnostic> warnings;
  std::shared_ptr<const sweep::UncertaintyStudy> study;
  std::shared_ptr<const sweep::UncertaintyAnalysis> analysis;  ///< null for a shard
};

// As `txsim uncertainty FILE --priors P [-n N] [-r R] [--seed S] [--set ...] [--store DB]
// [--shard i/N] [--fresh] [--resamples B]`: the same study, store, sweep and analysis, whose
// tables are written into the store. The output files (`--out`) are written only when `out_dir`
// is given. A shard's store is not analysed: merge the shards, then call again on the merged store.
UncertaintyTables uncertainty(const std::string& study_file, const std::string& priors_file,
                              const std::vector<io::Override>& overrides, std::uint64_t samples, int replications,
                              std::uint64_t seed, const std::string& db, const std::string& out_dir, bool force,
                              int threads, int shard_index, int shard_count, bool fresh, std::size_t resamples,
                              const std::string& command_line, const py::object& progress) {
  if (threads < 0 || threads > kMaxThreads)
    throw std::invalid_argument("threads: expected an integer in [0, " + std::to_string(kMaxThreads) + "], found " +
                                std::to_string(threads));
  if (shard_count < 1 || shard_index < 0 || shard_index >= shard_count)
    throw std::invalid_argument("shard: expected i/N with 0 <= i < N, found " + std::to_string(shard_index) + "/" +
                                std::to_string(shard_count));
  if (resamples < 2 || resamples > 100000)
    throw std::invalid_argument("resamples: expected an integer in [2, 100000], found " + std::to_string(resamples));
  sweep::UncertaintyOptions options;
  options.base_samples = samples;
  options.replications = replications;
  options.seed = seed;
  options.overrides = overrides;
  UncertaintyTables out;
  out.study = std::make_shared<const sweep::UncertaintyStudy>(
      sweep::load_uncertainty_study(study_file, priors_file, options));
  const sweep::UncertaintyStudy& study = *out.study;
  out.warnings = study.warnings;
  const std::filesystem::path store_file =
      !db.empty()        ? std::filesystem::path(db)
      : !out_dir.empty() ? std::filesystem::path(out_dir) / "uncertainty.db"
                         : std::filesystem::path(std::filesystem::path(study_file).stem().string() + "-uncertainty") /
                               "uncertainty.db";
  const bool analyse = shard_count == 1;
  const std::string shard = analyse ? "" : std::to_string(shard_index) + "/" + std::to_string(shard_count);
  const int workers = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::optional<sweep::ResultStore> opened;
  try {
    // Before the runs: an output directory that would refuse the files fails now.
    if (analyse && !out_dir.empty()) io::check_output_dir(out_dir, force);
    opened.emplace(
        sweep::ResultStore::open_for(store_file, sweep::uncertainty_study_record(study, command_line, shard), fresh));
  } catch (const std::runtime_error& e) {
    // A store of another study or an output directory holding an earlier run: bad input.
    throw std::invalid_argument(e.what());
  }
  sweep::ResultStore& store = *opened;
  const sweep::SweepOutcome outcome =
      run_points(study.sweep, store, workers, shard_index, shard_count, command_line, progress);
  out.run = SweepRun{store_file.string(), outcome.total, outcome.skipped, outcome.evaluated, outcome.invalid};
  if (!analyse) return out;
  stats::BootstrapOptions bootstrap;
  bootstrap.resamples = resamples;
  bootstrap.seed = seed;
  out.analysis = std::make_shared<const sweep::UncertaintyAnalysis>(
      sweep::analyse_uncertainty(sweep::read_uncertainty_input(store, study), bootstrap));
  sweep::write_uncertainty_tables(store, *out.analysis);
  if (!out_dir.empty()) sweep::write_uncertainty_files(out_dir, *out.analysis, study, command_line, force, nullptr);
  return out;
}

// The analysis, or a clear error for a shard's run.
const sweep::UncertaintyAnalysis& analysis_of(const UncertaintyTables& t) {
  if (!t.analysis)
    throw std::invalid_argument("a shard's store is not analysed: merge the shard stores (txsim results merge), then "
                                "call uncertainty() with store= the merged store");
  return *t.analysis;
}

// ---- staffing (`txsim staff`) -------------------------------------------------------------

// A staffing plan and what `txsim staff` derives from it: the staffed scenario (the text
// `--out` writes) and, with shifts, the shift schedule covering it.
struct StaffTables {
  std::string scenario_name;
  double interval_minutes = 30.0;
  std::vector<std::string> targets;
  std::shared_ptr<const staffing::StaffingPlan> plan;
  std::vector<std::string> patterns;  ///< described; empty without shifts
  std::optional<staffing::ShiftSchedule> schedule;
  std::string staffed_yaml;
  std::optional<Scenario> staffed;  ///< staffed_yaml loaded back
  io::RunInfo info;                 ///< of the simulation of the answer
};

staffing::Scope parse_scope(const std::string& per) {
  if (per == "interval") return staffing::Scope::Interval;
  if (per == "day") return staffing::Scope::Day;
  if (per == "horizon") return staffing::Scope::Horizon;
  throw std::invalid_argument("per: expected interval, day or horizon, found \"" + per + "\"");
}

// "service_level>=0.8, abandon_rate<=0.05", as the staffed scenario's comment names them.
std::string target_list(const std::vector<staffing::KpiTarget>& targets) {
  std::string text;
  for (const auto& t : targets) text += (text.empty() ? "" : ", ") + staffing::to_string(t);
  return text;
}

// 100 x fraction, rounded to a whole number ("95").
std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", 100 * fraction);
  return text;
}

// Refuses, before the search, a store the study may not be written into (ValueError), as
// `txsim staff --store` does with exit code 2.
void check_store(const std::string& store, const sweep::StaffingStudy& study) {
  if (store.empty()) return;
  try {
    (void)sweep::check_staffing_store(store, study);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(std::string("store: ") + e.what());
  }
}

int worker_count(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

// The ranges `txsim staff` accepts for the options both searches share.
void check_staff_options(const std::vector<std::string>& targets, double confidence, int replications, int threads) {
  if (targets.empty()) throw std::invalid_argument("targets: expected at least one, e.g. \"service_level>=0.8\"");
  if (!(confidence >= 0.51 && confidence <= 0.9999))
    throw std::invalid_argument("confidence: expected a number in [0.51, 0.9999], found " + std::to_string(confidence));
  if (replications < 2 || replications > 100000)
    throw std::invalid_argument("replications: expected an integer in [2, 100000], found " + std::to_string(replications));
  if (threads < 0 || threads > kMaxThreads)
    throw std::invalid_argument("threads: expected an integer in [0, " + std::to_string(kMaxThreads) + "], found " +
                                std::to_string(threads));
}

// As `txsim staff FILE --target ... [--per P] [--shifts]`, the same library calls in the same
// order, so that a pattern set that cannot cover the demand fails before any simulation.
StaffTables staff(const Scenario& scenario, const std::vector<std::string>& targets, const std::string& per,
                  double confidence, std::uint64_t seed, int replications, int threads, int max_agents, bool shifts,
                  const std::string& store, const std::string& command_line) {
  check_staff_options(targets, confidence, replications, threads);
  if (max_agents < 1 || max_agents > 1000000)
    throw std::invalid_argument("max_agents: expected an integer in [1, 1000000], found " + std::to_string(max_agents));
  staffing::SearchOptions options;
  for (const auto& text : targets) options.targets.push_back(staffing::parse_target(text));
  options.scope = parse_scope(per);
  options.confidence = confidence;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  options.max_agents_per_interval = max_agents;

  const auto loaded = scenario.shared_loaded();
  const model::ScenarioSpec& spec = loaded->study.centre;
  StaffTables out;
  out.scenario_name = spec.name;
  out.interval_minutes = spec.interval_minutes;
  out.targets = targets;
  const sweep::StaffingStudy study = sweep::staffing_study(options, shifts, spec.name, scenario.file(),
                                                           loaded->resolved_yaml, loaded->content_hash, command_line);
  check_store(store, study);
  std::vector<staffing::ShiftPattern> patterns;
  if (shifts) {
    try {
      patterns = staffing::schedulable_shift_patterns(spec);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("shifts: ") + e.what());
    }
    for (const auto& p : patterns) out.patterns.push_back(staffing::describe(p));
  }
  // The search reports no progress; Ctrl-C stops the simulation it is running.
  out.plan = run_interruptibly(py::none(), [&](WorkControl& control) {
    options.stop = &control.stop;
    return std::make_shared<const staffing::StaffingPlan>(staffing::search_staffing(spec, options));
  });
  const staffing::StaffingPlan& plan = *out.plan;
  if (shifts) out.schedule = staffing::schedule_shifts(plan.agents, spec.interval_minutes, patterns);

  // The staffed scenario (with shifts: the shift schedule), through the schema's writer so that
  // it is checked and loads back.
  experiment::StudySpec staffed = loaded->study;
  staffed.centre = shifts ? staffing::with_shift_schedule(spec, patterns, out.schedule->agents_per_pattern)
                          : staffing::with_headcount(spec, plan.agents);
  io::require_valid(staffed, scenario.file());
  const std::string group_path = "agents.groups." + plan.group;
  out.staffed_yaml = io::to_yaml(
      staffed, {{group_path + (shifts ? ".shifts[0].count" : ".headcount"),
                 std::string("txsim staff") + (shifts ? " --shifts" : "") + ": " + target_list(options.targets) +
                     " per " + per + " at " + percent(options.confidence) + "% confidence, seed " +
                     std::to_string(options.seed) + ", " + std::to_string(options.replications) + " replications"}});
  out.staffed = Scenario::from_text(out.staffed_yaml, scenario.file() + " (staffed)", {});
  out.info = run_info(*out.staffed, out.staffed->study().centre, seed, replications);
  if (!store.empty()) {
    std::optional<sweep::ShiftResults> shift_results;
    if (shifts) shift_results.emplace(sweep::ShiftResults{patterns, *out.schedule});
    sweep::write_staffing_store(store, study, plan, spec.interval_minutes, shift_results, worker_count(threads));
  }
  return out;
}

// A hiring plan (`txsim staff --hiring-plan`): the conventional and the optimised rota, and the
// planned scenario `--out` writes (the optimised shift counts).
struct HiringTables {
  std::shared_ptr<const staffing::HiringPlan> plan;
  std::vector<std::string> shift_labels;  ///< the scenario's shifts, described
  std::string currency;
  std::string planned_yaml;
  std::optional<Scenario> planned;  ///< planned_yaml loaded back
  io::RunInfo info;                 ///< of the optimised plan's simulation
};

// As `txsim staff FILE --hiring-plan --target ...`: the same checks, search and scenario text.
HiringTables hiring_plan(const Scenario& scenario, const std::vector<std::string>& targets, double confidence,
                         std::uint64_t seed, int replications, int threads, int max_seats,
                         std::optional<double> planner_shrinkage, std::optional<double> planner_attrition,
                         const std::string& store, const std::string& command_line) {
  check_staff_options(targets, confidence, replications, threads);
  if (max_seats < 1 || max_seats > 1000000)
    throw std::invalid_argument("max_seats: expected an integer in [1, 1000000], found " + std::to_string(max_seats));
  for (const auto& [name, value] : {std::pair{"planner_shrinkage", planner_shrinkage},
                                    std::pair{"planner_attrition", planner_attrition}})
    if (value && !(*value >= 0.0 && *value <= 0.99))
      throw std::invalid_argument(std::string(name) + ": expected a number in [0, 0.99], found " + std::to_string(*value));
  staffing::HiringPlanOptions options;
  for (const auto& text : targets) options.targets.push_back(staffing::parse_target(text));
  options.confidence = confidence;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  options.max_seats = max_seats;
  options.planner_shrinkage = planner_shrinkage;
  options.planner_annual_attrition = planner_attrition;

  const auto loaded = scenario.shared_loaded();
  const model::ScenarioSpec& spec = loaded->study.centre;
  const sweep::StaffingStudy study = sweep::hiring_plan_study(options, spec.name, scenario.file(), loaded->resolved_yaml,
                                                              loaded->content_hash, command_line);
  check_store(store, study);
  HiringTables out;
  // The search reports no progress; Ctrl-C stops the simulation it is running.
  out.plan = run_interruptibly(py::none(), [&](WorkControl& control) {
    options.stop = &control.stop;
    return std::make_shared<const staffing::HiringPlan>(staffing::plan_hiring(spec, options));
  });
  const staffing::HiringPlan& plan = *out.plan;
  experiment::StudySpec planned = loaded->study;
  planned.centre = staffing::with_shift_counts(spec, plan.optimised.shift_counts);
  io::require_valid(planned, scenario.file());
  out.planned_yaml = io::to_yaml(
      planned, {{"agents.groups." + plan.group + ".shifts[0].count",
                 "txsim staff --hiring-plan: " + std::to_string(plan.optimised.seats) + " seats for " +
                     target_list(options.targets) + " in every month at " + percent(options.confidence) +
                     "% confidence, seed " + std::to_string(options.seed) + ", " +
                     std::to_string(options.replications) + " replications"}});
  for (const auto& shift : spec.agent_groups.front().shifts)
    out.shift_labels.push_back(staffing::describe(staffing::ShiftPattern{shift.start_h, shift.length_h, shift.breaks}));
  out.currency = spec.currency;
  out.planned = Scenario::from_text(out.planned_yaml, scenario.file() + " (planned)", {});
  out.info = run_info(*out.planned, out.planned->study().centre, seed, replications);
  if (!store.empty())
    sweep::write_staffing_store(store, study, plan, out.currency, out.shift_labels, worker_count(threads));
  return out;
}

// ---- calibration (`txsim calibrate`) --------------------------------------------------------

struct CalibrationTables {
  std::shared_ptr<const calibrate::Calibration> calibration;
  std::string yaml;  ///< the scenario text `--out` writes
};

// As `txsim calibrate LOG [--columns f=c ...] [--interval M] ...`: the same reading, fitting and
// scenario text (its header names the log as given).
CalibrationTables calibrate_log(const std::string& log_path, const std::map<std::string, std::string>& columns,
                                double interval_minutes, double clock_tolerance_s, double redial_window_s,
                                const std::string& handle_time, const std::string& name) {
  if (!(clock_tolerance_s >= 0.0))
    throw std::invalid_argument("clock_tolerance_s: expected a number >= 0, found " + std::to_string(clock_tolerance_s));
  if (!(redial_window_s > 0.0))
    throw std::invalid_argument("redial_window_s: expected a number > 0, found " + std::to_string(redial_window_s));
  if (handle_time != "lognormal" && handle_time != "empirical")
    throw std::invalid_argument("handle_time: expected lognormal or empirical, found \"" + handle_time + "\"");
  calibrate::ReadOptions read;
  read.clock_tolerance_s = clock_tolerance_s;
  read.columns = columns;
  calibrate::CalibrateOptions options;
  options.interval_minutes = interval_minutes;
  options.redial_window_s = redial_window_s;
  options.handle_time_model =
      handle_time == "empirical" ? calibrate::HandleTimeModel::Empirical : calibrate::HandleTimeModel::Lognormal;
  CalibrationTables out;
  {
    py::gil_scoped_release release;
    const calibrate::CallLog log = calibrate::read_call_log(log_path, read);
    out.calibration = std::make_shared<const calibrate::Calibration>(calibrate::calibrate(log, options));
  }
  const calibrate::Calibration& c = *out.calibration;
  const calibrate::CalibratedScenario fitted = calibrate::to_scenario(c, name);
  std::string header = std::string("Calibrated by txsim ") + kVersion + " calibrate from " + log_path + " (" +
                       std::to_string(c.contacts) + " contacts, " + std::to_string(c.days) + " days from " +
                       c.first_date + ").\nEach fitted value's comment gives n and its 95% interval; the report has "
                       "the detail.";
  for (const auto& note : c.notes) header += "\n" + note;
  out.yaml = calibrate::scenario_yaml(fitted, header);
  return out;
}

// The fitted survival curves of patience at `times_s`, per type ("(all)" for the pooled fit)
// and model, from the library's own S(t): columns type, model, chosen, time_s, survival.
py::dict patience_curves(const CalibrationTables& tables, const std::vector<double>& times_s) {
  std::vector<std::string> type, model_name;
  std::vector<bool> chosen;
  std::vector<double> time, survival;
  const calibrate::Calibration& c = *tables.calibration;
  const auto add = [&](const calibrate::TypeFit& t, const std::string& label) {
    for (std::size_t k = 0; k < t.patience_fits.size(); ++k)
      for (const double x : times_s) {
        type.push_back(label);
        model_name.push_back(std::string(stats::to_string(t.patience_fits[k].model)));
        chosen.push_back(k == t.chosen_patience);
        time.push_back(x);
        survival.push_back(t.patience_fits[k].survival_at(x));
      }
  };
  add(c.pooled, "(all)");
  for (const auto& t : c.types) add(t, t.name);
  py::dict columns;
  columns["type"] = type;
  columns["model"] = model_name;
  columns["chosen"] = py::array(py::cast(chosen));
  columns["time_s"] = py::array(py::cast(time));
  columns["survival"] = py::array(py::cast(survival));
  return columns;
}

analytic::QueueModel queue_model(const std::string& name, double patience_s) {
  if (name == "b") return analytic::QueueModel::ErlangB;
  if (name == "c") return analytic::QueueModel::ErlangC;
  if (name == "a") return analytic::QueueModel::ErlangA;
  // As `txsim erlang --model auto`: Erlang A when customers abandon, else Erlang C.
  if (name == "auto") return std::isfinite(patience_s) ? analytic::QueueModel::ErlangA : analytic::QueueModel::ErlangC;
  throw std::invalid_argument("model: expected b, c, a or auto, found \"" + name + "\"");
}

const char* model_name(analytic::QueueModel model) {
  switch (model) {
    case analytic::QueueModel::ErlangB: return "erlang_b";
    case analytic::QueueModel::ErlangC: return "erlang_c";
    case analytic::QueueModel::ErlangA: return "erlang_a";
  }
  return "";
}

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Ints = py::array_t<int, py::array::c_style | py::array::forcecast>;

// queue_metrics over equally long 1-D arrays (txsim/__init__.py broadcasts them): one column
// per metric, named as in `txsim erlang --format json`.
py::dict queue_metrics_columns(const std::string& model, Ints agents, Doubles calls_per_hour, Doubles aht_s,
                               Doubles patience_s, Doubles threshold_s) {
  const auto n = static_cast<std::size_t>(agents.size());
  if (calls_per_hour.size() != agents.size() || aht_s.size() != agents.size() ||
      patience_s.size() != agents.size() || threshold_s.size() != agents.size())
    throw std::invalid_argument("queue_metrics: the arrays must have the same length");
  const char* names[] = {"offered_load_erlangs", "prob_wait",    "prob_blocked",
                         "abandon_rate",         "service_level", "service_level_excl_short_abandons",
                         "asa_s",                "mean_wait_s",   "mean_queue_length",
                         "occupancy"};
  constexpr std::size_t kColumns = std::size(names);
  std::vector<Doubles> columns;
  for (std::size_t c = 0; c < kColumns; ++c) columns.emplace_back(static_cast<py::ssize_t>(n));
  std::vector<double*> out;
  for (auto& column : columns) out.push_back(column.mutable_data());
  std::vector<std::string> models(n);
  const int* a = agents.data();
  const double* cph = calls_per_hour.data();
  const double* aht = aht_s.data();
  const double* patience = patience_s.data();
  const double* threshold = threshold_s.data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) {
      const auto kind = queue_model(model, patience[i]);
      const double lambda = cph[i] / 3600.0;
      const auto m = analytic::queue_metrics(kind, lambda, aht[i], patience[i], a[i], threshold[i]);
      const double row[] = {lambda * aht[i], m.prob_wait, m.prob_blocked, m.prob_abandon, m.service_level,
                            m.service_level_excl_short_abandons, m.asa_s, m.mean_wait_all_s, m.mean_queue_length,
                            m.occupancy};
      for (std::size_t c = 0; c < kColumns; ++c) out[c][i] = row[c];
      models[i] = model_name(kind);
    }
  }
  py::dict result;
  result["model"] = models;
  for (std::size_t c = 0; c < kColumns; ++c) result[names[c]] = columns[c];
  return result;
}

template <std::size_t N>
void add_kpi_rows(py::list& rows, const char* family, const char* prefix, const std::array<model::KpiInfo, N>& info) {
  for (const auto& k : info)
    rows.append(py::make_tuple(family, std::string(prefix) + std::string(k.name), std::string(k.unit),
                               std::string(k.definition)));
}

// Every metric name the tables use, with its unit and definition: (family, name, unit, definition).
py::list metric_info() {
  py::list rows;
  add_kpi_rows(rows, "customer", "", model::kKpiInfo);
  add_kpi_rows(rows, "employee", "", model::kExKpiInfo);
  add_kpi_rows(rows, "score", "score.", score::kScoreInfo);
  add_kpi_rows(rows, "component", "component.", score::kComponentInfo);
  add_kpi_rows(rows, "business_case", "business_case.", score::kBusinessCaseInfo);
  rows.append(py::make_tuple("business_case", "npv_vs_baseline", "currency",
                             "net present value of the monthly savings against the baseline"));
  return rows;
}

std::vector<io::Override> to_overrides(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<io::Override> out;
  out.reserve(pairs.size());
  for (const auto& [key, value] : pairs) out.push_back(io::Override{key, value});
  return out;
}

}  // namespace
}  // namespace txsim::python

PYBIND11_MODULE(_txsim, m) {
  using namespace txsim;
  using namespace txsim::python;
  m.doc() = "Native part of the txsim module; use the package `txsim`, which returns pandas DataFrames.";
  m.attr("__version__") = kVersion;

  py::class_<io::Diagnostic>(m, "Diagnostic", "One located problem with a scenario")
      .def_readonly("file", &io::Diagnostic::file, "file name as given, or \"--set key=value\" for an override")
      .def_readonly("line", &io::Diagnostic::line, "1-based line; 0 when unknown")
      .def_readonly("column", &io::Diagnostic::column, "1-based column; 0 when unknown")
      .def_readonly("key_path", &io::Diagnostic::key_path, "scenario key path; empty for syntax errors")
      .def_readonly("message", &io::Diagnostic::message, "what was expected and what was found")
      .def_readonly("warning", &io::Diagnostic::warning, "a likely mistake that does not stop a run")
      .def("__str__", [](const io::Diagnostic& d) { return io::to_string(d); })
      .def("__repr__", [](const io::Diagnostic& d) { return "<Diagnostic " + io::to_string(d) + ">"; });

  static py::exception<io::ConfigError> config_error(m, "ConfigError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const io::ConfigError& e) {
      py::object error = py::handle(config_error.ptr())(e.what());
      error.attr("diagnostics") = py::cast(e.diagnostics());
      PyErr_SetObject(config_error.ptr(), error.ptr());
    }
  });

  py::class_<Scenario>(m, "Scenario")
      .def_property_readonly("name", [](const Scenario& s) { return s.study().centre.name; })
      .def_property_readonly("description", [](const Scenario& s) { return s.study().centre.description; })
      .def_property_readonly("file", &Scenario::file)
      .def_property_readonly("overrides",
                             [](const Scenario& s) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const auto& o : s.overrides()) out.emplace_back(o.key_path, o.value);
                               return out;
                             })
      .def_property_readonly("contact_types",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& t : s.study().centre.contact_types) out.push_back(t.name);
                               return out;
                             })
      .def_property_readonly("agent_groups",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& g : s.study().centre.agent_groups) out.push_back(g.name);
                               return out;
                             })
      .def_property_readonly("policies",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& p : s.study().policies) out.push_back(p.name);
                               return out;
                             })
      .def_property_readonly("warnings", [](const Scenario& s) { return s.loaded().warnings; })
      .def_property_readonly("content_hash", [](const Scenario& s) { return s.loaded().content_hash; })
      .def("to_yaml", [](const Scenario& s) { return s.loaded().resolved_yaml; })
      .def("_get_yaml", [](const Scenario& s, const std::string& key_path) { return io::get_value(s.study(), key_path); })
      .def("_set_yaml", [](Scenario& s, std::string key_path, std::string value) {
        s.set(io::Override{std::move(key_path), std::move(value)});
      })
      .def("__repr__", [](const Scenario& s) {
        return "<txsim.Scenario '" + s.study().centre.name + "' from " + s.file() + ", " +
               std::to_string(s.overrides().size()) + " override(s)>";
      });

  m.def("load", [](std::string file, const std::vector<std::pair<std::string, std::string>>& overrides) {
    return Scenario::from_file(std::move(file), to_overrides(overrides));
  });
  m.def("loads", [](std::string text, std::string label,
                    const std::vector<std::pair<std::string, std::string>>& overrides) {
    return Scenario::from_text(std::move(text), std::move(label), to_overrides(overrides));
  });

  py::class_<RunTables>(m, "RunTables")
      .def_property_readonly("events", [](const RunTables& r) { return r.result->events; })
      .def_property_readonly("wall_s", [](const RunTables& r) { return r.result->wall_s; })
      .def_property_readonly("has_workforce", [](const RunTables& r) { return r.result->has_workforce; })
      .def_property_readonly("contact_types", [](const RunTables& r) { return r.result->type_names; })
      .def_property_readonly("agent_groups", [](const RunTables& r) { return r.result->group_names; })
      .def_property_readonly("intervals_per_day", [](const RunTables& r) { return r.result->intervals_per_day; })
      .def_property_readonly("interval_s", [](const RunTables& r) { return r.result->interval_s; })
      .def("summary_json", [](const RunTables& r) { return io::summary_json(r.info, *r.result).dump(); })
      .def("summary_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_summary_csv(o, *r.result); }); })
      .def("replications_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_replications_csv(o, *r.result); }); })
      .def("agents_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_agents_csv(o, *r.result); }); });

  py::class_<ComparisonTables>(m, "ComparisonTables")
      .def_property_readonly("events", [](const ComparisonTables& c) { return c.comparison->events; })
      .def_property_readonly("wall_s", [](const ComparisonTables& c) { return c.comparison->wall_s; })
      .def_property_readonly("variants",
                             [](const ComparisonTables& c) {
                               std::vector<std::string> out;
                               for (const auto& v : c.comparison->variants) out.push_back(v.name);
                               return out;
                             })
      .def("variant",
           [](const ComparisonTables& c, std::size_t i) {
             if (i >= c.comparison->variants.size()) throw py::index_error("no variant " + std::to_string(i));
             // Shares ownership of the comparison: the variant's tables stay valid on their own.
             return RunTables{c.info, std::shared_ptr<const experiment::ExperimentResult>(
                                          c.comparison, &c.comparison->variants[i].result)};
           })
      .def("comparison_json", [](const ComparisonTables& c) { return io::comparison_json(c.info, *c.comparison).dump(); })
      .def("comparison_csv",
           [](const ComparisonTables& c) {
             return to_text([&](std::ostream& o) { io::write_comparison_csv(o, *c.comparison); });
           })
      .def("comparison_summary_csv", [](const ComparisonTables& c) {
        return to_text([&](std::ostream& o) { io::write_comparison_summary_csv(o, *c.comparison); });
      });

  m.def("run", &run, py::arg("scenario"), py::arg("seed"), py::arg("replications"), py::arg("threads"),
        py::arg("detail"), py::arg("policy"), py::arg("trace"), py::arg("progress"));
  m.def("compare", &compare, py::arg("scenario"), py::arg("seed"), py::arg("replications"), py::arg("threads"),
        py::arg("progress"));
  py::class_<SweepRun>(m, "SweepRun")
      .def_readonly("store", &SweepRun::store)
      .def_readonly("total", &SweepRun::total)
      .def_readonly("skipped", &SweepRun::skipped)
      .def_readonly("evaluated", &SweepRun::evaluated)
      .def_readonly("invalid", &SweepRun::invalid);
  m.def("sweep", &sweep_file, py::arg("file"), py::arg("text"), py::arg("directory"), py::arg("db"), py::arg("threads"),
        py::arg("shard_index"), py::arg("shard_count"), py::arg("fresh"), py::arg("command_line"), py::arg("progress"));
  m.def(
      "merge_stores",
      [](const std::string& out, const std::vector<std::string>& inputs, const std::string& command_line) {
        const std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
        try {
          sweep::merge_stores(out, paths, command_line);
        } catch (const std::runtime_error& e) {
          // Shards of different studies, an existing output, a file that is no store: bad input,
          // as the CLI's exit code 2 says.
          throw std::invalid_argument(e.what());
        }
      },
      py::arg("out"), py::arg("inputs"), py::arg("command_line"));
  m.def("store_summary", [](const std::string& db) {
    // Opening checks that the file is a txsim store of this schema version.
    const sweep::ResultStore store = sweep::ResultStore::open_existing(db);
    const sweep::StoreCounts counts = store.counts();
    return py::make_tuple(store.study().point_count, counts.points, counts.invalid);
  });
  m.def("store_tidy_columns", &tidy_columns, py::arg("db"), py::arg("metrics"));
  m.def("store_canonical_dump", [](const std::string& db) { return sweep::ResultStore::open_existing(db).canonical_dump(); });
  m.def("is_staffing_store", [](const std::string& db) { return sweep::is_staffing_store(db); });
  m.def("staffing_store_tables", [](const std::string& db) {
    // (name, columns, rows) per table, rows of None / int / float / str, for DataFrames.
    py::list tables;
    for (const auto& t : sweep::read_staffing_store(db)) tables.append(py::make_tuple(t.name, t.columns, t.rows));
    return tables;
  });

  py::class_<UncertaintyTables>(m, "UncertaintyTables")
      .def_readonly("run", &UncertaintyTables::run)
      .def_readonly("warnings", &UncertaintyTables::warnings)
      .def_property_readonly("analysed", [](const UncertaintyTables& t) { return t.analysis != nullptr; })
      .def("verdict_probabilities_csv",
           [](const UncertaintyTables& t) { return sweep::verdict_probabilities_csv(analysis_of(t)); })
      .def("differences_csv", [](const UncertaintyTables& t) { return sweep::differences_csv(analysis_of(t)); })
      .def("sobol_csv", [](const UncertaintyTables& t) { return sweep::sobol_csv(analysis_of(t)); })
      .def("tornado_csv", [](const UncertaintyTables& t) { return sweep::tornado_csv(analysis_of(t)); })
      .def("json", [](const UncertaintyTables& t) { return sweep::uncertainty_json(analysis_of(t), *t.study); })
      .def("table", [](const UncertaintyTables& t) { return sweep::uncertainty_table(analysis_of(t)); });
  m.def("uncertainty", [](const std::string& study_file, const std::string& priors_file,
                          const std::vector<std::pair<std::string, std::string>>& overrides, std::uint64_t samples,
                          int replications, std::uint64_t seed, const std::string& db, const std::string& out_dir,
                          bool force, int threads, int shard_index, int shard_count, bool fresh, std::size_t resamples,
                          const std::string& command_line, const py::object& progress) {
    return uncertainty(study_file, priors_file, to_overrides(overrides), samples, replications, seed, db, out_dir,
                       force, threads, shard_index, shard_count, fresh, resamples, command_line, progress);
  });

  py::class_<StaffTables>(m, "StaffTables")
      .def_readonly("scenario_name", &StaffTables::scenario_name)
      .def_readonly("interval_minutes", &StaffTables::interval_minutes)
      .def_property_readonly("group", [](const StaffTables& t) { return t.plan->group; })
      .def_property_readonly("erlang_agents", [](const StaffTables& t) { return t.plan->erlang_agents; })
      .def_property_readonly("agents", [](const StaffTables& t) { return t.plan->agents; })
      .def_property_readonly("agent_hours_per_day", [](const StaffTables& t) { return t.plan->agent_hours_per_day; })
      .def_property_readonly("erlang_agent_hours_per_day",
                             [](const StaffTables& t) { return t.plan->erlang_agent_hours_per_day; })
      .def_property_readonly("evaluations", [](const StaffTables& t) { return t.plan->evaluations; })
      .def_readonly("patterns", &StaffTables::patterns)
      .def_property_readonly("agents_per_pattern",
                             [](const StaffTables& t) { return t.schedule ? t.schedule->agents_per_pattern : std::vector<int>{}; })
      .def_property_readonly("paid_hours", [](const StaffTables& t) { return t.schedule ? t.schedule->paid_hours : 0.0; })
      .def_property_readonly("covered",
                             [](const StaffTables& t) { return t.schedule ? t.schedule->covered : std::vector<double>{}; })
      .def_property_readonly(
          "over_coverage", [](const StaffTables& t) { return t.schedule ? t.schedule->over_coverage : std::vector<double>{}; })
      .def_readonly("staffed_yaml", &StaffTables::staffed_yaml)
      .def_property_readonly("staffed", [](const StaffTables& t) { return *t.staffed; })
      .def("simulation", [](const StaffTables& t) {
        // Shares ownership of the plan: the tables stay valid on their own.
        return RunTables{t.info, std::shared_ptr<const experiment::ExperimentResult>(t.plan, &t.plan->result)};
      });
  m.def("staff", &staff, py::arg("scenario"), py::arg("targets"), py::arg("per"), py::arg("confidence"),
        py::arg("seed"), py::arg("replications"), py::arg("threads"), py::arg("max_agents"), py::arg("shifts"),
        py::arg("store"), py::arg("command_line"));

  py::class_<staffing::PlanOutcome>(m, "PlanOutcome")
      .def_readonly("seats", &staffing::PlanOutcome::seats)
      .def_readonly("shift_counts", &staffing::PlanOutcome::shift_counts)
      .def_property_readonly("total_cost",
                             [](const staffing::PlanOutcome& p) {
                               return py::make_tuple(p.total_cost.mean, p.total_cost.lo, p.total_cost.hi);
                             })
      .def_readonly("service_level", &staffing::PlanOutcome::service_level)
      .def_readonly("abandon_rate", &staffing::PlanOutcome::abandon_rate)
      .def_readonly("annualised_attrition", &staffing::PlanOutcome::annualised_attrition)
      .def_readonly("hires", &staffing::PlanOutcome::hires)
      .def_readonly("failures", &staffing::PlanOutcome::failures)
      .def_property_readonly("months", [](const staffing::PlanOutcome& p) {
        // One tuple per month, in the columns of `txsim staff --hiring-plan --format csv`.
        py::list rows;
        for (const auto& month : p.months)
          rows.append(py::make_tuple(month.month + 1, month.days, month.service_level, month.abandon_rate,
                                     month.annualised_attrition, month.quits, month.hires, month.employed,
                                     month.on_phones, month.absence_rate, month.cost, month.meets_targets));
        return rows;
      });
  py::class_<HiringTables>(m, "HiringTables")
      .def_property_readonly("group", [](const HiringTables& t) { return t.plan->group; })
      .def_property_readonly("planner", [](const HiringTables& t) {
        py::dict planner;
        planner["shrinkage"] = t.plan->planner_shrinkage;
        planner["annual_attrition"] = t.plan->planner_annual_attrition;
        planner["pipeline_share"] = t.plan->planner_pipeline_share;
        planner["hires_per_month"] = t.plan->planner_hires_per_month;
        return planner;
      })
      .def_property_readonly("conventional", [](const HiringTables& t) { return t.plan->conventional; })
      .def_property_readonly("optimised", [](const HiringTables& t) { return t.plan->optimised; })
      .def_property_readonly("cost_difference",
                             [](const HiringTables& t) {
                               const auto& d = t.plan->cost_difference;
                               return py::make_tuple(d.mean, d.lo, d.hi);
                             })
      .def_property_readonly("evaluations", [](const HiringTables& t) { return t.plan->evaluations; })
      .def_property_readonly("seats_tried", [](const HiringTables& t) { return t.plan->seats_tried; })
      .def_readonly("shift_labels", &HiringTables::shift_labels)
      .def_readonly("currency", &HiringTables::currency)
      .def_readonly("planned_yaml", &HiringTables::planned_yaml)
      .def_property_readonly("planned", [](const HiringTables& t) { return *t.planned; })
      .def("simulation", [](const HiringTables& t) {
        return RunTables{t.info, std::shared_ptr<const experiment::ExperimentResult>(t.plan, &t.plan->optimised.result)};
      });
  m.def("hiring_plan", &hiring_plan, py::arg("scenario"), py::arg("targets"), py::arg("confidence"), py::arg("seed"),
        py::arg("replications"), py::arg("threads"), py::arg("max_seats"), py::arg("planner_shrinkage"),
        py::arg("planner_attrition"), py::arg("store"), py::arg("command_line"));

  py::class_<CalibrationTables>(m, "CalibrationTables")
      .def_readonly("yaml", &CalibrationTables::yaml)
      .def("summary_json", [](const CalibrationTables& t) { return calibrate::to_json(*t.calibration).dump(); })
      .def("write_report", [](const CalibrationTables& t, const std::string& dir) { calibrate::write_report(dir, *t.calibration); })
      .def("patience_curves", &patience_curves)
      .def("handle_times", [](const CalibrationTables& t) {
        // The positive talk times behind each type's fit, "(all)" for the pooled one.
        std::vector<std::string> type;
        std::vector<double> seconds;
        const auto add = [&](const calibrate::TypeFit& f, const std::string& label) {
          for (const double v : f.handle_values_s) {
            type.push_back(label);
            seconds.push_back(v);
          }
        };
        add(t.calibration->pooled, "(all)");
        for (const auto& f : t.calibration->types) add(f, f.name);
        py::dict columns;
        columns["type"] = type;
        columns["service_s"] = py::array(py::cast(seconds));
        return columns;
      });
  m.def("calibrate", &calibrate_log, py::arg("log"), py::arg("columns"), py::arg("interval_minutes"),
        py::arg("clock_tolerance_s"), py::arg("redial_window_s"), py::arg("handle_time"), py::arg("name"));

  m.def("metric_info", &metric_info);
  m.def("parameter_reference", [] {
    py::list rows;
    for (const io::ParameterInfo& p : io::parameter_reference())
      rows.append(py::make_tuple(p.key_path, p.unit, p.default_value, p.range, p.meaning, p.source, p.grade,
                                 p.container));
    return rows;
  });

  m.def("erlang_b", py::vectorize(&analytic::erlang_b), py::arg("servers"), py::arg("offered_load_erlangs"));
  m.def("erlang_c", py::vectorize(&analytic::erlang_c), py::arg("servers"), py::arg("offered_load_erlangs"));
  m.def("queue_metrics_columns", &queue_metrics_columns);
  m.def(
      "agents_for_service_level",
      py::vectorize([](double calls_per_hour, double aht_s, double target, double threshold_s, double patience_s,
                       std::string model) {
        return analytic::agents_for_service_level(queue_model(model, patience_s), calls_per_hour / 3600.0, aht_s,
                                                  patience_s, threshold_s, target);
      }),
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("target"), py::arg("threshold_s"), py::arg("patience_s"),
      py::arg("model"));
  m.def(
      "agents_for_abandon_rate",
      py::vectorize([](double calls_per_hour, double aht_s, double max_abandon_rate, double patience_s,
                       std::string model) {
        return analytic::agents_for_abandon_rate(queue_model(model, patience_s), calls_per_hour / 3600.0, aht_s,
                                                 patience_s, max_abandon_rate);
      }),
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("max_abandon_rate"), py::arg("patience_s"),
      py::arg("model"));
}
