#pragma once
// Key performance indicators derived from PeriodCounters. One table (kKpiInfo) names every KPI,
// its unit and definition, so that tables, CSV and JSON writers never spell a KPI twice.

#include <array>
#include <limits>
#include <cstdint>
#include <string_view>

#include "txsim/model/results.hpp"

namespace txsim::model {

enum class Kpi : std::uint8_t {
  Offered,
  Answered,
  Abandoned,
  Balked,
  Blocked,
  Redials,
  ServiceLevel,
  ServiceLevelExclShortAbandons,
  AbandonRate,
  BlockRate,
  AsaS,
  MeanWaitS,
  WaitP50S,
  WaitP90S,
  WaitP95S,
  AhtS,
  Occupancy,
  Utilisation,
  MeanQueueLength,
  AgentsStaffed,
  ExpectedResolution,
  Journeys,
  DemandRemoved,
  FirstContactResolution,
  ResolutionRate,
  RepeatContactRate,
  Satisfaction,
  Effort,
  ChurnRate,
  RevenueAtRisk,
  FrustrationMean,
  DigitalShare,
  DigitalSuccessRate,
  DigitalCost,
  Count_
};
inline constexpr std::size_t kKpiCount = static_cast<std::size_t>(Kpi::Count_);

struct KpiInfo {
  std::string_view name;        ///< identifier used in CSV and JSON (snake_case)
  std::string_view unit;        ///< "contacts", "fraction", "s", "agents", ...
  std::string_view definition;  ///< one line, for --help and docs
};

/// The values a quantity of this unit can take: fractions and fatigue lie in [0, 1], scores in
/// [0, 100], counts, durations and costs are >= 0; anything else is unbounded. Confidence
/// intervals are clipped to this range (a t-interval of a bounded quantity can leave it).
struct UnitRange {
  double lo;
  double hi;
};
[[nodiscard]] constexpr UnitRange unit_range(std::string_view unit) noexcept {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (unit == "fraction" || unit == "fatigue (0-1)") return {0.0, 1.0};
  if (unit == "score (0-100)") return {0.0, 100.0};
  if (unit == "contacts" || unit == "agents" || unit == "customers" || unit == "currency" || unit == "currency/issue" ||
      unit == "s" || unit == "h" || unit == "fraction per year" || unit == "strain" || unit == "frustration" ||
      unit == "factor")
    return {0.0, inf};
  return {-inf, inf};
}

inline constexpr std::array<KpiInfo, kKpiCount> kKpiInfo{{
    {"offered", "contacts", "attempts that arrived (first attempts and redials)"},
    {"answered", "contacts", "attempts that reached an agent"},
    {"abandoned", "contacts", "attempts that left the queue unanswered, balks included"},
    {"balked", "contacts", "attempts that left at once on finding all agents busy"},
    {"blocked", "contacts", "attempts turned away by a full waiting room"},
    {"redials", "contacts", "attempts that were redials of an earlier failed attempt"},
    {"service_level", "fraction", "answered within T / offered"},
    {"service_level_excl_short_abandons", "fraction",
     "answered within T / (offered - abandoned within T)"},
    {"abandon_rate", "fraction", "abandoned / offered"},
    {"block_rate", "fraction", "blocked / offered"},
    {"asa_s", "s", "average speed of answer: mean wait of answered contacts"},
    {"mean_wait_s", "s", "mean wait of answered and abandoned contacts"},
    {"wait_p50_s", "s", "median wait of answered contacts"},
    {"wait_p90_s", "s", "90th percentile wait of answered contacts"},
    {"wait_p95_s", "s", "95th percentile wait of answered contacts"},
    {"aht_s", "s", "average handle time (talk + after-call work) of answered contacts"},
    {"occupancy", "fraction", "busy time / available time (logged in, not on break)"},
    {"utilisation", "fraction", "busy time / staffed time (logged in, breaks and overruns included)"},
    {"mean_queue_length", "contacts", "time-average number of contacts waiting"},
    {"agents_staffed", "agents", "time-average number of agents logged in (breaks included)"},
    {"expected_resolution", "fraction",
     "mean probability that an answered contact resolves the issue (agent fatigue and experience included)"},
    {"journeys", "customers", "customer journeys that ended (issue resolved or given up)"},
    {"demand_removed", "customers", "first contacts that root-cause fixes prevented"},
    {"first_contact_resolution", "fraction", "journeys resolved at their first contact / journeys ended"},
    {"resolution_rate", "fraction", "journeys resolved / journeys ended"},
    {"repeat_contact_rate", "fraction", "repeat contacts about unresolved issues / offered (failure demand)"},
    {"satisfaction", "fraction", "mean probability that a customer is satisfied with the journey (CSAT)"},
    {"effort", "contacts", "(contacts + channel switches) / journeys resolved"},
    {"churn_rate", "fraction", "mean churn probability per ended journey"},
    {"revenue_at_risk", "currency", "sum of churn probability x customer value"},
    {"frustration_mean", "frustration", "mean frustration at the end of a journey"},
    {"digital_share", "fraction", "self-service attempts / (self-service attempts + offered agent attempts)"},
    {"digital_success_rate", "fraction", "self-service attempts that resolved the issue / self-service attempts"},
    {"digital_cost", "currency", "self-service transactions x cost"},
}};

constexpr const KpiInfo& info(Kpi kpi) noexcept { return kKpiInfo[static_cast<std::size_t>(kpi)]; }

using KpiValues = std::array<double, kKpiCount>;

/// All KPIs of one period. Ratios with a zero denominator are NaN (not 0: "no contacts" is not
/// "perfect service"). Wait percentiles come from `waits` and are NaN when it is null.
KpiValues compute_kpis(const PeriodCounters& c, const stats::WaitHistogram* waits) noexcept;

/// Employee KPIs, derived from WorkforceCounters summed over a period.
enum class ExKpi : std::uint8_t {
  Employed,
  OnPhones,
  InTraining,
  Present,
  AbsenceRate,
  Hires,
  NoShows,
  Quits,
  AnnualisedAttrition,
  ShareTenureUnder90,
  LearningMultiplier,
  FatigueMean,
  FatigueP90,
  StrainMean,
  BurnoutShare,
  PaidHours,
  OvertimeHours,
  WageCost,
  HiringCost,
  TrainingCost,
  TotalCost,
  Count_
};
inline constexpr std::size_t kExKpiCount = static_cast<std::size_t>(ExKpi::Count_);

inline constexpr std::array<KpiInfo, kExKpiCount> kExKpiInfo{{
    {"employed", "agents", "mean headcount employed (in training or on the phones) at the start of a day"},
    {"on_phones", "agents", "mean headcount trained, at the start of a day"},
    {"in_training", "agents", "mean headcount in training, at the start of a day"},
    {"present", "agents", "mean agents scheduled and not absent, per day"},
    {"absence_rate", "fraction", "unplanned absent agent-days / scheduled agent-days"},
    {"hires", "agents", "hires who started (entered training)"},
    {"no_shows", "agents", "accepted candidates who never started"},
    {"quits", "agents", "agents who left"},
    {"annualised_attrition", "fraction per year", "quits / mean employed x 365 / days"},
    {"share_tenure_under_90", "fraction", "employed agent-days with tenure under 90 days / employed agent-days"},
    {"learning_multiplier", "factor", "mean learning-curve handle-time multiplier of agents on the phones (1 = proficient)"},
    {"fatigue_mean", "fatigue (0-1)", "mean fatigue at the end of a stint (log-on to log-off)"},
    {"fatigue_p90", "fatigue (0-1)", "90th percentile of fatigue at the end of a stint"},
    {"strain_mean", "strain", "mean strain of employed agents at the start of a day"},
    {"burnout_share", "fraction", "employed agent-days with strain above the burnout threshold / employed agent-days"},
    {"paid_hours", "h", "logged-in hours (breaks and overruns included) plus training hours"},
    {"overtime_hours", "h", "logged-in hours past the end of a shift or stint"},
    {"wage_cost", "currency", "paid hours x wage"},
    {"hiring_cost", "currency", "hires x hiring cost"},
    {"training_cost", "currency", "hires x training cost (trainers, material)"},
    {"workforce_cost", "currency", "wage + hiring + training cost"},
}};

constexpr const KpiInfo& info(ExKpi kpi) noexcept { return kExKpiInfo[static_cast<std::size_t>(kpi)]; }

using ExKpiValues = std::array<double, kExKpiCount>;

/// All employee KPIs of a period (NaN where a denominator is 0).
ExKpiValues compute_ex_kpis(const WorkforceCounters& c) noexcept;

/// KPIs of one contact type over a run: as compute_kpis without percentiles, and with the
/// agent-time KPIs (occupancy, utilisation, agents staffed) NaN, since agents are shared.
KpiValues compute_contact_type_kpis(const PeriodCounters& c) noexcept;

}  // namespace txsim::model
