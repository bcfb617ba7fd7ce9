// One behaviour at a time: the per-contact costs that add up in the event loop.
#include <benchmark/benchmark.h>

#include <cmath>

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

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

// What the lognormal and gamma samplers replaced, measured in the same program: Boost's
// erfc_inv (long double inside) for lognormal and gamma_p_inv for gamma, both at cv 0.8.
static void BM_BoostQuantile(benchmark::State& state) {
  const double cv = 0.8;
  const double sigma = std::sqrt(std::log1p(cv * cv));
  const double mu = std::log(300.0) - 0.5 * sigma * sigma;
  const double shape = 1.0 / (cv * cv);
  txsim::rng::Stream stream(1);
  if (state.range(0) == 0) {
    state.SetLabel("lognormal, Boost erfc_inv");
    for (auto _ : state)
      benchmark::DoNotOptimize(std::exp(mu - sigma * 1.4142135623730951 * boost::math::erfc_inv(2.0 * stream.uniform())));
  } else {
    state.SetLabel("gamma, Boost gamma_p_inv");
    for (auto _ : state) benchmark::DoNotOptimize(300.0 / shape * boost::math::gamma_p_inv(shape, stream.uniform()));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BoostQuantile)->DenseRange(0, 1);

// Building a gamma sampler tabulates its quantile (once per sampler, i.e. per contact type and
// run); argument: 1000 * cv.
static void BM_GammaSamplerConstruction(benchmark::State& state) {
  const double cv = static_cast<double>(state.range(0)) / 1000.0;
  for (auto _ : state) benchmark::DoNotOptimize(txsim::rng::Sampler(txsim::rng::Distribution::gamma(300, cv)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GammaSamplerConstruction)->Arg(5000)->Arg(800)->Arg(10)->Unit(benchmark::kMillisecond);

static void BM_WaitHistogramAdd(benchmark::State& state) {
  txsim::rng::Stream stream(1);
  txsim::stats::WaitHistogram h;
  for (auto _ : state) h.add(-std::log(stream.uniform()) * 30.0);
  benchmark::DoNotOptimize(h.count());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WaitHistogramAdd);
