#include "txsim/experiment/comparison.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "txsim/model/simulate.hpp"
#include "txsim/policy/policy.hpp"

namespace txsim::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr stats::Interval kNoInterval{kNaN, kNaN, kNaN, kNaN, 0, kNaN};

template <std::size_t N>
Summary<N> no_summary() {
  Summary<N> out;
  out.fill(kNoInterval);
  return out;
}

// Paired differences a - b of each column, over the replications where both are defined (a
// NaN KPI, e.g. a service level with nothing offered, says nothing about the policy).
template <std::size_t N>
Summary<N> paired_differences(const std::vector<std::array<double, N>>& a,
                              const std::vector<std::array<double, N>>& b) {
  Summary<N> out{};
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t k = 0; k < N; ++k) {
    x.clear();
    y.clear();
    for (std::size_t r = 0; r < a.size(); ++r) {
      if (std::isnan(a[r][k]) || std::isnan(b[r][k])) continue;
      x.push_back(a[r][k]);
      y.push_back(b[r][k]);
    }
    out[k] = x.empty() ? kNoInterval : stats::paired_difference_ci(x, y, 0.95);
  }
  return out;
}

template <std::size_t N>
Summary<N> summarise_values(const std::vector<std::array<double, N>>& values, const std::array<model::KpiInfo, N>& info) {
  std::vector<const std::array<double, N>*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(&v);
  return summarise(pointers, info);
}

template <class T, class Get>
auto column(const std::vector<T>& items, Get get) {
  std::vector<decltype(get(items.front()))> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(get(item));
  return out;
}

// Business-case total of each month of one replication.
std::vector<double> monthly_costs(const ReplicationKpis& r, bool has_workforce) {
  std::vector<double> out;
  out.reserve(r.months.size());
  for (std::size_t m = 0; m < r.months.size(); ++m) {
    const model::ExKpiValues* ex = has_workforce && m < r.ex_months.size() ? &r.ex_months[m] : nullptr;
    out.push_back(score::business_case(r.months[m], ex).total);
  }
  return out;
}

std::vector<std::array<double, score::kScoreCount>> score_values(const Variant& v) {
  return column(v.scores, [](const score::Scores& s) { return score::values(s); });
}
std::vector<std::array<double, score::kBusinessCaseCount>> business_case_values(const Variant& v) {
  return column(v.business_cases, [](const score::BusinessCase& b) { return score::values(b); });
}
std::vector<model::KpiValues> totals(const Variant& v) {
  return column(v.result.replications, [](const ReplicationKpis& r) { return r.total; });
}
std::vector<model::ExKpiValues> ex_totals(const Variant& v) {
  return column(v.result.replications, [](const ReplicationKpis& r) { return r.ex_total; });
}

// Business case of each replication.
void cost_variant(Variant& v) {
  const auto& reps = v.result.replications;
  const bool workforce = v.result.has_workforce;
  v.business_cases.reserve(reps.size());
  for (const auto& r : reps) {
    const model::ExKpiValues* ex = workforce ? &r.ex_total : nullptr;
    v.business_cases.push_back(score::business_case(r.total, ex));
  }
  v.business_case_summary = summarise_values(business_case_values(v), score::kBusinessCaseInfo);
}

// Component scores and indices of each replication. The cost components are relative to the
// baseline's business case of the same replication (common random numbers: the same customers),
// so the baseline scores 50 on them by construction. Needs the baseline's business cases.
void score_components(Variant& v, const Variant& base, const score::ScorecardSpec& card) {
  const auto& reps = v.result.replications;
  const bool workforce = v.result.has_workforce;
  v.component_scores.reserve(reps.size());
  v.scores.reserve(reps.size());
  for (std::size_t r = 0; r < reps.size(); ++r) {
    const model::ExKpiValues* ex = workforce ? &reps[r].ex_total : nullptr;
    const score::BusinessCase* reference = r < base.business_cases.size() ? &base.business_cases[r] : nullptr;
    v.component_scores.push_back(score::component_scores(card, reps[r].total, ex, v.business_cases[r], reference));
    v.scores.push_back(score::score(card, v.component_scores.back()));
  }
  v.score_summary = summarise_values(score_values(v), score::kScoreInfo);
  v.component_summary = summarise_values(v.component_scores, score::kComponentInfo);
}

void compare_with_baseline(Variant& v, const Variant& base, double discount_rate_per_year) {
  v.score_diff = paired_differences(score_values(v), score_values(base));
  v.component_diff = paired_differences(v.component_scores, base.component_scores);
  v.business_case_diff = paired_differences(business_case_values(v), business_case_values(base));
  v.kpi_diff = paired_differences(totals(v), totals(base));
  v.ex_kpi_diff = v.result.has_workforce && base.result.has_workforce
                      ? paired_differences(ex_totals(v), ex_totals(base))
                      : no_summary<model::kExKpiCount>();

  const auto& reps = v.result.replications;
  v.npv_vs_baseline.reserve(reps.size());
  for (std::size_t r = 0; r < reps.size(); ++r) {
    const auto cost = monthly_costs(reps[r], v.result.has_workforce);
    const auto base_cost = monthly_costs(base.result.replications[r], base.result.has_workforce);
    std::vector<double> savings(std::min(cost.size(), base_cost.size()));
    for (std::size_t m = 0; m < savings.size(); ++m) savings[m] = base_cost[m] - cost[m];
    v.npv_vs_baseline.push_back(score::npv(savings, discount_rate_per_year));
  }
  v.npv_summary = v.npv_vs_baseline.empty() ? kNoInterval : stats::mean_ci(v.npv_vs_baseline, 0.95);
  v.verdict = score::verdict(v.score_diff[0], v.score_diff[1], v.score_diff[2]);  // cx, ex, cost
}

const stats::Interval& pick(const HeadlineKpi& h, const KpiSummary& kpi, const ExKpiSummary& ex,
                            const BusinessCaseSummary& business_case) noexcept {
  switch (h.family) {
    case MetricFamily::Kpi: return kpi[h.index];
    case MetricFamily::ExKpi: return ex[h.index];
    case MetricFamily::BusinessCase: return business_case[h.index];
  }
  return kNoInterval;
}

}  // namespace

const stats::Interval& summary_of(const Variant& v, const HeadlineKpi& h) noexcept {
  if (h.family == MetricFamily::ExKpi && !v.result.has_workforce) return kNoInterval;
  return pick(h, v.result.total, v.result.ex_total, v.business_case_summary);
}

const stats::Interval& diff_of(const Variant& v, const HeadlineKpi& h) noexcept {
  return pick(h, v.kpi_diff, v.ex_kpi_diff, v.business_case_diff);
}

Comparison run_comparison(const StudySpec& study, const ReplicationOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const model::ScenarioSpec& spec = study.centre;
  std::vector<model::ScenarioSpec> specs;
  Comparison out;
  out.discount_rate_per_year = study.scorecard.discount_rate_per_year;
  for (std::size_t k = 0; k < score::kComponentCount; ++k)
    out.component_weights[k] = score::component_weight(study.scorecard, k);
  out.variants.resize(study.policies.size() + 1);
  out.variants[0].name = "baseline";
  specs.push_back(spec);
  for (std::size_t p = 0; p < study.policies.size(); ++p) {
    const policy::PolicySpec& policy = study.policies[p];
    Variant& v = out.variants[p + 1];
    v.name = policy.name;
    v.description = policy.description;
    v.levers = policy.levers;
    specs.push_back(policy::apply_policy(spec, policy, study.lever_effects));
  }

  // One pool over every (variant, replication) job, so that a comparison of few replications
  // still fills the machine; job j lands in slot j, whatever thread ran it.
  const Detail detail = options.detail == Detail::Total ? Detail::Day : options.detail;
  const auto replications = static_cast<std::size_t>(options.replications);
  std::vector<ReplicationKpis> runs(specs.size() * replications);
  ProgressCounter progress(options, static_cast<int>(runs.size()));
  parallel_for(static_cast<int>(runs.size()), options.threads, [&](int job) {
    const auto j = static_cast<std::size_t>(job);
    const std::size_t variant = j / replications;
    const std::uint64_t r = j % replications;
    // Common random numbers: every variant runs replication r on the same seed.
    model::RunResult run = model::simulate(specs[variant], rng::RunSeed{options.seed, r}, {options.stop});
    throw_if_cancelled(options, run);
    runs[j] = reduce_run(std::move(run), detail);
    progress.run_finished();
  });

  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto first = runs.begin() + static_cast<std::ptrdiff_t>(i * replications);
    std::vector<ReplicationKpis> mine(std::make_move_iterator(first),
                                      std::make_move_iterator(first + static_cast<std::ptrdiff_t>(replications)));
    Variant& v = out.variants[i];
    v.result = summarise_replications(specs[i], std::move(mine));
    cost_variant(v);
    out.events += v.result.events;
  }
  Variant& base = out.variants[0];
  for (Variant& v : out.variants) score_components(v, base, study.scorecard);
  base.score_diff = no_summary<score::kScoreCount>();
  base.component_diff = no_summary<score::kComponentCount>();
  base.kpi_diff = no_summary<model::kKpiCount>();
  base.ex_kpi_diff = no_summary<model::kExKpiCount>();
  base.business_case_diff = no_summary<score::kBusinessCaseCount>();
  base.npv_summary = kNoInterval;
  for (std::size_t i = 1; i < out.variants.size(); ++i)
    compare_with_baseline(out.variants[i], base, out.discount_rate_per_year);
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace txsim::experiment
