#include "txsim/experiment/replications.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "txsim/model/simulate.hpp"

namespace txsim::experiment {

void parallel_for(int count, int threads, const std::function<void(int)>& work) {
  if (threads <= 0) threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  threads = std::min(threads, count);
  if (threads <= 1) {
    for (int i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  {
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (int i = next++; i < count; i = next++) {
          try {
            work(i);
          } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
          }
        }
      });
    }
  }
  if (failure) std::rethrow_exception(failure);
}

namespace {

ReplicationKpis reduce(const model::RunResult& run, Detail detail) {
  ReplicationKpis out;
  const stats::WaitHistogram all_waits = run.total_waits();
  out.total = model::compute_kpis(run.total(), &all_waits);
  if (detail != Detail::Total) {
    out.days.reserve(static_cast<std::size_t>(run.days()));
    for (int d = 0; d < run.days(); ++d)
      out.days.push_back(model::compute_kpis(run.day(d), &run.day_waits[static_cast<std::size_t>(d)]));
  }
  if (detail == Detail::Interval) {
    out.intervals.reserve(run.intervals.size());
    for (const auto& c : run.intervals) out.intervals.push_back(model::compute_kpis(c, nullptr));
  }
  out.types.reserve(run.type_totals.size());
  for (const auto& c : run.type_totals) out.types.push_back(model::compute_contact_type_kpis(c));
  out.waiting_at_end = run.waiting_at_end;
  out.events = run.events;
  out.end_s = run.end_s;
  return out;
}

// Summary of period p (day, interval or contact type) across replications; replications that ran fewer
// periods (arrival-count runs end at different times) simply do not contribute.
template <class Periods>
std::vector<KpiSummary> summarise_periods(const std::vector<ReplicationKpis>& reps, Periods periods) {
  std::size_t count = 0;
  for (const auto& r : reps) count = std::max(count, periods(r).size());
  std::vector<KpiSummary> out(count);
  std::vector<const model::KpiValues*> column;
  for (std::size_t p = 0; p < count; ++p) {
    column.clear();
    for (const auto& r : reps)
      if (p < periods(r).size()) column.push_back(&periods(r)[p]);
    out[p] = summarise(column);
  }
  return out;
}

}  // namespace

KpiSummary summarise(const std::vector<const model::KpiValues*>& values) {
  KpiSummary out{};
  std::vector<double> samples;
  samples.reserve(values.size());
  for (std::size_t k = 0; k < model::kKpiCount; ++k) {
    samples.clear();
    for (const auto* v : values)
      if (!std::isnan((*v)[k])) samples.push_back((*v)[k]);
    if (samples.empty()) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      out[k] = stats::Interval{nan, nan, nan, nan, 0, nan};
    } else {
      out[k] = stats::mean_ci(samples, 0.95);
    }
  }
  return out;
}

ExperimentResult run_replications(const model::ScenarioSpec& spec, const ReplicationOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExperimentResult result;
  result.intervals_per_day = spec.intervals_per_day();
  result.interval_s = spec.interval_s();
  result.replications.resize(static_cast<std::size_t>(options.replications));
  parallel_for(options.replications, options.threads, [&](int r) {
    const model::RunResult run = model::simulate(spec, rng::RunSeed{options.seed, static_cast<std::uint64_t>(r)});
    result.replications[static_cast<std::size_t>(r)] = reduce(run, options.detail);
  });

  std::vector<const model::KpiValues*> totals;
  for (const auto& r : result.replications) {
    totals.push_back(&r.total);
    result.events += r.events;
  }
  result.total = summarise(totals);
  result.days = summarise_periods(result.replications, [](const ReplicationKpis& r) -> const auto& { return r.days; });
  result.intervals =
      summarise_periods(result.replications, [](const ReplicationKpis& r) -> const auto& { return r.intervals; });
  result.types = summarise_periods(result.replications, [](const ReplicationKpis& r) -> const auto& { return r.types; });
  for (const auto& t : spec.contact_types) result.type_names.push_back(t.name);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace txsim::experiment
