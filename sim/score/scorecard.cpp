#include "txsim/score/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace txsim::score {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

static_assert(kComponentInfo.size() == kComponentCount);
static_assert(kComponentInfo[0].name == kScoreComponents[0].key);
static_assert(kComponentInfo[kScoreComponents.size() - 1].name == kScoreComponents.back().key);
static_assert(kComponentInfo[kScoreComponents.size()].name == kCostComponents[0].key);
static_assert(kComponentInfo[kComponentCount - 1].name == kCostComponents.back().key);

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

void check_anchor(std::string_view what, const CostAnchor& a) {
  if (!(a.saving_scoring_75 > 0.0 && a.saving_scoring_75 < 1.0))
    throw std::invalid_argument("scorecard." + std::string(what) + ".saving_scoring_75 = " +
                                std::to_string(a.saving_scoring_75) + ": expected a fraction in (0, 1)");
  check_weight(what, a.weight);
}

// The KPI behind each fixed-anchor component, in kScoreComponents order.
double anchored_kpi(std::size_t k, const model::KpiValues& cx, const model::ExKpiValues* ex) {
  using model::ExKpi;
  using model::Kpi;
  const auto ex_kpi = [ex](ExKpi e) { return ex != nullptr ? kpi(*ex, e) : kNaN; };
  switch (k) {
    case 0: return kpi(cx, Kpi::ServiceLevel);
    case 1: return kpi(cx, Kpi::AbandonRate);
    case 2: return kpi(cx, Kpi::FirstContactResolution);
    case 3: return kpi(cx, Kpi::Satisfaction);
    case 4: return kpi(cx, Kpi::Effort);
    case 5: return kpi(cx, Kpi::ChurnRate);
    case 6: return ex_kpi(ExKpi::AbsenceRate);
    case 7: return ex_kpi(ExKpi::AnnualisedAttrition);
    case 8: {
      // A share, not hours: hours grow with the size of the centre and the horizon.
      const double paid = ex_kpi(ExKpi::PaidHours);
      return paid > 0.0 ? ex_kpi(ExKpi::OvertimeHours) / paid : kNaN;
    }
    case 9: return kpi(cx, Kpi::Occupancy);
    case 10: return ex_kpi(ExKpi::ShareTenureUnder90);
    case 11: return ex_kpi(ExKpi::FatigueMean);
    case 12: return ex_kpi(ExKpi::StrainMean);
    default: break;
  }
  return kNaN;
}
static_assert(kScoreComponents[8].key == "overtime_share" && kScoreComponents[10].key == "new_hire_share" &&
              kScoreComponents[12].key == "strain_mean");

// Both cost components are per issue that arose (journeys ended + demand removed), as the
// business case's cost_per_issue is: a root-cause fix is not penalised for the journeys it prevents.
// The business case holds the issue count only as total / cost_per_issue; with a total of 0
// the operating cost (a part of it) is 0 too.
double operating_cost_per_issue(const BusinessCase& b) {
  if (std::isnan(b.cost_per_issue)) return kNaN;
  if (!(b.total > 0.0)) return 0.0;
  return b.operating / (b.total / b.cost_per_issue);
}

double cost_kpi(std::size_t k, const BusinessCase& b) {
  return k == 0 ? b.cost_per_issue : operating_cost_per_issue(b);
}
static_assert(kCostComponents[0].key == "cost_per_issue" && kCostComponents[1].key == "operating_cost_per_issue");

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

}  // namespace

double component_score(const ScoreAnchor& anchor, double value) {
  if (!std::isfinite(anchor.worst) || !std::isfinite(anchor.best) || anchor.worst == anchor.best)
    throw std::invalid_argument("score anchor: worst = " + std::to_string(anchor.worst) +
                                " and best = " + std::to_string(anchor.best) + " must be finite and differ");
  if (std::isnan(value)) return kNaN;
  const double s = 100.0 * (value - anchor.worst) / (anchor.best - anchor.worst);
  return std::clamp(s, 0.0, 100.0);
}

double relative_cost_score(const CostAnchor& anchor, double cost, double baseline_cost) {
  if (!(anchor.saving_scoring_75 > 0.0 && anchor.saving_scoring_75 < 1.0))
    throw std::invalid_argument("cost anchor: saving_scoring_75 = " + std::to_string(anchor.saving_scoring_75) +
                                ", expected a fraction in (0, 1)");
  if (std::isnan(cost) || std::isnan(baseline_cost) || !(baseline_cost > 0.0) || cost < 0.0) return kNaN;
  // 100 / (1 + r^k) = 100 x logistic(-k ln r): symmetric in ln r, so halving the cost gains as
  // many points as doubling it loses.
  const double k = std::log(3.0) / -std::log1p(-anchor.saving_scoring_75);
  const double log_ratio = std::log(cost / baseline_cost);
  return 100.0 / (1.0 + std::exp(k * log_ratio));
}

ComponentScores component_scores(const ScorecardSpec& card, const model::KpiValues& cx, const model::ExKpiValues* ex,
                                 const BusinessCase& cost, const BusinessCase* baseline_cost) {
  ComponentScores out{};
  for (std::size_t k = 0; k < kScoreComponents.size(); ++k) {
    const ScoreAnchor& anchor = card.*kScoreComponents[k].anchor;
    check_anchor(kScoreComponents[k].key, anchor);
    out[k] = component_score(anchor, anchored_kpi(k, cx, ex));
  }
  for (std::size_t c = 0; c < kCostComponents.size(); ++c) {
    const CostAnchor& anchor = card.*kCostComponents[c].anchor;
    check_anchor(kCostComponents[c].key, anchor);
    out[kScoreComponents.size() + c] =
        baseline_cost != nullptr ? relative_cost_score(anchor, cost_kpi(c, cost), cost_kpi(c, *baseline_cost)) : kNaN;
  }
  return out;
}

Scores score(const ScorecardSpec& card, const ComponentScores& components) {
  WeightedMean cx;
  WeightedMean ex;
  WeightedMean cost;
  for (std::size_t k = 0; k < kComponentCount; ++k) {
    const double w = component_weight(card, k);
    check_weight(kComponentInfo[k].name, w);
    switch (component_index(k)) {
      case ScoreIndex::Cx: cx.add(components[k], w); break;
      case ScoreIndex::Ex: ex.add(components[k], w); break;
      case ScoreIndex::Cost: cost.add(components[k], w); break;
    }
  }
  check_weight("cx_weight", card.cx_weight);
  check_weight("ex_weight", card.ex_weight);
  check_weight("cost_weight", card.cost_weight);
  Scores s{cx.value(), ex.value(), cost.value(), kNaN};
  WeightedMean tx;
  tx.add(s.cx, card.cx_weight);
  tx.add(s.ex, card.ex_weight);
  tx.add(s.cost, card.cost_weight);
  s.tx = tx.value();
  return s;
}

std::vector<model::SpecIssue> validate_scorecard(const ScorecardSpec& card) {
  std::vector<model::SpecIssue> issues;
  for (const ScoreComponent& component : kScoreComponents) {
    const ScoreAnchor& anchor = card.*component.anchor;
    // A component scores linearly between its anchors; equal anchors leave no line to score on.
    if (anchor.worst == anchor.best)
      issues.push_back({"scorecard." + std::string(component.key),
                        fmt::format("expected different worst and best values, found {} for both", anchor.worst)});
  }
  if (card.cx_weight == 0 && card.ex_weight == 0 && card.cost_weight == 0)
    issues.push_back({"scorecard", "expected at least one of cx_weight, ex_weight, cost_weight > 0, found all 0"});
  // An index weighted into TX but with every component at weight 0 could never be computed. (A
  // negative weight is the schema's range error, not this one.)
  const struct {
    ScoreIndex index;
    std::string_view weight_key;
    double weight;
  } indices[] = {{ScoreIndex::Cx, "cx_weight", card.cx_weight},
                 {ScoreIndex::Ex, "ex_weight", card.ex_weight},
                 {ScoreIndex::Cost, "cost_weight", card.cost_weight}};
  for (const auto& index : indices) {
    if (!(index.weight > 0)) continue;
    bool all_zero = true;
    for (std::size_t k = 0; k < kComponentCount; ++k)
      all_zero = all_zero && (component_index(k) != index.index || component_weight(card, k) == 0);
    if (all_zero)
      issues.push_back({"scorecard." + std::string(index.weight_key),
                        fmt::format("{} = {} but every {} component has weight 0; give one a weight > 0 or set {} "
                                    "to 0",
                                    index.weight_key, index.weight, to_string(index.index), index.weight_key)});
  }
  return issues;
}

}  // namespace txsim::score
