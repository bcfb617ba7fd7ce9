#pragma once
// Policies compared with the baseline under common random numbers. Every variant (the baseline,
// then each policy of the scenario) runs replication r with RunSeed{seed, r}: the same first
// contacts arrive at the same times, and with a customers section every draw about a customer
// (segment, channel, patience, handle-time quantile, resolution, repeat) is keyed by the customer
// and the contact number, so it meets each policy unchanged; the paired difference policy - baseline
// of replication r carries little noise, and its 95% confidence interval over replications is far
// narrower than that of two independent experiments (Law 2015, section 11.2, "common random
// numbers"). Each run is costed (score::business_case), scored (score::component_scores, the cost
// components against the baseline's run of the same replication; score::score) and its monthly
// savings discounted (score::npv); the verdict says who gains and who pays.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/experiment/replications.hpp"
#include "txsim/experiment/study.hpp"
#include "txsim/policy/policy_spec.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard.hpp"
#include "txsim/score/verdict.hpp"
#include "txsim/stats/confidence.hpp"

namespace txsim::experiment {

using ScoreSummary = Summary<score::kScoreCount>;
using BusinessCaseSummary = Summary<score::kBusinessCaseCount>;
using ComponentSummary = Summary<score::kComponentCount>;

/// Which table a headline row comes from.
enum class MetricFamily : std::uint8_t { Kpi, ExKpi, BusinessCase };

/// A row of the comparison table besides the indices.
struct HeadlineKpi {
  std::string_view name;  ///< row label
  MetricFamily family;
  std::size_t index;      ///< into kKpiInfo, kExKpiInfo or score::kBusinessCaseInfo
};

inline constexpr std::array<HeadlineKpi, 13> kHeadlineKpis{{
    {"service_level", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::ServiceLevel)},
    {"abandon_rate", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::AbandonRate)},
    {"first_contact_resolution", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::FirstContactResolution)},
    {"satisfaction", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::Satisfaction)},
    {"effort", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::Effort)},
    {"churn_rate", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::ChurnRate)},
    {"occupancy", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::Occupancy)},
    {"fatigue_mean", MetricFamily::ExKpi, static_cast<std::size_t>(model::ExKpi::FatigueMean)},
    {"absence_rate", MetricFamily::ExKpi, static_cast<std::size_t>(model::ExKpi::AbsenceRate)},
    {"annualised_attrition", MetricFamily::ExKpi, static_cast<std::size_t>(model::ExKpi::AnnualisedAttrition)},
    {"operating_cost", MetricFamily::BusinessCase, score::kBusinessCaseOperating},
    {"total_cost_incl_churn", MetricFamily::BusinessCase, score::kBusinessCaseTotal},
    {"revenue_at_risk", MetricFamily::Kpi, static_cast<std::size_t>(model::Kpi::RevenueAtRisk)},
}};

/// Name, unit and definition of the KPI or business-case item behind a headline row.
[[nodiscard]] constexpr const model::KpiInfo& info(const HeadlineKpi& h) noexcept {
  switch (h.family) {
    case MetricFamily::Kpi: return model::kKpiInfo[h.index];
    case MetricFamily::ExKpi: return model::kExKpiInfo[h.index];
    case MetricFamily::BusinessCase: break;
  }
  return score::kBusinessCaseInfo[h.index];
}

/// The baseline or one policy, run and scored.
struct Variant {
  std::string name;         ///< "baseline" or the policy's name
  std::string description;  ///< the policy's description; empty for the baseline
  policy::Levers levers;     ///< none set for the baseline
  /// Per-replication KPIs (total, days, weeks, months, contact types; employee KPIs with
  /// dynamics) and their summaries, exactly as run_replications returns them.
  ExperimentResult result;
  std::vector<score::Scores> scores;                ///< per replication, whole run
  /// Component scores [0-100] per replication, whole run, in score::kComponentInfo order; the
  /// cost components score against the baseline's replication with the same seed.
  std::vector<score::ComponentScores> component_scores;
  std::vector<score::BusinessCase> business_cases;  ///< per replication, whole run
  ScoreSummary score_summary{};                     ///< mean and 95% CI of each index
  BusinessCaseSummary business_case_summary{};
  ComponentSummary component_summary{};  ///< mean and 95% CI of each component score
  /// Paired differences variant - baseline over replications, mean and 95% CI (replications in
  /// which either side is NaN are left out; `n` says how many remained). All NaN with n = 0 for
  /// the baseline itself, and the employee KPIs' without employee dynamics.
  ScoreSummary score_diff{};
  KpiSummary kpi_diff{};
  ExKpiSummary ex_kpi_diff{};
  BusinessCaseSummary business_case_diff{};
  ComponentSummary component_diff{};
  /// Net present value of the monthly savings (baseline cost - this variant's cost, month by
  /// month, business-case total) per replication [currency], at the scorecard's discount rate.
  /// Empty for the baseline.
  std::vector<double> npv_vs_baseline;
  stats::Interval npv_summary{};  ///< NaN with n = 0 for the baseline
  std::optional<score::VerdictLine> verdict;  ///< from score_diff cx, ex and cost; none for the baseline
};

struct Comparison {
  std::vector<Variant> variants;  ///< the baseline first, then the scenario's policies in order
  double discount_rate_per_year = 0.08;  ///< used for the NPVs (the scorecard's)
  /// The scorecard's weight of each component (score::kComponentInfo order); 0 = reported, not scored.
  std::array<double, score::kComponentCount> component_weights{};
  std::uint64_t events = 0;              ///< summed over every run
  double wall_s = 0.0;                   ///< elapsed time of the whole comparison
};

/// Mean and CI of a headline row of `v` (summary) and its paired difference (`diff`).
[[nodiscard]] const stats::Interval& summary_of(const Variant& v, const HeadlineKpi& h) noexcept;
[[nodiscard]] const stats::Interval& diff_of(const Variant& v, const HeadlineKpi& h) noexcept;

/// Runs the baseline (study.centre) and each of study.policies (applied with
/// policy::apply_policy and study.lever_effects), options.replications times each with common
/// random numbers, all runs on one pool of options.threads workers; results are bit-identical
/// whatever the number of threads. Months are always kept (the NPV needs them): Detail::Total is
/// treated as Detail::Day. Precondition: the study passed the front door (io::check), which also
/// validates every policy's variant.
[[nodiscard]] Comparison run_comparison(const StudySpec& study, const ReplicationOptions& options);

}  // namespace txsim::experiment
