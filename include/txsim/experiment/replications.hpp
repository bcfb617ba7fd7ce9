#pragma once
// Independent replications of one scenario, run in parallel and summarised with confidence
// intervals. Replication r always uses RunSeed{seed, r} and lands in slot r, so results are
// bit-identical whatever the number of threads.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cmath>
#include <stdexcept>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "txsim/model/kpi.hpp"
#include "txsim/model/results.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/stats/confidence.hpp"

namespace txsim::experiment {

/// How much of each replication to keep besides the whole-run KPIs.
enum class Detail : std::uint8_t { Total, Day, Interval };

struct ReplicationOptions {
  std::uint64_t seed = 1;     ///< master seed, any value
  int replications = 10;      ///< >= 1
  int threads = 0;            ///< worker threads, >= 0; 0 = one per hardware thread
  Detail detail = Detail::Day;
  /// When set and read true, the experiment stops within about a second (runs poll it) and
  /// throws Cancelled: no partial result ever looks complete.
  const std::atomic<bool>* stop = nullptr;
  /// Called after each finished run with (runs done, runs in all), serialised (never two calls
  /// at once), from whichever thread finished the run. Must be cheap.
  std::function<void(int done, int total)> progress;
};

/// Thrown by the experiment runners when ReplicationOptions::stop was raised.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("the experiment was stopped before it finished") {}
};

/// Calls options.progress safely from parallel workers and counts finished runs.
class ProgressCounter {
 public:
  ProgressCounter(const ReplicationOptions& options, int total) : options_(options), total_(total) {}
  void run_finished();

 private:
  const ReplicationOptions& options_;
  int total_;
  int done_ = 0;
  std::mutex mutex_;
};

/// Throws Cancelled when a run of the experiment was stopped.
void throw_if_cancelled(const ReplicationOptions& options, const model::RunResult& run);

/// Calendar blocks for reports: a week is 7 days and a month 30 days, counted from day 0.
inline constexpr int kDaysPerWeekBlock = 7;
inline constexpr int kDaysPerMonthBlock = 30;

/// The KPIs of one replication at each kept scope. Customer KPIs (KpiValues) always; employee
/// KPIs (ExKpiValues) and agent records only for scenarios with employee dynamics.
struct ReplicationKpis {
  model::KpiValues total{};
  std::vector<model::KpiValues> days;       ///< empty unless detail >= Day (also weeks, months)
  std::vector<model::KpiValues> weeks;
  std::vector<model::KpiValues> months;
  std::vector<model::KpiValues> intervals;  ///< empty unless detail == Interval
  std::vector<model::KpiValues> types;      ///< whole run per contact type (spec order)
  model::ExKpiValues ex_total{};
  std::vector<model::ExKpiValues> ex_days;
  std::vector<model::ExKpiValues> ex_weeks;
  std::vector<model::ExKpiValues> ex_months;
  std::vector<model::AgentRecord> agents;
  std::uint64_t waiting_at_end = 0;
  std::uint64_t events = 0;
  double end_s = 0.0;
};

/// Mean and confidence interval of every KPI over replications (NaN values, e.g. the service
/// level of an interval without contacts, are left out; `n` says how many remained).
template <std::size_t N>
using Summary = std::array<stats::Interval, N>;
using KpiSummary = Summary<model::kKpiCount>;
using ExKpiSummary = Summary<model::kExKpiCount>;

struct ExperimentResult {
  std::vector<ReplicationKpis> replications;
  KpiSummary total{};
  std::vector<KpiSummary> days;
  std::vector<KpiSummary> weeks;
  std::vector<KpiSummary> months;
  std::vector<KpiSummary> intervals;
  std::vector<KpiSummary> types;
  bool has_workforce = false;  ///< employee KPIs below are filled
  ExKpiSummary ex_total{};
  std::vector<ExKpiSummary> ex_days;
  std::vector<ExKpiSummary> ex_weeks;
  std::vector<ExKpiSummary> ex_months;
  std::vector<std::string> type_names;   ///< contact types in spec order
  std::vector<std::string> group_names;  ///< agent groups in spec order
  int intervals_per_day = 48;
  double interval_s = 1800.0;
  std::uint64_t events = 0;  ///< summed over replications
  double wall_s = 0.0;       ///< elapsed time of the whole experiment
};

/// Runs `work(r)` for r = 0..count-1 on `threads` workers (0 = hardware concurrency). Each r is
/// run exactly once; the caller stores results by r so that order never depends on scheduling.
void parallel_for(int count, int threads, const std::function<void(int)>& work);

/// Simulates `spec` options.replications times and summarises. Precondition: validate(spec) is empty.
ExperimentResult run_replications(const model::ScenarioSpec& spec, const ReplicationOptions& options);

/// The KPIs of one simulated run at the scopes `detail` keeps (the per-run half of
/// run_replications, shared with comparisons).
ReplicationKpis reduce_run(model::RunResult&& run, Detail detail);

/// An ExperimentResult of `spec` from replications already run and reduced, in replication
/// order: every summary, names and event count filled; wall_s left 0 for the caller.
ExperimentResult summarise_replications(const model::ScenarioSpec& spec, std::vector<ReplicationKpis> replications);

/// Mean and 95% CI of each quantity across a set of per-replication values, the interval clipped
/// to the range of the quantity's unit (model::unit_range; `info` names the units).
template <std::size_t N>
Summary<N> summarise(const std::vector<const std::array<double, N>*>& values, const std::array<model::KpiInfo, N>& info) {
  Summary<N> out{};
  std::vector<double> samples;
  samples.reserve(values.size());
  for (std::size_t k = 0; k < N; ++k) {
    samples.clear();
    for (const auto* v : values)
      if (!std::isnan((*v)[k])) samples.push_back((*v)[k]);
    if (samples.empty()) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      out[k] = stats::Interval{nan, nan, nan, nan, 0, nan};
    } else {
      out[k] = stats::mean_ci(samples, 0.95);
      const model::UnitRange range = model::unit_range(info[k].unit);
      out[k].lo = std::max(out[k].lo, range.lo);
      out[k].hi = std::min(out[k].hi, range.hi);
    }
  }
  return out;
}

}  // namespace txsim::experiment
