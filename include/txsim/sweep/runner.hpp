#pragma once
// Runs a sweep's points into a result store, resuming where the store stopped.
//
// Every point runs replication r with RunSeed{seed, r}, whatever its factor values: common
// random numbers across points. Neighbouring points therefore differ by the factor, not by noise,
// and a curve over a factor is smooth; but the points are not independent samples, so the spread
// of results across points is no estimate of the simulation noise, and the CIs of two points
// overlap more than a test of their difference would need (use `compare` or more replications
// to test a difference between two points).
//
// Points are spread over `threads` workers, each point running its replications itself (several
// threads per point when fewer points than threads remain). A point's results depend only on
// (study, point index), so the store is identical for any thread count, shard split and pattern
// of interruption and resume. Finished points stream into the store as they finish: memory does
// not grow with the number of points.

#include <atomic>
#include <cstdint>
#include <functional>

#include "txsim/sweep/result_store.hpp"

namespace txsim::sweep {

struct SweepOptions {
  int threads = 0;          ///< worker threads, >= 0; 0 = one per hardware thread
  int shard_index = 0;      ///< this process runs the points p with p % shard_count == shard_index
  int shard_count = 1;      ///< >= 1
  /// When set and read true, workers stop within about a second; finished points stay stored.
  const std::atomic<bool>* stop = nullptr;
  /// Called after each stored point with (points of this shard stored, points of this shard),
  /// from the thread that called run_sweep.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct SweepOutcome {
  std::uint64_t total = 0;      ///< points of this shard
  std::uint64_t skipped = 0;    ///< already in the store when the sweep started
  std::uint64_t evaluated = 0;  ///< stored by this call
  std::uint64_t invalid = 0;    ///< of those evaluated
  bool stopped = false;         ///< options.stop was raised before every point was stored
};

/// Evaluates one point with `threads` threads for its replications. A point whose scenario does
/// not load or whose policies cannot apply is returned invalid with its diagnostics. Throws
/// experiment::Cancelled when `stop` was raised.
PointResult evaluate_point(const SweepSpec& spec, const Design& design, std::uint64_t point, int threads,
                           const std::atomic<bool>* stop);

/// Evaluates every point of the shard that `store` lacks and writes each in its own transaction.
SweepOutcome run_sweep(const SweepSpec& spec, ResultStore& store, const SweepOptions& options);

/// The points of shard i/N (p % N == i) not yet finished, in increasing order.
std::vector<std::uint64_t> pending_points(const std::vector<bool>& finished, int shard_index, int shard_count);

/// The outcome of a (resumed) sweep before it runs: `total` points of this shard, of which those
/// already finished are `skipped`.
SweepOutcome starting_outcome(const std::vector<bool>& finished, std::size_t pending, int shard_index, int shard_count);

}  // namespace txsim::sweep
