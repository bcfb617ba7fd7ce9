#pragma once
// A sweep spread over the ranks of an MPI job (`mpirun -np N txsim sweep STUDY.yaml`). Rank 0
// owns the store: it hands out points one at a time to whichever rank asks (dynamic load
// balancing: a rank that finishes early asks again), evaluates points with its own worker
// threads meanwhile, and writes every result. Other ranks evaluate the points they are given,
// each with `threads` threads for the point's replications. A point's results depend only on
// (study, point index), so the store equals a single process's, value for value.
// Only built when CMake finds MPI (TXSIM_WITH_MPI).

#include "txsim/sweep/runner.hpp"

namespace txsim::sweep {

/// Ranks of this job on this machine (Open MPI's OMPI_COMM_WORLD_LOCAL_SIZE), 1 if unknown.
int local_rank_count();

/// True when this process was started by an MPI launcher in a job of more than one rank
/// (Open MPI's OMPI_COMM_WORLD_SIZE, or PMI_SIZE of MPICH and Slurm).
bool launched_in_mpi_job();

/// MPI_Init on construction, MPI_Finalize on destruction.
class MpiSession {
 public:
  MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  ~MpiSession();
  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }
  /// Ends every rank of the job with `code` (after rank 0 found bad input, for instance).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

/// Rank 0 passes its store and gets the outcome; other ranks pass nullptr and get an empty
/// outcome once rank 0 has no more points for them. options.shard_* apply to the whole job;
/// options.progress is called on rank 0 only.
SweepOutcome run_sweep_mpi(const SweepSpec& spec, ResultStore* store, const SweepOptions& options,
                           const MpiSession& session);

}  // namespace txsim::sweep
