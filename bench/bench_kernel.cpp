// Kernel throughput: the "hold" model (Vaucher & Duval 1975), the standard benchmark of
// pending-event sets: the queue holds N events; each step pops the earliest and schedules one
// new event a random time later, so the queue size stays N.
#include <benchmark/benchmark.h>

#include "txsim/kernel/event_queue.hpp"
#include "txsim/rng/stream.hpp"

static void BM_HoldModel(benchmark::State& state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  txsim::rng::Stream stream(1);
  txsim::kernel::Scheduler sched;
  sched.reserve(pending + 1);
  for (std::uint32_t i = 0; i < pending; ++i) sched.schedule_at(stream.uniform() * pending, 0, i);
  for (auto _ : state) {
    const auto e = sched.next();
    sched.schedule_in(-std::log(stream.uniform()) * pending, 0, e.target);
  }
  state.SetItemsProcessed(state.iterations());  // one pop + one schedule per item
}
BENCHMARK(BM_HoldModel)->Arg(16)->Arg(1024)->Arg(65536)->Arg(1 << 20);
