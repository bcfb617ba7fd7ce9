#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "txsim/score/business_case.hpp"

using txsim::model::ExKpi;
using txsim::model::ExKpiValues;
using txsim::model::Kpi;
using txsim::model::KpiValues;
using txsim::score::business_case;
using txsim::score::npv;

namespace {
void set(KpiValues& v, Kpi k, double x) { v[static_cast<std::size_t>(k)] = x; }
void set(ExKpiValues& v, ExKpi k, double x) { v[static_cast<std::size_t>(k)] = x; }
}  // namespace

TEST_CASE("the business case adds labour, hiring, training, digital cost and churned revenue") {
  KpiValues cx{};
  set(cx, Kpi::DigitalCost, 50.0);
  set(cx, Kpi::RevenueAtRisk, 1200.0);
  set(cx, Kpi::Journeys, 100.0);
  ExKpiValues ex{};
  set(ex, ExKpi::WageCost, 3000.0);
  set(ex, ExKpi::HiringCost, 400.0);
  set(ex, ExKpi::TrainingCost, 350.0);
  const auto b = business_case(cx, &ex);
  CHECK(b.labour == 3000.0);
  CHECK(b.hiring == 400.0);
  CHECK(b.training == 350.0);
  CHECK(b.digital == 50.0);
  CHECK(b.churn_revenue == 1200.0);
  CHECK(b.total == 5000.0);
  CHECK(b.cost_per_issue == 50.0);
}

TEST_CASE("without employee dynamics labour, hiring and training cost nothing") {
  KpiValues cx{};
  set(cx, Kpi::DigitalCost, 20.0);
  set(cx, Kpi::RevenueAtRisk, 80.0);
  set(cx, Kpi::Journeys, 10.0);
  const auto b = business_case(cx, nullptr);
  CHECK(b.labour == 0.0);
  CHECK(b.hiring == 0.0);
  CHECK(b.training == 0.0);
  CHECK(b.total == 100.0);
  CHECK(b.cost_per_issue == 10.0);
}

TEST_CASE("cost per journey is NaN without journeys") {
  KpiValues cx{};
  set(cx, Kpi::DigitalCost, 20.0);
  CHECK(std::isnan(business_case(cx, nullptr).cost_per_issue));
}

TEST_CASE("a policy's implementation cost is an operating cost of its own") {
  KpiValues cx{};
  set(cx, Kpi::DigitalCost, 50.0);
  set(cx, Kpi::RevenueAtRisk, 1200.0);
  set(cx, Kpi::Journeys, 100.0);
  ExKpiValues ex{};
  set(ex, ExKpi::WageCost, 3000.0);
  const auto b = business_case(cx, &ex, 750.0);
  CHECK(b.implementation == 750.0);
  CHECK(b.operating == 3800.0);
  CHECK(b.total == 5000.0);
  CHECK(b.cost_per_issue == 50.0);
  const auto items = txsim::score::values(b);
  CHECK(items[4] == 750.0);
  CHECK(txsim::score::kBusinessCaseInfo[4].name == "implementation");
  CHECK(items[txsim::score::kBusinessCaseOperating] == 3800.0);
  CHECK(items[txsim::score::kBusinessCaseTotal] == 5000.0);
}

TEST_CASE("the one-off falls in the first period and the running cost is prorated by days") {
  using txsim::score::implementation_in_period;
  CHECK(implementation_in_period(9000.0, 600.0, true, 30.0) == 9600.0);
  CHECK(implementation_in_period(9000.0, 600.0, false, 30.0) == 600.0);
  CHECK(implementation_in_period(9000.0, 600.0, false, 5.0) == 100.0);
  // A 365-day run: 12 months of 30 days and one of 5; the periods add up to the whole run.
  double sum = 0.0;
  for (int m = 0; m < 13; ++m) sum += implementation_in_period(9000.0, 600.0, m == 0, m < 12 ? 30.0 : 5.0);
  CHECK(sum == doctest::Approx(9000.0 + 600.0 * 365.0 / 30.0).epsilon(1e-15));
  CHECK(implementation_in_period(9000.0, 600.0, true, 365.0) == doctest::Approx(sum).epsilon(1e-15));
}

TEST_CASE("the NPV discounts mid-month savings at the yearly rate") {
  // By hand: t = 15/365, 45/365, 75/365 years at 8% a year.
  const double r = 0.08;
  const double expected = 1000.0 / std::pow(1.08, 15.0 / 365.0) + 2000.0 / std::pow(1.08, 45.0 / 365.0) -
                          500.0 / std::pow(1.08, 75.0 / 365.0);
  CHECK(npv({1000.0, 2000.0, -500.0}, r) == doctest::Approx(expected).epsilon(1e-14));
  CHECK(npv({1000.0, 2000.0, -500.0}, r) == doctest::Approx(2485.80).epsilon(1e-6));
  CHECK(npv({1000.0, 2000.0, -500.0}, 0.0) == 2500.0);
  CHECK(npv({}, r) == 0.0);
  CHECK_THROWS_AS((void)npv({1.0}, -1.0), std::invalid_argument);
}
