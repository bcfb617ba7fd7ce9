// The sweep machinery: points per second against threads, the cost per point besides the
// simulation (scenario loading with the point's overrides, result extraction, the store write),
// and resuming a large store. The point is one month of the default story, 2 replications.
// MPI ranks against threads is measured with the command line (bench/results/).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "txsim/experiment/replications.hpp"
#include "txsim/sweep/runner.hpp"

namespace fs = std::filesystem;

namespace {

// A run-mode grid over a month of the default story: 8 points of 2 replications.
constexpr const char* kMonthSweep = R"(
scenario: default.yaml
set: {horizon.days: 30}
mode: run
replications: 2
seed: 1
design: grid
factors:
  - path: customers.satisfaction.customer_value
    values: [100, 200, 300, 400, 500, 600, 700, 800]
)";

txsim::sweep::SweepSpec month_sweep() {
  return txsim::sweep::parse_sweep(kMonthSweep, "bench.yaml", fs::path(TXSIM_SOURCE_DIR) / "scenarios");
}

fs::path temp_store(const std::string& name) {
  return fs::temp_directory_path() / ("txsim-bench-" + name + "-" + std::to_string(::getpid()) + ".db");
}

void remove_store(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

// Whole sweeps into a fresh store; items = points. Argument: threads.
void BM_SweepPoints(benchmark::State& state) {
  const auto spec = month_sweep();
  const auto db = temp_store("points");
  std::int64_t points = 0;
  for (auto _ : state) {
    state.PauseTiming();
    remove_store(db);
    auto store = txsim::sweep::ResultStore::open_for(db, txsim::sweep::study_record(spec, "bench", ""), false);
    state.ResumeTiming();
    txsim::sweep::SweepOptions options;
    options.threads = static_cast<int>(state.range(0));
    points += static_cast<std::int64_t>(txsim::sweep::run_sweep(spec, store, options).evaluated);
  }
  remove_store(db);
  state.SetItemsProcessed(points);
}
BENCHMARK(BM_SweepPoints)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->UseRealTime();

// The simulation of one point alone: the replications of the point's scenario, one thread.
void BM_PointSimulation(benchmark::State& state) {
  const auto spec = month_sweep();
  const auto& scenario = spec.base.centre;
  txsim::experiment::ReplicationOptions options;
  options.replications = spec.replications;
  options.threads = 1;
  options.detail = txsim::experiment::Detail::Total;
  for (auto _ : state) benchmark::DoNotOptimize(txsim::experiment::run_replications(scenario, options).total);
}
BENCHMARK(BM_PointSimulation)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(3);

// What a point costs besides its simulation: the base study copied, the point's values set and
// the study checked.
void BM_PointStudy(benchmark::State& state) {
  const auto spec = month_sweep();
  const txsim::sweep::Design design(spec);
  for (auto _ : state) benchmark::DoNotOptimize(txsim::sweep::point_study(spec, design.point(3)));
}
BENCHMARK(BM_PointStudy)->Unit(benchmark::kMicrosecond);

// One point's transaction in the store (run mode, 55 KPIs x 2 replications).
void BM_StoreWrite(benchmark::State& state) {
  const auto spec = month_sweep();
  const txsim::sweep::Design design(spec);
  auto result = txsim::sweep::evaluate_point(spec, design, 0, 1, nullptr);
  const auto db = temp_store("write");
  remove_store(db);
  {
    auto store = txsim::sweep::ResultStore::open_for(db, txsim::sweep::study_record(spec, "bench", ""), false);
    std::uint64_t point = 0;
    for (auto _ : state) {
      result.point = point++ % design.size();
      if (result.point == 0 && point > 1) {
        state.PauseTiming();
        store = txsim::sweep::ResultStore::open_for(db, txsim::sweep::study_record(spec, "bench", ""), true);
        state.ResumeTiming();
      }
      store.write(result);
    }
  }
  remove_store(db);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_StoreWrite)->Unit(benchmark::kMicrosecond)->Iterations(8)->Repetitions(3);

// Resuming a store of 10,000 finished points: open, check the study, list the points still to do.
void BM_Resume10000(benchmark::State& state) {
  auto spec = month_sweep();
  spec.factors[0].levels.clear();
  for (int i = 0; i < 10000; ++i) spec.factors[0].levels.push_back({std::to_string(i), static_cast<double>(i)});
  const txsim::sweep::Design design(spec);
  const auto record = txsim::sweep::study_record(spec, "bench", "");
  const auto db = temp_store("resume");
  remove_store(db);
  {
    auto result = txsim::sweep::evaluate_point(spec, design, 0, 1, nullptr);
    auto store = txsim::sweep::ResultStore::open_for(db, record, false);
    for (std::uint64_t p = 0; p < 10000; ++p) {
      result.point = p;
      result.values = design.point(p);
      store.write(result);
    }
  }
  for (auto _ : state) {
    auto store = txsim::sweep::ResultStore::open_for(db, record, false);
    benchmark::DoNotOptimize(txsim::sweep::pending_points(store.finished_points(), 0, 1));
  }
  state.counters["store_mb"] = static_cast<double>(fs::file_size(db)) / 1e6;
  remove_store(db);
}
BENCHMARK(BM_Resume10000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
