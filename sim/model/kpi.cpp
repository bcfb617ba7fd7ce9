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
  return v;
}

KpiValues compute_contact_type_kpis(const PeriodCounters& c) noexcept {
  KpiValues v = compute_kpis(c, nullptr);
  for (const Kpi shared : {Kpi::Occupancy, Kpi::Utilisation, Kpi::AgentsStaffed})
    v[static_cast<std::size_t>(shared)] = std::numeric_limits<double>::quiet_NaN();
  return v;
}

}  // namespace txsim::model
