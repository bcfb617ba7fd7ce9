#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "txsim/score/scorecard.hpp"

using txsim::model::ExKpi;
using txsim::model::ExKpiValues;
using txsim::model::Kpi;
using txsim::model::KpiValues;
using txsim::score::ScoreAnchor;
using txsim::score::ScorecardSpec;
using txsim::score::component_score;
using txsim::score::score;

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
  CHECK_THROWS_WITH_AS((void)score(card, no_kpis(), nullptr, 10.0), doctest::Contains("scorecard.satisfaction"),
                       std::invalid_argument);
  card = ScorecardSpec{};
  card.ex_weight = -1.0;
  CHECK_THROWS_WITH_AS((void)score(card, no_kpis(), nullptr, 10.0), doctest::Contains("ex_weight"),
                       std::invalid_argument);
}

TEST_CASE("an index is the weighted mean of its defined components, weights renormalised") {
  ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::ServiceLevel, 0.9);   // 100
  set(cx, Kpi::AbandonRate, 0.25);   // 0
  SUBCASE("equal weights") { CHECK(score(card, cx, nullptr, kNaN).cx == doctest::Approx(50.0)); }
  SUBCASE("weights 3 and 1") {
    card.service_level.weight = 3.0;
    CHECK(score(card, cx, nullptr, kNaN).cx == doctest::Approx(75.0));
  }
  SUBCASE("a zero weight drops its component") {
    card.abandon_rate.weight = 0.0;
    CHECK(score(card, cx, nullptr, kNaN).cx == doctest::Approx(100.0));
  }
  SUBCASE("every CX component counts when defined") {
    set(cx, Kpi::FirstContactResolution, 0.85);  // 100
    set(cx, Kpi::Satisfaction, 0.5);             // 0
    set(cx, Kpi::Effort, 1.75);                  // 50
    set(cx, Kpi::ChurnRate, 0.07);               // 50
    CHECK(score(card, cx, nullptr, kNaN).cx == doctest::Approx(300.0 / 6.0));
  }
}

TEST_CASE("without employee dynamics EX rests on occupancy alone") {
  const ScorecardSpec card;
  KpiValues cx = no_kpis();
  set(cx, Kpi::Occupancy, 0.85);  // anchors 0.95 -> 0.75: 50
  CHECK(score(card, cx, nullptr, kNaN).ex == doctest::Approx(50.0));
  ExKpiValues ex = no_ex_kpis();
  set(ex, ExKpi::FatigueMean, 0.1);           // 100
  set(ex, ExKpi::StrainMean, 1.5);            // 0
  set(ex, ExKpi::AbsenceRate, 0.03);          // 100
  set(ex, ExKpi::AnnualisedAttrition, 0.8);   // 0
  CHECK(score(card, cx, &ex, kNaN).ex == doctest::Approx(250.0 / 5.0));
}

TEST_CASE("an index with no defined component is NaN and TX renormalises over the others") {
  ScorecardSpec card;  // weights cx 0.4, ex 0.4, cost 0.2
  card.cost_per_issue = {40.0, 10.0, 1.0};
  KpiValues cx = no_kpis();
  SUBCASE("nothing defined") {
    const auto s = score(card, cx, nullptr, kNaN);
    CHECK(std::isnan(s.cx));
    CHECK(std::isnan(s.ex));
    CHECK(std::isnan(s.cost));
    CHECK(std::isnan(s.tx));
  }
  SUBCASE("all three indices") {
    set(cx, Kpi::ServiceLevel, 0.9);  // CX 100
    set(cx, Kpi::Occupancy, 0.95);    // EX 0
    const auto s = score(card, cx, nullptr, 25.0);  // cost 50
    CHECK(s.cost == doctest::Approx(50.0));
    CHECK(s.tx == doctest::Approx(0.4 * 100.0 + 0.4 * 0.0 + 0.2 * 50.0));
  }
  SUBCASE("cost undefined: CX and EX share the weight") {
    set(cx, Kpi::ServiceLevel, 0.9);
    set(cx, Kpi::Occupancy, 0.95);
    CHECK(score(card, cx, nullptr, kNaN).tx == doctest::Approx(50.0));
  }
  SUBCASE("TX weights are the scorecard's") {
    ScorecardSpec weighted = card;
    weighted.cx_weight = 1.0;
    weighted.ex_weight = 0.0;
    weighted.cost_weight = 1.0;
    set(cx, Kpi::ServiceLevel, 0.9);
    set(cx, Kpi::Occupancy, 0.95);
    CHECK(score(weighted, cx, nullptr, 10.0).tx == doctest::Approx(100.0));
    CHECK(score(weighted, cx, nullptr, 40.0).tx == doctest::Approx(50.0));
  }
}
