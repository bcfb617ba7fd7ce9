#include "txsim/experiment/replications.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>
#include <tuple>

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

// Customer KPIs of consecutive blocks of `block_days` days (the last block may be shorter).
std::vector<model::KpiValues> cx_blocks(const model::RunResult& run, int block_days) {
  std::vector<model::KpiValues> out;
  for (int first = 0; first < run.days(); first += block_days) {
    model::PeriodCounters sum;
    stats::WaitHistogram waits;
    for (int d = first; d < std::min(run.days(), first + block_days); ++d) {
      sum += run.day(d);
      waits.merge(run.day_waits[static_cast<std::size_t>(d)]);
    }
    out.push_back(model::compute_kpis(sum, &waits));
  }
  return out;
}

std::vector<model::ExKpiValues> ex_blocks(const model::RunResult& run, int block_days) {
  std::vector<model::ExKpiValues> out;
  const auto days = static_cast<int>(run.workforce_days.size());
  for (int first = 0; first < days; first += block_days) {
    model::WorkforceCounters sum;
    for (int d = first; d < std::min(days, first + block_days); ++d) sum += run.workforce_days[static_cast<std::size_t>(d)];
    out.push_back(model::compute_ex_kpis(sum));
  }
  return out;
}

// Summary of period p (day, week, interval or contact type) across replications; replications
// that ran fewer periods (arrival-count runs end at different times) do not contribute.
template <class Values, class Periods>
auto summarise_periods(const std::vector<ReplicationKpis>& reps, Periods periods,
                       const std::array<model::KpiInfo, std::tuple_size_v<Values>>& info) {
  std::size_t count = 0;
  for (const auto& r : reps) count = std::max(count, periods(r).size());
  std::vector<Summary<std::tuple_size_v<Values>>> out(count);
  std::vector<const Values*> column;
  for (std::size_t p = 0; p < count; ++p) {
    column.clear();
    for (const auto& r : reps)
      if (p < periods(r).size()) column.push_back(&periods(r)[p]);
    out[p] = summarise(column, info);
  }
  return out;
}

}  // namespace


void ProgressCounter::run_finished() {
  if (!options_.progress) return;
  const std::lock_guard lock(mutex_);
  options_.progress(++done_, total_);
}

void throw_if_cancelled(const ReplicationOptions& options, const model::RunResult& run) {
  if (run.cancelled || (options.stop != nullptr && options.stop->load(std::memory_order_relaxed))) throw Cancelled();
}

ExperimentResult run_replications(const model::ScenarioSpec& spec, const ReplicationOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<ReplicationKpis> replications(static_cast<std::size_t>(options.replications));
  ProgressCounter progress(options, options.replications);
  parallel_for(options.replications, options.threads, [&](int r) {
    model::RunResult run =
        model::simulate(spec, rng::RunSeed{options.seed, static_cast<std::uint64_t>(r)}, {options.stop});
    throw_if_cancelled(options, run);
    replications[static_cast<std::size_t>(r)] = reduce_run(std::move(run), options.detail);
    progress.run_finished();
  });
  ExperimentResult result = summarise_replications(spec, std::move(replications));
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

ReplicationKpis reduce_run(model::RunResult&& run, Detail detail) {
  ReplicationKpis out;
  const stats::WaitHistogram all_waits = run.total_waits();
  out.total = model::compute_kpis(run.total(), &all_waits);
  if (detail != Detail::Total) {
    out.days = cx_blocks(run, 1);
    out.weeks = cx_blocks(run, kDaysPerWeekBlock);
    out.months = cx_blocks(run, kDaysPerMonthBlock);
  }
  if (detail == Detail::Interval) {
    out.intervals.reserve(run.intervals.size());
    for (const auto& c : run.intervals) out.intervals.push_back(model::compute_kpis(c, nullptr));
  }
  out.types.reserve(run.type_totals.size());
  for (const auto& c : run.type_totals) out.types.push_back(model::compute_contact_type_kpis(c));
  if (!run.workforce_days.empty()) {
    out.ex_total = ex_blocks(run, static_cast<int>(run.workforce_days.size())).front();
    if (detail != Detail::Total) {
      out.ex_days = ex_blocks(run, 1);
      out.ex_weeks = ex_blocks(run, kDaysPerWeekBlock);
      out.ex_months = ex_blocks(run, kDaysPerMonthBlock);
    }
    out.agents = std::move(run.agents);
  }
  out.waiting_at_end = run.waiting_at_end;
  out.events = run.events;
  out.end_s = run.end_s;
  return out;
}

ExperimentResult summarise_replications(const model::ScenarioSpec& spec, std::vector<ReplicationKpis> replications) {
  ExperimentResult result;
  result.intervals_per_day = spec.intervals_per_day();
  result.interval_s = spec.interval_s();
  result.has_workforce = spec.workforce.has_value();
  result.replications = std::move(replications);

  std::vector<const model::KpiValues*> totals;
  std::vector<const model::ExKpiValues*> ex_totals;
  for (const auto& r : result.replications) {
    totals.push_back(&r.total);
    ex_totals.push_back(&r.ex_total);
    result.events += r.events;
  }
  using model::ExKpiValues;
  using model::KpiValues;
  const auto& reps = result.replications;
  result.total = summarise(totals, model::kKpiInfo);
  result.days = summarise_periods<KpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.days; }, model::kKpiInfo);
  result.weeks = summarise_periods<KpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.weeks; }, model::kKpiInfo);
  result.months = summarise_periods<KpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.months; }, model::kKpiInfo);
  result.intervals = summarise_periods<KpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.intervals; }, model::kKpiInfo);
  result.types = summarise_periods<KpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.types; }, model::kKpiInfo);
  if (result.has_workforce) {
    result.ex_total = summarise(ex_totals, model::kExKpiInfo);
    result.ex_days = summarise_periods<ExKpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.ex_days; }, model::kExKpiInfo);
    result.ex_weeks = summarise_periods<ExKpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.ex_weeks; }, model::kExKpiInfo);
    result.ex_months = summarise_periods<ExKpiValues>(reps, [](const ReplicationKpis& r) -> const auto& { return r.ex_months; }, model::kExKpiInfo);
  }
  for (const auto& t : spec.contact_types) result.type_names.push_back(t.name);
  for (const auto& g : spec.agent_groups) result.group_names.push_back(g.name);
  return result;
}

}  // namespace txsim::experiment
