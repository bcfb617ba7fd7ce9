#include "txsim/sweep/runner.hpp"

#include "sweep/detail/local_pool.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard.hpp"

namespace txsim::sweep {
namespace {

// Appends one metric per entry of `info` for a variant, its per-replication values read by `at`.
template <std::size_t N, class At>
void add_metrics(PointResult& out, int variant, const std::string& policy, const std::string& prefix,
                 const std::array<model::KpiInfo, N>& info, std::size_t replications, At at,
                 const experiment::Summary<N>& summary, std::type_identity_t<const experiment::Summary<N>*> difference) {
  int index = out.metrics.empty() || out.metrics.back().variant != variant ? 0 : out.metrics.back().metric_index + 1;
  for (std::size_t k = 0; k < N; ++k) {
    MetricResult m;
    m.variant = variant;
    m.policy = policy;
    m.metric_index = index++;
    m.metric = prefix + std::string(info[k].name);
    m.replications.reserve(replications);
    for (std::size_t r = 0; r < replications; ++r) m.replications.push_back(at(r)[k]);
    m.summary = summary[k];
    if (difference) m.difference = (*difference)[k];
    out.metrics.push_back(std::move(m));
  }
}

void add_run_metrics(PointResult& out, const experiment::ExperimentResult& result) {
  const auto& reps = result.replications;
  add_metrics(out, 0, "baseline", "", model::kKpiInfo, reps.size(), [&](std::size_t r) { return reps[r].total; },
              result.total, nullptr);
  if (result.has_workforce)
    add_metrics(out, 0, "baseline", "", model::kExKpiInfo, reps.size(), [&](std::size_t r) { return reps[r].ex_total; },
                result.ex_total, nullptr);
}

void add_comparison_metrics(PointResult& out, const experiment::Comparison& comparison) {
  for (std::size_t i = 0; i < comparison.variants.size(); ++i) {
    const experiment::Variant& v = comparison.variants[i];
    const int variant = static_cast<int>(i);
    const bool policy = i > 0;
    const auto& reps = v.result.replications;
    const std::size_t n = reps.size();
    add_metrics(out, variant, v.name, "index.", score::kScoreInfo, n, [&](std::size_t r) { return score::values(v.scores[r]); },
                v.score_summary, policy ? &v.score_diff : nullptr);
    add_metrics(out, variant, v.name, "", model::kKpiInfo, n, [&](std::size_t r) { return reps[r].total; }, v.result.total,
                policy ? &v.kpi_diff : nullptr);
    if (v.result.has_workforce)
      add_metrics(out, variant, v.name, "", model::kExKpiInfo, n, [&](std::size_t r) { return reps[r].ex_total; },
                  v.result.ex_total, policy ? &v.ex_kpi_diff : nullptr);
    add_metrics(out, variant, v.name, "business_case.", score::kBusinessCaseInfo, n,
                [&](std::size_t r) { return score::values(v.business_cases[r]); }, v.business_case_summary,
                policy ? &v.business_case_diff : nullptr);
    if (!policy) continue;
    MetricResult npv;
    npv.variant = variant;
    npv.policy = v.name;
    npv.metric_index = out.metrics.back().metric_index + 1;
    npv.metric = "npv_vs_baseline";
    npv.replications = v.npv_vs_baseline;
    npv.summary = v.npv_summary;
    out.metrics.push_back(std::move(npv));
    if (v.verdict) out.verdicts.push_back({variant, v.name, score::to_string(v.verdict->verdict), v.verdict->text});
  }
}

std::string joined(const std::vector<io::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += io::to_string(d);
  }
  return text;
}

}  // namespace

PointResult evaluate_point(const SweepSpec& spec, const Design& design, std::uint64_t point, int threads,
                           const std::atomic<bool>* stop) {
  PointResult out;
  out.point = point;
  out.values = design.point(point);
  out.role = design.saltelli_role(point);
  experiment::StudySpec study;
  try {
    study = point_study(spec, out.values);
  } catch (const io::ConfigError& e) {
    out.valid = false;
    out.diagnostics = joined(e.diagnostics());
    return out;
  }
  experiment::ReplicationOptions options;
  options.seed = spec.seed;
  options.replications = spec.replications;
  options.threads = threads;
  options.stop = stop;
  if (spec.mode == Mode::Run) {
    options.detail = experiment::Detail::Total;
    add_run_metrics(out, experiment::run_replications(study.centre, options));
    return out;
  }
  if (study.policies.empty()) {
    out.valid = false;
    out.diagnostics = "the scenario has no policies to compare with the baseline";
    return out;
  }
  options.detail = experiment::Detail::Day;
  try {
    add_comparison_metrics(out, experiment::run_comparison(study, options));
  } catch (const std::invalid_argument& e) {
    out = PointResult{point, out.values, out.role, false, e.what(), {}, {}};
  }
  return out;
}

std::vector<std::uint64_t> pending_points(const std::vector<bool>& finished, int shard_index, int shard_count) {
  std::vector<std::uint64_t> out;
  const auto n = static_cast<std::uint64_t>(shard_count);
  for (auto p = static_cast<std::uint64_t>(shard_index); p < finished.size(); p += n)
    if (!finished[p]) out.push_back(p);
  return out;
}

SweepOutcome starting_outcome(const std::vector<bool>& finished, std::size_t pending, int shard_index, int shard_count) {
  SweepOutcome outcome;
  const auto index = static_cast<std::size_t>(shard_index);
  const auto count = static_cast<std::size_t>(shard_count);
  outcome.total = finished.size() > index ? (finished.size() - index + count - 1) / count : 0;
  outcome.skipped = outcome.total - pending;
  return outcome;
}

SweepOutcome run_sweep(const SweepSpec& spec, ResultStore& store, const SweepOptions& options) {
  const Design design(spec);
  const std::vector<bool> finished = store.finished_points();
  const std::vector<std::uint64_t> pending = pending_points(finished, options.shard_index, options.shard_count);
  SweepOutcome outcome = starting_outcome(finished, pending.size(), options.shard_index, options.shard_count);
  if (options.progress) options.progress(outcome.skipped, outcome.total);
  if (pending.empty()) return outcome;

  const int threads = detail::thread_count(options.threads);
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), pending.size()));
  std::atomic<std::size_t> next{0};
  detail::LocalPool pool(
      spec, design, workers, std::max(1, threads / workers),
      [&]() -> std::optional<std::uint64_t> {
        const std::size_t i = next++;
        return i < pending.size() ? std::optional(pending[i]) : std::nullopt;
      },
      options.stop);
  pool.consume([&](const PointResult& result) {
    store.write(result);
    ++outcome.evaluated;
    if (!result.valid) ++outcome.invalid;
    if (options.progress) options.progress(outcome.skipped + outcome.evaluated, outcome.total);
  });
  outcome.stopped = outcome.skipped + outcome.evaluated < outcome.total;
  return outcome;
}

}  // namespace txsim::sweep
