// One behaviour at a time: the per-contact costs that add up in the event loop.
#include <benchmark/benchmark.h>

#include "txsim/rng/distribution.hpp"
#include "txsim/rng/stream.hpp"
#include "txsim/stats/wait_histogram.hpp"

static void BM_Uniform(benchmark::State& state) {
  txsim::rng::Stream stream(1);
  for (auto _ : state) benchmark::DoNotOptimize(stream.uniform());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Uniform);

static void BM_Quantile(benchmark::State& state) {
  using txsim::rng::Distribution;
  const Distribution dists[] = {Distribution::exponential(60), Distribution::lognormal(300, 0.9),
                                Distribution::gamma(300, 0.8), Distribution::weibull(240, 0.8)};
  const txsim::rng::Sampler sampler(dists[state.range(0)]);
  state.SetLabel(std::string(to_string(sampler.kind())));
  txsim::rng::Stream stream(1);
  for (auto _ : state) benchmark::DoNotOptimize(sampler.quantile(stream.uniform()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Quantile)->DenseRange(0, 3);

static void BM_WaitHistogramAdd(benchmark::State& state) {
  txsim::rng::Stream stream(1);
  txsim::stats::WaitHistogram h;
  for (auto _ : state) h.add(-std::log(stream.uniform()) * 30.0);
  benchmark::DoNotOptimize(h.count());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WaitHistogramAdd);
