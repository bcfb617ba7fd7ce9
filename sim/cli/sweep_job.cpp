#include "cli/sweep_job.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#ifdef TXSIM_HAVE_MPI
#include "txsim/sweep/mpi_sweep.hpp"
#endif

namespace txsim::cli {

std::optional<std::pair<int, int>> parse_shard(const std::string& text) {
  if (text.empty()) return std::pair{0, 1};
  const std::size_t slash = text.find('/');
  int i = -1;
  int n = 0;
  const char* end = text.data() + text.size();
  const bool ok = slash != std::string::npos &&
                  std::from_chars(text.data(), text.data() + slash, i).ptr == text.data() + slash &&
                  std::from_chars(text.data() + slash + 1, end, n).ptr == end && n >= 1 && i >= 0 && i < n;
  if (!ok) return std::nullopt;
  return std::pair{i, n};
}

#ifdef TXSIM_HAVE_MPI
struct SweepJob::Mpi {
  sweep::MpiSession session;
};

SweepJob::SweepJob() {
  if (sweep::launched_in_mpi_job()) mpi_ = std::make_unique<Mpi>();
}
#else
struct SweepJob::Mpi {};

SweepJob::SweepJob() = default;
#endif

SweepJob::~SweepJob() = default;

bool SweepJob::root() const noexcept {
#ifdef TXSIM_HAVE_MPI
  return !mpi_ || mpi_->session.rank() == 0;
#else
  return true;
#endif
}

int SweepJob::ranks() const noexcept {
#ifdef TXSIM_HAVE_MPI
  return mpi_ ? mpi_->session.size() : 1;
#else
  return 1;
#endif
}

int SweepJob::fail(int code, const std::string& message) const {
  if (root()) fmt::print(stderr, "{}", message);
#ifdef TXSIM_HAVE_MPI
  if (mpi_) mpi_->session.abort(code);
#endif
  return code;
}

int SweepJob::threads(int requested) const {
  if (requested > 0) return requested;
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
#ifdef TXSIM_HAVE_MPI
  // Ranks sharing a machine share its cores.
  if (mpi_) return std::max(1, cores / sweep::local_rank_count());
#endif
  return cores;
}

sweep::SweepOutcome SweepJob::run(const sweep::SweepSpec& spec, sweep::ResultStore* store,
                                  const sweep::SweepOptions& options) const {
#ifdef TXSIM_HAVE_MPI
  if (mpi_) return sweep::run_sweep_mpi(spec, store, options, mpi_->session);
#endif
  return sweep::run_sweep(spec, *store, options);
}

}  // namespace txsim::cli
