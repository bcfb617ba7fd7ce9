#include "txsim/score/business_case.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace txsim::score {

BusinessCase business_case(const model::KpiValues& cx, const model::ExKpiValues* ex, double implementation) noexcept {
  const auto kpi = [&cx](model::Kpi k) { return cx[static_cast<std::size_t>(k)]; };
  const auto ex_kpi = [ex](model::ExKpi k) { return ex != nullptr ? (*ex)[static_cast<std::size_t>(k)] : 0.0; };
  BusinessCase b{};
  b.labour = ex_kpi(model::ExKpi::WageCost);
  b.hiring = ex_kpi(model::ExKpi::HiringCost);
  b.training = ex_kpi(model::ExKpi::TrainingCost);
  b.digital = kpi(model::Kpi::DigitalCost);
  b.implementation = implementation;
  b.churn_revenue = kpi(model::Kpi::RevenueAtRisk);
  b.operating = b.labour + b.hiring + b.training + b.digital + b.implementation;
  b.total = b.operating + b.churn_revenue;
  // Per issue that arose, fixed at its root or not: dividing by journeys alone would make a
  // root-cause fix look dearer per journey while the total falls.
  const double issues = kpi(model::Kpi::Journeys) + kpi(model::Kpi::DemandRemoved);
  b.cost_per_issue = issues > 0.0 ? b.total / issues : std::numeric_limits<double>::quiet_NaN();
  return b;
}

double npv(const std::vector<double>& monthly_savings, double discount_rate_per_year) {
  if (!(discount_rate_per_year > -1.0) || !std::isfinite(discount_rate_per_year))
    throw std::invalid_argument("npv: discount_rate_per_year = " + std::to_string(discount_rate_per_year) +
                                ", expected a finite rate > -1");
  double sum = 0.0;
  for (std::size_t m = 0; m < monthly_savings.size(); ++m) {
    // Mid-month: a month's savings accrue over the month, not at its start or end.
    const double years = (static_cast<double>(m) + 0.5) * 30.0 / 365.0;
    sum += monthly_savings[m] / std::pow(1.0 + discount_rate_per_year, years);
  }
  return sum;
}

}  // namespace txsim::score
