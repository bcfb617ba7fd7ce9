#include "txsim/model/kpi.hpp"

#include <limits>

namespace txsim::model {
namespace {

double ratio(double num, double den) noexcept {
  return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

KpiValues compute_kpis(const PeriodCounters& c, const stats::WaitHistogram* waits) noexcept {
  const auto d = [](std::uint64_t n) { return static_cast<double>(n); };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  KpiValues v{};
  const auto set = [&v](Kpi k, double x) { v[static_cast<std::size_t>(k)] = x; };
  set(Kpi::Offered, d(c.offered));
  set(Kpi::Answered, d(c.answered));
  set(Kpi::Abandoned, d(c.abandoned));
  set(Kpi::Balked, d(c.balked));
  set(Kpi::Blocked, d(c.blocked));
  set(Kpi::Redials, d(c.redials));
  set(Kpi::ServiceLevel, ratio(d(c.answered_within_threshold), d(c.offered)));
  set(Kpi::ServiceLevelExclShortAbandons,
      ratio(d(c.answered_within_threshold), d(c.offered) - d(c.abandoned_within_threshold)));
  set(Kpi::AbandonRate, ratio(d(c.abandoned), d(c.offered)));
  set(Kpi::BlockRate, ratio(d(c.blocked), d(c.offered)));
  set(Kpi::AsaS, ratio(c.wait_answered_s, d(c.answered)));
  set(Kpi::MeanWaitS, ratio(c.wait_answered_s + c.wait_abandoned_s, d(c.answered + c.abandoned)));
  const bool have_waits = waits != nullptr && waits->count() > 0;
  set(Kpi::WaitP50S, have_waits ? waits->quantile(0.50) : nan);
  set(Kpi::WaitP90S, have_waits ? waits->quantile(0.90) : nan);
  set(Kpi::WaitP95S, have_waits ? waits->quantile(0.95) : nan);
  set(Kpi::AhtS, ratio(c.handle_s, d(c.answered)));
  set(Kpi::Occupancy, ratio(c.busy_agent_s, c.available_agent_s));
  set(Kpi::Utilisation, ratio(c.busy_agent_s, c.staffed_agent_s));
  set(Kpi::MeanQueueLength, ratio(c.waiting_contact_s, c.measured_s));
  set(Kpi::AgentsStaffed, ratio(c.staffed_agent_s, c.measured_s));
  set(Kpi::ExpectedResolution, ratio(c.resolution_probability_sum, d(c.answered)));
  const double ended = d(c.journeys_ended);
  set(Kpi::Journeys, ended);
  set(Kpi::DemandRemoved, d(c.removed_contacts));
  set(Kpi::FirstContactResolution, ratio(d(c.resolved_first_contact), ended));
  set(Kpi::ResolutionRate, ratio(d(c.journeys_resolved), ended));
  set(Kpi::RepeatContactRate, ratio(d(c.repeat_contacts), d(c.offered)));
  set(Kpi::Satisfaction, ratio(c.satisfaction_sum, ended));
  set(Kpi::Effort, ratio(d(c.journey_contacts + c.journey_switches), d(c.journeys_resolved)));
  set(Kpi::ChurnRate, ratio(c.churn_sum, ended));
  set(Kpi::RevenueAtRisk, c.revenue_at_risk);
  set(Kpi::FrustrationMean, ratio(c.frustration_sum, ended));
  set(Kpi::DigitalShare, ratio(d(c.digital_attempts), d(c.digital_attempts + c.offered)));
  set(Kpi::DigitalSuccessRate, ratio(d(c.digital_successes), d(c.digital_attempts)));
  set(Kpi::DigitalCost, c.digital_cost);
  return v;
}

KpiValues compute_contact_type_kpis(const PeriodCounters& c) noexcept {
  KpiValues v = compute_kpis(c, nullptr);
  for (const Kpi shared : {Kpi::Occupancy, Kpi::Utilisation, Kpi::AgentsStaffed})
    v[static_cast<std::size_t>(shared)] = std::numeric_limits<double>::quiet_NaN();
  return v;
}

namespace {

// p-quantile of fatigue from the stint-end histogram, linear inside a bin.
double fatigue_quantile(const WorkforceCounters& c, double p) noexcept {
  if (c.stints == 0) return std::numeric_limits<double>::quiet_NaN();
  const double target = p * static_cast<double>(c.stints);
  double below = 0.0;
  constexpr double width = 1.0 / WorkforceCounters::kFatigueBins;
  for (std::size_t i = 0; i < WorkforceCounters::kFatigueBins; ++i) {
    const double in_bin = c.fatigue_histogram[i];
    if (below + in_bin >= target && in_bin > 0) return width * (static_cast<double>(i) + (target - below) / in_bin);
    below += in_bin;
  }
  return 1.0;
}

}  // namespace

ExKpiValues compute_ex_kpis(const WorkforceCounters& c) noexcept {
  ExKpiValues v{};
  const auto set = [&v](ExKpi k, double x) { v[static_cast<std::size_t>(k)] = x; };
  const double days = c.days;
  const double employed = ratio(c.employed, days);
  set(ExKpi::Employed, employed);
  set(ExKpi::OnPhones, ratio(c.on_phones, days));
  set(ExKpi::InTraining, ratio(c.in_training, days));
  set(ExKpi::Present, ratio(c.scheduled - c.absent, days));
  set(ExKpi::AbsenceRate, ratio(c.absent, c.scheduled));
  set(ExKpi::Hires, static_cast<double>(c.starts));
  set(ExKpi::NoShows, static_cast<double>(c.no_shows));
  set(ExKpi::Quits, static_cast<double>(c.quits));
  set(ExKpi::AnnualisedAttrition, ratio(static_cast<double>(c.quits) * 365.0, employed * days));
  set(ExKpi::ShareTenureUnder90, ratio(c.tenure_under_90, c.employed));
  set(ExKpi::LearningMultiplier, ratio(c.learning_multiplier, c.on_phones));
  set(ExKpi::FatigueMean, ratio(c.fatigue_at_end, static_cast<double>(c.stints)));
  set(ExKpi::FatigueP90, fatigue_quantile(c, 0.9));
  set(ExKpi::StrainMean, ratio(c.strain, c.employed));
  set(ExKpi::BurnoutShare, ratio(c.burnout, c.employed));
  set(ExKpi::PaidHours, c.paid_hours);
  set(ExKpi::OvertimeHours, c.overtime_hours);
  set(ExKpi::WageCost, c.wage_cost);
  set(ExKpi::HiringCost, c.hiring_cost);
  set(ExKpi::TrainingCost, c.training_cost);
  set(ExKpi::TotalCost, c.wage_cost + c.hiring_cost + c.training_cost);
  return v;
}

}  // namespace txsim::model
