#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard.hpp"

using txsim::model::ExKpi;
using txsim::model::ExKpiValues;
using txsim::model::Kpi;
using txsim::model::KpiValues;
using txsim::score::BusinessCase;
using txsim::score::ComponentScores;
using txsim::score::CostAnchor;
using txsim::score::ScoreAnchor;
using txsim::score::ScorecardSpec;
using txsim::score::business_case;
using txsim::score::component_score;
using txsim::score::component_scores;
using txsim::score::kComponentCount;
using txsim::score::kComponentInfo;
using txsim::score::relative_cost_score;
using txsim::score::score;
using txsim::score::validate_scorecard;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

KpiValues no_kpis() {
  KpiValues v{};
  v.fill(kNaN);
  return v;
}
ExKpiValues no_ex_kpis() {
  ExKpiValues v{};
  v.fill(kNaN);
  return v;
}
void set(KpiValues& v, Kpi k, double x) { v[static_cast<std::size_t>(k)] = x; }
void set(ExKpiValues& v, ExKpi k, double x) { v[static_cast<std::size_t>(k)] = x; }

std::size_t component(std::string_view name) {
  for (std::size_t k = 0; k < kComponentCount; ++k)
    if (kComponentInfo[k].name == name) return k;
  FAIL("no component " << name);
  return kComponentCount;
}

// A business case with no cost: the cost components are NaN (the baseline's cost is not > 0).
const BusinessCase kNoCost{0, 0, 0, 0, 0, 0, 0, 0, kNaN};

// The indices of a run scored on its own (no baseline cost: the cost index is NaN).
txsim::score::Scores scores_of(const ScorecardSpec& card, const KpiValues& cx, const ExKpiValues* ex = nullptr) {
  return score(card, component_scores(card, cx, ex, kNoCost, nullptr));
}

}  // namespace

TEST_CASE("a component scores 0 at worst, 100 at best and linearly in between") {
  const ScoreAnchor higher_is_better{0.4, 0.9, 1.0};
  CHECK(component_score(higher_is_better, 0.4) == 0.0);
  CHECK(component_score(higher_is_better, 0.9) == 100.0);
  CHECK(component_score(higher_is_better, 0.65) == doctest::Approx(50.0));
  CHECK(component_score(higher_is_better, 0.8) == doctest::Approx(80.0));
}

TEST_CASE("a reversed anchor (worst > best) scores a lower-is-better KPI") {
  const ScoreAnchor lower_is_better{0.25, 0.05, 1.0};
  CHECK(component_score(lower_is_better, 0.25) == 0.0);
  CHECK(component_score(lower_is_better, 0.05) == 100.0);
  CHECK(component_score(lower_is_better, 0.10) == doctest::Approx(75.0));
}

TEST_CASE("scores are clamped to [0, 100] beyond the anchors") {
  const ScoreAnchor up{0.4, 0.9, 1.0};
  const ScoreAnchor down{0.25, 0.05, 1.0};
  CHECK(component_score(up, 0.1) == 0.0);
  CHECK(component_score(up, 1.0) == 100.0);
  CHECK(component_score(down, 0.5) == 0.0);
  CHECK(component_score(down, 0.0) == 100.0);
}

TEST_CASE("a NaN KPI gives a NaN component score") {
  CHECK(std::isnan(component_score(ScoreAnchor{0.0, 1.0, 1.0}, kNaN)));
}

TEST_CASE("a degenerate anchor is an error, not a silent score") {
  CHECK_THROWS_AS((void)component_score(ScoreAnchor{0.5, 0.5, 1.0}, 0.5), std::invalid_argument);
  ScorecardSpec card;
  card.satisfaction = {0.7, 0.7, 1.0};
  CHECK_THROWS_WITH_AS((void)component_scores(card, no_kpis(), nullptr, kNoCost, nullptr),
                       doctest::Contains("scorecard.satisfaction"), std::invalid_argument);
  card = ScorecardSpec{};
  card.cost_per_issue.saving_scoring_75 = 1.0;
  CHECK_THROWS_WITH_AS((void)component_scores(card, no_kpis(), nullptr, kNoCost, nullptr),
                       doctest::Contains("scorecard.cost_per_issue.saving_scoring_75"), std::invalid_argument);
  card = ScorecardSpec{};
  card.ex_weight = -1.0;
  CHECK_THROWS_WITH_AS((void)scores_of(card, no_kpis()), doctest::Contains("ex_weight"), std::invalid_argument);
}

TEST_CASE("every component score of a run, computed by hand") {
  const ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::ServiceLevel, 0.8);              // (0.8 - 0.4) / 0.5 = 80
  set(cx, Kpi::AbandonRate, 0.0775);            // (0.25 - 0.0775) / 0.23 = 75
  set(cx, Kpi::FirstContactResolution, 0.675);  // (0.675 - 0.5) / 0.35 = 50
  set(cx, Kpi::Satisfaction, 0.6);              // (0.6 - 0.5) / 0.4 = 25
  set(cx, Kpi::Effort, 2.2);                    // (2.5 - 2.2) / 1.5 = 20
  set(cx, Kpi::ChurnRate, 0.03);                // (0.12 - 0.03) / 0.1 = 90
  set(cx, Kpi::Occupancy, 0.9);                 // (0.95 - 0.9) / 0.2 = 25
  ExKpiValues ex = no_ex_kpis();
  set(ex, ExKpi::AbsenceRate, 0.07);            // (0.12 - 0.07) / 0.1 = 50
  set(ex, ExKpi::AnnualisedAttrition, 0.25);    // (0.7 - 0.25) / 0.6 = 75
  set(ex, ExKpi::OvertimeHours, 30.0);
  set(ex, ExKpi::PaidHours, 1000.0);            // share 0.03: (0.1 - 0.03) / 0.1 = 70
  set(ex, ExKpi::ShareTenureUnder90, 0.2);      // worst: 0
  set(ex, ExKpi::FatigueMean, 0.35);            // (0.6 - 0.35) / 0.5 = 50
  set(ex, ExKpi::StrainMean, 0.1);              // best: 100
  const ComponentScores c = component_scores(card, cx, &ex, kNoCost, nullptr);
  CHECK(c[component("service_level")] == doctest::Approx(80.0));
  CHECK(c[component("abandon_rate")] == doctest::Approx(75.0));
  CHECK(c[component("first_contact_resolution")] == doctest::Approx(50.0));
  CHECK(c[component("satisfaction")] == doctest::Approx(25.0));
  CHECK(c[component("effort_per_resolved_issue")] == doctest::Approx(20.0));
  CHECK(c[component("churn_rate")] == doctest::Approx(90.0));
  CHECK(c[component("occupancy")] == doctest::Approx(25.0));
  CHECK(c[component("absence_rate")] == doctest::Approx(50.0));
  CHECK(c[component("annualised_attrition")] == doctest::Approx(75.0));
  CHECK(c[component("overtime_share")] == doctest::Approx(70.0));
  CHECK(c[component("new_hire_share")] == doctest::Approx(0.0));
  CHECK(c[component("fatigue_mean")] == doctest::Approx(50.0));
  CHECK(c[component("strain_mean")] == doctest::Approx(100.0));
  CHECK(std::isnan(c[component("cost_per_issue")]));
  CHECK(std::isnan(c[component("operating_cost_per_issue")]));

  const auto s = score(card, c);
  CHECK(s.cx == doctest::Approx((80.0 + 75.0 + 50.0 + 25.0 + 20.0 + 90.0) / 6.0));
  // Absence, attrition, overtime, occupancy, new hires; fatigue and strain have weight 0.
  CHECK(s.ex == doctest::Approx((50.0 + 75.0 + 70.0 + 25.0 + 0.0) / 5.0));
  CHECK(std::isnan(s.cost));
  CHECK(s.tx == doctest::Approx((0.4 * s.cx + 0.4 * s.ex) / 0.8));
}

TEST_CASE("the EX index ignores fatigue and strain at weight 0 and scores them when a study asks") {
  ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::Occupancy, 0.85);  // 50
  ExKpiValues ex = no_ex_kpis();
  set(ex, ExKpi::FatigueMean, 0.6);  // 0
  set(ex, ExKpi::StrainMean, 1.5);   // 0
  CHECK(scores_of(card, cx, &ex).ex == doctest::Approx(50.0));
  set(ex, ExKpi::FatigueMean, 0.1);  // 100: still no effect at weight 0
  CHECK(scores_of(card, cx, &ex).ex == doctest::Approx(50.0));

  card.fatigue_mean.weight = 1.0;
  CHECK(scores_of(card, cx, &ex).ex == doctest::Approx((50.0 + 100.0) / 2.0));
  card.strain_mean.weight = 2.0;
  CHECK(scores_of(card, cx, &ex).ex == doctest::Approx((50.0 + 100.0 + 2.0 * 0.0) / 4.0));
}

TEST_CASE("without employee dynamics EX rests on occupancy alone") {
  const ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::Occupancy, 0.85);  // anchors 0.95 -> 0.75: 50
  CHECK(scores_of(card, cx).ex == doctest::Approx(50.0));
  const ComponentScores c = component_scores(card, cx, nullptr, kNoCost, nullptr);
  CHECK(std::isnan(c[component("absence_rate")]));
  CHECK(std::isnan(c[component("overtime_share")]));
}

TEST_CASE("overtime is scored as a share of paid hours, undefined without paid hours") {
  const ScorecardSpec card;
  ExKpiValues ex = no_ex_kpis();
  set(ex, ExKpi::OvertimeHours, 0.0);
  set(ex, ExKpi::PaidHours, 0.0);
  CHECK(std::isnan(component_scores(card, no_kpis(), &ex, kNoCost, nullptr)[component("overtime_share")]));
  set(ex, ExKpi::OvertimeHours, 50.0);
  set(ex, ExKpi::PaidHours, 1000.0);  // 0.05: halfway between 0.1 and 0
  CHECK(component_scores(card, no_kpis(), &ex, kNoCost, nullptr)[component("overtime_share")] ==
        doctest::Approx(50.0));
}

TEST_CASE("an index is the weighted mean of its defined components, weights renormalised") {
  ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::ServiceLevel, 0.9);   // 100
  set(cx, Kpi::AbandonRate, 0.25);   // 0
  SUBCASE("equal weights") { CHECK(scores_of(card, cx).cx == doctest::Approx(50.0)); }
  SUBCASE("weights 3 and 1") {
    card.service_level.weight = 3.0;
    CHECK(scores_of(card, cx).cx == doctest::Approx(75.0));
  }
  SUBCASE("a zero weight drops its component") {
    card.abandon_rate.weight = 0.0;
    CHECK(scores_of(card, cx).cx == doctest::Approx(100.0));
  }
}

TEST_CASE("a cost scores 50 at the baseline's, 75 and 25 at the anchor's ratios, and never clips") {
  const CostAnchor anchor{0.2, 1.0};
  CHECK(relative_cost_score(anchor, 40.0, 40.0) == doctest::Approx(50.0));
  CHECK(relative_cost_score(anchor, 32.0, 40.0) == doctest::Approx(75.0));  // 20% cheaper
  CHECK(relative_cost_score(anchor, 50.0, 40.0) == doctest::Approx(25.0));  // 1 / 0.8 = 1.25 times
  CHECK(relative_cost_score(anchor, 0.0, 40.0) == 100.0);
  // Halving the cost gains as much as doubling it loses.
  CHECK(relative_cost_score(anchor, 20.0, 40.0) - 50.0 == doctest::Approx(50.0 - relative_cost_score(anchor, 80.0, 40.0)));
  // Far beyond any fixed anchor the scores still differ.
  CHECK(relative_cost_score(anchor, 400.0, 40.0) > relative_cost_score(anchor, 800.0, 40.0));
  CHECK(relative_cost_score(anchor, 800.0, 40.0) > 0.0);
  CHECK(std::isnan(relative_cost_score(anchor, 10.0, 0.0)));   // no scale to compare with
  CHECK(std::isnan(relative_cost_score(anchor, kNaN, 40.0)));
  CHECK_THROWS_AS((void)relative_cost_score(CostAnchor{0.0, 1.0}, 1.0, 1.0), std::invalid_argument);
}

TEST_CASE("the cost components score cost per issue with and without churned revenue against the baseline") {
  ScorecardSpec card;
  card.operating_cost_per_issue.weight = 1.0;
  const BusinessCase base{3000, 0, 0, 0, 0, 1000, 3000, 4000, 40.0};  // 100 issues
  const BusinessCase cheaper{2400, 0, 0, 0, 0, 800, 2400, 3200, 32.0};  // 20% less of each
  const auto c = component_scores(card, no_kpis(), nullptr, cheaper, &base);
  CHECK(c[component("cost_per_issue")] == doctest::Approx(75.0));
  CHECK(c[component("operating_cost_per_issue")] == doctest::Approx(75.0));
  CHECK(score(card, c).cost == doctest::Approx(75.0));
  const auto own = component_scores(card, no_kpis(), nullptr, base, &base);
  CHECK(own[component("cost_per_issue")] == doctest::Approx(50.0));
  // Operating cost only: churned revenue no longer counts.
  const BusinessCase churn_only_worse{3000, 0, 0, 0, 0, 3000, 3000, 6000, 60.0};
  const auto d = component_scores(card, no_kpis(), nullptr, churn_only_worse, &base);
  CHECK(d[component("operating_cost_per_issue")] == doctest::Approx(50.0));
  CHECK(d[component("cost_per_issue")] < 25.0);
}

// The issue this answers: with churned revenue priced at an assumed customer value, a fixed cost
// anchor clipped every variant to the same score once the value left a narrow band. Anchored on
// the baseline, two variants whose costs differ never share a score, at any value from 0 to 2000.
TEST_CASE("cost scores keep the order of costs visible at every customer value from 0 to 2000") {
  const ScorecardSpec card;
  struct Centre {
    double wages;
    double churn_probability_sum;  // Σ churn probability over ended journeys
    double journeys;
  };
  const Centre baseline{3.4e6, 39'600, 681'000};
  const Centre variants[] = {{2.9e6, 45'600, 681'000},   // cheaper labour, more churn (a silo push)
                             {3.5e6, 27'000, 571'000},   // dearer labour, less churn, fewer journeys
                             {3.7e6, 37'300, 681'000},   // more agents
                             {3.4e6, 39'600, 681'000}};  // no change
  const auto business = [](const Centre& c, double customer_value) {
    KpiValues cx{};
    set(cx, Kpi::RevenueAtRisk, c.churn_probability_sum * customer_value);
    set(cx, Kpi::Journeys, c.journeys);
    ExKpiValues ex{};
    set(ex, ExKpi::WageCost, c.wages);
    return business_case(cx, &ex);
  };
  const std::size_t cost = component("cost_per_issue");
  for (double value = 0.0; value <= 2000.0; value += 5.0) {
    CAPTURE(value);
    const BusinessCase base = business(baseline, value);
    for (const Centre& a : variants) {
      const BusinessCase ba = business(a, value);
      const double sa = component_scores(card, no_kpis(), nullptr, ba, &base)[cost];
      REQUIRE(sa > 0.0);
      REQUIRE(sa < 100.0);
      for (const Centre& b : variants) {
        const BusinessCase bb = business(b, value);
        const double sb = component_scores(card, no_kpis(), nullptr, bb, &base)[cost];
        if (ba.cost_per_issue < bb.cost_per_issue) REQUIRE(sa > sb);
        if (ba.cost_per_issue == bb.cost_per_issue) REQUIRE(sa == sb);
      }
    }
  }
}

TEST_CASE("an index with no defined component is NaN and TX renormalises over the others") {
  ScorecardSpec card;  // weights cx 0.4, ex 0.4, cost 0.2
  KpiValues cx = no_kpis();
  const BusinessCase base{0, 0, 0, 0, 0, 0, 0, 1000, 10.0};
  const BusinessCase same = base;
  SUBCASE("nothing defined") {
    const auto s = scores_of(card, cx);
    CHECK(std::isnan(s.cx));
    CHECK(std::isnan(s.ex));
    CHECK(std::isnan(s.cost));
    CHECK(std::isnan(s.tx));
  }
  SUBCASE("all three indices") {
    set(cx, Kpi::ServiceLevel, 0.9);  // CX 100
    set(cx, Kpi::Occupancy, 0.95);    // EX 0
    const auto s = score(card, component_scores(card, cx, nullptr, same, &base));  // cost 50
    CHECK(s.cost == doctest::Approx(50.0));
    CHECK(s.tx == doctest::Approx(0.4 * 100.0 + 0.4 * 0.0 + 0.2 * 50.0));
  }
  SUBCASE("cost undefined: CX and EX share the weight") {
    set(cx, Kpi::ServiceLevel, 0.9);
    set(cx, Kpi::Occupancy, 0.95);
    CHECK(scores_of(card, cx).tx == doctest::Approx(50.0));
  }
  SUBCASE("TX weights are the scorecard's") {
    ScorecardSpec weighted = card;
    weighted.cx_weight = 1.0;
    weighted.ex_weight = 0.0;
    weighted.cost_weight = 1.0;
    set(cx, Kpi::ServiceLevel, 0.9);
    set(cx, Kpi::Occupancy, 0.95);
    CHECK(score(weighted, component_scores(weighted, cx, nullptr, same, &base)).tx == doctest::Approx(75.0));
  }
}

TEST_CASE("validate_scorecard reports every rule broken, with its key path") {
  CHECK(validate_scorecard(ScorecardSpec{}).empty());

  ScorecardSpec card;
  card.absence_rate = {0.05, 0.05, 1.0};
  auto issues = validate_scorecard(card);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key_path == "scorecard.absence_rate");
  CHECK(issues[0].message.find("different worst and best") != std::string::npos);

  card = ScorecardSpec{};
  card.cx_weight = card.ex_weight = card.cost_weight = 0.0;
  issues = validate_scorecard(card);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key_path == "scorecard");

  // EX weighted into TX, every EX component switched off: EX could never be computed.
  card = ScorecardSpec{};
  card.absence_rate.weight = card.annualised_attrition.weight = card.overtime_share.weight = 0.0;
  card.occupancy.weight = card.new_hire_share.weight = 0.0;
  issues = validate_scorecard(card);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key_path == "scorecard.ex_weight");
  CHECK(issues[0].message.find("every ex component has weight 0") != std::string::npos);
  card.ex_weight = 0.0;  // fine once EX leaves TX
  CHECK(validate_scorecard(card).empty());
  card.ex_weight = 0.4;
  card.strain_mean.weight = 1.0;  // or once a latent state is scored
  CHECK(validate_scorecard(card).empty());

  card = ScorecardSpec{};
  card.cost_per_issue.weight = 0.0;
  issues = validate_scorecard(card);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key_path == "scorecard.cost_weight");
}
