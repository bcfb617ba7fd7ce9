#include "txsim/score/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace txsim::score {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double kpi(const model::KpiValues& v, model::Kpi k) { return v[static_cast<std::size_t>(k)]; }
double kpi(const model::ExKpiValues& v, model::ExKpi k) { return v[static_cast<std::size_t>(k)]; }

void check_weight(std::string_view what, double weight) {
  if (!(std::isfinite(weight) && weight >= 0.0))
    throw std::invalid_argument("scorecard." + std::string(what) + ".weight = " + std::to_string(weight) +
                                ": expected a finite weight >= 0");
}

void check_anchor(std::string_view what, const ScoreAnchor& a) {
  if (!std::isfinite(a.worst) || !std::isfinite(a.best) || a.worst == a.best)
    throw std::invalid_argument("scorecard." + std::string(what) + ": worst = " + std::to_string(a.worst) +
                                " and best = " + std::to_string(a.best) + " must be finite and differ");
  check_weight(what, a.weight);
}

struct Component {
  std::string_view name;
  const ScoreAnchor* anchor;
  double value;
};

// Weighted mean of the defined parts; NaN when no part with positive weight remains.
struct WeightedMean {
  double sum = 0.0;
  double weight = 0.0;
  void add(double score, double w) {
    if (std::isnan(score) || w <= 0.0) return;
    sum += w * score;
    weight += w;
  }
  [[nodiscard]] double value() const { return weight > 0.0 ? sum / weight : kNaN; }
};

double index(std::initializer_list<Component> components) {
  WeightedMean mean;
  for (const Component& c : components) {
    check_anchor(c.name, *c.anchor);
    mean.add(component_score(*c.anchor, c.value), c.anchor->weight);
  }
  return mean.value();
}

}  // namespace

double component_score(const ScoreAnchor& anchor, double value) {
  if (!std::isfinite(anchor.worst) || !std::isfinite(anchor.best) || anchor.worst == anchor.best)
    throw std::invalid_argument("score anchor: worst = " + std::to_string(anchor.worst) +
                                " and best = " + std::to_string(anchor.best) + " must be finite and differ");
  if (std::isnan(value)) return kNaN;
  const double s = 100.0 * (value - anchor.worst) / (anchor.best - anchor.worst);
  return std::clamp(s, 0.0, 100.0);
}

Scores score(const ScorecardSpec& card, const model::KpiValues& cx, const model::ExKpiValues* ex,
             double cost_per_issue) {
  using model::ExKpi;
  using model::Kpi;
  const auto ex_kpi = [ex](ExKpi k) { return ex != nullptr ? kpi(*ex, k) : kNaN; };
  Scores s{};
  s.cx = index({
      {"service_level", &card.service_level, kpi(cx, Kpi::ServiceLevel)},
      {"abandon_rate", &card.abandon_rate, kpi(cx, Kpi::AbandonRate)},
      {"first_contact_resolution", &card.first_contact_resolution, kpi(cx, Kpi::FirstContactResolution)},
      {"satisfaction", &card.satisfaction, kpi(cx, Kpi::Satisfaction)},
      {"effort_per_resolved_issue", &card.effort_per_resolved_issue, kpi(cx, Kpi::Effort)},
      {"churn_rate", &card.churn_rate, kpi(cx, Kpi::ChurnRate)},
  });
  s.ex = index({
      {"fatigue_mean", &card.fatigue_mean, ex_kpi(ExKpi::FatigueMean)},
      {"strain_mean", &card.strain_mean, ex_kpi(ExKpi::StrainMean)},
      {"absence_rate", &card.absence_rate, ex_kpi(ExKpi::AbsenceRate)},
      {"annualised_attrition", &card.annualised_attrition, ex_kpi(ExKpi::AnnualisedAttrition)},
      {"occupancy", &card.occupancy, kpi(cx, Kpi::Occupancy)},
  });
  s.cost = index({{"cost_per_issue", &card.cost_per_issue, cost_per_issue}});
  check_weight("cx_weight", card.cx_weight);
  check_weight("ex_weight", card.ex_weight);
  check_weight("cost_weight", card.cost_weight);
  WeightedMean tx;
  tx.add(s.cx, card.cx_weight);
  tx.add(s.ex, card.ex_weight);
  tx.add(s.cost, card.cost_weight);
  s.tx = tx.value();
  return s;
}

std::vector<model::SpecIssue> validate_scorecard(const ScorecardSpec& card) {
  std::vector<model::SpecIssue> issues;
  for (const auto& [key, member] : kScoreComponents) {
    const ScoreAnchor& anchor = card.*member;
    // A component scores linearly between its anchors; equal anchors leave no line to score on.
    if (anchor.worst == anchor.best)
      issues.push_back({"scorecard." + std::string(key),
                        fmt::format("expected different worst and best values, found {} for both", anchor.worst)});
  }
  if (card.cx_weight == 0 && card.ex_weight == 0 && card.cost_weight == 0)
    issues.push_back({"scorecard", "expected at least one of cx_weight, ex_weight, cost_weight > 0, found all 0"});
  return issues;
}

}  // namespace txsim::score
