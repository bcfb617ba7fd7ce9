#pragma once
// The business case of a run: what the centre costs, including what its policy costs to
// implement and the revenue it loses to churn, and the net present value of a policy's monthly
// savings. Costs are given with churned revenue (total) and without it (operating), because
// churned revenue rests on a customer value no general source can give.

#include <array>
#include <vector>

#include "txsim/model/kpi.hpp"

namespace txsim::score {

/// Costs of one period [currency each]. Without employee dynamics there is no wage model, so
/// labour, hiring and training are 0 and the case covers digital cost and churned revenue only.
struct BusinessCase {
  double labour;            ///< paid hours x wage (ExKpi::WageCost)
  double hiring;            ///< ExKpi::HiringCost
  double training;          ///< ExKpi::TrainingCost
  double digital;           ///< self-service transactions x cost (Kpi::DigitalCost)
  double implementation;    ///< the policy's levers: one-off (first period) and running costs
  double churn_revenue;     ///< revenue at risk from churn (Kpi::RevenueAtRisk)
  double operating;         ///< what the centre pays: labour + hiring + training + digital + implementation
  double total;             ///< operating + churned revenue
  double cost_per_issue;  ///< total / (journeys ended + demand removed) [currency/issue]; NaN without journeys
};

inline constexpr std::size_t kBusinessCaseCount = 9;

/// Names and units of the items, in BusinessCase field order.
inline constexpr std::array<model::KpiInfo, kBusinessCaseCount> kBusinessCaseInfo{{
    {"wages", "currency", "paid hours x wage"},
    {"hiring", "currency", "hires x hiring cost"},
    {"training", "currency", "hires x training cost"},
    {"digital", "currency", "self-service transactions x cost"},
    {"implementation", "currency", "the levers' one-off cost (in the first month) and running costs"},
    {"churned_revenue", "currency", "sum of churn probability x customer value"},
    {"operating_cost", "currency", "what the centre pays: wages + hiring + training + digital + implementation"},
    {"total_cost_incl_churn", "currency", "operating cost + churned revenue"},
    {"cost_per_issue", "currency/issue", "total_cost_incl_churn / (journeys ended + demand removed by root-cause fixes)"},
}};

/// Indices of `operating_cost` and `total_cost_incl_churn` in kBusinessCaseInfo.
inline constexpr std::size_t kBusinessCaseOperating = 6;
inline constexpr std::size_t kBusinessCaseTotal = 7;

/// The items as an array in kBusinessCaseInfo order.
[[nodiscard]] constexpr std::array<double, kBusinessCaseCount> values(const BusinessCase& b) noexcept {
  return {b.labour,         b.hiring, b.training, b.digital, b.implementation, b.churn_revenue, b.operating, b.total,
          b.cost_per_issue};
}

/// The business case of a period from its customer KPIs, with employee dynamics its employee
/// KPIs (`ex` null otherwise), and the implementation cost falling in it [currency, >= 0].
[[nodiscard]] BusinessCase business_case(const model::KpiValues& cx, const model::ExKpiValues* ex,
                                         double implementation = 0.0) noexcept;

/// Length of a month in the business case [days]: reports count 30-day months.
inline constexpr double kDaysPerMonth = 30.0;

/// Implementation cost falling in a period of `days` days [currency]: the one-off when the
/// period opens the run (`first`), plus the running cost per 30-day month prorated to the
/// period's days. Summed over consecutive periods it gives one_off + per_month x days / 30.
[[nodiscard]] constexpr double implementation_in_period(double one_off, double per_month, bool first,
                                                        double days) noexcept {
  return (first ? one_off : 0.0) + per_month * days / kDaysPerMonth;
}

/// Net present value of monthly savings [currency]: sum over m of s_m / (1 + r)^t_m with
/// t_m = (m + 0.5) x 30 / 365 years (mid-month cash flows, 30-day months as in reports).
/// `discount_rate_per_year` r > -1; 0 gives the plain sum. NaN savings propagate. A one-off
/// paid at the start is not in the savings: it is subtracted undiscounted (t = 0), so that the
/// break-even one-off budget of a policy is exactly its NPV before the one-off.
[[nodiscard]] double npv(const std::vector<double>& monthly_savings, double discount_rate_per_year);

}  // namespace txsim::score
