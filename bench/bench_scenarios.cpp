// Whole runs of bundled scenarios. Items are simulation events; the "arrivals_per_s" counter and
// peak resident memory ("peak_rss_mb", of the whole process so far) are reported too.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <string>
#include <vector>

#include "txsim/experiment/replications.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/model/simulate.hpp"

namespace {

txsim::model::ScenarioSpec load(const char* relative, std::vector<txsim::io::Override> overrides = {}) {
  return txsim::io::load_scenario(std::string(TXSIM_SOURCE_DIR) + "/" + relative, overrides);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The Erlang-A throughput case: c = 100, load 95 Erlang, service 60 s, patience 120 s.
// Argument: arrivals (the scenario file's 10 million, or fewer for a quick look).
void BM_ErlangA(benchmark::State& state) {
  const auto arrivals = std::to_string(state.range(0));
  const auto spec = load("scenarios/bench/erlang_a_10m.yaml", {{"horizon.arrivals", arrivals}});
  std::uint64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto result = txsim::model::simulate(spec, {1, replication++});
    events += result.events;
    benchmark::DoNotOptimize(result.intervals.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["arrivals_per_s"] =
      benchmark::Counter(static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_ErlangA)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

// Two weeks of the default scenario, one replication per iteration.
void BM_DefaultScenario(benchmark::State& state) {
  const auto spec = load("scenarios/default.yaml");
  std::uint64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto result = txsim::model::simulate(spec, {1, replication++});
    events += result.events;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_DefaultScenario)->Unit(benchmark::kMillisecond);

// One year of a 300-agent centre with every employee mechanism on (about 7 million contacts).
void BM_YearWithEmployeeDynamics(benchmark::State& state) {
  const auto spec = load("scenarios/bench/year_300_agents.yaml");
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto result = txsim::model::simulate(spec, {1, replication++});
    events += result.events;
    contacts += result.total().offered;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["contacts_per_s"] = benchmark::Counter(static_cast<double>(contacts), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_YearWithEmployeeDynamics)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

// Replications scale with threads: 8 replications of the default scenario on 1 and 2 threads.
void BM_ReplicationsThreads(benchmark::State& state) {
  const auto spec = load("scenarios/default.yaml");
  txsim::experiment::ReplicationOptions options;
  options.replications = 8;
  options.threads = static_cast<int>(state.range(0));
  options.detail = txsim::experiment::Detail::Total;
  std::uint64_t events = 0;
  for (auto _ : state) events += txsim::experiment::run_replications(spec, options).events;
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_ReplicationsThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
