// Employee dynamics against exact theory. With the strain effects switched off, absence,
// attrition and no-shows must reproduce their configured rates; with constant seats and
// immediate replacement each seat is a discrete renewal process, so the tenure mix and the mean
// learning-curve multiplier must match the stationary renewal formulas (analytic/renewal.hpp).
// Each replication-mean must lie within 4 estimated standard errors of the exact value.

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "scenario_builders.hpp"
#include "txsim/analytic/renewal.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/stats/confidence.hpp"

using txsim::model::ExKpi;

namespace {

constexpr double kZ = 4.0;

// 200 seats for a year, a trickle of calls, every strain effect off, replacement the next day.
txsim::model::ScenarioSpec renewal_centre() {
  auto spec = txsim::testing::workforce_centre(200, 200, 365);
  auto& wf = *spec.workforce;
  wf.effects.absence_strain_coefficient = 0.0;
  wf.effects.attrition_strain_coefficient = 0.0;
  wf.hiring.lead_time_days = 0;
  wf.hiring.no_show_probability = 0.0;
  wf.hiring.training_days = 0;
  return spec;
}

txsim::experiment::ExperimentResult run(const txsim::model::ScenarioSpec& spec) {
  txsim::experiment::ReplicationOptions options;
  options.seed = 424242;
  options.replications = 20;
  options.detail = txsim::experiment::Detail::Total;
  return txsim::experiment::run_replications(spec, options);
}

void check_close(const txsim::experiment::ExperimentResult& r, ExKpi kpi, double exact) {
  const auto& s = r.ex_total[static_cast<std::size_t>(kpi)];
  const double se = s.half_width / txsim::stats::t_quantile(0.95, s.n - 1);
  CAPTURE(txsim::model::info(kpi).name);
  CAPTURE(s.mean);
  CAPTURE(se);
  CAPTURE(exact);
  CHECK(std::abs(s.mean - exact) <= kZ * se);
}

txsim::analytic::TenureHazard hazard_of(const txsim::model::ScenarioSpec& spec) {
  const auto& a = spec.workforce->attrition;
  return {a.annual_rate, a.early_annual_rate, a.early_tenure_days};
}

}  // namespace

TEST_CASE("absence reproduces its configured daily probability") {
  const auto r = run(renewal_centre());
  check_close(r, ExKpi::AbsenceRate, renewal_centre().workforce->absence.daily_probability);
}

TEST_CASE("attrition, tenure mix and learning curve match stationary renewal theory") {
  const auto spec = renewal_centre();
  const auto hazard = hazard_of(spec);
  const auto r = run(spec);
  // Renewals per seat-day = 1 / mean tenure (elementary renewal theorem, exact in steady state).
  check_close(r, ExKpi::AnnualisedAttrition, 365.0 / txsim::analytic::mean_tenure_days(hazard));
  check_close(r, ExKpi::ShareTenureUnder90, txsim::analytic::stationary_share_below(hazard, 90));
  const auto& learning = spec.workforce->learning;
  check_close(r, ExKpi::LearningMultiplier,
              txsim::analytic::stationary_mean_learning_multiplier(hazard, 0.0, learning.initial_handle_time_multiplier,
                                                                   learning.half_life_days));
  // Seats are refilled the next day: headcount stays at 200 on every day.
  CHECK(r.ex_total[static_cast<std::size_t>(ExKpi::Employed)].mean == 200.0);
}

TEST_CASE("no-shows reproduce their configured probability") {
  auto spec = renewal_centre();
  spec.workforce->hiring.no_show_probability = 0.25;
  spec.workforce->attrition.annual_rate = 0.6;
  const auto r = run(spec);
  double no_shows = 0.0;
  double trials = 0.0;
  for (const auto& rep : r.replications) {
    no_shows += rep.ex_total[static_cast<std::size_t>(ExKpi::NoShows)];
    trials += rep.ex_total[static_cast<std::size_t>(ExKpi::NoShows)] + rep.ex_total[static_cast<std::size_t>(ExKpi::Hires)];
  }
  // Pooled Bernoulli trials: one per candidate due to start.
  CAPTURE(no_shows / trials);
  CHECK(std::abs(no_shows / trials - 0.25) <= kZ * std::sqrt(0.25 * 0.75 / trials));
}
