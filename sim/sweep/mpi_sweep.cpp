#include "txsim/sweep/mpi_sweep.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

#include <mpi.h>

#include "sweep/detail/local_pool.hpp"
#include "txsim/sweep/wire.hpp"

namespace txsim::sweep {
namespace {

enum Tag : int {
  kRequest = 1,  // worker -> root: give me a point
  kResult = 2,   // worker -> root: a finished point, and a request for the next
  kPoint = 3,    // root -> worker: the point index to evaluate
  kStop = 4,     // root -> worker: no more points
  kDone = 5,     // worker -> root: stopped by a signal, asks no more
  kFailed = 6,   // worker -> root: an internal error, with its message
};

constexpr int kRoot = 0;

void send_bytes(const std::string& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

std::string receive_bytes(const MPI_Status& probed) {
  int count = 0;
  MPI_Get_count(&probed, MPI_BYTE, &count);
  std::string bytes(static_cast<std::size_t>(count), '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

void worker_rank(const SweepSpec& spec, const SweepOptions& options) {
  const Design design(spec);
  const int threads = detail::thread_count(options.threads);
  send_bytes({}, kRoot, kRequest);
  while (true) {
    std::uint64_t point = 0;
    MPI_Status status;
    MPI_Recv(&point, 1, MPI_UINT64_T, kRoot, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kStop) return;
    try {
      send_bytes(encode(evaluate_point(spec, design, point, threads, options.stop)), kRoot, kResult);
    } catch (const experiment::Cancelled&) {
      send_bytes({}, kRoot, kDone);
      return;
    } catch (const std::exception& e) {
      send_bytes(e.what(), kRoot, kFailed);
      return;
    }
  }
}

SweepOutcome root_rank(const SweepSpec& spec, ResultStore& store, const SweepOptions& options, int ranks) {
  const Design design(spec);
  const std::vector<bool> finished = store.finished_points();
  const std::vector<std::uint64_t> pending = pending_points(finished, options.shard_index, options.shard_count);
  SweepOutcome outcome = starting_outcome(finished, pending.size(), options.shard_index, options.shard_count);
  if (options.progress) options.progress(outcome.skipped, outcome.total);

  std::atomic<std::size_t> next{0};
  const auto take = [&]() -> std::optional<std::uint64_t> {
    if (options.stop && options.stop->load()) return std::nullopt;
    const std::size_t i = next++;
    return i < pending.size() ? std::optional(pending[i]) : std::nullopt;
  };
  const auto stored = [&](const PointResult& result) {
    store.write(result);
    ++outcome.evaluated;
    if (!result.valid) ++outcome.invalid;
    if (options.progress) options.progress(outcome.skipped + outcome.evaluated, outcome.total);
  };

  const int threads = detail::thread_count(options.threads);
  detail::LocalPool pool(spec, design, threads, 1, take, options.stop);
  int active_ranks = ranks - 1;
  bool local_done = false;
  std::string remote_failure;
  while (active_ranks > 0 || !local_done) {
    bool progressed = false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      progressed = true;
      const std::string bytes = receive_bytes(status);
      if (status.MPI_TAG == kResult) stored(decode(bytes));
      if (status.MPI_TAG == kRequest || status.MPI_TAG == kResult) {
        const auto point = remote_failure.empty() ? take() : std::nullopt;
        const std::uint64_t index = point.value_or(0);
        MPI_Send(&index, 1, MPI_UINT64_T, status.MPI_SOURCE, point ? kPoint : kStop, MPI_COMM_WORLD);
        if (!point) --active_ranks;
      } else {
        if (status.MPI_TAG == kFailed && remote_failure.empty())
          remote_failure = "rank " + std::to_string(status.MPI_SOURCE) + ": " + bytes;
        --active_ranks;
      }
    }
    if (!local_done)
      if (auto result = pool.poll(local_done)) {
        progressed = true;
        stored(*result);
      }
    if (!progressed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  pool.finish();
  if (!remote_failure.empty()) throw std::runtime_error(remote_failure);
  outcome.stopped = outcome.skipped + outcome.evaluated < outcome.total;
  return outcome;
}

}  // namespace

bool launched_in_mpi_job() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) return std::atoi(value) > 1;
  return false;
}

int local_rank_count() {
  const char* value = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  return value ? std::max(1, std::atoi(value)) : 1;
}

MpiSession::MpiSession() {
  int provided = 0;
  // Only the main thread of each rank calls MPI; worker threads never do.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

SweepOutcome run_sweep_mpi(const SweepSpec& spec, ResultStore* store, const SweepOptions& options,
                           const MpiSession& session) {
  if (session.rank() != kRoot) {
    worker_rank(spec, options);
    return {};
  }
  return root_rank(spec, *store, options, session.size());
}

}  // namespace txsim::sweep
