#pragma once
// What `sweep` and `uncertainty` share: where the points run (this process, or the ranks of an MPI
// job), with how many threads, which shard, and how bad input ends the job.

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "txsim/sweep/runner.hpp"

namespace txsim::cli {

/// "i/N" with 0 <= i < N (empty text: the whole sweep, 0/1); nullopt when malformed.
std::optional<std::pair<int, int>> parse_shard(const std::string& text);

/// The processes a sweep runs on. Launched by an MPI launcher, it joins the job (MPI_Init) and
/// leaves it on destruction; otherwise it is this process alone. Every rank reads the same input
/// and finds the same problems; rank 0 reports them, owns the store and prints.
class SweepJob {
 public:
  SweepJob();
  SweepJob(const SweepJob&) = delete;
  SweepJob& operator=(const SweepJob&) = delete;
  ~SweepJob();

  [[nodiscard]] bool root() const noexcept;
  [[nodiscard]] int ranks() const noexcept;
  /// Prints `message` on rank 0 and returns `code`; in an MPI job every rank ends with `code`.
  int fail(int code, const std::string& message) const;
  /// Worker threads per process for `requested` (0 = one per core, the cores of a machine shared
  /// by the job's ranks on it).
  [[nodiscard]] int threads(int requested) const;
  /// Runs the points into `store` (rank 0's; null on other ranks, which get an empty outcome).
  sweep::SweepOutcome run(const sweep::SweepSpec& spec, sweep::ResultStore* store, const sweep::SweepOptions& options) const;

 private:
  struct Mpi;
  std::unique_ptr<Mpi> mpi_;  // null outside an MPI job
};

}  // namespace txsim::cli
